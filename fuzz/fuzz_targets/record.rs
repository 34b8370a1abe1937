//! The record loader on arbitrary bytes; a record that loads is written
//! back and must load again as the same record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::record::Record;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = Record::from_ron(Path::new("fuzz.ron"), data) {
        let again = Record::from_ron(Path::new("fuzz.ron"), r.to_ron().as_bytes())
            .expect("a record this build wrote loads");
        assert_eq!(again, r);
    }
});
