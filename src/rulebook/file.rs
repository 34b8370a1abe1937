//! The RON shape of the rulebook and of the lesson index it cites.

use crate::scenario::file::Emotion;
use crate::text::Text;
use serde::{Deserialize, Serialize};

pub const RULEBOOK_FORMAT: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rulebook")]
pub struct RulebookFile {
    pub format: u32,
    /// Overall score (0..=100) a session needs to pass, critical rules aside.
    pub pass_mark: f64,
    /// Behaviours an author may attach to a trainee's choice.
    pub tags: Vec<TermFile>,
    /// What a client's line may be doing, for rules that respond to it.
    pub cues: Vec<TermFile>,
    /// Flags that rules read; scenarios may use any other flag freely.
    pub flags: Vec<TermFile>,
    pub rules: Vec<RuleFile>,
}

/// One word of the rulebook's vocabulary and what it means.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Term")]
pub struct TermFile {
    pub id: String,
    pub meaning: Text,
    /// A tag no rule should judge (small talk, silence). Every other tag must
    /// be read by some rule, or a choice carrying it is scored on nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub neutral: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    Etiquette,
    DeEscalation,
    Expectations,
    ClientFocus,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Etiquette,
        Category::DeEscalation,
        Category::Expectations,
        Category::ClientFocus,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Etiquette => "etiquette",
            Category::DeEscalation => "de_escalation",
            Category::Expectations => "expectations",
            Category::ClientFocus => "client_focus",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rule")]
pub struct RuleFile {
    pub id: String,
    pub category: Category,
    pub weight: f64,
    #[serde(default)]
    pub critical: bool,
    pub kind: RuleKind,
    pub title: Text,
    /// Why the rule matters, shown in the debrief when it is broken or held.
    pub explain: Text,
    /// The lesson (see `lessons.ron`) this rule enforces.
    pub source: String,
    /// Further lessons the same rule also enforces.
    #[serde(default)]
    pub also: Vec<String>,
}

/// How a rule watches the stream of events of a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RuleKind {
    /// Broken by choosing any of `tags`; held when one was offered and refused.
    Forbid { tags: Vec<String> },
    /// Held by choosing any of `tags`; broken when one was offered and never taken.
    Require { tags: Vec<String> },
    /// Broken by choosing `then` while `first` was offered but not yet chosen.
    Before {
        first: Vec<String>,
        then: Vec<String>,
    },
    /// After `to`, one of `with` must be chosen within `within` turns.
    Respond {
        to: Trigger,
        with: Vec<String>,
        within: u8,
    },
    /// Once `flag` is set, one of `require` must be chosen within `within` turns.
    WhenFlag {
        flag: String,
        require: Vec<String>,
        within: u8,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// A client line with one of these emotions.
    Emotion(Vec<Emotion>),
    /// A line carrying this cue.
    Cue(String),
    /// The trainee choosing this tag.
    Tag(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Lessons")]
pub struct LessonsFile {
    pub lessons: Vec<LessonFile>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// A trainee acts on it in a meeting: some rule must judge it.
    Trainee,
    /// The organisation acts on it: briefings and the manager's view.
    Organisation,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Lesson")]
pub struct LessonFile {
    pub id: String,
    pub who: Who,
    /// The seed text it comes from.
    pub seed: String,
    pub lesson: Text,
    /// A few words of the Russian passage to find it by.
    pub passage: String,
}
