//! `rapport check`: every problem in every file, one per line, located.

use super::print_diagnostics;
use rapport::catalog::{io_error, ron_files};
use rapport::diagnostic::{Diagnostic, Severity, Source};
use rapport::rulebook::{Lessons, Rulebook};
use rapport::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Scenario files, rulebooks, or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args, rulebook: Option<&Path>) -> ExitCode {
    let report = check_paths(&args.paths, rulebook);
    for d in &report.diagnostics {
        println!("{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    eprintln!(
        "checked {} file(s): {errors} error(s), {warnings} warning(s)",
        report.files
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub struct Report {
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks everything under `paths`. Rulebooks among them judge the scenarios
/// among them; otherwise `--rulebook`, otherwise the shipped one.
pub fn check_paths(paths: &[PathBuf], rulebook: Option<&Path>) -> Report {
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
        match std::fs::read(f) {
            Ok(b) => texts.push((f.clone(), b)),
            Err(e) => diagnostics.push(io_error(f, &e)),
        }
    }
    let kind = |bytes: &[u8]| {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).into_owned();
        rapport::ron_text::top_level_name(&head).map(str::to_owned)
    };

    let mut book: Option<Rulebook> = None;
    for (path, bytes) in &texts {
        match kind(bytes).as_deref() {
            Some("Rulebook") => match Rulebook::load(path, bytes, Lessons::shipped()) {
                Ok((b, w)) => {
                    diagnostics.extend(w);
                    book.get_or_insert(b);
                }
                Err(d) => diagnostics.extend(d),
            },
            Some("Lessons") => {
                let text = String::from_utf8_lossy(bytes);
                if let Err(d) = Lessons::load(path, &text) {
                    diagnostics.push(d);
                }
            }
            _ => {}
        }
    }
    let book = match book {
        Some(b) => b,
        None => match super::load_rulebook(rulebook) {
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
    for (path, bytes) in &texts {
        if matches!(kind(bytes).as_deref(), Some("Rulebook" | "Lessons")) {
            continue;
        }
        match Scenario::load(path, bytes, &book) {
            Ok((s, w)) => {
                diagnostics.extend(w);
                if let Some((_, first)) = ids.iter().find(|(id, _)| *id == s.id) {
                    let text = String::from_utf8_lossy(bytes);
                    let src = Source::new(path, &text);
                    let at = src.find_field("id", &s.id, 0).unwrap_or(0);
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
            }
            Err(d) => diagnostics.extend(d),
        }
    }
    let _ = print_diagnostics;
    Report {
        files: texts.len(),
        diagnostics,
    }
}
