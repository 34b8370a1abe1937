//! Making a world from a scenario, a rulebook, a level and a seed, and what
//! it says about a whole session: over or not, each rule's status, the score.

use super::{State, World};
use crate::monitor::Status;
use crate::rulebook::{Cause, Check, Rulebook, TagSet};
use crate::scenario::{Beat, Difficulty, Place, Scenario, Temperament};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

impl<'a> World<'a> {
    /// The world of a session played with `seed`: every event drawn now.
    pub fn new(scenario: &'a Scenario, book: &'a Rulebook, level: Difficulty, seed: u64) -> Self {
        let mut w = World::with_draws(
            scenario,
            book,
            level,
            None,
            Vec::with_capacity(scenario.events.len()),
        );
        w.redraw(seed);
        w
    }

    /// Draws every event's case from `seed`, in the order the scenario lists
    /// them, then the temperament, before the first beat: the world of a
    /// session does not depend on the path through it, so a seed replays
    /// exactly and analysis is exact. The temperament is drawn last, and
    /// only when the scenario has some, so that a seed draws the same events
    /// as before and a scenario without temperaments the same world.
    pub fn redraw(&mut self, seed: u64) {
        let base = self.written;
        self.seed = seed;
        self.draws.clear();
        if base.events.is_empty() && base.temperaments.is_empty() {
            return;
        }
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        for e in &base.events {
            let pick = pick(&mut rng, e.cases.iter().map(|c| c.weight));
            self.draws.push(pick);
        }
        if !base.temperaments.is_empty() {
            let k = pick(&mut rng, base.temperaments.iter().map(|t| t.weight));
            self.temper = Some(k);
            self.scenario = &base.temperaments[usize::from(k)].scenario;
        }
    }

    /// The temperament drawn, if the scenario has temperaments.
    pub fn temperament(&self) -> Option<&'a Temperament> {
        let base: &'a Scenario = self.written;
        self.temper.map(|k| &base.temperaments[usize::from(k)])
    }

    /// With the draws given rather than made (analysis of every world):
    /// `temper` the temperament's index, if the scenario has temperaments.
    pub(crate) fn with_draws(
        scenario: &'a Scenario,
        book: &'a Rulebook,
        level: Difficulty,
        temper: Option<u8>,
        draws: Vec<u8>,
    ) -> Self {
        // The rules every temperament can put to the test, so that the
        // rules watched do not depend on the draw (a line of one client may
        // show an emotion the others never do).
        let mut active = active_rules(scenario, book);
        for t in &scenario.temperaments {
            active.extend(active_rules(&t.scenario, book));
        }
        active.sort_unstable();
        active.dedup();
        let checks: Vec<Check> = active.iter().map(|&r| book.rules[r].check).collect();
        let listening = |f: fn(&Cause) -> bool| -> Vec<usize> {
            (0..checks.len())
                .filter(|&i| matches!(&checks[i], Check::Respond { cause, .. } if f(cause)))
                .collect()
        };
        let line_listeners = listening(|c| matches!(c, Cause::Emotion(_) | Cause::Cue(_)));
        let flag_listeners = listening(|c| matches!(c, Cause::Flag(_)));
        let reads: Vec<TagSet> = checks.iter().map(Check::reads).collect();
        World {
            scenario: temper.map_or(scenario, |k| {
                &scenario.temperaments[usize::from(k)].scenario
            }),
            written: scenario,
            temper,
            book,
            level,
            seed: 0,
            draws,
            active,
            checks,
            reads,
            line_listeners,
            flag_listeners,
        }
    }

    /// The seconds the trainee has at `beat` at this level, if the beat has
    /// a clock and the level keeps it.
    pub fn time_limit(&self, beat: &Beat) -> Option<f32> {
        let f = self.scenario.level(self.level).time_factor;
        beat.time_limit.filter(|_| f > 0.0).map(|t| t * f)
    }

    /// Whether the session reached an ending or was cut off.
    pub fn is_over(&self, st: &State) -> bool {
        st.cut_off || matches!(st.node, Place::Ending(_))
    }

    /// Every rule's status, in the rulebook's order.
    pub fn statuses(&self, st: &State) -> Vec<Status> {
        let mut out = vec![Status::NotApplicable; self.book.rules.len()];
        for (w, &r) in st.watches.iter().zip(&self.active) {
            out[r] = w.status();
        }
        out
    }

    /// Overall score and pass, without allocating (analysis, benchmarks).
    #[inline]
    pub fn quick_score(&self, st: &State) -> (f64, bool) {
        crate::score::Score::quick(
            self.book,
            st.watches
                .iter()
                .zip(&self.active)
                .map(|(w, &r)| (r, w.status())),
        )
    }
}

/// Draws an index by weight: the first whose share of the total holds the
/// random number (the last if rounding leaves it past every share).
fn pick(rng: &mut Pcg64Mcg, weights: impl Iterator<Item = f64> + Clone) -> u8 {
    let total: f64 = weights.clone().sum();
    let mut x = rng.random::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        if x < w {
            return i as u8;
        }
        x -= w;
        last = i;
    }
    last as u8
}

/// The rules that can apply in `s`: those whose tags can be on offer and,
/// for rules that respond to something, whose trigger can happen.
fn active_rules(s: &Scenario, book: &Rulebook) -> Vec<usize> {
    let mut tags = TagSet::default();
    let mut emotions = 0u16;
    let mut cues = 0u64;
    let mut flags = 0u64;
    for b in &s.beats {
        for c in b.choices.iter().chain(&b.silence) {
            tags = tags.union(c.tags);
            flags |= c.effect.set;
        }
        emotions |= b.emotion.bit();
        for v in &b.variants {
            emotions |= v.emotion.bit();
        }
        cues |= b.cues;
        flags |= b.on_enter.set;
    }
    for e in &s.events {
        for c in &e.cases {
            flags |= c.effect.set;
        }
    }
    (0..book.rules.len())
        .filter(|&i| match book.rules[i].check {
            Check::Forbid(t) | Check::Require(t) => tags.meets(t),
            Check::Before { first, then } => tags.meets(first) && tags.meets(then),
            Check::Respond { cause, with, .. } => {
                tags.meets(with)
                    && match cause {
                        Cause::Emotion(m) => m & emotions != 0,
                        Cause::Cue(m) => m & cues != 0,
                        Cause::Tag(t) => tags.meets(t),
                        Cause::Flag(f) => flags & (1 << f) != 0,
                    }
            }
        })
        .collect()
}
