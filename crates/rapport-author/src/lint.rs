//! Checks that need the whole session graph, not just the file: choices
//! whose condition can never hold, choices that are worse than a sibling on
//! every rule with nothing in exchange, rules no scenario can test, rules
//! whose response is never on offer before the meeting ends, and beats whose
//! best option gives itself away by its length or its figures.

use rapport_core::diagnostic::{Diagnostic, Source};
use rapport_core::distribution::{all_worlds, explore};
use rapport_core::rulebook::{Cause, Check, Rulebook, TagSet};
use rapport_core::scenario::{Choice, Difficulty, Place, Scenario};
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
    // Per rule (by rulebook index), the fewest chances to respond that a
    // session ending with the rule still waiting had: on that path the
    // rule's window never closed, so it could not be judged.
    let mut unanswered: Vec<Option<u8>> = vec![None; book.rules.len()];
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
                    matches!(st.node, Place::Ending(_)) && !st.cut_off
                } else {
                    ex.children[s].iter().any(|&c| can_end[c])
                };
            }
            for (s, st) in ex.states.iter().enumerate() {
                if ex.children[s].is_empty() {
                    for (w, &r) in st.watches.iter().zip(&world.active) {
                        if let Some(left) = w.chances_left() {
                            let had = window(&book.rules[r].check).saturating_sub(left);
                            unanswered[r] = Some(unanswered[r].map_or(had, |h| h.min(had)));
                        }
                    }
                }
                if let Place::Beat(b) = st.node
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
    for (r, rule) in book.rules.iter().enumerate() {
        let Some(had) = unanswered[r] else {
            continue;
        };
        let trigger = trigger_beat(scenario, &rule.check);
        let at = src.offset(&trigger.map_or("id".into(), |b| format!("beats[{b}].id")));
        let keeping = book.tag_names(rule.keeping_tags()).join("`, `");
        let from = trigger.map_or(String::new(), |b| {
            format!(" (it is called for at beat `{}`)", scenario.beats[b].id)
        });
        let what = if had == 0 {
            format!("no option tagged `{keeping}` is on offer before the meeting ends")
        } else {
            format!(
                "the meeting ends after {had} of the {} chances to respond (`{keeping}`) that the rule allows",
                window(&rule.check)
            )
        };
        out.push(src.warning(
            at,
            format!(
                "rule `{}`{from}: on some path {what}, so there the rule cannot be judged; offer a way to respond inside its window",
                rule.id
            ),
        ));
    }
    for item in rapport_core::audit::items_at(scenario, book, Difficulty::Normal) {
        let at = src.offset(
            &scenario
                .beat_index(&item.beat)
                .map_or("id".into(), |b| format!("beats[{b}].id")),
        );
        let key = item
            .best
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join("/");
        if let Some(r) = item.length_ratio_en.filter(|r| *r > 1.5) {
            out.push(src.hint(
                at,
                format!(
                    "beat `{}`: the best option ({key}) is {:.2} times as long as any other; a trainee can find it without reading (`rapport audit`)",
                    item.beat, r.min(99.0)
                ),
            ));
        }
        if item.alone_has_figures {
            out.push(src.hint(
                at,
                format!(
                    "beat `{}`: figures or names appear only in the best option ({key}); give the distractors their own",
                    item.beat
                ),
            ));
        }
    }
    for (b, beat) in scenario.beats.iter().enumerate() {
        let at = src.offset(&format!("beats[{b}].id"));
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

/// The chances a `Respond` rule allows; 0 for other rules (never waiting).
fn window(check: &Check) -> u8 {
    match *check {
        Check::Respond { within, .. } => within,
        _ => 0,
    }
}

/// The first beat whose line can call for this rule's response.
fn trigger_beat(scenario: &Scenario, check: &Check) -> Option<usize> {
    let Check::Respond { cause, .. } = *check else {
        return None;
    };
    scenario.beats.iter().position(|b| match cause {
        Cause::Cue(m) => b.cues & m != 0,
        Cause::Emotion(m) => {
            b.emotion.bit() & m != 0 || b.variants.iter().any(|v| v.emotion.bit() & m != 0)
        }
        Cause::Tag(t) => b.choices.iter().any(|c| c.tags.meets(t)),
        Cause::Flag(f) => b.on_enter.set & (1 << f) != 0,
    })
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
    let node = |n: &Place| match *n {
        Place::Beat(x) => (0, x),
        Place::Ending(x) => (1, x),
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
        let d = rapport_core::distribution::distribution(s, book, Difficulty::Normal);
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
