//! `rapport check`: every problem in every file, located: rendered as
//! rustc renders its own (the source line, the span underlined, a hint),
//! one line each for grep and editors, or JSON.

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
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// The source line with the span underlined, and a hint, as rustc does.
    Human,
    /// One line each: `path:line:col: severity: message`.
    Short,
    /// One JSON array of {severity, path, line, col, end_col, message, hint}.
    Json,
}

pub fn run(args: Args, rulebook: Option<&Path>) -> ExitCode {
    let report = check_paths(&args.paths, rulebook);
    match args.format {
        Format::Short => {
            for d in &report.diagnostics {
                println!("{d}");
            }
        }
        Format::Human => {
            for d in &report.diagnostics {
                print!("{}", render(d));
            }
        }
        Format::Json => {
            let all: Vec<serde_json::Value> = report.diagnostics.iter().map(json).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&all).expect("JSON values always serialise")
            );
        }
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let (warnings, hints) = (count(Severity::Warning), count(Severity::Hint));
    eprintln!(
        "checked {} file(s): {errors} error(s), {warnings} warning(s), {hints} hint(s)",
        report.files
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A diagnostic as rustc shows one. The file is read again for its line;
/// a file that cannot be read (or a diagnostic about a directory) gets the
/// one-line form.
fn render(d: &Diagnostic) -> String {
    use codespan_reporting::diagnostic::{Diagnostic as Shown, Label};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term;
    let text = rapport::ron_text::read(&d.path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    // A file past the size limit is not shown: its first line alone may be
    // megabytes long.
    let Some(text) = text.filter(|t| !t.is_empty() && t.len() <= rapport::ron_text::MAX_FILE_BYTES)
    else {
        return format!("{d}\n");
    };
    let (message, hint) = d.split_hint();
    let span = d.span(&text);
    let file = SimpleFile::new(d.path.display().to_string(), text.as_str());
    let shown = match d.severity {
        Severity::Error => Shown::error(),
        Severity::Warning => Shown::warning(),
        Severity::Hint => Shown::help(),
    }
    .with_message(message)
    .with_labels(vec![Label::primary((), span)])
    .with_notes(hint.map(|h| format!("hint: {h}")).into_iter().collect());
    let config = term::Config::default();
    term::emit_into_string(&config, &file, &shown).unwrap_or_else(|_| format!("{d}\n"))
}

fn json(d: &Diagnostic) -> serde_json::Value {
    let (message, hint) = d.split_hint();
    let end_col = rapport::ron_text::read(&d.path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map(|t| {
            let span = d.span(&t);
            d.col + t[span].chars().count()
        });
    serde_json::json!({
        "severity": d.severity,
        "path": d.path,
        "line": d.line,
        "col": d.col,
        "end_col": end_col,
        "message": message,
        "hint": hint,
    })
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
        match rapport::ron_text::read(f) {
            Ok(b) => texts.push((f.clone(), b)),
            Err(e) => diagnostics.push(io_error(f, &e)),
        }
    }
    let kind = |bytes: &[u8]| {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).into_owned();
        rapport::ron_text::top_level_name(&head).map(str::to_owned)
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
                if let Err(d) = rapport::selftest::TestsFile::load(path, bytes) {
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
                diagnostics.extend(rapport::lint::scenario(&s, &book, path, &text));
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
        for id in rapport::lint::untested_rules(&book, &scenarios) {
            let at = src.find_field("id", &id, 0).unwrap_or(0);
            diagnostics.push(src.warning(
                at,
                format!(
                    "no scenario checked here can test rule `{id}`: in none can a session both hold and break it"
                ),
            ));
        }
    }
    let _ = print_diagnostics;
    Report {
        files: texts.len(),
        diagnostics,
    }
}
