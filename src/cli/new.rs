//! `rapport new ID`: a small valid scenario to start from.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The new scenario's id: lower-case letters, digits, `_` and `-`.
    id: String,
    /// Where to write it [default: ID.ron in the current directory].
    #[arg(long, short)]
    out: Option<PathBuf>,
}

/// Three beats, three endings, a timed beat with its silence, a reply, and
/// tags the shipped rulebook judges: everything an author changes first.
const TEMPLATE: &str = r#"// A new scenario. `rapport check {ID}.ron` checks it, `rapport play {ID}.ron`
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
                Choice(
                    text: (en: "The warehouse messed up, not us.", ru: "Это склад напутал, не мы."),
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
                    text: (en: "Today, I promise.", ru: "Сегодня, обещаю."),
                    tags: ["overpromise"],
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
                    text: (en: "This time it will work.", ru: "В этот раз получится."),
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

pub fn run(args: Args) -> ExitCode {
    let valid = !args.id.is_empty()
        && args
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !valid {
        eprintln!(
            "rapport: `{}` is not a scenario id: use lower-case letters, digits, `_` and `-`",
            args.id
        );
        return ExitCode::from(2);
    }
    let path = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{}.ron", args.id)));
    let text = TEMPLATE.replace("{ID}", &args.id);
    // Never over an author's work.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let written = file.and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            println!(
                "next: rapport check {0} && rapport play {0}",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "rapport: {} exists already; nothing was written",
                path.display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("rapport: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
