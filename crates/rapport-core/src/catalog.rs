//! Where scenarios come from: the ones shipped inside the binary, and files
//! or directories an author names.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rulebook::Rulebook;
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
}

/// One scenario file and what came of loading it: a broken file is an entry
/// with its errors, never a reason to stop loading the rest.
pub struct Entry {
    /// The file, or the shipped file's name.
    pub path: PathBuf,
    /// The scenario with its warnings, or the errors that stopped it.
    pub result: Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>>,
}

/// The scenarios shipped with Rapport, in file-name order.
pub fn shipped(book: &Rulebook) -> Vec<Entry> {
    embedded::SHIPPED
        .iter()
        .map(|(name, text)| {
            let path = PathBuf::from(name);
            let result = Scenario::load(&path, text.as_bytes(), book);
            Entry { path, result }
        })
        .collect()
}

/// The shipped scenarios that load under `book`, in file-name order.
pub fn shipped_scenarios(book: &Rulebook) -> Vec<Scenario> {
    shipped(book)
        .into_iter()
        .filter_map(|e| e.result.ok().map(|(s, _)| s))
        .collect()
}

/// The ids of the shipped scenarios that load under `book`.
pub fn shipped_ids(book: &Rulebook) -> Vec<String> {
    shipped_scenarios(book).into_iter().map(|s| s.id).collect()
}

/// The golden runs shipped beside the scenarios, by file name.
pub fn shipped_tests() -> &'static [(&'static str, &'static str)] {
    embedded::SHIPPED_TESTS
}

/// Finds a scenario by path, or by the id of a shipped one.
pub fn resolve(arg: &str, book: &Rulebook) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    let path = Path::new(arg);
    // Anything at that path is what the user meant, even a pipe that
    // cannot be read: say so rather than look for a shipped id.
    if path.symlink_metadata().is_ok() {
        return match crate::ron_text::read(path) {
            Ok(bytes) => Scenario::load(path, &bytes, book),
            Err(e) => Err(vec![io_error(path, &e)]),
        };
    }
    for entry in shipped(book) {
        if let Ok((s, w)) = &entry.result
            && s.id == arg
        {
            return Ok((s.clone(), w.clone()));
        }
    }
    let ids = shipped_ids(book).join(", ");
    Err(vec![Diagnostic {
        severity: Severity::Error,
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: format!("no such file, and no shipped scenario has this id (shipped: {ids})"),
    }])
}

/// A file that cannot be read, as a diagnostic at its first line, so that
/// it is reported like any broken scenario.
pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: format!("cannot read the file: {e}"),
    }
}

/// The scenarios in the files and directories an author names, in path
/// order. Rulebooks and lesson lists among them are left out (they are not
/// scenarios); a file that cannot be read or loaded is an entry with its
/// error, and the rest load as usual.
pub fn load_paths(paths: &[PathBuf], book: &Rulebook) -> Vec<Entry> {
    let mut out = Vec::new();
    for p in paths {
        let files = match ron_files(p) {
            Ok(files) => files,
            Err(e) => {
                out.push(Entry {
                    path: p.clone(),
                    result: Err(vec![io_error(p, &e)]),
                });
                continue;
            }
        };
        for path in files {
            let result = match crate::ron_text::read(&path) {
                Ok(bytes) if is_companion(&bytes) => continue,
                Ok(bytes) => Scenario::load(&path, &bytes, book),
                Err(e) => Err(vec![io_error(&path, &e)]),
            };
            out.push(Entry { path, result });
        }
    }
    out
}

/// Whether a file is a rulebook, a lesson list or golden runs that sit
/// beside scenarios.
fn is_companion(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    matches!(
        crate::ron_text::top_level_name(&head),
        Some("Rulebook" | "Lessons" | "Tests")
    )
}

/// Every `.ron` file under `path` (or `path` itself), sorted.
pub fn ron_files(path: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    let mut out = ron_files_unsorted(path)?;
    out.sort();
    Ok(out)
}

/// Every `.ron` file under `path` (or `path` itself), in no set order.
pub fn ron_files_unsorted(path: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    // One look, not two: a directory created between them (the first
    // save into a new data directory) would be taken for a file.
    if !std::fs::metadata(path)?.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            // Gone since it was listed; the root's own absence is the
            // caller's to hear.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir != path => continue,
            other => other?,
        };
        for entry in entries {
            let entry = entry?;
            let p = entry.path();
            // The directory entry's own type costs no extra system call (a
            // record store holds a hundred thousand files); a symbolic link
            // is followed to see what it points at. Where the file system
            // does not say, it is looked up, and a save in progress beside
            // the records (its temporary file renamed away in between) must
            // not fail the whole listing.
            let kind = match entry.file_type() {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                other => other?,
            };
            let is_dir = kind.is_dir() || (kind.is_symlink() && p.is_dir());
            if is_dir {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "ron") {
                out.push(p);
            }
        }
    }
    Ok(out)
}
