//! The item audit: what a trainee scores by choosing on the surface of the
//! options alone (the longest, the one with the most figures, always the
//! first...), never on their meaning. These are the classic item-writing
//! flaws of multiple-choice tests ("test-wiseness"); here they are measured
//! exactly, over every world of the scenario with its odds, as the exact
//! distribution is: a strategy is a rule for picking among the options on
//! offer, and its expected score and pass rate are pushed through the graph
//! of session states, each state once.
//!
//! Per beat the audit also sets out the item itself: where the best option
//! sits, how long it is against the longest other, and whether it alone
//! carries figures or names.

//!
//! The strategies are in `strategy`, the item table in `items`; here, the
//! audit that weighs them.

use crate::analysis::Solver;
use crate::distribution::all_worlds;
use crate::engine::{State, World};
use crate::rulebook::Rulebook;
use crate::scenario::{Difficulty, Place, Scenario};
use rustc_hash::FxHashMap;
use serde::Serialize;

mod items;
mod strategy;

pub use items::{Item, items_at};
pub use strategy::{Strategy, play};

/// What one strategy scores, over every world with its odds.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// The strategy played.
    pub strategy: Strategy,
    /// Its name, as [`Strategy::name`] gives it.
    pub name: String,
    /// The expected overall score.
    pub mean: f64,
    /// The probability of passing.
    pub pass: f64,
}

/// Whether a scenario's items can be passed without reading them for
/// meaning, at one level: the report `rapport audit` prints.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    /// The scenario's id.
    pub scenario: String,
    /// The level audited.
    pub level: Difficulty,
    /// Combinations of event draws weighed.
    pub worlds: usize,
    /// The pass rate (0 to 1) above which a strategy is a flaw.
    pub threshold: f64,
    /// A trainee picking uniformly at random, for reference: the expected
    /// score.
    pub random_mean: f64,
    /// The random trainee's probability of passing.
    pub random_pass: f64,
    /// Every strategy tried, in [`Strategy::all`]'s order.
    pub strategies: Vec<Outcome>,
    /// Every beat some session reaches, as a test item.
    pub items: Vec<Item>,
}

/// Probabilities closer than this are equal (sums of products of odds).
const SAME: f64 = 1e-9;

impl Audit {
    /// Whether a strategy's pass rate is a flaw of the items: above the
    /// threshold, and above what picking at random gives. Guessing is open to
    /// everyone and the shuffle makes every place in the list a guess, so
    /// only doing better than chance without reading is the items' fault.
    pub fn flags(&self, o: &Outcome) -> bool {
        o.pass > self.threshold + SAME && o.pass > self.random_pass + SAME
    }

    /// The strategies that pass more often than the threshold and chance.
    pub fn failures(&self) -> Vec<&Outcome> {
        self.strategies.iter().filter(|o| self.flags(o)).collect()
    }

    /// Whether no strategy is a flaw of the items.
    pub fn passed(&self) -> bool {
        self.failures().is_empty()
    }
}

/// Audits `scenario` at `level`; a strategy fails the audit when it passes
/// with a probability above `threshold` (0 to 1).
pub fn audit(scenario: &Scenario, book: &Rulebook, level: Difficulty, threshold: f64) -> Audit {
    let worlds = all_worlds(scenario, book, level);
    let strategies = Strategy::all(scenario)
        .into_iter()
        .map(|strategy| {
            let (mut mean, mut pass) = (0.0, 0.0);
            for (world, p) in &worlds {
                let (m, q) = expected(world, strategy);
                mean += p * m;
                pass += p * q;
            }
            Outcome {
                strategy,
                name: strategy.name(),
                mean,
                pass,
            }
        })
        .collect();
    let random = crate::distribution::distribution(scenario, book, level);
    Audit {
        scenario: scenario.id.clone(),
        level,
        worlds: worlds.len(),
        threshold,
        random_mean: random.mean,
        random_pass: random.pass,
        strategies,
        items: items::table(scenario, &worlds),
    }
}

/// Expected score and pass probability of `strategy` in one world: every
/// state the strategy can reach is valued once, children before parents.
fn expected(world: &World, strategy: Strategy) -> (f64, f64) {
    struct Frame {
        children: Vec<(State, f64)>,
        state: State,
        i: usize,
        mean: f64,
        pass: f64,
    }
    let solver = Solver::new(world);
    let terminal = |st: &State| {
        let (score, passed) = world.quick_score(st);
        (score, if passed { 1.0 } else { 0.0 })
    };
    let frame = |st: State| {
        let Place::Beat(b) = st.node else {
            unreachable!("only unfinished states get a frame")
        };
        let options = world.options(&st);
        let children = strategy
            .picks(world.scenario.beat(b), &options)
            .into_iter()
            .map(|(pick, p)| (solver.next(&st, pick), p))
            .collect();
        Frame {
            children,
            state: st,
            i: 0,
            mean: 0.0,
            pass: 0.0,
        }
    };
    let mut root = world.start(&mut crate::engine::Quiet);
    if world.is_over(&root) {
        return terminal(&root);
    }
    // The solver zeroes turn counts where they cannot matter; do the same
    // to the root so that it meets its memo entry.
    root = solver.normalised(root);
    let mut memo: FxHashMap<State, (f64, f64)> = FxHashMap::default();
    let mut stack = vec![frame(root.clone())];
    while let Some(top) = stack.last_mut() {
        if top.i == top.children.len() {
            let f = stack.pop().expect("the loop checked the stack");
            memo.insert(f.state, (f.mean, f.pass));
            if stack.is_empty() {
                return (f.mean, f.pass);
            }
            continue;
        }
        let (child, p) = &top.children[top.i];
        let value = if world.is_over(child) {
            Some(terminal(child))
        } else {
            memo.get(child).copied()
        };
        match value {
            Some((m, q)) => {
                top.mean += p * m;
                top.pass += p * q;
                top.i += 1;
            }
            None => {
                let child = child.clone();
                stack.push(frame(child));
            }
        }
    }
    unreachable!("the root's frame returns its value when it is popped")
}
