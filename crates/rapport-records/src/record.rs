//! Records: every finished session kept as one human-readable RON file with
//! what replay needs. The score is stored as it was computed then, only so
//! that a review can compare it with a fresh replay: it is never trusted.

use jiff::Timestamp;
use rapport_core::engine::Pick;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use rapport_core::session::{Session, Typed};
use rapport_core::text::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;
use uuid::Uuid;

/// The format this build writes. Format 1 (choices by index alone) still
/// loads: its choices simply have no `said`. Newer formats are refused with
/// a message.
pub const FORMAT: u32 = 2;

/// A finished session as kept on disk: who played which scenario, when, and
/// every choice, enough to replay it exactly and judge it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The record format it was written in.
    pub format: u32,
    /// Names the session for good: xAPI statement ids derive from it.
    pub id: Uuid,
    /// Who played.
    pub trainee: String,
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's own version number then.
    pub scenario_version: u32,
    /// The scenario file's content hash then: a review tells a changed
    /// scenario from an altered record by it.
    pub scenario_hash: String,
    /// The rulebook's content hash then.
    pub rulebook_hash: String,
    /// The seed the events and the order of the options were drawn from.
    pub seed: u64,
    /// The language played.
    pub lang: Lang,
    /// The level played.
    pub difficulty: Difficulty,
    /// When the session started.
    pub started: Timestamp,
    /// When it ended.
    pub ended: Timestamp,
    /// Every answer, in order.
    pub choices: Vec<Choice>,
    /// As computed when the session ended.
    pub score: StoredScore,
}

/// One answer: at which beat, which choice as written in the scenario
/// (`None`: the time ran out), what the trainee said, and how long they took.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// The beat's id.
    pub beat: String,
    /// The option's index as written in the scenario; `None` for silence.
    pub choice: Option<u8>,
    /// The option's text in the session's language (since format 2). Authors
    /// reorder options, not least to keep the best one off the top; by the
    /// text, replay still finds the answer the trainee gave, where an index
    /// alone would silently name another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<String>,
    /// How long the trainee took, when measured.
    pub millis: Option<u32>,
    /// What the trainee typed before the options appeared ("say it first"),
    /// or that they skipped typing; absent when they were not asked. Only
    /// ever shown: replay does not read it, so it needs no new format, and a
    /// build that predates it reads the record and scores it the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<Typed>,
}

/// The score as computed when the session ended: only ever compared with a
/// fresh replay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredScore {
    /// The overall score, 0..=100.
    pub overall: f64,
    /// Whether it passed.
    pub passed: bool,
    /// The ending's id, or the turn limit's.
    pub ending: Option<String>,
}

/// Why a record's choices cannot be played again on today's scenario.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ReplayError {
    /// The scenario sends this step to another beat than it did.
    #[error("the record's step {step} is at beat `{recorded}`, but the scenario is now at `{now}`")]
    BeatMoved {
        /// The step, 1-based.
        step: usize,
        /// The beat the record names.
        recorded: String,
        /// The beat the scenario is at now.
        now: String,
    },
    /// The choice is not on offer (any more) at its beat.
    #[error("the record's step {step} ({beat}) is a choice the scenario no longer offers")]
    ChoiceGone {
        /// The step, 1-based.
        step: usize,
        /// The beat's id.
        beat: String,
    },
    /// The choices run out before an ending.
    #[error("the record ends before the session does (after {0} choices)")]
    Unfinished(usize),
}

impl Record {
    /// The record of a finished (or abandoned) session.
    pub fn of(
        session: &Session,
        trainee: &str,
        lang: Lang,
        started: Timestamp,
        ended: Timestamp,
    ) -> Record {
        let s = session.scenario();
        let score = session.score();
        Record {
            format: FORMAT,
            id: Uuid::new_v4(),
            trainee: trainee.to_string(),
            scenario: s.id.clone(),
            scenario_version: s.version,
            scenario_hash: s.hash.clone(),
            rulebook_hash: session.world.book.hash.clone(),
            seed: session.world.seed,
            lang,
            difficulty: session.world.level,
            started,
            ended,
            choices: session
                .steps
                .iter()
                .map(|st| {
                    let beat = s.beat(st.beat);
                    let (choice, said) = match st.pick {
                        Pick::Choice(c) => (
                            Some(c),
                            beat.choices
                                .get(usize::from(c))
                                .map(|o| o.text.get(lang).to_string()),
                        ),
                        Pick::Silence => (None, None),
                    };
                    Choice {
                        beat: beat.id.clone(),
                        choice,
                        said,
                        millis: st.millis,
                        typed: st.typed.as_deref().cloned(),
                    }
                })
                .collect(),
            score: StoredScore {
                overall: score.overall,
                passed: score.passed,
                ending: session.ending_id().map(str::to_string),
            },
        }
    }

    /// Plays the record's choices again on `scenario` under `book`. Each step
    /// must land on the beat the record names: a scenario edited since may
    /// have moved them, and then the record cannot be replayed.
    pub fn replay<'a>(
        &self,
        scenario: &'a Scenario,
        book: &'a Rulebook,
    ) -> Result<Session<'a>, ReplayError> {
        let mut session = Session::new(scenario, book, self.difficulty, self.seed);
        for (step, c) in self.choices.iter().enumerate() {
            let now = session
                .beat()
                .map(|b| b.id.clone())
                .unwrap_or_else(|| "the end".into());
            if now != c.beat {
                return Err(ReplayError::BeatMoved {
                    step: step + 1,
                    recorded: c.beat.clone(),
                    now,
                });
            }
            let pick = match c.choice {
                Some(i) => Pick::Choice(
                    session
                        .beat()
                        .map_or(i, |beat| locate(beat, self.lang, i, c.said.as_deref())),
                ),
                None => Pick::Silence,
            };
            session
                .pick_said(pick, c.millis, c.typed.clone())
                .map_err(|_| ReplayError::ChoiceGone {
                    step: step + 1,
                    beat: c.beat.clone(),
                })?;
        }
        if !session.is_over() {
            return Err(ReplayError::Unfinished(self.choices.len()));
        }
        Ok(session)
    }

    /// How long the session took.
    pub fn duration(&self) -> jiff::SignedDuration {
        self.ended.duration_since(self.started)
    }

    /// The record as its file holds it.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(2)
            .struct_names(true);
        ron::ser::to_string_pretty(self, config).expect("a record always serialises")
    }

    /// Reads a record, with located errors for a broken one. Every format
    /// from 1 to [`FORMAT`] loads; a newer one is refused with a message
    /// saying so, and so is a format no build ever wrote.
    pub fn from_ron(
        path: &Path,
        bytes: &[u8],
    ) -> Result<Record, rapport_core::diagnostic::Diagnostic> {
        let text = rapport_core::ron_text::decode(path, bytes)?;
        let unreadable = |f: u32| {
            let src = rapport_core::diagnostic::Source::new(path, text);
            let at = src.key_offset("format");
            let why = if f > FORMAT {
                format!(
                    "record format {f} is newer than this build reads (1 to {FORMAT}); update Rapport"
                )
            } else {
                format!("record format {f} was never written by Rapport; records start at format 1")
            };
            src.error(at, why)
        };
        // The usual case parses once; only a record that fails is read again
        // for its format, so that a newer one gets "update Rapport" rather
        // than the unknown field it trips over.
        match rapport_core::ron_text::parse::<Record>(path, text) {
            // Found by fuzzing: a stored score of NaN parsed, and then
            // compared unequal to everything, itself included.
            Ok(r) if !(r.score.overall.is_finite() && (0.0..=100.0).contains(&r.score.overall)) => {
                let src = rapport_core::diagnostic::Source::new(path, text);
                let at = src.offset("score.overall");
                Err(src.error(
                    at,
                    format!(
                        "the stored score is {}; a score is a number from 0 to 100",
                        r.score.overall
                    ),
                ))
            }
            Ok(r) if (1..=FORMAT).contains(&r.format) => Ok(r),
            Ok(r) => Err(unreadable(r.format)),
            Err(e) => match rapport_core::ron_text::parse::<FormatOnly>(path, text) {
                Ok(f) if f.format > FORMAT => Err(unreadable(f.format)),
                _ => Err(e),
            },
        }
    }
}

/// The option a recorded answer names at `beat`: the one whose text is what
/// the trainee said, wherever the author has moved it since; else, when the
/// text was edited or the record predates it (format 1), the recorded index.
fn locate(beat: &rapport_core::scenario::Beat, lang: Lang, index: u8, said: Option<&str>) -> u8 {
    let Some(said) = said else {
        return index;
    };
    let says = |o: &rapport_core::scenario::Choice| o.text.get(lang) == said;
    if beat.choices.get(usize::from(index)).is_some_and(says) {
        return index;
    }
    let mut found = (0..beat.choices.len()).filter(|&i| says(&beat.choices[i]));
    match (found.next(), found.next()) {
        (Some(i), None) => u8::try_from(i).unwrap_or(index),
        _ => index,
    }
}

/// The trainee's name when none is given: who is logged in.
pub fn default_trainee() -> String {
    ["RAPPORT_TRAINEE", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "trainee".into())
}

/// Just the format field, read before the rest so that a newer record gets
/// "update Rapport" rather than an unknown-field error.
#[derive(Deserialize)]
#[serde(rename = "Record")]
struct FormatOnly {
    format: u32,
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
