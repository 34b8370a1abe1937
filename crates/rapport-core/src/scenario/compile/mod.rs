//! Resolving a scenario file: ids to indices, names to bits, and every check
//! that can be made without playing (references, vocabulary, the graph).
//!
//! One phase a module, in the order [`compile`] runs them: the header and
//! briefing, the registration of beats and endings under their ids, the
//! beats with their choices and effects, the events, then the graph. Every
//! diagnostic names the path of the value it is about
//! (`beats[3].choices[1].next`); [`Source`] turns the path into the place
//! that value is written.

mod beat;
mod choice;
mod events;
mod graph;
mod header;
mod register;
mod temperaments;

use super::file::{SCENARIO_FORMAT, ScenarioFile};
use super::{Place, Scenario};
use crate::diagnostic::{Diagnostic, Source};
use crate::rulebook::{Rulebook, TagSet};
use rustc_hash::FxHashMap;
use std::path::Path;

/// At most this many choices at a beat: they are picked with the keys 1 to 9.
pub const MAX_CHOICES: usize = 9;
/// At most this many beats in a scenario.
pub const MAX_BEATS: usize = 200_000;
/// At most this many flags, the rulebook's included: they live in a `u64`.
pub const MAX_FLAGS: usize = 64;
/// The largest `max_turns` a scenario may set.
pub const MAX_TURNS: u32 = 1_000_000;
const DEFAULT_MAX_TURNS: u32 = 60;
const MAX_TEXT: usize = 4_000;
const MAX_EVENTS: usize = 32;
const MAX_CASES: usize = 16;
/// The tag for a commitment beyond the trainee's authority.
const EXCEED_AUTHORITY: &str = "exceed_authority";

/// What every phase reads and adds to.
struct Ctx<'a> {
    src: Source<'a>,
    book: &'a Rulebook,
    diags: Vec<Diagnostic>,
    /// Beats and endings by id: one namespace, since `next` can name either.
    nodes: FxHashMap<String, Place>,
    flags: Vec<String>,
    flag_ix: FxHashMap<String, usize>,
    /// Flags that something sets (a choice, a beat, an event case).
    flags_set: Vec<bool>,
    /// Flags that some condition reads, with the path to point at.
    flags_read: Vec<Option<String>>,
    /// Tags no rule judges that this file was already warned about.
    unjudged_seen: TagSet,
}

impl Ctx<'_> {
    /// An error at the value at `path` (or the nearest thing written).
    fn error(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.src.error(self.src.offset(path), msg);
        self.diags.push(d);
    }

    /// A warning at the value at `path`.
    fn warning(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.src.warning(self.src.offset(path), msg);
        self.diags.push(d);
    }

    /// An error about a field as a whole, at its name.
    fn error_at_key(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.src.error(self.src.key_offset(path), msg);
        self.diags.push(d);
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }
}

/// Whether `s` may be an id: 1 to 64 lower-case letters, digits, `_`, `-`.
fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Checks `file` (whose source is `text`, at `path`) against `book` and
/// builds the scenario: with its warnings, or every error found.
pub fn compile(
    path: &Path,
    text: &str,
    file: ScenarioFile,
    book: &Rulebook,
) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cx = Ctx {
        src: Source::new(path, text),
        book,
        diags: Vec::new(),
        nodes: FxHashMap::default(),
        flags: Vec::new(),
        flag_ix: FxHashMap::default(),
        flags_set: Vec::new(),
        flags_read: Vec::new(),
        unjudged_seen: TagSet::default(),
    };
    // The rulebook's flags take the first bits, the same in every scenario,
    // so that a rule can name its flag once for all of them.
    for f in &book.flags {
        cx.flag(&f.id);
    }

    if file.format != SCENARIO_FORMAT {
        cx.error_at_key(
            "format",
            format!(
                "scenario format {} is not supported; this build reads format {SCENARIO_FORMAT}",
                file.format
            ),
        );
        return Err(cx.diags);
    }
    header::check(&mut cx, &file);
    if !header::sizes(&mut cx, &file) {
        return Err(cx.diags);
    }

    register::register(&mut cx, &register::BEATS, file.beats.iter().map(|b| &b.id));
    register::register(
        &mut cx,
        &register::ENDINGS,
        file.endings.iter().map(|e| &e.id),
    );
    let endings = register::endings(&mut cx, &file.endings);
    let start = register::start(&mut cx, &file.start);

    let mut beats: Vec<_> = file
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| beat::compile(&mut cx, i, b))
        .collect();
    let events = events::compile(&mut cx, &file.events, &mut beats);
    let tempers = temperaments::check(&mut cx, &file.temperaments, &file.beats);

    let max_turns = header::max_turns(&mut cx, file.max_turns);
    let patience_out = file
        .on_patience_out
        .as_ref()
        .map(|t| cx.node("on_patience_out", t, "`on_patience_out`"));
    let levels = header::levels(&mut cx, file.levels.as_ref());
    graph::unset_flags(&mut cx);
    header::authority(&mut cx, &file.briefing, &beats);

    if cx.has_errors() {
        return Err(cx.diags);
    }
    let mut scenario = Scenario {
        id: file.id,
        version: file.version,
        title: file.title,
        summary: file.summary,
        kind: file.kind,
        trains: file.trains,
        lessons: file.lessons,
        difficulty: file.difficulty,
        persona: file.persona,
        briefing: file.briefing,
        initial: file.initial,
        levels,
        events,
        temperaments: Vec::new(),
        max_turns,
        patience_out,
        start,
        beats,
        endings,
        flags: cx.flags.clone(),
        cyclic: false,
        path: path.to_path_buf(),
        hash: String::new(),
    };
    graph::check(&mut cx, &mut scenario);
    if cx.has_errors() {
        return Err(cx.diags);
    }
    scenario.temperaments = temperaments::build(&scenario, tempers);
    Ok((scenario, cx.diags))
}
