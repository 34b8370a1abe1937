//! `rapport report --session ID`: one session in detail, with what the
//! trainee typed at each beat before the options appeared ("say it first"),
//! the option suggested from their words and the option they chose.

use super::Format;
use rapport_records::review::{Attempt, Trainee, TypedAnswer};
use std::io::Write;
use std::process::ExitCode;

/// The trainees table's "own words" cell: of the beats typed, in how many
/// the option suggested from the words is the one chosen.
pub(super) fn words(t: &Trainee) -> String {
    match t.agreement {
        Some(share) => format!(
            "{}/{} agree ({:.0}%)",
            t.words_agree,
            t.typed,
            share * 100.0
        ),
        None => "-".into(),
    }
}

/// Shows the sessions whose record id starts with `id`; none is an error.
pub(super) fn show(
    mut out: impl Write,
    sessions: &[Attempt],
    id: &str,
    format: Format,
) -> std::io::Result<ExitCode> {
    let id = id.trim();
    let found: Vec<&Attempt> = sessions
        .iter()
        .filter(|s| !id.is_empty() && s.id.starts_with(id))
        .collect();
    if found.is_empty() {
        eprintln!("rapport: no kept session's id starts with `{id}`");
        return Ok(ExitCode::FAILURE);
    }
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &found)?;
            writeln!(out)?;
        }
        Format::Csv => csv_rows(&mut out, &found)?,
        Format::Table => {
            for s in found {
                table(&mut out, s)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A text in quotes, or `none`. What a trainee typed reaches the manager's
/// terminal: control characters (escape sequences, line breaks) are shown
/// as spaces, never obeyed.
fn quoted(t: Option<&str>, none: &str) -> String {
    t.map_or(none.to_string(), |t| {
        let t: String = t
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!("«{t}»")
    })
}

fn table(out: &mut impl Write, s: &Attempt) -> std::io::Result<()> {
    writeln!(
        out,
        "{} · {} · {} · {} · {}",
        s.id,
        s.trainee,
        s.scenario,
        s.started.strftime("%Y-%m-%d %H:%M"),
        s.score.map_or("-".into(), |v| format!("{v:.1}"))
    )?;
    if s.typed.is_empty() {
        writeln!(
            out,
            "  no typed answers: the options were shown straight away"
        )?;
        return writeln!(out);
    }
    let typed = s.typed.iter().filter(|a| a.typed()).count();
    let agree = s.typed.iter().filter(|a| a.agrees()).count();
    writeln!(
        out,
        "  own words: typed at {typed} of {} beats asked; words and choice agree at {agree}",
        s.typed.len()
    )?;
    for a in &s.typed {
        writeln!(out, "  {} {}", a.step, a.beat)?;
        writeln!(
            out,
            "      said:      {}",
            quoted(a.said.as_deref(), "(skipped typing)")
        )?;
        if a.typed() {
            let none = if a.suggested.is_some() {
                "(an option this scenario no longer has)"
            } else {
                "(no option was close)"
            };
            writeln!(
                out,
                "      suggested: {}",
                quoted(a.suggested_text.as_deref(), none)
            )?;
        }
        writeln!(
            out,
            "      chose:     {}",
            quoted(a.chosen_text.as_deref(), "(silence: the time ran out)")
        )?;
        if a.typed() {
            let verdict = if a.agrees() {
                "words and choice agree"
            } else {
                "chose other than their words: recognised more than they produced"
            };
            writeln!(out, "      {verdict}")?;
        }
    }
    writeln!(out)
}

fn csv_rows(out: &mut impl Write, found: &[&Attempt]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = std::io::Error::other;
    w.write_record([
        "id",
        "trainee",
        "scenario",
        "step",
        "beat",
        "said",
        "skipped",
        "suggested",
        "suggested_text",
        "chosen",
        "chosen_text",
        "agrees",
    ])
    .map_err(io)?;
    let index = |i: Option<u8>| i.map_or(String::new(), |i| i.to_string());
    for s in found {
        for a in &s.typed {
            let a: &TypedAnswer = a;
            w.write_record([
                s.id.clone(),
                s.trainee.clone(),
                s.scenario.clone(),
                a.step.to_string(),
                a.beat.clone(),
                a.said.clone().unwrap_or_default(),
                (!a.typed()).to_string(),
                index(a.suggested),
                a.suggested_text.clone().unwrap_or_default(),
                index(a.chosen),
                a.chosen_text.clone().unwrap_or_default(),
                a.agrees().to_string(),
            ])
            .map_err(io)?;
        }
    }
    w.flush()
}
