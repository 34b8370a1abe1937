//! `rapport audit`: what a trainee who never reads for meaning scores on each
//! scenario, exactly; exit 1 when such a strategy can pass.

use rapport_core::audit::{Audit, Item, audit};
use rapport_core::debrief::round1;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Scenario files, directories of them, or ids of shipped scenarios
    /// [default: every shipped scenario].
    scenarios: Vec<String>,
    #[arg(long, default_value = "normal")]
    difficulty: Difficulty,
    /// A strategy fails the audit when it passes with a probability above
    /// this (0 to 1) and above what picking at random gives.
    #[arg(long, default_value_t = 0.0, value_parser = probability)]
    threshold: f64,
    /// Leave out the per-beat item table.
    #[arg(long)]
    no_items: bool,
    /// Also print, for this seed, the path each strategy takes (as
    /// `--choose` lists it, ties to the first shown) and where it ends: the
    /// runs to pin down in NAME.tests.ron.
    #[arg(long, value_name = "SEED")]
    paths: Option<u64>,
    /// One JSON array of the audits, for scripts and CI.
    #[arg(long)]
    json: bool,
}

fn probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a probability from 0 to 1")),
    }
}

pub fn run(args: Args, book: &Rulebook) -> ExitCode {
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut broken = false;
    if args.scenarios.is_empty() {
        scenarios = rapport_core::catalog::shipped_scenarios(book);
    }
    for arg in &args.scenarios {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            for entry in rapport_core::catalog::load_paths(&[path], book) {
                match entry.result {
                    Ok((s, _)) => scenarios.push(s),
                    Err(d) => {
                        super::print_diagnostics(&d);
                        broken = true;
                    }
                }
            }
        } else {
            match super::scenario_named(arg, book) {
                Some(s) => scenarios.push(s),
                None => broken = true,
            }
        }
    }
    let audits: Vec<Audit> = scenarios
        .iter()
        .map(|s| {
            let mut a = audit(s, book, args.difficulty, args.threshold);
            if args.no_items {
                a.items.clear();
            }
            a
        })
        .collect();
    if args.json {
        let all: Vec<serde_json::Value> = audits
            .iter()
            .zip(&scenarios)
            .map(|(a, s)| {
                let mut v = serde_json::to_value(a).expect("audits always serialise");
                if let Some(seed) = args.paths {
                    v["paths"] = serde_json::to_value(walk(s, book, args.difficulty, seed))
                        .expect("paths always serialise");
                }
                v
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&all).expect("JSON values always serialise")
        );
    } else {
        for (a, s) in audits.iter().zip(&scenarios) {
            print!("{}", table(a, !args.no_items));
            if let Some(seed) = args.paths {
                print!("{}", paths(s, book, args.difficulty, seed));
            }
        }
        if audits.len() > 1 {
            print!("{}", summary(&audits));
        }
    }
    if broken {
        ExitCode::from(2)
    } else if audits.iter().all(Audit::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn percent(p: f64) -> String {
    format!("{:.1}%", 100.0 * p)
}

/// One scenario's audit as a plain-text table.
pub fn table(a: &Audit, items: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let verdict = if a.passed() {
        "passes: no surface strategy passes"
    } else {
        "FAILS"
    };
    let _ = writeln!(
        out,
        "{} ({}, {} world{}): {verdict}",
        a.scenario,
        a.level.name(),
        a.worlds,
        if a.worlds == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "  {:<34} {:>6} {:>8}", "strategy", "score", "passes");
    for o in &a.strategies {
        let flag = if a.flags(o) {
            "  <- passes without reading"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<34} {:>6} {:>8}{flag}",
            o.name,
            round1(o.mean),
            percent(o.pass)
        );
    }
    let _ = writeln!(
        out,
        "  {:<34} {:>6} {:>8}",
        "(random, for reference)",
        round1(a.random_mean),
        percent(a.random_pass)
    );
    if items {
        let _ = writeln!(
            out,
            "  {:<20} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8}",
            "beat", "options", "best", "len en", "len ru", "longest", "figures"
        );
        for i in &a.items {
            let _ = writeln!(out, "  {}", item_row(i).trim_end());
        }
        let longest = a.items.iter().filter(|i| i.best_is_longest).count();
        let keyed = a.items.iter().filter(|i| !i.best.is_empty()).count();
        let alone = a.items.iter().filter(|i| i.alone_has_figures).count();
        let _ = writeln!(
            out,
            "  best option is the longest at {longest} of {keyed} beats; alone with figures or names at {alone}"
        );
    }
    out.push('\n');
    out
}

/// The path each strategy takes at `seed`.
/// Where one strategy goes at a seed.
#[derive(serde::Serialize)]
struct Walk {
    strategy: String,
    score: f64,
    passed: bool,
    ending: String,
    /// As `--choose` takes it.
    choose: String,
}

fn walk(s: &Scenario, book: &Rulebook, level: Difficulty, seed: u64) -> Vec<Walk> {
    rapport_core::audit::Strategy::all(s)
        .into_iter()
        .map(|strategy| {
            let session = rapport_core::audit::play(s, book, level, seed, strategy);
            let score = session.score();
            let choose: Vec<String> = session.listed().iter().map(|n| n.to_string()).collect();
            Walk {
                strategy: strategy.name(),
                score: round1(score.overall),
                passed: score.passed,
                ending: session.ending_id().unwrap_or("-").to_string(),
                choose: choose.join(","),
            }
        })
        .collect()
}

fn paths(s: &Scenario, book: &Rulebook, level: Difficulty, seed: u64) -> String {
    use std::fmt::Write;
    let mut out = format!("  paths at seed {seed} ({}):\n", level.name());
    for w in walk(s, book, level, seed) {
        let _ = writeln!(
            out,
            "  {:<34} {:>6} {:<4} {:<18} --choose {}",
            w.strategy,
            w.score,
            if w.passed { "pass" } else { "fail" },
            w.ending,
            w.choose
        );
    }
    out.push('\n');
    out
}

fn item_row(i: &Item) -> String {
    let ratio = |r: Option<f64>| match r {
        None => "-".to_string(),
        Some(x) if x.is_infinite() => "inf".to_string(),
        Some(x) => format!("{x:.2}x"),
    };
    let best = if i.best.is_empty() {
        "any".to_string()
    } else {
        i.best
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join("/")
    };
    format!(
        "{:<20} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8}",
        i.beat,
        i.options,
        best,
        ratio(i.length_ratio_en),
        ratio(i.length_ratio_ru),
        if i.best_is_longest { "yes" } else { "" },
        if i.alone_has_figures { "alone" } else { "" },
    )
}

fn summary(audits: &[Audit]) -> String {
    let failed: Vec<&str> = audits
        .iter()
        .filter(|a| !a.passed())
        .map(|a| a.scenario.as_str())
        .collect();
    if failed.is_empty() {
        format!("all {} scenarios pass the audit\n", audits.len())
    } else {
        format!(
            "{} of {} scenarios fail the audit: {}\n",
            failed.len(),
            audits.len(),
            failed.join(", ")
        )
    }
}
