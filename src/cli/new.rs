//! `rapport new ID`: a small valid scenario to start from.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The new scenario's id: lower-case letters, digits, `_` and `-`.
    id: String,
    /// Where to write it [default: ID.ron in the current directory].
    #[arg(long, short)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let valid = !args.id.is_empty()
        && args
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !valid {
        eprintln!(
            "rapport: `{}` is not a scenario id: use lower-case letters, digits, `_` and `-`",
            args.id
        );
        return ExitCode::from(2);
    }
    let path = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{}.ron", args.id)));
    let text = rapport_core::scenario::starter(&args.id);
    // Never over an author's work.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let written = file.and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            println!(
                "next: rapport check {0} && rapport play {0}",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "rapport: {} exists already; nothing was written",
                path.display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("rapport: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
