//! Random events: drawn at the start of a session, revealed where they
//! happen.

use super::{Ctx, MAX_CASES, MAX_EVENTS};
use crate::scenario::file::{EventAt, EventFile};
use crate::scenario::{Beat, Case, Event, Place};
use rustc_hash::FxHashSet;

/// The events of the file, each added to the beat it is revealed at.
pub(super) fn compile(cx: &mut Ctx, events: &[EventFile], beats: &mut [Beat]) -> Vec<Event> {
    if events.len() > MAX_EVENTS {
        cx.error_at_key(
            "events",
            format!(
                "{} events; at most {MAX_EVENTS} are supported",
                events.len()
            ),
        );
    }
    let mut out = Vec::new();
    let mut seen = FxHashSet::default();
    for (i, e) in events.iter().enumerate() {
        let path = format!("events[{i}]");
        let at = format!("{path}.id");
        if !seen.insert(e.id.as_str()) {
            cx.error(&at, format!("duplicate event `{}`", e.id));
        }
        let where_ = match &e.at {
            EventAt::Start => None,
            EventAt::Beat(b) => match cx.nodes.get(b) {
                Some(Place::Beat(i)) => Some(*i),
                _ => {
                    cx.error(
                        &format!("{path}.at.0"),
                        format!("event `{}` happens at `{b}`, which is not a beat", e.id),
                    );
                    None
                }
            },
        };
        if e.cases.is_empty() || e.cases.len() > MAX_CASES {
            cx.error(
                &at,
                format!("event `{}` must have 1 to {MAX_CASES} cases", e.id),
            );
        }
        let cases = cases(cx, &path, e);
        let total: f64 = cases
            .iter()
            .map(|c| c.weight)
            .filter(|w| w.is_finite() && *w >= 0.0)
            .sum();
        if !e.cases.is_empty() && total <= 0.0 {
            cx.error(
                &at,
                format!("the weights of event `{}` add up to zero", e.id),
            );
        }
        if let Some(b) = where_ {
            beats[b as usize].events.push(out.len() as u32);
        }
        out.push(Event {
            id: e.id.clone(),
            at: where_,
            cases,
        });
    }
    out
}

/// The cases of event `e`, written at `path`; a case with a weight that is
/// not a finite non-negative number keeps it, but the event fails.
fn cases(cx: &mut Ctx, path: &str, e: &EventFile) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut seen = FxHashSet::default();
    for (k, c) in e.cases.iter().enumerate() {
        let cpath = format!("{path}.cases[{k}]");
        if !seen.insert(c.id.as_str()) {
            // Records and narration name a case by its id: two alike
            // would be told apart by nobody.
            cx.error(
                &format!("{cpath}.id"),
                format!("event `{}` has two cases with id `{}`", e.id, c.id),
            );
        }
        if !(c.weight.is_finite() && c.weight >= 0.0) {
            cx.error_at_key(
                &format!("{cpath}.weight"),
                format!(
                    "case `{}` of event `{}` has weight {}; weights are finite and not negative",
                    c.id, e.id, c.weight
                ),
            );
        }
        if let Some(n) = &c.narration {
            cx.text(
                &format!("{cpath}.narration"),
                &format!("case `{}`: the narration", c.id),
                n,
            );
        }
        let effect = cx.effect(&cpath, [c.trust, c.patience, c.interest], &c.set, &c.clear);
        cases.push(Case {
            id: c.id.clone(),
            weight: c.weight,
            narration: c.narration.clone(),
            effect,
        });
    }
    cases
}
