//! Beats and endings under their ids, and the references to them: `start`,
//! every `next`, every branch, `on_patience_out`.

use super::{Ctx, valid_id};
use crate::rulebook::suggest;
use crate::scenario::file::EndingFile;
use crate::scenario::{Ending, Place};
use rustc_hash::FxHashMap;

/// One kind of thing a scenario names with an id that `next` can lead to.
pub(super) struct Kind {
    /// The list it is written in.
    list: &'static str,
    /// What the author calls it.
    noun: &'static str,
    node: fn(u32) -> Place,
}

/// The beats of a scenario.
pub(super) const BEATS: Kind = Kind {
    list: "beats",
    noun: "beat",
    node: Place::Beat,
};

/// The endings of a scenario.
pub(super) const ENDINGS: Kind = Kind {
    list: "endings",
    noun: "ending",
    node: Place::Ending,
};

/// Enters each id of `kind`, in order, in the one namespace of beats and
/// endings, saying which are malformed or taken.
pub(super) fn register<'f>(cx: &mut Ctx, kind: &Kind, ids: impl Iterator<Item = &'f String>) {
    for (i, id) in ids.enumerate() {
        let path = format!("{}[{i}].id", kind.list);
        if !valid_id(id) {
            cx.error(
                &path,
                format!(
                    "{} id `{id}` must be 1 to 64 lower-case letters, digits, `_` or `-`",
                    kind.noun
                ),
            );
        }
        if cx.nodes.insert(id.clone(), (kind.node)(i as u32)).is_some() {
            cx.error(&path, format!("duplicate id `{id}`"));
        }
    }
}

/// The endings, their texts checked.
pub(super) fn endings(cx: &mut Ctx, endings: &[EndingFile]) -> Vec<Ending> {
    endings
        .iter()
        .enumerate()
        .map(|(i, e)| {
            for (field, what, t) in [
                ("title", "the title", &e.title),
                ("text", "the text", &e.text),
            ] {
                cx.text(
                    &format!("endings[{i}].{field}"),
                    &format!("ending `{}`: {what}", e.id),
                    t,
                );
            }
            Ending {
                id: e.id.clone(),
                outcome: e.outcome,
                title: e.title.clone(),
                text: e.text.clone(),
            }
        })
        .collect()
}

/// The beat sessions start at.
pub(super) fn start(cx: &mut Ctx, start: &str) -> u32 {
    match cx.nodes.get(start) {
        Some(Place::Beat(i)) => *i,
        Some(Place::Ending(_)) => {
            cx.error(
                "start",
                format!("`start` names the ending `{start}`; it must name a beat"),
            );
            0
        }
        None => {
            cx.error(
                "start",
                format!("`start` names `{start}`, which is not a beat"),
            );
            0
        }
    }
}

impl Ctx<'_> {
    /// The beat or ending `target` (written at `path`) names.
    pub(super) fn node(&mut self, path: &str, target: &str, whose: &str) -> Place {
        if let Some(&n) = self.nodes.get(target) {
            return n;
        }
        let known: FxHashMap<String, usize> = self.nodes.keys().map(|k| (k.clone(), 0)).collect();
        let hint = suggest(target, &known);
        self.error(
            path,
            format!("{whose} leads to `{target}`, which is neither a beat nor an ending{hint}"),
        );
        Place::Ending(0)
    }
}
