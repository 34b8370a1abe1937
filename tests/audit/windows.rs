//! Response windows, the shown order, and where the debrief points.
use super::*;

#[test]
fn a_sensible_first_move_does_not_break_a_response_the_meeting_offers_later() {
    use rapport_core::monitor::Status;
    let book = Rulebook::shipped();
    // A tirade answered first with a calm reference to the contract; "no
    // sales" answered first by listening.
    for (text, rule) in [
        (
            first_move_then(
                "Angry",
                "unreasonable_demand",
                "With respect, the contract says twelve posts a week.",
                "set_boundary",
                "acknowledge_emotion",
            ),
            "acknowledge_feelings",
        ),
        (
            first_move_then(
                "Skeptical",
                "no_results",
                "Tell me more: what did you expect by now?",
                "listen",
                "show_analytics",
            ),
            "results_in_numbers",
        ),
    ] {
        let s = load(&text, &book);
        let mut session = Session::new(&s, &book, Difficulty::Normal, 1);
        session.pick(Pick::Choice(0)).unwrap();
        // Counted in turns (two), the rule broke here: the next turn
        // offered no way to respond.
        say(&mut session, "Shall we look");
        assert_ne!(status(&session, rule), Status::Broken, "{rule}");
        // Counted in chances, the next chance keeps it.
        say(&mut session, "The response, now");
        assert_eq!(status(&session, rule), Status::Held, "{rule}");
        // Passing over the second chance too breaks it.
        let mut session = Session::new(&s, &book, Difficulty::Normal, 1);
        session.pick(Pick::Choice(0)).unwrap();
        say(&mut session, "We will see");
        say(&mut session, "Let us talk next month");
        assert_eq!(status(&session, rule), Status::Broken, "{rule}");
    }
}

#[test]
fn the_order_shown_is_drawn_from_the_seed_and_stable_under_replay() {
    let book = Rulebook::shipped();
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
    let first_beat = |seed| {
        Session::new(s, &book, Difficulty::Normal, seed)
            .options()
            .to_vec()
    };
    // The same seed shows the same order; every option is there once.
    assert_eq!(first_beat(3), first_beat(3));
    let mut sorted = first_beat(3);
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        (0..s.beats[0].choices.len() as u8).collect::<Vec<_>>()
    );
    // Across seeds, the right answer is not always in one place.
    let keep = s.beats[0]
        .choices
        .iter()
        .position(|c| book.tag_names(c.tags).contains(&"keep_commitment"))
        .unwrap() as u8;
    let places: std::collections::HashSet<usize> = (0..50)
        .map(|seed| first_beat(seed).iter().position(|&o| o == keep).unwrap())
        .collect();
    assert!(places.len() >= 3, "{places:?}");
    // A session replayed from its seed and listed numbers is the same session.
    let mut a = Session::new(s, &book, Difficulty::Normal, 7);
    while !a.is_over() {
        a.choose_listed(1).unwrap();
    }
    let b = Session::replay(s, &book, Difficulty::Normal, 7, &a.picks()).unwrap();
    assert_eq!(a.listed(), b.listed());
    assert_eq!(a.score(), b.score());
    assert!(a.listed().iter().all(|&n| n == 1));
}

#[test]
fn the_debrief_points_at_the_evening_before_and_never_at_another_mistake() {
    use rapport_core::debrief::Debrief;
    let book = Rulebook::shipped();
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
    // Seed 1 draws the jam on the bridge: the trainee arrives late.
    let mut session = Session::new(s, &book, Difficulty::Normal, 1);
    say(&mut session, "Call Lapin now: \"They didn't give me a car");
    say(&mut session, "Thank you for understanding");
    say(&mut session, "Print the rate card");
    say(&mut session, "Don't call yet");
    say(&mut session, "I'm sorry: the car wasn't given to me");
    say(&mut session, "Our readers are 40,000 executives");
    let d = Debrief::of(&session);
    let verdict = |id: &str| {
        d.verdicts
            .iter()
            .find(|v| book.rules[v.rule].id == id)
            .unwrap()
    };
    // An opening without preparation: the better choice was the evening's.
    let prepared = verdict("come_prepared");
    assert_eq!(prepared.status, rapport_core::monitor::Status::Broken);
    assert_eq!(prepared.better[0].beat, "prep_evening");
    assert!(
        prepared.better[0]
            .text
            .get(Lang::En)
            .starts_with("Read their site")
    );
    // This scenario's own words replace the rulebook's general ones.
    assert!(
        prepared
            .explanation(&book)
            .get(Lang::En)
            .contains("Severny Terminal"),
        "{:?}",
        prepared.feedback
    );
    // The apology the trainee owed: never the one with the excuse attached.
    let apology = verdict("no_internal_excuses");
    assert_eq!(apology.status, rapport_core::monitor::Status::Broken);
    for b in &verdict("no_internal_excuses").better {
        assert!(
            !b.text.get(Lang::En).contains("car"),
            "{}",
            b.text.get(Lang::En)
        );
    }
}
