//! Crash safety of records: `rapport play` killed with SIGKILL at random
//! moments, a hundred times, while it plays and saves. Afterwards every
//! record on disk must load, and every session the program reported as
//! saved must be there.

mod common;

use rand::{RngExt, SeedableRng};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn records_survive_sigkill_at_any_moment() {
    let data = tempfile::tempdir().unwrap();
    // Seeded, so a failure can be replayed with the same kill times.
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(2026);
    let mut reported = Vec::new();
    let mut killed = 0;
    // The best path of late_manager, as one trainee or another.
    let play = |extra: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rapport"));
        c.args([
            "play",
            "late_manager",
            "--seed",
            "1",
            "--choose",
            common::best(),
        ])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data.path());
        c
    };
    // Kill within one and a half times what a whole run takes on this
    // machine now, so that some runs finish and some do not, loaded or not.
    // The fastest of three runs: the first start of a large binary is slow
    // (its pages are not yet cached), and a window measured on it let
    // nearly every later run finish before its kill.
    let whole = (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            let out = play(&["--no-save"]).output().unwrap();
            assert!(out.status.success());
            t.elapsed().as_micros() as u64
        })
        .min()
        .unwrap();
    let window = (whole * 3 / 2).max(20_000);
    for i in 0..120 {
        let mut child = play(&["--trainee", &format!("trainee {}", i % 3)])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..window)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if std::os::unix::process::ExitStatusExt::signal(&status) == Some(9) {
            killed += 1;
        }
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        reported.extend(
            err.lines()
                .filter_map(|l| l.strip_prefix("rapport: saved "))
                .map(std::path::PathBuf::from),
        );
    }
    let store = rapport_records::store::DataDir {
        root: data.path().to_path_buf(),
    };
    let loaded = store.load_all();
    assert!(
        loaded.broken.is_empty(),
        "torn records: {:?}",
        loaded.broken
    );
    for path in &reported {
        assert!(
            loaded.records.iter().any(|(p, _)| p == path),
            "{} was reported saved but is not there",
            path.display()
        );
    }
    // Both outcomes happened, or the test proved nothing.
    assert!(
        killed >= 20,
        "only {killed} runs were killed before they ended"
    );
    assert!(killed < 120, "every run was killed: none finished");
    assert!(!reported.is_empty(), "no run got to save");
    eprintln!(
        "{killed} runs killed, {} reported saved, {} records on disk",
        reported.len(),
        loaded.records.len()
    );
}
