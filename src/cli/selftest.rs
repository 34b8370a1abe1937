//! `rapport test`: the golden runs kept beside scenarios, played and
//! reported like a test runner.

use rapport_author::selftest::{TestsFile, run_all};
use rapport_core::catalog;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Tests files, scenario files, or directories of them [default: the shipped ones].
    /// A tests file plays the scenario of its id found among the paths, else the shipped one.
    paths: Vec<PathBuf>,
}

pub fn run(args: Args, book: &Rulebook) -> ExitCode {
    // (where the runs come from, the runs or why they cannot be read)
    let mut files: Vec<(PathBuf, Result<TestsFile, String>)> = Vec::new();
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut errors = 0;
    if args.paths.is_empty() {
        for (name, text) in catalog::shipped_tests() {
            let path = PathBuf::from(name);
            let t = TestsFile::load(&path, text.as_bytes()).map_err(|d| d.to_string());
            files.push((path, t));
        }
    } else {
        for p in &args.paths {
            let found = match catalog::ron_files(p) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("{}", catalog::io_error(p, &e));
                    errors += 1;
                    continue;
                }
            };
            for f in found.into_iter().filter(|f| is_tests(f)) {
                let t = rapport_core::ron_text::read(&f)
                    .map_err(|e| catalog::io_error(&f, &e).to_string())
                    .and_then(|b| TestsFile::load(&f, &b).map_err(|d| d.to_string()));
                files.push((f, t));
            }
        }
        for e in catalog::load_paths(&args.paths, book) {
            if let Ok((s, _)) = e.result {
                scenarios.push(s);
            }
        }
    }
    let shipped = catalog::shipped_scenarios(book);

    let total: usize = files
        .iter()
        .map(|(_, t)| t.as_ref().map_or(0, |t| t.runs.len()))
        .sum();
    println!("running {total} golden run(s) from {} file(s)", files.len());
    let (mut passed, mut failed) = (0, 0);
    let mut failures = Vec::new();
    for (path, tests) in &files {
        let tests = match tests {
            Ok(t) => t,
            Err(why) => {
                println!("{} ... ERROR", path.display());
                failures.push(why.clone());
                errors += 1;
                continue;
            }
        };
        let scenario = scenarios
            .iter()
            .chain(&shipped)
            .find(|s| s.id == tests.scenario);
        let Some(scenario) = scenario else {
            println!("{} ... ERROR", path.display());
            failures.push(format!(
                "{}: no scenario `{}` among the paths given or the shipped ones",
                path.display(),
                tests.scenario
            ));
            errors += 1;
            continue;
        };
        for outcome in run_all(tests, scenario, book) {
            if outcome.passed() {
                passed += 1;
                println!("{}: {} ... ok", tests.scenario, outcome.name);
            } else {
                failed += 1;
                println!("{}: {} ... FAILED", tests.scenario, outcome.name);
                let mut text = format!(
                    "---- {}: {} ({}) ----",
                    tests.scenario,
                    outcome.name,
                    path.display()
                );
                for f in &outcome.failures {
                    text.push_str(&format!("\n    {f}"));
                }
                failures.push(text);
            }
        }
    }
    if !failures.is_empty() {
        println!("\nfailures:\n");
        for f in &failures {
            println!("{f}\n");
        }
    }
    let verdict = if failed == 0 && errors == 0 {
        "ok"
    } else {
        "FAILED"
    };
    println!("test result: {verdict}. {passed} passed; {failed} failed; {errors} file error(s)");
    if failed == 0 && errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A golden-runs file: named `*.tests.ron`, or with `Tests(` at its top.
fn is_tests(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".tests.ron")
        || rapport_core::ron_text::read(path).is_ok_and(|b| {
            let head = String::from_utf8_lossy(&b[..b.len().min(4096)]).into_owned();
            rapport_core::ron_text::top_level_name(&head) == Some("Tests")
        })
}
