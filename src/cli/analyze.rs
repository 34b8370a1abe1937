//! `rapport analyze`: the best and the worst score a scenario allows.

use super::print_diagnostics;
use rapport::analysis::analyze;
use rapport::debrief::round1;
use rapport::engine::World;
use rapport::rulebook::Rulebook;
use rapport::scenario::Difficulty;
use serde_json::json;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A scenario file, or the id of a shipped scenario.
    scenario: String,
    /// The seed that fixes the random events (the choice lists hold for it).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, default_value = "normal")]
    difficulty: Difficulty,
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, book: &Rulebook) -> ExitCode {
    let (scenario, warnings) = match rapport::catalog::resolve(&args.scenario, book) {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&d);
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(&warnings);
    let world = World::new(&scenario, book, args.difficulty, args.seed);
    let a = analyze(&world);
    let list = |v: &[usize]| {
        v.iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    if args.json {
        let v = json!({
            "scenario": scenario.id,
            "seed": args.seed,
            "level": args.difficulty.name(),
            "states": a.states,
            "best": { "score": round1(a.best.score), "passed": a.best.passed, "choose": list(&a.best.choose), "ending": a.best.ending },
            "worst": { "score": round1(a.worst.score), "passed": a.worst.passed, "choose": list(&a.worst.choose), "ending": a.worst.ending },
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&v).expect("JSON values always serialise")
        );
    } else {
        println!(
            "scenario {} (seed {}, {}): {} states",
            scenario.id,
            args.seed,
            args.difficulty.name(),
            a.states
        );
        for (name, e) in [("best", &a.best), ("worst", &a.worst)] {
            println!(
                "  {name:<5} {:>5.1} {:<6} ending {:<20} --choose {}",
                e.score,
                if e.passed { "pass" } else { "fail" },
                e.ending,
                list(&e.choose)
            );
        }
    }
    ExitCode::SUCCESS
}
