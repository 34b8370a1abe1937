//! The scenario `rapport new` writes: small, valid, and showing what an
//! author changes first.

/// Three beats, two endings, a timed beat with its silence, a reply, and
/// tags the shipped rulebook judges: everything an author changes first.
const STARTER: &str = r#"// A new scenario. `rapport check {ID}.ron` checks it, `rapport play {ID}.ron`
// plays it, `rapport graph {ID}.ron | dot -Tsvg > {ID}.svg` draws it.
// docs/scenario-format.md explains every field; docs/authoring.md walks
// through writing one.
Scenario(
    format: 1,
    id: "{ID}",
    version: 1,
    title: (en: "A late delivery", ru: "Опоздавшая поставка"),
    summary: (
        en: "A client calls: the order promised for Monday has not arrived.",
        ru: "Звонит клиент: заказ, обещанный к понедельнику, так и не пришёл.",
    ),
    lessons: ["L001.1", "L001.3"],
    difficulty: Easy,

    persona: (
        name: (en: "Oleg Varin", ru: "Олег Варин"),
        role: (en: "Purchasing manager", ru: "Менеджер по закупкам"),
        company: (en: "Varin Print", ru: "Типография Варина"),
        about: (
            en: "Orders from you every month; calm until his own boss asks questions.",
            ru: "Заказывает у вас каждый месяц; спокоен, пока вопросы не начинает задавать его начальник.",
        ),
    ),
    briefing: (
        setting: (en: "A phone call, Tuesday morning.", ru: "Телефонный звонок, утро вторника."),
        goal: (en: "Keep the client: own the delay and agree what happens next.", ru: "Сохраните клиента: признайте задержку и договоритесь, что дальше."),
    ),

    initial: (trust: 50, patience: 50, interest: 50),
    max_turns: 10,
    on_patience_out: "lost",
    start: "call",

    beats: [
        Beat(
            id: "call",
            emotion: Annoyed,
            line: (en: "The paper you promised for Monday is not here. My director is asking me.", ru: "Бумага, которую вы обещали к понедельнику, так и не пришла. Меня спрашивает директор."),
            choices: [
                // The excuse is the longest option and the one with names:
                // a trainee must read to see that it blames someone else.
                Choice(
                    text: (en: "The warehouse in Podolsk loaded the wrong pallet on Friday; that was their mistake, not ours.", ru: "Склад в Подольске в пятницу отгрузил не тот паллет; это их ошибка, не наша."),
                    tags: ["internal_excuse"],
                    trust: -15,
                    next: "when",
                ),
                Choice(
                    text: (en: "I'm sorry: we promised Monday and did not deliver. Let me find out where it is.", ru: "Простите: мы обещали понедельник и не привезли. Сейчас выясню, где груз."),
                    tags: ["apologize"],
                    trust: 10,
                    reply: (emotion: Neutral, line: (en: "Please do.", ru: "Уж выясните.")),
                    next: "when",
                ),
            ],
        ),
        Beat(
            id: "when",
            emotion: Skeptical,
            line: (en: "So when will it be here?", ru: "Так когда привезёте?"),
            time_limit: 30,
            silence: Choice(
                text: (en: "(Look for an answer.)", ru: "(Искать ответ.)"),
                tags: ["silence"],
                patience: -20,
                next: "lost",
            ),
            choices: [
                Choice(
                    text: (en: "Today by six, I promise; I'll send Sergei with the van myself.", ru: "Сегодня до шести, обещаю; сам отправлю Сергея с машиной."),
                    tags: ["overpromise", "agree_next_steps"],
                    next: "doubt",
                ),
                Choice(
                    text: (en: "Thursday by noon; I'll call you tomorrow with the truck's number either way.", ru: "В четверг до полудня; завтра в любом случае позвоню и скажу номер машины."),
                    tags: ["set_realistic_expectations", "agree_next_steps"],
                    trust: 10,
                    next: "kept",
                ),
            ],
        ),
        Beat(
            id: "doubt",
            emotion: Skeptical,
            line: (en: "Today? You said Monday too.", ru: "Сегодня? Вы и про понедельник так говорили."),
            choices: [
                Choice(
                    text: (en: "You're right. Thursday by noon is what I can stand behind.", ru: "Вы правы. За четверг до полудня я ручаюсь."),
                    tags: ["set_realistic_expectations"],
                    next: "kept",
                ),
                Choice(
                    text: (en: "This time it will work: I'll ring the warehouse manager myself tonight and stay on it.", ru: "В этот раз получится: сам вечером позвоню начальнику склада и прослежу."),
                    tags: ["overpromise"],
                    trust: -10,
                    next: "lost",
                ),
            ],
        ),
    ],

    endings: [
        Ending(id: "kept", outcome: Deal, title: (en: "Still your client", ru: "Клиент остался"),
               text: (en: "He tells his director Thursday, and Thursday it is.", ru: "Он говорит директору «четверг» — и в четверг всё приходит.")),
        Ending(id: "lost", outcome: Lost, title: (en: "The next order goes elsewhere", ru: "Следующий заказ уйдёт другим"),
               text: (en: "He hangs up and starts calling your competitors.", ru: "Он кладёт трубку и начинает обзванивать ваших конкурентов.")),
    ],
)
"#;

/// A small valid scenario with this id, for `rapport new` and tests.
pub fn starter(id: &str) -> String {
    STARTER.replace("{ID}", id)
}
