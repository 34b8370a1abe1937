//! Rapport's own statements, read back from an LRS: each one checked for
//! what rebuilding its session needs. Another tool's statements are told
//! apart (and ignored), and a statement that names Rapport's activities but
//! lacks what Rapport writes is malformed, reported by its id.
//!
//! Nothing read here is trusted: it only says what to replay, and what the
//! LRS claims the replay gives, to be checked ([`super::rebuild`]).

use super::{
    Names, VERB_ANSWERED, VERB_ATTEMPTED, VERB_COMPLETED, VERB_FAILED, VERB_PASSED, VERB_VOIDED,
};
use jiff::Timestamp;
use rapport_core::scenario::Difficulty;
use rapport_core::text::Lang;
use serde_json::Value;
use uuid::Uuid;

/// What a fetched statement is to a review.
#[derive(Debug)]
pub enum Read {
    /// One of Rapport's statements, with what it says.
    Ours(Box<Part>),
    /// A voiding statement (anyone's): the statement it names is to be
    /// disregarded (xAPI 1.0.3, Data 2.3.2).
    Voiding {
        /// The id of the statement voided.
        target: String,
    },
    /// Another tool's: not a Rapport activity.
    Foreign {
        /// It says it came from Rapport, yet names no activity under the
        /// base IRI: the review was likely given another `--base`.
        says_rapport: bool,
    },
    /// A statement about Rapport's activities that cannot be one of
    /// Rapport's, by id (or `?` when it has none), with why.
    Malformed {
        /// The statement's id as given.
        id: String,
        /// What is wrong with it.
        why: String,
    },
}

/// One of Rapport's statements, reduced to what rebuilding needs (its hash
/// is its fingerprint, see [`super::gather`]).
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Part {
    /// The statement's id.
    pub id: String,
    /// The session (the record's id).
    pub registration: Uuid,
    /// The trainee, by account name.
    pub trainee: String,
    /// The scenario's id.
    pub scenario: String,
    /// When it happened, by the trainee's clock.
    pub timestamp: Timestamp,
    /// When the LRS stored it.
    pub stored: Option<Timestamp>,
    /// What it says.
    pub what: What,
}

/// The four kinds of Rapport statement.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum What {
    /// The session started.
    Attempted(Setting),
    /// One choice.
    Answered(Answer),
    /// The session ended, at this ending.
    Completed(Setting, Option<String>),
    /// Passed or failed, with the score.
    Verdict(Setting, Verdict),
}

/// What a session was played with: its context's extensions.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Setting {
    /// The scenario's version number.
    pub version: u32,
    /// The scenario file's hash.
    pub scenario_hash: String,
    /// The rulebook's hash.
    pub rulebook_hash: String,
    /// The seed.
    pub seed: u64,
    /// The level.
    pub difficulty: Difficulty,
    /// The language.
    pub lang: Lang,
}

/// One "answered" statement.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Answer {
    /// 1-based.
    pub step: usize,
    /// The beat's id.
    pub beat: String,
    /// The option's index as written in the scenario; `None`: silence.
    pub choice: Option<u8>,
    /// The option's text in the session's language, as a record keeps it
    /// (the other language is never read: a team's cache holds a hundred
    /// thousand answers).
    pub said: Option<String>,
    /// How long the trainee took, from `result.duration`.
    pub millis: Option<u32>,
    /// `result.response`.
    pub response: String,
    /// The rules the statement says were held here.
    pub held: Vec<String>,
    /// And broken.
    pub broken: Vec<String>,
    /// What the trainee typed first (`result` extension `typed`), if asked.
    pub typed: Option<rapport_core::session::Typed>,
}

/// A "passed" or "failed" statement's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The verb was "passed".
    pub verb_passed: bool,
    /// `result.score.raw`.
    pub raw: f64,
    /// `result.score.scaled`.
    pub scaled: f64,
    /// `result.success`.
    pub success: bool,
}

/// Reads one fetched statement.
pub fn read(v: &Value, names: &Names) -> Read {
    if v.pointer("/verb/id").and_then(Value::as_str) == Some(VERB_VOIDED)
        && v.pointer("/object/objectType").and_then(Value::as_str) == Some("StatementRef")
        && let Some(target) = v.pointer("/object/id").and_then(Value::as_str)
    {
        return Read::Voiding {
            target: target.to_string(),
        };
    }
    let scenarios = names.scenario("");
    let object = v
        .pointer("/object/id")
        .and_then(Value::as_str)
        .unwrap_or("");
    let Some(rest) = object.strip_prefix(&scenarios) else {
        let says_rapport =
            v.pointer("/context/platform").and_then(Value::as_str) == Some("Rapport");
        return Read::Foreign { says_rapport };
    };
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string();
    match part(v, rest, names) {
        Ok(p) => Read::Ours(Box::new(Part { id, ..p })),
        Err(why) => Read::Malformed { id, why },
    }
}

fn part(v: &Value, object: &str, names: &Names) -> Result<Part, String> {
    let text = |at: &str| -> Result<&str, String> {
        v.pointer(at)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("no `{at}`"))
    };
    if Uuid::parse_str(text("/id")?).is_err() {
        return Err("its id is not a UUID".into());
    }
    let verb = text("/verb/id")?;
    let registration = Uuid::parse_str(text("/context/registration")?)
        .map_err(|_| "its registration is not a UUID".to_string())?;
    let trainee = text("/actor/account/name")?.to_string();
    if v.pointer("/actor/account/homePage").and_then(Value::as_str) != Some(&names.accounts()) {
        return Err("its actor is not a Rapport trainee's account".into());
    }
    let when = |at: &str| -> Result<Option<Timestamp>, String> {
        match v.pointer(at) {
            None | Some(Value::Null) => Ok(None),
            Some(t) => t
                .as_str()
                .and_then(|t| t.parse::<Timestamp>().ok())
                .map(Some)
                .ok_or_else(|| format!("`{at}` is not a timestamp")),
        }
    };
    let timestamp = when("/timestamp")?.ok_or("no `/timestamp`")?;
    let stored = when("/stored")?;
    let (scenario, beat) = match object.split_once("/beats/") {
        Some((s, b)) => (s, Some(b)),
        None => (object, None),
    };
    let ext = |name: &str| v["context"]["extensions"].get(names.extension(name));
    let what = match (verb, beat) {
        (VERB_ANSWERED, Some(beat)) => What::Answered(answer(v, beat, names, &ext)?),
        (VERB_ATTEMPTED, None) => What::Attempted(setting(v, &ext)?),
        (VERB_COMPLETED, None) => {
            let ending = v["result"]["extensions"].get(names.extension("ending"));
            let ending = match ending {
                None | Some(Value::Null) => None,
                Some(e) => Some(e.as_str().ok_or("its ending is not a text")?.to_string()),
            };
            What::Completed(setting(v, &ext)?, ending)
        }
        (VERB_PASSED | VERB_FAILED, None) => What::Verdict(setting(v, &ext)?, verdict(v, verb)?),
        (VERB_ANSWERED | VERB_ATTEMPTED | VERB_COMPLETED | VERB_PASSED | VERB_FAILED, _) => {
            return Err(format!(
                "its verb `{verb}` does not go with its object `{object}`"
            ));
        }
        _ => return Err(format!("unknown verb `{verb}`")),
    };
    Ok(Part {
        id: String::new(),
        registration,
        trainee,
        scenario: scenario.to_string(),
        timestamp,
        stored,
        what,
    })
}

fn setting<'v>(v: &'v Value, ext: &dyn Fn(&str) -> Option<&'v Value>) -> Result<Setting, String> {
    let text = |name: &str| {
        ext(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("no extension `{name}`"))
    };
    let version = ext("scenario-version")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or("no extension `scenario-version`")?;
    let seed = text("seed")?
        .parse::<u64>()
        .map_err(|_| "its seed is not a number")?;
    let difficulty = text("difficulty")?
        .parse::<Difficulty>()
        .map_err(|_| "its difficulty is not one Rapport knows")?;
    let lang = match v.pointer("/context/language").and_then(Value::as_str) {
        Some("en-US") => Lang::En,
        Some("ru-RU") => Lang::Ru,
        _ => return Err("its language is neither en-US nor ru-RU".into()),
    };
    Ok(Setting {
        version,
        scenario_hash: text("scenario-hash")?.to_string(),
        rulebook_hash: text("rulebook-hash")?.to_string(),
        seed,
        difficulty,
        lang,
    })
}

fn answer<'v>(
    v: &'v Value,
    beat: &str,
    names: &Names,
    ext: &dyn Fn(&str) -> Option<&'v Value>,
) -> Result<Answer, String> {
    let step = ext("step")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n >= 1)
        .ok_or("no extension `step`")?;
    if ext("beat").and_then(Value::as_str) != Some(beat) {
        return Err("its extension `beat` is not the beat of its object".into());
    }
    let choice = match ext("choice") {
        Some(Value::Null) => None,
        Some(c) => Some(
            c.as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .ok_or("its extension `choice` is not an option's index")?,
        ),
        None => return Err("no extension `choice`".into()),
    };
    let lang = v.pointer("/context/language").and_then(Value::as_str);
    let said = match ext("choice-text") {
        Some(Value::Object(m)) => lang
            .and_then(|l| m.get(l))
            .and_then(Value::as_str)
            .map(str::to_string),
        Some(Value::Null) | None => None,
        Some(_) => return Err("its extension `choice-text` is not a language map".into()),
    };
    let rules = |name: &str| -> Result<Vec<String>, String> {
        ext(name)
            .and_then(Value::as_array)
            .and_then(|a| a.iter().map(|r| r.as_str().map(str::to_string)).collect())
            .ok_or_else(|| format!("no extension `{name}`"))
    };
    let millis = match v.pointer("/result/duration") {
        None | Some(Value::Null) => None,
        Some(d) => Some(
            d.as_str()
                .and_then(parse_duration)
                .ok_or("its duration is not an ISO 8601 duration")?,
        ),
    };
    Ok(Answer {
        step,
        beat: beat.to_string(),
        choice,
        said,
        millis,
        response: v
            .pointer("/result/response")
            .and_then(Value::as_str)
            .ok_or("no `/result/response`")?
            .to_string(),
        held: rules("rules-held")?,
        broken: rules("rules-broken")?,
        typed: super::typed::read(v["result"]["extensions"].get(names.extension("typed")))?,
    })
}

fn verdict(v: &Value, verb: &str) -> Result<Verdict, String> {
    let number = |at: &str| {
        v.pointer(at)
            .and_then(Value::as_f64)
            .ok_or_else(|| format!("`{at}` is not a number"))
    };
    let raw = number("/result/score/raw")?;
    let scaled = number("/result/score/scaled")?;
    if !(0.0..=100.0).contains(&raw) || !(0.0..=1.0).contains(&scaled) {
        return Err(format!(
            "its score is {raw} ({scaled} scaled); a score is a number from 0 to 100"
        ));
    }
    Ok(Verdict {
        verb_passed: verb == VERB_PASSED,
        raw,
        scaled,
        success: v
            .pointer("/result/success")
            .and_then(Value::as_bool)
            .ok_or("no `/result/success`")?,
    })
}

/// Milliseconds of an ISO 8601 duration as xAPI writes them (`PT75.4S`,
/// `PT1H2M3S`); `None` for anything else, or more than `u32` holds.
fn parse_duration(d: &str) -> Option<u32> {
    let mut rest = d.strip_prefix("PT")?;
    let mut millis = 0f64;
    for (unit, scale) in [('H', 3_600_000.0), ('M', 60_000.0), ('S', 1_000.0)] {
        if let Some((n, after)) = rest.split_once(unit) {
            let n: f64 = n
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
            millis += n * scale;
            rest = after;
        }
    }
    (rest.is_empty() && millis <= f64::from(u32::MAX)).then(|| millis.round() as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_back_as_written() {
        assert_eq!(super::parse_duration("PT75.4S"), Some(75_400));
        assert_eq!(super::parse_duration("PT0S"), Some(0));
        assert_eq!(super::parse_duration("PT1H2M3.5S"), Some(3_723_500));
        assert_eq!(super::parse_duration("P1D"), None);
        assert_eq!(super::parse_duration("PTxS"), None);
        assert_eq!(super::parse_duration("PT-1S"), None);
    }

    #[test]
    fn a_voiding_statement_names_its_target_whoever_sent_it() {
        use super::{Read, read};
        use serde_json::json;
        let names = crate::xapi::Names::new(crate::xapi::DEFAULT_BASE);
        let void = |object: serde_json::Value| {
            json!({
                "actor": { "mbox": "mailto:manager@example.com" },
                "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
                "object": object,
            })
        };
        let target = "5f918e45-2e60-5843-a0b8-6cca77a0935a";
        match read(
            &void(json!({ "objectType": "StatementRef", "id": target })),
            &names,
        ) {
            Read::Voiding { target: t } => assert_eq!(t, target),
            other => panic!("{other:?}"),
        }
        // The verb alone voids nothing: its object must be a statement.
        let activity = void(json!({ "id": "https://lms.example.com/courses/1" }));
        assert!(matches!(read(&activity, &names), Read::Foreign { .. }));
    }
}
