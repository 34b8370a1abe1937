//! `rapport report --lrs`: the manager's review read back from a real LRS
//! (Ralph and Learning Locker, as in tests/lrs.rs) equals what the
//! trainees' own machines say, sees a score edited or voided and replaced in
//! the LRS, ignores other tools, pages (through thousands of sessions in
//! Ralph), and fetches only what is new the second time.

mod common;

use common::locker::Locker;
use common::lrs::{PASSWORD, TestLrs, USER};
use common::ralph::Ralph;
use common::{best, ok, play, rapport, report, worst};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

/// `rapport report --lrs` with the password where it belongs.
fn team(data: &Path, lrs: &impl TestLrs, password: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["report", "--lrs", &lrs.endpoint(), "--user", USER])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .env("RAPPORT_LRS_PASSWORD", password)
        .output()
        .expect("the binary runs")
}

fn team_json(data: &Path, lrs: &impl TestLrs, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["--format", "json"];
    args.extend(extra);
    let o = team(data, lrs, PASSWORD, &args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let doc = serde_json::from_str(&ok(&o)).unwrap_or_else(|e| panic!("{e}: {err}"));
    (doc, err)
}

/// What must be equal of a session, wherever it was reviewed: everything
/// but where it was read from.
fn rows(doc: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = doc["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let o = s.as_object_mut().unwrap();
            o.remove("path");
            s
        })
        .collect();
    out.sort_by_key(|s| s["id"].as_str().unwrap().to_string());
    out
}

/// The files of one directory into another.
fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
}

fn requests(stderr: &str) -> usize {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("rapport: ")?.split_once(" request(s)"))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no request count in {stderr}"))
}

#[test]
fn the_team_review_is_the_union_of_the_trainees_reviews_ralph() {
    let lrs = Ralph::new();
    let manager = the_team_review_is_the_union_of_the_trainees_reviews(&lrs);

    // A score edited in Ralph's store (under the statement's own id, which
    // an LRS's API refuses to do): that session is altered too.
    let file = lrs.file();
    let mut target = None;
    let edited: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| {
            let mut s: Value = serde_json::from_str(l).unwrap();
            if target.is_none()
                && s["verb"]["id"].as_str().unwrap().ends_with("/failed")
                && s["actor"]["account"]["name"] == "Вера"
            {
                s["result"]["score"]["raw"] = json!(98.0);
                s["result"]["score"]["scaled"] = json!(0.98);
                target = Some(s["context"]["registration"].clone());
            }
            s.to_string()
        })
        .collect();
    std::fs::write(&file, edited.join("\n") + "\n").unwrap();
    let (doc, err) = team_json(manager.path(), &lrs, &["--refresh"]);
    let edited = doc["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == target.clone().unwrap())
        .unwrap();
    assert_eq!(edited["standing"], "altered", "{err}");
    assert_eq!(edited["stored"], 98.0);
}

#[test]
fn the_team_review_is_the_union_of_the_trainees_reviews_locker() {
    the_team_review_is_the_union_of_the_trainees_reviews(&Locker::new());
}

/// The trainees sync, the manager reviews; the manager's data directory,
/// its cache filled.
fn the_team_review_is_the_union_of_the_trainees_reviews(lrs: &impl TestLrs) -> TempDir {
    let trainees: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    for (i, (data, name)) in trainees.iter().zip(["Ann", "Boris", "Вера"]).enumerate() {
        play(data.path(), name, best());
        play(data.path(), name, worst());
        if i == 2 {
            play(data.path(), name, worst());
        }
        ok(&lrs.sync(data.path(), PASSWORD));
    }
    // Another tool writes to the same LRS.
    let other = json!({
        "actor": { "mbox": "mailto:x@example.com" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/completed" },
        "object": { "id": "https://lms.example.com/courses/1" },
    });
    assert_eq!(lrs.post(&json!([other.clone(), other])), 200);

    let mut union: Vec<Value> = Vec::new();
    for data in &trainees {
        union.extend(rows(&report(data.path(), &[])));
    }
    union.sort_by_key(|s| s["id"].as_str().unwrap().to_string());
    assert_eq!(union.len(), 7);

    let manager = tempfile::tempdir().unwrap();
    let (doc, err) = team_json(manager.path(), lrs, &[]);
    assert_eq!(rows(&doc), union, "{err}");
    assert!(err.contains("2 from other tools ignored"), "{err}");
    assert!(
        doc["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["standing"] == "verified"),
        "{doc}"
    );
    // Page after page, the same.
    let paged = tempfile::tempdir().unwrap();
    let (doc, err) = team_json(paged.path(), lrs, &["--page-size", "7"]);
    assert_eq!(rows(&doc), union, "{err}");
    let statements = 7 + 4 * best().split(',').count() + 3 * worst().split(',').count();
    assert!(requests(&err) > statements / 7, "{err}");
    // Filters as for the local report.
    let (only, _) = team_json(manager.path(), lrs, &["--trainee", "Вера"]);
    assert_eq!(only["sessions"].as_array().unwrap().len(), 3);
    assert_eq!(only["trainees"].as_array().unwrap().len(), 1);
    let (late, err) = team_json(manager.path(), lrs, &["--scenario", "late_manager"]);
    assert_eq!(rows(&late), union, "{err}");
    let (none, _) = team_json(manager.path(), lrs, &["--scenario", "incident_call"]);
    assert!(none["sessions"].as_array().unwrap().is_empty());
    let (later, _) = team_json(manager.path(), lrs, &["--since", "2999-01-01"]);
    assert!(later["sessions"].as_array().unwrap().is_empty());
    // The skill map from the LRS is that of the trainees' records together.
    let all = tempfile::tempdir().unwrap();
    for data in &trainees {
        for dir in std::fs::read_dir(data.path().join("records")).unwrap() {
            let dir = dir.unwrap().path();
            copy_files(
                &dir,
                &all.path().join("records").join(dir.file_name().unwrap()),
            );
        }
    }
    let local = ok(&rapport(
        all.path(),
        &["report", "--skills", "--format", "json"],
    ));
    // What the scenarios can test, worked out once (it is keyed by the
    // scenario, the rulebook and the build).
    let coverage = "cache/coverage";
    copy_files(&all.path().join(coverage), &manager.path().join(coverage));
    let (map, err) = team_json(manager.path(), lrs, &["--skills"]);
    assert_eq!(map, serde_json::from_str::<Value>(&local).unwrap(), "{err}");
    assert_eq!(map["trainees"].as_array().unwrap().len(), 3, "{map}");

    // Nothing new: one request. One new session: it alone is fetched.
    let (_, err) = team_json(manager.path(), lrs, &[]);
    assert_eq!(requests(&err), 1, "{err}");
    assert!(err.contains(" 0 new statement(s)"), "{err}");
    play(trainees[0].path(), "Ann", best());
    ok(&lrs.sync(trainees[0].path(), PASSWORD));
    let (doc, err) = team_json(manager.path(), lrs, &[]);
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 8);
    assert_eq!(requests(&err), 1, "{err}");
    let steps = best().split(',').count();
    assert!(
        err.contains(&format!(" {} new statement(s)", steps + 3)),
        "{err}"
    );

    // The password is never printed nor kept.
    let table = team(manager.path(), lrs, PASSWORD, &[]);
    let printed = format!("{}{}", ok(&table), String::from_utf8_lossy(&table.stderr));
    assert!(!printed.contains(PASSWORD));
    for f in walk(manager.path()) {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(PASSWORD), "{}", f.display());
        assert!(!f.to_string_lossy().contains(PASSWORD));
    }

    // A score "corrected" the way xAPI allows: Boris's verdict voided, and
    // another sent under a new id. An LRS refuses a changed statement under
    // the same id (409). The session is altered, whether the review had the
    // voided verdict in its cache or fetches everything again.
    let verdict = lrs
        .statements()
        .into_iter()
        .find(|s| {
            s["verb"]["id"].as_str().unwrap().ends_with("/failed")
                && s["actor"]["account"]["name"] == "Boris"
        })
        .unwrap();
    let mut changed = verdict.clone();
    changed["result"]["score"]["raw"] = json!(99.0);
    changed["result"]["score"]["scaled"] = json!(0.99);
    for lrs_s_own in ["stored", "authority", "version"] {
        changed.as_object_mut().unwrap().remove(lrs_s_own);
    }
    assert_eq!(lrs.post(&json!([changed.clone()])), 409, "{}", lrs.name());
    let void = json!({
        "actor": { "mbox": "mailto:manager@example.com" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
        "object": { "objectType": "StatementRef", "id": verdict["id"] },
    });
    changed["id"] = json!(uuid::Uuid::new_v4().to_string());
    // Ralph's `since` reads the statements' `timestamp` (docs/records.md):
    // a correction made now says so.
    changed["timestamp"] = json!(jiff::Timestamp::now().to_string());
    assert_eq!(lrs.post(&json!([void, changed])), 200);
    for again in [vec![], vec!["--refresh"]] {
        let (doc, err) = team_json(manager.path(), lrs, &again);
        let altered: Vec<&Value> = doc["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["standing"] == "altered")
            .collect();
        assert_eq!(altered.len(), 1, "{again:?} {err}");
        assert_eq!(altered[0]["trainee"], "Boris");
        assert_eq!(altered[0]["stored"], 99.0);
        assert_eq!(doc["sessions"].as_array().unwrap().len(), 8, "{err}");
        // The cache had the voided verdict: it is disregarded. (Fetched
        // again, a conformant LRS no longer sends it; Ralph still does.)
        if again.is_empty() {
            assert!(err.contains("1 of Rapport's voided"), "{err}");
        }
    }
    manager
}

#[test]
fn a_wrong_password_and_an_unreachable_lrs_fail_clearly_and_keep_the_cache_ralph() {
    a_wrong_password_and_an_unreachable_lrs_fail_clearly_and_keep_the_cache(Ralph::new());
}

#[test]
fn a_wrong_password_and_an_unreachable_lrs_fail_clearly_and_keep_the_cache_locker() {
    a_wrong_password_and_an_unreachable_lrs_fail_clearly_and_keep_the_cache(Locker::new());
}

fn a_wrong_password_and_an_unreachable_lrs_fail_clearly_and_keep_the_cache(mut lrs: impl TestLrs) {
    let trainee = tempfile::tempdir().unwrap();
    play(trainee.path(), "Ann", best());
    ok(&lrs.sync(trainee.path(), PASSWORD));
    let manager = tempfile::tempdir().unwrap();
    team_json(manager.path(), &lrs, &[]);
    let before = snapshot(manager.path());

    let o = team(manager.path(), &lrs, "wrong", &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("refused the credentials"), "{err}");
    assert!(!err.contains("wrong"), "{err}");
    assert_eq!(snapshot(manager.path()), before);

    lrs.stop();
    let o = team(manager.path(), &lrs, PASSWORD, &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot be reached"), "{err}");
    assert_eq!(snapshot(manager.path()), before);

    let o = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["report", "--lrs", &lrs.endpoint(), "--user", USER])
        .env("RAPPORT_DATA_DIR", manager.path())
        .env_remove("RAPPORT_LRS_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("RAPPORT_LRS_PASSWORD"));
}

/// 2,000 generated sessions, put in the LRS's store directly (a POST per
/// session would take Ralph's file backend minutes), read back across
/// pages, and reviewed as the local records are.
#[test]
fn two_thousand_sessions_are_fetched_across_pages() {
    let lrs = Ralph::new();
    let data = tempfile::tempdir().unwrap();
    let book = rapport_core::rulebook::Rulebook::shipped();
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let store = rapport_records::store::DataDir {
        root: data.path().to_path_buf(),
    };
    let from: jiff::Timestamp = "2026-01-05T09:00:00Z".parse().unwrap();
    for r in rapport_fixtures::records(&book, &scenarios, 2000, 11, from) {
        store.save(&r).unwrap();
    }
    let exported = ok(&rapport(data.path(), &["export", "--format", "xapi"]));
    let statements: Vec<Value> = serde_json::from_str(&exported).unwrap();
    let stored = jiff::Timestamp::now().to_string();
    let mut lines = String::new();
    for mut s in statements.iter().cloned() {
        s["stored"] = json!(stored);
        lines.push_str(&s.to_string());
        lines.push('\n');
    }
    std::fs::write(lrs.file(), lines).unwrap();

    let manager = tempfile::tempdir().unwrap();
    let clock = std::time::Instant::now();
    let (doc, err) = team_json(manager.path(), &lrs, &["--page-size", "100"]);
    let took = clock.elapsed();
    let pages = requests(&err);
    assert!(pages > statements.len() / 100, "{pages} pages: {err}");
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 2000, "{err}");
    assert_eq!(rows(&doc), rows(&report(data.path(), &[])));
    // Again: one request, every session from the cache.
    let clock = std::time::Instant::now();
    let (again, err) = team_json(manager.path(), &lrs, &["--page-size", "100"]);
    let cached = clock.elapsed();
    assert_eq!(requests(&err), 1, "{err}");
    assert_eq!(rows(&again), rows(&doc));
    eprintln!(
        "{} statements in {pages} pages, reviewed in {took:.1?} (most of it Ralph's file backend); \
         again from the cache in {cached:.1?}",
        statements.len()
    );
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walk(dir)
        .into_iter()
        .map(|f| {
            let b = std::fs::read(&f).unwrap();
            (f, b)
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
