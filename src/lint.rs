//! Checks that need the whole session graph, not just the file: choices
//! whose condition can never hold, choices that are worse than a sibling on
//! every rule with nothing in exchange, and rules no scenario can test.

use crate::diagnostic::{Diagnostic, Source};
use crate::distribution::{all_worlds, explore};
use crate::rulebook::{Check, Rulebook, TagSet};
use crate::scenario::{Choice, Difficulty, Node, Scenario};
use std::path::Path;

/// Choices with a condition that is never met in any reachable session (any
/// level, any draw of the events), so never offered; and distractors
/// dominated by a sibling.
pub fn scenario(scenario: &Scenario, book: &Rulebook, path: &Path, text: &str) -> Vec<Diagnostic> {
    let src = Source::new(path, text);
    let mut out = Vec::new();
    // offered[beat][choice]
    let mut offered: Vec<Vec<bool>> = scenario
        .beats
        .iter()
        .map(|b| vec![false; b.choices.len()])
        .collect();
    let mut reached = vec![false; scenario.beats.len()];
    // A beat from which some session can only end by running out of turns.
    let mut trapped = vec![false; scenario.beats.len()];
    for level in [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard] {
        for (world, _) in all_worlds(scenario, book, level) {
            let ex = explore(&world);
            // Whether a real ending (not the turn limit) can follow each
            // state: children come after parents in `order`, so walk it back.
            let mut can_end = vec![false; ex.states.len()];
            for &s in ex.order.iter().rev() {
                let st = &ex.states[s];
                can_end[s] = if ex.children[s].is_empty() {
                    matches!(st.node, Node::Ending(_)) && !st.cut_off
                } else {
                    ex.children[s].iter().any(|&c| can_end[c])
                };
            }
            for (s, st) in ex.states.iter().enumerate() {
                if let Node::Beat(b) = st.node
                    && !world.is_over(st)
                {
                    reached[b as usize] = true;
                    trapped[b as usize] |= !can_end[s];
                    for o in world.options(st) {
                        offered[b as usize][o as usize] = true;
                    }
                }
            }
        }
    }
    for (b, beat) in scenario.beats.iter().enumerate() {
        let at = src.find_field("id", &beat.id, 0).unwrap_or(0);
        if !reached[b] {
            continue; // reported as unreachable already
        }
        if trapped[b] {
            out.push(src.error(
                at,
                format!(
                    "from beat `{}` some sessions can reach no ending: whatever is chosen next, they run until the turn limit ({} turns)",
                    beat.id, scenario.max_turns
                ),
            ));
        }
        for (c, choice) in beat.choices.iter().enumerate() {
            if choice.when.is_some() && !offered[b][c] {
                out.push(src.warning(
                    at,
                    format!(
                        "beat `{}`, choice {}: its condition never holds in any session (any level, any events), so it is never offered",
                        beat.id,
                        c + 1
                    ),
                ));
            }
        }
        for (a, ca) in beat.choices.iter().enumerate() {
            if let Some(better) = beat
                .choices
                .iter()
                .enumerate()
                .find(|(k, cb)| *k != a && dominates(cb, ca, book))
            {
                out.push(src.hint(
                    at,
                    format!(
                        "beat `{}`: choice {} is worse than choice {} on every rule and leads to the same place; \
                         a distractor a trainee could defend (a real gain for a real cost) teaches more",
                        beat.id,
                        a + 1,
                        better.0 + 1
                    ),
                ));
            }
        }
    }
    out
}

/// What a choice does to one rule, by its tags: -1 breaks it, 1 keeps it.
fn effect_on(tags: TagSet, check: &Check) -> i8 {
    match *check {
        Check::Forbid(t) => -i8::from(t.meets(tags)),
        Check::Require(t) | Check::Respond { with: t, .. } => i8::from(t.meets(tags)),
        Check::Before { first, then } => i8::from(first.meets(tags)) - i8::from(then.meets(tags)),
    }
}

/// `b` is at least as good as `a` on every rule and better on one, and the
/// two lead to the same place with the same effects on the client: `a` has
/// nothing to recommend it.
fn dominates(b: &Choice, a: &Choice, book: &Rulebook) -> bool {
    if !same_place(a, b) {
        return false;
    }
    let mut strictly = false;
    for r in &book.rules {
        let (ea, eb) = (effect_on(a.tags, &r.check), effect_on(b.tags, &r.check));
        if ea > eb {
            return false;
        }
        strictly |= eb > ea;
    }
    strictly
}

fn same_place(a: &Choice, b: &Choice) -> bool {
    let node = |n: &Node| match *n {
        Node::Beat(x) => (0, x),
        Node::Ending(x) => (1, x),
    };
    node(&a.next) == node(&b.next)
        && a.branches.is_empty()
        && b.branches.is_empty()
        && a.when.is_none()
        && b.when.is_none()
        && format!("{:?}", a.effect) == format!("{:?}", b.effect)
}

/// The rules that none of `scenarios` can test: in none can a session both
/// hold and break them (exact, over every path and draw at normal level).
pub fn untested_rules(book: &Rulebook, scenarios: &[&Scenario]) -> Vec<String> {
    let mut testable = vec![false; book.rules.len()];
    for s in scenarios {
        let d = crate::distribution::distribution(s, book, Difficulty::Normal);
        for (i, r) in d.rules.iter().enumerate() {
            testable[i] |= r.testable;
        }
    }
    book.rules
        .iter()
        .zip(testable)
        .filter(|(_, t)| !t)
        .map(|(r, _)| r.id.clone())
        .collect()
}
