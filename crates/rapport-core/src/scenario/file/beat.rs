//! The RON shape of what happens in a meeting: beats, their choices and
//! conditions, the emotions shown, and the endings.

use super::Difficulty;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// How a speaker feels, shown on the face and read by rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Emotion {
    /// Calm, neither warm nor cold.
    #[default]
    Neutral,
    /// Friendly.
    Warm,
    /// Satisfied with what he heard.
    Pleased,
    /// Wants to hear more.
    Interested,
    /// Doubts what he heard.
    Skeptical,
    /// Does not follow.
    Confused,
    /// Has lost interest.
    Bored,
    /// Wants to get on.
    Impatient,
    /// Irritated.
    Annoyed,
    /// Openly angry.
    Angry,
    /// Worried.
    Anxious,
    /// Let down.
    Disappointed,
}

impl Emotion {
    /// Every emotion, in the order of their bits.
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

    /// Its bit in an emotion mask.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Who speaks a line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Speaker {
    /// The client.
    #[default]
    Client,
    /// A narrator, setting the scene.
    Narrator,
    /// Someone else on stage: a colleague, a dispatcher, the client's assistant.
    Person(Text),
}

/// A beat as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Beat")]
pub struct BeatFile {
    /// Its id, shared with the endings: `next` can name either.
    pub id: String,
    /// Who speaks the line.
    #[serde(default)]
    pub speaker: Speaker,
    /// The speaker's emotion.
    #[serde(default)]
    pub emotion: Emotion,
    /// What is said.
    pub line: Text,
    /// What the client is doing in this line, for rules that respond to it.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Scene-setting shown before the line.
    #[serde(default)]
    pub narration: Option<Text>,
    /// Flags set and cleared when the beat is entered.
    #[serde(default)]
    pub set: Vec<String>,
    /// Flags cleared on entering the beat.
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
    /// What happens when the time runs out; required with a time limit.
    #[serde(default)]
    pub silence: Option<ChoiceFile>,
    /// The options, 1 to 9.
    pub choices: Vec<ChoiceFile>,
}

/// Another line for a beat, said instead when its condition holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Variant")]
pub struct VariantFile {
    /// When it is said.
    pub when: Cond,
    /// The speaker's emotion as he says it.
    #[serde(default)]
    pub emotion: Emotion,
    /// What is said.
    pub line: Text,
}

/// An option as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct ChoiceFile {
    /// What the trainee says.
    pub text: Text,
    /// The behaviours it shows, from the rulebook's tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it is on offer; always if left out.
    #[serde(default)]
    pub when: Option<Cond>,
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
    /// The client's immediate reaction, shown before the next beat.
    #[serde(default)]
    pub reply: Option<ReplyFile>,
    /// The beat or ending it leads to when no branch applies.
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
    /// How a trainee might put this option in their own words, to teach the
    /// say-it-first matcher what the option means.
    #[serde(default, skip_serializing_if = "Phrasings::is_empty")]
    pub say: Phrasings,
}

/// An author's phrasings of an option, in each language:
/// `say: (en: ["..."], ru: ["..."])`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrasings {
    /// The English phrasings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
    /// The Russian phrasings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ru: Vec<String>,
}

impl Phrasings {
    /// No phrasing in any language.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ru.is_empty()
    }

    /// The phrasings in `lang`.
    pub fn get(&self, lang: crate::text::Lang) -> &[String] {
        match lang {
            crate::text::Lang::En => &self.en,
            crate::text::Lang::Ru => &self.ru,
        }
    }
}

/// Where a pinned option stays, whatever the shuffle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pin {
    /// Listed first.
    First,
    /// Listed last.
    Last,
}

/// Feedback for one rule, in this scenario's own words.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Feedback")]
pub struct FeedbackFile {
    /// The id of the rule.
    pub rule: String,
    /// What to say about it.
    pub text: Text,
}

/// The client's answer to a choice.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Reply")]
pub struct ReplyFile {
    /// His emotion as he says it.
    #[serde(default)]
    pub emotion: Emotion,
    /// What he says.
    pub line: Text,
}

/// Another way a choice can lead, when its condition holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Branch")]
pub struct BranchFile {
    /// When it applies.
    pub when: Cond,
    /// The beat or ending it leads to.
    pub to: String,
}

/// One of the client's meters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Meter {
    /// Trust.
    Trust,
    /// Patience.
    Patience,
    /// Interest.
    Interest,
}

impl Meter {
    /// The three, in the order a state keeps them.
    pub const ALL: [Meter; 3] = [Meter::Trust, Meter::Patience, Meter::Interest];

    /// Where a state's `meters` keeps this one.
    pub const fn index(self) -> usize {
        match self {
            Meter::Trust => 0,
            Meter::Patience => 1,
            Meter::Interest => 2,
        }
    }
}

/// A condition on the client's state, the flags and the level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cond {
    /// The flag is set.
    Flag(String),
    /// The flag is not set.
    NotFlag(String),
    /// The meter is at least this value.
    AtLeast(Meter, i32),
    /// The meter is below this value.
    Below(Meter, i32),
    /// The session is played at this level.
    Level(Difficulty),
    /// Every one of these holds.
    All(Vec<Cond>),
    /// At least one of these holds.
    Any(Vec<Cond>),
    /// This does not hold.
    Not(Box<Cond>),
}

/// How a meeting ends for the business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// A deal.
    Deal,
    /// A follow-up meeting.
    FollowUp,
    /// The client is lost.
    Lost,
    /// The trainee parted with a client not worth keeping, with dignity.
    PartedWithDignity,
}

impl Outcome {
    /// The id reports and JSON use.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Deal => "deal",
            Outcome::FollowUp => "follow_up",
            Outcome::Lost => "lost",
            Outcome::PartedWithDignity => "parted_with_dignity",
        }
    }
}

/// An ending as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Ending")]
pub struct EndingFile {
    /// Its id, shared with the beats.
    pub id: String,
    /// How the meeting ended.
    pub outcome: Outcome,
    /// Its heading in the debrief.
    pub title: Text,
    /// What happened.
    pub text: Text,
}
