//! The RON shape of the rulebook and of the lesson index it cites.

use crate::scenario::file::Emotion;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The rulebook format this build reads.
pub const RULEBOOK_FORMAT: u32 = 1;

/// A rulebook file as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rulebook")]
pub struct RulebookFile {
    /// Must be [`RULEBOOK_FORMAT`].
    pub format: u32,
    /// Overall score (0..=100) a session needs to pass, critical rules aside.
    pub pass_mark: f64,
    /// Behaviours an author may attach to a trainee's choice.
    pub tags: Vec<TermFile>,
    /// What a client's line may be doing, for rules that respond to it.
    pub cues: Vec<TermFile>,
    /// Flags that rules read; scenarios may use any other flag freely.
    pub flags: Vec<TermFile>,
    /// The rules.
    pub rules: Vec<RuleFile>,
}

/// One word of the rulebook's vocabulary and what it means.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Term")]
pub struct TermFile {
    /// Its id.
    pub id: String,
    /// What it means.
    pub meaning: Text,
    /// A tag no rule should judge (small talk, silence). Every other tag must
    /// be read by some rule, or a choice carrying it is scored on nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub neutral: bool,
}

/// What a rule is about, for the score by category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    /// How a meeting is conducted: punctuality, apologies, commitments.
    Etiquette,
    /// Calming a tense client.
    DeEscalation,
    /// Setting and keeping realistic expectations.
    Expectations,
    /// Putting the client's needs first.
    ClientFocus,
}

impl Category {
    /// Every category, in the order reports list them.
    pub const ALL: [Category; 4] = [
        Category::Etiquette,
        Category::DeEscalation,
        Category::Expectations,
        Category::ClientFocus,
    ];

    /// The id reports and JSON use.
    pub fn id(self) -> &'static str {
        match self {
            Category::Etiquette => "etiquette",
            Category::DeEscalation => "de_escalation",
            Category::Expectations => "expectations",
            Category::ClientFocus => "client_focus",
        }
    }
}

/// A rule as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rule")]
pub struct RuleFile {
    /// Its id.
    pub id: String,
    /// What it is about.
    pub category: Category,
    /// Its weight in the overall score, above 0 and at most 100.
    pub weight: f64,
    /// Whether breaking it fails the session whatever the score.
    #[serde(default)]
    pub critical: bool,
    /// How it watches the session.
    pub kind: RuleKind,
    /// Its heading in the debrief.
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
    Forbid {
        /// The tags it forbids.
        tags: Vec<String>,
    },
    /// Held by choosing any of `tags`; broken when one was offered and never taken.
    Require {
        /// The tags it requires.
        tags: Vec<String>,
    },
    /// Broken by choosing `then` while `first` was offered but not yet chosen.
    Before {
        /// The tags that must come first.
        first: Vec<String>,
        /// The tags that must not come before them.
        then: Vec<String>,
    },
    /// After `to`, one of `with` must be chosen within `within` turns.
    Respond {
        /// What calls for the response.
        to: Trigger,
        /// The tags that answer it.
        with: Vec<String>,
        /// How many chances the trainee has to answer.
        within: u8,
    },
    /// Once `flag` is set, one of `require` must be chosen within `within` turns.
    WhenFlag {
        /// The flag that calls for the response.
        flag: String,
        /// The tags that answer it.
        require: Vec<String>,
        /// How many chances the trainee has to answer.
        within: u8,
    },
}

/// What a `Respond` rule responds to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// A client line with one of these emotions.
    Emotion(Vec<Emotion>),
    /// A line carrying this cue.
    Cue(String),
    /// The trainee choosing this tag.
    Tag(String),
}

/// The lesson index as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Lessons")]
pub struct LessonsFile {
    /// The lessons.
    pub lessons: Vec<LessonFile>,
}

/// Who acts on a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// A trainee acts on it in a meeting: some rule must judge it.
    Trainee,
    /// The organisation acts on it: briefings and the manager's view.
    Organisation,
}

/// A lesson as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Lesson")]
pub struct LessonFile {
    /// Its id, as rules cite it (`L001.1`).
    pub id: String,
    /// Who acts on it.
    pub who: Who,
    /// The seed text it comes from; none for a lesson of the project's own.
    #[serde(default)]
    pub seed: Option<String>,
    /// For a lesson the seeds do not give: the published method or book it
    /// rests on, named (author, title, year).
    #[serde(default)]
    pub source: Option<String>,
    /// The lesson, in a sentence.
    pub lesson: Text,
    /// A few words of the seed's Russian passage to find it by.
    #[serde(default)]
    pub passage: Option<String>,
}
