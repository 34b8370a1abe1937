//! End-to-end tests of the `rapport` binary.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "../common/mod.rs"]
mod common;

mod author;
mod check;
mod play;
mod say;

/// Runs the binary from the repository, its records kept in a directory of
/// the test's own (never the data directory of whoever runs the tests).
fn rapport(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    rapport_in(data.path(), args)
}

fn rapport_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The best (or worst) path of `scenario` at `seed`, as `analyze` lists it
/// for the order that seed shows the options.
fn analyzed(scenario: &str, seed: &str, which: &str) -> String {
    let a = json(&rapport(&["analyze", scenario, "--seed", seed, "--json"]));
    a[which]["choose"].as_str().unwrap().to_string()
}

/// Where the option that starts with `words` is listed at the first beat of
/// `file` for `seed`.
fn listed_first(file: &str, seed: u64, words: &str) -> String {
    let book = rapport_core::rulebook::Rulebook::shipped();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let bytes = std::fs::read(&path).unwrap();
    let (s, _) = rapport_core::scenario::Scenario::load(&path, &bytes, &book).unwrap();
    let session = rapport_core::session::Session::new(
        &s,
        &book,
        rapport_core::scenario::Difficulty::Normal,
        seed,
    );
    let beat = session.beat().unwrap();
    let n = session
        .options()
        .iter()
        .position(|&i| {
            beat.choices[usize::from(i)]
                .text
                .get(rapport_core::text::Lang::En)
                .starts_with(words)
        })
        .unwrap();
    (n + 1).to_string()
}

fn json(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("stdout is one JSON object")
}

/// The most memory `rapport check` may take on any input: the 16 MiB it
/// reads at most, and what the program needs around it.
const PEAK_KIB: u64 = 64 * 1024;
