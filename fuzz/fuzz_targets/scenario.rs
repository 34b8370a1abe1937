//! The scenario loader on arbitrary bytes: a located error or a scenario,
//! never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::rulebook::Rulebook;
use std::path::Path;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static BOOK: OnceLock<Rulebook> = OnceLock::new();
    let book = BOOK.get_or_init(Rulebook::shipped);
    let _ = rapport_core::scenario::Scenario::load(Path::new("fuzz.ron"), data, book);
});
