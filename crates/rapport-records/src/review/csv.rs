//! The review as CSV: one writer per table, for `rapport report` and the
//! window's export alike.

use super::{Attempt, SkillMap, Skills, Trainee};
use rapport_core::rulebook::{Lessons, Rulebook};
use rapport_core::text::Lang;
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
        "typed",
        "words_agree",
    ])?;
    for s in sessions {
        let (typed, agree) = super::typed::agreement(&s.typed);
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
            typed.to_string(),
            agree.to_string(),
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
        "typed",
        "words_agree",
        "agreement",
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
            t.typed.to_string(),
            t.words_agree.to_string(),
            two_places(t.agreement),
        ])?;
    }
    Ok(())
}

/// The skill map as one table: per trainee, then the team (`scope` tells
/// which, the trainee's name left empty for the team), one row per rule and
/// per lesson that applied, with its title in `lang`, the counts of both
/// halves the trend is drawn from, and its place among the weakest (1 to
/// 3, empty when it is not).
pub fn write_skills_csv<W: Write>(
    w: &mut csv::Writer<W>,
    skills: &Skills,
    book: &Rulebook,
    lessons: &Lessons,
    lang: Lang,
) -> csv::Result<()> {
    w.write_record([
        "scope",
        "trainee",
        "sessions",
        "kind",
        "id",
        "title",
        "applied",
        "held",
        "rate",
        "trend",
        "earlier_applied",
        "earlier_held",
        "later_applied",
        "later_held",
        "weakest",
    ])?;
    for m in maps(skills) {
        let (scope, name) = scope(m);
        for (kind, rows, weakest) in [
            ("rule", &m.rules, &m.weakest_rules),
            ("lesson", &m.lessons, &m.weakest_lessons),
        ] {
            for s in rows {
                let title = if kind == "rule" {
                    book.rule(&s.id).map(|r| r.title.get(lang))
                } else {
                    lessons.get(&s.id).map(|l| l.lesson.get(lang))
                };
                let rank = weakest.iter().position(|id| *id == s.id);
                w.write_record([
                    scope.to_string(),
                    name.to_string(),
                    m.sessions.to_string(),
                    kind.to_string(),
                    s.id.clone(),
                    title.unwrap_or_default().to_string(),
                    s.applied.to_string(),
                    s.held.to_string(),
                    two_places(s.rate),
                    two_places(s.trend),
                    s.earlier.applied.to_string(),
                    s.earlier.held.to_string(),
                    s.later.applied.to_string(),
                    s.later.held.to_string(),
                    rank.map_or(String::new(), |r| (r + 1).to_string()),
                ])?;
            }
        }
    }
    Ok(())
}

/// What each trainee, then the team, should practise next: one row each,
/// the weak rules space-separated and those the session can test as
/// `rule:chance`.
pub fn write_practice_csv<W: Write>(w: &mut csv::Writer<W>, skills: &Skills) -> csv::Result<()> {
    w.write_record([
        "scope",
        "trainee",
        "sessions",
        "weakest_rules",
        "weakest_lessons",
        "scenario",
        "difficulty",
        "because",
        "tests",
    ])?;
    for m in maps(skills) {
        let (scope, name) = scope(m);
        let next = m.next.as_ref();
        w.write_record([
            scope.to_string(),
            name.to_string(),
            m.sessions.to_string(),
            m.weakest_rules.join(" "),
            m.weakest_lessons.join(" "),
            next.map_or(String::new(), |n| n.scenario.clone()),
            next.map_or(String::new(), |n| n.difficulty.to_string()),
            next.map_or(String::new(), |n| n.because.id().to_string()),
            next.map_or(String::new(), |n| {
                (n.tests.iter())
                    .map(|t| format!("{}:{:.2}", t.rule, t.applies))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        ])?;
    }
    Ok(())
}

/// Every trainee's map, then the team's.
fn maps(skills: &Skills) -> impl Iterator<Item = &SkillMap> {
    skills.trainees.iter().chain(skills.team.as_ref())
}

fn scope(m: &SkillMap) -> (&'static str, &str) {
    match &m.trainee {
        Some(t) => ("trainee", t.as_str()),
        None => ("team", ""),
    }
}

/// A number as both tables write it; nothing when there is none.
fn two_places(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.2}"))
}
