//! The rulebook loader on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::rulebook::{Lessons, Rulebook};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = Rulebook::load(Path::new("fuzz.ron"), data, Lessons::shipped());
});
