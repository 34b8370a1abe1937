//! Reading RON with the options every Rapport file uses, and turning RON's
//! errors into located diagnostics.

pub mod spans;

pub use spans::Spans;

use crate::diagnostic::{Diagnostic, Source};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Bounds that keep a hostile or mistaken file from exhausting the machine.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting of brackets a file may have.
pub const MAX_NESTING: usize = 64;

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// Reads a file that [`decode`] will take, or just past its limit: a file of
/// gigabytes costs no more memory than one a byte over the limit.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens `path` for reading only if it is a regular file. A named pipe
/// where a scenario is expected would otherwise block the reader until
/// some writer comes; opened without blocking, its type is seen and it is
/// refused before a byte is read.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        Ok(file)
    } else {
        let what = if kind.is_dir() {
            "it is a directory"
        } else {
            "it is not a regular file (a pipe, a device or a socket)"
        };
        Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, what))
    }
}

/// Decodes raw bytes as text, naming the place of any invalid UTF-8. A leading
/// byte-order mark is dropped: editors on some systems add one.
pub fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Source::new(path, "").error(
            0,
            format!(
                "the file is over the limit of {MAX_FILE_BYTES} bytes ({} MiB)",
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let src = Source::new(path, valid);
        src.error(valid.len(), "the file is not valid UTF-8 text")
    })
}

/// Parses `text` as a `T`, or says where and why it is not one.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    if top_level_name(text).is_none() && skip_trivia(text).trim().is_empty() {
        return Err(Source::new(path, text).error(0, "the file is empty"));
    }
    options().from_str::<T>(text).map_err(|e| {
        let src = Source::new(path, text);
        let mut offset = src.offset_of(e.span.start.line, e.span.start.col);
        // RON may point at the blank before the offending token; point at the token.
        let rest = &text[offset.min(text.len())..];
        let blank = rest.len() - rest.trim_start().len();
        if blank < rest.len() {
            offset += blank;
        }
        src.error(offset, describe(&e.code))
    })
}

fn describe(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::ExceededRecursionLimit => {
            format!("nesting is deeper than the limit of {MAX_NESTING} levels")
        }
        E::Eof => "unexpected end of file: a bracket or parenthesis is not closed".into(),
        other => {
            // RON's own words are precise ("Unexpected missing field named `next` in `Choice`");
            // lower-case the first letter so it reads as part of our sentence.
            let s = other.to_string();
            let mut chars = s.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
                None => s,
            }
        }
    }
}

/// Top-level struct name of a RON file (`Scenario`, `Rulebook`, `Lessons`), so
/// that `check` can tell which kind of file it was given.
pub fn top_level_name(text: &str) -> Option<&str> {
    let rest = skip_trivia(text);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The text after leading blanks, comments and attributes.
fn skip_trivia(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, r)| r);
        } else if rest.starts_with("/*") {
            rest = rest.split_once("*/").map_or("", |(_, r)| r);
        } else if rest.starts_with("#![") {
            rest = rest.split_once(']').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    rest
}
