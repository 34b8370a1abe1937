//! The scenario as a graph of beats and endings: what is reachable, what can
//! still end, where the loops are. Conditions are ignored here: an edge exists
//! if some choice, branch, silence or walk-out can take it.

use crate::scenario::{Place, Scenario};

/// Which beat can lead to which beat or ending: what `check` needs to find
/// dead ends and unreachable beats, and the compiler to know loops.
pub struct Graph {
    /// Successors of each beat; endings have none.
    pub next: Vec<Vec<Place>>,
    /// The beat every session starts at.
    pub start: u32,
}

/// A structural fault of a scenario, at the beat or ending concerned.
pub struct Problem {
    /// Where the fault is.
    pub node: Place,
    /// What the author reads.
    pub message: String,
}

impl Graph {
    /// The graph of `s`, every beat's successors sorted and once each.
    pub fn of(s: &Scenario) -> Graph {
        let next = s
            .beats
            .iter()
            .map(|b| {
                let mut out: Vec<Place> = Vec::new();
                for c in b.choices.iter().chain(b.silence.as_ref()) {
                    out.push(c.next);
                    out.extend(c.branches.iter().map(|(_, n)| *n));
                }
                out.extend(s.patience_out);
                out.sort_by_key(|n| match n {
                    Place::Beat(i) => (0, *i),
                    Place::Ending(i) => (1, *i),
                });
                out.dedup();
                out
            })
            .collect();
        Graph {
            next,
            start: s.start,
        }
    }

    /// Beats and endings reachable from the start.
    pub fn reachable(&self, endings: usize) -> (Vec<bool>, Vec<bool>) {
        let mut beats = vec![false; self.next.len()];
        let mut ends = vec![false; endings];
        if self.next.is_empty() {
            return (beats, ends);
        }
        let mut stack = vec![self.start];
        beats[self.start as usize] = true;
        while let Some(b) = stack.pop() {
            for n in &self.next[b as usize] {
                match *n {
                    Place::Beat(i) if !beats[i as usize] => {
                        beats[i as usize] = true;
                        stack.push(i);
                    }
                    Place::Ending(i) => ends[i as usize] = true,
                    _ => {}
                }
            }
        }
        (beats, ends)
    }

    /// Beats from which some ending can be reached.
    pub fn can_end(&self) -> Vec<bool> {
        let n = self.next.len();
        let mut preds: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut ok = vec![false; n];
        let mut stack = Vec::new();
        for (b, outs) in self.next.iter().enumerate() {
            for o in outs {
                match *o {
                    Place::Beat(i) => preds[i as usize].push(b as u32),
                    Place::Ending(_) => {
                        if !ok[b] {
                            ok[b] = true;
                            stack.push(b as u32);
                        }
                    }
                }
            }
        }
        while let Some(b) = stack.pop() {
            for &p in &preds[b as usize] {
                if !ok[p as usize] {
                    ok[p as usize] = true;
                    stack.push(p);
                }
            }
        }
        ok
    }

    /// Whether some beat can be reached again from itself.
    pub fn has_cycle(&self) -> bool {
        // Iterative three-colour depth-first search: scenarios may be deep.
        let n = self.next.len();
        let mut colour = vec![0u8; n];
        for root in 0..n {
            if colour[root] != 0 {
                continue;
            }
            let mut stack: Vec<(u32, usize)> = vec![(root as u32, 0)];
            colour[root] = 1;
            while let Some(&mut (b, ref mut i)) = stack.last_mut() {
                let outs = &self.next[b as usize];
                if *i < outs.len() {
                    let o = outs[*i];
                    *i += 1;
                    if let Place::Beat(j) = o {
                        match colour[j as usize] {
                            1 => return true,
                            0 => {
                                colour[j as usize] = 1;
                                stack.push((j, 0));
                            }
                            _ => {}
                        }
                    }
                } else {
                    colour[b as usize] = 2;
                    stack.pop();
                }
            }
        }
        false
    }

    /// Structural faults an author must fix.
    pub fn problems(&self, s: &Scenario) -> Vec<Problem> {
        let mut out = Vec::new();
        let (beats, ends) = self.reachable(s.endings.len());
        let can_end = self.can_end();
        for (i, b) in s.beats.iter().enumerate() {
            if !beats[i] {
                out.push(Problem {
                    node: Place::Beat(i as u32),
                    message: format!(
                        "beat `{}` cannot be reached from the start `{}`",
                        b.id, s.beats[s.start as usize].id
                    ),
                });
            } else if !can_end[i] {
                out.push(Problem {
                    node: Place::Beat(i as u32),
                    message: format!("no ending can be reached from beat `{}`: the conversation would loop for ever", b.id),
                });
            }
        }
        for (i, e) in s.endings.iter().enumerate() {
            if !ends[i] {
                out.push(Problem {
                    node: Place::Ending(i as u32),
                    message: format!("ending `{}` cannot be reached from the start", e.id),
                });
            }
        }
        out
    }
}
