//! What an author writes: the RON shape of a scenario file.
//!
//! These types mirror the file one to one so that serde can reject unknown and
//! missing fields with a position. Cross-references (beat ids, tags, flags) are
//! only strings here; `scenario::compile` resolves and checks them.

mod beat;
mod temperament;

pub use beat::{
    BeatFile, BranchFile, ChoiceFile, Cond, Emotion, EndingFile, FeedbackFile, Meter, Outcome,
    Phrasings, Pin, ReplyFile, Speaker, VariantFile,
};
pub use temperament::{LineFile, Moves, ReplyOverride, Shift, TemperamentFile};

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The scenario format this build reads and writes.
pub const SCENARIO_FORMAT: u32 = 1;

/// The group a scenario is listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Drawn from the four source articles on why clients leave.
    Sources,
    /// The meetings every sales team practises (discovery, price, committee...).
    Selling,
}

/// A scenario file as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    /// Must be [`SCENARIO_FORMAT`].
    pub format: u32,
    /// Its id, unique among the scenarios: records and the command line name it so.
    pub id: String,
    /// Its version, raised on every change that matters to records.
    pub version: u32,
    /// Its title in the list.
    pub title: Text,
    /// What the meeting is about, in a sentence or two.
    pub summary: Text,
    /// Which group of the list it belongs to; none for an author's own.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// What it trains, in a line the list shows beside the title.
    #[serde(default)]
    pub trains: Option<Text>,
    /// Lesson ids (see `scenarios/lessons.ron`) this scenario teaches.
    #[serde(default)]
    pub lessons: Vec<String>,
    /// How hard the scenario is at its nominal level, for the scenario list.
    pub difficulty: Difficulty,
    /// The client.
    pub persona: Persona,
    /// What the trainee is told before the meeting.
    pub briefing: Briefing,
    /// The client's meters at the start.
    #[serde(default)]
    pub initial: Meters,
    /// What each level changes; the defaults if left out.
    #[serde(default)]
    pub levels: Option<Levels>,
    /// The random events.
    #[serde(default)]
    pub events: Vec<EventFile>,
    /// The ways the client can be on the day, one drawn per session from
    /// the seed; none: he is always as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub temperaments: Vec<TemperamentFile>,
    /// The conversation is cut off after this many trainee turns (loops are
    /// allowed in the graph, endless sessions are not).
    #[serde(default)]
    pub max_turns: Option<u32>,
    /// Where the meeting goes when the client's patience reaches zero.
    #[serde(default)]
    pub on_patience_out: Option<String>,
    /// The id of the beat sessions start at.
    pub start: String,
    /// The beats.
    pub beats: Vec<BeatFile>,
    /// The endings.
    pub endings: Vec<EndingFile>,
}

/// How hard a session is: meters, patience and time limits.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Difficulty {
    /// More trust and patience, longer time limits.
    Easy,
    /// The scenario as written.
    #[default]
    Normal,
    /// Less trust and patience, shorter time limits.
    Hard,
}

impl Difficulty {
    /// Every level, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

    /// The name the command line and reports use.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
        }
    }
}

impl std::str::FromStr for Difficulty {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "easy" => Ok(Difficulty::Easy),
            "normal" => Ok(Difficulty::Normal),
            "hard" => Ok(Difficulty::Hard),
            other => Err(format!(
                "unknown difficulty `{other}` (expected easy, normal or hard)"
            )),
        }
    }
}

/// The client, as the briefing presents him.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// His name.
    pub name: Text,
    /// His role.
    pub role: Text,
    /// His company.
    pub company: Text,
    /// Who the client is and what they care about, for the briefing.
    pub about: Text,
}

/// What the trainee is told before the meeting.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// Where and when the meeting happens.
    pub setting: Text,
    /// What the trainee is there to achieve.
    pub goal: Text,
    /// What the trainee may grant on their own (a discount, extra work, a
    /// date), so that a rule can judge a commitment beyond it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Text>,
}

/// The client's state, each meter 0..=100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meters {
    /// Trust, 0..=100.
    #[serde(default = "half")]
    pub trust: i32,
    /// Patience, 0..=100: at zero the client walks out.
    #[serde(default = "half")]
    pub patience: i32,
    /// Interest, 0..=100.
    #[serde(default = "half")]
    pub interest: i32,
}

fn half() -> i32 {
    50
}

impl Default for Meters {
    fn default() -> Self {
        Meters {
            trust: 50,
            patience: 50,
            interest: 50,
        }
    }
}

/// Per-level adjustments; a scenario that names `levels` gives all three.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// At the easy level.
    pub easy: LevelFile,
    /// At the normal level.
    pub normal: LevelFile,
    /// At the hard level.
    pub hard: LevelFile,
}

/// What one level changes.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    /// Added to the initial trust.
    #[serde(default)]
    pub trust: i32,
    /// Added to the initial patience.
    #[serde(default)]
    pub patience: i32,
    /// Added to the initial interest.
    #[serde(default)]
    pub interest: i32,
    /// Multiplies every time limit; 0 removes timers.
    #[serde(default = "one")]
    pub time_factor: f32,
}

fn one() -> f32 {
    1.0
}

/// A random event: one case is drawn per session from the seed, before the
/// first beat, and revealed when the session reaches `at`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct EventFile {
    /// Its id.
    pub id: String,
    /// Where it is revealed.
    pub at: EventAt,
    /// The ways it can turn out.
    pub cases: Vec<CaseFile>,
}

/// Where an event is revealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventAt {
    /// Before the first beat.
    Start,
    /// On entering this beat.
    Beat(String),
}

/// One way an event can turn out.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Case")]
pub struct CaseFile {
    /// Its id, unique within its event.
    pub id: String,
    /// Its weight in the draw, finite and not negative.
    pub weight: f64,
    /// What the trainee is told when it happens.
    #[serde(default)]
    pub narration: Option<Text>,
    /// Change to trust.
    #[serde(default)]
    pub trust: i32,
    /// Change to patience.
    #[serde(default)]
    pub patience: i32,
    /// Change to interest.
    #[serde(default)]
    pub interest: i32,
    /// Flags it sets.
    #[serde(default)]
    pub set: Vec<String>,
    /// Flags it clears.
    #[serde(default)]
    pub clear: Vec<String>,
}
