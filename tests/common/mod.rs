//! What the end-to-end tests of records and sync share: running the
//! binary with a data directory of the test's own, and playing a session.
// Each test crate uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The best and the worst path of late_manager at seed 1, as
/// `rapport analyze late_manager` finds them.
pub const BEST: &str = "1,3,1,3,2,1,1,1";
pub const WORST: &str = "3,1,1,3,1,3,1,2,2";
/// The worst path's score and its number of choices.
pub const WORST_SCORE: f64 = 200.0 / 29.0; // 2 of 29 weight held
pub const WORST_STEPS: usize = 9;

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
