//! Resolving a scenario file: ids to indices, names to bits, and every check
//! that can be made without playing (references, vocabulary, the graph).

use super::file::{
    BeatFile, ChoiceFile, Cond, Difficulty, EventAt, FeedbackFile, LevelFile, SCENARIO_FORMAT,
    ScenarioFile,
};
use super::{
    Beat, Case, Choice, Condition, Effect, Ending, Event, Level, Node, Reply, Scenario, Variant,
};
use crate::diagnostic::{Diagnostic, Source};
use crate::rulebook::{MAX_CUES, Rulebook, TagSet, suggest};
use crate::text::Text;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Limits a scenario must keep; each is a clear error, never a slow death.
pub const MAX_CHOICES: usize = 9;
pub const MAX_BEATS: usize = 200_000;
pub const MAX_FLAGS: usize = 64;
pub const MAX_TURNS: u32 = 1_000_000;
const DEFAULT_MAX_TURNS: u32 = 60;
const MAX_TEXT: usize = 4_000;
const MAX_EVENTS: usize = 32;
const MAX_CASES: usize = 16;
/// The tag for a commitment beyond the trainee's authority.
const EXCEED_AUTHORITY: &str = "exceed_authority";

struct Ctx<'a> {
    src: Source<'a>,
    book: &'a Rulebook,
    diags: Vec<Diagnostic>,
    nodes: FxHashMap<String, Node>,
    flags: Vec<String>,
    flag_ix: FxHashMap<String, usize>,
    /// Flags that something sets (a choice, a beat, an event case).
    flags_set: Vec<bool>,
    /// Flags that some condition reads, with where to point at.
    flags_read: Vec<Option<usize>>,
    /// Tags no rule judges that this file was already warned about.
    unjudged_seen: TagSet,
}

impl Ctx<'_> {
    fn error(&mut self, at: usize, msg: impl Into<String>) {
        let d = self.src.error(at, msg);
        self.diags.push(d);
    }
    fn warning(&mut self, at: usize, msg: impl Into<String>) {
        let d = self.src.warning(at, msg);
        self.diags.push(d);
    }

    fn node(&mut self, anchor: usize, target: &str, whose: &str) -> Node {
        match self.nodes.get(target) {
            Some(&n) => n,
            None => {
                let at = self.src.find_string(anchor, target).unwrap_or(anchor);
                let hint = suggest(target, &self.nodes.keys().map(|k| (k.clone(), 0)).collect());
                self.error(
                    at,
                    format!(
                        "{whose} leads to `{target}`, which is neither a beat nor an ending{hint}"
                    ),
                );
                Node::Ending(0)
            }
        }
    }

    fn flag(&mut self, name: &str) -> Option<u8> {
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

    fn flag_bits(&mut self, anchor: usize, names: &[String], setting: bool) -> u64 {
        let mut bits = 0u64;
        for name in names {
            if !valid_id(name) {
                let at = self.src.find_string(anchor, name).unwrap_or(anchor);
                self.error(
                    at,
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
                None => {
                    let at = self.src.find_string(anchor, name).unwrap_or(anchor);
                    self.error(
                        at,
                        format!("more than {MAX_FLAGS} flags; `{name}` is one too many"),
                    );
                }
            }
        }
        bits
    }

    fn condition(&mut self, anchor: usize, c: &Cond) -> Condition {
        match c {
            Cond::Flag(f) | Cond::NotFlag(f) => {
                let at = self.src.find_string(anchor, f).unwrap_or(anchor);
                let i = match self.flag(f) {
                    Some(i) => i,
                    None => {
                        self.error(
                            at,
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
                        anchor,
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
            Cond::All(cs) => Condition::All(cs.iter().map(|c| self.condition(anchor, c)).collect()),
            Cond::Any(cs) => Condition::Any(cs.iter().map(|c| self.condition(anchor, c)).collect()),
            Cond::Not(c) => Condition::Not(Box::new(self.condition(anchor, c))),
        }
    }

    fn text(&mut self, anchor: usize, what: &str, t: &Text) {
        if t.en.trim().is_empty() && t.ru.trim().is_empty() {
            self.error(anchor, format!("{what} is empty in every language"));
            return;
        }
        for lang in t.missing() {
            self.warning(anchor, format!("{what} has no `{lang}` translation"));
        }
        if t.en.len() > MAX_TEXT || t.ru.len() > MAX_TEXT {
            self.error(anchor, format!("{what} is longer than {MAX_TEXT} bytes"));
        }
    }

    fn tags(&mut self, anchor: usize, names: &[String], whose: &str) -> TagSet {
        let mut set = TagSet::default();
        for name in names {
            match self.book.tag(name) {
                Some(i) => {
                    set = set.with(i);
                    let one = TagSet::default().with(i);
                    if self.book.unjudged().meets(one) && !self.unjudged_seen.meets(one) {
                        self.unjudged_seen = self.unjudged_seen.union(one);
                        let at = self.src.find_string(anchor, name).unwrap_or(anchor);
                        self.warning(
                            at,
                            format!(
                                "{whose} has tag `{name}`, which no rule of the rulebook judges: the choice is scored on nothing for it"
                            ),
                        );
                    }
                }
                None => {
                    let at = self.src.find_string(anchor, name).unwrap_or(anchor);
                    let known: FxHashMap<String, usize> =
                        self.book.tags.iter().map(|t| (t.id.clone(), 0)).collect();
                    self.error(
                        at,
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

    fn effect(&mut self, anchor: usize, d: [i32; 3], set: &[String], clear: &[String]) -> Effect {
        for v in d {
            if !(-100..=100).contains(&v) {
                self.error(anchor, format!("an effect of {v} is outside -100..=100"));
            }
        }
        Effect {
            trust: d[0],
            patience: d[1],
            interest: d[2],
            set: self.flag_bits(anchor, set, true),
            clear: self.flag_bits(anchor, clear, false),
        }
    }

    fn choice(&mut self, anchor: usize, c: &ChoiceFile, whose: &str) -> Choice {
        let at = self.text_anchor(anchor, &c.text);
        self.text(at, &format!("{whose}: the text"), &c.text);
        let tags = self.tags(at, &c.tags, whose);
        let when = c.when.as_ref().map(|w| self.condition(at, w));
        let effect = self.effect(at, [c.trust, c.patience, c.interest], &c.set, &c.clear);
        let reply = c.reply.as_ref().map(|r| {
            self.text(at, &format!("{whose}: the reply"), &r.line);
            Reply {
                emotion: r.emotion,
                line: r.line.clone(),
            }
        });
        let next = self.node(at, &c.next, whose);
        let branches = c
            .branches
            .iter()
            .map(|b| {
                let cond = self.condition(at, &b.when);
                (cond, self.node(at, &b.to, whose))
            })
            .collect();
        let feedback = self.feedback(at, &c.feedback, whose);
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
        }
    }

    /// Feedback by rule: each rule must exist, once.
    fn feedback(
        &mut self,
        anchor: usize,
        items: &[FeedbackFile],
        whose: &str,
    ) -> Vec<(usize, Text)> {
        let mut out: Vec<(usize, Text)> = Vec::new();
        for f in items {
            let at = self.src.find_string(anchor, &f.rule).unwrap_or(anchor);
            match self.book.rules.iter().position(|r| r.id == f.rule) {
                None => {
                    let known: FxHashMap<String, usize> =
                        self.book.rules.iter().map(|r| (r.id.clone(), 0)).collect();
                    self.error(
                        at,
                        format!(
                            "{whose} has feedback for rule `{}`, which the rulebook does not have{}",
                            f.rule,
                            suggest(&f.rule, &known)
                        ),
                    );
                }
                Some(r) if out.iter().any(|(k, _)| *k == r) => {
                    self.error(
                        at,
                        format!("{whose} has feedback for rule `{}` twice", f.rule),
                    );
                }
                Some(r) => {
                    self.text(
                        at,
                        &format!("{whose}: the feedback for `{}`", f.rule),
                        &f.text,
                    );
                    out.push((r, f.text.clone()));
                }
            }
        }
        out
    }

    /// Where a choice starts, found by its English (or Russian) text.
    fn text_anchor(&self, from: usize, t: &Text) -> usize {
        let needle = if t.en.is_empty() { &t.ru } else { &t.en };
        if needle.is_empty() || needle.contains(['"', '\\']) {
            return from;
        }
        self.src.find_string(from, needle).unwrap_or(from)
    }
}

pub fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn level(l: &LevelFile) -> Level {
    Level {
        trust: l.trust,
        patience: l.patience,
        interest: l.interest,
        time_factor: l.time_factor,
    }
}

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
        let at = cx.src.find(0, "format:").unwrap_or(0);
        cx.error(
            at,
            format!(
                "scenario format {} is not supported; this build reads format {SCENARIO_FORMAT}",
                file.format
            ),
        );
        return Err(cx.diags);
    }
    let id_at = cx.src.find_field("id", &file.id, 0).unwrap_or(0);
    if !valid_id(&file.id) {
        cx.error(
            id_at,
            format!(
                "scenario id `{}` must be 1 to 64 lower-case letters, digits, `_` or `-`",
                file.id
            ),
        );
    }
    cx.text(id_at, "the title", &file.title);
    cx.text(id_at, "the summary", &file.summary);
    for (what, t) in [
        ("the persona's name", &file.persona.name),
        ("the persona's role", &file.persona.role),
        ("the persona's company", &file.persona.company),
        ("the persona's description", &file.persona.about),
        ("the briefing's setting", &file.briefing.setting),
        ("the briefing's goal", &file.briefing.goal),
    ] {
        let at = cx.text_anchor(0, t);
        cx.text(at, what, t);
    }
    if let Some(t) = &file.briefing.authority {
        let at = cx.text_anchor(0, t);
        cx.text(at, "the briefing's authority", t);
    }
    for l in &file.lessons {
        if crate::rulebook::Lessons::shipped().get(l).is_none() {
            let at = cx.src.find_string(0, l).unwrap_or(0);
            cx.error(at, format!("unknown lesson `{l}`"));
        }
    }
    for (name, v) in [
        ("trust", file.initial.trust),
        ("patience", file.initial.patience),
        ("interest", file.initial.interest),
    ] {
        if !(0..=100).contains(&v) {
            let at = cx.src.find(0, "initial").unwrap_or(0);
            cx.error(
                at,
                format!("initial {name} is {v}; meters run from 0 to 100"),
            );
        }
    }
    if file.beats.len() > MAX_BEATS {
        cx.error(
            0,
            format!(
                "{} beats; at most {MAX_BEATS} are supported",
                file.beats.len()
            ),
        );
        return Err(cx.diags);
    }
    if file.beats.is_empty() {
        let at = cx.src.find(0, "beats").unwrap_or(0);
        cx.error(at, "the scenario has no beats");
    }
    if file.endings.is_empty() {
        let at = cx.src.find(0, "endings").unwrap_or(0);
        cx.error(at, "the scenario has no endings");
    }

    // Ids: beats and endings share one namespace, since `next` can name either.
    let mut occurrences: FxHashMap<&str, usize> = FxHashMap::default();
    let mut anchors = Vec::with_capacity(file.beats.len());
    for (i, b) in file.beats.iter().enumerate() {
        let n = occurrences.entry(&b.id).or_insert(0);
        let at = cx.src.find_field("id", &b.id, *n).unwrap_or(0);
        *n += 1;
        anchors.push(at);
        if !valid_id(&b.id) {
            cx.error(
                at,
                format!(
                    "beat id `{}` must be 1 to 64 lower-case letters, digits, `_` or `-`",
                    b.id
                ),
            );
        }
        if cx
            .nodes
            .insert(b.id.clone(), Node::Beat(i as u32))
            .is_some()
        {
            cx.error(at, format!("duplicate id `{}`", b.id));
        }
    }
    let mut ending_anchors = Vec::with_capacity(file.endings.len());
    for (i, e) in file.endings.iter().enumerate() {
        let n = occurrences.entry(&e.id).or_insert(0);
        let at = cx.src.find_field("id", &e.id, *n).unwrap_or(0);
        *n += 1;
        ending_anchors.push(at);
        if !valid_id(&e.id) {
            cx.error(
                at,
                format!(
                    "ending id `{}` must be 1 to 64 lower-case letters, digits, `_` or `-`",
                    e.id
                ),
            );
        }
        if cx
            .nodes
            .insert(e.id.clone(), Node::Ending(i as u32))
            .is_some()
        {
            cx.error(at, format!("duplicate id `{}`", e.id));
        }
        cx.text(at, &format!("ending `{}`: the title", e.id), &e.title);
        cx.text(at, &format!("ending `{}`: the text", e.id), &e.text);
    }

    let start_at = cx.src.find_field("start", &file.start, 0).unwrap_or(0);
    let start = match cx.nodes.get(&file.start) {
        Some(Node::Beat(i)) => *i,
        Some(Node::Ending(_)) => {
            cx.error(
                start_at,
                format!(
                    "`start` names the ending `{}`; it must name a beat",
                    file.start
                ),
            );
            0
        }
        None => {
            cx.error(
                start_at,
                format!("`start` names `{}`, which is not a beat", file.start),
            );
            0
        }
    };

    let beats: Vec<Beat> = file
        .beats
        .iter()
        .zip(&anchors)
        .map(|(b, &at)| compile_beat(&mut cx, b, at))
        .collect();
    let mut beats = beats;

    // Events: drawn at the start, revealed where they happen.
    if file.events.len() > MAX_EVENTS {
        cx.error(
            0,
            format!(
                "{} events; at most {MAX_EVENTS} are supported",
                file.events.len()
            ),
        );
    }
    let mut events = Vec::new();
    let mut event_ids: FxHashMap<&str, usize> = FxHashMap::default();
    for e in &file.events {
        let n = event_ids.entry(&e.id).or_insert(0);
        let at = cx.src.find_field("id", &e.id, *n).unwrap_or(0);
        if *n > 0 {
            cx.error(at, format!("duplicate event `{}`", e.id));
        }
        *n += 1;
        let where_ = match &e.at {
            EventAt::Start => None,
            EventAt::Beat(b) => match cx.nodes.get(b) {
                Some(Node::Beat(i)) => Some(*i),
                _ => {
                    let bat = cx.src.find_string(at, b).unwrap_or(at);
                    cx.error(
                        bat,
                        format!("event `{}` happens at `{b}`, which is not a beat", e.id),
                    );
                    None
                }
            },
        };
        if e.cases.is_empty() || e.cases.len() > MAX_CASES {
            cx.error(
                at,
                format!("event `{}` must have 1 to {MAX_CASES} cases", e.id),
            );
        }
        let mut total = 0.0;
        let mut cases = Vec::new();
        for (k, c) in e.cases.iter().enumerate() {
            let cat = cx.src.find_field("id", &c.id, 0).unwrap_or(at);
            if e.cases[..k].iter().any(|d| d.id == c.id) {
                // Records and narration name a case by its id: two alike
                // would be told apart by nobody.
                let dup = cx.src.find_field("id", &c.id, 1).unwrap_or(cat);
                cx.error(
                    dup,
                    format!("event `{}` has two cases with id `{}`", e.id, c.id),
                );
            }
            if !(c.weight.is_finite() && c.weight >= 0.0) {
                let wat = cx.src.find(cat, "weight").unwrap_or(cat);
                cx.error(wat, format!("case `{}` of event `{}` has weight {}; weights are finite and not negative", c.id, e.id, c.weight));
            } else {
                total += c.weight;
            }
            if let Some(n) = &c.narration {
                cx.text(cat, &format!("case `{}`: the narration", c.id), n);
            }
            let effect = cx.effect(cat, [c.trust, c.patience, c.interest], &c.set, &c.clear);
            cases.push(Case {
                id: c.id.clone(),
                weight: c.weight,
                narration: c.narration.clone(),
                effect,
            });
        }
        if !e.cases.is_empty() && total <= 0.0 {
            cx.error(
                at,
                format!("the weights of event `{}` add up to zero", e.id),
            );
        }
        if let Some(b) = where_ {
            beats[b as usize].events.push(events.len() as u32);
        }
        events.push(Event {
            id: e.id.clone(),
            at: where_,
            cases,
        });
    }

    let max_turns = file.max_turns.unwrap_or(DEFAULT_MAX_TURNS);
    if max_turns == 0 || max_turns > MAX_TURNS {
        let at = cx.src.find(0, "max_turns").unwrap_or(0);
        cx.error(at, format!("max_turns must be between 1 and {MAX_TURNS}"));
    }
    let patience_out = file.on_patience_out.as_ref().map(|t| {
        let at = cx.src.find_field("on_patience_out", t, 0).unwrap_or(0);
        cx.node(at, t, "`on_patience_out`")
    });

    let levels = match &file.levels {
        Some(l) => {
            let ls = [level(&l.easy), level(&l.normal), level(&l.hard)];
            for (d, l) in Difficulty::ALL.iter().zip(&ls) {
                if !(l.time_factor.is_finite() && l.time_factor >= 0.0) {
                    let at = cx.src.find(0, "levels").unwrap_or(0);
                    cx.error(
                        at,
                        format!(
                            "level {}: time_factor must be a number not below 0",
                            d.name()
                        ),
                    );
                }
            }
            ls
        }
        None => Difficulty::ALL.map(Level::default_for),
    };

    // A flag that conditions read but nothing ever sets is almost always a typo.
    for i in book.flags.len()..cx.flags.len() {
        if let Some(at) = cx.flags_read[i]
            && !cx.flags_set[i]
        {
            let name = cx.flags[i].clone();
            cx.warning(at, format!("flag `{name}` is tested but nothing sets it"));
        }
    }

    // A commitment beyond one's authority can only be judged against an
    // authority the trainee was told.
    if let Some(t) = book.tag(EXCEED_AUTHORITY)
        && file.briefing.authority.is_none()
        && beats.iter().any(|b| {
            b.choices
                .iter()
                .any(|c| c.tags.meets(TagSet::default().with(t)))
        })
    {
        let at = cx.src.find(0, "briefing").unwrap_or(0);
        cx.warning(
            at,
            format!(
                "choices are tagged `{EXCEED_AUTHORITY}`, but the briefing states no `authority`: say what the trainee may grant"
            ),
        );
    }

    let endings: Vec<Ending> = file
        .endings
        .iter()
        .map(|e| Ending {
            id: e.id.clone(),
            outcome: e.outcome,
            title: e.title.clone(),
            text: e.text.clone(),
        })
        .collect();

    if cx.diags.iter().any(Diagnostic::is_error) {
        return Err(cx.diags);
    }

    let mut scenario = Scenario {
        id: file.id,
        version: file.version,
        title: file.title,
        summary: file.summary,
        lessons: file.lessons,
        difficulty: file.difficulty,
        persona: file.persona,
        briefing: file.briefing,
        initial: file.initial,
        levels,
        events,
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
    let graph = super::super::graph::Graph::of(&scenario);
    scenario.cyclic = graph.has_cycle();
    for problem in graph.problems(&scenario) {
        let at = match problem.node {
            Node::Beat(i) => anchors[i as usize],
            Node::Ending(i) => ending_anchors[i as usize],
        };
        cx.error(at, problem.message);
    }
    if cx.diags.iter().any(Diagnostic::is_error) {
        return Err(cx.diags);
    }
    Ok((scenario, cx.diags))
}

fn compile_beat(cx: &mut Ctx, b: &BeatFile, at: usize) -> Beat {
    let whose = format!("beat `{}`", b.id);
    cx.text(at, &format!("{whose}: the line"), &b.line);
    if let crate::scenario::Speaker::Person(name) = &b.speaker {
        cx.text(at, &format!("{whose}: the speaker's name"), name);
    }
    let mut cues = 0u64;
    for c in &b.cues {
        match cx.book.cue(c) {
            Some(i) if i < MAX_CUES => cues |= 1 << i,
            _ => {
                let cat = cx.src.find_string(at, c).unwrap_or(at);
                let known: FxHashMap<String, usize> =
                    cx.book.cues.iter().map(|t| (t.id.clone(), 0)).collect();
                cx.error(
                    cat,
                    format!(
                        "{whose} has cue `{c}`, which the rulebook does not know{}",
                        suggest(c, &known)
                    ),
                );
            }
        }
    }
    if let Some(n) = &b.narration {
        cx.text(at, &format!("{whose}: the narration"), n);
    }
    let on_enter = cx.effect(at, [0, 0, 0], &b.set, &b.clear);
    let variants = b
        .variants
        .iter()
        .map(|v| {
            cx.text(at, &format!("{whose}: a variant line"), &v.line);
            Variant {
                when: cx.condition(at, &v.when),
                emotion: v.emotion,
                line: v.line.clone(),
            }
        })
        .collect();
    if b.choices.is_empty() {
        cx.error(
            at,
            format!("{whose} has no choices; every beat needs at least one"),
        );
    }
    if b.choices.len() > MAX_CHOICES {
        cx.error(
            at,
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
        .map(|(i, c)| cx.choice(at, c, &format!("{whose}, choice {}", i + 1)))
        .collect();
    let time_limit = match b.time_limit {
        Some(t) if !(t.is_finite() && t > 0.0 && t <= 3600.0) => {
            let tat = cx.src.find(at, "time_limit").unwrap_or(at);
            cx.error(
                tat,
                format!("{whose}: time_limit must be between 0 and 3600 seconds"),
            );
            None
        }
        t => t,
    };
    let silence = b.silence.as_ref().map(|s| {
        let sat = cx.src.find(at, "silence").unwrap_or(at);
        if s.when.is_some() {
            cx.error(
                sat,
                format!("{whose}: the silence choice cannot have a condition"),
            );
        }
        cx.choice(sat, s, &format!("{whose}, silence"))
    });
    match (time_limit.is_some(), silence.is_some()) {
        (true, false) => cx.error(
            at,
            format!("{whose} has a time limit but no `silence` choice for when it runs out"),
        ),
        (false, true) => cx.warning(
            at,
            format!("{whose} has a `silence` choice but no time limit, so it never fires"),
        ),
        _ => {}
    }
    if b.silence.as_ref().is_some_and(|s| s.pin.is_some()) {
        let sat = cx.src.find(at, "silence").unwrap_or(at);
        cx.warning(
            sat,
            format!("{whose}: the silence choice is never listed, so its `pin` does nothing"),
        );
    }
    let feedback = cx.feedback(at, &b.feedback, &whose);
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
