//! The skill map end to end: `rapport report --skills` over sessions played
//! through the binary, checked against counts made here by hand, in every
//! format, and over an empty data directory.

mod common;

use common::skills::{map, play, rule, skills, warm};
use common::{best, ok, rapport, worst};
use serde_json::Value;
use std::collections::BTreeMap;

#[test]
fn counts_are_the_hand_count_and_the_trend_follows_improvement() {
    let data = tempfile::tempdir().unwrap();
    warm(data.path());
    let mut up = Vec::new();
    for choose in [worst(), worst(), best(), best()] {
        up.push(play(data.path(), "Up", choose));
    }
    for choose in [best(), worst(), worst()] {
        play(data.path(), "Down", choose);
    }
    let doc = skills(data.path(), &[]);
    assert_eq!(doc["last"], 10);
    let m = map(&doc, "Up");
    assert_eq!(m["sessions"], 4);
    // By hand: per rule, the sessions in which it applied and held.
    let mut hand: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for session in &up {
        for (id, status) in session {
            if status != "not_applicable" {
                let c = hand.entry(id).or_default();
                c.0 += 1;
                c.1 += u64::from(status == "held");
            }
        }
    }
    assert!(!hand.is_empty());
    assert_eq!(m["rules"].as_array().unwrap().len(), hand.len());
    for (id, (applied, held)) in &hand {
        let r = rule(m, id).unwrap();
        assert_eq!(
            (&r["applied"], &r["held"]),
            (&(*applied).into(), &(*held).into()),
            "{id}"
        );
        assert!(r["title"].as_str().is_some_and(|t| !t.is_empty()));
    }
    // Broken in both worst sessions, held in both best: the trend is +1
    // for Up; Down held it first and broke it last.
    let learned: Vec<&&str> = hand
        .iter()
        .filter(|(_, c)| **c == (4, 2))
        .map(|(id, _)| id)
        .collect();
    assert!(
        !learned.is_empty(),
        "the worst path breaks rules the best keeps"
    );
    let down = map(&doc, "Down");
    for id in learned {
        assert_eq!(rule(m, id).unwrap()["trend"], 1.0, "{id}");
        assert_eq!(rule(down, id).unwrap()["trend"], -1.0, "{id}");
    }
    let team = &doc["team"];
    assert_eq!(team["sessions"], 7);
    assert!(team.get("trainee").is_none());

    // The last two sessions of Up are the best path: nothing broken.
    let doc = skills(data.path(), &["--last", "2", "--trainee", "Up"]);
    let m = map(&doc, "Up");
    assert_eq!(m["sessions"], 2);
    for r in m["rules"].as_array().unwrap() {
        assert_eq!(r["applied"], 2);
        assert_eq!(r["held"], 2);
    }
    assert!(m["weakest_rules"].as_array().unwrap().is_empty());
    assert_eq!(doc["trainees"].as_array().unwrap().len(), 1);
}

#[test]
fn csv_json_and_table_shapes() {
    let data = tempfile::tempdir().unwrap();
    warm(data.path());
    play(data.path(), "Ann", best());
    play(data.path(), "Боб", worst());
    let csv = ok(&rapport(
        data.path(),
        &["report", "--skills", "--format", "csv"],
    ));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        head,
        [
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
            "weakest"
        ]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[0] == "team" && r[1].is_empty() && &r[3] == "lesson")
    );
    assert!(rows.iter().any(|r| &r[1] == "Боб" && &r[14] == "1"));
    let csv = ok(&rapport(
        data.path(),
        &["report", "--skills", "--view", "next", "--format", "csv"],
    ));
    assert!(
        csv.starts_with("scope,trainee,sessions,weakest_rules"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "a header, two trainees, the team");

    let doc = skills(data.path(), &["--lang", "ru"]);
    assert_eq!(doc["lang"], "ru");
    let b = map(&doc, "Боб");
    for key in [
        "sessions",
        "rules",
        "lessons",
        "weakest_rules",
        "weakest_lessons",
        "next",
    ] {
        assert!(b.get(key).is_some(), "{key} missing: {b}");
    }
    let r = &b["rules"][0];
    for key in [
        "id", "title", "applied", "held", "rate", "trend", "earlier", "later",
    ] {
        assert!(r.get(key).is_some(), "{key} missing: {r}");
    }
    assert!(
        r["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('а'..='я').contains(&c))
    );
    for key in ["scenario", "difficulty", "because", "tests"] {
        assert!(b["next"].get(key).is_some(), "{key} missing");
    }

    let table = ok(&rapport(
        data.path(),
        &["report", "--skills", "--lang", "ru"],
    ));
    assert!(table.contains("Команда"), "{table}");
    assert!(table.contains("тренировать дальше"), "{table}");

    let o = rapport(data.path(), &["report", "--view", "next"]);
    assert_eq!(o.status.code(), Some(2));
    let o = rapport(data.path(), &["report", "--last", "3"]);
    assert!(!o.status.success(), "--last without --skills");
    let o = rapport(data.path(), &["report", "--skills", "--last", "0"]);
    assert!(!o.status.success());
}

#[test]
fn an_empty_data_directory_says_so() {
    let data = tempfile::tempdir().unwrap();
    let o = rapport(data.path(), &["report", "--skills"]);
    let out = ok(&o);
    assert!(out.contains("No kept sessions match"), "{out}");
    let o = rapport(data.path(), &["report", "--skills", "--format", "json"]);
    let doc: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(doc["trainees"], Value::Array(Vec::new()));
    assert_eq!(doc["team"], Value::Null);
    assert!(String::from_utf8_lossy(&o.stderr).contains("No kept sessions match"));
    let o = rapport(data.path(), &["report", "--skills", "--format", "csv"]);
    assert_eq!(ok(&o).lines().count(), 1, "the header alone");
    let list = ok(&rapport(data.path(), &["list", "--trainee", "Nobody"]));
    assert!(list.contains("Nobody: No kept sessions match"), "{list}");
    assert!(list.contains("late_manager"));
}
