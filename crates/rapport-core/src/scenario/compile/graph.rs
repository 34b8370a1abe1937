//! Checks of the scenario as a whole once its parts are resolved: flags
//! read but never set, and the graph (what cannot be reached, what cannot
//! end).

use super::Ctx;
use crate::graph::Graph;
use crate::scenario::{Place, Scenario};

/// A flag that conditions read but nothing ever sets is almost always a typo.
pub(super) fn unset_flags(cx: &mut Ctx) {
    for i in cx.book.flags.len()..cx.flags.len() {
        if cx.flags_set[i] {
            continue;
        }
        if let Some(at) = cx.flags_read[i].clone() {
            let name = cx.flags[i].clone();
            cx.warning(&at, format!("flag `{name}` is tested but nothing sets it"));
        }
    }
}

/// Whether the graph loops, and its structural problems, each at the id of
/// the beat or ending concerned.
pub(super) fn check(cx: &mut Ctx, scenario: &mut Scenario) {
    let graph = Graph::of(scenario);
    scenario.cyclic = graph.has_cycle();
    for problem in graph.problems(scenario) {
        let at = match problem.node {
            Place::Beat(i) => format!("beats[{i}].id"),
            Place::Ending(i) => format!("endings[{i}].id"),
        };
        cx.error(&at, problem.message);
    }
}
