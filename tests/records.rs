//! Records end to end: `rapport play` keeps them, `rapport report` replays
//! them, trusts no stored score, and never stops at a broken file.

mod common;

use common::{best, ok, paths, play, rapport, report, worst};
use serde_json::Value;
use std::path::Path;

#[test]
fn play_keeps_a_record_under_the_data_dir_and_report_replays_it() {
    let data = tempfile::tempdir().unwrap();
    let best = play(data.path(), "Ann", best());
    play(data.path(), "Ann", worst());
    assert!(best.starts_with(data.path().join("records").join("Ann")));
    let text = std::fs::read_to_string(&best).unwrap();
    assert!(text.starts_with("Record("), "human-readable RON: {text}");
    for field in [
        "format: 2",
        "trainee: \"Ann\"",
        "scenario: \"late_manager\"",
        "seed: 1",
        "millis:",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // No temporary file is left beside the records.
    let names: Vec<_> = std::fs::read_dir(best.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(".ron")), "{names:?}");

    let r = report(data.path(), &[]);
    let sessions = r["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    let scores: Vec<f64> = sessions
        .iter()
        .map(|s| s["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.contains(&100.0) && scores.contains(&paths().worst_score),
        "{scores:?}"
    );
    assert!(sessions.iter().all(|s| s["standing"] == "verified"));
    let ann = &r["trainees"][0];
    assert_eq!(ann["trainee"], "Ann");
    assert_eq!(ann["attempts"], 2);
    assert_eq!(ann["best"], 100.0);
    assert_eq!(ann["last"], paths().worst_score);
    assert_eq!(ann["first_to_last"], paths().worst_score - 100.0);
    assert!(ann["critical_breaks"].as_u64().unwrap() >= 1);
    assert!(!ann["most_broken"].as_array().unwrap().is_empty());
}

#[test]
fn no_save_keeps_nothing() {
    let data = tempfile::tempdir().unwrap();
    ok(&rapport(
        data.path(),
        &[
            "play",
            "late_manager",
            "--seed",
            "1",
            "--choose",
            best(),
            "--no-save",
        ],
    ));
    assert!(!data.path().join("records").exists());
}

#[test]
fn an_edited_score_shows_as_altered_with_the_true_score() {
    let data = tempfile::tempdir().unwrap();
    let path = play(data.path(), "Ann", worst());
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("overall: ").unwrap() + "overall: ".len();
    let end = start + text[start..].find(',').unwrap();
    let edited = format!("{}100.0{}", &text[..start], &text[end..]);
    std::fs::write(&path, edited.replace("passed: false", "passed: true")).unwrap();

    let r = report(data.path(), &[]);
    let s = &r["sessions"][0];
    assert_eq!(s["standing"], "altered");
    assert_eq!(s["stored"], 100.0);
    assert_eq!(
        s["score"],
        paths().worst_score,
        "the score is recomputed, not read"
    );
    let table = ok(&rapport(data.path(), &["report"]));
    assert!(table.contains("ALTERED (stored 100.0)"), "{table}");
}

#[test]
fn a_changed_scenario_shows_both_scores_and_a_moved_one_cannot_replay() {
    let data = tempfile::tempdir().unwrap();
    let path = play(data.path(), "Ann", best());
    // The same scenario as an author's file with one word changed: same
    // beats, new hash.
    let book = rapport_core::rulebook::Rulebook::shipped();
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/late_manager.ron"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("late_manager.ron");
    std::fs::write(
        &changed,
        source.replacen("title:", "// edited\n    title:", 1),
    )
    .unwrap();
    assert!(
        rapport_core::catalog::load_paths(std::slice::from_ref(&changed), &book)[0]
            .result
            .is_ok()
    );
    let r = report(data.path(), &["--scenarios", changed.to_str().unwrap()]);
    let s = &r["sessions"][0];
    assert_eq!(s["standing"], "scenario_changed");
    assert_eq!(s["stored"], 100.0);
    assert_eq!(s["score"], 100.0);

    // A record naming a beat the scenario no longer has cannot be replayed;
    // the review says why and goes on.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("beat: \"", "beat: \"gone_", 1)).unwrap();
    let r = report(data.path(), &[]);
    let s = &r["sessions"][0];
    assert_eq!(s["standing"], "unreplayable");
    assert!(s["why"].as_str().unwrap().contains("gone_"), "{s}");
    assert!(s["score"].is_null());
}

#[test]
fn a_broken_record_is_reported_by_path_and_the_rest_are_reviewed() {
    let data = tempfile::tempdir().unwrap();
    let best = play(data.path(), "Ann", best());
    let dir = data.path().join("records").join("Bob");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("torn.ron"), "Record(\n    format: 1,\n    id: ").unwrap();
    std::fs::write(dir.join("future.ron"), "Record(format: 99, id: \"x\")").unwrap();
    let text = std::fs::read_to_string(&best).unwrap();
    std::fs::write(
        dir.join("zero.ron"),
        text.replacen("format: 2", "format: 0", 1),
    )
    .unwrap();
    let o = rapport(data.path(), &["report", "--format", "json"]);
    let r: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(r["sessions"].as_array().unwrap().len(), 1);
    let skipped = r["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 3);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("torn.ron:"), "{err}");
    assert!(err.contains("future.ron:1:8"), "located: {err}");
    assert!(
        err.contains("newer than this build reads (1 to 2); update Rapport"),
        "{err}"
    );
    assert!(err.contains("zero.ron:2:5"), "located: {err}");
    assert!(
        err.contains("record format 0 was never written by Rapport"),
        "{err}"
    );
}

/// late_manager as the old records below were played on: a record names the
/// version of the scenario it was played on, and review replays it there.
const V1: &str = "tests/records/late_manager_v1.ron";

/// A record of format 1, as the build before format 2 wrote it (the best
/// path of late_manager at seed 1), loads and replays to its stored score.
#[test]
fn a_format_1_record_still_loads_and_replays() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("records").join("Ann");
    std::fs::create_dir_all(&dir).unwrap();
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/records/format1.ron");
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(
        text.contains("format: 1,") && !text.contains("said:"),
        "{text}"
    );
    std::fs::copy(&old, dir.join("format1.ron")).unwrap();
    let o = rapport(
        data.path(),
        &["report", "--format", "json", "--scenarios", V1],
    );
    let r: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert!(r["skipped"].as_array().unwrap().is_empty(), "{r}");
    let s = &r["sessions"][0];
    assert_eq!(s["trainee"], "Ann");
    // Exact while late_manager is the file the record names by its hash;
    // an author's later edit makes it "scenario changed", still replayed.
    match s["standing"].as_str() {
        Some("verified") => assert_eq!(s["score"], 100.0, "{s}"),
        Some("scenario_changed") => assert!(s["score"].is_number(), "{s}"),
        _ => panic!("a format-1 record that does not replay: {s}"),
    }
}

/// A record written by the build before options were shown in a shuffled
/// order (the best path of late_manager at seed 1, chosen as then listed)
/// replays to its stored score: a record names each answer by its place as
/// written and by its words, never by where it was shown.
#[test]
fn a_record_from_before_the_shuffle_replays_to_its_stored_score() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("records").join("Ann");
    std::fs::create_dir_all(&dir).unwrap();
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/records/before_shuffle.ron");
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(text.contains("overall: 100.0"), "{text}");
    std::fs::copy(&old, dir.join("before_shuffle.ron")).unwrap();
    let r = report(data.path(), &["--scenarios", V1]);
    assert!(r["skipped"].as_array().unwrap().is_empty(), "{r}");
    let s = &r["sessions"][0];
    // The scenario file changed since (its tags), so the standing says so;
    // the replay still lands on every beat and on the stored score.
    assert!(
        ["verified", "scenario_changed"].contains(&s["standing"].as_str().unwrap()),
        "{s}"
    );
    assert_eq!(s["score"], 100.0, "{s}");
    assert_eq!(s["stored"], 100.0, "{s}");
}

/// Authors reorder options, not least to keep the best one off the top. A
/// record keeps what the trainee said, so its replay still finds the
/// answers they gave; the index alone (all format 1 kept) names others.
#[test]
fn reordered_options_replay_to_the_answers_given() {
    let data = tempfile::tempdir().unwrap();
    let path = play(data.path(), "Ann", best());
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/late_manager.ron"),
    )
    .unwrap();
    let mut file: rapport_core::scenario::file::ScenarioFile =
        rapport_core::ron_text::parse(Path::new("late_manager.ron"), &source).unwrap();
    for beat in &mut file.beats {
        beat.choices.reverse();
    }
    let dir = tempfile::tempdir().unwrap();
    let reversed = dir.path().join("late_manager.ron");
    std::fs::write(
        &reversed,
        ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap(),
    )
    .unwrap();
    let book = rapport_core::rulebook::Rulebook::shipped();
    let loaded = rapport_core::catalog::load_paths(std::slice::from_ref(&reversed), &book);
    assert!(loaded[0].result.is_ok(), "the reversed scenario loads");
    let against = ["--scenarios", reversed.to_str().unwrap()];

    let r = report(data.path(), &against);
    let s = &r["sessions"][0];
    assert_eq!(s["standing"], "scenario_changed");
    assert_eq!(
        s["score"], 100.0,
        "the same answers, found where they moved: {s}"
    );

    // The same record without what was said, as format 1 kept it: the
    // indices now name other options, which lead to other beats than the
    // record's, so it cannot be replayed at all.
    let mut record = rapport_records::store::read_record(&path).unwrap();
    record.format = 1;
    for c in &mut record.choices {
        c.said = None;
    }
    let format1 = record.to_ron();
    assert!(!format1.contains("said"), "{format1}");
    std::fs::write(&path, format1).unwrap();
    let r = report(data.path(), &against);
    let s = &r["sessions"][0];
    assert_eq!(s["standing"], "unreplayable", "{s}");
    assert!(
        s["why"]
            .as_str()
            .unwrap()
            .contains("but the scenario is now at"),
        "{s}"
    );
}
