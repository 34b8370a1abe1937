//! `rapport report --lrs URL`: the review read from the company's LRS
//! instead of this machine's records.

use rapport_records::lrs::Lrs;
use rapport_records::review::{Filter, Judge, Reviewed, Team};
use rapport_records::store::DataDir;
use rapport_records::xapi::{self, Names};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TeamArgs {
    /// Review the sessions in this LRS (its xAPI endpoint) instead of this
    /// machine's; the password is read from RAPPORT_LRS_PASSWORD.
    #[arg(long, value_name = "URL")]
    pub lrs: Option<String>,
    /// The LRS user (with --lrs).
    // Not `requires = "lrs"`: clap counts a value from the environment as
    // given, and a trainee or manager who keeps RAPPORT_LRS_USER set for
    // `sync` or `--lrs` could then no longer review their own records.
    #[arg(long, env = "RAPPORT_LRS_USER")]
    user: Option<String>,
    /// The IRI the sessions were sent under (as for `sync`).
    #[arg(long, value_name = "IRI", env = "RAPPORT_XAPI_BASE", default_value = xapi::DEFAULT_BASE)]
    base: String,
    /// Statements asked for per page (the LRS may send fewer).
    #[arg(long, value_name = "N", default_value_t = 500,
          value_parser = clap::value_parser!(u16).range(1..=rapport_records::lrs::fetch::MAX_PAGE as i64))]
    page_size: u16,
    /// Fetch every statement again, not only those new since the last review.
    #[arg(long, requires = "lrs")]
    refresh: bool,
}

impl TeamArgs {
    /// `--user` written on the command line without `--lrs`: a mistake to
    /// say, where the same user from RAPPORT_LRS_USER is not.
    pub fn stray_user(&self) -> bool {
        self.lrs.is_none()
            && self.user.is_some()
            && std::env::var("RAPPORT_LRS_USER").ok() != self.user
    }
}

/// The review from the LRS at `url`; on failure, the exit code, once the
/// reason is printed.
pub fn review(
    args: &TeamArgs,
    url: &str,
    judge: &Judge,
    data: &DataDir,
    filter: &Filter,
) -> Result<Reviewed, ExitCode> {
    let Some(user) = &args.user else {
        eprintln!("rapport: --lrs needs --user (or RAPPORT_LRS_USER)");
        return Err(ExitCode::from(2));
    };
    // Only from the environment: a password on the command line is seen by
    // every user of the machine.
    let Some(password) = std::env::var("RAPPORT_LRS_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    else {
        eprintln!("rapport: --lrs needs the password in RAPPORT_LRS_PASSWORD");
        return Err(ExitCode::from(2));
    };
    let lrs = Lrs::new(url, user, &password);
    let names = Names::new(&args.base);
    let team = Team {
        lrs: &lrs,
        url,
        names: &names,
        page_size: usize::from(args.page_size),
        refresh: args.refresh,
    };
    match judge.review_lrs(data, &team, filter) {
        Ok(t) => {
            for n in &t.notes {
                eprintln!("rapport: {n}");
            }
            let voided = match t.voided {
                0 => String::new(),
                n => format!("; {n} of Rapport's voided in the LRS, disregarded"),
            };
            eprintln!(
                "rapport: {} request(s) to the LRS, {} new statement(s); {} of Rapport's cached, {} from other tools ignored{voided}",
                t.requests, t.fetched, t.cached, t.foreign
            );
            Ok(t.reviewed)
        }
        Err(e) => {
            eprintln!("rapport: {e}");
            eprintln!("rapport: nothing of this review was kept; the cache is as it was");
            Err(ExitCode::FAILURE)
        }
    }
}
