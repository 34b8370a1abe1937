use super::paraphrase::{ParaphraseFile, agreement, report};
use super::*;
use crate::catalog;
use crate::scenario::starter;
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

static BOOK: LazyLock<Rulebook> = LazyLock::new(Rulebook::shipped);
static LATE: LazyLock<Scenario> =
    LazyLock::new(|| catalog::resolve("late_manager", &BOOK).unwrap().0);
static MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(&LATE, &BOOK));

/// The first beat of late_manager: the car is refused. Its four options:
/// 0 call and move the meeting giving the car as the reason, 1 plan the
/// minibus, 2 ask to move "because something came up", 3 ask the
/// dispatcher to keep looking.
const CAR: usize = 0;
const ALL: &[usize] = &[0, 1, 2, 3];

fn best(typed: &str) -> Option<usize> {
    MATCHER.suggest(CAR, ALL, typed).best
}

#[test]
fn a_matcher_can_be_shared_between_threads() {
    // The window keeps it as a resource, which must be Send and Sync.
    fn shared<T: Send + Sync>(_: &T) {}
    shared(&*MATCHER);
}

#[test]
fn the_first_beat_is_the_car_refused() {
    assert_eq!(LATE.beats[CAR].id, "car_refused");
    assert_eq!(LATE.beats[CAR].choices.len(), ALL.len());
}

#[test]
fn an_answer_in_the_options_words_suggests_that_option() {
    assert_eq!(
        best("I'll take the minibus at 9:20, and the 9:35 as a spare"),
        Some(1)
    );
    assert_eq!(best("Поеду на маршрутке в 9:20, запасная в 9:35"), Some(1));
    assert_eq!(
        best("Ask the dispatcher to keep looking for a car"),
        Some(3)
    );
    assert_eq!(best("Попрошу диспетчера поискать ещё машину"), Some(3));
}

#[test]
fn a_tags_meaning_counts_where_the_option_does_not_say_it() {
    // "Give", "reason" and "excuse" are in the meaning of `internal_excuse`
    // only.
    let s = MATCHER.suggest(CAR, ALL, "give him the real reason as an excuse");
    assert_eq!(s.best, Some(0));
    assert_eq!(s.ranked[0].matched, ["give", "reason", "excus-"]);
}

#[test]
fn the_explanation_names_the_matched_stems_in_the_trainees_language() {
    let s = MATCHER.suggest(CAR, ALL, "Извините, машину не дали, перенесём?");
    assert_eq!(s.lang, Some(Lang::Ru));
    assert_eq!(s.best, Some(0));
    let why = s.explain(Lang::Ru);
    assert!(why.starts_with("совпало: "), "{why}");
    assert!(why.contains("машин-"), "{why}");
    assert!(s.explain(Lang::En).starts_with("matched: "));
}

#[test]
fn a_stem_every_option_has_is_no_suggestion() {
    // Nothing of the beat's vocabulary: nothing to suggest.
    let s = MATCHER.suggest(CAR, ALL, "the weather is lovely");
    assert_eq!(s.best, None);
    assert_eq!(s.explain(Lang::En), "no close option");
    assert_eq!(s.explain(Lang::Ru), "нет близкого варианта");
    assert!(s.ranked.iter().all(|m| m.score == 0.0));
}

#[test]
fn only_offered_options_are_ranked_in_the_order_offered_when_tied() {
    let s = MATCHER.suggest(CAR, &[3, 1], "minibus");
    assert_eq!(s.best, Some(1));
    let order: Vec<usize> = s.ranked.iter().map(|m| m.choice).collect();
    assert_eq!(order, [1, 3]);
    let s = MATCHER.suggest(CAR, &[3, 2], "");
    assert_eq!(
        s.ranked.iter().map(|m| m.choice).collect::<Vec<_>>(),
        [3, 2]
    );
}

#[test]
fn an_authors_phrasings_teach_the_matcher() {
    let mut late = LATE.clone();
    assert_eq!(best("I would hitch a lift with a colleague"), None);
    late.beats[CAR].choices[1].say.en = vec!["hitch a lift, anything to be there at ten".into()];
    let m = Matcher::new(&late, &BOOK);
    assert_eq!(
        m.suggest(CAR, ALL, "I would hitch a lift with a colleague")
            .best,
        Some(1)
    );
}

#[test]
fn a_beat_or_choice_the_scenario_lacks_matches_nothing() {
    let s = MATCHER.suggest(999, &[0, 1], "minibus");
    assert_eq!(s.best, None);
    assert_eq!(s.ranked.len(), 2);
    let s = MATCHER.suggest(CAR, &[1, 99], "minibus");
    assert_eq!(s.best, Some(1));
    assert_eq!(s.ranked[1].choice, 99);
}

#[test]
fn bad_input_gives_a_suggestion_or_no_close_option() {
    let long = "minibus ".repeat(1_250);
    let cases: &[(&str, Option<Lang>)] = &[
        ("", None),
        ("   \n\t ", None),
        ("🚌🚌🚌 🙏", None),
        ("\u{200f}\u{200e}\u{202b}", None),
        ("مرحبا، أنا متأخر", None),
        ("סליחה, אני מאחר", None),
        ("\u{202b}minibus\u{202c}", Some(Lang::En)),
        ("Entschuldigung, ich komme zu spät", Some(Lang::En)),
        ("Désolé, je serai en retard à cause du bus", Some(Lang::En)),
        ("Sorry, извините, маршрутка minibus", Some(Lang::Ru)),
        (&long, Some(Lang::En)),
    ];
    for (typed, lang) in cases {
        let s = MATCHER.suggest(CAR, ALL, typed);
        assert_eq!(s.lang, *lang, "{typed:?}");
        assert_eq!(s.ranked.len(), ALL.len());
        if lang.is_none() {
            assert_eq!(s.best, None, "{typed:?}");
        }
        let _ = s.explain(Lang::En);
    }
    assert_eq!(best(&long), Some(1));
    assert_eq!(best("\u{202b}minibus\u{202c}"), Some(1));
}

#[test]
fn a_scenario_with_phrasings_loads_and_check_reads_them() {
    let with = |say: &str| {
        let text = starter("say_test").replacen(
            "tags: [\"apologize\"],",
            &format!("tags: [\"apologize\"], say: {say},"),
            1,
        );
        assert!(text.contains("say:"));
        Scenario::load(Path::new("say_test.ron"), text.as_bytes(), &BOOK)
    };
    let (s, warnings) = with(r#"(en: ["my fault, sorry"], ru: ["виноват, простите"])"#).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(s.beats[0].choices[1].say.ru, ["виноват, простите"]);
    let (_, warnings) = with(r#"(en: ["my fault, sorry"])"#).unwrap();
    assert!(
        warnings
            .iter()
            .any(|d| d.message.contains("`ru` translation")),
        "{warnings:?}"
    );
    let errors = with(r#"(en: ["my fault"], ru: ["  "])"#).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|d| d.message.contains("phrasing (`say`) is empty")),
        "{errors:?}"
    );
    let long = format!(r#"(en: ["{}"], ru: ["да"])"#, "a".repeat(5_000));
    assert!(with(&long).is_err());
    assert!(with(r#"(en: ["x"], de: ["y"])"#).is_err());
}

/// A private fixture for the harness, on the starter scenario: not the
/// project's paraphrase set, which is written without the matcher.
const FIXTURE: &str = r#"
Paraphrases(
    scenario: "say_test",
    beats: [
        Beat(id: "call", options: [
            Option(choice: 0, en: ["The warehouse loaded the wrong pallet, their mistake"], ru: ["Склад ошибся с паллетом"]),
            Option(choice: 1, en: ["I'm sorry, we did not deliver", "the weather"], ru: ["Простите, мы не привезли"]),
        ]),
    ],
)
"#;

#[test]
fn the_harness_counts_agreement_and_lists_misses() {
    let s = Scenario::load(
        Path::new("say_test.ron"),
        starter("say_test").as_bytes(),
        &BOOK,
    )
    .unwrap()
    .0;
    let file = ParaphraseFile::parse(FIXTURE).unwrap();
    let m = Matcher::new(&s, &BOOK);
    let results = agreement(&file, &s, &m).unwrap();
    let en = &results[0];
    assert_eq!((en.lang, en.total, en.top1), (Lang::En, 3, 2));
    assert_eq!(en.misses.len(), 1);
    assert_eq!(en.misses[0].paraphrase, "the weather");
    assert_eq!(en.misses[0].suggested, None);
    let ru = &results[1];
    assert_eq!((ru.total, ru.top1, ru.top2), (2, 2, 2));
    let table = report(&results);
    println!("{table}");
    assert!(table.contains("say_test"), "{table}");
    assert!(table.contains("\"the weather\""), "{table}");
    // Every other beat of the starter is missing, and one paraphrase in a
    // language is fewer than three.
    let gaps = file.gaps(&s, 3);
    assert!(gaps.iter().any(|g| g.contains("beat `when`")), "{gaps:?}");
    assert!(
        gaps.iter()
            .any(|g| g.contains("choice 1: 2 paraphrases in `en`"))
    );
    let bad = FIXTURE.replace("id: \"call\"", "id: \"nowhere\"");
    let bad = ParaphraseFile::parse(&bad).unwrap();
    assert!(agreement(&bad, &s, &m).is_err());
    assert!(bad.gaps(&s, 3).iter().any(|g| g.contains("no such beat")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn suggest_never_panics_and_ranks_exactly_the_offered(
        typed in any::<String>(),
        beat in 0usize..40,
        offered in proptest::collection::vec(0usize..10, 0..8),
    ) {
        let s = MATCHER.suggest(beat, &offered, &typed);
        let mut got: Vec<usize> = s.ranked.iter().map(|m| m.choice).collect();
        let mut want = offered.clone();
        got.sort_unstable();
        want.sort_unstable();
        prop_assert_eq!(got, want);
        if let Some(b) = s.best {
            prop_assert!(offered.contains(&b));
            prop_assert_eq!(s.ranked[0].choice, b);
        }
        prop_assert!(s.ranked.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn mixed_script_words_never_panic(
        typed in "[a-zA-Zа-яА-ЯёЁ0-9 '’\\-\u{200f}🙂ß]{0,200}",
    ) {
        let s = MATCHER.suggest(CAR, ALL, &typed);
        prop_assert_eq!(s.ranked.len(), ALL.len());
    }
}
