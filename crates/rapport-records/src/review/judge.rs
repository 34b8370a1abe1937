//! Replaying records under today's scenarios and rulebook, and saying how
//! far each stored score holds.

use super::{Attempt, Filter, Standing};
use crate::record::Record;
use crate::store::DataDir;
use rapport_core::monitor::Status;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Scenario;
use rapport_core::score::Score;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Scores within this of each other are the same score (they went through
/// a text file).
const SAME_SCORE: f64 = 1e-6;

/// The scenarios a review replays against, by id.
pub struct Judge<'a> {
    book: &'a Rulebook,
    scenarios: BTreeMap<&'a str, &'a Scenario>,
}

/// The attempts a review found, and the files it could not read.
#[derive(Default)]
pub struct Reviewed {
    /// In the order the records were started.
    pub sessions: Vec<Attempt>,
    /// Files that are not records, by path, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

impl<'a> Judge<'a> {
    /// A judge that replays records under `book` against `scenarios`; a
    /// record of a scenario not among them cannot be replayed.
    pub fn new(book: &'a Rulebook, scenarios: impl IntoIterator<Item = &'a Scenario>) -> Self {
        Judge {
            book,
            scenarios: scenarios.into_iter().map(|s| (s.id.as_str(), s)).collect(),
        }
    }

    /// Replays one record on today's scenario, or says why it cannot be.
    pub(crate) fn replay(&self, r: &Record) -> Result<rapport_core::session::Session<'a>, String> {
        let scenario = self
            .scenarios
            .get(r.scenario.as_str())
            .ok_or_else(|| format!("no scenario `{}` here", r.scenario))?;
        r.replay(scenario, self.book).map_err(|e| e.to_string())
    }

    /// Replays one record and says how far its stored score holds.
    pub(crate) fn attempt(&self, path: &Path, r: &Record) -> Attempt {
        self.attempt_with(path, r, |session, score| {
            (score.overall - r.score.overall).abs() <= SAME_SCORE
                && score.passed == r.score.passed
                && session.ending_id() == r.score.ending.as_deref()
        })
    }

    /// Replays one record and says how far its stored score holds, by
    /// `agrees`: whether what was stored says what the replay says. A
    /// record file holds only its score; a session's statements in an LRS
    /// say more (the rules of every answer), and all of it is checked.
    pub(crate) fn attempt_with(
        &self,
        path: &Path,
        r: &Record,
        agrees: impl FnOnce(&rapport_core::session::Session, &Score) -> bool,
    ) -> Attempt {
        let mut out = Attempt {
            path: path.to_path_buf(),
            id: r.id.to_string(),
            trainee: r.trainee.clone(),
            scenario: r.scenario.clone(),
            started: r.started,
            seconds: r.duration().as_secs_f64().max(0.0),
            difficulty: r.difficulty.name(),
            lang: r.lang.code(),
            score: None,
            passed: None,
            ending: None,
            outcome: None,
            held: Default::default(),
            broken: Vec::new(),
            critical_broken: Vec::new(),
            standing: Standing::Verified,
            typed: super::typed_answers(r, self.scenarios.get(r.scenario.as_str()).copied()),
        };
        let stored = r.score.overall;
        let Some(scenario) = self.scenarios.get(r.scenario.as_str()) else {
            out.standing = Standing::Unreplayable {
                stored,
                why: format!("no scenario `{}` here", r.scenario),
            };
            return out;
        };
        let session = match r.replay(scenario, self.book) {
            Ok(s) => s,
            Err(e) => {
                out.standing = Standing::Unreplayable {
                    stored,
                    why: e.to_string(),
                };
                return out;
            }
        };
        let statuses = session.statuses();
        let score = Score::of(self.book, &statuses);
        for (i, s) in statuses.iter().enumerate() {
            let rule = &self.book.rules[i];
            match s {
                Status::Held => out.held.insert(i),
                Status::Broken => {
                    out.broken.push(rule.id.clone());
                    if rule.critical {
                        out.critical_broken.push(rule.id.clone());
                    }
                }
                Status::NotApplicable => {}
            }
        }
        let changed = scenario.hash != r.scenario_hash || self.book.hash != r.rulebook_hash;
        let same = agrees(&session, &score);
        out.standing = match (changed, same) {
            (true, _) => Standing::ScenarioChanged { stored },
            (false, true) => Standing::Verified,
            (false, false) => Standing::Altered { stored },
        };
        out.score = Some(score.overall);
        out.passed = Some(score.passed);
        out.ending = session.ending_id().map(str::to_string);
        out.outcome = session.outcome().map(|o| o.id());
        out
    }

    /// Reads and replays every record under `data` that `filter` keeps. A
    /// file that cannot be read is skipped and reported.
    pub fn review(&self, data: &DataDir, filter: &Filter) -> Reviewed {
        let selected = super::select(data, filter, |path, r| self.attempt(path, r));
        Reviewed {
            sessions: selected.kept,
            skipped: selected.skipped,
        }
    }
}
