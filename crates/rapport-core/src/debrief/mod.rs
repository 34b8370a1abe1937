//! The debrief: for every rule, whether it held, broke or did not apply,
//! where, why it matters, and for each mistake the better choice at that beat.

use crate::analysis::{Solver, Value};
use crate::engine::{Observer, Pick, State};
use crate::monitor::{Mark, Status};
use crate::rulebook::{Category, Check};
use crate::score::Score;
use crate::session::Session;
use crate::text::Text;

mod json;
mod said;
mod view;

pub use json::{speaker_name, transcript};
pub use said::{SaidLine, agrees};
pub use view::{CategoryLine, DebriefView, EndingLine, Note, NoteKind, RuleLine, ScoreLine};

/// A better choice at the beat where a rule broke.
#[derive(Clone, Debug)]
pub struct Better {
    /// The step it replaces.
    pub step: usize,
    /// The beat's id.
    pub beat: String,
    /// 1-based, as listed at that beat.
    pub listed: usize,
    /// What the trainee would have said.
    pub text: Text,
    /// The best score still reachable after taking it.
    pub reachable: Value,
}

/// What one rule made of the session.
#[derive(Clone, Debug)]
pub struct Verdict {
    /// The rule, by index in the rulebook.
    pub rule: usize,
    /// Held, broken, or never put to the test.
    pub status: Status,
    /// Steps where it broke (when broken) or was kept (when held).
    pub steps: Vec<usize>,
    /// Where it broke, what would have kept it (at most a few).
    pub better: Vec<Better>,
    /// What this scenario says about the rule where it was decided (the
    /// choice's own feedback, else the beat's), in place of the rulebook's
    /// general explanation.
    pub feedback: Option<Text>,
}

impl Verdict {
    /// Why the rule mattered here: the scenario's own words where it has
    /// them, else the rulebook's.
    pub fn explanation<'a>(&'a self, book: &'a crate::rulebook::Rulebook) -> &'a Text {
        self.feedback
            .as_ref()
            .unwrap_or(&book.rules[self.rule].explain)
    }
}

/// The judgement of a finished session: its score and every rule's verdict.
pub struct Debrief {
    /// The score, by category and overall.
    pub score: Score,
    /// One verdict per rule, in the rulebook's order.
    pub verdicts: Vec<Verdict>,
}

struct RuleMarks<'b> {
    rule: usize,
    broke: bool,
    /// Other rules broken by the same choice itself.
    others: usize,
    book: &'b crate::rulebook::Rulebook,
}

impl Observer for RuleMarks<'_> {
    fn mark(&mut self, rule: usize, mark: Mark) {
        if mark == Mark::Broken {
            if rule == self.rule {
                self.broke = true;
            } else if !matches!(self.book.rules[rule].check, Check::Require(_)) {
                // A `Require` breaks when a last choice ends the meeting
                // without it: that is the path's doing, not this choice's.
                self.others += 1;
            }
        }
    }
}

/// At most this many "better choice" hints per rule: one per place it broke.
const HINTS_PER_RULE: usize = 3;

impl Debrief {
    /// Judges `session`, finding for each mistake the better choice by
    /// exact analysis of what was still reachable there.
    pub fn of(session: &Session) -> Debrief {
        let world = &session.world;
        let book = world.book;
        let statuses = session.statuses();
        let mut solver = Solver::new(world);
        let last = session.steps.len().saturating_sub(1);
        let verdicts = statuses
            .iter()
            .enumerate()
            .map(|(r, &status)| {
                let rule = &book.rules[r];
                let mut steps: Vec<usize> = session
                    .marks
                    .iter()
                    .filter(|m| m.rule == r)
                    .filter(|m| match status {
                        Status::Broken => m.mark == Mark::Broken,
                        Status::Held => matches!(m.mark, Mark::Kept | Mark::Resisted),
                        Status::NotApplicable => false,
                    })
                    .map(|m| m.step.unwrap_or(0).min(last))
                    .collect();
                // A `Require` breaks at the end; the place to point at is the
                // last beat where the trainee could have kept it.
                if status == Status::Broken
                    && let Check::Require(t) = rule.check
                    && let Some(at) = session.steps.iter().rposition(|s| s.offered.meets(t))
                {
                    steps = vec![at];
                }
                steps.dedup();
                let better = if status == Status::Broken {
                    let mut places: Vec<usize> = steps
                        .iter()
                        .map(|&s| where_to_do_better(session, &rule.check, s))
                        .collect();
                    // Two breaks can share the beat where the rule could
                    // have been kept: one hint for it.
                    places.sort_unstable();
                    places.dedup();
                    places
                        .into_iter()
                        .take(HINTS_PER_RULE)
                        .filter_map(|s| better_at(session, &mut solver, r, s))
                        .collect()
                } else {
                    Vec::new()
                };
                let feedback = steps.first().and_then(|&s| {
                    let step = &session.steps[s];
                    let beat = world.scenario.beat(step.beat);
                    beat.feedback(world.choice(beat, step.pick), r).cloned()
                });
                Verdict {
                    rule: r,
                    status,
                    steps,
                    better,
                    feedback,
                }
            })
            .collect();
        Debrief {
            score: Score::of(book, &statuses),
            verdicts,
        }
    }

    /// The score of one category; `None` when none of its rules applied.
    pub fn category_score(&self, c: Category) -> Option<f64> {
        self.score
            .categories
            .iter()
            .find(|(k, _)| *k == c)
            .and_then(|(_, v)| *v)
    }
}

/// Rounds to one decimal, as scores are shown and exported.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Where a rule broken at `step` could have been kept. A `Before` rule
/// breaks at the second act (an opening without preparation), but the
/// better choice was the first (preparing), at the last beat that offered it.
fn where_to_do_better(session: &Session, check: &Check, step: usize) -> usize {
    match *check {
        Check::Before { first, .. } => session.steps[..step]
            .iter()
            .rposition(|s| s.offered.meets(first))
            .unwrap_or(step),
        _ => step,
    }
}

/// The best alternative at `step` for rule `r`: one that breaks neither
/// the rule nor any other there (a better choice that teaches another
/// mistake teaches nothing), preferring one that keeps it, then the best
/// score still reachable. None when every other option breaks something:
/// the turn was missed earlier, or this beat is a real trade-off.
fn better_at(session: &Session, solver: &mut Solver, r: usize, step: usize) -> Option<Better> {
    let world = &session.world;
    let rule = &world.book.rules[r];
    let st: &State = &session.steps[step].before;
    let chosen = session.steps[step].pick;
    let beat = world.scenario.beat(session.steps[step].beat);
    let options = world.options(st);
    let keep = rule.keeping_tags();
    let mut best: Option<((bool, bool, f64), Better)> = None;
    for (n, &i) in options.iter().enumerate() {
        if Pick::Choice(i) == chosen {
            continue;
        }
        let mut child = st.clone();
        let mut obs = RuleMarks {
            rule: r,
            broke: false,
            others: 0,
            book: world.book,
        };
        world.step(&mut child, &options, Pick::Choice(i), &mut obs);
        let (reach, _) = solver.solve(&child);
        let choice = &beat.choices[i as usize];
        if obs.broke || obs.others > 0 {
            continue;
        }
        let rank = (choice.tags.meets(keep), reach.passed, reach.score);
        if best.as_ref().is_none_or(|(b, _)| rank > *b) {
            best = Some((
                rank,
                Better {
                    step,
                    beat: beat.id.clone(),
                    listed: n + 1,
                    text: choice.text.clone(),
                    reachable: reach,
                },
            ));
        }
    }
    best.map(|(_, b)| b)
}
