//! The item audit, `check`'s new lessons, windows that count chances and
//! options in a shuffled order, on small scenarios made to have known answers.

use rapport_core::audit::{Strategy, audit};
use rapport_core::engine::Pick;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use rapport_core::session::Session;
use rapport_core::text::Lang;
use std::path::Path;
use std::process::Command;

mod hints;
mod strategies;
mod windows;

/// A two-language text with the same words in both, for made-up scenarios.
fn t(s: &str) -> String {
    format!("(en: \"{s}\", ru: \"{s}\")")
}

/// A scenario with these beats (RON `Beat(...)` items) and two endings,
/// `won` and `lost`.
fn scenario_text(id: &str, beats: &str) -> String {
    format!(
        r#"Scenario(
    format: 1,
    id: "{id}",
    version: 1,
    title: {title},
    summary: {summary},
    difficulty: Normal,
    persona: (name: {name}, role: {role}, company: {company}, about: {about}),
    briefing: (setting: {setting}, goal: {goal}),
    start: "first",
    beats: [{beats}],
    endings: [
        Ending(id: "won", outcome: Deal, title: {won}, text: {won}),
        Ending(id: "lost", outcome: Lost, title: {lost}, text: {lost}),
    ],
)"#,
        title = t("A test"),
        summary = t("A made-up meeting."),
        name = t("Oleg"),
        role = t("Buyer"),
        company = t("Shop"),
        about = t("A buyer."),
        setting = t("A call."),
        goal = t("Keep him."),
        won = t("Kept"),
        lost = t("Lost"),
    )
}

fn choice(text: &str, tags: &[&str], next: &str) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        "Choice(text: {}, tags: [{}], next: \"{next}\"),",
        t(text),
        tags.join(", ")
    )
}

fn beat(id: &str, emotion: &str, cues: &[&str], choices: &[String]) -> String {
    let cues: Vec<String> = cues.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "Beat(id: \"{id}\", emotion: {emotion}, line: {}, cues: [{}], choices: [{}]),",
        t("Well?"),
        cues.join(", "),
        choices.join("\n")
    )
}

fn load(text: &str, book: &Rulebook) -> Scenario {
    match Scenario::load(Path::new("made.ron"), text.as_bytes(), book) {
        Ok((s, _)) => s,
        Err(d) => panic!("{d:?}\n{text}"),
    }
}

/// The longest option is the best one at every beat.
fn longest_wins() -> String {
    scenario_text(
        "longest_wins",
        &[
            beat(
                "first",
                "Angry",
                &[],
                &[
                    choice("Not our fault.", &["argue"], "second"),
                    choice(
                        "I understand this cost you a whole morning, and I am sorry for it.",
                        &["acknowledge_emotion"],
                        "second",
                    ),
                    choice("Calm down, please.", &["interrupt"], "second"),
                ],
            ),
            beat(
                "second",
                "Skeptical",
                &["asks_for_guarantee"],
                &[
                    choice("Monday, I promise.", &["overpromise"], "lost"),
                    choice(
                        "I cannot promise Monday; Thursday is what I can stand behind, and I will call you tomorrow either way.",
                        &["set_realistic_expectations"],
                        "won",
                    ),
                ],
            ),
        ]
        .concat(),
    )
}

/// The best option is neither the longest, nor the shortest, nor the one
/// with figures and names, nor the one with the most tags.
fn only_meaning_wins() -> String {
    scenario_text(
        "only_meaning_wins",
        &[
            beat(
                "first",
                "Angry",
                &[],
                &[
                    choice("Not our fault.", &["argue"], "second"),
                    choice(
                        "I see this cost you the morning.",
                        &["acknowledge_emotion"],
                        "second",
                    ),
                    choice(
                        "Our courier Ivanov lost 400 parcels in Tver on 12 March; it was not us.",
                        &["argue", "internal_excuse"],
                        "second",
                    ),
                ],
            ),
            beat(
                "second",
                "Skeptical",
                &["asks_for_guarantee"],
                &[
                    choice("Monday, I promise.", &["overpromise"], "lost"),
                    choice(
                        "Thursday is what I can stand behind.",
                        &["set_realistic_expectations"],
                        "won",
                    ),
                    choice(
                        "Monday at 9:00 sharp, guaranteed by our director Petrov in person.",
                        &["overpromise"],
                        "lost",
                    ),
                ],
            ),
        ]
        .concat(),
    )
}

fn check(path: &Path, extra: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("check")
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// Picks the choice with this English text at the current beat.
fn say(session: &mut Session, words: &str) {
    let beat = session.beat().expect("the meeting goes on");
    let i = beat
        .choices
        .iter()
        .position(|c| c.text.get(Lang::En).starts_with(words))
        .unwrap_or_else(|| panic!("no option `{words}` at `{}`", beat.id));
    session.pick(Pick::Choice(i as u8)).unwrap();
}

fn status(session: &Session, rule: &str) -> rapport_core::monitor::Status {
    let r = session
        .world
        .book
        .rules
        .iter()
        .position(|r| r.id == rule)
        .unwrap();
    session.statuses()[r]
}

/// A meeting made to hold one of the two cases the chance-counted windows
/// were made for: the trainee's sensible first move (`first`) passes over
/// the response a rule asks for (`response`), the next beat offers no way to
/// respond, and the one after does.
fn first_move_then(
    emotion: &str,
    cue: &str,
    first: &str,
    first_tag: &str,
    response: &str,
) -> String {
    scenario_text(
        "first_move",
        &[
            beat(
                "first",
                emotion,
                &[cue],
                &[
                    choice(first, &[first_tag], "aside"),
                    choice("The response, at once.", &[response], "aside"),
                ],
            ),
            beat(
                "aside",
                "Neutral",
                &[],
                &[
                    choice(
                        "Shall we look at the plan for May?",
                        &["small_talk"],
                        "again",
                    ),
                    choice("We will see.", &["small_talk"], "again"),
                ],
            ),
            beat(
                "again",
                "Neutral",
                &[],
                &[
                    choice("The response, now.", &[response], "won"),
                    choice("Let us talk next month.", &["small_talk"], "lost"),
                ],
            ),
        ]
        .concat(),
    )
}
