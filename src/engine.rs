//! The session engine: where the conversation is, how the client feels, what
//! each rule has seen. The window, the command line and the analysis all step
//! the same `State` through the same functions.

use crate::monitor::{Mark, Status, Watch};
use crate::rulebook::{Cause, Check, Rulebook, TagSet};
use crate::scenario::{
    Beat, Choice, Condition, Difficulty, Effect, Emotion, Meter, Node, Scenario,
};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;
use thiserror::Error;

/// What the trainee did at a beat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    /// The `i`-th choice of the beat as written in the scenario (0-based).
    Choice(u8),
    /// The time ran out.
    Silence,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlayError {
    #[error("the session is over")]
    Over,
    #[error("option {given} does not exist at beat `{beat}`: there are {count} options")]
    NoSuchOption {
        beat: String,
        given: usize,
        count: usize,
    },
    #[error("beat `{beat}` has no time limit, so silence (0) is not an option")]
    NoSilence { beat: String },
}

/// Everything that decides what happens next and how the session is judged.
/// It holds no turn-stamped history, so equal states have equal futures.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    pub node: Node,
    pub meters: [u8; 3],
    pub flags: u64,
    pub turn: u32,
    /// The session hit `max_turns` before an ending.
    pub cut_off: bool,
    pub watches: Vec<Watch>,
}

/// The fixed context of a session: scenario, rulebook, level and the random
/// draws made from the seed.
#[derive(Clone, Debug)]
pub struct World<'a> {
    pub scenario: &'a Scenario,
    pub book: &'a Rulebook,
    pub level: Difficulty,
    pub seed: u64,
    /// The case drawn for each event, in the scenario's order.
    pub draws: Vec<u8>,
    /// The rules this scenario can put to the test, by index in the rulebook;
    /// `State::watches` follows this order. A rule left out could never apply
    /// here (its tags are never offered, or its trigger never fires), so it is
    /// not applicable without being watched.
    pub active: Vec<usize>,
    /// The checks of the active rules, in the same order: the engine's inner
    /// loops read them without going through the rulebook.
    checks: Vec<Check>,
    /// Every tag each active rule reads: a turn that offers and chooses none
    /// of them leaves the rule as it was, unless it waits for a response.
    reads: Vec<TagSet>,
    /// Positions (in `active`) of the rules that listen to client lines, and
    /// of those that listen to flags: most rules do neither.
    line_listeners: Vec<usize>,
    flag_listeners: Vec<usize>,
}

/// Receives what happened, when someone wants to know (the debrief).
pub trait Observer {
    fn mark(&mut self, _rule: usize, _mark: Mark) {}
}

/// Ignores everything, at no cost.
pub struct Quiet;
impl Observer for Quiet {}

impl<'a> World<'a> {
    pub fn new(scenario: &'a Scenario, book: &'a Rulebook, level: Difficulty, seed: u64) -> Self {
        let mut w = World::with_draws(
            scenario,
            book,
            level,
            Vec::with_capacity(scenario.events.len()),
        );
        w.redraw(seed);
        w
    }

    /// Draws every event's case from `seed`, in the order the scenario lists
    /// them, before the first beat: the world of a session does not depend on
    /// the path through it, so a seed replays exactly and analysis is exact.
    pub fn redraw(&mut self, seed: u64) {
        self.seed = seed;
        self.draws.clear();
        if self.scenario.events.is_empty() {
            return;
        }
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        for e in &self.scenario.events {
            let total: f64 = e.cases.iter().map(|c| c.weight).sum();
            let mut x = rng.random::<f64>() * total;
            let mut pick = e.cases.len() - 1;
            for (i, c) in e.cases.iter().enumerate() {
                if x < c.weight {
                    pick = i;
                    break;
                }
                x -= c.weight;
            }
            self.draws.push(pick as u8);
        }
    }

    /// With the draws given rather than made (analysis of every world).
    pub fn with_draws(
        scenario: &'a Scenario,
        book: &'a Rulebook,
        level: Difficulty,
        draws: Vec<u8>,
    ) -> Self {
        let active = active_rules(scenario, book);
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
            scenario,
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

    pub fn time_limit(&self, beat: &Beat) -> Option<f32> {
        let f = self.scenario.level(self.level).time_factor;
        beat.time_limit.filter(|_| f > 0.0).map(|t| t * f)
    }

    /// The state before the first beat is entered; `enter` follows.
    pub fn start<O: Observer>(&self, obs: &mut O) -> State {
        let mut st = State {
            node: Node::Beat(self.scenario.start),
            meters: [0; 3],
            flags: 0,
            turn: 0,
            cut_off: false,
            watches: Vec::with_capacity(self.active.len()),
        };
        self.restart(&mut st, obs);
        st
    }

    /// Resets `st` to the start of a session, reusing its memory.
    pub fn restart<O: Observer>(&self, st: &mut State, obs: &mut O) {
        let s = self.scenario;
        let lv = s.level(self.level);
        st.node = Node::Beat(s.start);
        st.meters = [
            clamp(s.initial.trust + lv.trust),
            clamp(s.initial.patience + lv.patience),
            clamp(s.initial.interest + lv.interest),
        ];
        st.flags = 0;
        st.turn = 0;
        st.cut_off = false;
        st.watches.clear();
        st.watches.resize(self.active.len(), Watch::default());
        let mut newly = 0;
        for (i, e) in s.events.iter().enumerate() {
            if e.at.is_none() {
                newly |= apply(st, &e.cases[self.draws[i] as usize].effect);
            }
        }
        self.flags_set(st, newly);
        self.enter(st, Node::Beat(s.start), obs);
    }

    fn flags_set(&self, st: &mut State, newly: u64) {
        if newly != 0 {
            for &i in &self.flag_listeners {
                st.watches[i].on_flags(&self.checks[i], newly);
            }
        }
    }

    /// Moves to `node`: at a beat, its flags, events and line reach the rules;
    /// at an ending, the rules close.
    pub fn enter<O: Observer>(&self, st: &mut State, node: Node, obs: &mut O) {
        st.node = node;
        match node {
            Node::Ending(_) => self.close(st, obs),
            Node::Beat(b) => {
                let beat = self.scenario.beat(b);
                let mut newly = apply(st, &beat.on_enter);
                for &e in &beat.events {
                    let case =
                        &self.scenario.events[e as usize].cases[self.draws[e as usize] as usize];
                    newly |= apply(st, &case.effect);
                }
                self.flags_set(st, newly);
                let emotion = self.emotion(st, beat).bit();
                for &i in &self.line_listeners {
                    st.watches[i].on_line(&self.checks[i], emotion, beat.cues);
                }
            }
        }
    }

    fn close<O: Observer>(&self, st: &mut State, obs: &mut O) {
        for ((w, c), &r) in st.watches.iter_mut().zip(&self.checks).zip(&self.active) {
            let m = w.on_end(c);
            if m != Mark::Nothing {
                obs.mark(r, m);
            }
        }
    }

    pub fn is_over(&self, st: &State) -> bool {
        st.cut_off || matches!(st.node, Node::Ending(_))
    }

    /// The client's emotion at this beat, variants considered.
    pub fn emotion(&self, st: &State, beat: &Beat) -> Emotion {
        beat.variants
            .iter()
            .find(|v| self.holds(st, &v.when))
            .map_or(beat.emotion, |v| v.emotion)
    }

    pub fn holds(&self, st: &State, c: &Condition) -> bool {
        match c {
            Condition::Flag(f) => st.flags & (1 << f) != 0,
            Condition::NotFlag(f) => st.flags & (1 << f) == 0,
            Condition::AtLeast(m, v) => i32::from(st.meters[meter(*m)]) >= *v,
            Condition::Below(m, v) => i32::from(st.meters[meter(*m)]) < *v,
            Condition::Level(d) => self.level == *d,
            Condition::All(cs) => cs.iter().all(|c| self.holds(st, c)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(st, c)),
            Condition::Not(c) => !self.holds(st, c),
        }
    }

    /// The choices on offer at the current beat, as indices into the beat's
    /// choices, in the order the trainee sees them. If no condition holds,
    /// all are offered: a trainee is never left without a way on (`check`
    /// warns the author).
    pub fn options_into(&self, st: &State, out: &mut Vec<u8>) {
        out.clear();
        if let Node::Beat(b) = st.node {
            let beat = self.scenario.beat(b);
            if beat.unconditional {
                out.extend(0..beat.choices.len() as u8);
            } else {
                for (i, c) in beat.choices.iter().enumerate() {
                    if c.when.as_ref().is_none_or(|w| self.holds(st, w)) {
                        out.push(i as u8);
                    }
                }
                if out.is_empty() {
                    out.extend(0..beat.choices.len() as u8);
                }
            }
            self.arrange(b, beat, out);
        }
    }

    /// Puts the options (in the order written) in the order shown: pinned
    /// ones first and last, the rest shuffled by the seed and the beat, so
    /// that where an option sits says nothing of its worth, and the same
    /// seed shows the same order again.
    fn arrange(&self, b: u32, beat: &Beat, out: &mut [u8]) {
        let (mut from, mut to) = (0, out.len());
        if beat.pinned {
            let rank = |i: &u8| beat.choices[usize::from(*i)].place();
            out.sort_by_key(rank);
            from = out.iter().take_while(|i| rank(i) == 0).count();
            to = out.len() - out.iter().rev().take_while(|i| rank(i) == 2).count();
        }
        let middle = &mut out[from..to];
        if middle.len() < 2 {
            return;
        }
        // Fisher–Yates over a splitmix64 stream: a few multiplications per
        // beat, no allocation, and no state carried between beats. The seed
        // is mixed before the beat joins it: seeds 1, 2, 3 differ in their
        // low bits only, and unmixed they gave nearly the same orders.
        let mut x =
            splitmix(self.seed.wrapping_add(GOLDEN)) ^ (u64::from(b) + 1).wrapping_mul(GOLDEN);
        for i in (1..middle.len()).rev() {
            x = x.wrapping_add(GOLDEN);
            let j = ((u128::from(splitmix(x)) * (i as u128 + 1)) >> 64) as usize;
            middle.swap(i, j);
        }
    }

    pub fn options(&self, st: &State) -> Vec<u8> {
        let mut v = Vec::new();
        self.options_into(st, &mut v);
        v
    }

    pub fn choice<'b>(&self, beat: &'b Beat, pick: Pick) -> Option<&'b Choice> {
        match pick {
            Pick::Choice(i) => beat.choices.get(i as usize),
            Pick::Silence => beat.silence.as_ref(),
        }
    }

    /// Every tag on offer at the beat: the trainee could have chosen any.
    pub fn offered(&self, beat: &Beat, options: &[u8]) -> TagSet {
        let mut t = if beat.unconditional {
            beat.choice_tags
        } else {
            options.iter().fold(TagSet::default(), |t, &i| {
                t.union(beat.choices[i as usize].tags)
            })
        };
        if self.time_limit(beat).is_some()
            && let Some(s) = &beat.silence
        {
            t = t.union(s.tags);
        }
        t
    }

    /// Plays `pick` at the current beat. `options` must be what
    /// `options_into` gave for this state; the caller has checked `pick`.
    pub fn step<O: Observer>(&self, st: &mut State, options: &[u8], pick: Pick, obs: &mut O) {
        let Node::Beat(b) = st.node else { return };
        let beat = self.scenario.beat(b);
        let Some(choice) = self.choice(beat, pick) else {
            return;
        };
        let offered = self.offered(beat, options);
        let seen = offered.union(choice.tags);
        for i in 0..self.checks.len() {
            if seen.meets(self.reads[i]) || st.watches[i].is_waiting() {
                self.turn_rule(st, i, offered, choice.tags, obs);
            }
        }
        let newly = apply(st, &choice.effect);
        self.flags_set(st, newly);
        st.turn += 1;
        let mut next = choice
            .branches
            .iter()
            .find(|(c, _)| self.holds(st, c))
            .map_or(choice.next, |(_, n)| *n);
        if st.meters[1] == 0
            && let (Some(out), Node::Beat(_)) = (self.scenario.patience_out, next)
        {
            next = out;
        }
        if matches!(next, Node::Beat(_)) && st.turn >= self.scenario.max_turns {
            st.cut_off = true;
            self.close(st, obs);
            return;
        }
        self.enter(st, next, obs);
    }

    #[inline]
    fn turn_rule<O: Observer>(
        &self,
        st: &mut State,
        i: usize,
        offered: TagSet,
        chosen: TagSet,
        obs: &mut O,
    ) {
        let m = st.watches[i].on_turn(&self.checks[i], offered, chosen);
        if m != Mark::Nothing {
            obs.mark(self.active[i], m);
        }
    }

    /// Checks a pick against the options on offer.
    pub fn validate(&self, st: &State, options: &[u8], pick: Pick) -> Result<(), PlayError> {
        let Node::Beat(b) = st.node else {
            return Err(PlayError::Over);
        };
        if st.cut_off {
            return Err(PlayError::Over);
        }
        let beat = self.scenario.beat(b);
        match pick {
            Pick::Silence if self.time_limit(beat).is_none() => Err(PlayError::NoSilence {
                beat: beat.id.clone(),
            }),
            Pick::Choice(i) if !options.contains(&i) => Err(PlayError::NoSuchOption {
                beat: beat.id.clone(),
                given: i as usize + 1,
                count: options.len(),
            }),
            _ => Ok(()),
        }
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

/// The splitmix64 increment: the golden ratio in 64 bits.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: every bit of the output depends on every bit of
/// the input.
fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
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

fn meter(m: Meter) -> usize {
    match m {
        Meter::Trust => 0,
        Meter::Patience => 1,
        Meter::Interest => 2,
    }
}

fn clamp(v: i32) -> u8 {
    v.clamp(0, 100) as u8
}

/// Applies an effect; returns the flags that became set.
fn apply(st: &mut State, e: &Effect) -> u64 {
    st.meters[0] = clamp(i32::from(st.meters[0]) + e.trust);
    st.meters[1] = clamp(i32::from(st.meters[1]) + e.patience);
    st.meters[2] = clamp(i32::from(st.meters[2]) + e.interest);
    let before = st.flags;
    st.flags = (st.flags | e.set) & !e.clear;
    st.flags & !before
}
