//! A beat: its lines and cues, its choices, its timer and its silence.

use super::{Ctx, MAX_CHOICES};
use crate::rulebook::{MAX_CUES, TagSet, suggest};
use crate::scenario::file::BeatFile;
use crate::scenario::{Beat, Choice, Speaker, Variant};
use rustc_hash::FxHashMap;

/// Beat `i` of the file; its diagnostics about the beat as a whole point at
/// its id.
pub(super) fn compile(cx: &mut Ctx, i: usize, b: &BeatFile) -> Beat {
    let path = format!("beats[{i}]");
    let at = format!("{path}.id");
    let whose = format!("beat `{}`", b.id);
    cx.text(
        &format!("{path}.line"),
        &format!("{whose}: the line"),
        &b.line,
    );
    if let Speaker::Person(name) = &b.speaker {
        cx.text(
            &format!("{path}.speaker.0"),
            &format!("{whose}: the speaker's name"),
            name,
        );
    }
    let cues = cues(cx, &path, b, &whose);
    if let Some(n) = &b.narration {
        cx.text(
            &format!("{path}.narration"),
            &format!("{whose}: the narration"),
            n,
        );
    }
    let on_enter = cx.effect(&path, [0, 0, 0], &b.set, &b.clear);
    let variants = b
        .variants
        .iter()
        .enumerate()
        .map(|(k, v)| {
            let vpath = format!("{path}.variants[{k}]");
            cx.text(
                &format!("{vpath}.line"),
                &format!("{whose}: a variant line"),
                &v.line,
            );
            Variant {
                when: cx.condition(&format!("{vpath}.when"), &v.when),
                emotion: v.emotion,
                line: v.line.clone(),
            }
        })
        .collect();
    if b.choices.is_empty() {
        cx.error(
            &at,
            format!("{whose} has no choices; every beat needs at least one"),
        );
    }
    if b.choices.len() > MAX_CHOICES {
        cx.error(
            &at,
            format!(
                "{whose} has {} choices; at most {MAX_CHOICES} fit on the keys 1 to 9",
                b.choices.len()
            ),
        );
    }
    let choices: Vec<Choice> = b
        .choices
        .iter()
        .take(MAX_CHOICES)
        .enumerate()
        .map(|(k, c)| {
            cx.choice(
                &format!("{path}.choices[{k}]"),
                c,
                &format!("{whose}, choice {}", k + 1),
            )
        })
        .collect();
    let (time_limit, silence) = timer(cx, &path, b, &whose);
    let feedback = cx.feedback(&format!("{path}.feedback"), &b.feedback, &whose);
    let pinned = choices.iter().any(|c| c.pin.is_some());
    let unconditional = choices.iter().all(|c| c.when.is_none());
    let choice_tags = choices
        .iter()
        .fold(TagSet::default(), |t, c| t.union(c.tags));
    Beat {
        unconditional,
        choice_tags,
        pinned,
        feedback,
        id: b.id.clone(),
        speaker: b.speaker.clone(),
        emotion: b.emotion,
        line: b.line.clone(),
        cues,
        narration: b.narration.clone(),
        on_enter,
        variants,
        time_limit,
        silence,
        choices,
        events: Vec::new(),
    }
}

/// The cues of the beat at `path` as bits, each known to the rulebook.
fn cues(cx: &mut Ctx, path: &str, b: &BeatFile, whose: &str) -> u64 {
    let mut cues = 0u64;
    for (k, c) in b.cues.iter().enumerate() {
        match cx.book.cue(c) {
            Some(i) if i < MAX_CUES => cues |= 1 << i,
            _ => {
                let known: FxHashMap<String, usize> =
                    cx.book.cues.iter().map(|t| (t.id.clone(), 0)).collect();
                cx.error(
                    &format!("{path}.cues[{k}]"),
                    format!(
                        "{whose} has cue `{c}`, which the rulebook does not know{}",
                        suggest(c, &known)
                    ),
                );
            }
        }
    }
    cues
}

/// The time limit and the silence choice, which only make sense together.
fn timer(cx: &mut Ctx, path: &str, b: &BeatFile, whose: &str) -> (Option<f32>, Option<Choice>) {
    let time_limit = match b.time_limit {
        Some(t) if !(t.is_finite() && t > 0.0 && t <= 3600.0) => {
            cx.error_at_key(
                &format!("{path}.time_limit"),
                format!("{whose}: time_limit must be between 0 and 3600 seconds"),
            );
            None
        }
        t => t,
    };
    let spath = format!("{path}.silence");
    let silence = b.silence.as_ref().map(|s| {
        if s.when.is_some() {
            cx.error(
                &format!("{spath}.when"),
                format!("{whose}: the silence choice cannot have a condition"),
            );
        }
        cx.choice(&spath, s, &format!("{whose}, silence"))
    });
    let at = format!("{path}.id");
    match (time_limit.is_some(), silence.is_some()) {
        (true, false) => cx.error(
            &at,
            format!("{whose} has a time limit but no `silence` choice for when it runs out"),
        ),
        (false, true) => cx.warning(
            &at,
            format!("{whose} has a `silence` choice but no time limit, so it never fires"),
        ),
        _ => {}
    }
    if b.silence.as_ref().is_some_and(|s| s.pin.is_some()) {
        cx.warning(
            &format!("{spath}.pin"),
            format!("{whose}: the silence choice is never listed, so its `pin` does nothing"),
        );
    }
    (time_limit, silence)
}
