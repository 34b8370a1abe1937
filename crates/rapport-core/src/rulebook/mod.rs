//! The rulebook: the vocabulary of behaviours and the rules that judge them,
//! resolved into bit sets so that a session can be judged without allocation.

mod compile;
pub mod file;
mod lessons;
pub mod reference;
mod suggest;

pub use file::{Category, RuleKind, Trigger, Who};
pub use lessons::{Lesson, Lessons, Origin};
pub use suggest::suggest;

use crate::diagnostic::{Diagnostic, Source};
use crate::ron_text;
use crate::text::Text;
use file::RulebookFile;
use rustc_hash::FxHashMap;
use std::path::Path;

/// At most this many tags, cues and rulebook flags: they live in bit sets.
pub const MAX_TAGS: usize = 64;
/// At most this many cues: they live in a `u64`.
pub const MAX_CUES: usize = 64;
/// At most this many flags a rule may read: they take the first bits of every scenario.
pub const MAX_RULE_FLAGS: usize = 16;

/// A set of tags, one bit per tag of the rulebook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TagSet(pub u64);

impl TagSet {
    /// The set with tag `i` added.
    pub fn with(self, i: usize) -> Self {
        TagSet(self.0 | (1u64 << i))
    }
    /// Whether the two sets share a tag.
    pub fn meets(self, other: TagSet) -> bool {
        self.0 & other.0 != 0
    }
    /// Whether no tag is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Every tag of either set.
    pub fn union(self, other: TagSet) -> TagSet {
        TagSet(self.0 | other.0)
    }
    /// The tags in the set, by index, in order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |i| self.0 & (1u64 << i) != 0)
    }
}

/// One word of a vocabulary (a tag, a cue or a flag) and what it means.
#[derive(Clone, Debug)]
pub struct Term {
    /// The id scenarios use.
    pub id: String,
    /// What it means, for authors and the debrief.
    pub meaning: Text,
    /// Whether no rule should judge it (tags only).
    pub neutral: bool,
}

/// What a rule listens for, resolved to bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A client line with one of these emotions (bit per `Emotion`).
    Emotion(u16),
    /// A line with one of these cues.
    Cue(u64),
    /// A choice with one of these tags.
    Tag(TagSet),
    /// A flag (by its index, shared by every scenario) becoming set.
    Flag(u8),
}

/// A rule's monitor, resolved to bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Broken by choosing one of these tags.
    Forbid(TagSet),
    /// Held by choosing one of these tags; broken when one was offered and never taken.
    Require(TagSet),
    /// Broken by choosing `then` while `first` was offered and not yet chosen.
    Before {
        /// The tags that must come first.
        first: TagSet,
        /// The tags that must not come before them.
        then: TagSet,
    },
    /// After `cause`, one of `with` must be chosen within `within` chances.
    Respond {
        /// What calls for the response.
        cause: Cause,
        /// The tags that answer it.
        with: TagSet,
        /// How many chances the trainee has to answer.
        within: u8,
    },
}

impl Check {
    /// Every tag this check reads when a turn is played.
    pub fn reads(&self) -> TagSet {
        match *self {
            Check::Forbid(t) | Check::Require(t) => t,
            Check::Before { first, then } => first.union(then),
            Check::Respond {
                cause: Cause::Tag(c),
                with,
                ..
            } => c.union(with),
            Check::Respond { with, .. } => with,
        }
    }
}

/// A rule of the rulebook, its names resolved.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Its id.
    pub id: String,
    /// What it is about, for the score by category.
    pub category: Category,
    /// Its weight in the overall score.
    pub weight: f64,
    /// Whether breaking it fails the session whatever the score.
    pub critical: bool,
    /// The rule as written.
    pub kind: RuleKind,
    /// The rule resolved to bits, for the monitors.
    pub check: Check,
    /// Its heading in the debrief.
    pub title: Text,
    /// Why it matters.
    pub explain: Text,
    /// The lesson it enforces.
    pub source: String,
    /// Further lessons it enforces.
    pub also: Vec<String>,
}

impl Rule {
    /// The tags that keep this rule (for "a better choice" hints).
    pub fn keeping_tags(&self) -> TagSet {
        match self.check {
            Check::Require(t) => t,
            Check::Before { first, .. } => first,
            Check::Respond { with, .. } => with,
            Check::Forbid(_) => TagSet::default(),
        }
    }
}

/// The shared rules every scenario is judged by, and their vocabulary.
#[derive(Clone, Debug)]
pub struct Rulebook {
    /// SHA-256 of the source text (`digest::of_text`).
    pub hash: String,
    /// The overall score a session needs to pass, critical rules aside.
    pub pass_mark: f64,
    /// The behaviours a choice can show, by bit.
    pub tags: Vec<Term>,
    /// What a client's line can be doing, by bit.
    pub cues: Vec<Term>,
    /// The flags rules read; they take the first bits of every scenario.
    pub flags: Vec<Term>,
    /// The rules.
    pub rules: Vec<Rule>,
    tag_ix: FxHashMap<String, usize>,
    cue_ix: FxHashMap<String, usize>,
    flag_ix: FxHashMap<String, usize>,
}

/// The text of the shipped rulebook.
pub const SHIPPED_RULEBOOK: &str = include_str!("../../../../scenarios/rulebook.ron");
/// Where the shipped rulebook lives in the source tree, as diagnostics name it.
pub const SHIPPED_RULEBOOK_NAME: &str = "scenarios/rulebook.ron";

impl Rulebook {
    /// The bit of tag `id`.
    pub fn tag(&self, id: &str) -> Option<usize> {
        self.tag_ix.get(id).copied()
    }
    /// The bit of cue `id`.
    pub fn cue(&self, id: &str) -> Option<usize> {
        self.cue_ix.get(id).copied()
    }
    /// The bit of flag `id`.
    pub fn flag(&self, id: &str) -> Option<usize> {
        self.flag_ix.get(id).copied()
    }
    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Every tag some rule reads.
    pub fn judged(&self) -> TagSet {
        self.rules
            .iter()
            .fold(TagSet::default(), |t, r| t.union(r.check.reads()))
    }

    /// Every tag declared neutral.
    pub fn neutral(&self) -> TagSet {
        self.tags
            .iter()
            .enumerate()
            .filter(|(_, t)| t.neutral)
            .fold(TagSet::default(), |s, (i, _)| s.with(i))
    }

    /// Tags that no rule reads and that are not declared neutral: a choice
    /// carrying only these is scored on nothing.
    pub fn unjudged(&self) -> TagSet {
        let all = if self.tags.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << self.tags.len()) - 1
        };
        TagSet(all & !self.judged().0 & !self.neutral().0)
    }

    /// The ids of the tags in `set`.
    pub fn tag_names(&self, set: TagSet) -> Vec<&str> {
        set.iter().map(|i| self.tags[i].id.as_str()).collect()
    }

    /// The rulebook shipped inside the binary.
    pub fn shipped() -> Rulebook {
        let (book, _) = Rulebook::load(
            Path::new(SHIPPED_RULEBOOK_NAME),
            SHIPPED_RULEBOOK.as_bytes(),
            Lessons::shipped(),
        )
        .unwrap_or_else(|d| panic!("the shipped rulebook is broken: {d:?}"));
        book
    }

    /// Reads and checks a rulebook. On success the warnings come back beside
    /// it; on failure every error found, each located in the file.
    pub fn load(
        path: &Path,
        bytes: &[u8],
        lessons: &Lessons,
    ) -> Result<(Rulebook, Vec<Diagnostic>), Vec<Diagnostic>> {
        let text = ron_text::decode(path, bytes).map_err(|d| vec![d])?;
        let file: RulebookFile = ron_text::parse(path, text).map_err(|d| vec![d])?;
        let src = Source::new(path, text);
        let (mut book, warnings) = compile::compile(&src, file, lessons)?;
        book.hash = crate::digest::of_text(text);
        Ok((book, warnings))
    }
}
