//! `rapport list`: the shipped scenarios; for a trainee, also their best
//! score in each and what to practise next, from their own records.

use super::report::skills::Words;
use rapport_core::i18n::{Label, label};
use rapport_core::rulebook::{Lessons, Rulebook};
use rapport_core::text::Lang;
use rapport_records::review::{self, Coverages, DEFAULT_LAST, Filter, Judge};
use rapport_records::store::DataDir;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args, Default)]
pub struct Args {
    /// Beside each scenario, this trainee's best score so far, and after
    /// the list what they should practise next, from their own records.
    #[arg(long)]
    trainee: Option<String>,
    /// The language of the titles and of what to practise next.
    #[arg(long, default_value = "en")]
    lang: Lang,
    /// With --trainee: how many of their latest sessions to count.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LAST as u32,
          value_parser = clap::value_parser!(u32).range(1..), requires = "trainee")]
    last: u32,
}

pub fn run(args: Args, book: &Rulebook, data: Option<&Path>) -> ExitCode {
    let entries = rapport_core::catalog::shipped(book);
    let scenarios: Vec<_> = entries
        .iter()
        .filter_map(|e| e.result.as_ref().ok().map(|(s, _)| s))
        .collect();
    // Only a named trainee's records are read: the plain list stays instant
    // and never depends on the data directory.
    let mine = match &args.trainee {
        None => None,
        Some(t) => match DataDir::resolve(data) {
            Ok(d) => Some((t, d)),
            Err(e) => {
                eprintln!("rapport: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let reviewed = mine.as_ref().map(|(t, data)| {
        let filter = Filter {
            trainee: Some(t.to_string()),
            ..Filter::default()
        };
        Judge::new(book, scenarios.iter().copied()).review(data, &filter)
    });
    for (_, why) in reviewed.iter().flat_map(|r| &r.skipped) {
        eprintln!("rapport: skipped {why}");
    }
    let best = reviewed
        .as_ref()
        .map(|r| review::best_by_scenario(&r.sessions));
    let map = match (&reviewed, &mine) {
        (Some(r), Some((_, data))) => {
            let coverage = Coverages::new(
                scenarios.iter().copied(),
                book,
                Some(Coverages::cache_dir(data)),
            );
            let lessons = Lessons::shipped();
            let m = review::skills(&r.sessions, book, lessons, &coverage, args.last as usize);
            m.trainees.into_iter().next()
        }
        _ => None,
    };
    let next = map.as_ref().and_then(|m| m.next.as_ref());
    if best.is_some() {
        let (scenarios_word, best_word) = (
            label(args.lang, Label::Scenarios),
            label(args.lang, Label::BestEarlier),
        );
        println!("{scenarios_word:<22} {:<7} {:<44} {best_word}", "", "");
    }
    // Grouped as the window's list is: the source articles' scenarios, the
    // selling ones, then any others (broken files among them).
    let kind =
        |e: &rapport_core::catalog::Entry| (e.result.as_ref().ok()).and_then(|(s, _)| s.kind);
    let mut listed: Vec<_> = entries.iter().collect();
    listed.sort_by_key(|e| kind(e).map_or(2, |k| k as u8));
    let mut group = None;
    for entry in listed {
        if group != Some(kind(entry)) {
            if group.is_some() {
                println!();
            }
            group = Some(kind(entry));
            let heading = match kind(entry) {
                Some(rapport_core::scenario::Kind::Sources) => Label::KindSources,
                Some(rapport_core::scenario::Kind::Selling) => Label::KindSelling,
                None => Label::KindOther,
            };
            println!("{}", label(args.lang, heading));
        }
        let s = match &entry.result {
            Ok((s, _)) => s,
            Err(d) => {
                println!("{:<22} broken  {}", entry.path.display(), d[0]);
                continue;
            }
        };
        let title = s.title.get(args.lang);
        let Some(best) = &best else {
            println!("{:<22} {:<7} {title}", s.id, s.difficulty.name());
            continue;
        };
        let score = best.get(&s.id).map_or("-".into(), |b| format!("{b:.1}"));
        let mark = match next {
            Some(n) if n.scenario == s.id => {
                format!(
                    "  ◀ {} ({})",
                    label(args.lang, Label::PractiseNext),
                    n.difficulty
                )
            }
            _ => String::new(),
        };
        let title = format!("{title:<44}");
        println!(
            "{:<22} {:<7} {title} {score:>5}{mark}",
            s.id,
            s.difficulty.name()
        );
    }
    if let (Some((trainee, data)), Some(_)) = (&mine, &reviewed) {
        println!();
        let words = Words {
            book,
            lessons: Lessons::shipped(),
            lang: args.lang,
        };
        match &map {
            None => println!(
                "{trainee}: {} ({})",
                label(args.lang, Label::NoRecords),
                data.records().display()
            ),
            Some(m) => {
                if let Some(n) = &m.next {
                    println!("{trainee}: {}", words.practice(n));
                }
                if !m.weakest_rules.is_empty() {
                    println!("{trainee}: {}", words.weakest(m));
                }
            }
        }
    }
    ExitCode::SUCCESS
}
