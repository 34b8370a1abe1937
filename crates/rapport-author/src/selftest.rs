//! Scenario self-tests: golden runs an author keeps beside a scenario
//! (`NAME.tests.ron`): a seed, the choices, and what must come of them (the
//! ending, rules held and broken, the score's range). `rapport test` plays
//! them all, so an edit that changes what a path teaches is caught.

use rapport_core::diagnostic::{Diagnostic, Source};
use rapport_core::monitor::Status;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use rapport_core::session::Session;
use serde::Deserialize;
use std::path::Path;

/// A `NAME.tests.ron` file: the golden runs of one scenario.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Tests")]
pub struct TestsFile {
    /// The id of the scenario these runs play.
    pub scenario: String,
    /// The runs, played in order.
    pub runs: Vec<Run>,
}

/// One golden run: a path through the scenario and what it must teach.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    /// What the run shows, as a test name.
    pub name: String,
    /// Fixes the random events and the order the options are listed in.
    pub seed: u64,
    /// The level it is played at; normal when left out.
    #[serde(default = "normal")]
    pub difficulty: Difficulty,
    /// The client's temperament the seed must draw, by id: pins the client
    /// the expectations are about, so that a run fails plainly if the
    /// temperaments change under it rather than with puzzling scores.
    #[serde(default)]
    pub temperament: Option<String>,
    /// The options taken, as listed at each beat (1-based; 0 lets the time
    /// run out), as `rapport play --choose` takes them.
    pub choose: Vec<usize>,
    /// The ending reached; `None` for a session cut off by the turn limit.
    pub ending: Option<String>,
    /// Rules that must hold, by id.
    #[serde(default)]
    pub held: Vec<String>,
    /// Rules that must break, by id.
    #[serde(default)]
    pub broken: Vec<String>,
    /// The overall score, both ends included.
    pub score: Option<Range>,
}

fn normal() -> Difficulty {
    Difficulty::Normal
}

/// A closed range of scores.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// The lowest score allowed.
    pub min: f64,
    /// The highest score allowed.
    pub max: f64,
}

impl TestsFile {
    /// Reads a tests file; rule ids are checked against `book` when run.
    pub fn load(path: &Path, bytes: &[u8]) -> Result<TestsFile, Diagnostic> {
        let text = rapport_core::ron_text::decode(path, bytes)?;
        let file: TestsFile = rapport_core::ron_text::parse(path, text)?;
        let src = Source::new(path, text);
        for (i, run) in file.runs.iter().enumerate() {
            let bad = run.score.is_some_and(|r| {
                !(0.0..=100.0).contains(&r.min) || !(0.0..=100.0).contains(&r.max) || r.min > r.max
            });
            if bad {
                let at = src.offset(&format!("runs[{i}].score"));
                return Err(src.error(
                    at,
                    format!(
                        "run {} (`{}`): score range must lie within 0..=100, min ≤ max",
                        i + 1,
                        run.name
                    ),
                ));
            }
        }
        Ok(file)
    }
}

/// What came of one run: nothing when it went as expected.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The run's name.
    pub name: String,
    /// What differed from what the run expects, one line each.
    pub failures: Vec<String>,
}

impl Outcome {
    /// Whether the run went as expected.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Plays every run of `tests` on `scenario` under `book`.
pub fn run_all(tests: &TestsFile, scenario: &Scenario, book: &Rulebook) -> Vec<Outcome> {
    tests
        .runs
        .iter()
        .map(|run| Outcome {
            name: run.name.clone(),
            failures: run_one(run, scenario, book),
        })
        .collect()
}

fn run_one(run: &Run, scenario: &Scenario, book: &Rulebook) -> Vec<String> {
    let mut failures = Vec::new();
    for id in run.held.iter().chain(&run.broken) {
        if !book.rules.iter().any(|r| r.id == *id) {
            failures.push(format!("the rulebook has no rule `{id}`"));
        }
    }
    if !failures.is_empty() {
        return failures;
    }
    let mut session = Session::new(scenario, book, run.difficulty, run.seed);
    let drawn = session.world.temperament().map(|t| t.id.as_str());
    if let Some(want) = &run.temperament
        && drawn != Some(want.as_str())
    {
        failures.push(match drawn {
            Some(got) => format!("seed {} draws temperament `{got}`, not `{want}`", run.seed),
            None => format!("temperament `{want}`: the scenario has no temperaments"),
        });
        return failures;
    }
    for (step, &n) in run.choose.iter().enumerate() {
        if let Err(e) = session.choose_listed(n) {
            failures.push(format!("choice {} (option {n}): {e}", step + 1));
            return failures;
        }
    }
    if !session.is_over() {
        let at = session.beat().map_or("?", |b| b.id.as_str());
        failures.push(format!(
            "the choices end at beat `{at}`, before the meeting does"
        ));
        return failures;
    }
    let ending = session.ending_id();
    if ending != run.ending.as_deref() {
        failures.push(format!(
            "ending: expected {}, got {}",
            name_or_cut(run.ending.as_deref()),
            name_or_cut(ending)
        ));
    }
    let statuses = session.statuses();
    let status_of = |id: &str| {
        book.rules
            .iter()
            .position(|r| r.id == id)
            .map(|i| statuses[i])
    };
    for (ids, want) in [(&run.held, Status::Held), (&run.broken, Status::Broken)] {
        for id in ids {
            if let Some(got) = status_of(id)
                && got != want
            {
                failures.push(format!(
                    "rule `{id}`: expected {}, was {}",
                    name(want),
                    name(got)
                ));
            }
        }
    }
    if let Some(r) = run.score {
        let score = session.score().overall;
        if score < r.min - 1e-9 || score > r.max + 1e-9 {
            failures.push(format!("score {score:.1} is outside {}..={}", r.min, r.max));
        }
    }
    failures
}

fn name(s: Status) -> &'static str {
    match s {
        Status::Held => "held",
        Status::Broken => "broken",
        Status::NotApplicable => "not applicable",
    }
}

fn name_or_cut(e: Option<&str>) -> String {
    e.map_or("the turn limit".into(), |e| format!("`{e}`"))
}
