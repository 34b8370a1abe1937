//! Moving a state on: the start of a session, entering a beat or an ending,
//! and one pick, with every rule told what it needs to judge.

use super::{Observer, Pick, State, World};
use crate::monitor::{Mark, Watch};
use crate::rulebook::TagSet;
use crate::scenario::{Effect, Meter, Place};

impl World<'_> {
    /// The state before the first beat is entered; `enter` follows.
    pub fn start<O: Observer>(&self, obs: &mut O) -> State {
        let mut st = State {
            node: Place::Beat(self.scenario.start),
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
        st.node = Place::Beat(s.start);
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
        self.enter(st, Place::Beat(s.start), obs);
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
    fn enter<O: Observer>(&self, st: &mut State, node: Place, obs: &mut O) {
        st.node = node;
        match node {
            Place::Ending(_) => self.close(st, obs),
            Place::Beat(b) => {
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

    /// Plays `pick` at the current beat. `options` must be what
    /// `options_into` gave for this state; the caller has checked `pick`.
    pub fn step<O: Observer>(&self, st: &mut State, options: &[u8], pick: Pick, obs: &mut O) {
        let Place::Beat(b) = st.node else { return };
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
        if st.meters[Meter::Patience.index()] == 0
            && let (Some(out), Place::Beat(_)) = (self.scenario.patience_out, next)
        {
            next = out;
        }
        if matches!(next, Place::Beat(_)) && st.turn >= self.scenario.max_turns {
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
}

fn clamp(v: i32) -> u8 {
    v.clamp(0, 100) as u8
}

/// Applies an effect; returns the flags that became set.
fn apply(st: &mut State, e: &Effect) -> u64 {
    for (m, change) in [
        (Meter::Trust, e.trust),
        (Meter::Patience, e.patience),
        (Meter::Interest, e.interest),
    ] {
        st.meters[m.index()] = clamp(i32::from(st.meters[m.index()]) + change);
    }
    let before = st.flags;
    st.flags = (st.flags | e.set) & !e.clear;
    st.flags & !before
}
