//! The command line: the same engine the window uses, for trainees at a
//! terminal, authors checking files, and scripts and tests.

mod analyze;
mod app;
mod audit;
mod check;
mod list;
mod new;
mod play;
mod report;
mod say;
mod selftest;
mod suggest;
mod team;
mod xapi;

use clap::{Parser, Subcommand};
use rapport_core::diagnostic::Diagnostic;
use rapport_core::rulebook::{Lessons, Rulebook};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rapport",
    version,
    about = "Rehearse client meetings; every choice judged by one rulebook"
)]
struct Cli {
    /// A rulebook to use instead of the shipped one.
    #[arg(long, global = true, value_name = "FILE")]
    rulebook: Option<PathBuf>,
    /// Where records are kept [default: $RAPPORT_DATA_DIR, else the platform's data directory].
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Play a scenario in the terminal, or replay a list of choices.
    Play(play::Args),
    /// Check scenario files, directories of them, and rulebooks.
    Check(check::Args),
    /// The best and the worst score a scenario allows, with the choices to reach them.
    Analyze(analyze::Args),
    /// What a trainee scores by choosing on the surface of the options alone
    /// (the longest, the one with figures, always the first), exactly.
    Audit(audit::Args),
    /// List the shipped scenarios; with --trainee, their best scores and what to practise next.
    List(list::Args),
    /// Write a small valid scenario to start from.
    New(new::Args),
    /// The rulebook reference: every rule, tag, cue and flag with its meaning and lesson.
    Rules(RulesArgs),
    /// Draw a scenario: beats, endings, and choices coloured by what the rules make of them.
    Graph(GraphArgs),
    /// Which option "say it first" would suggest for an answer typed at a beat, and why.
    Suggest(suggest::Args),
    /// Play the golden runs kept beside scenarios (NAME.tests.ron) and report like a test runner.
    Test(selftest::Args),
    /// Every kept session with its score recomputed, and each trainee at a glance.
    Report(report::Args),
    /// Write the kept sessions as xAPI statements.
    Export(xapi::ExportArgs),
    /// Send the sessions a Learning Record Store does not have yet (xAPI).
    Sync(xapi::SyncArgs),
    /// Open the window (needs a build with the `window` feature).
    App(AppArgs),
}

#[derive(clap::Args)]
struct AppArgs {
    /// Scenario files or directories of them to list instead of the shipped
    /// scenarios; broken ones are listed with their errors.
    paths: Vec<PathBuf>,
    /// Go straight to the meeting of this scenario (an id, or a listed path).
    #[arg(long, value_name = "ID")]
    open: Option<String>,
    /// The seed of the opened meeting (its random events); a fresh one if not given.
    #[arg(long)]
    seed: Option<u64>,
    /// Author mode: play this scenario file as it is written; saving it
    /// reloads the meeting, and a panel shows beat ids, the client's state,
    /// every rule monitor, and jumps to any beat.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "open"])]
    author: Option<PathBuf>,
    /// The language the window starts in (F2 on the title screen switches).
    #[arg(long, default_value = "en")]
    lang: rapport_core::text::Lang,
    /// The company's LRS (its xAPI endpoint): the review then offers the
    /// team's sessions beside this machine's (F4); the password is read
    /// from RAPPORT_LRS_PASSWORD.
    #[arg(long, value_name = "URL", env = "RAPPORT_LRS_URL")]
    lrs: Option<String>,
    /// The LRS user (with --lrs).
    #[arg(long, env = "RAPPORT_LRS_USER")]
    user: Option<String>,
    /// The IRI the sessions were sent under (as for `sync`).
    #[arg(long, value_name = "IRI", env = "RAPPORT_XAPI_BASE",
          default_value = rapport_records::xapi::DEFAULT_BASE)]
    base: String,
}

pub fn run() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.command.is_none() {
        // No command opens the window as `rapport app` would, with the same
        // defaults and environment (the team's LRS among them).
        cli = Cli::parse_from(std::env::args_os().chain(["app".into()]));
    }
    let Some(command) = cli.command else {
        unreachable!("`app` was given")
    };
    let talks_to_a_server = match &command {
        Command::Sync(_) | Command::App(_) => true,
        Command::Report(args) => args.uses_lrs(),
        _ => false,
    };
    if !talks_to_a_server {
        end_quietly_when_the_reader_goes();
    }
    match command {
        Command::Check(args) => check::run(args, cli.rulebook.as_deref()),
        Command::New(args) => new::run(args),
        other => {
            let book = match load_rulebook(cli.rulebook.as_deref()) {
                Ok(b) => b,
                Err(diags) => {
                    print_diagnostics(&diags);
                    return ExitCode::FAILURE;
                }
            };
            match other {
                Command::Play(args) => play::run(args, &book, cli.data_dir.as_deref()),
                Command::Analyze(args) => analyze::run(args, &book),
                Command::Audit(args) => audit::run(args, &book),
                Command::List(args) => list::run(args, &book, cli.data_dir.as_deref()),
                Command::Rules(args) => {
                    let md = rapport_core::rulebook::reference::markdown(
                        &book,
                        rapport_core::rulebook::Lessons::shipped(),
                        args.lang,
                    );
                    print!("{md}");
                    ExitCode::SUCCESS
                }
                Command::Graph(args) => graph(args, &book),
                Command::Test(args) => selftest::run(args, &book),
                Command::Suggest(args) => suggest::run(args, &book),
                Command::Report(args) => report::run(args, &book, cli.data_dir.as_deref()),
                Command::Export(args) => xapi::export(args, &book, cli.data_dir.as_deref()),
                Command::Sync(args) => xapi::sync(args, &book, cli.data_dir.as_deref()),
                Command::App(args) => app::run(&args, book, cli.data_dir.as_deref()),
                Command::Check(_) | Command::New(_) => unreachable!("handled above"),
            }
        }
    }
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Only Markdown for now: the reference docs/rules.md is made of.
    #[arg(long, value_enum, default_value_t = RulesFormat::Markdown)]
    format: RulesFormat,
    #[arg(long, default_value = "en")]
    lang: rapport_core::text::Lang,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RulesFormat {
    Markdown,
}

#[derive(clap::Args)]
struct GraphArgs {
    /// A scenario file, or the id of a shipped scenario.
    scenario: String,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
    /// The language of the title (DOT).
    #[arg(long, default_value = "en")]
    lang: rapport_core::text::Lang,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum GraphFormat {
    /// Graphviz: `rapport graph late_manager | dot -Tsvg > late_manager.svg`.
    Dot,
    /// Mermaid, for Markdown.
    Mermaid,
}

fn graph(args: GraphArgs, book: &Rulebook) -> ExitCode {
    let Some(scenario) = scenario_named(&args.scenario, book) else {
        return ExitCode::FAILURE;
    };
    let text = match args.format {
        GraphFormat::Dot => rapport_author::diagram::dot(&scenario, book, args.lang),
        GraphFormat::Mermaid => rapport_author::diagram::mermaid(&scenario, book),
    };
    print!("{text}");
    ExitCode::SUCCESS
}

/// A scenario file, or a shipped scenario by id, with its warnings printed;
/// `None` once its errors are.
pub fn scenario_named(arg: &str, book: &Rulebook) -> Option<rapport_core::scenario::Scenario> {
    match rapport_core::catalog::resolve(arg, book) {
        Ok((scenario, warnings)) => {
            print_diagnostics(&warnings);
            Some(scenario)
        }
        Err(d) => {
            print_diagnostics(&d);
            None
        }
    }
}

/// A command whose reader stops early (`rapport analyze | head`) ends as
/// other command-line tools do, not with a panic about a broken pipe. Only
/// for commands that talk to no server: there a closed connection must stay
/// an error the command reports, not a signal that ends it.
fn end_quietly_when_the_reader_goes() {
    #[cfg(unix)]
    // SAFETY: called once, before any thread starts; it only restores the
    // default action of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn load_rulebook(path: Option<&Path>) -> Result<Rulebook, Vec<Diagnostic>> {
    match path {
        None => Ok(Rulebook::shipped()),
        Some(p) => {
            let bytes = rapport_core::ron_text::read(p)
                .map_err(|e| vec![rapport_core::catalog::io_error(p, &e)])?;
            let (book, warnings) = Rulebook::load(p, &bytes, Lessons::shipped())?;
            print_diagnostics(&warnings);
            Ok(book)
        }
    }
}

pub fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}
