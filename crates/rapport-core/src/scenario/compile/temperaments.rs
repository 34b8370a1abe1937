//! Temperaments: the ways the client can be on the day. Each is checked
//! against the beats and choices it names, then compiled into a whole
//! scenario of its own (lines, replies, starting meters and effects as this
//! client has them), so that the engine plays it like any other.

use super::{Ctx, valid_id};
use crate::scenario::file::{BeatFile, Moves, Shift, TemperamentFile};
use crate::scenario::{Choice, Emotion, Place, Reply, Scenario, Temperament};
use crate::text::Text;
use rustc_hash::FxHashSet;

/// At most this many temperaments: a draw is one byte, and more would be
/// more worlds for analysis than any author can write well.
const MAX_TEMPERAMENTS: usize = 8;
/// The largest factor on how a meter moves: beyond it one choice decides
/// the meeting whatever the scenario meant.
const MAX_FACTOR: f64 = 4.0;

/// A temperament checked, its beats and choices resolved to indices.
pub(super) struct Spec {
    id: String,
    name: Text,
    about: Text,
    weight: f64,
    initial: Shift,
    moves: Moves,
    lines: Vec<(usize, Option<Emotion>, Text)>,
    replies: Vec<(usize, usize, Option<Emotion>, Text)>,
}

/// Checks the file's temperaments: every error located at the value it is
/// about.
pub(super) fn check(cx: &mut Ctx, list: &[TemperamentFile], beats: &[BeatFile]) -> Vec<Spec> {
    if list.len() == 1 || list.len() > MAX_TEMPERAMENTS {
        // One temperament is the client as written with extra steps: say so
        // rather than draw it every time.
        cx.error_at_key(
            "temperaments",
            format!(
                "{} temperaments; a scenario has none or 2 to {MAX_TEMPERAMENTS}",
                list.len()
            ),
        );
    }
    let mut seen = FxHashSet::default();
    let mut total = 0.0;
    let mut out = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let path = format!("temperaments[{i}]");
        if !valid_id(&t.id) {
            cx.error(
                &format!("{path}.id"),
                format!(
                    "temperament id `{}` is not a valid id (use a-z, 0-9, `_`, `-`)",
                    t.id
                ),
            );
        } else if !seen.insert(t.id.as_str()) {
            cx.error(
                &format!("{path}.id"),
                format!("duplicate temperament `{}`", t.id),
            );
        }
        let whose = format!("temperament `{}`", t.id);
        cx.text(
            &format!("{path}.name"),
            &format!("{whose}: the name"),
            &t.name,
        );
        cx.text(
            &format!("{path}.about"),
            &format!("{whose}: `about`"),
            &t.about,
        );
        if t.weight.is_finite() && t.weight >= 0.0 {
            total += t.weight;
        } else {
            cx.error_at_key(
                &format!("{path}.weight"),
                format!(
                    "{whose} has weight {}; weights are finite and not negative",
                    t.weight
                ),
            );
        }
        let shift = [t.initial.trust, t.initial.patience, t.initial.interest];
        let factors = [t.moves.trust, t.moves.patience, t.moves.interest];
        for (k, name) in ["trust", "patience", "interest"].into_iter().enumerate() {
            if !(-100..=100).contains(&shift[k]) {
                cx.error(
                    &format!("{path}.initial.{name}"),
                    format!(
                        "{whose}: a starting shift of {} is outside -100..=100",
                        shift[k]
                    ),
                );
            }
            if !(factors[k].is_finite() && (0.0..=MAX_FACTOR).contains(&factors[k])) {
                cx.error(
                    &format!("{path}.moves.{name}"),
                    format!(
                        "{whose}: a factor of {} is outside 0..={MAX_FACTOR}",
                        factors[k]
                    ),
                );
            }
        }
        let lines = lines(cx, &path, &whose, t, beats);
        let replies = replies(cx, &path, &whose, t, beats);
        out.push(Spec {
            id: t.id.clone(),
            name: t.name.clone(),
            about: t.about.clone(),
            weight: t.weight,
            initial: t.initial,
            moves: t.moves,
            lines,
            replies,
        });
    }
    if list.len() > 1 && total <= 0.0 {
        cx.error_at_key(
            "temperaments",
            "the weights of the temperaments add up to zero",
        );
    }
    out
}

/// The beat named at `path`, if it is one.
fn beat(cx: &mut Ctx, path: &str, whose: &str, id: &str) -> Option<usize> {
    match cx.nodes.get(id) {
        Some(Place::Beat(b)) => Some(*b as usize),
        Some(Place::Ending(_)) => {
            cx.error(
                path,
                format!("{whose} names `{id}`, an ending: only beats have lines"),
            );
            None
        }
        None => {
            cx.error(
                path,
                format!("{whose} names beat `{id}`, which does not exist"),
            );
            None
        }
    }
}

fn lines(
    cx: &mut Ctx,
    path: &str,
    whose: &str,
    t: &TemperamentFile,
    beats: &[BeatFile],
) -> Vec<(usize, Option<Emotion>, Text)> {
    let mut out = Vec::new();
    let mut seen = FxHashSet::default();
    for (k, l) in t.lines.iter().enumerate() {
        let at = format!("{path}.lines[{k}]");
        let Some(b) = beat(cx, &format!("{at}.beat"), whose, &l.beat) else {
            continue;
        };
        if !seen.insert(b) {
            cx.error(
                &format!("{at}.beat"),
                format!("{whose} gives beat `{}` two lines", l.beat),
            );
        }
        let what = format!("{whose}: the line at `{}`", beats[b].id);
        cx.text(&format!("{at}.line"), &what, &l.line);
        out.push((b, l.emotion, l.line.clone()));
    }
    out
}

fn replies(
    cx: &mut Ctx,
    path: &str,
    whose: &str,
    t: &TemperamentFile,
    beats: &[BeatFile],
) -> Vec<(usize, usize, Option<Emotion>, Text)> {
    let mut out = Vec::new();
    let mut seen = FxHashSet::default();
    for (k, r) in t.replies.iter().enumerate() {
        let at = format!("{path}.replies[{k}]");
        let Some(b) = beat(cx, &format!("{at}.beat"), whose, &r.beat) else {
            continue;
        };
        let count = beats[b].choices.len();
        let c = r.choice as usize;
        if c == 0 || c > count {
            cx.error(
                &format!("{at}.choice"),
                format!(
                    "{whose} answers choice {c} of beat `{}`, which has choices 1 to {count}",
                    r.beat
                ),
            );
            continue;
        }
        if !seen.insert((b, c)) {
            cx.error(
                &format!("{at}.choice"),
                format!("{whose} answers choice {c} of beat `{}` twice", r.beat),
            );
        }
        let what = format!("{whose}: the reply to choice {c} at `{}`", r.beat);
        cx.text(&format!("{at}.line"), &what, &r.line);
        out.push((b, c - 1, r.emotion, r.line.clone()));
    }
    out
}

/// Each temperament as a whole scenario: `base` with his lines, replies,
/// starting meters and every choice's effect on the meters scaled.
pub(super) fn build(base: &Scenario, specs: Vec<Spec>) -> Vec<Temperament> {
    specs
        .into_iter()
        .map(|t| {
            let mut s = base.clone();
            s.initial.trust += t.initial.trust;
            s.initial.patience += t.initial.patience;
            s.initial.interest += t.initial.interest;
            for beat in &mut s.beats {
                for c in beat.choices.iter_mut().chain(beat.silence.as_mut()) {
                    scale(c, t.moves);
                }
            }
            for (b, emotion, line) in t.lines {
                let beat = &mut s.beats[b];
                beat.line = line;
                beat.emotion = emotion.unwrap_or(beat.emotion);
            }
            for (b, c, emotion, line) in t.replies {
                let choice = &mut s.beats[b].choices[c];
                let was = choice
                    .reply
                    .as_ref()
                    .map_or(Emotion::Neutral, |r| r.emotion);
                choice.reply = Some(Reply {
                    emotion: emotion.unwrap_or(was),
                    line,
                });
            }
            Temperament {
                id: t.id,
                name: t.name,
                about: t.about,
                weight: t.weight,
                scenario: s,
            }
        })
        .collect()
}

/// Scales a choice's changes to the meters, rounding half away from zero so
/// that a small change with a factor above 1 still moves the meter.
fn scale(c: &mut Choice, m: Moves) {
    let f = |v: i32, k: f64| (f64::from(v) * k).round() as i32;
    c.effect.trust = f(c.effect.trust, m.trust);
    c.effect.patience = f(c.effect.patience, m.patience);
    c.effect.interest = f(c.effect.interest, m.interest);
}
