//! The debrief view: the one reading of a debrief that the command line
//! prints and the window lays out. Played over every shipped scenario, so
//! that both faces can rely on its order, marks and notes.

use rapport_core::catalog::shipped_scenarios;
use rapport_core::debrief::{DebriefView, NoteKind};
use rapport_core::monitor::Status;
use rapport_core::{Debrief, Difficulty, Lang, Rulebook, Session};

/// Plays `scenario` taking the `k`-th option listed (cycling), to its end.
fn played<'a>(
    scenario: &'a rapport_core::Scenario,
    book: &'a Rulebook,
    seed: u64,
    k: usize,
) -> Session<'a> {
    let mut session = Session::new(scenario, book, Difficulty::Normal, seed);
    while !session.is_over() {
        let n = session.options().len();
        session.choose_listed(1 + k % n.max(1)).unwrap();
    }
    session
}

#[test]
fn the_view_lists_broken_rules_first_each_with_why_and_what_was_better() {
    let book = Rulebook::shipped();
    let mut broken_seen = 0;
    let mut held_seen = 0;
    for scenario in shipped_scenarios(&book) {
        for (seed, k) in [(1, 0), (2, 1), (3, 2)] {
            let session = played(&scenario, &book, seed, k);
            let debrief = Debrief::of(&session);
            for lang in [Lang::En, Lang::Ru] {
                let view = DebriefView::of(&debrief, &session, lang);
                let (broken, held) = match lang {
                    Lang::En => ("broken at", "kept at"),
                    Lang::Ru => ("нарушено в", "соблюдено в"),
                };
                // Broken before held, none of the rules that never applied.
                let first_held = view
                    .rules
                    .iter()
                    .position(|r| r.status == Status::Held)
                    .unwrap_or(view.rules.len());
                assert!(
                    view.rules[first_held..]
                        .iter()
                        .all(|r| r.status == Status::Held),
                    "{}: a broken rule after a held one",
                    scenario.id
                );
                for rule in &view.rules {
                    match rule.status {
                        Status::Broken => {
                            broken_seen += 1;
                            assert!(rule.heading.starts_with('✗'), "{}", rule.heading);
                            assert!(rule.heading.contains(broken), "{}", rule.heading);
                            assert_eq!(rule.notes[0].kind, NoteKind::Why, "{}", rule.heading);
                            assert!(
                                rule.notes[1..].iter().all(|n| matches!(
                                    n.kind,
                                    NoteKind::Better | NoteKind::NoBetter
                                )),
                                "{}",
                                rule.heading
                            );
                            assert!(rule.notes.len() >= 2, "what would have been better");
                        }
                        Status::Held => {
                            held_seen += 1;
                            assert!(rule.heading.starts_with('✓'), "{}", rule.heading);
                            assert!(rule.heading.contains(held), "{}", rule.heading);
                            assert!(rule.notes.iter().all(|n| n.kind == NoteKind::Cost));
                        }
                        Status::NotApplicable => panic!("{} listed as a rule", rule.rule),
                    }
                    // The beats named are this scenario's.
                    let at = rule.heading.rsplit(if rule.status == Status::Broken {
                        broken
                    } else {
                        held
                    });
                    for beat in at.take(1).flat_map(|s| s.split(", ")) {
                        let beat = beat.trim();
                        assert!(
                            scenario.beats.iter().any(|b| b.id == beat),
                            "{}: `{beat}` is no beat",
                            scenario.id
                        );
                    }
                }
                let not_applicable = debrief
                    .verdicts
                    .iter()
                    .filter(|v| v.status == Status::NotApplicable)
                    .count();
                assert_eq!(view.not_tested_count, not_applicable);
                assert_eq!(
                    view.rules.len() + not_applicable,
                    book.rules.len(),
                    "every rule is said once"
                );
                assert_eq!(view.steps.len(), session.steps.len());
                assert_eq!(view.score.passed, debrief.score.passed);
                assert!(
                    view.score
                        .text
                        .contains(&format!("{:.0}/100", view.score.overall)),
                    "{}",
                    view.score.text
                );
                assert_eq!(view.ending.outcome, session.outcome());
            }
        }
    }
    assert!(broken_seen > 0 && held_seen > 0, "both kinds were seen");
}
