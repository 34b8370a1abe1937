//! A scenario resolved against the rulebook: beats and endings by index, tags,
//! cues and flags as bit sets, every reference checked.

mod compile;
pub mod file;
mod liveness;
mod starter;

pub use liveness::Live;
pub use starter::starter;

pub use compile::{MAX_BEATS, MAX_CHOICES, MAX_FLAGS, MAX_TURNS};
pub use file::{Difficulty, Emotion, Kind, Meter, Outcome, Pin, Speaker};

use crate::diagnostic::Diagnostic;
use crate::rulebook::{Rulebook, TagSet};
use crate::text::Text;
use file::{Briefing, Meters, Persona, ScenarioFile};
use std::path::{Path, PathBuf};

/// Where the conversation is: at a beat waiting for a choice, or at an ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// At the beat of this index.
    Beat(u32),
    /// At the ending of this index: the meeting is over.
    Ending(u32),
}

/// A condition on the client's state, the flags and the level, its flags resolved to bits.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// The flag of this bit is set.
    Flag(u8),
    /// The flag of this bit is not set.
    NotFlag(u8),
    /// The meter is at least this value.
    AtLeast(Meter, i32),
    /// The meter is below this value.
    Below(Meter, i32),
    /// The session is played at this level.
    Level(Difficulty),
    /// Every one of these holds.
    All(Vec<Condition>),
    /// At least one of these holds.
    Any(Vec<Condition>),
    /// This does not hold.
    Not(Box<Condition>),
}

/// A change to the client's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    /// Change to trust.
    pub trust: i32,
    /// Change to patience.
    pub patience: i32,
    /// Change to interest.
    pub interest: i32,
    /// Flags set, by bit.
    pub set: u64,
    /// Flags cleared, by bit.
    pub clear: u64,
}

/// Another line for a beat, said instead when its condition holds.
#[derive(Clone, Debug)]
pub struct Variant {
    /// When this line replaces the beat's own.
    pub when: Condition,
    /// The client's emotion as he says it.
    pub emotion: Emotion,
    /// What he says.
    pub line: Text,
}

/// The client's answer to a choice, before the next beat.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The client's emotion as he says it.
    pub emotion: Emotion,
    /// What he says.
    pub line: Text,
}

/// An option the trainee has at a beat, its names resolved.
#[derive(Clone, Debug)]
pub struct Choice {
    /// What the trainee says.
    pub text: Text,
    /// The behaviours it shows, which the rules judge.
    pub tags: TagSet,
    /// When it is on offer; always if `None`.
    pub when: Option<Condition>,
    /// What it does to the client's state.
    pub effect: Effect,
    /// The client's answer, if any.
    pub reply: Option<Reply>,
    /// Where it leads when no branch applies.
    pub next: Place,
    /// Where it leads instead: the first branch whose condition holds.
    pub branches: Vec<(Condition, Place)>,
    /// Whether it is listed first or last rather than shuffled.
    pub pin: Option<Pin>,
    /// Scenario-specific feedback, by rule index in the rulebook.
    pub feedback: Vec<(usize, Text)>,
    /// The author's phrasings, for the say-it-first matcher.
    pub say: file::Phrasings,
}

/// One moment of the meeting: someone speaks, the trainee chooses.
#[derive(Clone, Debug)]
pub struct Beat {
    /// The id the file gives it.
    pub id: String,
    /// Who speaks the line.
    pub speaker: Speaker,
    /// The speaker's emotion.
    pub emotion: Emotion,
    /// What is said.
    pub line: Text,
    /// What the line is doing (the rulebook's cues), by bit.
    pub cues: u64,
    /// Scene-setting shown before the line.
    pub narration: Option<Text>,
    /// What entering the beat does to the client's state.
    pub on_enter: Effect,
    /// Lines said instead of `line` when their condition holds.
    pub variants: Vec<Variant>,
    /// Seconds to choose in, at the normal level; `None` for no limit.
    pub time_limit: Option<f32>,
    /// What happens when the time runs out.
    pub silence: Option<Choice>,
    /// The options, in the file's order.
    pub choices: Vec<Choice>,
    /// Events revealed when this beat is entered.
    pub events: Vec<u32>,
    /// No choice has a condition: every choice is always on offer, and
    /// `choice_tags` (all their tags) is what is offered.
    pub unconditional: bool,
    /// Every tag of every choice.
    pub choice_tags: TagSet,
    /// Some choice is pinned to the top or the bottom.
    pub pinned: bool,
    /// Scenario-specific feedback for rules decided here, by rule index.
    pub feedback: Vec<(usize, Text)>,
}

impl Choice {
    /// Where the option is listed: 0 pinned first, 1 among the shuffled,
    /// 2 pinned last.
    pub fn place(&self) -> u8 {
        match self.pin {
            Some(Pin::First) => 0,
            None => 1,
            Some(Pin::Last) => 2,
        }
    }
}

impl Beat {
    /// This beat's own word on rule `r` after `choice`: the choice's, else
    /// the beat's.
    pub fn feedback<'b>(&'b self, choice: Option<&'b Choice>, r: usize) -> Option<&'b Text> {
        fn find(v: &[(usize, Text)], r: usize) -> Option<&Text> {
            v.iter().find(|(k, _)| *k == r).map(|(_, t)| t)
        }
        choice
            .and_then(|c| find(&c.feedback, r))
            .or_else(|| find(&self.feedback, r))
    }
}

/// One way an event can turn out.
#[derive(Clone, Debug)]
pub struct Case {
    /// The id the file gives it.
    pub id: String,
    /// Its weight in the draw, against the other cases of its event.
    pub weight: f64,
    /// What the trainee is told when it happens.
    pub narration: Option<Text>,
    /// What it does to the client's state.
    pub effect: Effect,
}

/// Something drawn at random at the start of a session (traffic, a mood).
#[derive(Clone, Debug)]
pub struct Event {
    /// The id the file gives it.
    pub id: String,
    /// `None`: revealed at the start of the session.
    pub at: Option<u32>,
    /// The ways it can turn out, one drawn per session.
    pub cases: Vec<Case>,
}

impl Event {
    /// Probability of each case.
    pub fn probabilities(&self) -> Vec<f64> {
        let total: f64 = self.cases.iter().map(|c| c.weight).sum();
        self.cases.iter().map(|c| c.weight / total).collect()
    }
}

/// One way the client can be on the day, drawn from the session's seed.
#[derive(Clone, Debug)]
pub struct Temperament {
    /// The id the file gives it.
    pub id: String,
    /// Its name in the briefing and the debrief.
    pub name: Text,
    /// What the trainee is told of it before the meeting.
    pub about: Text,
    /// Its weight in the draw, against the other temperaments.
    pub weight: f64,
    /// The whole scenario as this client plays it: his lines, replies,
    /// starting meters and the choices' effects scaled. A world with this
    /// temperament plays this scenario, so the engine's step reads it as it
    /// reads any other and pays nothing for temperaments; its own
    /// `temperaments` is empty.
    pub scenario: Scenario,
}

/// How a meeting can end.
#[derive(Clone, Debug)]
pub struct Ending {
    /// The id the file gives it.
    pub id: String,
    /// How the meeting ended for the business.
    pub outcome: Outcome,
    /// Its heading in the debrief.
    pub title: Text,
    /// What happened.
    pub text: Text,
}

/// What a level of difficulty changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Level {
    /// Added to the initial trust.
    pub trust: i32,
    /// Added to the initial patience.
    pub patience: i32,
    /// Added to the initial interest.
    pub interest: i32,
    /// Multiplies every time limit.
    pub time_factor: f32,
}

impl Level {
    /// The level's effect when the file sets none.
    pub fn default_for(d: Difficulty) -> Level {
        match d {
            Difficulty::Easy => Level {
                trust: 10,
                patience: 20,
                interest: 0,
                time_factor: 1.5,
            },
            Difficulty::Normal => Level {
                trust: 0,
                patience: 0,
                interest: 0,
                time_factor: 1.0,
            },
            Difficulty::Hard => Level {
                trust: -10,
                patience: -20,
                interest: 0,
                time_factor: 0.7,
            },
        }
    }
}

/// A scenario resolved against the rulebook, ready to be played.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Its id, unique among the scenarios.
    pub id: String,
    /// Its version, raised by the author on every change that matters to records.
    pub version: u32,
    /// Its title in the list.
    pub title: Text,
    /// What the meeting is about, in a sentence or two.
    pub summary: Text,
    /// Which group of the list it belongs to; none for an author's own.
    pub kind: Option<file::Kind>,
    /// What it trains, in a line.
    pub trains: Option<Text>,
    /// The lessons it teaches, by id.
    pub lessons: Vec<String>,
    /// How hard it is at its nominal level.
    pub difficulty: Difficulty,
    /// The client.
    pub persona: Persona,
    /// What the trainee is told before the meeting.
    pub briefing: Briefing,
    /// The client's meters at the start, before the level.
    pub initial: Meters,
    /// What each level changes, by `Difficulty`.
    pub levels: [Level; 3],
    /// The random events.
    pub events: Vec<Event>,
    /// The ways the client can be, one drawn per session; empty when he is
    /// always as written (and in a temperament's own scenario).
    pub temperaments: Vec<Temperament>,
    /// After this many turns the meeting is cut off.
    pub max_turns: u32,
    /// Where the meeting goes when patience runs out; `None`: it goes on.
    pub patience_out: Option<Place>,
    /// The beat sessions start at.
    pub start: u32,
    /// The beats, in the file's order.
    pub beats: Vec<Beat>,
    /// The endings, in the file's order.
    pub endings: Vec<Ending>,
    /// Flag names by bit; the rulebook's flags come first, in its order.
    pub flags: Vec<String>,
    /// Whether the beat graph has a cycle (then turn counts bound a session).
    pub cyclic: bool,
    /// The file it was read from.
    pub path: PathBuf,
    /// SHA-256 of the source text (`digest::of_text`); empty for scenarios
    /// made in code.
    pub hash: String,
}

impl Scenario {
    /// Reads and checks a scenario file against `book`. On success the
    /// warnings come back beside it; on failure every error, located.
    pub fn load(
        path: &Path,
        bytes: &[u8],
        book: &Rulebook,
    ) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
        let text = crate::ron_text::decode(path, bytes).map_err(|d| vec![d])?;
        let file: ScenarioFile = crate::ron_text::parse(path, text).map_err(|d| vec![d])?;
        let (mut scenario, warnings) = compile::compile(path, text, file, book)?;
        scenario.hash = crate::digest::of_text(text);
        // A temperament's scenario is the same file: records name it so.
        for t in &mut scenario.temperaments {
            t.scenario.hash.clone_from(&scenario.hash);
        }
        Ok((scenario, warnings))
    }

    /// Builds a scenario from data made in code (generated scenarios for
    /// benchmarks and tests); diagnostics point at line 1.
    pub fn from_file(
        file: ScenarioFile,
        book: &Rulebook,
    ) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
        compile::compile(Path::new("<generated>"), "", file, book)
    }

    /// Probability of each temperament, in the file's order (empty when the
    /// scenario has none).
    pub fn temperament_odds(&self) -> Vec<f64> {
        let total: f64 = self.temperaments.iter().map(|t| t.weight).sum();
        self.temperaments.iter().map(|t| t.weight / total).collect()
    }

    /// The index of the temperament with this id.
    pub fn temperament_index(&self, id: &str) -> Option<u8> {
        self.temperaments
            .iter()
            .position(|t| t.id == id)
            .map(|i| i as u8)
    }

    /// What level `d` changes.
    pub fn level(&self, d: Difficulty) -> Level {
        self.levels[d as usize]
    }

    /// The beat of index `i`.
    pub fn beat(&self, i: u32) -> &Beat {
        &self.beats[i as usize]
    }

    /// The index of the beat with this id.
    pub fn beat_index(&self, id: &str) -> Option<u32> {
        self.beats.iter().position(|b| b.id == id).map(|i| i as u32)
    }

    /// The id of a beat or an ending.
    pub fn node_id(&self, n: Place) -> &str {
        match n {
            Place::Beat(i) => &self.beats[i as usize].id,
            Place::Ending(i) => &self.endings[i as usize].id,
        }
    }
}
