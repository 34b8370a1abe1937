//! What an author writes: the RON shape of a scenario file.
//!
//! These types mirror the file one to one so that serde can reject unknown and
//! missing fields with a position. Cross-references (beat ids, tags, flags) are
//! only strings here; `scenario::compile` resolves and checks them.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The scenario format this build reads and writes.
pub const SCENARIO_FORMAT: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    pub format: u32,
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub summary: Text,
    /// Lesson ids (see `scenarios/lessons.ron`) this scenario teaches.
    #[serde(default)]
    pub lessons: Vec<String>,
    /// How hard the scenario is at its nominal level, for the scenario list.
    pub difficulty: Difficulty,
    pub persona: Persona,
    pub briefing: Briefing,
    #[serde(default)]
    pub initial: Meters,
    #[serde(default)]
    pub levels: Option<Levels>,
    #[serde(default)]
    pub events: Vec<EventFile>,
    /// The conversation is cut off after this many trainee turns (loops are
    /// allowed in the graph, endless sessions are not).
    #[serde(default)]
    pub max_turns: Option<u32>,
    /// Where the meeting goes when the client's patience reaches zero.
    #[serde(default)]
    pub on_patience_out: Option<String>,
    pub start: String,
    pub beats: Vec<BeatFile>,
    pub endings: Vec<EndingFile>,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Difficulty {
    Easy,
    #[default]
    Normal,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

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

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub name: Text,
    pub role: Text,
    pub company: Text,
    /// Who the client is and what they care about, for the briefing.
    pub about: Text,
}

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
    #[serde(default = "half")]
    pub trust: i32,
    #[serde(default = "half")]
    pub patience: i32,
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
    pub easy: LevelFile,
    pub normal: LevelFile,
    pub hard: LevelFile,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    #[serde(default)]
    pub trust: i32,
    #[serde(default)]
    pub patience: i32,
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
    pub id: String,
    pub at: EventAt,
    pub cases: Vec<CaseFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventAt {
    Start,
    Beat(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Case")]
pub struct CaseFile {
    pub id: String,
    pub weight: f64,
    #[serde(default)]
    pub narration: Option<Text>,
    #[serde(default)]
    pub trust: i32,
    #[serde(default)]
    pub patience: i32,
    #[serde(default)]
    pub interest: i32,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub clear: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Emotion {
    #[default]
    Neutral,
    Warm,
    Pleased,
    Interested,
    Skeptical,
    Confused,
    Bored,
    Impatient,
    Annoyed,
    Angry,
    Anxious,
    Disappointed,
}

impl Emotion {
    pub const ALL: [Emotion; 12] = [
        Emotion::Neutral,
        Emotion::Warm,
        Emotion::Pleased,
        Emotion::Interested,
        Emotion::Skeptical,
        Emotion::Confused,
        Emotion::Bored,
        Emotion::Impatient,
        Emotion::Annoyed,
        Emotion::Angry,
        Emotion::Anxious,
        Emotion::Disappointed,
    ];

    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Speaker {
    #[default]
    Client,
    Narrator,
    /// Someone else on stage: a colleague, a dispatcher, the client's assistant.
    Person(Text),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Beat")]
pub struct BeatFile {
    pub id: String,
    #[serde(default)]
    pub speaker: Speaker,
    #[serde(default)]
    pub emotion: Emotion,
    pub line: Text,
    /// What the client is doing in this line, for rules that respond to it.
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub narration: Option<Text>,
    /// Flags set and cleared when the beat is entered.
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub clear: Vec<String>,
    /// The first variant whose condition holds replaces emotion and line.
    #[serde(default)]
    pub variants: Vec<VariantFile>,
    /// What to tell the trainee for a rule decided at this beat, whatever
    /// they chose, unless the choice has its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<FeedbackFile>,
    /// Seconds to answer; when they run out, `silence` is chosen.
    #[serde(default)]
    pub time_limit: Option<f32>,
    #[serde(default)]
    pub silence: Option<ChoiceFile>,
    pub choices: Vec<ChoiceFile>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Variant")]
pub struct VariantFile {
    pub when: Cond,
    #[serde(default)]
    pub emotion: Emotion,
    pub line: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct ChoiceFile {
    pub text: Text,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub when: Option<Cond>,
    #[serde(default)]
    pub trust: i32,
    #[serde(default)]
    pub patience: i32,
    #[serde(default)]
    pub interest: i32,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub clear: Vec<String>,
    /// The client's immediate reaction, shown before the next beat.
    #[serde(default)]
    pub reply: Option<ReplyFile>,
    pub next: String,
    /// Checked in order before `next`; the first whose condition holds wins.
    #[serde(default)]
    pub branches: Vec<BranchFile>,
    /// Keeps the option at the top or the bottom of the list; the others are
    /// shown in an order drawn from the session's seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<Pin>,
    /// What to tell the trainee about this choice for a rule, by rule id,
    /// instead of the rulebook's general explanation: why it tempted, what
    /// the client made of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<FeedbackFile>,
}

/// Where a pinned option stays, whatever the shuffle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pin {
    First,
    Last,
}

/// Feedback for one rule, in this scenario's own words.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Feedback")]
pub struct FeedbackFile {
    pub rule: String,
    pub text: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Reply")]
pub struct ReplyFile {
    #[serde(default)]
    pub emotion: Emotion,
    pub line: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Branch")]
pub struct BranchFile {
    pub when: Cond,
    pub to: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Meter {
    Trust,
    Patience,
    Interest,
}

/// A condition on the client's state, the flags and the level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cond {
    Flag(String),
    NotFlag(String),
    AtLeast(Meter, i32),
    Below(Meter, i32),
    Level(Difficulty),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Deal,
    FollowUp,
    Lost,
    PartedWithDignity,
}

impl Outcome {
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Deal => "deal",
            Outcome::FollowUp => "follow_up",
            Outcome::Lost => "lost",
            Outcome::PartedWithDignity => "parted_with_dignity",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Ending")]
pub struct EndingFile {
    pub id: String,
    pub outcome: Outcome,
    pub title: Text,
    pub text: Text,
}
