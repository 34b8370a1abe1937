//! The review as CSV: one writer per table, for `rapport report` and the
//! window's export alike.

use super::{Attempt, Trainee};
use std::io::Write;

/// One row per attempt: `rapport report --format csv` and the review
/// screen's export.
pub fn write_sessions_csv<W: Write>(
    w: &mut csv::Writer<W>,
    sessions: &[Attempt],
) -> csv::Result<()> {
    w.write_record([
        "id",
        "started",
        "trainee",
        "scenario",
        "difficulty",
        "lang",
        "seconds",
        "score",
        "passed",
        "ending",
        "outcome",
        "record",
        "stored_score",
        "broken",
        "critical_broken",
        "path",
    ])?;
    for s in sessions {
        w.write_record([
            s.id.clone(),
            s.started.to_string(),
            s.trainee.clone(),
            s.scenario.clone(),
            s.difficulty.to_string(),
            s.lang.to_string(),
            format!("{:.1}", s.seconds),
            two_places(s.score),
            s.passed.map_or(String::new(), |p| p.to_string()),
            s.ending.clone().unwrap_or_default(),
            s.outcome.unwrap_or_default().to_string(),
            s.standing.label().to_string(),
            two_places(s.standing.stored()),
            s.broken.join(" "),
            s.critical_broken.join(" "),
            s.path.display().to_string(),
        ])?;
    }
    Ok(())
}

/// One row per trainee, as [`super::trainees`] sums them up; the most
/// broken rules as `rule:times`, space-separated.
pub fn write_trainees_csv<W: Write>(w: &mut csv::Writer<W>, people: &[Trainee]) -> csv::Result<()> {
    w.write_record([
        "trainee",
        "attempts",
        "best",
        "last",
        "first_to_last",
        "trend",
        "critical_breaks",
        "most_broken",
    ])?;
    for t in people {
        w.write_record([
            t.trainee.clone(),
            t.attempts.to_string(),
            two_places(t.best),
            two_places(t.last),
            two_places(t.first_to_last),
            two_places(t.trend),
            t.critical_breaks.to_string(),
            t.most_broken
                .iter()
                .map(|b| format!("{}:{}", b.rule, b.times))
                .collect::<Vec<_>>()
                .join(" "),
        ])?;
    }
    Ok(())
}

/// A number as both tables write it; nothing when there is none.
fn two_places(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.2}"))
}
