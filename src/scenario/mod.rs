//! A scenario resolved against the rulebook: beats and endings by index, tags,
//! cues and flags as bit sets, every reference checked.

mod compile;
pub mod file;

pub use compile::{MAX_BEATS, MAX_CHOICES, MAX_FLAGS, MAX_TURNS};
pub use file::{Difficulty, Emotion, Meter, Outcome, Speaker};

use crate::diagnostic::Diagnostic;
use crate::rulebook::{Rulebook, TagSet};
use crate::text::Text;
use file::{Briefing, Meters, Persona, ScenarioFile};
use std::path::{Path, PathBuf};

/// Where the conversation is: at a beat waiting for a choice, or at an ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Beat(u32),
    Ending(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Flag(u8),
    NotFlag(u8),
    AtLeast(Meter, i32),
    Below(Meter, i32),
    Level(Difficulty),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// A change to the client's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    pub trust: i32,
    pub patience: i32,
    pub interest: i32,
    pub set: u64,
    pub clear: u64,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub when: Condition,
    pub emotion: Emotion,
    pub line: Text,
}

#[derive(Clone, Debug)]
pub struct Reply {
    pub emotion: Emotion,
    pub line: Text,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub text: Text,
    pub tags: TagSet,
    pub when: Option<Condition>,
    pub effect: Effect,
    pub reply: Option<Reply>,
    pub next: Node,
    pub branches: Vec<(Condition, Node)>,
}

#[derive(Clone, Debug)]
pub struct Beat {
    pub id: String,
    pub speaker: Speaker,
    pub emotion: Emotion,
    pub line: Text,
    pub cues: u64,
    pub narration: Option<Text>,
    pub on_enter: Effect,
    pub variants: Vec<Variant>,
    pub time_limit: Option<f32>,
    pub silence: Option<Choice>,
    pub choices: Vec<Choice>,
    /// Events revealed when this beat is entered.
    pub events: Vec<u32>,
    /// No choice has a condition: every choice is always on offer, and
    /// `choice_tags` (all their tags) is what is offered.
    pub unconditional: bool,
    pub choice_tags: TagSet,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub id: String,
    pub weight: f64,
    pub narration: Option<Text>,
    pub effect: Effect,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    /// `None`: revealed at the start of the session.
    pub at: Option<u32>,
    pub cases: Vec<Case>,
}

impl Event {
    /// Probability of each case.
    pub fn probabilities(&self) -> Vec<f64> {
        let total: f64 = self.cases.iter().map(|c| c.weight).sum();
        self.cases.iter().map(|c| c.weight / total).collect()
    }
}

#[derive(Clone, Debug)]
pub struct Ending {
    pub id: String,
    pub outcome: Outcome,
    pub title: Text,
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Level {
    pub trust: i32,
    pub patience: i32,
    pub interest: i32,
    pub time_factor: f32,
}

impl Level {
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

#[derive(Clone, Debug)]
pub struct Scenario {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub summary: Text,
    pub lessons: Vec<String>,
    pub difficulty: Difficulty,
    pub persona: Persona,
    pub briefing: Briefing,
    pub initial: Meters,
    pub levels: [Level; 3],
    pub events: Vec<Event>,
    pub max_turns: u32,
    pub patience_out: Option<Node>,
    pub start: u32,
    pub beats: Vec<Beat>,
    pub endings: Vec<Ending>,
    /// Flag names by bit; the rulebook's flags come first, in its order.
    pub flags: Vec<String>,
    /// Whether the beat graph has a cycle (then turn counts bound a session).
    pub cyclic: bool,
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

    pub fn level(&self, d: Difficulty) -> Level {
        self.levels[d as usize]
    }

    pub fn beat(&self, i: u32) -> &Beat {
        &self.beats[i as usize]
    }

    pub fn beat_index(&self, id: &str) -> Option<u32> {
        self.beats.iter().position(|b| b.id == id).map(|i| i as u32)
    }

    pub fn node_id(&self, n: Node) -> &str {
        match n {
            Node::Beat(i) => &self.beats[i as usize].id,
            Node::Ending(i) => &self.endings[i as usize].id,
        }
    }
}
