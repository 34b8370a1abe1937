//! `rapport sync` against real Learning Record Stores: Ralph, with its
//! file-system backend, and Learning Locker's statements service, in
//! memory; each case runs against both, each server started on loopback for
//! the test. `.ci/setup` installs them; a machine without them fails here,
//! loudly, rather than skipping the test.

mod common;

use common::locker::Locker;
use common::lrs::{PASSWORD, TestLrs, USER};
use common::ralph::Ralph;
use common::{best, paths, play, worst};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn sync_delivers_once_queues_while_the_lrs_is_down_and_refuses_wrong_credentials_ralph() {
    sync_delivers_once_queues_while_the_lrs_is_down_and_refuses_wrong_credentials(Ralph::new());
}

#[test]
fn sync_delivers_once_queues_while_the_lrs_is_down_and_refuses_wrong_credentials_locker() {
    sync_delivers_once_queues_while_the_lrs_is_down_and_refuses_wrong_credentials(Locker::new());
}

fn sync_delivers_once_queues_while_the_lrs_is_down_and_refuses_wrong_credentials(
    mut lrs: impl TestLrs,
) {
    let data = tempfile::tempdir().unwrap();
    play(data.path(), "Ann", best());
    play(data.path(), "Boris", worst());

    let o = lrs.sync(data.path(), PASSWORD);
    assert!(o.status.success(), "{}", text(&o));
    let held = lrs.statements();
    // Per session: attempted, one answered per choice, completed, and the verdict.
    assert_eq!(
        held.len(),
        (paths().best_steps + 3) + (paths().worst_steps + 3),
        "{}",
        text(&o)
    );
    let verbs: Vec<&str> = held
        .iter()
        .map(|s| s["verb"]["id"].as_str().unwrap())
        .collect();
    assert!(verbs.contains(&"http://adlnet.gov/expapi/verbs/passed"));
    assert!(verbs.contains(&"http://adlnet.gov/expapi/verbs/failed"));
    assert_eq!(
        verbs.iter().filter(|v| v.ends_with("/answered")).count(),
        paths().best_steps + paths().worst_steps
    );
    let passed = held
        .iter()
        .find(|s| s["verb"]["id"].as_str().unwrap().ends_with("/passed"))
        .unwrap();
    assert_eq!(passed["actor"]["account"]["name"], "Ann");
    assert_eq!(passed["result"]["score"]["raw"], 100.0);
    assert_eq!(passed["result"]["score"]["scaled"], 1.0);
    assert_eq!(passed["result"]["success"], true);
    let answered = held
        .iter()
        .find(|s| s["verb"]["id"].as_str().unwrap().ends_with("/answered"))
        .unwrap();
    let ext = answered["context"]["extensions"].as_object().unwrap();
    assert!(ext.keys().any(|k| k.ends_with("/beat")));
    assert!(ext.keys().any(|k| k.ends_with("/rules-broken")));

    // Again: nothing new. Even with the ledger of what was sent lost, the
    // LRS stores nothing twice.
    let o = lrs.sync(data.path(), PASSWORD);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Nothing to send"), "{}", text(&o));
    std::fs::remove_dir_all(data.path().join("xapi")).unwrap();
    let o = lrs.sync(data.path(), PASSWORD);
    assert!(o.status.success(), "{}", text(&o));
    let again = lrs.statements();
    assert_eq!(again.len(), held.len(), "no duplicates");
    let mut ids: Vec<&str> = again.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), held.len());

    // The LRS goes away: a new session waits in the queue.
    lrs.stop();
    play(data.path(), "Ann", worst());
    let o = lrs.sync(data.path(), PASSWORD);
    assert!(!o.status.success());
    assert!(text(&o).contains("cannot be reached"), "{}", text(&o));
    assert!(
        text(&o).contains("1 session(s) wait in the queue"),
        "{}",
        text(&o)
    );
    let queue: Vec<_> = walk(&data.path().join("xapi"))
        .into_iter()
        .filter(|p| p.parent().unwrap().ends_with("queue"))
        .collect();
    assert_eq!(queue.len(), 1, "{queue:?}");

    // It comes back: the queued session goes out, and only it. (An LRS in
    // memory comes back empty: what counts is what is new.)
    lrs.start();
    let o = lrs.sync(data.path(), PASSWORD);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Sent 1 session(s)"), "{}", text(&o));
    let before: Vec<&Value> = held.iter().map(|s| &s["id"]).collect();
    let new = lrs
        .statements()
        .into_iter()
        .filter(|s| !before.contains(&&s["id"]))
        .count();
    assert_eq!(new, paths().worst_steps + 3, "{}", lrs.name());

    // Wrong credentials: a clear error, nothing lost.
    let o = lrs.sync(data.path(), "wrong");
    assert!(!o.status.success());
    assert!(text(&o).contains("refused the credentials"), "{}", text(&o));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// `rapport sync` killed with SIGKILL at random moments, a hundred times:
/// every queued file stays readable, the next sync delivers everything, and
/// the LRS holds each statement once.
#[test]
fn sync_survives_sigkill_and_sends_nothing_twice_ralph() {
    sync_survives_sigkill_and_sends_nothing_twice(Ralph::new());
}

#[test]
fn sync_survives_sigkill_and_sends_nothing_twice_locker() {
    sync_survives_sigkill_and_sends_nothing_twice(Locker::new());
}

fn sync_survives_sigkill_and_sends_nothing_twice(lrs: impl TestLrs) {
    use rand::{RngExt, SeedableRng};
    let data = tempfile::tempdir().unwrap();
    let mut expected = 0;
    for (i, choose) in [best(), worst(), best(), worst(), best(), worst()]
        .iter()
        .enumerate()
    {
        play(data.path(), &format!("trainee {i}"), choose);
        expected += choose.split(',').count() + 3;
    }
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
    let mut killed = 0;
    // How long a sync lives depends on the machine and on what is left to
    // send, so the kill comes within a window that follows what is seen:
    // narrower after a sync that had already ended, wider after one killed.
    let mut window_us: u64 = 150_000;
    for _ in 0..100 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args([
                "sync",
                "--lrs",
                &lrs.endpoint(),
                "--user",
                USER,
                "--password",
                PASSWORD,
            ])
            .env("RAPPORT_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..window_us)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if std::os::unix::process::ExitStatusExt::signal(&status) == Some(9) {
            killed += 1;
            window_us = (window_us + window_us / 10).min(150_000);
        } else {
            window_us = (window_us * 3 / 4).max(1_000);
        }
        let xapi = data.path().join("xapi");
        for f in if xapi.exists() {
            walk(&xapi)
        } else {
            Vec::new()
        } {
            if f.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&f).unwrap();
                assert!(
                    serde_json::from_slice::<Vec<Value>>(&bytes).is_ok(),
                    "torn queue file {}",
                    f.display()
                );
            }
        }
        // Now and then the ledger is lost too: what was sent but not marked
        // goes again, and must still be stored once.
        if rng.random_range(0..5) == 0 {
            let _ = std::fs::remove_dir_all(data.path().join("xapi"));
        }
    }
    assert!(
        killed >= 20,
        "only {killed} syncs were killed before they ended"
    );
    eprintln!("{killed} of 100 syncs killed before they ended");
    let o = lrs.sync(data.path(), PASSWORD);
    assert!(o.status.success(), "{}", text(&o));
    let held = lrs.statements();
    assert_eq!(held.len(), expected, "every statement, once");
    let mut ids: Vec<&str> = held.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), expected);
}
