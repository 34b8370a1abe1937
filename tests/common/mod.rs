//! What the end-to-end tests of records and sync share: running the
//! binary with a data directory of the test's own, and playing a session.
// Each test crate uses its own part of this module.
#![allow(dead_code)]

pub mod locker;
pub mod lrs;
pub mod ralph;
pub mod skills;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The best and the worst path of late_manager at seed 1, as `rapport
/// analyze late_manager` finds them, read off the scenario as it ships so
/// that an author's rewrite of it never breaks the tests of records.
pub struct Paths {
    pub best: String,
    pub worst: String,
    pub best_steps: usize,
    pub worst_steps: usize,
    pub worst_score: f64,
}

pub fn paths() -> &'static Paths {
    static PATHS: std::sync::OnceLock<Paths> = std::sync::OnceLock::new();
    PATHS.get_or_init(|| {
        use rapport_core::scenario::Difficulty;
        let book = rapport_core::rulebook::Rulebook::shipped();
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        let s = scenarios
            .iter()
            .find(|s| s.id == "late_manager")
            .expect("late_manager ships");
        let world = rapport_core::engine::World::new(s, &book, Difficulty::Normal, 1);
        let a = rapport_core::analysis::analyze(&world);
        let list = |v: &[usize]| {
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        assert!(a.best.passed && a.best.score == 100.0, "{:?}", a.best);
        assert!(!a.worst.passed, "{:?}", a.worst);
        Paths {
            best: list(&a.best.choose),
            worst: list(&a.worst.choose),
            best_steps: a.best.choose.len(),
            worst_steps: a.worst.choose.len(),
            worst_score: a.worst.score,
        }
    })
}

pub fn best() -> &'static str {
    &paths().best
}

pub fn worst() -> &'static str {
    &paths().worst
}

/// Runs the binary from the repository with `data` as its data directory
/// (never the data directory of whoever runs the tests).
pub fn rapport(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .env_remove("RAPPORT_LRS_PASSWORD")
        .output()
        .expect("the binary runs")
}

/// Standard output of a run that must have succeeded.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Plays late_manager with seed 1 along `choose` as `trainee`; the path
/// the record was saved to.
pub fn play(data: &Path, trainee: &str, choose: &str) -> PathBuf {
    let o = rapport(
        data,
        &[
            "play",
            "late_manager",
            "--seed",
            "1",
            "--choose",
            choose,
            "--trainee",
            trainee,
        ],
    );
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    let path = err
        .lines()
        .find_map(|l| l.strip_prefix("rapport: saved "))
        .unwrap_or_else(|| panic!("no saved line in {err}"));
    PathBuf::from(path)
}

/// `rapport report --format json` over a data directory, parsed.
pub fn report(data: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&ok(&rapport(data, &args))).expect("one JSON object")
}

/// Runs the binary with `input` on standard input, records kept in `data`.
/// The input is written from a thread of its own while the output is read:
/// a long input and a long output would otherwise each wait for the other.
/// A meeting that ends early stops reading; the rest is not an error.
pub fn rapport_typed(data: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .env_remove("RAPPORT_LRS_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("the binary runs");
    writer.join().expect("the writer ends");
    out
}
