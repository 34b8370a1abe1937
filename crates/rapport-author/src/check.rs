//! The check an author runs over files and directories: every file read
//! once, rulebooks and lesson indexes first, then each scenario compiled,
//! linted and held against the others (one id each) and against the
//! rulebook (rules no scenario can test). The command line renders the
//! result; the pipeline is the same for every front end.

use rapport_core::catalog::{io_error, ron_files};
use rapport_core::diagnostic::{Diagnostic, Severity, Source};
use rapport_core::rulebook::{Lessons, Rulebook};
use rapport_core::scenario::Scenario;
use std::path::PathBuf;

/// What a check found.
pub struct Report {
    /// How many files were read.
    pub files: usize,
    /// Every problem, located, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks everything under `paths`: scenarios, rulebooks, lesson indexes and
/// golden runs. A rulebook among them judges the scenarios among them;
/// otherwise the one `fallback` gives (the command line's `--rulebook`, else
/// the shipped one).
pub fn check_paths(
    paths: &[PathBuf],
    fallback: impl FnOnce() -> Result<Rulebook, Vec<Diagnostic>>,
) -> Report {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for p in paths {
        match ron_files(p) {
            Ok(fs) => files.extend(fs),
            Err(e) => diagnostics.push(io_error(p, &e)),
        }
    }
    let mut texts = Vec::new();
    for f in &files {
        match rapport_core::ron_text::read(f) {
            Ok(b) => texts.push((f.clone(), b)),
            Err(e) => diagnostics.push(io_error(f, &e)),
        }
    }
    let kind = |bytes: &[u8]| {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).into_owned();
        rapport_core::ron_text::top_level_name(&head).map(str::to_owned)
    };

    let mut book: Option<Rulebook> = None;
    // The rulebook file checked with the scenarios, for coverage warnings.
    let mut book_file: Option<(PathBuf, String)> = None;
    for (path, bytes) in &texts {
        match kind(bytes).as_deref() {
            Some("Rulebook") => match Rulebook::load(path, bytes, Lessons::shipped()) {
                Ok((b, w)) => {
                    diagnostics.extend(w);
                    if book.is_none() {
                        book = Some(b);
                        book_file =
                            Some((path.clone(), String::from_utf8_lossy(bytes).into_owned()));
                    }
                }
                Err(d) => diagnostics.extend(d),
            },
            Some("Lessons") => {
                let text = String::from_utf8_lossy(bytes);
                if let Err(d) = Lessons::load(path, &text) {
                    diagnostics.push(d);
                }
            }
            // Golden runs are checked for their form here; `rapport test`
            // plays them.
            Some("Tests") => {
                if let Err(d) = crate::selftest::TestsFile::load(path, bytes) {
                    diagnostics.push(d);
                }
            }
            _ => {}
        }
    }
    let book = match book {
        Some(b) => b,
        None => match fallback() {
            Ok(b) => b,
            Err(d) => {
                diagnostics.extend(d);
                return Report {
                    files: texts.len(),
                    diagnostics,
                };
            }
        },
    };

    let mut ids: Vec<(String, PathBuf)> = Vec::new();
    let mut loaded: Vec<Scenario> = Vec::new();
    for (path, bytes) in &texts {
        if matches!(
            kind(bytes).as_deref(),
            Some("Rulebook" | "Lessons" | "Tests")
        ) {
            continue;
        }
        match Scenario::load(path, bytes, &book) {
            Ok((s, w)) => {
                diagnostics.extend(w);
                let text = String::from_utf8_lossy(bytes);
                diagnostics.extend(crate::lint::scenario(&s, &book, path, &text));
                if let Some((_, first)) = ids.iter().find(|(id, _)| *id == s.id) {
                    let text = String::from_utf8_lossy(bytes);
                    let src = Source::new(path, &text);
                    let at = src.offset("id");
                    diagnostics.push(src.at(
                        at,
                        Severity::Error,
                        format!(
                            "scenario id `{}` is already used by {}",
                            s.id,
                            first.display()
                        ),
                    ));
                } else {
                    ids.push((s.id.clone(), path.clone()));
                }
                loaded.push(s);
            }
            Err(d) => diagnostics.extend(d),
        }
    }
    if let Some((path, text)) = book_file
        && !loaded.is_empty()
    {
        let src = Source::new(&path, &text);
        let scenarios: Vec<&Scenario> = loaded.iter().collect();
        for id in crate::lint::untested_rules(&book, &scenarios) {
            // The rulebook keeps its rules in the order of its file.
            let at = book
                .rules
                .iter()
                .position(|r| r.id == id)
                .map_or(0, |i| src.offset(&format!("rules[{i}].id")));
            diagnostics.push(src.warning(
                at,
                format!(
                    "no scenario checked here can test rule `{id}`: in none can a session both hold and break it"
                ),
            ));
        }
    }
    Report {
        files: texts.len(),
        diagnostics,
    }
}
