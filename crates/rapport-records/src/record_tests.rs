//! What a record keeps of the trainee's own words, and that records without
//! them are what they always were.

use super::{Choice, Record, StoredScore};
use jiff::Timestamp;
use rapport_core::engine::Pick;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::Difficulty;
use rapport_core::session::{Session, Typed};
use rapport_core::text::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A record and its choices as the build before typed answers wrote and read
/// them, field for field.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Record")]
struct Before {
    format: u32,
    id: uuid::Uuid,
    trainee: String,
    scenario: String,
    scenario_version: u32,
    scenario_hash: String,
    rulebook_hash: String,
    seed: u64,
    lang: Lang,
    difficulty: Difficulty,
    started: Timestamp,
    ended: Timestamp,
    choices: Vec<BeforeChoice>,
    score: StoredScore,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Choice")]
struct BeforeChoice {
    beat: String,
    choice: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    said: Option<String>,
    millis: Option<u32>,
}

fn before(r: &Record) -> Before {
    Before {
        format: r.format,
        id: r.id,
        trainee: r.trainee.clone(),
        scenario: r.scenario.clone(),
        scenario_version: r.scenario_version,
        scenario_hash: r.scenario_hash.clone(),
        rulebook_hash: r.rulebook_hash.clone(),
        seed: r.seed,
        lang: r.lang,
        difficulty: r.difficulty,
        started: r.started,
        ended: r.ended,
        choices: r
            .choices
            .iter()
            .map(|c: &Choice| BeforeChoice {
                beat: c.beat.clone(),
                choice: c.choice,
                said: c.said.clone(),
                millis: c.millis,
            })
            .collect(),
        score: r.score.clone(),
    }
}

fn play(book: &Rulebook, typing: bool) -> Record {
    let scenarios = rapport_core::catalog::shipped_scenarios(book);
    let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
    let mut session = Session::new(s, book, Difficulty::Hard, 11);
    while !session.is_over() {
        let options = session.options().to_vec();
        let typed = if session.steps.len() == 1 {
            Typed::Skipped
        } else {
            Typed::Said {
                text: format!("«Шаг {}»: \"I'm sorry\"\n", session.steps.len()),
                suggested: options.last().copied(),
            }
        };
        session
            .pick_said(
                Pick::Choice(options[0]),
                Some(2_500),
                typing.then_some(typed),
            )
            .unwrap();
    }
    let start: Timestamp = "2026-11-02T10:00:00Z".parse().unwrap();
    Record::of(&session, "Ann", Lang::En, start, start)
}

#[test]
fn typed_answers_round_trip_through_the_file_and_the_replay() {
    let book = Rulebook::shipped();
    let record = play(&book, true);
    assert_eq!(record.choices[1].typed, Some(Typed::Skipped));
    assert!(matches!(record.choices[0].typed, Some(Typed::Said { .. })));
    let text = record.to_ron();
    assert!(text.contains("typed: Some(Skipped)"), "{text}");
    let back = Record::from_ron(Path::new("r.ron"), text.as_bytes()).unwrap();
    assert_eq!(back, record);

    // The replay carries them into the session, for the debrief.
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
    let session = back.replay(s, &book).unwrap();
    let typed: Vec<Option<&Typed>> = back.choices.iter().map(|c| c.typed.as_ref()).collect();
    assert_eq!(session.typed_answers(), typed);
    assert_eq!(session.score().overall, record.score.overall);
}

#[test]
fn a_record_without_typing_is_written_as_before() {
    let book = Rulebook::shipped();
    let record = play(&book, false);
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(true);
    let old = ron::ser::to_string_pretty(&before(&record), config).unwrap();
    assert_eq!(record.to_ron(), old);
    assert!(!old.contains("typed"));
}

#[test]
fn a_build_from_before_typed_answers_reads_a_record_with_them() {
    // Replay does not read them, so they need no new format: a build that
    // predates them reads the record, scores it the same and shows no words.
    let book = Rulebook::shipped();
    let record = play(&book, true);
    let old: Before = rapport_core::ron_text::parse(Path::new("r.ron"), &record.to_ron()).unwrap();
    assert_eq!(old, before(&record));
    assert_eq!(record.format, super::FORMAT);
}

#[test]
fn the_kept_old_records_load_without_typed_answers() {
    for name in ["format1.ron", "before_shuffle.ron"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/records")
            .join(name);
        let r = crate::store::read_record(&path).unwrap();
        assert!(!r.choices.is_empty());
        assert!(r.choices.iter().all(|c| c.typed.is_none()), "{name}");
    }
}
