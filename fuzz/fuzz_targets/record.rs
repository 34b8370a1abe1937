//! The record loader on arbitrary bytes; a record that loads is written
//! back and must load again as the same record, and replaying it on the
//! shipped scenario it names (whatever its beats, indices and `said` texts)
//! gives a session or a reason, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_records::record::Record;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Scenario;
use std::path::Path;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static WORLD: OnceLock<(Rulebook, Vec<Scenario>)> = OnceLock::new();
    if let Ok(r) = Record::from_ron(Path::new("fuzz.ron"), data) {
        let again = Record::from_ron(Path::new("fuzz.ron"), r.to_ron().as_bytes())
            .expect("a record this build wrote loads");
        assert_eq!(again, r);
        let (book, scenarios) = WORLD.get_or_init(|| {
            let book = Rulebook::shipped();
            let scenarios = rapport_core::catalog::shipped_scenarios(&book);
            (book, scenarios)
        });
        if let Some(s) = scenarios.iter().find(|s| s.id == r.scenario) {
            if let Ok(session) = r.replay(s, book) {
                assert!(session.is_over());
                let score = session.score().overall;
                assert!((0.0..=100.0).contains(&score), "{score}");
            }
        }
    }
});
