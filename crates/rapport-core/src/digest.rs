//! Content hashes of scenario and rulebook files, kept in records so that a
//! review can tell a score recomputed under changed rules from an altered one.

use sha2::{Digest, Sha256};

/// SHA-256 of the file's text, in hex. Line ends are normalised first: the
/// same file checked out on Windows is the same scenario.
pub fn of_text(text: &str) -> String {
    let mut h = Sha256::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(line.strip_suffix('\r').unwrap_or(line).as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_ends_do_not_change_the_hash_but_content_does() {
        assert_eq!(super::of_text("a\r\nb\n"), super::of_text("a\nb\n"));
        assert_ne!(super::of_text("a\nb\n"), super::of_text("a\nc\n"));
        assert_eq!(super::of_text("").len(), 64);
    }
}
