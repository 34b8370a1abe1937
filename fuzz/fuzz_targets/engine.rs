//! The engine stepping each shipped scenario with arbitrary picks: the
//! first bytes choose the scenario, the level and the seed; each following
//! byte is a pick as written in the file (any index, valid or not) or the
//! clock. The session refuses what is not on offer, ends within its turn
//! limit, and its score stays in range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::engine::Pick;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use rapport_core::session::Session;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static WORLD: OnceLock<(Rulebook, Vec<Scenario>)> = OnceLock::new();
    let (book, scenarios) = WORLD.get_or_init(|| {
        let book = Rulebook::shipped();
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        (book, scenarios)
    });
    let [which, level, s0, s1, picks @ ..] = data else {
        return;
    };
    let scenario = &scenarios[usize::from(*which) % scenarios.len()];
    let level = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard][usize::from(*level) % 3];
    let mut session = Session::new(scenario, book, level, u64::from(*s0) << 8 | u64::from(*s1));
    for &p in picks {
        let pick = if p == 255 {
            Pick::Silence
        } else {
            Pick::Choice(p % 16)
        };
        let offered = session.options().contains(&(p % 16));
        match session.pick(pick) {
            Ok(()) => assert!(p == 255 || offered, "a pick not on offer was taken"),
            Err(_) => assert!(p == 255 || !offered || session.is_over()),
        }
        if session.is_over() {
            break;
        }
    }
    assert!(session.steps.len() as u32 <= scenario.max_turns);
    let score = session.score().overall;
    assert!((0.0..=100.0).contains(&score), "score {score}");
});
