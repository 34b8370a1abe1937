//! The paraphrase benchmark of "say it first" (issue 18): answers written in
//! a trainee's own words for every option of a scenario, kept in
//! tests/paraphrases/<scenario>.ron and written without looking at the
//! matcher, against the option the matcher suggests among all of the beat's.
//!
//! `cargo test --test paraphrases -- --nocapture` prints the table (top-1
//! and top-2 agreement per scenario and language) and every miss.

use rapport_core::Rulebook;
use rapport_core::catalog;
use rapport_core::say::Matcher;
use rapport_core::say::paraphrase::{Agreement, ParaphraseFile, agreement, report};
use std::path::{Path, PathBuf};

/// The share of paraphrases whose own option must be the one suggested,
/// per scenario and language.
const TOP1: f64 = 0.80;
/// The share whose option must be suggested or ranked second.
const TOP2: f64 = 0.95;
/// The fewest paraphrases per option and language the set promises.
const LEAST: usize = 3;

fn files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/paraphrases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(
        !files.is_empty(),
        "no paraphrase set in tests/paraphrases/ (<scenario>.ron): the benchmark measures nothing without one"
    );
    files
}

#[test]
fn the_matcher_agrees_with_the_paraphrase_sets() {
    let book = Rulebook::shipped();
    let mut results: Vec<Agreement> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for path in files() {
        let name = path.display();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = ParaphraseFile::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let scenario = catalog::resolve(&file.scenario, &book)
            .unwrap_or_else(|d| panic!("{name}: scenario `{}`: {d:?}", file.scenario))
            .0;
        problems.extend(
            file.gaps(&scenario, LEAST)
                .into_iter()
                .map(|g| format!("{name}: {g}")),
        );
        let matcher = Matcher::new(&scenario, &book);
        results.extend(agreement(&file, &scenario, &matcher).unwrap_or_else(|e| panic!("{e}")));
    }
    let table = report(&results);
    println!("{table}");
    for a in &results {
        if a.total == 0 {
            problems.push(format!("{} {}: no paraphrases", a.scenario, a.lang));
            continue;
        }
        if a.top1_rate() < TOP1 {
            problems.push(format!(
                "{} {}: top-1 {:.1}% is below {:.0}%",
                a.scenario,
                a.lang,
                100.0 * a.top1_rate(),
                100.0 * TOP1
            ));
        }
        if a.top2_rate() < TOP2 {
            problems.push(format!(
                "{} {}: top-2 {:.1}% is below {:.0}%",
                a.scenario,
                a.lang,
                100.0 * a.top2_rate(),
                100.0 * TOP2
            ));
        }
    }
    assert!(problems.is_empty(), "{}\n\n{table}", problems.join("\n"));
}
