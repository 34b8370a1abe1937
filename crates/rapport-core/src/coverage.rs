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
use serde::{Deserialize, Serialize};

/// What one scenario can test, at every level.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// The scenario's id.
    pub scenario: String,
    /// One per level, easiest first, as [`Difficulty::ALL`].
    pub levels: Vec<LevelCoverage>,
}

/// What a scenario can test at one level.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LevelCoverage {
    /// The level.
    pub level: Difficulty,
    /// Per rule of the rulebook, in its order.
    pub rules: Vec<Chance>,
}

/// How a session at one level meets one rule under random play.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
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
                .map(|&level| LevelCoverage::of(scenario, book, level))
                .collect(),
        }
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
    /// What `scenario` can test at `level`: one exact distribution, so
    /// from a fraction of a second to seconds; a caller that needs only
    /// some levels computes only those.
    pub fn of(scenario: &Scenario, book: &Rulebook, level: Difficulty) -> LevelCoverage {
        LevelCoverage {
            level,
            rules: distribution(scenario, book, level)
                .rules
                .iter()
                .map(|r| Chance {
                    applies: (r.held + r.broken).min(1.0),
                    testable: r.testable,
                })
                .collect(),
        }
    }

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
