//! `rapport report --skills`: the skill map of the kept sessions, per
//! trainee and for the team, and what each should practise next; as a
//! table, CSV or JSON, with titles in either language.

use super::{Args, Format, Skipped, View, exit, print_table};
use rapport_core::i18n::{Label, label};
use rapport_core::rulebook::{Lessons, Rulebook};
use rapport_core::scenario::Difficulty;
use rapport_core::text::Lang;
use rapport_records::review::{self, Coverages, Filter, Judge, Practice, Skill, SkillMap, Skills};
use rapport_records::store::DataDir;
use serde_json::Value;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &Args, book: &Rulebook, data: &DataDir, filter: &Filter) -> ExitCode {
    let only_next = match args.view {
        None => false,
        Some(View::Next) => true,
        Some(_) => {
            eprintln!("rapport: with --skills, --view takes only `next`");
            return ExitCode::from(2);
        }
    };
    let scenarios = super::scenarios(book, &args.scenarios);
    let judge = Judge::new(book, scenarios.iter());
    // The manager's map is the team's, from the LRS the trainees sync to.
    let (reviewed, source) = match &args.team.lrs {
        None => (
            judge.review(data, filter),
            data.records().display().to_string(),
        ),
        Some(url) => match crate::cli::team::review(&args.team, url, &judge, data, filter) {
            Ok(r) => (r, "in the LRS".to_string()),
            Err(code) => return code,
        },
    };
    for (_, why) in &reviewed.skipped {
        eprintln!("rapport: skipped {why}");
    }
    let lessons = Lessons::shipped();
    let lang = args.lang;
    let replayed = reviewed.sessions.iter().any(|s| s.score.is_some());
    if !replayed && args.format != Format::Table {
        let none = label(lang, Label::NoRecords);
        eprintln!("rapport: {none} ({source})");
    }
    let coverage = Coverages::new(&scenarios, book, Some(Coverages::cache_dir(data)));
    let map = review::skills(
        &reviewed.sessions,
        book,
        lessons,
        &coverage,
        args.last as usize,
    );
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let words = Words {
        book,
        lessons,
        lang,
    };
    exit(match args.format {
        Format::Table => table(out, &map, &words, only_next, &source),
        Format::Csv => csv_out(out, &map, &words, only_next),
        Format::Json => json(out, &map, &words, only_next, &reviewed.skipped),
    })
}

/// What the output names rules, lessons and levels by, in one language.
pub struct Words<'a> {
    pub book: &'a Rulebook,
    pub lessons: &'a Lessons,
    pub lang: Lang,
}

impl Words<'_> {
    fn l(&self, l: Label) -> &'static str {
        label(self.lang, l)
    }

    fn rule<'s>(&'s self, id: &'s str) -> &'s str {
        self.book.rule(id).map_or(id, |r| r.title.get(self.lang))
    }

    fn lesson<'s>(&'s self, id: &'s str) -> &'s str {
        self.lessons.get(id).map_or(id, |l| l.lesson.get(self.lang))
    }

    /// "held 1 of 4", as the weakest are listed.
    fn held_of(&self, s: &Skill) -> String {
        let held = rapport_core::i18n::status(self.lang, rapport_core::monitor::Status::Held);
        format!("{held} {} {} {}", s.held, self.l(Label::Of), s.applied)
    }

    /// What to practise next, in a line: the scenario, its level and why,
    /// and the weak rules it can test with how often a session applies
    /// each.
    pub fn practice(&self, next: &Practice) -> String {
        let level = next
            .difficulty
            .parse::<Difficulty>()
            .map_or(next.difficulty, |d| {
                rapport_core::i18n::difficulty(self.lang, d)
            });
        let mut line = format!(
            "{}: {}, {level} ({})",
            self.l(Label::PractiseNext),
            next.scenario,
            self.l(next.because.label())
        );
        if next.tests.is_empty() {
            line += &format!("; {}", self.l(Label::NothingBroken));
        } else {
            let tests: Vec<String> = (next.tests.iter())
                .map(|t| {
                    let pct = (t.applies * 100.0).round();
                    let of = self.l(Label::OfSessions);
                    format!("{} ({pct}% {of})", self.rule(&t.rule))
                })
                .collect();
            line += &format!("; {}: {}", self.l(Label::CanTest), tests.join(", "));
        }
        line
    }

    /// The weakest rules of a map in a line, with how often each held.
    pub fn weakest(&self, m: &SkillMap) -> String {
        let weak: Vec<String> = (m.weakest_rules.iter())
            .filter_map(|id| m.rules.iter().find(|s| s.id == *id))
            .map(|s| format!("{} ({})", self.rule(&s.id), self.held_of(s)))
            .collect();
        format!("{}: {}", self.l(Label::Weakest), weak.join("; "))
    }
}

fn rate(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{:.0}%", v * 100.0))
}

fn signed(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:+.2}"))
}

/// A lesson is a sentence; the table shows its start.
fn clip(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        s.to_string()
    } else {
        s.chars().take(chars - 1).collect::<String>() + "…"
    }
}

fn maps(map: &Skills) -> impl Iterator<Item = &SkillMap> {
    map.trainees.iter().chain(map.team.as_ref())
}

fn name(m: &SkillMap, w: &Words) -> String {
    m.trainee
        .clone()
        .unwrap_or_else(|| w.l(Label::Team).to_string())
}

fn table(
    mut out: impl Write,
    map: &Skills,
    w: &Words,
    only_next: bool,
    source: &str,
) -> std::io::Result<()> {
    if map.team.is_none() {
        let none = w.l(Label::NoRecords);
        writeln!(out, "{none} ({source})")?;
        return out.flush();
    }
    // The team only when it is more than one trainee.
    let blocks: Vec<&SkillMap> = if map.trainees.len() > 1 {
        maps(map).collect()
    } else {
        map.trainees.iter().collect()
    };
    if only_next {
        for m in blocks {
            let next = m.next.as_ref().map_or("-".into(), |n| w.practice(n));
            writeln!(out, "{}: {next}", name(m, w))?;
        }
        return out.flush();
    }
    for (i, m) in blocks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let counted = w.l(Label::SessionsCounted);
        writeln!(out, "{} — {counted}: {}", name(m, w), m.sessions)?;
        if !m.weakest_rules.is_empty() {
            writeln!(out, "  {}", w.weakest(m))?;
        }
        if let Some(next) = &m.next {
            writeln!(out, "  {}", w.practice(next))?;
        }
        writeln!(out)?;
        let head = [
            w.l(Label::Rule),
            "",
            w.l(Label::Applied),
            rapport_core::i18n::status(w.lang, rapport_core::monitor::Status::Held),
            w.l(Label::HeldRate),
            w.l(Label::Trend),
        ];
        for (kind, rows, weakest) in [
            (Label::Rule, &m.rules, &m.weakest_rules),
            (Label::Lesson, &m.lessons, &m.weakest_lessons),
        ] {
            let mut head = head;
            head[0] = w.l(kind);
            let row = |i: usize| {
                let s: &Skill = &rows[i];
                let title = match kind {
                    Label::Rule => w.rule(&s.id).to_string(),
                    _ => clip(w.lesson(&s.id), 60),
                };
                let mark = if weakest.contains(&s.id) { "*" } else { " " };
                vec![
                    format!("{mark} {}", s.id),
                    title,
                    s.applied.to_string(),
                    s.held.to_string(),
                    rate(s.rate),
                    signed(s.trend),
                ]
            };
            print_table(&mut out, &head, rows.len(), row)?;
        }
    }
    out.flush()
}

fn csv_out(out: impl Write, map: &Skills, w: &Words, only_next: bool) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let written = if only_next {
        review::write_practice_csv(&mut csv, map)
    } else {
        review::write_skills_csv(&mut csv, map, w.book, w.lessons, w.lang)
    };
    written.map_err(std::io::Error::other)?;
    csv.flush()
}

/// The map as serialised, each rule and lesson with its title in the
/// chosen language beside its id.
fn json(
    mut out: impl Write,
    map: &Skills,
    w: &Words,
    only_next: bool,
    skipped: &[(std::path::PathBuf, String)],
) -> std::io::Result<()> {
    let mut doc = serde_json::to_value(map).map_err(std::io::Error::other)?;
    let titled = |v: &mut Value, of: &dyn Fn(&str) -> String| {
        for s in v.as_array_mut().into_iter().flatten() {
            let id = s["id"].as_str().unwrap_or_default().to_string();
            s["title"] = Value::from(of(&id));
        }
    };
    let Some(o) = doc.as_object_mut() else {
        unreachable!("the map serialises as an object")
    };
    let mut all: Vec<&mut Value> = Vec::new();
    for (k, v) in o.iter_mut() {
        match k.as_str() {
            "trainees" => all.extend(v.as_array_mut().into_iter().flatten()),
            "team" if v.is_object() => all.push(v),
            _ => {}
        }
    }
    for m in all {
        if only_next {
            if let Some(o) = m.as_object_mut() {
                o.retain(|k, _| {
                    ["trainee", "sessions", "weakest_rules", "next"].contains(&k.as_str())
                });
            }
            continue;
        }
        titled(&mut m["rules"], &|id| w.rule(id).to_string());
        titled(&mut m["lessons"], &|id| w.lesson(id).to_string());
    }
    doc["lang"] = Value::from(w.lang.code());
    doc["skipped"] = serde_json::to_value(
        skipped
            .iter()
            .map(|(path, error)| Skipped { path, error })
            .collect::<Vec<_>>(),
    )
    .map_err(std::io::Error::other)?;
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()
}
