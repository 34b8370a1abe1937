//! Sessions rebuilt from their statements: the record that replay needs,
//! and what the statements claim that replay gives, to be checked by the
//! review. A session whose statements are missing, doubled or disagree
//! among themselves cannot be rebuilt, and is reported by its registration.

use super::read::{Answer, Part, Setting, Verdict, What};
use crate::record::{Choice, FORMAT, Record, StoredScore};
use rapport_core::engine::Pick;
use rapport_core::score::Score;
use rapport_core::session::Session;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// A session rebuilt from its statements.
#[derive(Debug)]
pub struct Rebuilt {
    /// What replay needs, and the stored score as the LRS has it.
    pub record: Record,
    /// What the statements say the replay gives.
    pub claims: Claims,
}

/// What a session's statements claim beyond the record: the rules each
/// answer held and broke, the ending and the verdict, and their own ids.
#[derive(Debug)]
pub struct Claims {
    ids: Vec<(String, String)>,
    steps: Vec<Answer>,
    ending: Option<String>,
    verdict: Verdict,
}

/// Why a session (by registration) or a statement (by id) was left out.
pub type Problem = (String, String);

impl Claims {
    /// Whether the statements say what replaying `record` into `session`
    /// (scored `score`) says. The score was written to two decimals.
    pub fn agree(&self, record: &Record, session: &Session, score: &Score) -> bool {
        let raw = (score.overall * 100.0).round() / 100.0;
        let ids = self
            .ids
            .iter()
            .all(|(what, id)| super::statement_id(record, what).to_string() == *id);
        let steps = self.steps.len() == session.steps.len()
            && self.steps.iter().enumerate().all(|(i, a)| {
                let (mut held, mut broken) = super::step_rules(session, i);
                let (mut h, mut b) = (a.held.clone(), a.broken.clone());
                held.sort();
                broken.sort();
                h.sort();
                b.sort();
                let response = match session.steps[i].pick {
                    Pick::Choice(c) => c.to_string(),
                    Pick::Silence => "silence".into(),
                };
                held == h && broken == b && a.response == response
            });
        let v = &self.verdict;
        ids && steps
            && self.ending.as_deref() == session.ending().map(|e| e.id.as_str())
            && (v.raw - raw).abs() < 1e-6
            && (v.scaled - raw / 100.0).abs() < 1e-9
            && v.success == score.passed
            && v.verb_passed == score.passed
    }
}

/// Rebuilds every session whose statements are among `parts`. Statements
/// that share an id but not their content spoil their sessions; equal
/// copies (a page fetched twice) are one.
pub fn rebuild(parts: impl IntoIterator<Item = Part>) -> (Vec<Rebuilt>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut by_id: HashMap<String, Part> = HashMap::new();
    let mut spoiled: HashSet<Uuid> = HashSet::new();
    for p in parts {
        match by_id.get(&p.id) {
            Some(q) if *q == p => {}
            Some(q) => {
                problems.push((
                    p.id.clone(),
                    format!(
                        "statement {} appears twice with different contents (sessions {} and {})",
                        p.id, q.registration, p.registration
                    ),
                ));
                spoiled.insert(q.registration);
                spoiled.insert(p.registration);
            }
            None => {
                by_id.insert(p.id.clone(), p);
            }
        }
    }
    let mut sessions: BTreeMap<Uuid, Vec<Part>> = BTreeMap::new();
    for p in by_id.into_values() {
        sessions.entry(p.registration).or_default().push(p);
    }
    let mut out = Vec::new();
    for (registration, parts) in sessions {
        if spoiled.contains(&registration) {
            problems.push((
                registration.to_string(),
                format!("session {registration}: skipped, two statements share an id"),
            ));
            continue;
        }
        match session(registration, parts) {
            Ok(r) => out.push(r),
            Err(why) => problems.push((
                registration.to_string(),
                format!("session {registration}: {why}"),
            )),
        }
    }
    (out, problems)
}

fn session(registration: Uuid, mut parts: Vec<Part>) -> Result<Rebuilt, String> {
    parts.sort_by(|a, b| a.id.cmp(&b.id));
    let first = &parts[0];
    if let Some(p) = parts
        .iter()
        .find(|p| p.trainee != first.trainee || p.scenario != first.scenario)
    {
        return Err(format!(
            "its statements disagree on the trainee or the scenario (statement {})",
            p.id
        ));
    }
    let (trainee, scenario) = (first.trainee.clone(), first.scenario.clone());
    let mut attempted = Vec::new();
    let mut completed = Vec::new();
    let mut verdicts = Vec::new();
    let mut answers = Vec::new();
    for p in parts {
        match p.what {
            What::Attempted(s) => attempted.push((p.id, p.timestamp, s)),
            What::Completed(s, e) => completed.push((p.id, p.timestamp, s, e)),
            What::Verdict(s, v) => verdicts.push((p.id, s, v)),
            What::Answered(a) => answers.push((p.id, a)),
        }
    }
    let one = |n: usize, what: &str| match n {
        1 => Ok(()),
        0 => Err(format!("statements missing: no `{what}` statement")),
        n => Err(format!("{n} `{what}` statements where Rapport sends one")),
    };
    one(attempted.len(), "attempted")?;
    one(completed.len(), "completed")?;
    one(verdicts.len(), "passed` or `failed")?;
    let (attempted_id, started, setting) = attempted.remove(0);
    let (completed_id, ended, completed_setting, ending) = completed.remove(0);
    let (verdict_id, verdict_setting, verdict) = verdicts.remove(0);
    if completed_setting != setting || verdict_setting != setting {
        return Err("its statements disagree on the seed, level, language or versions".into());
    }
    answers.sort_by_key(|(_, a)| a.step);
    for (i, (id, a)) in answers.iter().enumerate() {
        if a.step != i + 1 {
            return Err(match a.step.cmp(&(i + 1)) {
                std::cmp::Ordering::Less => format!("two answers at step {} ({id})", a.step),
                _ => format!("statements missing: no answer at step {}", i + 1),
            });
        }
    }
    let record = record(
        registration,
        trainee,
        scenario,
        &setting,
        started,
        ended,
        &answers,
        &ending,
        &verdict,
    );
    let mut ids = vec![
        ("attempted".to_string(), attempted_id),
        ("completed".to_string(), completed_id),
        ("verdict".to_string(), verdict_id),
    ];
    let mut steps = Vec::new();
    for (id, a) in answers {
        ids.push((format!("answered/{}", a.step), id));
        steps.push(a);
    }
    Ok(Rebuilt {
        record,
        claims: Claims {
            ids,
            steps,
            ending,
            verdict,
        },
    })
}

#[allow(clippy::too_many_arguments)]
fn record(
    id: Uuid,
    trainee: String,
    scenario: String,
    s: &Setting,
    started: jiff::Timestamp,
    ended: jiff::Timestamp,
    answers: &[(String, Answer)],
    ending: &Option<String>,
    verdict: &Verdict,
) -> Record {
    Record {
        format: FORMAT,
        id,
        trainee,
        scenario,
        scenario_version: s.version,
        scenario_hash: s.scenario_hash.clone(),
        rulebook_hash: s.rulebook_hash.clone(),
        seed: s.seed,
        lang: s.lang,
        difficulty: s.difficulty,
        started,
        ended,
        choices: answers
            .iter()
            .map(|(_, a)| Choice {
                beat: a.beat.clone(),
                choice: a.choice,
                said: a.said.clone(),
                millis: a.millis,
                typed: a.typed.clone(),
            })
            .collect(),
        score: StoredScore {
            overall: verdict.raw,
            passed: verdict.success,
            ending: ending.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::rebuild;
    use crate::record::Record;
    use crate::xapi::Names;
    use crate::xapi::read::{Read, read};
    use rapport_core::engine::Pick;
    use rapport_core::rulebook::Rulebook;
    use rapport_core::scenario::Difficulty;
    use rapport_core::session::Session;
    use rapport_core::text::Lang;
    use serde_json::{Value, json};

    fn parts(statements: &[Value], names: &Names) -> Vec<super::Part> {
        statements
            .iter()
            .map(|v| match read(v, names) {
                Read::Ours(p) => *p,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_session_comes_back_from_its_statements_and_an_edit_shows() {
        let book = Rulebook::shipped();
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut session = Session::new(s, &book, Difficulty::Hard, 3);
        while !session.is_over() {
            let pick = session
                .options()
                .last()
                .map_or(Pick::Silence, |&o| Pick::Choice(o));
            session.pick_timed(pick, Some(4_560)).unwrap();
        }
        let start: jiff::Timestamp = "2026-11-02T10:00:00.123456789Z".parse().unwrap();
        let end = start + jiff::SignedDuration::from_secs(300);
        let record = Record::of(&session, "Вера", Lang::Ru, start, end);
        let names = Names::new("https://lrs.example.com/rapport/");
        let statements = crate::xapi::statements(&record, &session, &names);

        let (sessions, problems) = rebuild(parts(&statements, &names));
        assert!(problems.is_empty(), "{problems:?}");
        let back = &sessions[0];
        let mut expected = record.clone();
        expected.score.overall = (expected.score.overall * 100.0).round() / 100.0;
        assert_eq!(back.record, expected);
        let replayed = back.record.replay(s, &book).unwrap();
        let score = replayed.score();
        assert!(back.claims.agree(&back.record, &replayed, &score));

        // Every claim counts: a rule moved from broken to held, a score.
        let mut edited = statements.clone();
        let answer = edited
            .iter_mut()
            .find(|v| v["verb"]["id"].as_str().unwrap().ends_with("/answered"))
            .unwrap();
        let broken = names.extension("rules-broken");
        answer["context"]["extensions"][&broken] = json!(["no_such_rule"]);
        let (sessions, _) = rebuild(parts(&edited, &names));
        let r = &sessions[0];
        let replayed = r.record.replay(s, &book).unwrap();
        assert!(!r.claims.agree(&r.record, &replayed, &replayed.score()));

        let mut edited = statements.clone();
        let last = edited.last_mut().unwrap();
        let raw = last["result"]["score"]["raw"].as_f64().unwrap();
        last["result"]["score"]["raw"] = json!(raw + 0.01);
        let (sessions, _) = rebuild(parts(&edited, &names));
        let r = &sessions[0];
        let replayed = r.record.replay(s, &book).unwrap();
        assert!(!r.claims.agree(&r.record, &replayed, &replayed.score()));

        // A statement missing: reported by registration, not rebuilt.
        let (sessions, problems) = rebuild(parts(&statements[1..], &names));
        assert!(sessions.is_empty());
        assert!(problems[0].0 == record.id.to_string(), "{problems:?}");
        assert!(problems[0].1.contains("no `attempted`"), "{problems:?}");
    }
}
