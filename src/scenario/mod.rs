//! A scenario resolved against the rulebook: beats and endings by index, tags,
//! cues and flags as bit sets, every reference checked.

mod compile;
pub mod file;

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

pub use compile::{MAX_BEATS, MAX_CHOICES, MAX_FLAGS, MAX_TURNS};
pub use file::{Difficulty, Emotion, Meter, Outcome, Pin, Speaker};

use crate::diagnostic::Diagnostic;
use crate::rulebook::{Rulebook, TagSet};
use crate::text::Text;
use file::{Briefing, Meters, Persona, ScenarioFile};
use std::path::{Path, PathBuf};

/// What of the client's state can still matter at a beat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Live {
    pub flags: u64,
    /// Trust, patience, interest.
    pub meters: [bool; 3],
}

impl Live {
    fn union(self, o: Live) -> Live {
        Live {
            flags: self.flags | o.flags,
            meters: [
                self.meters[0] || o.meters[0],
                self.meters[1] || o.meters[1],
                self.meters[2] || o.meters[2],
            ],
        }
    }
}

/// Where the conversation is: at a beat waiting for a choice, or at an ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Beat(u32),
    Ending(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Flag(u8),
    NotFlag(u8),
    AtLeast(Meter, i32),
    Below(Meter, i32),
    Level(Difficulty),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// A change to the client's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    pub trust: i32,
    pub patience: i32,
    pub interest: i32,
    pub set: u64,
    pub clear: u64,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub when: Condition,
    pub emotion: Emotion,
    pub line: Text,
}

#[derive(Clone, Debug)]
pub struct Reply {
    pub emotion: Emotion,
    pub line: Text,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub text: Text,
    pub tags: TagSet,
    pub when: Option<Condition>,
    pub effect: Effect,
    pub reply: Option<Reply>,
    pub next: Node,
    pub branches: Vec<(Condition, Node)>,
    pub pin: Option<Pin>,
    /// Scenario-specific feedback, by rule index in the rulebook.
    pub feedback: Vec<(usize, Text)>,
}

#[derive(Clone, Debug)]
pub struct Beat {
    pub id: String,
    pub speaker: Speaker,
    pub emotion: Emotion,
    pub line: Text,
    pub cues: u64,
    pub narration: Option<Text>,
    pub on_enter: Effect,
    pub variants: Vec<Variant>,
    pub time_limit: Option<f32>,
    pub silence: Option<Choice>,
    pub choices: Vec<Choice>,
    /// Events revealed when this beat is entered.
    pub events: Vec<u32>,
    /// No choice has a condition: every choice is always on offer, and
    /// `choice_tags` (all their tags) is what is offered.
    pub unconditional: bool,
    pub choice_tags: TagSet,
    /// Some choice is pinned to the top or the bottom.
    pub pinned: bool,
    /// Scenario-specific feedback for rules decided here, by rule index.
    pub feedback: Vec<(usize, Text)>,
}

impl Choice {
    /// Where the option is listed: 0 pinned first, 1 among the shuffled,
    /// 2 pinned last.
    pub fn place(&self) -> u8 {
        match self.pin {
            Some(Pin::First) => 0,
            None => 1,
            Some(Pin::Last) => 2,
        }
    }
}

impl Beat {
    /// This beat's own word on rule `r` after `choice`: the choice's, else
    /// the beat's.
    pub fn feedback<'b>(&'b self, choice: Option<&'b Choice>, r: usize) -> Option<&'b Text> {
        fn find(v: &[(usize, Text)], r: usize) -> Option<&Text> {
            v.iter().find(|(k, _)| *k == r).map(|(_, t)| t)
        }
        choice
            .and_then(|c| find(&c.feedback, r))
            .or_else(|| find(&self.feedback, r))
    }
}

#[derive(Clone, Debug)]
pub struct Case {
    pub id: String,
    pub weight: f64,
    pub narration: Option<Text>,
    pub effect: Effect,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    /// `None`: revealed at the start of the session.
    pub at: Option<u32>,
    pub cases: Vec<Case>,
}

impl Event {
    /// Probability of each case.
    pub fn probabilities(&self) -> Vec<f64> {
        let total: f64 = self.cases.iter().map(|c| c.weight).sum();
        self.cases.iter().map(|c| c.weight / total).collect()
    }
}

#[derive(Clone, Debug)]
pub struct Ending {
    pub id: String,
    pub outcome: Outcome,
    pub title: Text,
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Level {
    pub trust: i32,
    pub patience: i32,
    pub interest: i32,
    pub time_factor: f32,
}

impl Level {
    pub fn default_for(d: Difficulty) -> Level {
        match d {
            Difficulty::Easy => Level {
                trust: 10,
                patience: 20,
                interest: 0,
                time_factor: 1.5,
            },
            Difficulty::Normal => Level {
                trust: 0,
                patience: 0,
                interest: 0,
                time_factor: 1.0,
            },
            Difficulty::Hard => Level {
                trust: -10,
                patience: -20,
                interest: 0,
                time_factor: 0.7,
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct Scenario {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub summary: Text,
    pub lessons: Vec<String>,
    pub difficulty: Difficulty,
    pub persona: Persona,
    pub briefing: Briefing,
    pub initial: Meters,
    pub levels: [Level; 3],
    pub events: Vec<Event>,
    pub max_turns: u32,
    pub patience_out: Option<Node>,
    pub start: u32,
    pub beats: Vec<Beat>,
    pub endings: Vec<Ending>,
    /// Flag names by bit; the rulebook's flags come first, in its order.
    pub flags: Vec<String>,
    /// Whether the beat graph has a cycle (then turn counts bound a session).
    pub cyclic: bool,
    pub path: PathBuf,
    /// SHA-256 of the source text (`digest::of_text`); empty for scenarios
    /// made in code.
    pub hash: String,
}

impl Scenario {
    /// Reads and checks a scenario file against `book`. On success the
    /// warnings come back beside it; on failure every error, located.
    pub fn load(
        path: &Path,
        bytes: &[u8],
        book: &Rulebook,
    ) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
        let text = crate::ron_text::decode(path, bytes).map_err(|d| vec![d])?;
        let file: ScenarioFile = crate::ron_text::parse(path, text).map_err(|d| vec![d])?;
        let (mut scenario, warnings) = compile::compile(path, text, file, book)?;
        scenario.hash = crate::digest::of_text(text);
        Ok((scenario, warnings))
    }

    /// Builds a scenario from data made in code (generated scenarios for
    /// benchmarks and tests); diagnostics point at line 1.
    pub fn from_file(
        file: ScenarioFile,
        book: &Rulebook,
    ) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
        compile::compile(Path::new("<generated>"), "", file, book)
    }

    /// For each beat, what of the client's state can still change what
    /// happens from there on: the flags and meters that a condition at that
    /// beat or any beat after it reads (patience, wherever the meeting ends
    /// when it runs out), with the rulebook's flags always, since rules watch
    /// them being set. Anything else is dead at that beat, so analysis
    /// memoises states without it and stays exact.
    pub fn liveness(&self, rule_flags: usize) -> Vec<Live> {
        fn mark(c: &Condition, live: &mut Live) {
            match c {
                Condition::AtLeast(m, _) | Condition::Below(m, _) => {
                    live.meters[*m as usize] = true;
                }
                Condition::Flag(f) | Condition::NotFlag(f) => live.flags |= 1 << f,
                Condition::All(cs) | Condition::Any(cs) => {
                    cs.iter().for_each(|c| mark(c, live));
                }
                Condition::Not(c) => mark(c, live),
                Condition::Level(_) => {}
            }
        }
        let always = Live {
            flags: if rule_flags >= 64 {
                u64::MAX
            } else {
                (1u64 << rule_flags) - 1
            },
            meters: [false, self.patience_out.is_some(), false],
        };
        let own: Vec<Live> = self
            .beats
            .iter()
            .map(|b| {
                let mut live = always;
                for v in &b.variants {
                    mark(&v.when, &mut live);
                }
                for c in b.choices.iter().chain(&b.silence) {
                    if let Some(w) = &c.when {
                        mark(w, &mut live);
                    }
                    for (w, _) in &c.branches {
                        mark(w, &mut live);
                    }
                }
                live
            })
            .collect();
        let graph = crate::graph::Graph::of(self);
        let mut live = own.clone();
        // Backwards to a fixed point: beats are mostly written in the order
        // they are played, so a pass or two settles it.
        loop {
            let mut changed = false;
            for b in (0..self.beats.len()).rev() {
                let mut l = own[b];
                for n in &graph.next[b] {
                    if let Node::Beat(k) = n {
                        l = l.union(live[*k as usize]);
                    }
                }
                if l != live[b] {
                    live[b] = l;
                    changed = true;
                }
            }
            if !changed {
                return live;
            }
        }
    }

    pub fn level(&self, d: Difficulty) -> Level {
        self.levels[d as usize]
    }

    pub fn beat(&self, i: u32) -> &Beat {
        &self.beats[i as usize]
    }

    pub fn beat_index(&self, id: &str) -> Option<u32> {
        self.beats.iter().position(|b| b.id == id).map(|i| i as u32)
    }

    pub fn node_id(&self, n: Node) -> &str {
        match n {
            Node::Beat(i) => &self.beats[i as usize].id,
            Node::Ending(i) => &self.endings[i as usize].id,
        }
    }
}
