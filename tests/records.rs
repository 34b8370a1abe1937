//! Records end to end: `rapport play` keeps them, `rapport report` replays
//! them, trusts no stored score, and never stops at a broken file.

mod common;

use common::{best, ok, paths, play, rapport, worst};
use serde_json::Value;
use std::path::Path;

fn report(data: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&ok(&rapport(data, &args))).expect("one JSON object")
}

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
    let book = rapport::rulebook::Rulebook::shipped();
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
        rapport::catalog::load_paths(std::slice::from_ref(&changed), &book)[0]
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
    let mut file: rapport::scenario::file::ScenarioFile =
        rapport::ron_text::parse(Path::new("late_manager.ron"), &source).unwrap();
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
    let book = rapport::rulebook::Rulebook::shipped();
    let loaded = rapport::catalog::load_paths(std::slice::from_ref(&reversed), &book);
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
    let mut record = rapport::store::read_record(&path).unwrap();
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

#[test]
fn report_filters_and_formats() {
    let data = tempfile::tempdir().unwrap();
    play(data.path(), "Ann", best());
    play(data.path(), "Боб", worst());
    let r = report(data.path(), &["--trainee", "Боб"]);
    assert_eq!(r["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(r["sessions"][0]["trainee"], "Боб");
    let r = report(data.path(), &["--scenario", "rude_client"]);
    assert!(r["sessions"].as_array().unwrap().is_empty());
    let r = report(data.path(), &["--since", "2999-01-01"]);
    assert!(r["sessions"].as_array().unwrap().is_empty());
    let r = report(data.path(), &["--since", "2000-01-01"]);
    assert_eq!(r["sessions"].as_array().unwrap().len(), 2);

    let o = rapport(data.path(), &["report", "--since", "last week"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("neither a day"));

    let csv = ok(&rapport(data.path(), &["report", "--format", "csv"]));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&rows.headers().unwrap()[2], "trainee");
    assert_eq!(rows.records().count(), 2);
    let csv = ok(&rapport(
        data.path(),
        &["report", "--format", "csv", "--view", "trainees"],
    ));
    assert!(csv.starts_with("trainee,attempts,best"), "{csv}");
    assert!(
        csv.contains(&format!("Боб,1,{:.2}", paths().worst_score)),
        "{csv}"
    );
}

#[test]
fn xapi_export_is_complete_and_the_same_every_time() {
    let data = tempfile::tempdir().unwrap();
    play(data.path(), "Ann", best());
    play(data.path(), "Ann", worst());
    let first = ok(&rapport(data.path(), &["export", "--format", "xapi"]));
    let second = ok(&rapport(data.path(), &["export", "--format", "xapi"]));
    assert_eq!(first, second, "statements derive from the records alone");
    let statements: Vec<Value> = serde_json::from_str(&first).unwrap();
    // attempted + one answered per choice + completed + passed/failed.
    assert_eq!(
        statements.len(),
        (1 + paths().best_steps + 2) + (1 + paths().worst_steps + 2)
    );
    let mut ids: Vec<&str> = statements
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), statements.len(), "ids are unique");
    for s in &statements {
        assert_eq!(s["version"], "1.0.3");
        assert_eq!(s["actor"]["account"]["name"], "Ann");
        assert!(
            uuid::Uuid::parse_str(s["id"].as_str().unwrap())
                .unwrap()
                .get_version_num()
                == 5
        );
    }
    let verdicts: Vec<&Value> = statements
        .iter()
        .filter(|s| s["result"]["score"].is_object())
        .collect();
    assert_eq!(verdicts.len(), 2);
    for v in verdicts {
        let raw = v["result"]["score"]["raw"].as_f64().unwrap();
        assert_eq!(
            v["result"]["score"]["scaled"].as_f64().unwrap(),
            raw / 100.0
        );
        assert_eq!(v["result"]["success"], raw >= 70.0);
        assert!(v["result"]["duration"].as_str().unwrap().starts_with("PT"));
        let verb = v["verb"]["id"].as_str().unwrap();
        assert!(verb.ends_with(if raw >= 70.0 { "/passed" } else { "/failed" }));
    }
    // Filters apply, and --base renames every activity.
    let only = ok(&rapport(
        data.path(),
        &["export", "--format", "xapi", "--since", "2999-01-01"],
    ));
    assert_eq!(only.trim(), "[]");
    let based = ok(&rapport(
        data.path(),
        &[
            "export",
            "--format",
            "xapi",
            "--base",
            "https://lms.example.com/rapport/",
        ],
    ));
    assert!(based.contains("\"https://lms.example.com/rapport/scenarios/late_manager\""));
    assert!(!based.contains("rapport.invalid"));
}

/// Hostile trainee names never put a record outside the data directory,
/// and two names that map alike stay two trainees.
#[test]
fn hostile_names_stay_inside_the_data_directory() {
    let data = tempfile::tempdir().unwrap();
    let names = [
        "../../escaped",
        "/etc/passwd",
        "..",
        "CON",
        "a\u{202E}b",
        "tab\there",
        &"long".repeat(2_500),
        "a/b",
        "a_b",
    ];
    let mut dirs = std::collections::HashSet::new();
    for n in names {
        let path = play(data.path(), n, worst());
        let root = data.path().join("records").canonicalize().unwrap();
        let real = path.canonicalize().unwrap();
        assert!(
            real.starts_with(&root),
            "{n:?} landed at {}",
            real.display()
        );
        assert_eq!(
            real.parent().unwrap().parent().unwrap(),
            root,
            "{n:?}: one level down"
        );
        dirs.insert(real.parent().unwrap().to_path_buf());
    }
    assert_eq!(dirs.len(), names.len(), "every name has its own directory");
    let r = report(data.path(), &[]);
    let kept: std::collections::HashSet<&str> = r["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["trainee"].as_str().unwrap())
        .collect();
    for n in names {
        assert!(
            kept.contains(n),
            "the record keeps the name as typed: {n:?}"
        );
    }
}

/// Found by fuzzing the record loader: a stored score of NaN was accepted
/// (and then equal to nothing). Scores that are not numbers from 0 to 100
/// are refused, located, and the review goes on.
#[test]
fn a_stored_score_that_is_not_a_score_is_refused_where_it_is() {
    let data = tempfile::tempdir().unwrap();
    let path = play(data.path(), "Ann", worst());
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("overall: ").unwrap() + "overall: ".len();
    let end = start + text[start..].find(',').unwrap();
    let line = text[..start].lines().count();
    for bad in ["NaN", "-NaN", "inf", "150.0", "-1.0"] {
        std::fs::write(&path, format!("{}{bad}{}", &text[..start], &text[end..])).unwrap();
        let o = rapport(data.path(), &["report", "--format", "json"]);
        let r: Value = serde_json::from_str(&ok(&o)).unwrap();
        assert!(r["sessions"].as_array().unwrap().is_empty(), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!(":{line}:")),
            "{bad}: located at line {line}: {err}"
        );
        assert!(
            err.contains("a score is a number from 0 to 100"),
            "{bad}: {err}"
        );
    }
}

/// A session that cannot be kept says so, fails, and says how to keep it:
/// that command, once the trouble is fixed, keeps the same session.
#[test]
fn a_session_that_cannot_be_kept_says_how_to_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(&data, "a file where the data directory should be").unwrap();
    let o = rapport(
        &data,
        &[
            "play",
            "late_manager",
            "--seed",
            "1",
            "--choose",
            best(),
            "--trainee",
            "Ann O'Neil",
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("rapport: the session was not saved: cannot write"),
        "{err}"
    );
    let again = err
        .lines()
        .find_map(|l| l.strip_prefix("rapport: to keep it once that is fixed: "))
        .unwrap_or_else(|| panic!("no way to keep it in {err}"));
    let words = shlex::split(again).unwrap();
    assert_eq!(words[0], "rapport", "{again}");

    std::fs::remove_file(&data).unwrap();
    let words: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    ok(&rapport(&data, &words));
    let r = report(&data, &[]);
    let s = &r["sessions"][0];
    assert_eq!(s["trainee"], "Ann O'Neil");
    assert_eq!(s["score"], 100.0);
}
