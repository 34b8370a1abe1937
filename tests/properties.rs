//! Properties of the engine over generated scenarios and random play.

use proptest::prelude::*;
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};
use rapport_core::analysis::{Solver, analyze};
use rapport_core::engine::{Pick, Quiet, World};
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use rapport_core::session::Session;

fn level(i: u8) -> Difficulty {
    Difficulty::ALL[i as usize % 3]
}

/// Plays uniformly random picks (silence included where the beat is timed).
fn random_walk<'a>(
    s: &'a Scenario,
    book: &'a Rulebook,
    lv: Difficulty,
    seed: u64,
    walk: u64,
) -> Session<'a> {
    let mut rng = SmallRng::seed_from_u64(walk);
    let mut session = Session::new(s, book, lv, seed);
    let bound = s.max_turns as usize;
    for _ in 0..=bound {
        if session.is_over() {
            break;
        }
        let n = session.options().len();
        let silence = session.time_limit().is_some();
        let k = rng.random_range(0..n + usize::from(silence));
        session
            .choose_listed(if k == n { 0 } else { k + 1 })
            .expect("a listed option is always valid");
    }
    session
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_walks_end_within_max_turns_and_replay_exactly(
        beats in 2usize..120, width in 1usize..8, shape in 0u64..1000, loops: bool,
        seed: u64, walk: u64, lv in 0u8..3,
    ) {
        let book = Rulebook::shipped();
        let (s, _) = Scenario::from_file(rapport_fixtures::layered(beats, width, shape, loops), &book)
            .expect("generated scenarios are valid");
        let session = random_walk(&s, &book, level(lv), seed, walk);
        prop_assert!(session.is_over(), "a session must end within max_turns");
        prop_assert!(session.steps.len() <= s.max_turns as usize);

        let score = session.score();
        prop_assert!((0.0..=100.0).contains(&score.overall));
        for (_, c) in &score.categories {
            if let Some(c) = c { prop_assert!((0.0..=100.0).contains(c)); }
        }

        let again = Session::replay(&s, &book, level(lv), seed, &session.picks()).expect("replay");
        prop_assert_eq!(&again.state, &session.state);
        prop_assert_eq!(again.ending_id(), session.ending_id());
        prop_assert_eq!(again.score(), score);
        prop_assert_eq!(again.marks, session.marks);
    }

    #[test]
    fn analysis_bounds_every_random_walk(
        beats in 2usize..60, width in 1usize..5, shape in 0u64..1000, loops: bool, seed: u64, walk: u64,
    ) {
        let book = Rulebook::shipped();
        let (s, _) = Scenario::from_file(rapport_fixtures::layered(beats, width, shape, loops), &book).unwrap();
        let world = World::new(&s, &book, Difficulty::Normal, seed);
        let a = analyze(&world);
        let session = random_walk(&s, &book, Difficulty::Normal, seed, walk);
        let got = session.score();
        let rank = |passed: bool, score: f64| (passed, score);
        prop_assert!(rank(a.best.passed, a.best.score) >= rank(got.passed, got.overall));
        prop_assert!(rank(a.worst.passed, a.worst.score) <= rank(got.passed, got.overall));

        // The choice lists analysis returns replay to the scores it claims.
        for e in [&a.best, &a.worst] {
            let mut replay = Session::new(&s, &book, Difficulty::Normal, seed);
            for &n in &e.choose { replay.choose_listed(n).unwrap(); }
            prop_assert!(replay.is_over());
            prop_assert!((replay.score().overall - e.score).abs() < 1e-9);
        }
    }

    #[test]
    fn loaders_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let book = Rulebook::shipped();
        let _ = Scenario::load(std::path::Path::new("fuzz.ron"), &bytes, &book);
        let _ = Rulebook::load(std::path::Path::new("fuzz.ron"), &bytes, rapport_core::rulebook::Lessons::shipped());
    }

    #[test]
    fn loaders_never_panic_on_mutated_scenarios(cut in 0usize..6000, junk in "[(){}\\[\\]\",:a-z0-9 ]{0,8}") {
        let book = Rulebook::shipped();
        let text = include_str!("../docs/example.ron");
        let at = cut.min(text.len());
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
        let mutated = format!("{}{}{}", &text[..at], junk, &text[at..]);
        match Scenario::load(std::path::Path::new("m.ron"), mutated.as_bytes(), &book) {
            Ok(_) => {}
            Err(d) => prop_assert!(!d.is_empty() && d.iter().all(|d| d.line >= 1 && d.col >= 1)),
        }
    }
}

#[test]
fn solver_values_match_the_memo_from_any_state() {
    let book = Rulebook::shipped();
    let (s, _) = Scenario::from_file(rapport_fixtures::layered(40, 4, 3, true), &book).unwrap();
    let world = World::new(&s, &book, Difficulty::Hard, 9);
    let root = world.start(&mut Quiet);
    let mut solver = Solver::new(&world);
    let (best, worst) = solver.solve(&root);
    let (picks, end) = solver.path(&root, true);
    assert!(world.is_over(&end));
    assert!(!picks.is_empty());
    assert!(best.score >= worst.score || best.passed);
    assert!(picks.iter().all(|p| matches!(p, Pick::Choice(_))));
}
