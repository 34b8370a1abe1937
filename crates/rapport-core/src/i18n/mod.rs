//! The words of the interface itself, in both languages. Scenario text lives
//! in the scenarios; this is only what frames it.

use crate::monitor::Status;
use crate::rulebook::Category;
use crate::scenario::{Emotion, Outcome};
use crate::text::Lang;

mod label;
pub use label::{Label, label};

/// A rule's status in words.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match (lang, s) {
        (Lang::En, Status::Held) => "held",
        (Lang::Ru, Status::Held) => "соблюдено",
        (Lang::En, Status::Broken) => "broken",
        (Lang::Ru, Status::Broken) => "нарушено",
        (Lang::En, Status::NotApplicable) => "not applicable",
        (Lang::Ru, Status::NotApplicable) => "не применялось",
    }
}

/// A rule category's name.
pub fn category(lang: Lang, c: Category) -> &'static str {
    match (lang, c) {
        (Lang::En, Category::Etiquette) => "Etiquette",
        (Lang::Ru, Category::Etiquette) => "Этикет",
        (Lang::En, Category::DeEscalation) => "De-escalation",
        (Lang::Ru, Category::DeEscalation) => "Деэскалация",
        (Lang::En, Category::Expectations) => "Expectations and communication",
        (Lang::Ru, Category::Expectations) => "Ожидания и коммуникация",
        (Lang::En, Category::ClientFocus) => "Client focus",
        (Lang::Ru, Category::ClientFocus) => "Фокус на клиенте",
    }
}

/// How a meeting ended for the business, in words.
pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    match (lang, o) {
        (Lang::En, Outcome::Deal) => "deal",
        (Lang::Ru, Outcome::Deal) => "сделка",
        (Lang::En, Outcome::FollowUp) => "follow-up",
        (Lang::Ru, Outcome::FollowUp) => "следующая встреча",
        (Lang::En, Outcome::Lost) => "client lost",
        (Lang::Ru, Outcome::Lost) => "клиент потерян",
        (Lang::En, Outcome::PartedWithDignity) => "parted with dignity",
        (Lang::Ru, Outcome::PartedWithDignity) => "расстались достойно",
    }
}

/// How the client sounds, as the meeting shows it beside a line.
pub fn emotion(lang: Lang, e: Emotion) -> &'static str {
    use Emotion::*;
    let (en, ru) = match e {
        Neutral => ("neutral", "спокойно"),
        Warm => ("warm", "тепло"),
        Pleased => ("pleased", "довольно"),
        Interested => ("interested", "с интересом"),
        Skeptical => ("skeptical", "скептически"),
        Confused => ("confused", "растерянно"),
        Bored => ("bored", "скучая"),
        Impatient => ("impatient", "нетерпеливо"),
        Annoyed => ("annoyed", "раздражённо"),
        Angry => ("angry", "сердито"),
        Anxious => ("anxious", "тревожно"),
        Disappointed => ("disappointed", "разочарованно"),
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

/// A difficulty level's name.
pub fn difficulty(lang: Lang, d: crate::scenario::Difficulty) -> &'static str {
    use crate::scenario::Difficulty::*;
    match (lang, d) {
        (Lang::En, Easy) => "easy",
        (Lang::En, Normal) => "normal",
        (Lang::En, Hard) => "hard (meters hidden)",
        (Lang::Ru, Easy) => "лёгкая",
        (Lang::Ru, Normal) => "обычная",
        (Lang::Ru, Hard) => "сложная (шкалы скрыты)",
    }
}
