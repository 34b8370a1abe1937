//! `rapport report`: every kept session, its score recomputed, and each
//! trainee at a glance; or, with `--skills`, the skill map; as a table, CSV
//! or JSON.

mod columns;
mod session;
pub(crate) mod skills;

pub(super) use columns::print_table;

use rapport_core::rulebook::Rulebook;
use rapport_records::review::{
    self, Attempt, DEFAULT_LAST, Filter, Judge, Reviewed, Trainee, trainees,
};
use rapport_records::store::DataDir;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Only this trainee's sessions.
    #[arg(long)]
    trainee: Option<String>,
    /// Only sessions of this scenario (its id).
    #[arg(long)]
    scenario: Option<String>,
    /// Only sessions started on or after this day (2026-11-01, UTC) or moment (RFC 3339).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    since: Option<jiff::Timestamp>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Which table: the sessions, the trainees, or both
    /// [default: both, or sessions for CSV, which holds one table]; with
    /// --skills, `next` keeps only what to practise next.
    #[arg(long, value_enum)]
    view: Option<View>,
    /// The skill map instead of the sessions: per trainee and for the team,
    /// how often each rule and lesson applied and held over the latest
    /// sessions, its trend, the weakest three, and what to practise next.
    #[arg(long)]
    skills: bool,
    /// With --skills: how many of each trainee's latest sessions to count.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LAST as u32,
          value_parser = clap::value_parser!(u32).range(1..), requires = "skills")]
    last: u32,
    /// With --skills: the language of the rules' and lessons' titles and of
    /// the table's words.
    #[arg(long, default_value = "en", requires = "skills")]
    lang: rapport_core::text::Lang,
    /// Scenario files or directories to replay records against, besides the
    /// shipped scenarios (records of authors' own scenarios).
    #[arg(long = "scenarios", value_name = "PATH")]
    scenarios: Vec<PathBuf>,
    /// One session in detail: what the trainee typed at each beat before
    /// the options appeared, the option suggested from it and the one
    /// chosen; by the record's id or its first characters.
    #[arg(long, value_name = "ID", conflicts_with = "skills")]
    session: Option<String>,
    #[command(flatten)]
    team: super::team::TeamArgs,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum View {
    Sessions,
    Trainees,
    Both,
    /// With --skills: only what each trainee and the team should practise next.
    Next,
}

impl Args {
    /// Whether it reads from an LRS.
    pub fn uses_lrs(&self) -> bool {
        self.team.lrs.is_some()
    }
}

pub fn parse_since(s: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    s.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| {
            format!("`{s}` is neither a day (2026-11-01) nor a moment (2026-11-01T09:30:00Z)")
        })
}

pub fn run(args: Args, book: &Rulebook, data: Option<&Path>) -> ExitCode {
    if args.team.stray_user() {
        eprintln!("rapport: --user is the LRS's user: add --lrs URL");
        return ExitCode::from(2);
    }
    let data = match DataDir::resolve(data) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("rapport: {e}");
            return ExitCode::FAILURE;
        }
    };
    let filter = Filter {
        trainee: args.trainee.clone(),
        scenario: args.scenario.clone(),
        since: args.since,
    };
    if args.skills {
        return skills::run(&args, book, &data, &filter);
    }
    let view = match (args.view, args.format) {
        (Some(View::Next), _) => {
            eprintln!("rapport: --view next is a view of the skill map: add --skills");
            return ExitCode::from(2);
        }
        (Some(View::Both), Format::Csv) => {
            eprintln!("rapport: CSV holds one table: choose --view sessions or --view trainees");
            return ExitCode::from(2);
        }
        (Some(v), _) => v,
        (None, Format::Csv) => View::Sessions,
        (None, _) => View::Both,
    };
    let (reviewed, source) = match &args.team.lrs {
        None => (
            review(book, &args.scenarios, &data, &filter),
            format!("recorded in {}", data.records().display()),
        ),
        Some(url) => {
            let scenarios = scenarios(book, &args.scenarios);
            let judge = Judge::new(book, scenarios.iter());
            match super::team::review(&args.team, url, &judge, &data, &filter) {
                Ok(r) => (r, "in the LRS".to_string()),
                Err(code) => return code,
            }
        }
    };
    for (_, why) in &reviewed.skipped {
        eprintln!("rapport: skipped {why}");
    }
    if let Some(id) = &args.session {
        let out = std::io::BufWriter::new(std::io::stdout().lock());
        return session::show(out, &reviewed.sessions, id, args.format)
            .unwrap_or_else(|e| exit(Err(e)));
    }
    let people = trainees(&reviewed.sessions);
    // Buffered: a hundred thousand rows are written as they are formatted.
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        Format::Table => table(out, &reviewed, &people, view, &source),
        Format::Csv => csv_out(out, &reviewed.sessions, &people, view),
        Format::Json => json(out, &reviewed, &people, view),
    };
    exit(written)
}

/// Replays the kept records against the shipped scenarios and any named.
pub fn review(book: &Rulebook, extra: &[PathBuf], data: &DataDir, filter: &Filter) -> Reviewed {
    let scenarios = scenarios(book, extra);
    let judge = Judge::new(book, scenarios.iter());
    judge.review(data, filter)
}

/// The scenarios records are replayed against: the shipped ones, then those
/// in the files and directories named.
pub fn scenarios(book: &Rulebook, extra: &[PathBuf]) -> Vec<rapport_core::scenario::Scenario> {
    let mut entries = rapport_core::catalog::shipped(book);
    entries.extend(rapport_core::catalog::load_paths(extra, book));
    let mut scenarios = Vec::new();
    for e in entries {
        match e.result {
            Ok((s, _)) => scenarios.push(s),
            Err(d) => eprintln!(
                "rapport: records of {} cannot be replayed: {}",
                e.path.display(),
                d[0]
            ),
        }
    }
    scenarios
}

fn score(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.1}"))
}

fn signed(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:+.2}"))
}

/// The standing as a short note: the stored score beside the recomputed
/// one whenever they may differ.
fn standing(s: &Attempt) -> String {
    use rapport_records::review::Standing::*;
    match &s.standing {
        Verified => "verified".into(),
        Altered { stored } => format!("ALTERED (stored {stored:.1})"),
        ScenarioChanged { stored } => {
            format!("scenario changed (stored {stored:.1}, unverified)")
        }
        Unreplayable { stored, why } => {
            format!("cannot replay (stored {stored:.1}, unverified): {why}")
        }
    }
}

fn started(s: &Attempt) -> String {
    s.started.strftime("%Y-%m-%d %H:%M").to_string()
}

fn minutes(seconds: f64) -> String {
    let s = seconds.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

fn top_rules(t: &Trainee) -> String {
    t.most_broken
        .iter()
        .map(|b| format!("{} ×{}", b.rule, b.times))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(
    mut out: impl Write,
    reviewed: &Reviewed,
    people: &[Trainee],
    view: View,
    source: &str,
) -> std::io::Result<()> {
    if reviewed.sessions.is_empty() {
        writeln!(out, "No sessions {source} match.")?;
        return out.flush();
    }
    if view != View::Trainees {
        let sessions = &reviewed.sessions;
        let row = |i: usize| {
            let s: &Attempt = &sessions[i];
            vec![
                started(s),
                s.trainee.clone(),
                s.scenario.clone(),
                s.difficulty.into(),
                s.lang.into(),
                minutes(s.seconds),
                score(s.score),
                s.passed
                    .map_or("-", |p| if p { "pass" } else { "fail" })
                    .into(),
                s.ending.clone().unwrap_or_else(|| "-".into()),
                standing(s),
            ]
        };
        let head = [
            "started (UTC)",
            "trainee",
            "scenario",
            "level",
            "lang",
            "time",
            "score",
            "result",
            "ending",
            "record",
        ];
        print_table(&mut out, &head, sessions.len(), row)?;
    }
    if view == View::Both {
        writeln!(out)?;
    }
    if view != View::Sessions {
        let row = |i: usize| {
            let t: &Trainee = &people[i];
            vec![
                t.trainee.clone(),
                t.attempts.to_string(),
                score(t.best),
                score(t.last),
                signed(t.first_to_last),
                signed(t.trend),
                t.critical_breaks.to_string(),
                session::words(t),
                top_rules(t),
            ]
        };
        let head = [
            "trainee",
            "attempts",
            "best",
            "last",
            "first→last",
            "trend/attempt",
            "critical",
            "own words",
            "most broken",
        ];
        print_table(&mut out, &head, people.len(), row)?;
    }
    out.flush()
}

fn csv_out(
    out: impl Write,
    sessions: &[Attempt],
    people: &[Trainee],
    view: View,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| std::io::Error::other(e);
    if view == View::Trainees {
        review::write_trainees_csv(&mut w, people).map_err(io)?;
    } else {
        review::write_sessions_csv(&mut w, sessions).map_err(io)?;
    }
    w.flush()
}

/// What a report's writing came to: a reader closing the pipe is not a
/// failure.
fn exit(written: std::io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rapport: cannot write the report: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The JSON document, streamed as it is serialised (no tree of values in
/// memory).
#[derive(serde::Serialize)]
struct Doc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    sessions: Option<&'a [Attempt]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trainees: Option<&'a [Trainee]>,
    skipped: Vec<Skipped<'a>>,
}

#[derive(serde::Serialize)]
struct Skipped<'a> {
    path: &'a Path,
    error: &'a str,
}

fn json(
    mut out: impl Write,
    reviewed: &Reviewed,
    people: &[Trainee],
    view: View,
) -> std::io::Result<()> {
    let doc = Doc {
        sessions: (view != View::Trainees).then_some(&reviewed.sessions[..]),
        trainees: (view != View::Sessions).then_some(people),
        skipped: reviewed
            .skipped
            .iter()
            .map(|(path, error)| Skipped { path, error })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()
}
