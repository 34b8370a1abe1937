//! What each scenario can put to the test, at each level: for every rule
//! of the rulebook, how likely a session is to apply it and whether it can
//! go both ways there. The skill map chooses what a trainee should practise
//! next from this table.
//!
//! It is read off the exact [`distribution`](crate::distribution) under
//! random play rather than off the scenario's text: a rule a scenario's
//! tags mention may still never be reachable, or reachable only on a path
//! no one takes, and the distribution knows. Random play is the fair
//! yardstick because it favours no path: a scenario that applies a rule
//! in most random sessions puts it in front of a trainee whatever they
//! choose.

use crate::distribution::distribution;
use crate::rulebook::Rulebook;
use crate::scenario::{Difficulty, Scenario};
use serde::Serialize;

/// What one scenario can test, at every level.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// The scenario's id.
    pub scenario: String,
    /// One per level, easiest first, as [`Difficulty::ALL`].
    pub levels: Vec<LevelCoverage>,
}

/// What a scenario can test at one level.
#[derive(Clone, Debug, Serialize)]
pub struct LevelCoverage {
    /// The level.
    pub level: Difficulty,
    /// Per rule of the rulebook, in its order.
    pub rules: Vec<Chance>,
}

/// How a session at one level meets one rule under random play.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Chance {
    /// The probability the rule applies (ends held or broken).
    pub applies: f64,
    /// Both held and broken can happen, so a session can teach the rule.
    pub testable: bool,
}

impl Coverage {
    /// The table of one scenario: three exact distributions, one per level.
    pub fn of(scenario: &Scenario, book: &Rulebook) -> Coverage {
        Coverage {
            scenario: scenario.id.clone(),
            levels: Difficulty::ALL
                .iter()
                .map(|&level| LevelCoverage {
                    level,
                    rules: distribution(scenario, book, level)
                        .rules
                        .iter()
                        .map(|r| Chance {
                            applies: (r.held + r.broken).min(1.0),
                            testable: r.testable,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The tables of many scenarios, in their order; scenarios are worked
    /// on in parallel, since each table is a few exact distributions.
    pub fn all(scenarios: &[Scenario], book: &Rulebook) -> Vec<Coverage> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = scenarios.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = scenarios
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|s| Coverage::of(s, book))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    }

    /// What the scenario can test at `level`.
    pub fn at(&self, level: Difficulty) -> &LevelCoverage {
        self.levels
            .iter()
            .find(|l| l.level == level)
            .unwrap_or_else(|| unreachable!("a coverage has every level"))
    }
}

impl LevelCoverage {
    /// How the level meets the rule at `index` in the rulebook; nothing
    /// (never applies) for an index the rulebook does not have.
    pub fn chance(&self, index: usize) -> Chance {
        self.rules.get(index).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table agrees with the distribution it is read from, and a rule
    /// counted as testable does apply.
    #[test]
    fn follows_the_distribution() {
        let book = Rulebook::shipped();
        let scenarios = crate::catalog::shipped_scenarios(&book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let c = Coverage::of(s, &book);
        assert_eq!(c.levels.len(), 3);
        let d = distribution(s, &book, Difficulty::Hard);
        for (i, r) in d.rules.iter().enumerate() {
            let ch = c.at(Difficulty::Hard).chance(i);
            assert!((ch.applies - (r.held + r.broken)).abs() < 1e-12);
            assert_eq!(ch.testable, r.testable);
            assert!(!ch.testable || ch.applies > 0.0);
        }
        assert!(c.at(Difficulty::Normal).rules.iter().any(|r| r.testable));
    }
}
