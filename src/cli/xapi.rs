//! `rapport export --format xapi` and `rapport sync`: the kept sessions as
//! xAPI statements, to a file or to a Learning Record Store.

use rapport_core::rulebook::Rulebook;
use rapport_records::lrs::{Lrs, Outbox, SyncError};
use rapport_records::review::{Filter, Judge};
use rapport_records::store::DataDir;
use rapport_records::xapi::{self, Names};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write here instead of standard output (atomically).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    select: Select,
    #[command(flatten)]
    names: NameArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// xAPI 1.0.3 statements, one JSON array.
    Xapi,
}

#[derive(clap::Args)]
struct Select {
    /// Only this trainee's sessions.
    #[arg(long)]
    trainee: Option<String>,
    /// Only sessions of this scenario (its id).
    #[arg(long)]
    scenario: Option<String>,
    /// Only sessions started on or after this day (2026-11-01, UTC) or moment.
    #[arg(long, value_name = "DATE", value_parser = super::report::parse_since)]
    since: Option<jiff::Timestamp>,
    /// Scenario files or directories to replay records against, besides the shipped ones.
    #[arg(long = "scenarios", value_name = "PATH")]
    scenarios: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct NameArgs {
    /// The IRI under which activities, extensions and trainee accounts are named.
    #[arg(long, value_name = "IRI", env = "RAPPORT_XAPI_BASE", default_value = xapi::DEFAULT_BASE)]
    base: String,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    /// The LRS's xAPI endpoint (statements are sent to ENDPOINT/statements).
    #[arg(long, value_name = "URL", env = "RAPPORT_LRS")]
    lrs: String,
    #[arg(long, env = "RAPPORT_LRS_USER")]
    user: String,
    /// Better given in RAPPORT_LRS_PASSWORD, where other users cannot see it.
    #[arg(long, env = "RAPPORT_LRS_PASSWORD", hide_env_values = true)]
    password: String,
    /// How long to wait for another sync of this data directory to the same
    /// LRS to end before giving up (0: give up at once).
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    wait: u64,
    #[command(flatten)]
    select: Select,
    #[command(flatten)]
    names: NameArgs,
}

/// Every kept session the selection keeps, replayed into statements, in
/// the order the sessions started. A record that cannot be read or
/// replayed is reported and left out.
fn sessions(
    book: &Rulebook,
    select: &Select,
    data: &DataDir,
    names: &Names,
) -> Vec<(String, Vec<Value>)> {
    let filter = Filter {
        trainee: select.trainee.clone(),
        scenario: select.scenario.clone(),
        since: select.since,
    };
    let scenarios = super::report::scenarios(book, &select.scenarios);
    let judge = Judge::new(book, scenarios.iter());
    let exported = xapi::export(&judge, data, &filter, names);
    for (_, why) in &exported.skipped {
        eprintln!("rapport: skipped {why}");
    }
    exported.sessions
}

fn data_dir(data: Option<&Path>) -> Option<DataDir> {
    DataDir::resolve(data)
        .map_err(|e| eprintln!("rapport: {e}"))
        .ok()
}

pub fn export(args: ExportArgs, book: &Rulebook, data: Option<&Path>) -> ExitCode {
    let Some(data) = data_dir(data) else {
        return ExitCode::FAILURE;
    };
    let ExportFormat::Xapi = args.format;
    let names = Names::new(&args.names.base);
    let all: Vec<Value> = sessions(book, &args.select, &data, &names)
        .into_iter()
        .flat_map(|(_, s)| s)
        .collect();
    let mut json = serde_json::to_vec_pretty(&all).expect("JSON values always serialise");
    json.push(b'\n');
    let written = match &args.out {
        Some(path) => {
            rapport_records::store::write_atomically(path, &json).map_err(|e| e.to_string())
        }
        None => match std::io::stdout().lock().write_all(&json) {
            // A closed pipe (`| head`) is the reader's choice.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| e.to_string()),
        },
    };
    match written {
        Ok(()) => {
            if let Some(p) = &args.out {
                eprintln!("rapport: wrote {} statements to {}", all.len(), p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rapport: cannot write the statements: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn sync(args: SyncArgs, book: &Rulebook, data: Option<&Path>) -> ExitCode {
    let Some(data) = data_dir(data) else {
        return ExitCode::FAILURE;
    };
    let names = Names::new(&args.names.base);
    let outbox = Outbox::for_lrs(&data, &args.lrs);
    // A second sync waits for the first rather than giving up: whoever
    // started it wants the sessions just played sent, and once the first
    // is done this one sends exactly what it did not (those saved since),
    // or says there is nothing to send. The wait is bounded so that a sync
    // from a scheduler never piles up behind one that hangs.
    let wait = std::time::Duration::from_secs(args.wait);
    let lrs_name = rapport_records::lrs::public_url(&args.lrs);
    let _turn = match outbox.lock(wait, || {
        eprintln!(
            "rapport: another sync to {lrs_name} is running; waiting up to {}s for it to end",
            args.wait
        )
    }) {
        Ok(held) => held,
        Err(rapport_records::lock::LockError::Busy { .. }) => {
            eprintln!(
                "rapport: another sync to {lrs_name} from this data directory is still running after {}s; \
                 nothing was sent by this one: run it again once that one ends, or give a longer --wait",
                args.wait
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("rapport: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Queue first, so that what cannot go now waits on disk for the next sync.
    for (id, statements) in sessions(book, &args.select, &data, &names) {
        if outbox.knows(&id) {
            continue;
        }
        if let Err(e) = outbox.enqueue(&id, &statements) {
            eprintln!("rapport: {e}");
            return ExitCode::FAILURE;
        }
    }
    let lrs = Lrs::new(&args.lrs, &args.user, &args.password);
    let queue = outbox.queue();
    if let Err(e) = lrs.check() {
        eprintln!("rapport: {e}");
        if !queue.is_empty() {
            eprintln!(
                "rapport: {} session(s) wait in the queue ({}) for the next sync",
                queue.len(),
                outbox.dir().join("queue").display()
            );
        }
        return ExitCode::FAILURE;
    }
    let (mut sessions_sent, mut sent, mut held) = (0, 0, 0);
    for (i, file) in queue.iter().enumerate() {
        match outbox.deliver(&lrs, file) {
            Ok((n, h)) => {
                sessions_sent += 1;
                sent += n;
                held += h;
            }
            Err(e) => {
                if sessions_sent > 0 {
                    eprintln!(
                        "rapport: sent {sessions_sent} session(s), {sent} statement(s), before:"
                    );
                }
                eprintln!("rapport: {e}");
                if !matches!(e, SyncError::BrokenQueue { .. }) {
                    eprintln!(
                        "rapport: {} session(s) wait in the queue ({}) for the next sync",
                        queue.len() - i,
                        outbox.dir().join("queue").display()
                    );
                }
                return ExitCode::FAILURE;
            }
        }
    }
    if queue.is_empty() {
        println!("Nothing to send: the LRS has every session.");
    } else {
        println!(
            "Sent {sessions_sent} session(s): {sent} statement(s), {held} of them already held by the LRS."
        );
    }
    ExitCode::SUCCESS
}
