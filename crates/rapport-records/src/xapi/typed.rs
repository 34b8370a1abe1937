//! What the trainee typed before the options appeared ("say it first"), as
//! an "answered" statement's `result` extension `typed`:
//! `{"text": "…", "suggested": <the choice index as written, or null>}`, or
//! `{"skipped": true}`; absent when the trainee was not asked. It travels
//! only with the trainee's own statements, to the LRS their sync names.

use rapport_core::session::Typed;
use serde_json::{Value, json};

/// The extension's value.
pub(super) fn write(t: &Typed) -> Value {
    match t {
        Typed::Said { text, suggested } => json!({ "text": text, "suggested": suggested }),
        Typed::Skipped => json!({ "skipped": true }),
    }
}

/// The extension read back; an answer without it was not typed. Anything
/// else than [`write`] writes makes the statement malformed.
pub(super) fn read(t: Option<&Value>) -> Result<Option<Typed>, String> {
    let wrong = || "its extension `typed` is neither a text typed nor skipped".to_string();
    let Some(t) = t.filter(|t| !t.is_null()) else {
        return Ok(None);
    };
    if t.get("skipped").and_then(Value::as_bool) == Some(true) {
        return Ok(Some(Typed::Skipped));
    }
    let text = t.get("text").and_then(Value::as_str).ok_or_else(wrong)?;
    let suggested = match t.get("suggested") {
        None | Some(Value::Null) => None,
        Some(s) => Some(
            s.as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .ok_or_else(wrong)?,
        ),
    };
    Ok(Some(Typed::Said {
        text: text.to_string(),
        suggested,
    }))
}

#[cfg(test)]
mod tests {
    use crate::record::Record;
    use crate::xapi::read::{Read, read};
    use crate::xapi::{Names, rebuild::rebuild};
    use rapport_core::engine::Pick;
    use rapport_core::rulebook::Rulebook;
    use rapport_core::scenario::Difficulty;
    use rapport_core::session::{Session, Typed};
    use rapport_core::text::Lang;
    use serde_json::{Value, json};

    fn played(book: &Rulebook, typing: bool) -> (Record, Vec<Value>, Names) {
        let scenarios = rapport_core::catalog::shipped_scenarios(book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut session = Session::new(s, book, Difficulty::Hard, 5);
        while !session.is_over() {
            let options = session.options().to_vec();
            let typed = match session.steps.len() % 3 {
                0 => Typed::Said {
                    text: "Извините, я опоздал — перенесём на 11:00? 🙂".into(),
                    suggested: Some(options[0]),
                },
                1 => Typed::Said {
                    text: "\u{200f}x".repeat(2_000),
                    suggested: None,
                },
                _ => Typed::Skipped,
            };
            session
                .pick_said(
                    Pick::Choice(options[0]),
                    Some(3_000),
                    typing.then_some(typed),
                )
                .unwrap();
        }
        let start: jiff::Timestamp = "2026-11-02T10:00:00Z".parse().unwrap();
        let end = start + jiff::SignedDuration::from_secs(200);
        let record = Record::of(&session, "Вера", Lang::Ru, start, end);
        let names = Names::new("https://lrs.example.com/rapport");
        let statements = crate::xapi::statements(&record, &session, &names);
        (record, statements, names)
    }

    fn rebuilt(statements: &[Value], names: &Names) -> Result<Record, String> {
        let mut parts = Vec::new();
        for v in statements {
            match read(v, names) {
                Read::Ours(p) => parts.push(*p),
                Read::Malformed { why, .. } => return Err(why),
                other => panic!("{other:?}"),
            }
        }
        let (sessions, problems) = rebuild(parts);
        assert!(problems.is_empty(), "{problems:?}");
        Ok(sessions.into_iter().next().unwrap().record)
    }

    #[test]
    fn typed_answers_go_to_the_lrs_and_come_back() {
        let book = Rulebook::shipped();
        let (record, statements, names) = played(&book, true);
        assert!(record.choices.iter().all(|c| c.typed.is_some()));
        let ext = names.extension("typed");
        let answered: Vec<&Value> = statements
            .iter()
            .filter(|v| v["verb"]["id"].as_str().unwrap().ends_with("/answered"))
            .collect();
        assert_eq!(
            answered[0]["result"]["extensions"][&ext]["text"],
            "Извините, я опоздал — перенесём на 11:00? 🙂"
        );
        assert_eq!(
            answered[2]["result"]["extensions"][&ext],
            json!({ "skipped": true })
        );
        // The option index the trainee chose stays the response.
        assert_eq!(
            answered[0]["result"]["response"],
            record.choices[0].choice.unwrap().to_string()
        );

        let back = rebuilt(&statements, &names).unwrap();
        let typed = |r: &Record| {
            r.choices
                .iter()
                .map(|c| c.typed.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(typed(&back), typed(&record));

        // What is sent is checked as the rest is: a suggestion that is not an
        // option's index makes the statement malformed.
        let mut edited = statements.clone();
        let first = edited
            .iter_mut()
            .find(|v| v["verb"]["id"].as_str().unwrap().ends_with("/answered"))
            .unwrap();
        first["result"]["extensions"][&ext]["suggested"] = json!(-1);
        let why = rebuilt(&edited, &names).unwrap_err();
        assert!(why.contains("`typed`"), "{why}");
    }

    #[test]
    fn a_session_played_without_typing_sends_what_it_always_sent() {
        let book = Rulebook::shipped();
        let (record, statements, names) = played(&book, false);
        assert!(
            statements
                .iter()
                .all(|v| v["result"].get("extensions").is_none()
                    || !v["verb"]["id"].as_str().unwrap().ends_with("/answered"))
        );
        let back = rebuilt(&statements, &names).unwrap();
        assert!(back.choices.iter().all(|c| c.typed.is_none()));
        assert_eq!(back.choices.len(), record.choices.len());
    }
}
