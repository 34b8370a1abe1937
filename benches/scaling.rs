//! Measurements that read best as ratios taken in one run, or as exact
//! instruction counts under callgrind (see docs/performance.md).
//!
//! `cargo bench --bench scaling`                   analysis (best/worst, then the exact score
//!                                                 distribution) for 10^3..10^5 beats
//! `cargo bench --bench scaling -- playthroughs N` N scored random playthroughs of late_manager
//!                                                 (run the binary under callgrind for instructions)

use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};
use rapport_core::analysis::analyze;
use rapport_core::engine::{Pick, Quiet, World};
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let book = Rulebook::shipped();
    match args.first().map(String::as_str) {
        Some("playthroughs") => {
            let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            let scenario = rapport_core::catalog::resolve("late_manager", &book)
                .expect("shipped")
                .0;
            let t = Instant::now();
            let total = playthroughs(&scenario, &book, n);
            let dt = t.elapsed();
            println!(
                "{n} scored playthroughs of late_manager in {:.3} s: {:.0} per second (mean score {:.1})",
                dt.as_secs_f64(),
                n as f64 / dt.as_secs_f64(),
                total / n as f64
            );
        }
        _ => scaling(&book),
    }
}

fn playthroughs(scenario: &Scenario, book: &Rulebook, n: u64) -> f64 {
    let mut world = World::new(scenario, book, Difficulty::Normal, 0);
    let mut rng = SmallRng::seed_from_u64(7);
    let mut st = world.start(&mut Quiet);
    let mut options = Vec::with_capacity(9);
    let mut total = 0.0;
    for seed in 0..n {
        world.redraw(seed);
        world.restart(&mut st, &mut Quiet);
        while !world.is_over(&st) {
            world.options_into(&st, &mut options);
            let pick = Pick::Choice(options[rng.random_range(0..options.len())]);
            world.step(&mut st, &options, pick, &mut Quiet);
        }
        total += black_box(world.quick_score(&st)).0;
    }
    total
}

fn scaling(book: &Rulebook) {
    println!(
        "{:>8} {:>12} {:>10} {:>10} {:>12} {:>14}",
        "beats", "what", "states", "ms", "us per beat", "x previous"
    );
    let mut prev: [Option<f64>; 2] = [None, None];
    for beats in [1_000usize, 10_000, 100_000] {
        let (s, _) =
            Scenario::from_file(rapport_fixtures::lean(beats, 8, 42), book).expect("valid");
        let world = World::new(&s, book, Difficulty::Normal, 1);
        let t = Instant::now();
        let a = black_box(analyze(&world));
        let best_worst = (a.states, t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let d = black_box(rapport_core::distribution::distribution(
            &s,
            book,
            Difficulty::Normal,
        ));
        let dist = (d.states, t.elapsed().as_secs_f64() * 1e3);
        for (k, (what, (states, ms))) in [("best/worst", best_worst), ("distribution", dist)]
            .into_iter()
            .enumerate()
        {
            let ratio = prev[k].map_or(String::from("-"), |p| format!("{:.1}", ms / p));
            println!(
                "{beats:>8} {what:>12} {states:>10} {ms:>10.1} {:>12.2} {ratio:>14}",
                ms * 1e3 / beats as f64
            );
            prev[k] = Some(ms);
        }
    }
}
