//! `rapport suggest SCENARIO BEAT TEXT`: what "say it first" would make of
//! an answer, so that an author can see why an option is (or is not)
//! suggested and which phrasings (`say:`) would teach the matcher.

use rapport_core::Rulebook;
use rapport_core::say::Matcher;
use rapport_core::text::Lang;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A scenario file, or the id of a shipped scenario.
    scenario: String,
    /// The beat, by id or by its 0-based index in the file.
    beat: String,
    /// What the trainee would type.
    text: String,
}

pub fn run(args: Args, book: &Rulebook) -> ExitCode {
    let Some(scenario) = super::scenario_named(&args.scenario, book) else {
        return ExitCode::FAILURE;
    };
    let beat = scenario
        .beats
        .iter()
        .position(|b| b.id == args.beat)
        .or_else(|| {
            args.beat
                .parse::<usize>()
                .ok()
                .filter(|&i| i < scenario.beats.len())
        });
    let Some(beat) = beat else {
        let ids: Vec<&str> = scenario.beats.iter().map(|b| b.id.as_str()).collect();
        eprintln!(
            "rapport: `{}` has no beat `{}`; its beats: {}",
            scenario.id,
            args.beat,
            ids.join(", ")
        );
        return ExitCode::from(2);
    };
    let matcher = Matcher::new(&scenario, book);
    let choices = &scenario.beats[beat].choices;
    let all: Vec<usize> = (0..choices.len()).collect();
    let s = matcher.suggest(beat, &all, &args.text);
    let lang = s.lang.unwrap_or(Lang::En);
    let detected = s.lang.map_or("no language", Lang::code);
    println!(
        "{} / {} ({detected}): {}",
        scenario.id,
        scenario.beats[beat].id,
        s.explain(lang)
    );
    for m in &s.ranked {
        let mark = if Some(m.choice) == s.best { '>' } else { ' ' };
        println!(
            "{mark} choice {} {:>6.2}  [{}]  {}",
            m.choice,
            m.score,
            m.matched.join(", "),
            choices[m.choice].text.get(lang)
        );
    }
    ExitCode::SUCCESS
}
