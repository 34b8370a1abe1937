//! The RON shape of a scenario's temperaments: the ways the same client can
//! be on the day, one drawn from the session's seed.

use super::Emotion;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// One way the client can be (analytical, a driver...): how likely it is,
/// what the briefing says of it, how hard each meter moves, and the lines
/// and replies he says differently.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Temperament")]
pub struct TemperamentFile {
    /// Its id, unique within the scenario: records and golden runs name it so.
    pub id: String,
    /// Its name in the briefing and the debrief ("A driver").
    pub name: Text,
    /// What the trainee is told of it before the meeting.
    pub about: Text,
    /// Its weight in the draw, against the other temperaments.
    #[serde(default = "one")]
    pub weight: f64,
    /// Added to the scenario's starting meters.
    #[serde(default, skip_serializing_if = "Shift::is_zero")]
    pub initial: Shift,
    /// How much harder (above 1) or softer (below 1) each meter moves on
    /// every choice the trainee makes.
    #[serde(default, skip_serializing_if = "Moves::is_one")]
    pub moves: Moves,
    /// Beats whose line he says otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineFile>,
    /// Choices he answers otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<ReplyOverride>,
}

fn one() -> f64 {
    1.0
}

/// Changes to the starting meters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// Added to the starting trust.
    #[serde(default)]
    pub trust: i32,
    /// Added to the starting patience.
    #[serde(default)]
    pub patience: i32,
    /// Added to the starting interest.
    #[serde(default)]
    pub interest: i32,
}

impl Shift {
    fn is_zero(&self) -> bool {
        *self == Shift::default()
    }
}

/// A factor on every change a choice makes to each meter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moves {
    /// Factor on changes to trust.
    #[serde(default = "one")]
    pub trust: f64,
    /// Factor on changes to patience.
    #[serde(default = "one")]
    pub patience: f64,
    /// Factor on changes to interest.
    #[serde(default = "one")]
    pub interest: f64,
}

impl Default for Moves {
    fn default() -> Self {
        Moves {
            trust: 1.0,
            patience: 1.0,
            interest: 1.0,
        }
    }
}

impl Moves {
    fn is_one(&self) -> bool {
        *self == Moves::default()
    }
}

/// A beat's line as this temperament says it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Line")]
pub struct LineFile {
    /// The beat's id.
    pub beat: String,
    /// His emotion as he says it; the beat's own if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<Emotion>,
    /// What he says instead of the beat's line (its variants still win
    /// when their conditions hold).
    pub line: Text,
}

/// A choice's reply as this temperament says it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Reply")]
pub struct ReplyOverride {
    /// The beat's id.
    pub beat: String,
    /// The choice, counted from 1 in the order the beat writes them.
    pub choice: u32,
    /// His emotion as he says it; the written reply's if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<Emotion>,
    /// What he says.
    pub line: Text,
}
