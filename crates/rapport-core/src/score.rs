//! Scoring: behaviour, not luck. Each category and the whole session score
//! the weight of the rules held over the weight of the rules that applied.

use crate::monitor::Status;
use crate::rulebook::{Category, Rulebook};
use serde::Serialize;

/// How a session did under the rulebook: what the debrief, the record
/// and the review show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// 0..=100; a session in which no rule applied demonstrated nothing and scores 0.
    pub overall: f64,
    /// At or above the rulebook's pass mark, with no critical rule broken.
    pub passed: bool,
    /// Per category, `None` when none of its rules applied.
    pub categories: Vec<(Category, Option<f64>)>,
    /// A critical rule broke, which fails the session whatever the score.
    pub critical_broken: bool,
}

/// Held weight, applicable weight, and whether a critical rule broke.
#[inline]
fn tally<I: Iterator<Item = (usize, Status)>>(
    book: &Rulebook,
    statuses: I,
    only: Option<Category>,
) -> (f64, f64, bool) {
    let (mut held, mut total, mut critical) = (0.0, 0.0, false);
    for (i, s) in statuses {
        let r = &book.rules[i];
        if only.is_some_and(|c| c != r.category) {
            continue;
        }
        match s {
            Status::Held => {
                held += r.weight;
                total += r.weight;
            }
            Status::Broken => {
                total += r.weight;
                critical |= r.critical;
            }
            Status::NotApplicable => {}
        }
    }
    (held, total, critical)
}

fn percent(held: f64, total: f64) -> f64 {
    if total > 0.0 {
        100.0 * held / total
    } else {
        0.0
    }
}

impl Score {
    /// The score of rule statuses given in the rulebook's order.
    pub fn of(book: &Rulebook, statuses: &[Status]) -> Score {
        let (held, total, critical_broken) =
            tally(book, statuses.iter().copied().enumerate(), None);
        let overall = percent(held, total);
        let categories = Category::ALL
            .iter()
            .map(|&c| {
                let (h, t, _) = tally(book, statuses.iter().copied().enumerate(), Some(c));
                (c, (t > 0.0).then(|| percent(h, t)))
            })
            .collect();
        Score {
            overall,
            passed: total > 0.0 && overall >= book.pass_mark && !critical_broken,
            categories,
            critical_broken,
        }
    }

    /// The overall score and pass from (rule, status) pairs, without
    /// allocating: what analysis and benchmarks need at every ending.
    #[inline]
    pub fn quick<I: Iterator<Item = (usize, Status)>>(book: &Rulebook, statuses: I) -> (f64, bool) {
        let (held, total, critical) = tally(book, statuses, None);
        let overall = percent(held, total);
        (
            overall,
            total > 0.0 && overall >= book.pass_mark && !critical,
        )
    }
}
