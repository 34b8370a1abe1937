//! Temperaments: the client drawn from the seed. A small scenario whose odds
//! are known by hand checks that the draw replays, that the exact
//! distribution and analysis weigh every temperament by its odds, and that
//! each mistake an author can make is an error at the value it is about.

use rapport_core::analysis::analyze;
use rapport_core::distribution::{all_worlds, distribution};
use rapport_core::engine::World;
use rapport_core::{Difficulty, Rulebook, Scenario, Session};
use std::path::Path;

/// Two beats: "Listen" adds 10 trust, then the meeting is won at 60 trust or
/// more. The patient temperament (weight 1) moves trust as written, so 50 +
/// 10 wins; the guarded one (weight 3) moves it half as much, so 50 + 5
/// loses: the meeting is won with probability 1/4 exactly.
const FIXTURE: &str = r#"Scenario(
    format: 1, id: "tempers", version: 1,
    title: (en: "Tempers", ru: "Темпераменты"), summary: (en: "A test.", ru: "Тест."),
    difficulty: Normal,
    persona: (name: (en: "Ivan", ru: "Иван"), role: (en: "Buyer", ru: "Закупщик"),
        company: (en: "Co", ru: "Ко"), about: (en: "A buyer.", ru: "Закупщик.")),
    briefing: (setting: (en: "An office.", ru: "Офис."), goal: (en: "Win.", ru: "Выиграть.")),
    initial: (trust: 50, patience: 50, interest: 50),
    events: [Event(id: "weather", at: Start, cases: [
        Case(id: "rain", weight: 1, interest: -10),
        Case(id: "sun", weight: 1),
    ])],
    temperaments: [
        Temperament(
            id: "patient",
            name: (en: "Patient", ru: "Терпеливый"),
            about: (en: "Listens.", ru: "Слушает."),
            weight: 1,
            lines: [Line(beat: "ask", emotion: Warm, line: (en: "Take your time.", ru: "Не торопитесь."))],
        ),
        Temperament(
            id: "guarded",
            name: (en: "Guarded", ru: "Настороженный"),
            about: (en: "Trusts slowly.", ru: "Доверяет не сразу."),
            weight: 3,
            moves: (trust: 0.5),
            replies: [Reply(beat: "ask", choice: 1, line: (en: "Hm.", ru: "Хм."))],
        ),
    ],
    start: "ask",
    beats: [
        Beat(id: "ask", line: (en: "Well?", ru: "Ну?"), choices: [
            Choice(text: (en: "Listen.", ru: "Слушать."), trust: 10, next: "judge"),
        ]),
        Beat(id: "judge", line: (en: "So?", ru: "И?"), choices: [
            Choice(text: (en: "Ask for the order.", ru: "Попросить заказ."), next: "lost",
                branches: [Branch(when: AtLeast(Trust, 60), to: "won")]),
        ]),
    ],
    endings: [
        Ending(id: "won", outcome: Deal, title: (en: "Won", ru: "Да"), text: (en: "Yes.", ru: "Да.")),
        Ending(id: "lost", outcome: Lost, title: (en: "Lost", ru: "Нет"), text: (en: "No.", ru: "Нет.")),
    ],
)"#;

fn load(text: &str, book: &Rulebook) -> Result<Scenario, Vec<rapport_core::Diagnostic>> {
    Scenario::load(Path::new("t.ron"), text.as_bytes(), book).map(|(s, _)| s)
}

fn fixture(book: &Rulebook) -> Scenario {
    load(FIXTURE, book).expect("the fixture compiles")
}

#[test]
fn the_same_seed_draws_the_same_client_and_both_are_drawn() {
    let book = Rulebook::shipped();
    let s = fixture(&book);
    let mut seen = [0usize; 2];
    for seed in 0..400 {
        let a = World::new(&s, &book, Difficulty::Normal, seed);
        let b = World::new(&s, &book, Difficulty::Normal, seed);
        assert_eq!(a.temper, b.temper, "seed {seed}");
        assert_eq!(a.draws, b.draws, "seed {seed}");
        let k = usize::from(a.temper.expect("a scenario with temperaments draws one"));
        seen[k] += 1;
        // The world plays the drawn client's scenario.
        assert!(std::ptr::eq(a.scenario, &s.temperaments[k].scenario));
    }
    // Weights 1 and 3: about a quarter patient.
    assert!((60..140).contains(&seen[0]), "{seen:?}");
    // The drawn client's line and reply are what the session shows.
    let seed = (0..).find(|&x| World::new(&s, &book, Difficulty::Normal, x).temper == Some(0));
    let session = Session::new(&s, &book, Difficulty::Normal, seed.unwrap());
    assert_eq!(session.line().unwrap().1.en, "Take your time.");
}

#[test]
fn the_distribution_weighs_every_client_by_its_odds() {
    let book = Rulebook::shipped();
    let s = fixture(&book);
    let worlds = all_worlds(&s, &book, Difficulty::Normal);
    // Two temperaments times two cases of the weather.
    assert_eq!(worlds.len(), 4);
    let total: f64 = worlds.iter().map(|(_, p)| p).sum();
    assert!((total - 1.0).abs() < 1e-12);
    let d = distribution(&s, &book, Difficulty::Normal);
    assert_eq!(d.worlds, 4);
    let won = d
        .endings
        .iter()
        .find(|(e, _)| e == "won")
        .map_or(0.0, |e| e.1);
    assert!((won - 0.25).abs() < 1e-12, "won with {won}");
    // The exact analysis of each world sees its client: the best the
    // patient one allows is a win, the guarded one never.
    for (world, p) in &worlds {
        let a = analyze(world);
        let want = if world.temper == Some(0) {
            "won"
        } else {
            "lost"
        };
        assert_eq!(a.best.ending, want, "temper {:?}", world.temper);
        let odds = if world.temper == Some(0) {
            0.125
        } else {
            0.375
        };
        assert!((p - odds).abs() < 1e-12);
    }
}

#[test]
fn a_scenario_without_temperaments_draws_as_before() {
    use rand::{RngExt, SeedableRng};
    let book = Rulebook::shipped();
    let plain = FIXTURE.replace("temperaments:", "unused_temperaments:");
    let start = plain.find("    unused_temperaments:").unwrap();
    let end = plain.find("    start: \"ask\"").unwrap();
    let plain = format!("{}{}", &plain[..start], &plain[end..]);
    let s = load(&plain, &book).unwrap();
    for seed in 0..50 {
        let w = World::new(&s, &book, Difficulty::Normal, seed);
        assert_eq!(w.temper, None);
        assert!(std::ptr::eq(w.scenario, &s));
        // The draw as it was before temperaments: one number an event.
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
        let x = rng.random::<f64>() * 2.0;
        assert_eq!(w.draws, vec![u8::from(x >= 1.0)], "seed {seed}");
    }
    assert_eq!(all_worlds(&s, &book, Difficulty::Normal).len(), 2);
}

/// The first error of `text`: its line and message.
fn error_of(text: &str) -> (usize, String) {
    let book = Rulebook::shipped();
    let diags = load(text, &book).expect_err("the scenario must not compile");
    let d = diags.into_iter().find(|d| d.is_error()).unwrap();
    (d.line, d.message)
}

/// The fixture with `from` replaced by `to` once; the error must be on the
/// line of the last `to` (a duplicate is the second) and say `says`.
fn located(from: &str, to: &str, says: &str) {
    assert!(FIXTURE.contains(from), "{from}");
    let text = FIXTURE.replacen(from, to, 1);
    let at = text.rfind(to).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let (got, message) = error_of(&text);
    assert!(message.contains(says), "{message}");
    assert_eq!(got, line, "{message}");
}

#[test]
fn an_unknown_beat_is_located() {
    located(
        r#"Line(beat: "ask""#,
        r#"Line(beat: "asks""#,
        "does not exist",
    );
}

#[test]
fn an_ending_is_not_a_beat() {
    located(r#"Line(beat: "ask""#, r#"Line(beat: "won""#, "an ending");
}

#[test]
fn a_choice_out_of_range_is_located() {
    located("choice: 1,", "choice: 3,", "has choices 1 to 1");
}

#[test]
fn a_duplicate_id_is_located() {
    located(
        r#"id: "guarded""#,
        r#"id: "patient""#,
        "duplicate temperament",
    );
}

#[test]
fn an_invalid_id_is_located() {
    located(r#"id: "guarded""#, r#"id: "Guarded!""#, "not a valid id");
}

#[test]
fn a_negative_weight_is_located() {
    located("weight: 3,", "weight: -3,", "finite and not negative");
}

#[test]
fn weights_adding_to_zero_are_an_error() {
    let text = FIXTURE
        .replacen(
            "weight: 1,\n            lines",
            "weight: 0,\n            lines",
            1,
        )
        .replacen("weight: 3,", "weight: 0,", 1);
    assert!(error_of(&text).1.contains("add up to zero"));
}

#[test]
fn a_factor_out_of_range_is_located() {
    located(
        "moves: (trust: 0.5)",
        "moves: (trust: 9.0)",
        "outside 0..=4",
    );
}

#[test]
fn a_starting_shift_out_of_range_is_located() {
    located(
        "moves: (trust: 0.5)",
        "initial: (trust: 500)",
        "outside -100..=100",
    );
}

#[test]
fn a_beat_given_two_lines_is_located() {
    let two = r#"lines: [Line(beat: "ask", line: (en: "A.", ru: "А.")), Line(beat: "ask", line: (en: "B.", ru: "Б."))],
            replies"#;
    let text = FIXTURE.replacen("replies", two, 1);
    assert!(error_of(&text).1.contains("two lines"));
}

#[test]
fn a_single_temperament_is_an_error() {
    let start = FIXTURE
        .find("        Temperament(\n            id: \"guarded\"")
        .unwrap();
    let end = FIXTURE[start..].find("\n        ),\n").unwrap() + start + "\n        ),\n".len();
    let text = format!("{}{}", &FIXTURE[..start], &FIXTURE[end..]);
    assert!(error_of(&text).1.contains("none or 2 to"));
}

#[test]
fn a_missing_translation_is_a_located_warning() {
    let book = Rulebook::shipped();
    let text = FIXTURE.replacen(r#"(en: "Hm.", ru: "Хм.")"#, r#"(en: "Hm.", ru: "")"#, 1);
    let (_, warnings) = Scenario::load(Path::new("t.ron"), text.as_bytes(), &book).unwrap();
    let w = warnings
        .iter()
        .find(|d| d.message.contains("`ru`"))
        .expect("a warning for the missing translation");
    let line = text[..text.find(r#"(en: "Hm.""#).unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(w.line, line, "{}", w.message);
    assert!(w.message.contains("temperament `guarded`"), "{}", w.message);
}
