//! A choice and the values it is made of: texts, tags, conditions, flags,
//! effects and feedback, each checked where it is written.

use super::{Ctx, MAX_FLAGS, MAX_TEXT, valid_id};
use crate::rulebook::{TagSet, suggest};
use crate::scenario::file::{ChoiceFile, Cond, FeedbackFile, Phrasings};
use crate::scenario::{Choice, Condition, Effect, Reply};
use crate::text::{Lang, Text};
use rustc_hash::FxHashMap;

impl Ctx<'_> {
    /// The bit of flag `name`, given one if it is new; `None` past
    /// [`MAX_FLAGS`].
    pub(super) fn flag(&mut self, name: &str) -> Option<u8> {
        if let Some(&i) = self.flag_ix.get(name) {
            return Some(i as u8);
        }
        if self.flags.len() >= MAX_FLAGS {
            return None;
        }
        let i = self.flags.len();
        self.flags.push(name.to_string());
        self.flag_ix.insert(name.to_string(), i);
        self.flags_set.push(false);
        self.flags_read.push(None);
        Some(i as u8)
    }

    /// The bits of the flags listed at `path`; `setting` when the list sets
    /// them (rather than clears them).
    fn flag_bits(&mut self, path: &str, names: &[String], setting: bool) -> u64 {
        let mut bits = 0u64;
        for (k, name) in names.iter().enumerate() {
            let at = format!("{path}[{k}]");
            if !valid_id(name) {
                self.error(
                    &at,
                    format!("flag `{name}` is not a valid name (use letters, digits and `_`)"),
                );
                continue;
            }
            match self.flag(name) {
                Some(i) => {
                    bits |= 1 << i;
                    if setting {
                        self.flags_set[i as usize] = true;
                    }
                }
                None => self.error(
                    &at,
                    format!("more than {MAX_FLAGS} flags; `{name}` is one too many"),
                ),
            }
        }
        bits
    }

    /// The condition written at `path`.
    pub(super) fn condition(&mut self, path: &str, c: &Cond) -> Condition {
        match c {
            Cond::Flag(f) | Cond::NotFlag(f) => {
                let at = format!("{path}.0");
                let i = match self.flag(f) {
                    Some(i) => i,
                    None => {
                        self.error(
                            &at,
                            format!("more than {MAX_FLAGS} flags; `{f}` is one too many"),
                        );
                        0
                    }
                };
                if let Some(slot) = self.flags_read.get_mut(i as usize)
                    && slot.is_none()
                {
                    *slot = Some(at);
                }
                if matches!(c, Cond::Flag(_)) {
                    Condition::Flag(i)
                } else {
                    Condition::NotFlag(i)
                }
            }
            Cond::AtLeast(m, v) | Cond::Below(m, v) => {
                if !(0..=101).contains(v) {
                    self.error(
                        &format!("{path}.1"),
                        format!("condition compares {m:?} with {v}; meters run from 0 to 100"),
                    );
                }
                if matches!(c, Cond::AtLeast(..)) {
                    Condition::AtLeast(*m, *v)
                } else {
                    Condition::Below(*m, *v)
                }
            }
            Cond::Level(d) => Condition::Level(*d),
            Cond::All(cs) | Cond::Any(cs) => {
                let cs = cs
                    .iter()
                    .enumerate()
                    .map(|(k, c)| self.condition(&format!("{path}.0[{k}]"), c))
                    .collect();
                if matches!(c, Cond::All(_)) {
                    Condition::All(cs)
                } else {
                    Condition::Any(cs)
                }
            }
            Cond::Not(c) => Condition::Not(Box::new(self.condition(&format!("{path}.0"), c))),
        }
    }

    /// A player-visible text, written at `path`: present, translated, not
    /// too long.
    pub(super) fn text(&mut self, path: &str, what: &str, t: &Text) {
        if t.en.trim().is_empty() && t.ru.trim().is_empty() {
            self.error(path, format!("{what} is empty in every language"));
            return;
        }
        for lang in t.missing() {
            self.warning(path, format!("{what} has no `{lang}` translation"));
        }
        let long = if t.en.len() > MAX_TEXT {
            Some("en")
        } else if t.ru.len() > MAX_TEXT {
            Some("ru")
        } else {
            None
        };
        if let Some(lang) = long {
            self.error(
                &format!("{path}.{lang}"),
                format!("{what} is longer than {MAX_TEXT} bytes"),
            );
        }
    }

    /// The author's phrasings of a choice, at `path`: checked like any text
    /// (none empty or too long), and each language that has some wants the
    /// other to have some too, or the matcher learns in one language only.
    fn phrasings(&mut self, path: &str, say: &Phrasings, whose: &str) {
        if say.is_empty() {
            return;
        }
        for lang in Lang::ALL {
            let list = say.get(lang);
            if list.is_empty() {
                self.warning(
                    path,
                    format!("{whose}: the phrasings (`say`) have no `{lang}` translation"),
                );
            }
            for (k, p) in list.iter().enumerate() {
                let at = format!("{path}.{lang}[{k}]");
                if p.trim().is_empty() {
                    self.error(&at, format!("{whose}: a phrasing (`say`) is empty"));
                } else if p.len() > MAX_TEXT {
                    self.error(
                        &at,
                        format!("{whose}: a phrasing (`say`) is longer than {MAX_TEXT} bytes"),
                    );
                }
            }
        }
    }

    /// The tags listed at `path`, each known to the rulebook.
    fn tags(&mut self, path: &str, names: &[String], whose: &str) -> TagSet {
        let mut set = TagSet::default();
        for (k, name) in names.iter().enumerate() {
            let at = format!("{path}[{k}]");
            match self.book.tag(name) {
                Some(i) => {
                    set = set.with(i);
                    let one = TagSet::default().with(i);
                    if self.book.unjudged().meets(one) && !self.unjudged_seen.meets(one) {
                        self.unjudged_seen = self.unjudged_seen.union(one);
                        self.warning(
                            &at,
                            format!(
                                "{whose} has tag `{name}`, which no rule of the rulebook judges: the choice is scored on nothing for it"
                            ),
                        );
                    }
                }
                None => {
                    let known: FxHashMap<String, usize> =
                        self.book.tags.iter().map(|t| (t.id.clone(), 0)).collect();
                    self.error(
                        &at,
                        format!(
                            "{whose} has tag `{name}`, which the rulebook does not know{}",
                            suggest(name, &known)
                        ),
                    );
                }
            }
        }
        set
    }

    /// The effect of the struct at `path`: its `trust`, `patience` and
    /// `interest` (`meters`, in that order) and its `set` and `clear` lists.
    pub(super) fn effect(
        &mut self,
        path: &str,
        meters: [i32; 3],
        set: &[String],
        clear: &[String],
    ) -> Effect {
        for (name, v) in ["trust", "patience", "interest"].into_iter().zip(meters) {
            if !(-100..=100).contains(&v) {
                self.error(
                    &format!("{path}.{name}"),
                    format!("an effect of {v} is outside -100..=100"),
                );
            }
        }
        Effect {
            trust: meters[0],
            patience: meters[1],
            interest: meters[2],
            set: self.flag_bits(&format!("{path}.set"), set, true),
            clear: self.flag_bits(&format!("{path}.clear"), clear, false),
        }
    }

    /// The choice written at `path`, which the author knows as `whose`.
    pub(super) fn choice(&mut self, path: &str, c: &ChoiceFile, whose: &str) -> Choice {
        self.text(
            &format!("{path}.text"),
            &format!("{whose}: the text"),
            &c.text,
        );
        let tags = self.tags(&format!("{path}.tags"), &c.tags, whose);
        let when = c
            .when
            .as_ref()
            .map(|w| self.condition(&format!("{path}.when"), w));
        let effect = self.effect(path, [c.trust, c.patience, c.interest], &c.set, &c.clear);
        let reply = c.reply.as_ref().map(|r| {
            self.text(
                &format!("{path}.reply.line"),
                &format!("{whose}: the reply"),
                &r.line,
            );
            Reply {
                emotion: r.emotion,
                line: r.line.clone(),
            }
        });
        let next = self.node(&format!("{path}.next"), &c.next, whose);
        let branches = c
            .branches
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let cond = self.condition(&format!("{path}.branches[{k}].when"), &b.when);
                (
                    cond,
                    self.node(&format!("{path}.branches[{k}].to"), &b.to, whose),
                )
            })
            .collect();
        let feedback = self.feedback(&format!("{path}.feedback"), &c.feedback, whose);
        self.phrasings(&format!("{path}.say"), &c.say, whose);
        Choice {
            text: c.text.clone(),
            tags,
            when,
            effect,
            reply,
            next,
            branches,
            pin: c.pin,
            feedback,
            say: c.say.clone(),
        }
    }

    /// Feedback by rule, listed at `path`: each rule must exist, once.
    pub(super) fn feedback(
        &mut self,
        path: &str,
        items: &[FeedbackFile],
        whose: &str,
    ) -> Vec<(usize, Text)> {
        let mut out: Vec<(usize, Text)> = Vec::new();
        for (k, f) in items.iter().enumerate() {
            let at = format!("{path}[{k}].rule");
            match self.book.rules.iter().position(|r| r.id == f.rule) {
                None => {
                    let known: FxHashMap<String, usize> =
                        self.book.rules.iter().map(|r| (r.id.clone(), 0)).collect();
                    self.error(
                        &at,
                        format!(
                            "{whose} has feedback for rule `{}`, which the rulebook does not have{}",
                            f.rule,
                            suggest(&f.rule, &known)
                        ),
                    );
                }
                Some(r) if out.iter().any(|(k, _)| *k == r) => {
                    self.error(
                        &at,
                        format!("{whose} has feedback for rule `{}` twice", f.rule),
                    );
                }
                Some(r) => {
                    self.text(
                        &format!("{path}[{k}].text"),
                        &format!("{whose}: the feedback for `{}`", f.rule),
                        &f.text,
                    );
                    out.push((r, f.text.clone()));
                }
            }
        }
        out
    }
}
