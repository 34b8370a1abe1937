//! Checking a rulebook file and resolving its names to bits. Every
//! diagnostic names the path of the value it is about (`rules[4].kind.with[0]`).

use super::file::{RULEBOOK_FORMAT, RuleFile, RulebookFile, TermFile};
use super::{
    Cause, Check, Lessons, MAX_CUES, MAX_RULE_FLAGS, MAX_TAGS, Rule, RuleKind, Rulebook, TagSet,
    Term, Trigger, Who, suggest,
};
use crate::diagnostic::{Diagnostic, Source};
use rustc_hash::{FxHashMap, FxHashSet};

/// The terms of one vocabulary (`tags`, `cues` or `flags`, the list it is
/// written in), by id; says which are taken twice or untranslated.
fn vocabulary(
    src: &Source,
    list: &str,
    terms: &[TermFile],
    limit: usize,
    diags: &mut Vec<Diagnostic>,
) -> FxHashMap<String, usize> {
    // "tags" names a "tag".
    let what = list.strip_suffix('s').unwrap_or(list);
    let mut ix = FxHashMap::default();
    for (i, t) in terms.iter().enumerate() {
        if ix.contains_key(&t.id) {
            let at = src.offset(&format!("{list}[{i}].id"));
            diags.push(src.error(at, format!("duplicate {what} `{}`", t.id)));
        } else {
            ix.insert(t.id.clone(), i);
        }
        for lang in t.meaning.missing() {
            let at = src.offset(&format!("{list}[{i}].meaning"));
            diags.push(src.warning(at, format!("{what} `{}` has no meaning in `{lang}`", t.id)));
        }
    }
    if terms.len() > limit {
        diags.push(src.error(
            src.key_offset(list),
            format!("{} {what}s; at most {limit} are supported", terms.len()),
        ));
    }
    ix
}

/// Checks `file` (read from `src`) and builds the rulebook: with its
/// warnings, or every error found.
pub(super) fn compile(
    src: &Source,
    file: RulebookFile,
    lessons: &Lessons,
) -> Result<(Rulebook, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    if file.format != RULEBOOK_FORMAT {
        diags.push(src.error(
            src.key_offset("format"),
            format!(
                "rulebook format {} is not supported; this build reads format {RULEBOOK_FORMAT}",
                file.format
            ),
        ));
    }
    if !(0.0..=100.0).contains(&file.pass_mark) {
        diags.push(src.error(
            src.key_offset("pass_mark"),
            "pass_mark must be between 0 and 100",
        ));
    }
    let names = Names {
        tags: vocabulary(src, "tags", &file.tags, MAX_TAGS, &mut diags),
        cues: vocabulary(src, "cues", &file.cues, MAX_CUES, &mut diags),
        flags: vocabulary(src, "flags", &file.flags, MAX_RULE_FLAGS, &mut diags),
    };

    let mut rules = Vec::new();
    let mut seen = FxHashSet::default();
    for (i, r) in file.rules.iter().enumerate() {
        if !seen.insert(r.id.as_str()) {
            let at = src.offset(&format!("rules[{i}].id"));
            diags.push(src.error(at, format!("duplicate rule `{}`", r.id)));
        }
        let mut cx = RuleCx {
            src,
            path: format!("rules[{i}]"),
            r,
            names: &names,
            diags: &mut diags,
        };
        if let Some(rule) = cx.rule(lessons) {
            rules.push(rule);
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let judged = rules
        .iter()
        .fold(TagSet::default(), |t, r| t.union(r.check.reads()));
    for (i, t) in file.tags.iter().enumerate() {
        let read = judged.meets(TagSet::default().with(i));
        let at = src.offset(&format!("tags[{i}].id"));
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
        tag_ix: names.tags,
        cue_ix: names.cues,
        flag_ix: names.flags,
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

/// The rulebook's vocabularies, by id.
struct Names {
    tags: FxHashMap<String, usize>,
    cues: FxHashMap<String, usize>,
    flags: FxHashMap<String, usize>,
}

/// One rule being checked, written at `path`.
struct RuleCx<'a, 'd> {
    src: &'a Source<'a>,
    path: String,
    r: &'a RuleFile,
    names: &'a Names,
    diags: &'d mut Vec<Diagnostic>,
}

impl RuleCx<'_, '_> {
    fn error(&mut self, field: &str, msg: String) {
        let at = self.src.offset(&format!("{}.{field}", self.path));
        self.diags.push(self.src.error(at, msg));
    }

    fn warning(&mut self, field: &str, msg: String) {
        let at = self.src.offset(&format!("{}.{field}", self.path));
        self.diags.push(self.src.warning(at, msg));
    }

    /// The rule, or `None` when it has errors (each already said).
    fn rule(&mut self, lessons: &Lessons) -> Option<Rule> {
        let before = self.diags.len();
        let r = self.r;
        let check = self.check();
        if !(r.weight.is_finite() && r.weight > 0.0 && r.weight <= 100.0) {
            let at = self.src.key_offset(&format!("{}.weight", self.path));
            self.diags.push(self.src.error(
                at,
                format!(
                    "rule `{}`: weight must be a number above 0 and at most 100",
                    r.id
                ),
            ));
        }
        let cited = std::iter::once(("source".to_string(), &r.source)).chain(
            r.also
                .iter()
                .enumerate()
                .map(|(k, l)| (format!("also[{k}]"), l)),
        );
        for (field, lesson) in cited {
            match lessons.get(lesson) {
                None => self.error(
                    &field,
                    format!("rule `{}` cites unknown lesson `{lesson}`", r.id),
                ),
                Some(l) if l.who == Who::Organisation => self.warning(
                    &field,
                    format!("rule `{}` cites `{lesson}`, a lesson for the organisation, not the trainee", r.id),
                ),
                Some(_) => {}
            }
        }
        for (what, text) in [("title", &r.title), ("explain", &r.explain)] {
            for lang in text.missing() {
                self.warning(what, format!("rule `{}` has no {what} in `{lang}`", r.id));
            }
        }
        if self.diags[before..].iter().any(Diagnostic::is_error) {
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

    /// The rule's monitor, its names resolved.
    fn check(&mut self) -> Check {
        match &self.r.kind {
            RuleKind::Forbid { tags } => Check::Forbid(self.tags("kind.tags", tags)),
            RuleKind::Require { tags } => Check::Require(self.tags("kind.tags", tags)),
            RuleKind::Before { first, then } => Check::Before {
                first: self.tags("kind.first", first),
                then: self.tags("kind.then", then),
            },
            RuleKind::Respond { to, with, within } => Check::Respond {
                cause: self.trigger(to),
                with: self.tags("kind.with", with),
                within: self.within(*within),
            },
            RuleKind::WhenFlag {
                flag,
                require,
                within,
            } => Check::Respond {
                cause: self.flag(flag),
                with: self.tags("kind.require", require),
                within: self.within(*within),
            },
        }
    }

    /// The tags listed at `field` (or the one tag written there, for a
    /// field that holds one): at least one, each declared.
    fn tags(&mut self, field: &str, names: &[String]) -> TagSet {
        let one = field.ends_with(".0");
        let mut set = TagSet::default();
        if names.is_empty() {
            self.error(field, format!("rule `{}` names no tag", self.r.id));
        }
        for (k, name) in names.iter().enumerate() {
            match self.names.tags.get(name) {
                Some(&i) if i < MAX_TAGS => set = set.with(i),
                Some(_) => {}
                None => self.error(
                    &if one {
                        field.to_string()
                    } else {
                        format!("{field}[{k}]")
                    },
                    format!(
                        "rule `{}` names unknown tag `{name}`{}",
                        self.r.id,
                        suggest(name, &self.names.tags)
                    ),
                ),
            }
        }
        set
    }

    fn trigger(&mut self, to: &Trigger) -> Cause {
        match to {
            Trigger::Emotion(es) => {
                if es.is_empty() {
                    self.error(
                        "kind.to",
                        format!("rule `{}` responds to no emotion", self.r.id),
                    );
                }
                Cause::Emotion(es.iter().fold(0, |m, e| m | e.bit()))
            }
            Trigger::Cue(c) => match self.names.cues.get(c) {
                Some(&i) if i < MAX_CUES => Cause::Cue(1 << i),
                Some(_) => Cause::Cue(0),
                None => {
                    self.error(
                        "kind.to.0",
                        format!(
                            "rule `{}` responds to unknown cue `{c}`{}",
                            self.r.id,
                            suggest(c, &self.names.cues)
                        ),
                    );
                    Cause::Cue(0)
                }
            },
            Trigger::Tag(t) => Cause::Tag(self.tags("kind.to.0", std::slice::from_ref(t))),
        }
    }

    fn flag(&mut self, flag: &str) -> Cause {
        match self.names.flags.get(flag) {
            Some(&i) if i < MAX_RULE_FLAGS => Cause::Flag(i as u8),
            Some(_) => Cause::Flag(0),
            None => {
                self.error(
                    "kind.flag",
                    format!(
                        "rule `{}` reads flag `{flag}`, which the rulebook's `flags` does not declare{}",
                        self.r.id,
                        suggest(flag, &self.names.flags)
                    ),
                );
                Cause::Flag(0)
            }
        }
    }

    fn within(&mut self, w: u8) -> u8 {
        if w == 0 {
            let at = self.src.key_offset(&format!("{}.kind.within", self.path));
            self.diags.push(self.src.error(
                at,
                format!("rule `{}`: `within` must be at least 1 chance", self.r.id),
            ));
        }
        w.max(1)
    }
}
