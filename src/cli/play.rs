//! `rapport play`: a meeting at the terminal, or a replay of given choices.

use rapport_core::debrief::{Debrief, DebriefView};
use rapport_core::engine::PlayError;
use rapport_core::i18n::{self, Label};
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Difficulty;
use rapport_core::session::Session;
use rapport_core::text::Lang;
use rapport_records::record::Record;
use rapport_records::store::DataDir;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// A scenario file, or the id of a shipped scenario (see `rapport list`).
    scenario: String,
    /// The options to take, as numbered at each beat (1-based; 0 lets the time run out).
    #[arg(long, value_delimiter = ',', value_name = "N,N,...")]
    choose: Option<Vec<usize>>,
    /// The seed of the random events; a new one each session if not given.
    #[arg(long)]
    seed: Option<u64>,
    #[arg(long, default_value = "en")]
    lang: Lang,
    #[arg(long, default_value = "normal")]
    difficulty: Difficulty,
    /// Print one JSON object with the ending, the score, every rule and the transcript.
    #[arg(long)]
    json: bool,
    /// Who is training: the record is filed under this name
    /// [default: $RAPPORT_TRAINEE, else $USER].
    #[arg(long)]
    trainee: Option<String>,
    /// Do not keep a record of this session.
    #[arg(long)]
    no_save: bool,
    /// Say it first: at each beat, type what you would say before the
    /// options are listed; the closest is then suggested. On by default at
    /// hard; `--say-first=false` turns it off. Not with `--choose`.
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    say_first: Option<bool>,
}

pub fn run(args: Args, book: &Rulebook, data: Option<&Path>) -> ExitCode {
    let Some(scenario) = super::scenario_named(&args.scenario, book) else {
        return ExitCode::FAILURE;
    };
    let seed = args.seed.unwrap_or_else(rapport_core::session::fresh_seed);
    let started = jiff::Timestamp::now();
    let mut session = Session::new(&scenario, book, args.difficulty, seed);
    let lang = args.lang;

    if args.choose.is_some() && args.say_first == Some(true) {
        eprintln!(
            "rapport: --say-first asks for your words at each beat; --choose replays picks without them"
        );
        return ExitCode::FAILURE;
    }
    match &args.choose {
        Some(list) => {
            for (i, &n) in list.iter().enumerate() {
                if session.is_over() {
                    eprintln!(
                        "rapport: the session ended after {i} choice(s); {} more were given",
                        list.len() - i
                    );
                    return ExitCode::FAILURE;
                }
                if !args.json {
                    show_beat(&session, lang);
                }
                if let Err(e) = session.choose_listed(n) {
                    eprintln!("rapport: choice {} of --choose: {e}", i + 1);
                    return ExitCode::FAILURE;
                }
                if !args.json {
                    show_pick(&session, lang);
                }
            }
            if !session.is_over() {
                let beat = session.beat().map_or("", |b| b.id.as_str());
                eprintln!(
                    "rapport: the session is not over after {} choice(s); it waits at beat `{beat}` with {} option(s)",
                    list.len(),
                    session.options().len()
                );
                return ExitCode::FAILURE;
            }
        }
        None => {
            let says_first = args
                .say_first
                .unwrap_or(args.difficulty == Difficulty::Hard);
            let played = if says_first {
                super::say::interactive(&mut session, book, lang, args.json)
            } else {
                interactive(&mut session, lang, args.json)
            };
            if let Err(code) = played {
                return code;
            }
        }
    }

    let debrief = Debrief::of(&session);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&debrief.to_json(&session, lang))
                .expect("JSON values always serialise")
        );
    } else {
        show_debrief(&session, &debrief, lang, &args.scenario);
    }
    if args.no_save {
        return ExitCode::SUCCESS;
    }
    let trainee = args
        .trainee
        .clone()
        .unwrap_or_else(rapport_records::record::default_trainee);
    let record = Record::of(&session, &trainee, lang, started, jiff::Timestamp::now());
    match DataDir::resolve(data).and_then(|d| d.save(&record)) {
        Ok(path) => {
            eprintln!("rapport: saved {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            // The debrief is on screen; the record is what is lost, and the
            // exit status says so. The same choices replayed keep it once the
            // trouble is fixed (the time each answer took is all that goes).
            eprintln!("rapport: the session was not saved: {e}");
            // A name with a NUL cannot be a word of a command line at all.
            let who = shlex::try_quote(&trainee)
                .map(|q| format!(" --trainee {q}"))
                .unwrap_or_default();
            eprintln!(
                "rapport: to keep it once that is fixed: {}{who}",
                replay_command(&session, &args.scenario)
            );
            ExitCode::FAILURE
        }
    }
}

/// Reads option numbers from standard input: prompts on a terminal, plain
/// lines from a pipe. Prompts go to stderr when stdout carries JSON.
fn interactive(session: &mut Session, lang: Lang, json: bool) -> Result<(), ExitCode> {
    let stdin = std::io::stdin();
    let tty = stdin.is_terminal();
    let mut out: Box<dyn Write> = if json {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    };
    let mut lines = stdin.lock().lines();
    if !json {
        show_briefing(session, lang);
    }
    while !session.is_over() {
        print_beat(&mut out, session, lang);
        let limit = session.time_limit();
        loop {
            if tty {
                let _ = write!(out, "{}: ", i18n::label(lang, Label::ChooseNumber));
                let _ = out.flush();
            }
            let asked = Instant::now();
            let Some(Ok(line)) = lines.next() else {
                eprintln!("rapport: input ended before the meeting did");
                return Err(ExitCode::FAILURE);
            };
            let took = asked.elapsed();
            let n = match line.trim().parse::<usize>() {
                Ok(n) => n,
                Err(_) => {
                    let _ = writeln!(out, "  1..{}", session.options().len());
                    continue;
                }
            };
            let late = tty && limit.is_some_and(|l| took.as_secs_f32() > l);
            let result = if late {
                let _ = writeln!(out, "  {}", i18n::label(lang, Label::TooSlow));
                session.pick_timed(
                    rapport_core::engine::Pick::Silence,
                    Some(took.as_millis() as u32),
                )
            } else if n == 0 {
                session.choose_listed(0)
            } else {
                match session.options().get(n.wrapping_sub(1)) {
                    Some(&i) => session.pick_timed(
                        rapport_core::engine::Pick::Choice(i),
                        Some(took.as_millis() as u32),
                    ),
                    None => session.choose_listed(n),
                }
            };
            match result {
                Ok(()) => break,
                Err(PlayError::Over) => return Ok(()),
                Err(e) => {
                    let _ = writeln!(out, "  {e}");
                }
            }
        }
        print_pick(&mut out, session, lang);
    }
    Ok(())
}

pub(super) fn show_briefing(session: &Session, lang: Lang) {
    let s = session.scenario();
    println!("== {} ==", s.title.get(lang));
    println!(
        "{}, {} — {}",
        s.persona.name.get(lang),
        s.persona.role.get(lang),
        s.persona.company.get(lang)
    );
    println!("{}", s.persona.about.get(lang));
    // The client drawn for this seed: the trainee is told his temperament,
    // as a colleague who knows him would tell them.
    if let Some(t) = session.world.temperament() {
        println!("{}: {}", t.name.get(lang), t.about.get(lang));
    }
    println!(
        "{}: {}",
        i18n::label(lang, Label::Setting),
        s.briefing.setting.get(lang)
    );
    println!(
        "{}: {}",
        i18n::label(lang, Label::Goal),
        s.briefing.goal.get(lang)
    );
    if let Some(a) = &s.briefing.authority {
        println!("{}: {}", i18n::label(lang, Label::Authority), a.get(lang));
    }
    println!();
}

fn show_beat(session: &Session, lang: Lang) {
    print_beat(&mut std::io::stdout(), session, lang);
}

fn show_pick(session: &Session, lang: Lang) {
    print_pick(&mut std::io::stdout(), session, lang);
}

fn print_beat(out: &mut dyn Write, session: &Session, lang: Lang) {
    print_line(out, session, lang);
    print_options(out, session, lang, &|_, text| text.to_string());
}

/// What is said at the beat: narration, then the line and who says it.
pub(super) fn print_line(out: &mut dyn Write, session: &Session, lang: Lang) {
    let Some(beat) = session.beat() else { return };
    for n in session.narration() {
        let _ = writeln!(out, "  ({})", n.get(lang));
    }
    if let Some((emotion, line)) = session.line() {
        let who = rapport_core::debrief::speaker_name(&beat.speaker, session, lang);
        if who.is_empty() {
            let _ = writeln!(out, "{}", line.get(lang));
        } else {
            let _ = writeln!(
                out,
                "{who} [{}]: {}",
                i18n::emotion(lang, emotion),
                line.get(lang)
            );
        }
    }
}

/// The options on offer, numbered as listed, each written by `show` (given
/// the choice as written and its text), then the clock of a timed beat.
pub(super) fn print_options(
    out: &mut dyn Write,
    session: &Session,
    lang: Lang,
    show: &dyn Fn(usize, &str) -> String,
) {
    let Some(beat) = session.beat() else { return };
    for (n, &i) in session.options().iter().enumerate() {
        let i = usize::from(i);
        let _ = writeln!(
            out,
            "  {}. {}",
            n + 1,
            show(i, beat.choices[i].text.get(lang))
        );
    }
    if let Some(t) = session.time_limit() {
        let _ = writeln!(
            out,
            "  ({t:.0} {}; 0 = {})",
            i18n::label(lang, Label::TimeLimit),
            beat.silence.as_ref().map_or("", |s| s.text.get(lang))
        );
    }
}

pub(super) fn print_pick(out: &mut dyn Write, session: &Session, lang: Lang) {
    let Some(step) = session.steps.last() else {
        return;
    };
    let beat = session.scenario().beat(step.beat);
    if let Some(c) = session.world.choice(beat, step.pick) {
        let _ = writeln!(
            out,
            "{}: {}",
            i18n::label(lang, Label::You),
            c.text.get(lang)
        );
        if let Some(r) = &c.reply {
            let _ = writeln!(
                out,
                "{}: {}",
                session.scenario().persona.name.get(lang),
                r.line.get(lang)
            );
        }
    }
    let _ = writeln!(out);
}

fn show_debrief(session: &Session, d: &Debrief, lang: Lang, named: &str) {
    let view = DebriefView::of(d, session, lang);
    println!("== {} ==", i18n::label(lang, Label::Debrief));
    println!("{}", view.ending.title);
    if !view.ending.text.is_empty() {
        println!("{}", view.ending.text);
    }
    if let Some(t) = &view.temperament {
        println!("{t}");
    }
    println!("{}", view.score.text);
    for c in &view.categories {
        let bar = "#".repeat((c.score / 10.0).round() as usize);
        println!("  {:<32} {:>3.0} {bar}", c.name, c.score);
    }
    println!();
    for rule in &view.rules {
        println!("{}", rule.heading);
        for note in &rule.notes {
            println!("    {}", note.text);
        }
    }
    if !view.said.is_empty() {
        println!("-- {} --", i18n::label(lang, Label::InYourWords));
        for line in &view.said {
            println!("{}:", line.beat);
            let lines = [
                Some(&line.said),
                Some(&line.chose),
                line.words.as_ref(),
                line.better.as_ref(),
            ];
            for l in lines.into_iter().flatten() {
                println!("    {l}");
            }
        }
    }
    println!("{}", view.not_tested);
    println!(
        "{}: {}",
        i18n::label(lang, Label::Replay),
        replay_command(session, named)
    );
}

/// The command that plays this session again, choice for choice, naming the
/// scenario as the trainee did (a file's path is not a shipped id).
fn replay_command(session: &Session, named: &str) -> String {
    let choose: Vec<String> = session.listed().iter().map(|n| n.to_string()).collect();
    let named = shlex::try_quote(named).unwrap_or_else(|_| session.scenario().id.clone().into());
    format!(
        "rapport play {} --seed {} --difficulty {} --choose {}",
        named,
        session.world.seed,
        session.world.level.name(),
        choose.join(",")
    )
}
