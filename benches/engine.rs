//! How fast the engine plays and judges sessions, and how analysis scales.
//!
//! `cargo bench --bench engine` (see docs/performance.md for figures).

use divan::{Bencher, black_box, counter::ItemsCount};
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};
use rapport_core::analysis::analyze;
use rapport_core::engine::{Pick, Quiet, World};
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};

fn main() {
    divan::main();
}

fn shipped(id: &str, book: &Rulebook) -> Scenario {
    rapport_core::catalog::resolve(id, book)
        .expect("the shipped scenario loads")
        .0
}

/// Whole sessions of `late_manager`, each with a fresh seed (so fresh random
/// events), uniformly random choices, and the final score: what a trainee
/// clicking at random would cost the engine.
#[divan::bench(sample_count = 30, sample_size = 1000)]
fn random_playthroughs(bencher: Bencher) {
    let book = Rulebook::shipped();
    let scenario = shipped("late_manager", &book);
    let mut world = World::new(&scenario, &book, Difficulty::Normal, 0);
    let mut rng = SmallRng::seed_from_u64(7);
    let mut st = world.start(&mut Quiet);
    let mut options = Vec::with_capacity(9);
    let mut seed = 0u64;
    bencher.counter(ItemsCount::new(1usize)).bench_local(|| {
        seed += 1;
        world.redraw(seed);
        world.restart(&mut st, &mut Quiet);
        while !world.is_over(&st) {
            world.options_into(&st, &mut options);
            let pick = Pick::Choice(options[rng.random_range(0..options.len())]);
            world.step(&mut st, &options, pick, &mut Quiet);
        }
        black_box(world.quick_score(&st))
    });
}

/// Exact best/worst analysis of generated scenarios of growing size.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 3, sample_size = 1)]
fn analyze_generated(bencher: Bencher, beats: usize) {
    let book = Rulebook::shipped();
    let file = rapport_fixtures::lean(beats, 8, 42);
    let (scenario, _) = Scenario::from_file(file, &book).expect("generated scenarios are valid");
    bencher.counter(ItemsCount::new(beats)).bench_local(|| {
        let world = World::new(&scenario, &book, Difficulty::Normal, 1);
        black_box(analyze(&world))
    });
}
