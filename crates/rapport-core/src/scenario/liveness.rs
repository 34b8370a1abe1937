//! What of the client's state can still matter at each beat, so that
//! analysis can forget the rest and stay exact.

use super::{Condition, Place, Scenario};

/// What of the client's state can still matter at a beat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Live {
    /// The flags, by bit.
    pub flags: u64,
    /// Trust, patience, interest.
    pub meters: [bool; 3],
}

impl Live {
    fn union(self, o: Live) -> Live {
        Live {
            flags: self.flags | o.flags,
            meters: std::array::from_fn(|i| self.meters[i] || o.meters[i]),
        }
    }
}

impl Scenario {
    /// For each beat, what of the client's state can still change what
    /// happens from there on: the flags and meters that a condition at that
    /// beat or any beat after it reads (patience, wherever the meeting ends
    /// when it runs out), with the rulebook's flags always, since rules watch
    /// them being set. Anything else is dead at that beat, so analysis
    /// memoises states without it and stays exact.
    pub fn liveness(&self, rule_flags: usize) -> Vec<Live> {
        fn mark(c: &Condition, live: &mut Live) {
            match c {
                Condition::AtLeast(m, _) | Condition::Below(m, _) => {
                    live.meters[m.index()] = true;
                }
                Condition::Flag(f) | Condition::NotFlag(f) => live.flags |= 1 << f,
                Condition::All(cs) | Condition::Any(cs) => {
                    cs.iter().for_each(|c| mark(c, live));
                }
                Condition::Not(c) => mark(c, live),
                Condition::Level(_) => {}
            }
        }
        let always = Live {
            flags: if rule_flags >= 64 {
                u64::MAX
            } else {
                (1u64 << rule_flags) - 1
            },
            meters: [false, self.patience_out.is_some(), false],
        };
        let own: Vec<Live> = self
            .beats
            .iter()
            .map(|b| {
                let mut live = always;
                for v in &b.variants {
                    mark(&v.when, &mut live);
                }
                for c in b.choices.iter().chain(&b.silence) {
                    if let Some(w) = &c.when {
                        mark(w, &mut live);
                    }
                    for (w, _) in &c.branches {
                        mark(w, &mut live);
                    }
                }
                live
            })
            .collect();
        let graph = crate::graph::Graph::of(self);
        let mut live = own.clone();
        // Backwards to a fixed point: beats are mostly written in the order
        // they are played, so a pass or two settles it.
        loop {
            let mut changed = false;
            for b in (0..self.beats.len()).rev() {
                let mut l = own[b];
                for n in &graph.next[b] {
                    if let Place::Beat(k) = n {
                        l = l.union(live[*k as usize]);
                    }
                }
                if l != live[b] {
                    live[b] = l;
                    changed = true;
                }
            }
            if !changed {
                return live;
            }
        }
    }
}
