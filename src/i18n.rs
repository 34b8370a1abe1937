//! The words of the interface itself, in both languages. Scenario text lives
//! in the scenarios; this is only what frames it.

use crate::monitor::Status;
use crate::rulebook::Category;
use crate::scenario::{Emotion, Outcome};
use crate::text::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    Client,
    You,
    Goal,
    Setting,
    ChooseNumber,
    TimeLimit,
    TooSlow,
    Ending,
    Outcome,
    Score,
    Passed,
    Failed,
    CriticalBroken,
    BrokenAt,
    HeldAt,
    BetterChoice,
    NoBetterChoice,
    NotApplicableRules,
    Replay,
    Debrief,
    CutOff,
}

pub fn ui(lang: Lang, key: Ui) -> &'static str {
    use Ui::*;
    match (lang, key) {
        (Lang::En, Client) => "Client",
        (Lang::Ru, Client) => "Клиент",
        (Lang::En, You) => "You",
        (Lang::Ru, You) => "Вы",
        (Lang::En, Goal) => "Goal",
        (Lang::Ru, Goal) => "Цель",
        (Lang::En, Setting) => "Setting",
        (Lang::Ru, Setting) => "Обстановка",
        (Lang::En, ChooseNumber) => "Your answer (number)",
        (Lang::Ru, ChooseNumber) => "Ваш ответ (номер)",
        (Lang::En, TimeLimit) => "seconds to answer",
        (Lang::Ru, TimeLimit) => "секунд на ответ",
        (Lang::En, TooSlow) => "Too slow: the silence has answered for you.",
        (Lang::Ru, TooSlow) => "Слишком долго: за вас ответило молчание.",
        (Lang::En, Ending) => "Ending",
        (Lang::Ru, Ending) => "Финал",
        (Lang::En, Outcome) => "Outcome",
        (Lang::Ru, Outcome) => "Исход",
        (Lang::En, Score) => "Score",
        (Lang::Ru, Score) => "Оценка",
        (Lang::En, Passed) => "PASSED",
        (Lang::Ru, Passed) => "ЗАЧТЕНО",
        (Lang::En, Failed) => "NOT PASSED",
        (Lang::Ru, Failed) => "НЕ ЗАЧТЕНО",
        (Lang::En, CriticalBroken) => "a critical rule was broken",
        (Lang::Ru, CriticalBroken) => "нарушено критическое правило",
        (Lang::En, BrokenAt) => "broken at",
        (Lang::Ru, BrokenAt) => "нарушено в",
        (Lang::En, HeldAt) => "kept at",
        (Lang::Ru, HeldAt) => "соблюдено в",
        (Lang::En, BetterChoice) => "Better here",
        (Lang::Ru, BetterChoice) => "Лучше было",
        (Lang::En, NoBetterChoice) => {
            "no option at this beat keeps it: the turn was missed earlier"
        }
        (Lang::Ru, NoBetterChoice) => "здесь ни один вариант его не спасает: момент упущен раньше",
        (Lang::En, NotApplicableRules) => "Not tested in this session",
        (Lang::Ru, NotApplicableRules) => "Не проверялось в этой встрече",
        (Lang::En, Replay) => "Replay",
        (Lang::Ru, Replay) => "Повторить",
        (Lang::En, Debrief) => "Debrief",
        (Lang::Ru, Debrief) => "Разбор",
        (Lang::En, CutOff) => "The meeting ran out of time.",
        (Lang::Ru, CutOff) => "Время встречи истекло.",
    }
}

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
