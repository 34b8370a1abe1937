//! `rapport analyze`: the best and the worst score a scenario allows, the
//! exact distribution of scores under random play, and which rules the
//! scenario can test.

use rapport_core::analysis::analyze;
use rapport_core::debrief::round1;
use rapport_core::engine::World;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Difficulty;
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
    let Some(scenario) = super::scenario_named(&args.scenario, book) else {
        return ExitCode::FAILURE;
    };
    let world = World::new(&scenario, book, args.difficulty, args.seed);
    let a = analyze(&world);
    let d = rapport_core::distribution::distribution(&scenario, book, args.difficulty);
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
            "temperament": world.temperament().map(|t| &t.id),
            "level": args.difficulty.name(),
            "states": a.states,
            "best": { "score": round1(a.best.score), "passed": a.best.passed, "choose": list(&a.best.choose), "ending": a.best.ending },
            "worst": { "score": round1(a.worst.score), "passed": a.worst.passed, "choose": list(&a.worst.choose), "ending": a.worst.ending },
            "random": d,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&v).expect("JSON values always serialise")
        );
    } else {
        // The seed's client, when the scenario has temperaments: the best
        // and worst lists hold for him only.
        let client = world
            .temperament()
            .map_or(String::new(), |t| format!(", temperament {}", t.id));
        println!(
            "scenario {} (seed {}{client}, {}): {} states",
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
        print_distribution(&d, book);
    }
    ExitCode::SUCCESS
}

/// The distribution under random play as a table: score bands, endings,
/// and per rule how often it is held and broken.
fn print_distribution(d: &rapport_core::distribution::Distribution, book: &Rulebook) {
    println!(
        "\nuniformly random choices, events by their odds (exact; {} world{}, {} states):",
        d.worlds,
        if d.worlds == 1 { "" } else { "s" },
        d.states
    );
    println!("  pass {:.1}%   mean score {:.1}", d.pass * 100.0, d.mean);
    let mut bands = [0.0f64; 10];
    for o in &d.outcomes {
        bands[((o.score / 10.0) as usize).min(9)] += o.probability;
    }
    for (i, p) in bands.iter().enumerate() {
        let bar = "#".repeat((p * 50.0).round() as usize);
        let hi = if i == 9 { 100 } else { i * 10 + 9 };
        println!("  {:>3}-{hi:<3} {:>5.1}% {bar}", i * 10, p * 100.0);
    }
    let endings: Vec<String> = d
        .endings
        .iter()
        .map(|(e, p)| format!("{e} {:.1}%", p * 100.0))
        .collect();
    println!("  endings: {}", endings.join(", "));
    println!(
        "\n  {:<28} {:>6} {:>7} {:>6}  endings when broken",
        "rule", "held", "broken", "n/a"
    );
    for r in &d.rules {
        if r.held == 0.0 && r.broken == 0.0 {
            continue;
        }
        let mark = if r.testable {
            ""
        } else {
            "  (cannot go both ways here)"
        };
        println!(
            "  {:<28} {:>5.1}% {:>6.1}% {:>5.1}%  {}{mark}",
            r.rule,
            r.held * 100.0,
            r.broken * 100.0,
            r.not_applicable * 100.0,
            r.endings_broken.join(", ")
        );
    }
    let untested = d
        .rules
        .iter()
        .filter(|r| r.held == 0.0 && r.broken == 0.0)
        .count();
    println!(
        "  ({untested} of the rulebook's {} rules never apply here)",
        book.rules.len()
    );
}
