//! A session as xAPI 1.0.3 statements, for a company's Learning Record
//! Store: attempted, one "answered" per choice, completed, and passed or
//! failed with the recomputed score.
//!
//! Every statement id is a UUID v5 of the record's id and the statement's
//! place in the session, and every field comes from the record or from
//! replaying it, so exporting the same record twice gives the very same
//! statements, and an LRS that holds them already stores nothing twice.

use crate::record::Record;
use crate::review::{Filter, Judge};
use crate::store::DataDir;
use rapport_core::engine::Pick;
use rapport_core::monitor::Mark;
use rapport_core::session::Session;
use rapport_core::text::Text;
use serde_json::{Value, json};
use std::path::PathBuf;
use uuid::Uuid;

/// The xAPI version the statements follow and the LRS is told.
pub const VERSION: &str = "1.0.3";

/// Where Rapport's activities, extensions and accounts are named when the
/// company names no place of its own (`--base`): `.invalid` is reserved, so
/// these IRIs can never point at somebody else's server.
pub const DEFAULT_BASE: &str = "https://rapport.invalid";

pub mod gather;
pub mod read;
pub mod rebuild;
mod typed;

pub(crate) const VERB_ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub(crate) const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
pub(crate) const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub(crate) const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub(crate) const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// xAPI's one reserved verb: its object, a `StatementRef`, is voided.
pub(crate) const VERB_VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";
const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// The IRIs of one export.
#[derive(Clone, Debug)]
pub struct Names {
    base: String,
}

impl Names {
    /// The IRIs under `base`, a trailing slash or none.
    pub fn new(base: &str) -> Names {
        Names {
            base: base.trim_end_matches('/').to_string(),
        }
    }

    pub(crate) fn scenario(&self, id: &str) -> String {
        format!("{}/scenarios/{id}", self.base)
    }

    fn beat(&self, scenario: &str, beat: &str) -> String {
        format!("{}/scenarios/{scenario}/beats/{beat}", self.base)
    }

    pub(crate) fn extension(&self, name: &str) -> String {
        format!("{}/xapi/extensions/{name}", self.base)
    }

    pub(crate) fn accounts(&self) -> String {
        format!("{}/trainees", self.base)
    }
}

/// A language map (`{"en-US": …, "ru-RU": …}`) of the texts that exist.
fn language_map(t: &Text) -> Value {
    let mut m = serde_json::Map::new();
    if !t.en.trim().is_empty() {
        m.insert("en-US".into(), t.en.clone().into());
    }
    if !t.ru.trim().is_empty() {
        m.insert("ru-RU".into(), t.ru.clone().into());
    }
    Value::Object(m)
}

/// An ISO 8601 duration as xAPI wants it: `PT75.4S`, centiseconds at most.
fn duration(millis: i64) -> String {
    let millis = millis.max(0);
    let cs = (millis + 5) / 10;
    let (s, frac) = (cs / 100, cs % 100);
    if frac == 0 {
        format!("PT{s}S")
    } else {
        let digits = format!("{frac:02}");
        format!("PT{s}.{}S", digits.trim_end_matches('0'))
    }
}

pub(crate) fn statement_id(record: &Record, what: &str) -> Uuid {
    Uuid::new_v5(&record.id, what.as_bytes())
}

/// The rules held and broken at step `i` (0-based) of a replayed session, by
/// id: what an "answered" statement claims, and what a review of the LRS
/// checks that claim against.
pub(crate) fn step_rules(session: &Session, i: usize) -> (Vec<String>, Vec<String>) {
    let book = session.world.book;
    let (mut held, mut broken) = (Vec::new(), Vec::new());
    for m in session.marks.iter().filter(|m| m.step == Some(i)) {
        let id = book.rules[m.rule].id.clone();
        match m.mark {
            Mark::Kept | Mark::Resisted => held.push(id),
            Mark::Broken => broken.push(id),
            Mark::Nothing => {}
        }
    }
    (held, broken)
}

/// The statements of one record, replayed into `session` (its choices, the
/// marks the rules made, the recomputed score). In session order.
pub(crate) fn statements(record: &Record, session: &Session, names: &Names) -> Vec<Value> {
    let scenario = session.scenario();
    let lang = match record.lang {
        rapport_core::text::Lang::En => "en-US",
        rapport_core::text::Lang::Ru => "ru-RU",
    };
    let actor = json!({
        "objectType": "Agent",
        "name": record.trainee,
        "account": { "homePage": names.accounts(), "name": record.trainee },
    });
    let activity = json!({
        "objectType": "Activity",
        "id": names.scenario(&scenario.id),
        "definition": {
            "type": SIMULATION,
            "name": language_map(&scenario.title),
            "description": language_map(&scenario.summary),
        },
    });
    let context = || {
        json!({
            "registration": record.id.to_string(),
            "platform": "Rapport",
            "language": lang,
            "extensions": {
                names.extension("scenario-version"): scenario.version,
                names.extension("scenario-hash"): record.scenario_hash,
                names.extension("rulebook-hash"): record.rulebook_hash,
                names.extension("seed"): record.seed.to_string(),
                names.extension("difficulty"): record.difficulty.name(),
            },
        })
    };
    let verb =
        |id: &str, en: &str, ru: &str| json!({ "id": id, "display": { "en-US": en, "ru-RU": ru } });
    let at = |t: jiff::Timestamp| t.to_string();
    let total = record.duration().as_millis() as i64;

    let mut out = vec![json!({
        "id": statement_id(record, "attempted"),
        "version": VERSION,
        "actor": actor,
        "verb": verb(VERB_ATTEMPTED, "attempted", "начал"),
        "object": activity,
        "context": context(),
        "timestamp": at(record.started),
    })];

    let mut elapsed: i64 = 0;
    for (i, step) in session.steps.iter().enumerate() {
        let beat = scenario.beat(step.beat);
        elapsed += i64::from(step.millis.unwrap_or(0));
        let when = (record.started + jiff::SignedDuration::from_millis(elapsed.min(total)))
            .min(record.ended);
        let (held, broken) = step_rules(session, i);
        let (response, text) = match step.pick {
            Pick::Choice(c) => (c.to_string(), Some(&beat.choices[c as usize].text)),
            Pick::Silence => ("silence".to_string(), None),
        };
        let mut result = json!({ "response": response });
        if let Some(ms) = step.millis {
            result["duration"] = duration(i64::from(ms)).into();
        }
        if let Some(t) = record.choices.get(i).and_then(|c| c.typed.as_ref()) {
            result["extensions"] = json!({ names.extension("typed"): typed::write(t) });
        }
        out.push(json!({
            "id": statement_id(record, &format!("answered/{}", i + 1)),
            "version": VERSION,
            "actor": actor,
            "verb": verb(VERB_ANSWERED, "answered", "ответил"),
            "object": {
                "objectType": "Activity",
                "id": names.beat(&scenario.id, &beat.id),
                "definition": {
                    "type": INTERACTION,
                    "name": language_map(&beat.line),
                    "interactionType": "choice",
                },
            },
            "result": result,
            "context": {
                "registration": record.id.to_string(),
                "platform": "Rapport",
                "language": lang,
                "contextActivities": { "parent": [{ "id": names.scenario(&scenario.id), "objectType": "Activity" }] },
                "extensions": {
                    names.extension("beat"): beat.id,
                    names.extension("step"): i + 1,
                    names.extension("choice"): match step.pick { Pick::Choice(c) => json!(c), Pick::Silence => Value::Null },
                    names.extension("choice-text"): text.map_or(Value::Null, language_map),
                    names.extension("rules-held"): held,
                    names.extension("rules-broken"): broken,
                },
            },
            "timestamp": at(when),
        }));
    }

    let score = session.score();
    let ending = session.ending();
    let mut completed_result = json!({ "completion": true, "duration": duration(total) });
    if let Some(e) = ending {
        completed_result["extensions"] = json!({ names.extension("ending"): e.id });
    }
    out.push(json!({
        "id": statement_id(record, "completed"),
        "version": VERSION,
        "actor": actor,
        "verb": verb(VERB_COMPLETED, "completed", "завершил"),
        "object": activity,
        "result": completed_result,
        "context": context(),
        "timestamp": at(record.ended),
    }));
    let (verb_id, en, ru) = if score.passed {
        (VERB_PASSED, "passed", "сдал")
    } else {
        (VERB_FAILED, "failed", "не сдал")
    };
    let raw = (score.overall * 100.0).round() / 100.0;
    out.push(json!({
        "id": statement_id(record, "verdict"),
        "version": VERSION,
        "actor": actor,
        "verb": verb(verb_id, en, ru),
        "object": activity,
        "result": {
            "score": { "scaled": raw / 100.0, "raw": raw, "min": 0, "max": 100 },
            "success": score.passed,
            "completion": true,
            "duration": duration(total),
        },
        "context": context(),
        "timestamp": at(record.ended),
    }));
    out
}

/// The statements of the kept sessions a filter selects, and the records
/// left out.
pub struct Exported {
    /// Per session, in the order they started: the record's id (which names
    /// the session in an LRS's outbox) and its statements.
    pub sessions: Vec<(String, Vec<Value>)>,
    /// Records that could not be read or replayed, by path, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Every kept session under `data` that `filter` keeps, replayed by
/// `judge` into statements: `rapport export --format xapi` and `rapport
/// sync` send the same. The records are chosen and read as the review
/// chooses and reads them.
pub fn export(judge: &Judge, data: &DataDir, filter: &Filter, names: &Names) -> Exported {
    let selected = crate::review::select(data, filter, |path, r| {
        judge
            .replay(r)
            .map(|session| (r.id.to_string(), statements(r, &session, names)))
            .map_err(|why| {
                let at = format!("{}: cannot replay: {why}", path.display());
                (path.to_path_buf(), at)
            })
    });
    let mut out = Exported {
        sessions: Vec::new(),
        skipped: selected.skipped,
    };
    for kept in selected.kept {
        match kept {
            Ok(s) => out.sessions.push(s),
            Err(skip) => out.skipped.push(skip),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(super::duration(0), "PT0S");
        assert_eq!(super::duration(75_400), "PT75.4S");
        assert_eq!(super::duration(1_005), "PT1.01S");
        assert_eq!(super::duration(-3), "PT0S");
    }
}
