//! Writes generated records into a data directory, for the review
//! benchmark (`benches/report.sh`) and for trying the review screen:
//! `cargo run --release -p rapport-fixtures --example generate_records -- DIR COUNT [SEED]`.

use rapport_core::rulebook::Rulebook;
use rapport_records::store::DataDir;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: generate_records DIR COUNT [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let book = Rulebook::shipped();
    let scenarios: Vec<_> = rapport_core::catalog::shipped(&book)
        .into_iter()
        .filter_map(|e| e.result.ok().map(|(s, _)| s))
        .collect();
    let data = DataDir { root: dir.into() };
    let from: jiff::Timestamp = "2026-01-05T08:00:00Z".parse().expect("a fixed moment");
    for r in rapport_fixtures::records(&book, &scenarios, count, seed, from) {
        // Plain writes: a generator needs no crash safety, and a hundred
        // thousand fsyncs would take longer than the benchmark.
        let path = data.path_for(&r);
        let written = std::fs::create_dir_all(path.parent().expect("a record has a directory"))
            .and_then(|()| std::fs::write(&path, r.to_ron()));
        if let Err(e) = written {
            eprintln!("generate_records: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
