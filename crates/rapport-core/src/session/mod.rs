//! A session as a trainee plays it: the engine's state plus the record of
//! every step and of every mark the rules made, for replay and the debrief;
//! and the owned session a front end keeps between frames.

use crate::engine::{Observer, Pick, PlayError, State, World};
use crate::monitor::{Mark, Status};
use crate::rulebook::{Rulebook, TagSet};
use crate::scenario::{Beat, Difficulty, Emotion, Ending, Outcome, Place, Scenario};
use crate::score::Score;
use crate::text::Text;

mod owned;
mod typed;

pub use owned::{Jump, Opening, OwnedSession};
pub use typed::Typed;

/// One turn of a session: where it was, what was picked, and what was on offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The beat, by index in the scenario.
    pub beat: u32,
    /// What the trainee did there.
    pub pick: Pick,
    /// Every tag on offer when the pick was made.
    pub offered: TagSet,
    /// The state just before the pick (for "retry from this beat").
    pub before: State,
    /// How long the trainee took, when a front end measured it.
    pub millis: Option<u32>,
    /// What the trainee typed before the options appeared ("say it first");
    /// `None` when the options were shown straight away. Boxed, so that a
    /// session played without typing pays a pointer per step, not a string.
    pub typed: Option<Box<Typed>>,
}

/// A mark a rule made, and at which step (`None`: before the first choice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The step whose pick made the mark; `None` before the first pick.
    pub step: Option<usize>,
    /// The rule, by index in the rulebook.
    pub rule: usize,
    /// What the rule saw: kept, broken, or an obligation opened.
    pub mark: Mark,
}

struct Recorder<'m> {
    marks: &'m mut Vec<Marked>,
    step: Option<usize>,
}

impl Observer for Recorder<'_> {
    fn mark(&mut self, rule: usize, mark: Mark) {
        self.marks.push(Marked {
            step: self.step,
            rule,
            mark,
        });
    }
}

/// A scenario being played, borrowing it and the rulebook: the engine's
/// state, the options on offer, and the history the debrief reads.
#[derive(Clone)]
pub struct Session<'a> {
    /// The scenario, rulebook, level and the random events drawn for this seed.
    pub world: World<'a>,
    /// Where the session stands now.
    pub state: State,
    options: Vec<u8>,
    /// Every turn taken, in order.
    pub steps: Vec<Step>,
    /// Every mark a rule made, in order.
    pub marks: Vec<Marked>,
}

impl<'a> Session<'a> {
    /// A session at its first beat, its world drawn from `seed`.
    pub fn new(scenario: &'a Scenario, book: &'a Rulebook, level: Difficulty, seed: u64) -> Self {
        let world = World::new(scenario, book, level, seed);
        Session::in_world(world)
    }

    /// A session at the first beat of a world already drawn.
    pub fn in_world(world: World<'a>) -> Self {
        let mut marks = Vec::new();
        let state = world.start(&mut Recorder {
            marks: &mut marks,
            step: None,
        });
        let options = world.options(&state);
        Session {
            world,
            state,
            options,
            steps: Vec::new(),
            marks,
        }
    }

    /// Replays a session from its seed and picks; the same inputs give the
    /// same session, step for step.
    pub fn replay(
        scenario: &'a Scenario,
        book: &'a Rulebook,
        level: Difficulty,
        seed: u64,
        picks: &[Pick],
    ) -> Result<Self, PlayError> {
        let mut s = Session::new(scenario, book, level, seed);
        for &p in picks {
            s.pick(p)?;
        }
        Ok(s)
    }

    /// Continues from an earlier step's state, keeping the history up to it
    /// ("retry from this beat").
    pub fn rewind(&mut self, step: usize) {
        if step < self.steps.len() {
            self.state = self.steps[step].before.clone();
            self.steps.truncate(step);
            self.marks.retain(|m| m.step.is_none_or(|s| s < step));
            self.options = self.world.options(&self.state);
        }
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &'a Scenario {
        self.world.scenario
    }

    /// Whether an ending was reached or the meeting was cut off.
    pub fn is_over(&self) -> bool {
        self.world.is_over(&self.state)
    }

    /// The beat the trainee is at; `None` once the session is over.
    pub fn beat(&self) -> Option<&'a Beat> {
        match self.state.node {
            Place::Beat(b) if !self.state.cut_off => Some(self.world.scenario.beat(b)),
            _ => None,
        }
    }

    /// The options on offer now, as indices into the beat's choices.
    pub fn options(&self) -> &[u8] {
        if self.is_over() { &[] } else { &self.options }
    }

    /// The client's line at this beat (its variant, if one applies).
    pub fn line(&self) -> Option<(Emotion, &'a Text)> {
        let beat = self.beat()?;
        let v = beat
            .variants
            .iter()
            .find(|v| self.world.holds(&self.state, &v.when));
        Some(v.map_or((beat.emotion, &beat.line), |v| (v.emotion, &v.line)))
    }

    /// Narration shown on entering the current beat: the beat's own, then the
    /// random events revealed here (at the first beat, those of the start too).
    pub fn narration(&self) -> Vec<&'a Text> {
        let Some(beat) = self.beat() else {
            return Vec::new();
        };
        let s = self.world.scenario;
        let mut out = Vec::new();
        if self.steps.is_empty() {
            for (i, e) in s.events.iter().enumerate() {
                if e.at.is_none()
                    && let Some(n) = &e.cases[self.world.draws[i] as usize].narration
                {
                    out.push(n);
                }
            }
        }
        out.extend(beat.narration.as_ref());
        for &e in &beat.events {
            if let Some(n) =
                &s.events[e as usize].cases[self.world.draws[e as usize] as usize].narration
            {
                out.push(n);
            }
        }
        out
    }

    /// Seconds the trainee has at this beat, at this level.
    pub fn time_limit(&self) -> Option<f32> {
        self.beat().and_then(|b| self.world.time_limit(b))
    }

    /// Picks the `n`-th option as listed (1-based); 0 lets the time run out.
    pub fn choose_listed(&mut self, n: usize) -> Result<(), PlayError> {
        let pick = if n == 0 {
            Pick::Silence
        } else {
            match self.options().get(n - 1) {
                Some(&i) => Pick::Choice(i),
                None => {
                    return Err(match self.beat() {
                        None => PlayError::Over,
                        Some(b) => PlayError::NoSuchOption {
                            beat: b.id.clone(),
                            given: n,
                            count: self.options.len(),
                        },
                    });
                }
            }
        };
        self.pick(pick)
    }

    /// Makes a pick, untimed.
    pub fn pick(&mut self, pick: Pick) -> Result<(), PlayError> {
        self.pick_timed(pick, None)
    }

    /// Makes a pick, with the time the trainee took when a front end measured it.
    pub fn pick_timed(&mut self, pick: Pick, millis: Option<u32>) -> Result<(), PlayError> {
        self.world.validate(&self.state, &self.options, pick)?;
        let Place::Beat(b) = self.state.node else {
            return Err(PlayError::Over);
        };
        let beat = self.world.scenario.beat(b);
        let step = Step {
            beat: b,
            pick,
            offered: self.world.offered(beat, &self.options),
            before: self.state.clone(),
            millis,
            typed: None,
        };
        let index = self.steps.len();
        self.steps.push(step);
        let mut rec = Recorder {
            marks: &mut self.marks,
            step: Some(index),
        };
        self.world
            .step(&mut self.state, &self.options, pick, &mut rec);
        self.world.options_into(&self.state, &mut self.options);
        Ok(())
    }

    /// Makes a pick after the trainee typed what they would say (or skipped
    /// typing it): `typed` is kept with the step, and goes with it on rewind.
    /// A refused pick keeps nothing.
    pub fn pick_said(
        &mut self,
        pick: Pick,
        millis: Option<u32>,
        typed: Option<Typed>,
    ) -> Result<(), PlayError> {
        self.pick_timed(pick, millis)?;
        if let Some(step) = self.steps.last_mut() {
            step.typed = typed.map(Box::new);
        }
        Ok(())
    }

    /// Sets what was typed at an earlier step: a session replayed from its
    /// record gets its typed answers back this way. No step, no change.
    pub fn set_typed(&mut self, step: usize, typed: Option<Typed>) {
        if let Some(s) = self.steps.get_mut(step) {
            s.typed = typed.map(Box::new);
        }
    }

    /// What the trainee typed at `step`; `None` when they were not asked or
    /// there is no such step.
    pub fn typed(&self, step: usize) -> Option<&Typed> {
        self.steps.get(step).and_then(|s| s.typed.as_deref())
    }

    /// What the trainee typed at each step, in order.
    pub fn typed_answers(&self) -> Vec<Option<&Typed>> {
        self.steps.iter().map(|s| s.typed.as_deref()).collect()
    }

    /// Puts the session at `beat` with the client in this state, as an
    /// author jumping to a beat asks; the rules keep what they had seen.
    pub fn jump(&mut self, beat: u32, meters: [u8; 3], flags: u64) {
        self.state.node = Place::Beat(beat);
        self.state.meters = meters;
        self.state.flags = flags;
        self.world.options_into(&self.state, &mut self.options);
    }

    /// The picks made so far, for `--choose` and records.
    pub fn picks(&self) -> Vec<Pick> {
        self.steps.iter().map(|s| s.pick).collect()
    }

    /// The picks as listed numbers (1-based, 0 for silence), as `--choose` takes them.
    pub fn listed(&self) -> Vec<usize> {
        let mut w = Vec::new();
        self.steps
            .iter()
            .map(|s| match s.pick {
                Pick::Silence => 0,
                Pick::Choice(i) => {
                    self.world.options_into(&s.before, &mut w);
                    w.iter().position(|&o| o == i).map_or(0, |p| p + 1)
                }
            })
            .collect()
    }

    /// The ending reached; `None` while playing or when cut off.
    pub fn ending(&self) -> Option<&'a Ending> {
        match self.state.node {
            Place::Ending(e) if !self.state.cut_off => {
                Some(&self.world.scenario.endings[e as usize])
            }
            _ => None,
        }
    }

    /// The ending's id, or `turn_limit` when the session was cut off.
    pub fn ending_id(&self) -> Option<&str> {
        if self.state.cut_off {
            Some(crate::engine::TURN_LIMIT)
        } else {
            self.ending().map(|e| e.id.as_str())
        }
    }

    /// How the meeting ended for the business: a cut-off meeting is lost.
    pub fn outcome(&self) -> Option<Outcome> {
        if self.state.cut_off {
            Some(Outcome::Lost)
        } else {
            self.ending().map(|e| e.outcome)
        }
    }

    /// Each rule's status so far, in the rulebook's order.
    pub fn statuses(&self) -> Vec<Status> {
        self.world.statuses(&self.state)
    }

    /// The score so far; final once the session is over.
    pub fn score(&self) -> Score {
        Score::of(self.world.book, &self.statuses())
    }
}

/// A seed nobody chose, for a new session: the clock's nanoseconds mixed
/// with the process id, so two sessions started at once still differ.
pub fn fresh_seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    t ^ (u64::from(std::process::id()) << 32)
}
