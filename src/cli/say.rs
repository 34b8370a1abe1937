//! `rapport play --say-first`: at each beat the trainee types what they
//! would say before the options are listed; the option closest to their
//! words is then suggested, with the words that matched, and they take it
//! (Enter) or give another number. The words are kept in the record.

use super::play::{print_line, print_options, print_pick, show_briefing};
use rapport_core::engine::{Pick, PlayError};
use rapport_core::i18n::{self, Label};
use rapport_core::rulebook::Rulebook;
use rapport_core::say::{Matcher, Suggestion};
use rapport_core::session::Session;
use rapport_core::text::Lang;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

/// Plays the meeting from standard input, two lines a beat: the words (an
/// empty line skips them), then the number (an empty line takes the
/// suggestion). Prompts go to stderr when stdout carries JSON.
pub(super) fn interactive(
    session: &mut Session,
    book: &Rulebook,
    lang: Lang,
    json: bool,
) -> Result<(), ExitCode> {
    let stdin = std::io::stdin();
    let tty = stdin.is_terminal();
    let mut out: Box<dyn Write> = if json {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    };
    let mut lines = stdin.lock().lines();
    let mut next_line = || match lines.next() {
        Some(Ok(line)) => Ok(line),
        _ => {
            eprintln!("rapport: input ended before the meeting did");
            Err(ExitCode::FAILURE)
        }
    };
    if !json {
        show_briefing(session, lang);
    }
    let matcher = Matcher::new(session.scenario(), book);
    while !session.is_over() {
        print_line(&mut out, session, lang);
        // The clock of a timed beat runs from here: typing is part of
        // answering, as it is in a meeting.
        let asked = Instant::now();
        let _ = writeln!(out, "  {}", i18n::label(lang, Label::SayPrompt));
        if tty {
            let _ = write!(out, "  > ");
            let _ = out.flush();
        }
        let words = next_line()?;
        let (typed, suggestion) = matcher.answer(session, &words);
        show_options(&mut out, session, &matcher, suggestion.as_ref(), lang, tty);
        let suggested_listed = suggestion.as_ref().and_then(|s| s.best).and_then(|b| {
            session
                .options()
                .iter()
                .position(|&i| usize::from(i) == b)
                .map(|p| p + 1)
        });
        loop {
            if tty {
                let _ = match suggested_listed {
                    Some(n) => write!(out, "{} [{n}]: ", i18n::label(lang, Label::ChooseNumber)),
                    None => write!(out, "{}: ", i18n::label(lang, Label::ChooseNumber)),
                };
                let _ = out.flush();
            }
            let line = next_line()?;
            let took = asked.elapsed();
            let n = match (line.trim(), suggested_listed) {
                ("", Some(n)) => n,
                (text, _) => match text.parse::<usize>() {
                    Ok(n) => n,
                    Err(_) => {
                        let _ = writeln!(out, "  1..{}", session.options().len());
                        continue;
                    }
                },
            };
            let millis = Some(took.as_millis() as u32);
            let late = tty && session.time_limit().is_some_and(|l| took.as_secs_f32() > l);
            let pick = if late || n == 0 {
                if late {
                    let _ = writeln!(out, "  {}", i18n::label(lang, Label::TooSlow));
                }
                Pick::Silence
            } else {
                match session.options().get(n - 1) {
                    Some(&i) => Pick::Choice(i),
                    None => {
                        let _ = writeln!(out, "  1..{}", session.options().len());
                        continue;
                    }
                }
            };
            match session.pick_said(pick, millis, Some(typed.clone())) {
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

/// The options, the suggested one marked with an arrow and its matching
/// words in bold on a terminal (in brackets in a pipe), and why it was
/// suggested, or that no option was close.
fn show_options(
    out: &mut dyn Write,
    session: &Session,
    matcher: &Matcher,
    suggestion: Option<&Suggestion>,
    lang: Lang,
    tty: bool,
) {
    let mark = |text: &str, lit: bool| match (lit, tty) {
        (false, _) => text.to_string(),
        (true, true) => format!("\x1b[1m{text}\x1b[0m"),
        (true, false) => format!("[{text}]"),
    };
    print_options(out, session, lang, &|i, text| {
        let Some(s) = suggestion.filter(|s| s.best == Some(i)) else {
            return text.to_string();
        };
        let lit: String = matcher
            .lit(s, i, text)
            .iter()
            .map(|(p, l)| mark(p, *l))
            .collect();
        format!("→ {lit}")
    });
    if let Some(s) = suggestion {
        let why = match s.best {
            Some(_) => format!(
                "{}; {}",
                i18n::label(lang, Label::ClosestToYourWords),
                s.explain(lang)
            ),
            None => s.explain(lang),
        };
        let _ = writeln!(out, "  ({why})");
    }
}
