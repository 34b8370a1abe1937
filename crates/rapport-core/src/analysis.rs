//! Exact analysis: the best and the worst score a scenario allows for a given
//! world (seed and level), found by walking the graph of session states with a
//! memo, never by enumerating paths. Two paths that reach the same state
//! (beat, meters, flags, every rule monitor) share one future, so each state is
//! solved once.

use crate::engine::{Pick, Quiet, State, TURN_LIMIT, World};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// A score and whether it passes, ordered so that passing beats failing and
/// then the higher score wins.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Value {
    /// The overall score, 0..=100.
    pub score: f64,
    /// Whether the score passes under the rulebook.
    pub passed: bool,
    /// How good the ending is (lost 0, parted with dignity 1, follow-up 2,
    /// deal 3): among paths with the same score, the best path takes the
    /// better ending and the worst path the worse one.
    pub ending: u8,
}

impl Value {
    fn rank(self) -> (bool, f64, u8) {
        (self.passed, self.score, self.ending)
    }
    /// Whether `self` ranks above `other`.
    pub fn better(self, other: Value) -> bool {
        self.rank() > other.rank()
    }
}

#[derive(Clone, Copy, Debug)]
struct Solved {
    best: Value,
    best_pick: Pick,
    worst: Value,
    worst_pick: Pick,
}

/// The best or the worst session a world allows, with the picks that play
/// it: an author replays it with `--choose` to see the debrief.
#[derive(Clone, Debug, Serialize)]
pub struct Extreme {
    /// The overall score that session ends with.
    pub score: f64,
    /// Whether it passes.
    pub passed: bool,
    /// The picks, as `--choose` takes them: 1-based listed numbers, 0 for silence.
    pub choose: Vec<usize>,
    /// The ending reached, or [`TURN_LIMIT`] for a session cut off.
    pub ending: String,
}

/// What one world of a scenario allows: whether a trainee can pass at all,
/// and how badly one can do.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// The best session.
    pub best: Extreme,
    /// The worst session.
    pub worst: Extreme,
    /// Distinct session states solved.
    pub states: usize,
}

/// The best and worst value reachable from any session state of one world,
/// each state solved once and remembered: the analysis, the item audit and
/// the debrief's "what would have been better" all ask it.
pub struct Solver<'w, 'a> {
    world: &'w World<'a>,
    memo: FxHashMap<State, Solved>,
    /// Whether turn counts matter (loops, or paths that can reach `max_turns`).
    keep_turn: bool,
    /// Per beat, the flags and meters that can still matter from there:
    /// the rest is forgotten in memoised states, whose futures it cannot
    /// change (`Scenario::liveness`).
    live: Vec<crate::scenario::Live>,
}

impl<'w, 'a> Solver<'w, 'a> {
    /// A solver with nothing solved yet.
    pub fn new(world: &'w World<'a>) -> Self {
        let s = world.scenario;
        let keep_turn = s.cyclic || s.beats.len() as u64 >= u64::from(s.max_turns);
        let live = s.liveness(world.book.flags.len());
        Solver {
            world,
            memo: FxHashMap::default(),
            keep_turn,
            live,
        }
    }

    /// States are memoised as they are: when turn counts cannot matter they
    /// are zeroed as states are made, so paths of different lengths meet.
    fn normalise(&self, st: &mut State) {
        if !self.keep_turn {
            st.turn = 0;
        }
        if let crate::scenario::Place::Beat(b) = st.node {
            let live = self.live[b as usize];
            st.flags &= live.flags;
            for (m, keep) in st.meters.iter_mut().zip(live.meters) {
                if !keep {
                    *m = 0;
                }
            }
        }
    }

    /// `st` as the memo keys it.
    pub(crate) fn normalised(&self, mut st: State) -> State {
        self.normalise(&mut st);
        st
    }

    /// The listed options at `st`, and every pick open there: the options,
    /// then silence on a timed beat.
    pub(crate) fn picks(&self, st: &State) -> (Vec<u8>, Vec<Pick>) {
        let options = self.world.options(st);
        let mut picks: Vec<Pick> = options.iter().map(|&i| Pick::Choice(i)).collect();
        if let crate::scenario::Place::Beat(b) = st.node
            && self.world.time_limit(self.world.scenario.beat(b)).is_some()
        {
            picks.push(Pick::Silence);
        }
        (options, picks)
    }

    /// The state `pick` leads to from `st`, as the memo keys it.
    pub(crate) fn next(&self, st: &State, pick: Pick) -> State {
        let options = self.world.options(st);
        self.next_with(st, &options, pick)
    }

    fn next_with(&self, st: &State, options: &[u8], pick: Pick) -> State {
        let mut child = st.clone();
        self.world.step(&mut child, options, pick, &mut Quiet);
        self.normalise(&mut child);
        child
    }

    fn terminal(&self, st: &State) -> Value {
        use crate::scenario::{Outcome, Place};
        let (score, passed) = self.world.quick_score(st);
        let ending = match st.node {
            Place::Ending(e) if !st.cut_off => {
                match self.world.scenario.endings[e as usize].outcome {
                    Outcome::Deal => 3,
                    Outcome::FollowUp => 2,
                    Outcome::PartedWithDignity => 1,
                    Outcome::Lost => 0,
                }
            }
            _ => 0,
        };
        Value {
            score,
            passed,
            ending,
        }
    }

    /// The best and worst values reachable from `root` (which must not be over).
    pub fn solve(&mut self, root: &State) -> (Value, Value) {
        if self.world.is_over(root) {
            let v = self.terminal(root);
            return (v, v);
        }
        struct Frame {
            state: State,
            options: Vec<u8>,
            picks: Vec<Pick>,
            i: usize,
            best: Option<(Value, Pick)>,
            worst: Option<(Value, Pick)>,
        }
        let frame = |s: &Solver, st: State| {
            let (options, picks) = s.picks(&st);
            Frame {
                options,
                picks,
                state: st,
                i: 0,
                best: None,
                worst: None,
            }
        };
        let mut root = root.clone();
        self.normalise(&mut root);
        let mut stack = vec![frame(self, root.clone())];
        while let Some(top) = stack.last_mut() {
            if top.i == top.picks.len() {
                let f = stack
                    .pop()
                    .expect("the loop checked that the stack is not empty");
                let (best, best_pick) = f.best.expect("every beat offers at least one pick");
                let (worst, worst_pick) = f.worst.expect("every beat offers at least one pick");
                self.memo.insert(
                    f.state,
                    Solved {
                        best,
                        best_pick,
                        worst,
                        worst_pick,
                    },
                );
                continue;
            }
            let pick = top.picks[top.i];
            let child = self.next_with(&top.state, &top.options, pick);
            let (b, w) = if self.world.is_over(&child) {
                let v = self.terminal(&child);
                (v, v)
            } else if let Some(s) = self.memo.get(&child) {
                (s.best, s.worst)
            } else {
                stack.push(frame(self, child));
                continue;
            };
            let top = stack.last_mut().expect("the frame is still there");
            if top.best.is_none_or(|(v, _)| b.better(v)) {
                top.best = Some((b, pick));
            }
            if top.worst.is_none_or(|(v, _)| v.better(w)) {
                top.worst = Some((w, pick));
            }
            top.i += 1;
        }
        let s = self.memo[&root];
        (s.best, s.worst)
    }

    /// Follows the memo from `root` along the best (or worst) picks.
    pub fn path(&mut self, root: &State, best: bool) -> (Vec<Pick>, State) {
        self.solve(root);
        let mut st = root.clone();
        self.normalise(&mut st);
        let mut picks = Vec::new();
        while !self.world.is_over(&st) {
            let s = self.memo[&st];
            let pick = if best { s.best_pick } else { s.worst_pick };
            picks.push(pick);
            st = self.next(&st, pick);
        }
        (picks, st)
    }

    /// Distinct session states solved so far.
    pub fn states(&self) -> usize {
        self.memo.len()
    }
}

/// Picks as `--choose` lists them.
fn listed(world: &World, root: &State, picks: &[Pick]) -> Vec<usize> {
    let mut st = root.clone();
    let mut out = Vec::new();
    for &p in picks {
        let options = world.options(&st);
        out.push(match p {
            Pick::Silence => 0,
            Pick::Choice(i) => options.iter().position(|&o| o == i).map_or(0, |n| n + 1),
        });
        world.step(&mut st, &options, p, &mut Quiet);
    }
    out
}

fn ending_id(world: &World, st: &State) -> String {
    if st.cut_off {
        TURN_LIMIT.into()
    } else {
        world.scenario.node_id(st.node).to_string()
    }
}

/// Best and worst achievable scores in this world, with the picks for each.
pub fn analyze(world: &World) -> Analysis {
    let root = world.start(&mut Quiet);
    let mut solver = Solver::new(world);
    let (best, worst) = solver.solve(&root);
    let (best_picks, best_end) = solver.path(&root, true);
    let (worst_picks, worst_end) = solver.path(&root, false);
    Analysis {
        best: Extreme {
            score: best.score,
            passed: best.passed,
            choose: listed(world, &root, &best_picks),
            ending: ending_id(world, &best_end),
        },
        worst: Extreme {
            score: worst.score,
            passed: worst.passed,
            choose: listed(world, &root, &worst_picks),
            ending: ending_id(world, &worst_end),
        },
        states: solver.states(),
    }
}
