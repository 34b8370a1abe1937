//! `rapport`: the command line over Rapport's core.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
