//! Say it first over a real LRS (Ralph and Learning Locker, as in
//! tests/lrs.rs): what a trainee typed travels only in their own sync, in
//! the answered statements' result extension, and the manager's review
//! read back from the LRS shows the same words and the same agreement as
//! the trainee's own machine.

mod common;

use common::locker::Locker;
use common::lrs::{PASSWORD, TestLrs, USER};
use common::ok;
use common::ralph::Ralph;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const FIRST: &str = "I take the minibus at 9:20, and the 9:35 is my spare";
const REST: &str = "Извините, что опоздал 🙏 \u{200f}";

/// One session of late_manager said first, kept under Ann; its id.
fn play_said(data: &Path) -> String {
    let mut input = format!("{FIRST}\n1\n");
    for _ in 0..30 {
        input.push_str(&format!("{REST}\n1\n"));
    }
    let out = common::rapport_typed(
        data,
        &[
            "play",
            "late_manager",
            "--seed",
            "1",
            "--say-first",
            "--trainee",
            "Ann",
        ],
        &input,
    );
    ok(&out);
    let report = local(data, &["--format", "json"]);
    report["sessions"][0]["id"].as_str().unwrap().to_string()
}

fn local(data: &Path, args: &[&str]) -> Value {
    let o = common::rapport(data, &[&["report"], args].concat());
    serde_json::from_str(&ok(&o)).unwrap()
}

fn team(data: &Path, lrs: &impl TestLrs, args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["report", "--lrs", &lrs.endpoint(), "--user", USER])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .env("RAPPORT_LRS_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    serde_json::from_str(&ok(&o)).unwrap()
}

#[test]
fn the_words_travel_in_the_trainees_sync_and_come_back_in_the_review_ralph() {
    the_words_travel_in_the_trainees_sync_and_come_back_in_the_review(Ralph::new());
}

#[test]
fn the_words_travel_in_the_trainees_sync_and_come_back_in_the_review_locker() {
    the_words_travel_in_the_trainees_sync_and_come_back_in_the_review(Locker::new());
}

fn the_words_travel_in_the_trainees_sync_and_come_back_in_the_review(lrs: impl TestLrs) {
    let trainee = tempfile::tempdir().unwrap();
    let id = play_said(trainee.path());
    // Nothing has left the machine before the trainee syncs.
    assert!(lrs.statements().is_empty());
    let o = lrs.sync(trainee.path(), PASSWORD);
    ok(&o);
    let held = lrs.statements();
    let typed: Vec<&Value> = held
        .iter()
        .filter_map(|s| {
            s["result"]["extensions"]
                .as_object()?
                .iter()
                .find(|(k, _)| k.ends_with("/extensions/typed"))
                .map(|(_, v)| v)
        })
        .collect();
    assert!(typed.len() > 1, "no typed extension in {held:?}");
    // An LRS returns statements in an order of its own.
    assert_eq!(typed.iter().filter(|t| t["text"] == FIRST).count(), 1);
    assert!(
        typed
            .iter()
            .all(|t| t["text"] == FIRST || t["text"] == REST)
    );

    // The manager, on another machine, reads the same words and agreement.
    let manager = tempfile::tempdir().unwrap();
    let mine = local(trainee.path(), &["--format", "json"]);
    let theirs = team(manager.path(), &lrs, &["--format", "json"]);
    for key in ["typed", "words_agree", "agreement"] {
        assert_eq!(
            theirs["trainees"][0][key], mine["trainees"][0][key],
            "{key}: {theirs}"
        );
    }
    assert!(mine["trainees"][0]["typed"].as_u64().unwrap() > 1);
    let session = team(
        manager.path(),
        &lrs,
        &["--session", &id[..8], "--format", "json"],
    );
    let answers = session[0]["typed"].as_array().unwrap();
    assert_eq!(answers[0]["said"], FIRST);
    assert_eq!(
        answers,
        local(trainee.path(), &["--session", &id[..8], "--format", "json"])[0]["typed"]
            .as_array()
            .unwrap()
    );
}
