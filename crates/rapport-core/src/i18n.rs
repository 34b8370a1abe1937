//! The words of the interface itself, in both languages. Scenario text lives
//! in the scenarios; this is only what frames it.

use crate::monitor::Status;
use crate::rulebook::Category;
use crate::scenario::{Emotion, Outcome};
use crate::text::Lang;

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

/// The words that frame the scenarios: the window's screens, the command
/// line, the debrief.
// Each variant names its own words; `label` gives them in each language.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Tagline,
    Trainee,
    TypeYourName,
    Language,
    Difficulty,
    Start,
    Scenarios,
    Broken,
    BestEarlier,
    Briefing,
    Client,
    Setting,
    Goal,
    Authority,
    Begin,
    Back,
    Trust,
    Patience,
    Interest,
    SecondsLeft,
    Conversation,
    PlayAgain,
    RetryFrom,
    OtherScenario,
    KeysTitle,
    KeysList,
    KeysMeeting,
    KeysDebrief,
    Timeline,
    Rules,
    SavedRecord,
    SaveAgain,
    NotSaved,
    BackToReview,
    Review,
    AllTrainees,
    AllScenarios,
    AllTime,
    LastWeek,
    LastMonth,
    Since,
    ExportCsv,
    Exported,
    ScoresOverTime,
    BreakRate,
    NoRecords,
    Sessions,
    SkippedFiles,
    ShowingNewest,
    ShowingMost,
    Reading,
    AuthorMode,
    Reloads,
    BrokenSave,
    Beat,
    Ending,
    Step,
    Turn,
    Flags,
    NoFlags,
    RulesWatched,
    WaitingTurns,
    HeldSoFar,
    BrokenSoFar,
    NotYetTested,
    JumpHelp,
    Go,
    KeysReview,
    You,
    ChooseNumber,
    TimeLimit,
    TooSlow,
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
    SkillMap,
    Team,
    SessionsCounted,
    Weakest,
    PractiseNext,
    Applied,
    HeldRate,
    Trend,
    Rule,
    Lesson,
    Of,
    CanTest,
    OfSessions,
    FirstTime,
    PassedLast,
    FailedLast,
    NearestThatTests,
    NothingBroken,
}

/// The words of one label.
pub fn label(lang: Lang, l: Label) -> &'static str {
    use Label::*;
    let (en, ru) = match l {
        Tagline => (
            "Rehearse the meeting before it happens",
            "Отрепетируйте встречу до того, как она случится",
        ),
        Trainee => ("Trainee", "Стажёр"),
        TypeYourName => ("(type your name)", "(введите имя)"),
        Language => ("Language", "Язык"),
        Difficulty => ("Difficulty", "Сложность"),
        Start => ("Start", "Начать"),
        Scenarios => ("Scenarios", "Сценарии"),
        Broken => ("cannot be loaded", "не загружается"),
        BestEarlier => ("best so far", "лучший результат"),
        Briefing => ("Briefing", "Вводная"),
        Client => ("Client", "Клиент"),
        Setting => ("Setting", "Обстановка"),
        Goal => ("Your goal", "Ваша цель"),
        Authority => ("Your authority", "Ваши полномочия"),
        Begin => ("Begin the meeting", "Начать встречу"),
        Back => ("Back", "Назад"),
        Trust => ("Trust", "Доверие"),
        Patience => ("Patience", "Терпение"),
        Interest => ("Interest", "Интерес"),
        SecondsLeft => ("s left", "с осталось"),
        Conversation => ("The conversation so far", "Разговор"),
        PlayAgain => ("Play again (new events)", "Сыграть снова (новые события)"),
        RetryFrom => ("Retry from here", "Переиграть отсюда"),
        OtherScenario => ("Other scenarios", "Другие сценарии"),
        KeysTitle => (
            "Type your name · F2 language · F3 difficulty · F4 review · Tab moves · Enter to start",
            "Введите имя · F2 язык · F3 сложность · F4 обзор · Tab — переход · Enter — начать",
        ),
        KeysList => (
            "1–9, or ↑↓/Tab and Enter, to open · wheel scrolls · Esc back",
            "1–9 или ↑↓/Tab и Enter — открыть · колесо — прокрутка · Esc — назад",
        ),
        KeysMeeting => (
            "1–9 to answer, or ↑↓/Tab and Enter · Space shows the whole line · wheel scrolls the conversation",
            "1–9 — ответить, или ↑↓/Tab и Enter · Пробел — вся реплика · колесо — прокрутка разговора",
        ),
        KeysDebrief => (
            "Enter play again · Tab to “retry from” a beat · Esc scenarios",
            "Enter — сыграть снова · Tab — «повторить с» реплики · Esc — к сценариям",
        ),
        Timeline => ("Timeline", "Ход встречи"),
        Rules => ("Rules", "Правила"),
        SavedRecord => (
            "This session is kept in your records.",
            "Сессия сохранена в ваших записях.",
        ),
        NotSaved => ("This session was not kept", "Сессия не сохранена"),
        SaveAgain => ("Save again (S)", "Сохранить ещё раз (S)"),
        BackToReview => ("Back to the review", "Назад к обзору"),
        Review => ("Review", "Обзор"),
        AllTrainees => ("all trainees", "все стажёры"),
        AllScenarios => ("all scenarios", "все сценарии"),
        AllTime => ("all time", "за всё время"),
        LastWeek => ("last 7 days", "последние 7 дней"),
        LastMonth => ("last 30 days", "последние 30 дней"),
        Since => ("Period", "Период"),
        ExportCsv => ("Export CSV", "Экспорт CSV"),
        Exported => ("Exported", "Экспортировано"),
        ScoresOverTime => ("Scores over time", "Баллы во времени"),
        BreakRate => (
            "How often each rule is broken (share of sessions)",
            "Как часто нарушается каждое правило (доля сессий)",
        ),
        NoRecords => (
            "No kept sessions match. Sessions are kept when a meeting ends.",
            "Нет подходящих сессий. Сессия сохраняется, когда встреча заканчивается.",
        ),
        Sessions => ("sessions", "сессий"),
        SkippedFiles => ("files could not be read", "файлов не удалось прочитать"),
        ShowingNewest => ("showing the newest", "показаны последние"),
        Reading => (
            "Reading the kept sessions and replaying their scores…",
            "Читаем сохранённые сессии и пересчитываем их баллы…",
        ),
        AuthorMode => ("Author mode", "Режим автора"),
        Reloads => (
            "saving the file reloads; reloaded",
            "сохранение файла перезагружает; перезагрузок",
        ),
        BrokenSave => (
            "The saved file does not load; the last good version plays:",
            "Сохранённый файл не загружается; играет последняя рабочая версия:",
        ),
        Beat => ("beat", "реплика"),
        Ending => ("ending", "концовка"),
        Step => ("step", "шаг"),
        Turn => ("turn", "ход"),
        Flags => ("flags", "флаги"),
        NoFlags => ("none", "нет"),
        RulesWatched => ("Rules watched", "Правила под наблюдением"),
        WaitingTurns => (
            "waiting, chances left:",
            "ждёт ответа, осталось возможностей:",
        ),
        HeldSoFar => ("held so far", "пока соблюдено"),
        BrokenSoFar => ("broken", "нарушено"),
        NotYetTested => ("not yet tested", "ещё не проверено"),
        JumpHelp => (
            "Jump to (F9/F10 choose the beat, F12 goes)",
            "Переход (F9/F10 — выбрать реплику, F12 — перейти)",
        ),
        Go => ("go", "перейти"),
        ShowingMost => (
            "trainees with the most sessions:",
            "стажёры с наибольшим числом сессий:",
        ),
        KeysReview => (
            "F5 trainee · F6 scenario · F7 period · F8 export · Enter opens · Esc back",
            "F5 стажёр · F6 сценарий · F7 период · F8 экспорт · Enter — открыть · Esc — назад",
        ),
        You => ("You", "Вы"),
        ChooseNumber => ("Your answer (number)", "Ваш ответ (номер)"),
        TimeLimit => ("seconds to answer", "секунд на ответ"),
        TooSlow => (
            "Too slow: the silence has answered for you.",
            "Слишком долго: за вас ответило молчание.",
        ),
        Score => ("Score", "Оценка"),
        Passed => ("PASSED", "ЗАЧТЕНО"),
        Failed => ("NOT PASSED", "НЕ ЗАЧТЕНО"),
        CriticalBroken => ("a critical rule was broken", "нарушено критическое правило"),
        BrokenAt => ("broken at", "нарушено в"),
        HeldAt => ("kept at", "соблюдено в"),
        BetterChoice => ("Better here", "Лучше было"),
        NoBetterChoice => (
            "no option at this beat keeps it: the turn was missed earlier",
            "здесь ни один вариант его не спасает: момент упущен раньше",
        ),
        NotApplicableRules => (
            "Not tested in this session",
            "Не проверялось в этой встрече",
        ),
        Replay => ("Replay", "Повторить"),
        Debrief => ("Debrief", "Разбор"),
        CutOff => ("The meeting ran out of time.", "Время встречи истекло."),
        SkillMap => ("Skill map", "Карта навыков"),
        Team => ("Team", "Команда"),
        SessionsCounted => ("latest sessions counted", "учтено последних сессий"),
        Weakest => ("weakest", "слабее всего"),
        PractiseNext => ("practise next", "тренировать дальше"),
        Applied => ("applied", "применялось"),
        HeldRate => ("held rate", "доля соблюдений"),
        Trend => ("trend", "динамика"),
        Rule => ("rule", "правило"),
        Lesson => ("lesson", "урок"),
        Of => ("of", "из"),
        CanTest => ("it can test", "здесь проверяется"),
        OfSessions => ("of sessions", "сессий"),
        FirstTime => ("not played yet", "ещё не сыгран"),
        PassedLast => (
            "passed last time: one level up",
            "в прошлый раз сдан: уровнем выше",
        ),
        FailedLast => (
            "not passed last time at this level",
            "в прошлый раз не сдан на этом уровне",
        ),
        NearestThatTests => (
            "the nearest level that tests these rules",
            "ближайший уровень, где эти правила проверяются",
        ),
        NothingBroken => (
            "nothing broken lately: the scenario played least",
            "нарушений не было: сценарий, сыгранный реже других",
        ),
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
