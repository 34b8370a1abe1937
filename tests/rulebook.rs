//! The shipped rulebook and lesson index: complete, consistent, traceable.

use rapport_core::rulebook::{Category, Check, Lessons, Rulebook, Who};
use std::collections::HashSet;

#[test]
fn the_rulebook_has_enough_rules_in_every_category() {
    let book = Rulebook::shipped();
    assert!(book.rules.len() >= 18, "{} rules", book.rules.len());
    for c in Category::ALL {
        let n = book.rules.iter().filter(|r| r.category == c).count();
        assert!(n >= 3, "{c:?} has only {n} rules");
    }
    assert!(book.rules.iter().any(|r| r.critical));
    let ids: HashSet<_> = book.rules.iter().map(|r| &r.id).collect();
    assert_eq!(ids.len(), book.rules.len(), "rule ids are unique");
}

#[test]
fn every_kind_of_monitor_is_used() {
    use rapport_core::rulebook::RuleKind::*;
    let book = Rulebook::shipped();
    let has =
        |f: fn(&rapport_core::rulebook::RuleKind) -> bool| book.rules.iter().any(|r| f(&r.kind));
    assert!(has(|k| matches!(k, Forbid { .. })));
    assert!(has(|k| matches!(k, Require { .. })));
    assert!(has(|k| matches!(k, Before { .. })));
    assert!(has(|k| matches!(k, Respond { .. })));
    assert!(has(|k| matches!(k, WhenFlag { .. })));
}

#[test]
fn every_rule_cites_a_trainee_lesson_and_every_trainee_lesson_is_enforced() {
    let book = Rulebook::shipped();
    let lessons = Lessons::shipped();
    // The seeds' thirty numbered lessons plus L000.12 (the wrong specialist,
    // in seed 000 but not in its numbered list), and the project's own,
    // each an LX. id naming its source.
    let own: Vec<_> = lessons.items.iter().filter(|l| l.is_own()).collect();
    assert_eq!(lessons.items.len() - own.len(), 31);
    assert!(
        own.iter().all(|l| l.id.starts_with("LX.")),
        "own lessons are LX."
    );
    assert!(
        lessons
            .items
            .iter()
            .filter(|l| l.id.starts_with("LX."))
            .all(|l| l.is_own())
    );
    let mut enforced = HashSet::new();
    for r in &book.rules {
        let l = lessons
            .get(&r.source)
            .unwrap_or_else(|| panic!("{} cites {}", r.id, r.source));
        assert_eq!(l.who, Who::Trainee, "{} cites an organisation lesson", r.id);
        enforced.insert(r.source.clone());
        enforced.extend(r.also.iter().cloned());
    }
    for l in lessons.items.iter().filter(|l| l.who == Who::Trainee) {
        assert!(
            enforced.contains(&l.id),
            "trainee lesson {} is enforced by no rule",
            l.id
        );
    }
}

#[test]
fn every_text_is_in_both_languages() {
    let book = Rulebook::shipped();
    for r in &book.rules {
        assert!(
            r.title.missing().is_empty() && r.explain.missing().is_empty(),
            "rule {}",
            r.id
        );
    }
    for t in book.tags.iter().chain(&book.cues).chain(&book.flags) {
        assert!(t.meaning.missing().is_empty(), "term {}", t.id);
    }
    for l in &Lessons::shipped().items {
        assert!(
            l.lesson.missing().is_empty(),
            "lesson {} needs both languages",
            l.id
        );
    }
}

#[test]
fn keeping_and_breaking_tags_are_distinct() {
    // A rule whose keeping tags are its breaking tags could never be kept.
    let book = Rulebook::shipped();
    for r in &book.rules {
        if let Check::Before { first, then } = r.check {
            assert!(!first.meets(then), "{}", r.id);
        }
    }
}

#[test]
fn every_tag_is_judged_by_a_rule_or_declared_neutral() {
    let book = Rulebook::shipped();
    let unjudged = book.tag_names(book.unjudged());
    assert!(unjudged.is_empty(), "tags no rule judges: {unjudged:?}");
    // Neutral is for what no rule should score, and no rule does.
    let neutral = book.tag_names(book.neutral());
    assert_eq!(neutral, vec!["small_talk", "silence"]);
    assert!(!book.judged().meets(book.neutral()));
}

#[test]
fn a_commitment_beyond_authority_is_critical_and_outweighs_a_habit() {
    // Severity follows harm: granting 30% with a 10% mandate is critical,
    // a missed feedback question is not.
    let book = Rulebook::shipped();
    let rule = |id: &str| book.rule(id).unwrap();
    assert!(rule("within_your_authority").critical);
    assert!(!rule("ask_for_feedback").critical);
    assert!(rule("within_your_authority").weight > rule("ask_for_feedback").weight);
    assert!(rule("calm_without_pandering").weight >= 3.0);
}
