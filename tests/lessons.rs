//! Every lesson the trainee is meant to learn is put to them as a decision
//! somewhere: a rule that enforces it can go either way in some shipped
//! scenario. Citing a lesson in a rulebook or a scenario header proves
//! nothing; a rule that every path keeps (or every path breaks) teaches
//! nothing, because the trainee never chose.

use rapport_core::catalog;
use rapport_core::coverage::LevelCoverage;
use rapport_core::rulebook::{Lessons, Rulebook, Who};
use rapport_core::scenario::Difficulty;

#[test]
fn every_trainee_lesson_is_taught_by_a_real_decision() {
    let book = Rulebook::shipped();
    let lessons = Lessons::shipped();
    let scenarios = catalog::shipped_scenarios(&book);
    assert!(scenarios.len() >= 15, "{} scenarios", scenarios.len());
    // At the normal level, what each scenario can test, rule by rule: each
    // table is an exact distribution, so they are worked out side by side.
    let coverage: Vec<_> = std::thread::scope(|threads| {
        let book = &book;
        let running: Vec<_> = scenarios
            .iter()
            .map(|s| {
                threads.spawn(move || {
                    (
                        s.id.as_str(),
                        LevelCoverage::of(s, book, Difficulty::Normal),
                    )
                })
            })
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("coverage"))
            .collect()
    });
    let mut untaught = Vec::new();
    for lesson in lessons.items.iter().filter(|l| l.who == Who::Trainee) {
        let taught_in: Vec<&str> = coverage
            .iter()
            .filter(|(_, table)| {
                book.rules.iter().enumerate().any(|(i, r)| {
                    (r.source == lesson.id || r.also.contains(&lesson.id))
                        && table.chance(i).testable
                })
            })
            .map(|(id, _)| *id)
            .collect();
        if taught_in.is_empty() {
            untaught.push(lesson.id.clone());
        }
    }
    assert!(
        untaught.is_empty(),
        "trainee lessons no scenario puts to a decision: {untaught:?}"
    );
}

#[test]
fn a_rule_every_path_keeps_is_not_a_decision() {
    // The yardstick itself: a rule can be testable only where both verdicts
    // are reachable. In late_manager, a scenario with no competitor, the
    // rule against running the competitor down can never apply.
    let book = Rulebook::shipped();
    let late = catalog::shipped_scenarios(&book)
        .into_iter()
        .find(|s| s.id == "late_manager")
        .expect("late_manager is shipped");
    let table = LevelCoverage::of(&late, &book, Difficulty::Normal);
    let knock = book
        .rules
        .iter()
        .position(|r| r.id == "never_knock_the_competitor")
        .expect("the rule exists");
    assert!(!table.chance(knock).testable);
    let excuse = book
        .rules
        .iter()
        .position(|r| r.id == "no_internal_excuses")
        .expect("the rule exists");
    assert!(table.chance(excuse).testable);
}
