//! The rulebook: the vocabulary of behaviours and the rules that judge them,
//! resolved into bit sets so that a session can be judged without allocation.

pub mod file;
mod lessons;
pub mod reference;

pub use file::{Category, RuleKind, Trigger, Who};
pub use lessons::{Lesson, Lessons};

use crate::diagnostic::{Diagnostic, Source};
use crate::ron_text;
use crate::text::Text;
use file::{RULEBOOK_FORMAT, RuleFile, RulebookFile, TermFile};
use rustc_hash::FxHashMap;
use std::path::Path;

/// At most this many tags, cues and rulebook flags: they live in bit sets.
pub const MAX_TAGS: usize = 64;
pub const MAX_CUES: usize = 64;
pub const MAX_RULE_FLAGS: usize = 16;

/// A set of tags, one bit per tag of the rulebook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TagSet(pub u64);

impl TagSet {
    pub fn with(self, i: usize) -> Self {
        TagSet(self.0 | (1u64 << i))
    }
    pub fn meets(self, other: TagSet) -> bool {
        self.0 & other.0 != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn union(self, other: TagSet) -> TagSet {
        TagSet(self.0 | other.0)
    }
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |i| self.0 & (1u64 << i) != 0)
    }
}

#[derive(Clone, Debug)]
pub struct Term {
    pub id: String,
    pub meaning: Text,
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
    Forbid(TagSet),
    Require(TagSet),
    Before {
        first: TagSet,
        then: TagSet,
    },
    Respond {
        cause: Cause,
        with: TagSet,
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

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub weight: f64,
    pub critical: bool,
    pub kind: RuleKind,
    pub check: Check,
    pub title: Text,
    pub explain: Text,
    pub source: String,
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

#[derive(Clone, Debug)]
pub struct Rulebook {
    /// SHA-256 of the source text (`digest::of_text`).
    pub hash: String,
    pub pass_mark: f64,
    pub tags: Vec<Term>,
    pub cues: Vec<Term>,
    pub flags: Vec<Term>,
    pub rules: Vec<Rule>,
    tag_ix: FxHashMap<String, usize>,
    cue_ix: FxHashMap<String, usize>,
    flag_ix: FxHashMap<String, usize>,
}

pub const SHIPPED_RULEBOOK: &str = include_str!("../../scenarios/rulebook.ron");
pub const SHIPPED_RULEBOOK_NAME: &str = "scenarios/rulebook.ron";

impl Rulebook {
    pub fn tag(&self, id: &str) -> Option<usize> {
        self.tag_ix.get(id).copied()
    }
    pub fn cue(&self, id: &str) -> Option<usize> {
        self.cue_ix.get(id).copied()
    }
    pub fn flag(&self, id: &str) -> Option<usize> {
        self.flag_ix.get(id).copied()
    }
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
        let (mut book, warnings) = compile(&src, file, lessons)?;
        book.hash = crate::digest::of_text(text);
        Ok((book, warnings))
    }
}

fn vocabulary(
    src: &Source,
    terms: &[TermFile],
    what: &str,
    limit: usize,
    diags: &mut Vec<Diagnostic>,
) -> FxHashMap<String, usize> {
    let mut ix = FxHashMap::default();
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, t) in terms.iter().enumerate() {
        let n = seen.entry(&t.id).or_insert(0);
        if *n > 0 {
            let at = src.find_field("id", &t.id, *n).unwrap_or(0);
            diags.push(src.error(at, format!("duplicate {what} `{}`", t.id)));
        } else {
            ix.insert(t.id.clone(), i);
        }
        *n += 1;
        for lang in t.meaning.missing() {
            let at = src.find_field("id", &t.id, 0).unwrap_or(0);
            diags.push(src.warning(at, format!("{what} `{}` has no meaning in `{lang}`", t.id)));
        }
    }
    if terms.len() > limit {
        diags.push(src.error(
            0,
            format!("{} {what}s; at most {limit} are supported", terms.len()),
        ));
    }
    ix
}

fn compile(
    src: &Source,
    file: RulebookFile,
    lessons: &Lessons,
) -> Result<(Rulebook, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    if file.format != RULEBOOK_FORMAT {
        let at = src.find(0, "format:").unwrap_or(0);
        diags.push(src.error(
            at,
            format!(
                "rulebook format {} is not supported; this build reads format {RULEBOOK_FORMAT}",
                file.format
            ),
        ));
    }
    if !(0.0..=100.0).contains(&file.pass_mark) {
        let at = src.find(0, "pass_mark").unwrap_or(0);
        diags.push(src.error(at, "pass_mark must be between 0 and 100"));
    }
    let tag_ix = vocabulary(src, &file.tags, "tag", MAX_TAGS, &mut diags);
    let cue_ix = vocabulary(src, &file.cues, "cue", MAX_CUES, &mut diags);
    let flag_ix = vocabulary(src, &file.flags, "flag", MAX_RULE_FLAGS, &mut diags);

    let mut rules = Vec::new();
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    for r in &file.rules {
        let n = seen.entry(r.id.clone()).or_insert(0);
        let anchor = src.find_field("id", &r.id, *n).unwrap_or(0);
        if *n > 0 {
            diags.push(src.error(anchor, format!("duplicate rule `{}`", r.id)));
        }
        *n += 1;
        if let Some(rule) = compile_rule(
            src, anchor, r, &tag_ix, &cue_ix, &flag_ix, lessons, &mut diags,
        ) {
            rules.push(rule);
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let judged = rules.iter().fold(TagSet::default(), |t: TagSet, r: &Rule| {
        t.union(r.check.reads())
    });
    for (i, t) in file.tags.iter().enumerate() {
        let read = judged.meets(TagSet::default().with(i));
        let at = src.find_field("id", &t.id, 0).unwrap_or(0);
        if !read && !t.neutral {
            diags.push(src.warning(
                at,
                format!(
                    "tag `{}` is judged by no rule: add a rule that reads it, or declare it `neutral: true`",
                    t.id
                ),
            ));
        } else if read && t.neutral {
            diags.push(src.warning(
                at,
                format!("tag `{}` is declared neutral, yet a rule reads it", t.id),
            ));
        }
    }
    let book = Rulebook {
        hash: String::new(),
        pass_mark: file.pass_mark,
        tags: terms(file.tags),
        cues: terms(file.cues),
        flags: terms(file.flags),
        rules,
        tag_ix,
        cue_ix,
        flag_ix,
    };
    Ok((book, diags))
}

fn terms(v: Vec<TermFile>) -> Vec<Term> {
    v.into_iter()
        .map(|t| Term {
            id: t.id,
            meaning: t.meaning,
            neutral: t.neutral,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn compile_rule(
    src: &Source,
    anchor: usize,
    r: &RuleFile,
    tag_ix: &FxHashMap<String, usize>,
    cue_ix: &FxHashMap<String, usize>,
    flag_ix: &FxHashMap<String, usize>,
    lessons: &Lessons,
    diags: &mut Vec<Diagnostic>,
) -> Option<Rule> {
    let before = diags.len();
    let tags = |names: &[String], diags: &mut Vec<Diagnostic>| -> TagSet {
        let mut set = TagSet::default();
        if names.is_empty() {
            diags.push(src.error(anchor, format!("rule `{}` names no tag", r.id)));
        }
        for name in names {
            match tag_ix.get(name) {
                Some(&i) if i < MAX_TAGS => set = set.with(i),
                Some(_) => {}
                None => {
                    let at = src.find_string(anchor, name).unwrap_or(anchor);
                    diags.push(src.error(
                        at,
                        format!(
                            "rule `{}` names unknown tag `{name}`{}",
                            r.id,
                            suggest(name, tag_ix)
                        ),
                    ));
                }
            }
        }
        set
    };
    let within = |w: u8, diags: &mut Vec<Diagnostic>| {
        if w == 0 {
            let at = src.find(anchor, "within").unwrap_or(anchor);
            diags.push(src.error(
                at,
                format!("rule `{}`: `within` must be at least 1 chance", r.id),
            ));
        }
        w.max(1)
    };
    let check = match &r.kind {
        RuleKind::Forbid { tags: t } => Check::Forbid(tags(t, diags)),
        RuleKind::Require { tags: t } => Check::Require(tags(t, diags)),
        RuleKind::Before { first, then } => Check::Before {
            first: tags(first, diags),
            then: tags(then, diags),
        },
        RuleKind::Respond {
            to,
            with,
            within: w,
        } => {
            let cause = match to {
                Trigger::Emotion(es) => {
                    if es.is_empty() {
                        diags.push(
                            src.error(anchor, format!("rule `{}` responds to no emotion", r.id)),
                        );
                    }
                    Cause::Emotion(es.iter().fold(0, |m, e| m | e.bit()))
                }
                Trigger::Cue(c) => match cue_ix.get(c) {
                    Some(&i) if i < MAX_CUES => Cause::Cue(1 << i),
                    Some(_) => Cause::Cue(0),
                    None => {
                        let at = src.find_string(anchor, c).unwrap_or(anchor);
                        diags.push(src.error(
                            at,
                            format!(
                                "rule `{}` responds to unknown cue `{c}`{}",
                                r.id,
                                suggest(c, cue_ix)
                            ),
                        ));
                        Cause::Cue(0)
                    }
                },
                Trigger::Tag(t) => Cause::Tag(tags(std::slice::from_ref(t), diags)),
            };
            Check::Respond {
                cause,
                with: tags(with, diags),
                within: within(*w, diags),
            }
        }
        RuleKind::WhenFlag {
            flag,
            require,
            within: w,
        } => {
            let cause = match flag_ix.get(flag) {
                Some(&i) if i < MAX_RULE_FLAGS => Cause::Flag(i as u8),
                Some(_) => Cause::Flag(0),
                None => {
                    let at = src.find_string(anchor, flag).unwrap_or(anchor);
                    diags.push(src.error(
                        at,
                        format!(
                            "rule `{}` reads flag `{flag}`, which the rulebook's `flags` does not declare{}",
                            r.id,
                            suggest(flag, flag_ix)
                        ),
                    ));
                    Cause::Flag(0)
                }
            };
            Check::Respond {
                cause,
                with: tags(require, diags),
                within: within(*w, diags),
            }
        }
    };
    if !(r.weight.is_finite() && r.weight > 0.0 && r.weight <= 100.0) {
        let at = src.find(anchor, "weight").unwrap_or(anchor);
        diags.push(src.error(
            at,
            format!(
                "rule `{}`: weight must be a number above 0 and at most 100",
                r.id
            ),
        ));
    }
    for lesson in std::iter::once(&r.source).chain(&r.also) {
        match lessons.get(lesson) {
            None => {
                let at = src.find_string(anchor, lesson).unwrap_or(anchor);
                diags.push(src.error(
                    at,
                    format!("rule `{}` cites unknown lesson `{lesson}`", r.id),
                ));
            }
            Some(l) if l.who == Who::Organisation => {
                let at = src.find_string(anchor, lesson).unwrap_or(anchor);
                diags.push(src.warning(
                    at,
                    format!("rule `{}` cites `{lesson}`, a lesson for the organisation, not the trainee", r.id),
                ));
            }
            Some(_) => {}
        }
    }
    for (what, text) in [("title", &r.title), ("explain", &r.explain)] {
        for lang in text.missing() {
            diags.push(src.warning(anchor, format!("rule `{}` has no {what} in `{lang}`", r.id)));
        }
    }
    if diags[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(Rule {
        id: r.id.clone(),
        category: r.category,
        weight: r.weight,
        critical: r.critical,
        kind: r.kind.clone(),
        check,
        title: r.title.clone(),
        explain: r.explain.clone(),
        source: r.source.clone(),
        also: r.also.clone(),
    })
}

/// " (did you mean `x`?)" when a known name is one or two edits away.
pub fn suggest(name: &str, known: &FxHashMap<String, usize>) -> String {
    known
        .keys()
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
