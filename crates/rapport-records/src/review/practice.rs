//! What a trainee (or the team) should play next: the scenario and level
//! that put their weakest rules to the test most.

use super::Attempt;
use super::Coverages;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Difficulty;
use serde::Serialize;
use std::collections::BTreeMap;

/// The next session to practise, and why.
///
/// **The scenario** is the one whose sessions put the weakest rules to the
/// test most: each weak rule counts by its [`need`](super::Skill::need)
/// times the probability that a session at that level applies it under
/// random play ([`Coverages`]), and only where it can go both ways there (a
/// rule a scenario can only break, or only keep, teaches nothing). Random
/// play is the yardstick because a trainee who still breaks a rule does not
/// yet know the path that keeps it: the scenario must bring the rule up
/// whatever they choose. Ties go to the scenario played least in the
/// window, for variety, then to the order the scenarios are known in. With
/// nothing broken lately, the scenario played least is proposed, at the
/// level the trainee is ready for.
///
/// **The level** is the one the trainee is ready for in that scenario: one
/// up from the level they last passed it at, the same one they last failed
/// at, or normal (the scenario as written) the first time; the team's is
/// normal. When that level cannot test any of the weak rules (a rule that
/// needs an impatient client may apply only on hard), the nearest level
/// that can is proposed instead, the easier of two as near.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Practice {
    /// The scenario's id.
    pub scenario: String,
    /// The level, by name.
    pub difficulty: &'static str,
    /// Why that level.
    pub because: Because,
    /// The weak rules the session can test, weakest first, with the chance
    /// it applies each.
    pub tests: Vec<Tested>,
}

/// Why a level is proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Because {
    /// Not played yet: the scenario as written.
    FirstTime,
    /// For the whole team: the scenario as written, whoever played it.
    Team,
    /// Passed at the level below last time (or at the hardest).
    PassedLast,
    /// Not passed at this level last time.
    FailedLast,
    /// The level it is ready for cannot test the weak rules; this one can.
    NearestThatTests,
}

impl Because {
    /// The reason as JSON and CSV name it.
    pub fn id(self) -> &'static str {
        match self {
            Because::FirstTime => "first_time",
            Because::Team => "team",
            Because::PassedLast => "passed_last",
            Because::FailedLast => "failed_last",
            Because::NearestThatTests => "nearest_that_tests",
        }
    }

    /// The reason in words, as the command line and the window say it.
    pub fn label(self) -> rapport_core::i18n::Label {
        use rapport_core::i18n::Label;
        match self {
            Because::FirstTime => Label::FirstTime,
            Because::Team => Label::ForTheTeam,
            Because::PassedLast => Label::PassedLast,
            Because::FailedLast => Label::FailedLast,
            Because::NearestThatTests => Label::NearestThatTests,
        }
    }
}

/// A weak rule the proposed session can test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tested {
    /// The rule's id.
    pub rule: String,
    /// The probability a session at that level applies it, under random
    /// play.
    pub applies: f64,
}

/// The practice for weak rules `weak` (rule index, need), given the
/// trainee's replayed sessions `played` in time order (none for the team)
/// and how often the window holds each scenario.
pub(crate) fn recommend(
    weak: &[(usize, f64)],
    played: &[&Attempt],
    plays: &BTreeMap<&str, usize>,
    coverage: &Coverages,
    book: &Rulebook,
) -> Option<Practice> {
    // Nothing weak asks nothing of the tables: no distribution to compute.
    let value = |i: usize, level: Difficulty| -> f64 {
        if weak.is_empty() {
            return 0.0;
        }
        let at = coverage.at(i, level);
        weak.iter()
            .map(|&(r, need)| {
                let ch = at.chance(r);
                if ch.testable { need * ch.applies } else { 0.0 }
            })
            .sum()
    };
    let mut best: Option<(f64, usize, usize, Difficulty, Because)> = None;
    for i in 0..coverage.len() {
        let (ready, because) = readiness(coverage.id(i), played);
        let (level, because) = if weak.is_empty() || value(i, ready) > 0.0 {
            (ready, because)
        } else {
            let testing = Difficulty::ALL
                .into_iter()
                .filter(|&l| value(i, l) > 0.0)
                .min_by_key(|&l| ((l as i8 - ready as i8).abs(), l));
            match testing {
                Some(l) => (l, Because::NearestThatTests),
                None => continue,
            }
        };
        let v = value(i, level);
        let n = plays.get(coverage.id(i)).copied().unwrap_or(0);
        let better = best.as_ref().is_none_or(|b| {
            v.total_cmp(&b.0)
                .then_with(|| b.1.cmp(&n))
                .then_with(|| b.2.cmp(&i))
                .is_gt()
        });
        if better {
            best = Some((v, n, i, level, because));
        }
    }
    let (_, _, i, level, because) = best?;
    let tests = if weak.is_empty() {
        Vec::new()
    } else {
        let at = coverage.at(i, level);
        weak.iter()
            .filter(|&&(r, _)| at.chance(r).testable)
            .map(|&(r, _)| Tested {
                rule: book.rules[r].id.clone(),
                applies: at.chance(r).applies,
            })
            .collect()
    };
    Some(Practice {
        scenario: coverage.id(i).to_string(),
        difficulty: level.name(),
        because,
        tests,
    })
}

/// The levels [`recommend`] asks of every scenario first, for a trainee
/// who played `played`: computed together, in parallel, before it does.
pub(crate) fn first_asked(played: &[&Attempt], coverage: &Coverages) -> Vec<(usize, Difficulty)> {
    (0..coverage.len())
        .map(|i| (i, readiness(coverage.id(i), played).0))
        .collect()
}

/// The level a trainee is ready for in `scenario`, from the last time they
/// played it.
fn readiness(scenario: &str, played: &[&Attempt]) -> (Difficulty, Because) {
    let last = played
        .iter()
        .rev()
        .filter(|a| a.scenario == scenario)
        .find_map(|a| Some((a.difficulty.parse::<Difficulty>().ok()?, a.passed?)));
    match last {
        None => (Difficulty::Normal, Because::FirstTime),
        Some((level, false)) => (level, Because::FailedLast),
        Some((level, true)) => {
            let up = match level {
                Difficulty::Easy => Difficulty::Normal,
                Difficulty::Normal | Difficulty::Hard => Difficulty::Hard,
            };
            (up, Because::PassedLast)
        }
    }
}
