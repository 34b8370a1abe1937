//! The debrief: for every rule, whether it held, broke or did not apply,
//! where, why it matters, and for each mistake the better choice at that beat.

use crate::analysis::{Solver, Value};
use crate::engine::{Observer, Pick, State};
use crate::monitor::{Mark, Status};
use crate::rulebook::{Category, Check};
use crate::scenario::{Emotion, Outcome, Speaker};
use crate::score::Score;
use crate::session::Session;
use crate::text::{Lang, Text};
use serde_json::{Value as Json, json};

/// A better choice at the beat where a rule broke.
#[derive(Clone, Debug)]
pub struct Better {
    pub step: usize,
    pub beat: String,
    /// 1-based, as listed at that beat.
    pub listed: usize,
    pub text: Text,
    /// The best score still reachable after taking it.
    pub reachable: Value,
}

#[derive(Clone, Debug)]
pub struct Verdict {
    pub rule: usize,
    pub status: Status,
    /// Steps where it broke (when broken) or was kept (when held).
    pub steps: Vec<usize>,
    pub better: Vec<Better>,
    /// What this scenario says about the rule where it was decided (the
    /// choice's own feedback, else the beat's), in place of the rulebook's
    /// general explanation.
    pub feedback: Option<Text>,
}

impl Verdict {
    /// Why the rule mattered here: the scenario's own words where it has
    /// them, else the rulebook's.
    pub fn explanation<'a>(&'a self, book: &'a crate::rulebook::Rulebook) -> &'a Text {
        self.feedback
            .as_ref()
            .unwrap_or(&book.rules[self.rule].explain)
    }
}

pub struct Debrief {
    pub score: Score,
    pub verdicts: Vec<Verdict>,
}

struct RuleMarks<'b> {
    rule: usize,
    broke: bool,
    /// Other rules broken by the same choice itself.
    others: usize,
    book: &'b crate::rulebook::Rulebook,
}

impl Observer for RuleMarks<'_> {
    fn mark(&mut self, rule: usize, mark: Mark) {
        if mark == Mark::Broken {
            if rule == self.rule {
                self.broke = true;
            } else if !matches!(self.book.rules[rule].check, Check::Require(_)) {
                // A `Require` breaks when a last choice ends the meeting
                // without it: that is the path's doing, not this choice's.
                self.others += 1;
            }
        }
    }
}

/// At most this many "better choice" hints per rule: one per place it broke.
const HINTS_PER_RULE: usize = 3;

impl Debrief {
    pub fn of(session: &Session) -> Debrief {
        let world = &session.world;
        let book = world.book;
        let statuses = session.statuses();
        let mut solver = Solver::new(world);
        let last = session.steps.len().saturating_sub(1);
        let verdicts = statuses
            .iter()
            .enumerate()
            .map(|(r, &status)| {
                let rule = &book.rules[r];
                let mut steps: Vec<usize> = session
                    .marks
                    .iter()
                    .filter(|m| m.rule == r)
                    .filter(|m| match status {
                        Status::Broken => m.mark == Mark::Broken,
                        Status::Held => matches!(m.mark, Mark::Kept | Mark::Resisted),
                        Status::NotApplicable => false,
                    })
                    .map(|m| m.step.unwrap_or(0).min(last))
                    .collect();
                // A `Require` breaks at the end; the place to point at is the
                // last beat where the trainee could have kept it.
                if status == Status::Broken
                    && let Check::Require(t) = rule.check
                    && let Some(at) = session.steps.iter().rposition(|s| s.offered.meets(t))
                {
                    steps = vec![at];
                }
                steps.dedup();
                let better = if status == Status::Broken {
                    let mut places: Vec<usize> = steps
                        .iter()
                        .map(|&s| where_to_do_better(session, &rule.check, s))
                        .collect();
                    // Two breaks can share the beat where the rule could
                    // have been kept: one hint for it.
                    places.sort_unstable();
                    places.dedup();
                    places
                        .into_iter()
                        .take(HINTS_PER_RULE)
                        .filter_map(|s| better_at(session, &mut solver, r, s))
                        .collect()
                } else {
                    Vec::new()
                };
                let feedback = steps.first().and_then(|&s| {
                    let step = &session.steps[s];
                    let beat = world.scenario.beat(step.beat);
                    beat.feedback(world.choice(beat, step.pick), r).cloned()
                });
                Verdict {
                    rule: r,
                    status,
                    steps,
                    better,
                    feedback,
                }
            })
            .collect();
        Debrief {
            score: Score::of(book, &statuses),
            verdicts,
        }
    }

    /// The debrief with the transcript, as `rapport play --json` prints it.
    pub fn to_json(&self, session: &Session, lang: Lang) -> Json {
        let world = &session.world;
        let s = world.scenario;
        let book = world.book;
        let beat_id = |step: usize| s.beat(session.steps[step].beat).id.clone();
        let categories: serde_json::Map<String, Json> = self
            .score
            .categories
            .iter()
            .map(|(c, v)| {
                (
                    c.id().to_string(),
                    v.map_or(Json::Null, |v| json!(round1(v))),
                )
            })
            .collect();
        let rules: Vec<Json> = self
            .verdicts
            .iter()
            .map(|v| {
                let r = &book.rules[v.rule];
                json!({
                    "id": r.id,
                    "category": r.category.id(),
                    "status": v.status,
                    "critical": r.critical,
                    "weight": r.weight,
                    "beats": v.steps.iter().map(|&i| beat_id(i)).collect::<Vec<_>>(),
                    "title": r.title.get(lang),
                    "explanation": v.explanation(book).get(lang),
                    "source": r.source,
                    "better": v.better.iter().map(|b| json!({
                        "beat": b.beat,
                        "option": b.listed,
                        "text": b.text.get(lang),
                        "best_reachable": round1(b.reachable.score),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "scenario": s.id,
            "version": s.version,
            "seed": world.seed,
            "level": world.level.name(),
            "lang": lang.code(),
            "ending": session.ending_id(),
            "outcome": session.outcome().map(Outcome::id),
            "choose": session.listed(),
            "score": {
                "overall": round1(self.score.overall),
                "passed": self.score.passed,
                "pass_mark": book.pass_mark,
                "critical_broken": self.score.critical_broken,
                "categories": categories,
            },
            "rules": rules,
            "transcript": transcript(session, lang),
        })
    }

    pub fn category_score(&self, c: Category) -> Option<f64> {
        self.score
            .categories
            .iter()
            .find(|(k, _)| *k == c)
            .and_then(|(_, v)| *v)
    }
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Where a rule broken at `step` could have been kept. A `Before` rule
/// breaks at the second act (an opening without preparation), but the
/// better choice was the first (preparing), at the last beat that offered it.
fn where_to_do_better(session: &Session, check: &Check, step: usize) -> usize {
    match *check {
        Check::Before { first, .. } => session.steps[..step]
            .iter()
            .rposition(|s| s.offered.meets(first))
            .unwrap_or(step),
        _ => step,
    }
}

/// The best alternative at `step` for rule `r`: one that breaks neither
/// the rule nor any other there (a better choice that teaches another
/// mistake teaches nothing), preferring one that keeps it, then the best
/// score still reachable. None when every other option breaks something:
/// the turn was missed earlier, or this beat is a real trade-off.
fn better_at(session: &Session, solver: &mut Solver, r: usize, step: usize) -> Option<Better> {
    let world = &session.world;
    let rule = &world.book.rules[r];
    let st: &State = &session.steps[step].before;
    let chosen = session.steps[step].pick;
    let beat = world.scenario.beat(session.steps[step].beat);
    let options = world.options(st);
    let keep = rule.keeping_tags();
    let mut best: Option<((bool, bool, f64), Better)> = None;
    for (n, &i) in options.iter().enumerate() {
        if Pick::Choice(i) == chosen {
            continue;
        }
        let mut child = st.clone();
        let mut obs = RuleMarks {
            rule: r,
            broke: false,
            others: 0,
            book: world.book,
        };
        world.step(&mut child, &options, Pick::Choice(i), &mut obs);
        let (reach, _) = solver.solve(&child);
        let choice = &beat.choices[i as usize];
        if obs.broke || obs.others > 0 {
            continue;
        }
        let rank = (choice.tags.meets(keep), reach.passed, reach.score);
        if best.as_ref().is_none_or(|(b, _)| rank > *b) {
            best = Some((
                rank,
                Better {
                    step,
                    beat: beat.id.clone(),
                    listed: n + 1,
                    text: choice.text.clone(),
                    reachable: reach,
                },
            ));
        }
    }
    best.map(|(_, b)| b)
}

fn emotion_name(e: Emotion) -> String {
    format!("{e:?}").to_lowercase()
}

/// Who says a line: the client's name, another person's, or nobody (narration).
pub fn speaker_name(s: &Speaker, session: &Session, lang: Lang) -> String {
    match s {
        Speaker::Client => session.world.scenario.persona.name.get(lang).to_string(),
        Speaker::Narrator => String::new(),
        Speaker::Person(t) => t.get(lang).to_string(),
    }
}

/// The conversation as it happened: each beat's line, what the trainee said,
/// and the client's reply.
pub fn transcript(session: &Session, lang: Lang) -> Vec<Json> {
    let world = &session.world;
    let s = world.scenario;
    let mut out = Vec::new();
    for (i, step) in session.steps.iter().enumerate() {
        let beat = s.beat(step.beat);
        let v = beat
            .variants
            .iter()
            .find(|v| world.holds(&step.before, &v.when));
        let (emotion, line) = v.map_or((beat.emotion, &beat.line), |v| (v.emotion, &v.line));
        let choice = world.choice(beat, step.pick);
        let listed = match step.pick {
            Pick::Silence => 0,
            Pick::Choice(c) => world
                .options(&step.before)
                .iter()
                .position(|&o| o == c)
                .map_or(0, |p| p + 1),
        };
        let mut narration: Vec<&str> = Vec::new();
        if i == 0 {
            for (e, ev) in s.events.iter().enumerate() {
                if ev.at.is_none()
                    && let Some(n) = &ev.cases[world.draws[e] as usize].narration
                {
                    narration.push(n.get(lang));
                }
            }
        }
        narration.extend(beat.narration.as_ref().map(|n| n.get(lang)));
        for &e in &beat.events {
            if let Some(n) = &s.events[e as usize].cases[world.draws[e as usize] as usize].narration
            {
                narration.push(n.get(lang));
            }
        }
        out.push(json!({
            "beat": beat.id,
            "narration": narration,
            "speaker": speaker_name(&beat.speaker, session, lang),
            "emotion": emotion_name(emotion),
            "line": line.get(lang),
            "option": listed,
            "said": choice.map(|c| c.text.get(lang)),
            "tags": choice.map(|c| world.book.tag_names(c.tags)).unwrap_or_default(),
            "reply": choice.and_then(|c| c.reply.as_ref()).map(|r| json!({
                "emotion": emotion_name(r.emotion),
                "line": r.line.get(lang),
            })),
            "millis": step.millis,
        }));
    }
    out
}
