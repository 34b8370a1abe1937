//! The manager's review of sessions played "say it first": a session's typed
//! answers in detail, and per trainee how often their own words and their
//! choice agree, as a table, CSV and JSON.

mod common;

use common::{ok, rapport, report};
use rapport_core::engine::Pick;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Difficulty;
use rapport_core::session::{Session, Typed};
use rapport_core::text::Lang;
use rapport_records::record::Record;
use rapport_records::store::DataDir;
use std::path::Path;

/// Saves a session of late_manager where, at the beats listed, the trainee's
/// words point to the option chosen (`Some(true)`), to another
/// (`Some(false)`), or they skip typing (`None`). The record's id.
fn save(data: &Path, trainee: &str, words: &[Option<bool>]) -> String {
    let book = Rulebook::shipped();
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
    let mut session = Session::new(s, &book, Difficulty::Normal, 4);
    while !session.is_over() {
        let options = session.options().to_vec();
        let (chosen, other) = (options[0], options[options.len() - 1]);
        let typed = words.get(session.steps.len()).map(|w| match w {
            Some(agree) => Typed::Said {
                // A trainee's text that tries to drive the manager's terminal.
                text: format!("sorry \u{1b}[2J{}", session.steps.len()),
                suggested: Some(if *agree { chosen } else { other }),
            },
            None => Typed::Skipped,
        });
        session
            .pick_said(Pick::Choice(chosen), Some(1_000), typed)
            .unwrap();
    }
    let at: jiff::Timestamp = "2026-11-02T10:00:00Z".parse().unwrap();
    let record = Record::of(&session, trainee, Lang::En, at, at);
    DataDir::resolve(Some(data)).unwrap().save(&record).unwrap();
    record.id.to_string()
}

#[test]
fn the_report_shows_typed_answers_and_how_often_words_and_choice_agree() {
    let data = tempfile::tempdir().unwrap();
    let ann = save(
        data.path(),
        "Ann",
        &[Some(true), Some(false), None, Some(true)],
    );
    save(data.path(), "Bob", &[]);

    let r = report(data.path(), &["--view", "trainees"]);
    let people = r["trainees"].as_array().unwrap();
    assert_eq!(people[0]["trainee"], "Ann");
    assert_eq!(people[0]["typed"], 3);
    assert_eq!(people[0]["words_agree"], 2);
    assert!((people[0]["agreement"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(people[1]["typed"], 0);
    assert!(people[1]["agreement"].is_null());

    let table = ok(&rapport(data.path(), &["report", "--view", "trainees"]));
    assert!(table.contains("own words"), "{table}");
    assert!(table.contains("2/3 agree (67%)"), "{table}");

    let csv = ok(&rapport(
        data.path(),
        &["report", "--format", "csv", "--view", "trainees"],
    ));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head = rows.headers().unwrap().clone();
    let ann_row = rows.records().next().unwrap().unwrap();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    assert_eq!(&ann_row[col("words_agree")], "2");
    assert_eq!(&ann_row[col("agreement")], "0.67");

    // One session in detail, by the first characters of its id.
    let detail = ok(&rapport(data.path(), &["report", "--session", &ann[..8]]));
    assert!(detail.contains(&ann), "{detail}");
    assert!(detail.contains("said:      «sorry  [2J0»"), "{detail}");
    assert!(detail.contains("(skipped typing)"), "{detail}");
    assert_eq!(
        detail.matches("words and choice agree\n").count(),
        2,
        "{detail}"
    );
    assert_eq!(
        detail.matches("recognised more than they produced").count(),
        1
    );
    assert!(
        !detail.contains('\u{1b}'),
        "escape sequences are not passed on"
    );

    let json: serde_json::Value = serde_json::from_str(&ok(&rapport(
        data.path(),
        &["report", "--session", &ann, "--format", "json"],
    )))
    .unwrap();
    let typed = json[0]["typed"].as_array().unwrap();
    assert_eq!(typed.len(), 4);
    assert_eq!(typed[1]["step"], 2);
    assert!(typed[1]["suggested_text"] != typed[1]["chosen_text"]);
    assert!(typed[2]["said"].is_null());

    let csv = ok(&rapport(
        data.path(),
        &["report", "--session", &ann, "--format", "csv"],
    ));
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count(),
        4
    );

    let none = rapport(data.path(), &["report", "--session", "nobody"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("starts with `nobody`"));

    // The sessions' JSON carries typed answers only where there were some.
    let r = report(data.path(), &["--view", "sessions"]);
    let sessions = r["sessions"].as_array().unwrap();
    let bob = sessions.iter().find(|s| s["trainee"] == "Bob").unwrap();
    assert!(bob.get("typed").is_none(), "{bob}");
}
