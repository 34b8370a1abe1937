//! The debrief as JSON, with the transcript: what `rapport play --json`
//! prints for scripts.

use super::{Debrief, round1};
use crate::engine::Pick;
use crate::scenario::{Emotion, Outcome, Speaker};
use crate::session::{Session, Step, Typed};
use crate::text::Lang;
use serde_json::{Value as Json, json};

impl Debrief {
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
            "temperament": world.temperament().map(|t| &t.id),
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
}

/// What the trainee typed at a step, in the transcript: the text (or that
/// they skipped), the option their words were closest to as listed there and
/// its text, and whether that is the option they chose.
fn typed(t: &Typed, step: &Step, session: &Session, lang: Lang) -> Json {
    let world = &session.world;
    let beat = world.scenario.beat(step.beat);
    let suggested = t
        .suggested()
        .and_then(|s| beat.choices.get(usize::from(s)).map(|c| (s, c)));
    json!({
        "skipped": *t == Typed::Skipped,
        "text": t.text(),
        "suggested": suggested.map(|(s, _)| {
            world.options(&step.before).iter().position(|&o| o == s).map(|p| p + 1)
        }),
        "suggested_text": suggested.map(|(_, c)| c.text.get(lang)),
        "agrees": super::agrees(t, step.pick),
    })
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
            "typed": step.typed.as_deref().map(|t| typed(t, step, session, lang)),
        }));
    }
    out
}
