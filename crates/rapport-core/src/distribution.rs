//! The exact distribution of a scenario's outcomes when every choice is
//! taken uniformly at random and the random events follow their odds: not
//! sampled, but computed by pushing probability through the graph of
//! session states, each state once. Also what that says about each rule:
//! how often it is held or broken, so whether the scenario can test it at
//! all, and which endings follow each.

use crate::analysis::Solver;
use crate::engine::{Pick, Quiet, State, TURN_LIMIT, World};
use crate::monitor::Status;
use crate::rulebook::Rulebook;
use crate::scenario::{Difficulty, Place, Scenario};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a trainee choosing at random gets from a scenario at one level: a
/// baseline for the pass mark, and for every rule whether a session can
/// test it.
#[derive(Clone, Debug, Serialize)]
pub struct Distribution {
    /// Each distinct overall score, with whether it passes and its
    /// probability, lowest score first.
    pub outcomes: Vec<Outcome>,
    /// The probability of passing.
    pub pass: f64,
    /// The expected overall score.
    pub mean: f64,
    /// Each ending's probability ([`TURN_LIMIT`] for a session cut off),
    /// likeliest first.
    pub endings: Vec<(String, f64)>,
    /// Per rule of the rulebook, in its order.
    pub rules: Vec<RuleOdds>,
    /// Distinct states visited, over every combination of event draws.
    pub states: usize,
    /// Combinations of event draws weighed.
    pub worlds: usize,
}

/// One overall score a random session can end with.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// The overall score, 0..=100.
    pub score: f64,
    /// Whether it passes.
    pub passed: bool,
    /// How likely a random session ends with it.
    pub probability: f64,
}

/// How a random session fares with one rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleOdds {
    /// The rule's id.
    pub rule: String,
    /// The probability the session ends with the rule held.
    pub held: f64,
    /// The probability it ends with the rule broken.
    pub broken: f64,
    /// The probability the rule never applied.
    pub not_applicable: f64,
    /// Both held and broken can happen: a session here can teach the rule.
    pub testable: bool,
    /// The endings a session can reach with the rule broken.
    pub endings_broken: Vec<String>,
    /// The endings a session can reach with the rule held.
    pub endings_held: Vec<String>,
}

/// Every combination of event draws, with its probability.
fn worlds(scenario: &Scenario) -> Vec<(Option<u8>, Vec<u8>, f64)> {
    let mut all = vec![(Vec::new(), 1.0)];
    for e in &scenario.events {
        let p = e.probabilities();
        all = all
            .into_iter()
            .flat_map(|(draws, q)| {
                p.iter()
                    .enumerate()
                    .filter(|(_, pc)| **pc > 0.0)
                    .map(move |(c, pc)| {
                        let mut d = draws.clone();
                        d.push(c as u8);
                        (d, q * pc)
                    })
            })
            .collect();
    }
    // The temperament is drawn independently of the events: every client
    // meets every combination of them, at the product of the odds.
    if scenario.temperaments.is_empty() {
        return all.into_iter().map(|(d, q)| (None, d, q)).collect();
    }
    let odds = scenario.temperament_odds();
    odds.iter()
        .enumerate()
        .filter(|(_, pt)| **pt > 0.0)
        .flat_map(|(k, pt)| {
            all.iter()
                .map(move |(d, q)| (Some(k as u8), d.clone(), q * pt))
        })
        .collect()
}

fn ending_name(scenario: &Scenario, st: &State) -> String {
    match st.node {
        Place::Ending(e) if !st.cut_off => scenario.endings[e as usize].id.clone(),
        _ => TURN_LIMIT.into(),
    }
}

/// Scores within this are one score (sums of weights divided).
const SAME: f64 = 1e-9;

/// Every state reachable in `world`, with the states each leads to (by a
/// trainee's pick: the options, or the clock when there are none), and an
/// order in which every state comes after all that lead to it.
pub struct Explored {
    /// Every reachable state, the start first.
    pub states: Vec<State>,
    /// For each state, the indices of the states its picks lead to; none
    /// for a state that is over.
    pub children: Vec<Vec<usize>>,
    /// Indices of `states`, parents before children.
    pub order: Vec<usize>,
}

/// Walks every state reachable in `world` once: the graph the distribution
/// pushes probability through and the lint reasons over.
pub fn explore(world: &World) -> Explored {
    let solver = Solver::new(world);
    let root = world.start(&mut Quiet);
    // Reverse post-order of a depth-first walk; the state graph has no
    // cycles, since a looping scenario keeps the turn count in its states.
    let mut index: FxHashMap<State, usize> = FxHashMap::default();
    let mut nodes: Vec<State> = Vec::new();
    let mut children: Vec<Vec<usize>> = Vec::new();
    let mut post: Vec<usize> = Vec::new();
    let kids = |st: &State| -> Vec<State> {
        if world.is_over(st) {
            return Vec::new();
        }
        let (_, picks) = solver.picks(st);
        let chosen: Vec<Pick> = picks
            .iter()
            .copied()
            .filter(|p| *p != Pick::Silence)
            .collect();
        // A trainee picks an option; the clock speaks only when there is none.
        let picks = if chosen.is_empty() { picks } else { chosen };
        picks.into_iter().map(|pk| solver.next(st, pk)).collect()
    };
    index.insert(root.clone(), 0);
    let first = kids(&root);
    nodes.push(root);
    children.push(Vec::new());
    let mut stack: Vec<(usize, Vec<State>, usize)> = vec![(0, first, 0)];
    while let Some(top) = stack.last_mut() {
        if top.2 < top.1.len() {
            let child = top.1[top.2].clone();
            top.2 += 1;
            let from = top.0;
            match index.get(&child) {
                Some(&c) => children[from].push(c),
                None => {
                    let c = nodes.len();
                    index.insert(child.clone(), c);
                    let grand = kids(&child);
                    nodes.push(child);
                    children.push(Vec::new());
                    children[from].push(c);
                    stack.push((c, grand, 0));
                }
            }
        } else {
            post.push(top.0);
            stack.pop();
        }
    }
    post.reverse();
    Explored {
        states: nodes,
        children,
        order: post,
    }
}

/// The worlds of every combination of event draws and temperament, with
/// their odds.
pub fn all_worlds<'a>(
    scenario: &'a Scenario,
    book: &'a Rulebook,
    level: Difficulty,
) -> Vec<(World<'a>, f64)> {
    worlds(scenario)
        .into_iter()
        .map(|(temper, draws, p)| (World::with_draws(scenario, book, level, temper, draws), p))
        .collect()
}

/// The exact distribution of outcomes of `scenario` at `level` for a
/// trainee choosing uniformly at random, over every world with its odds.
pub fn distribution(scenario: &Scenario, book: &Rulebook, level: Difficulty) -> Distribution {
    // (score in units of SAME, passed) -> probability
    let mut by_score: BTreeMap<(i64, bool), f64> = BTreeMap::new();
    let mut endings: BTreeMap<String, f64> = BTreeMap::new();
    let n = book.rules.len();
    let mut held = vec![0.0; n];
    let mut broken = vec![0.0; n];
    let mut end_broken: Vec<BTreeMap<String, ()>> = vec![BTreeMap::new(); n];
    let mut end_held: Vec<BTreeMap<String, ()>> = vec![BTreeMap::new(); n];
    let mut states = 0;
    let combos = worlds(scenario);
    for (temper, draws, p) in &combos {
        let world = World::with_draws(scenario, book, level, *temper, draws.clone());
        let Explored {
            states: nodes,
            children,
            order,
        } = explore(&world);
        states += nodes.len();
        let mut mass = vec![0.0; nodes.len()];
        mass[0] = *p;
        for &s in &order {
            let m = mass[s];
            if m == 0.0 {
                continue;
            }
            if children[s].is_empty() {
                let st = &nodes[s];
                let (score, passed) = world.quick_score(st);
                *by_score
                    .entry(((score / SAME).round() as i64, passed))
                    .or_default() += m;
                let end = ending_name(scenario, st);
                *endings.entry(end.clone()).or_default() += m;
                for (r, status) in world.statuses(st).into_iter().enumerate() {
                    match status {
                        Status::Held => {
                            held[r] += m;
                            end_held[r].insert(end.clone(), ());
                        }
                        Status::Broken => {
                            broken[r] += m;
                            end_broken[r].insert(end.clone(), ());
                        }
                        Status::NotApplicable => {}
                    }
                }
            } else {
                let share = m / children[s].len() as f64;
                for &c in &children[s] {
                    mass[c] += share;
                }
            }
        }
    }
    let outcomes: Vec<Outcome> = by_score
        .into_iter()
        .map(|((s, passed), probability)| Outcome {
            score: s as f64 * SAME,
            passed,
            probability,
        })
        .collect();
    let pass = outcomes
        .iter()
        .filter(|o| o.passed)
        .map(|o| o.probability)
        .sum();
    let mean = outcomes.iter().map(|o| o.score * o.probability).sum();
    let rules = (0..n)
        .map(|r| RuleOdds {
            rule: book.rules[r].id.clone(),
            held: held[r],
            broken: broken[r],
            not_applicable: (1.0 - held[r] - broken[r]).max(0.0),
            testable: held[r] > 0.0 && broken[r] > 0.0,
            endings_broken: end_broken[r].keys().cloned().collect(),
            endings_held: end_held[r].keys().cloned().collect(),
        })
        .collect();
    let mut endings: Vec<(String, f64)> = endings.into_iter().collect();
    endings.sort_by(|a, b| b.1.total_cmp(&a.1));
    Distribution {
        outcomes,
        pass,
        mean,
        endings,
        rules,
        states,
        worlds: combos.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact distribution agrees with sessions played at random: the
    /// sampled pass rate lies within five standard errors of it.
    #[test]
    fn agrees_with_random_play() {
        use rand::{RngExt, SeedableRng};
        let book = Rulebook::shipped();
        let entries = crate::catalog::shipped(&book);
        let (s, _) = entries
            .iter()
            .find_map(|e| {
                e.result
                    .as_ref()
                    .ok()
                    .filter(|(s, _)| s.id == "late_manager")
            })
            .unwrap();
        let d = distribution(s, &book, Difficulty::Normal);
        let total: f64 = d.outcomes.iter().map(|o| o.probability).sum();
        assert!((total - 1.0).abs() < 1e-9, "probabilities sum to {total}");
        let ends: f64 = d.endings.iter().map(|e| e.1).sum();
        assert!((ends - 1.0).abs() < 1e-9);

        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(9);
        let n = 20_000;
        let mut passed = 0;
        let mut sum = 0.0;
        for _ in 0..n {
            let mut session =
                crate::session::Session::new(s, &book, Difficulty::Normal, rng.random());
            while !session.is_over() {
                let k = session.options().len();
                let pick = if k == 0 { 0 } else { rng.random_range(1..=k) };
                session.choose_listed(pick).unwrap();
            }
            let score = session.score();
            passed += usize::from(score.passed);
            sum += score.overall;
        }
        let rate = passed as f64 / n as f64;
        let se = (d.pass * (1.0 - d.pass) / n as f64).sqrt().max(1e-3);
        assert!(
            (rate - d.pass).abs() < 5.0 * se,
            "sampled {rate}, exact {}",
            d.pass
        );
        let mean = sum / n as f64;
        assert!(
            (mean - d.mean).abs() < 1.0,
            "sampled mean {mean}, exact {}",
            d.mean
        );
    }
}
