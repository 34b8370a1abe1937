//! The scenario as a whole: its id, its texts and briefing, the lessons it
//! cites, its meters and levels, its size and its turn limit.

use super::{Ctx, DEFAULT_MAX_TURNS, EXCEED_AUTHORITY, MAX_BEATS, MAX_TURNS, valid_id};
use crate::rulebook::TagSet;
use crate::scenario::file::{Briefing, Difficulty, LevelFile, Levels, ScenarioFile};
use crate::scenario::{Beat, Level};

/// The id, the texts, the lessons and the initial meters.
pub(super) fn check(cx: &mut Ctx, file: &ScenarioFile) {
    if !valid_id(&file.id) {
        cx.error(
            "id",
            format!(
                "scenario id `{}` must be 1 to 64 lower-case letters, digits, `_` or `-`",
                file.id
            ),
        );
    }
    cx.text("title", "the title", &file.title);
    cx.text("summary", "the summary", &file.summary);
    if let Some(trains) = &file.trains {
        cx.text("trains", "what it trains", trains);
    }
    for (path, what, t) in [
        ("persona.name", "the persona's name", &file.persona.name),
        ("persona.role", "the persona's role", &file.persona.role),
        (
            "persona.company",
            "the persona's company",
            &file.persona.company,
        ),
        (
            "persona.about",
            "the persona's description",
            &file.persona.about,
        ),
        (
            "briefing.setting",
            "the briefing's setting",
            &file.briefing.setting,
        ),
        ("briefing.goal", "the briefing's goal", &file.briefing.goal),
    ] {
        cx.text(path, what, t);
    }
    if let Some(t) = &file.briefing.authority {
        cx.text("briefing.authority", "the briefing's authority", t);
    }
    for (i, l) in file.lessons.iter().enumerate() {
        if crate::rulebook::Lessons::shipped().get(l).is_none() {
            cx.error(&format!("lessons[{i}]"), format!("unknown lesson `{l}`"));
        }
    }
    for (name, v) in [
        ("trust", file.initial.trust),
        ("patience", file.initial.patience),
        ("interest", file.initial.interest),
    ] {
        if !(0..=100).contains(&v) {
            cx.error(
                &format!("initial.{name}"),
                format!("initial {name} is {v}; meters run from 0 to 100"),
            );
        }
    }
}

/// Whether the file is small enough to go on; says why not, or what is
/// missing (no beats, no endings).
pub(super) fn sizes(cx: &mut Ctx, file: &ScenarioFile) -> bool {
    if file.beats.len() > MAX_BEATS {
        cx.error_at_key(
            "beats",
            format!(
                "{} beats; at most {MAX_BEATS} are supported",
                file.beats.len()
            ),
        );
        return false;
    }
    if file.beats.is_empty() {
        cx.error_at_key("beats", "the scenario has no beats");
    }
    if file.endings.is_empty() {
        cx.error_at_key("endings", "the scenario has no endings");
    }
    true
}

/// The turn limit, the default when the file sets none.
pub(super) fn max_turns(cx: &mut Ctx, set: Option<u32>) -> u32 {
    let max_turns = set.unwrap_or(DEFAULT_MAX_TURNS);
    if max_turns == 0 || max_turns > MAX_TURNS {
        cx.error_at_key(
            "max_turns",
            format!("max_turns must be between 1 and {MAX_TURNS}"),
        );
    }
    max_turns
}

fn level(l: &LevelFile) -> Level {
    Level {
        trust: l.trust,
        patience: l.patience,
        interest: l.interest,
        time_factor: l.time_factor,
    }
}

/// The three levels as written, or the defaults.
pub(super) fn levels(cx: &mut Ctx, levels: Option<&Levels>) -> [Level; 3] {
    let Some(l) = levels else {
        return Difficulty::ALL.map(Level::default_for);
    };
    let ls = [level(&l.easy), level(&l.normal), level(&l.hard)];
    for (d, l) in Difficulty::ALL.iter().zip(&ls) {
        if !(l.time_factor.is_finite() && l.time_factor >= 0.0) {
            cx.error_at_key(
                &format!("levels.{}.time_factor", d.name()),
                format!(
                    "level {}: time_factor must be a number not below 0",
                    d.name()
                ),
            );
        }
    }
    ls
}

/// A commitment beyond one's authority can only be judged against an
/// authority the trainee was told.
pub(super) fn authority(cx: &mut Ctx, briefing: &Briefing, beats: &[Beat]) {
    if let Some(t) = cx.book.tag(EXCEED_AUTHORITY)
        && briefing.authority.is_none()
        && beats.iter().any(|b| {
            b.choices
                .iter()
                .any(|c| c.tags.meets(TagSet::default().with(t)))
        })
    {
        let at = cx.src.key_offset("briefing");
        let d = cx.src.warning(
            at,
            format!(
                "choices are tagged `{EXCEED_AUTHORITY}`, but the briefing states no `authority`: say what the trainee may grant"
            ),
        );
        cx.diags.push(d);
    }
}
