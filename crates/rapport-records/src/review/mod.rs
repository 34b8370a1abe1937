//! The manager's review: every record's score recomputed from its choices,
//! compared with what was stored, and summed up per trainee.
//!
//! The [`Judge`] replays records into [`Attempt`]s; [`Filter`] chooses the
//! records (and, with the selection shared with the xAPI export, reads
//! them); the aggregates sum attempts up per trainee, rule and scenario;
//! the skill map says per trainee and for the team how each rule and lesson
//! fares lately and what to practise next; the CSV writers are the one
//! export of these tables, for the command line and the window alike.

use jiff::Timestamp;
use serde::Serialize;
use std::path::PathBuf;

mod aggregates;
mod coverages;
mod csv;
mod filter;
mod judge;
mod practice;
mod skills;
mod team;
mod typed;

pub use aggregates::{Broken, Heat, Trainee, best_by_scenario, heat, series, trainees};
pub use coverages::Coverages;
pub use csv::{write_practice_csv, write_sessions_csv, write_skills_csv, write_trainees_csv};
pub use filter::Filter;
pub(crate) use filter::select;
pub use judge::{Judge, Reviewed};
pub use practice::{Because, Practice, Tested};
pub use skills::{DEFAULT_LAST, Half, Skill, SkillMap, Skills, skills};
pub use team::{Team, TeamReview};
pub use typed::{TypedAnswer, typed_answers};

/// How far a record's stored score can be believed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "standing", rename_all = "snake_case")]
pub enum Standing {
    /// Replayed to the score it claims.
    Verified,
    /// Same scenario and rulebook, a different score: someone edited it.
    Altered {
        /// The score the record claims.
        stored: f64,
    },
    /// The scenario or the rulebook changed since; the score is recomputed
    /// under today's, beside the one stored.
    ScenarioChanged {
        /// The score the record claims.
        stored: f64,
    },
    /// Today's scenario cannot replay these choices, or is gone.
    Unreplayable {
        /// The score the record claims.
        stored: f64,
        /// Why the choices cannot be replayed.
        why: String,
    },
}

impl Standing {
    /// The standing as the CSV export names it.
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Standing::Verified => "verified",
            Standing::Altered { .. } => "altered",
            Standing::ScenarioChanged { .. } => "scenario changed",
            Standing::Unreplayable { .. } => "cannot replay",
        }
    }

    /// The score the record claims, when the review shows it beside the
    /// recomputed one.
    pub(crate) fn stored(&self) -> Option<f64> {
        match self {
            Standing::Verified => None,
            Standing::Altered { stored }
            | Standing::ScenarioChanged { stored }
            | Standing::Unreplayable { stored, .. } => Some(*stored),
        }
    }
}

/// A set of rules by their place in the rulebook, one bit each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSet(Box<[u64]>);

impl RuleSet {
    /// Adds rule `i`.
    pub fn insert(&mut self, i: usize) {
        let word = i / 64;
        if word >= self.0.len() {
            let mut grown = std::mem::take(&mut self.0).into_vec();
            grown.resize(word + 1, 0);
            self.0 = grown.into_boxed_slice();
        }
        self.0[word] |= 1 << (i % 64);
    }

    /// Whether rule `i` is in the set.
    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// One kept session as the review lists it: a trainee's attempt at a
/// scenario, replayed under today's scenario and rulebook.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    /// The record file.
    pub path: PathBuf,
    /// The record's id.
    pub id: String,
    /// Who played.
    pub trainee: String,
    /// The scenario's id.
    pub scenario: String,
    /// When the session started.
    pub started: Timestamp,
    /// How long it took.
    pub seconds: f64,
    /// The level played, by name.
    pub difficulty: &'static str,
    /// The language played, by code.
    pub lang: &'static str,
    /// Recomputed; `None` when it cannot be.
    pub score: Option<f64>,
    /// Whether the recomputed score passes.
    pub passed: Option<bool>,
    /// The ending reached on replay.
    pub ending: Option<String>,
    /// The ending's outcome (deal, follow-up...), by id.
    pub outcome: Option<&'static str>,
    /// The rules held on replay, by their place in the rulebook the judge
    /// replayed under: with `broken`, every rule that applied, which the
    /// skill map counts. Places rather than ids, and left out of the
    /// serialised attempt, so that a review of a hundred thousand sessions
    /// does not carry a list of names for each.
    #[serde(skip)]
    pub held: RuleSet,
    /// The rules broken on replay, by id.
    pub broken: Vec<String>,
    /// Those of them that are critical.
    pub critical_broken: Vec<String>,
    /// How far the stored score holds.
    #[serde(flatten)]
    pub standing: Standing,
    /// What the trainee typed before the options appeared, at each beat
    /// where they were asked; empty (and left out of JSON) otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub typed: Vec<TypedAnswer>,
}

#[cfg(test)]
mod skills_tests;
