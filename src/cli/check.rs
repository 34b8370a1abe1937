//! `rapport check`: every problem in every file, located: rendered as
//! rustc renders its own (the source line, the span underlined, a hint),
//! one line each for grep and editors, or JSON.

use rapport_core::diagnostic::{Diagnostic, Severity};
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
    let report = rapport_author::check::check_paths(&args.paths, || super::load_rulebook(rulebook));
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
    let text = rapport_core::ron_text::read(&d.path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    // A file past the size limit is not shown: its first line alone may be
    // megabytes long.
    let Some(text) =
        text.filter(|t| !t.is_empty() && t.len() <= rapport_core::ron_text::MAX_FILE_BYTES)
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
    let end_col = rapport_core::ron_text::read(&d.path)
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
