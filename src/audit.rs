//! The item audit: what a trainee scores by choosing on the surface of the
//! options alone (the longest, the one with the most figures, always the
//! first...), never on their meaning. These are the classic item-writing
//! flaws of multiple-choice tests ("test-wiseness"); here they are measured
//! exactly, over every world of the scenario with its odds, as the exact
//! distribution is: a strategy is a rule for picking among the options on
//! offer, and its expected score and pass rate are pushed through the graph
//! of session states, each state once.
//!
//! Per beat the audit also sets out the item itself: where the best option
//! sits, how long it is against the longest other, and whether it alone
//! carries figures or names.

use crate::analysis::{Solver, Value};
use crate::distribution::{all_worlds, explore};
use crate::engine::{Pick, State, World};
use crate::rulebook::Rulebook;
use crate::scenario::{Beat, Difficulty, Node, Scenario};
use crate::text::Lang;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// How a trainee who does not read for meaning picks an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Strategy {
    /// The option with the most characters, in the language played.
    Longest {
        lang: Lang,
    },
    Shortest {
        lang: Lang,
    },
    /// The most figures: numbers in digits or words, and capitalised names.
    MostFigures {
        lang: Lang,
    },
    /// The option listed `k`-th (1-based), or the last when fewer are listed.
    Position {
        k: u8,
    },
    Last,
    /// The option with the most behaviour tags: what a trainee learns to spot
    /// if the richest answers are always the right ones.
    MostTags,
}

impl Strategy {
    pub fn name(self) -> String {
        match self {
            Strategy::Longest { lang } => format!("longest ({lang})"),
            Strategy::Shortest { lang } => format!("shortest ({lang})"),
            Strategy::MostFigures { lang } => format!("most figures and names ({lang})"),
            Strategy::Position { k: 1 } => "always the first".into(),
            Strategy::Position { k } => format!("always position {k}"),
            Strategy::Last => "always the last".into(),
            Strategy::MostTags => "most tags".into(),
        }
    }

    /// Every strategy worth trying on `scenario`: positions up to the most
    /// options any beat lists.
    pub fn all(scenario: &Scenario) -> Vec<Strategy> {
        let widest = scenario
            .beats
            .iter()
            .map(|b| b.choices.len())
            .max()
            .unwrap_or(1)
            .max(1) as u8;
        let mut v = Vec::new();
        for lang in Lang::ALL {
            v.push(Strategy::Longest { lang });
            v.push(Strategy::Shortest { lang });
            v.push(Strategy::MostFigures { lang });
        }
        v.extend((1..=widest).map(|k| Strategy::Position { k }));
        v.push(Strategy::Last);
        v.push(Strategy::MostTags);
        v
    }

    /// The picks this strategy makes among `options` (indices into the
    /// beat's choices, those on offer), each with its probability: ties are
    /// broken uniformly, as a trainee with nothing else to go on would. A
    /// place in the list is taken as the trainee meets it: pinned options
    /// where they are pinned, every other option equally likely in each of
    /// the other places, as the shuffle makes them.
    pub fn picks(self, beat: &Beat, options: &[u8]) -> Vec<(Pick, f64)> {
        if options.is_empty() {
            return vec![(Pick::Silence, 1.0)];
        }
        let chosen: Vec<u8> = match self {
            Strategy::Position { .. } | Strategy::Last => {
                // As listed: the pinned first, the shuffled, the pinned last.
                let place = |i: u8| beat.choices[usize::from(i)].place();
                let mut listed = options.to_vec();
                listed.sort_by_key(|&i| (place(i), i));
                let n = listed.len();
                let at = match self {
                    Strategy::Position { k } => (usize::from(k.max(1)) - 1).min(n - 1),
                    _ => n - 1,
                };
                // A shuffled place holds each shuffled option alike.
                if place(listed[at]) == 1 {
                    listed.into_iter().filter(|&i| place(i) == 1).collect()
                } else {
                    vec![listed[at]]
                }
            }
            _ => {
                let feature = |i: u8| -> i64 {
                    let c = &beat.choices[usize::from(i)];
                    match self {
                        Strategy::Longest { lang } => length(c.text.get(lang)) as i64,
                        Strategy::Shortest { lang } => -(length(c.text.get(lang)) as i64),
                        Strategy::MostFigures { lang } => figures(c.text.get(lang), lang) as i64,
                        Strategy::MostTags => c.tags.iter().count() as i64,
                        Strategy::Position { .. } | Strategy::Last => 0,
                    }
                };
                let top = options.iter().map(|&i| feature(i)).max().unwrap_or(0);
                options
                    .iter()
                    .copied()
                    .filter(|&i| feature(i) == top)
                    .collect()
            }
        };
        let p = 1.0 / chosen.len() as f64;
        chosen.into_iter().map(|i| (Pick::Choice(i), p)).collect()
    }
}

/// Plays `strategy` through one session (its seed fixes the events and the
/// order shown), taking the first shown among tied options: the path a
/// golden run can pin down. Returns the session, over.
pub fn play<'a>(
    scenario: &'a Scenario,
    book: &'a Rulebook,
    level: Difficulty,
    seed: u64,
    strategy: Strategy,
) -> crate::session::Session<'a> {
    let mut session = crate::session::Session::new(scenario, book, level, seed);
    while let Some(beat) = session.beat() {
        let shown = session.options().to_vec();
        let listed = match strategy {
            Strategy::Position { k } => usize::from(k.max(1)).min(shown.len()),
            Strategy::Last => shown.len(),
            _ => {
                let tied: Vec<u8> = strategy
                    .picks(beat, &shown)
                    .into_iter()
                    .filter_map(|(p, _)| match p {
                        Pick::Choice(i) => Some(i),
                        Pick::Silence => None,
                    })
                    .collect();
                shown
                    .iter()
                    .position(|i| tied.contains(i))
                    .map_or(0, |p| p + 1)
            }
        };
        if session.choose_listed(listed).is_err() {
            break;
        }
    }
    session
}

/// Characters, not bytes: Russian letters are two bytes each.
pub fn length(text: &str) -> usize {
    text.chars().count()
}

const EN_NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "thousand",
    "million", "percent", "half", "dozen",
];
const RU_NUMBERS: &[&str] = &[
    "два",
    "две",
    "три",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "сорок",
    "сто",
    "двести",
    "триста",
    "половина",
    "половину",
];
const RU_NUMBER_STEMS: &[&str] = &[
    "одиннадцат",
    "двенадцат",
    "пятнадцат",
    "двадцат",
    "тридцат",
    "пятьдесят",
    "тысяч",
    "миллион",
    "процент",
    "четыр",
];

/// Figures and names in a text: each token with a digit, each number word,
/// and each capitalised word that does not open a sentence. A rough count,
/// but the one a test-wise reader makes at a glance.
pub fn figures(text: &str, lang: Lang) -> usize {
    let mut n = 0;
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        // Apostrophes stay: "I'll" is no name, and neither is "Ill".
        let word: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '%' | ':' | '\'' | '’'))
            .collect();
        let opens = sentence_start;
        sentence_start = raw.ends_with(['.', '!', '?', ':', '"', '»', '«', '(']) || raw == "—";
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        let number_word = match lang {
            Lang::En => EN_NUMBERS.contains(&lower.as_str()),
            Lang::Ru => {
                RU_NUMBERS.contains(&lower.as_str())
                    || RU_NUMBER_STEMS.iter().any(|s| lower.starts_with(s))
            }
        };
        let name = !opens
            && word.chars().next().is_some_and(char::is_uppercase)
            && word != "I"
            && !word.starts_with("I'")
            && !word.starts_with("I’");
        if word.chars().any(|c| c.is_ascii_digit()) || word.contains('%') || number_word || name {
            n += 1;
        }
    }
    n
}

/// What one strategy scores, over every world with its odds.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub strategy: Strategy,
    pub name: String,
    /// The expected overall score.
    pub mean: f64,
    /// The probability of passing.
    pub pass: f64,
}

/// One beat as a test item.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub beat: String,
    pub options: usize,
    /// 1-based places (as written; shown in an order drawn from the seed) of
    /// the options that are best at this beat
    /// in most of the session states that reach it; empty when every option
    /// is as good as any other.
    pub best: Vec<usize>,
    /// The best option's length over the longest other option's, per
    /// language; `None` when there is no other option.
    pub length_ratio_en: Option<f64>,
    pub length_ratio_ru: Option<f64>,
    /// The best option is (one of) the longest, in English.
    pub best_is_longest: bool,
    /// The best option alone carries figures or names.
    pub alone_has_figures: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub scenario: String,
    pub level: Difficulty,
    pub worlds: usize,
    pub threshold: f64,
    /// A trainee picking uniformly at random, for reference.
    pub random_mean: f64,
    pub random_pass: f64,
    pub strategies: Vec<Outcome>,
    pub items: Vec<Item>,
}

/// Probabilities closer than this are equal (sums of products of odds).
const SAME: f64 = 1e-9;

impl Audit {
    /// Whether a strategy's pass rate is a flaw of the items: above the
    /// threshold, and above what picking at random gives. Guessing is open to
    /// everyone and the shuffle makes every place in the list a guess, so
    /// only doing better than chance without reading is the items' fault.
    pub fn flags(&self, o: &Outcome) -> bool {
        o.pass > self.threshold + SAME && o.pass > self.random_pass + SAME
    }

    /// The strategies that pass more often than the threshold and chance.
    pub fn failures(&self) -> Vec<&Outcome> {
        self.strategies.iter().filter(|o| self.flags(o)).collect()
    }

    pub fn passed(&self) -> bool {
        self.failures().is_empty()
    }
}

/// Audits `scenario` at `level`; a strategy fails the audit when it passes
/// with a probability above `threshold` (0 to 1).
pub fn audit(scenario: &Scenario, book: &Rulebook, level: Difficulty, threshold: f64) -> Audit {
    let worlds = all_worlds(scenario, book, level);
    let strategies = Strategy::all(scenario)
        .into_iter()
        .map(|strategy| {
            let (mut mean, mut pass) = (0.0, 0.0);
            for (world, p) in &worlds {
                let (m, q) = expected(world, strategy);
                mean += p * m;
                pass += p * q;
            }
            Outcome {
                strategy,
                name: strategy.name(),
                mean,
                pass,
            }
        })
        .collect();
    let random = crate::distribution::distribution(scenario, book, level);
    Audit {
        scenario: scenario.id.clone(),
        level,
        worlds: worlds.len(),
        threshold,
        random_mean: random.mean,
        random_pass: random.pass,
        strategies,
        items: items(scenario, &worlds),
    }
}

/// Expected score and pass probability of `strategy` in one world: every
/// state the strategy can reach is valued once, children before parents.
fn expected(world: &World, strategy: Strategy) -> (f64, f64) {
    struct Frame {
        children: Vec<(State, f64)>,
        state: State,
        i: usize,
        mean: f64,
        pass: f64,
    }
    let solver = Solver::new(world);
    let terminal = |st: &State| {
        let (score, passed) = world.quick_score(st);
        (score, if passed { 1.0 } else { 0.0 })
    };
    let frame = |st: State| {
        let Node::Beat(b) = st.node else {
            unreachable!("only unfinished states get a frame")
        };
        let options = world.options(&st);
        let children = strategy
            .picks(world.scenario.beat(b), &options)
            .into_iter()
            .map(|(pick, p)| (solver.next(&st, pick), p))
            .collect();
        Frame {
            children,
            state: st,
            i: 0,
            mean: 0.0,
            pass: 0.0,
        }
    };
    let mut root = world.start(&mut crate::engine::Quiet);
    if world.is_over(&root) {
        return terminal(&root);
    }
    // The solver zeroes turn counts where they cannot matter; do the same
    // to the root so that it meets its memo entry.
    root = solver.normalised(root);
    let mut memo: FxHashMap<State, (f64, f64)> = FxHashMap::default();
    let mut stack = vec![frame(root.clone())];
    while let Some(top) = stack.last_mut() {
        if top.i == top.children.len() {
            let f = stack.pop().expect("the loop checked the stack");
            memo.insert(f.state, (f.mean, f.pass));
            if stack.is_empty() {
                return (f.mean, f.pass);
            }
            continue;
        }
        let (child, p) = &top.children[top.i];
        let value = if world.is_over(child) {
            Some(terminal(child))
        } else {
            memo.get(child).copied()
        };
        match value {
            Some((m, q)) => {
                top.mean += p * m;
                top.pass += p * q;
                top.i += 1;
            }
            None => {
                let child = child.clone();
                stack.push(frame(child));
            }
        }
    }
    unreachable!("the root's frame returns its value when it is popped")
}

/// The item table of `scenario` at `level`, over every world.
pub fn items_at(scenario: &Scenario, book: &Rulebook, level: Difficulty) -> Vec<Item> {
    items(scenario, &all_worlds(scenario, book, level))
}

/// The item table: for each beat some session reaches, the option that is
/// best in most of the states that reach it, and how it stands out.
fn items(scenario: &Scenario, worlds: &[(World, f64)]) -> Vec<Item> {
    // best_count[beat][choice]: states at this beat where the choice is best.
    let mut best_count: Vec<Vec<usize>> = scenario
        .beats
        .iter()
        .map(|b| vec![0; b.choices.len()])
        .collect();
    let mut arrivals = vec![0usize; scenario.beats.len()];
    for (world, _) in worlds {
        let ex = explore(world);
        let mut solver = Solver::new(world);
        for st in &ex.states {
            let Node::Beat(b) = st.node else { continue };
            if world.is_over(st) {
                continue;
            }
            let options = world.options(st);
            let values: Vec<(u8, Value)> = options
                .iter()
                .map(|&i| {
                    let child = solver.next(st, Pick::Choice(i));
                    let v = solver.solve(&child).0;
                    (i, v)
                })
                .collect();
            let top = values
                .iter()
                .map(|(_, v)| *v)
                .reduce(|a, v| if v.better(a) { v } else { a });
            let Some(top) = top else { continue };
            let best: Vec<u8> = values
                .iter()
                .filter(|(_, v)| !top.better(*v))
                .map(|(i, _)| *i)
                .collect();
            arrivals[b as usize] += 1;
            // An arrival where every option is as good says nothing of the item.
            if best.len() < values.len() {
                for i in best {
                    best_count[b as usize][usize::from(i)] += 1;
                }
            }
        }
    }
    scenario
        .beats
        .iter()
        .enumerate()
        .filter(|(b, _)| arrivals[*b] > 0)
        .map(|(b, beat)| {
            let most = best_count[b].iter().copied().max().unwrap_or(0);
            let best: Vec<usize> = if most == 0 {
                Vec::new()
            } else {
                (0..beat.choices.len())
                    .filter(|&i| best_count[b][i] == most)
                    .collect()
            };
            item(beat, &best)
        })
        .collect()
}

fn item(beat: &Beat, best: &[usize]) -> Item {
    let ratio = |lang: Lang| -> Option<f64> {
        let &key = best.first()?;
        let mine = length(beat.choices[key].text.get(lang));
        let other = beat
            .choices
            .iter()
            .enumerate()
            .filter(|(i, _)| !best.contains(i))
            .map(|(_, c)| length(c.text.get(lang)))
            .max()?;
        Some(if other == 0 {
            f64::INFINITY
        } else {
            mine as f64 / other as f64
        })
    };
    let longest = beat
        .choices
        .iter()
        .map(|c| length(c.text.get(Lang::En)))
        .max()
        .unwrap_or(0);
    let best_is_longest = best
        .iter()
        .any(|&i| length(beat.choices[i].text.get(Lang::En)) == longest)
        && beat.choices.len() > 1;
    let has_figures = |i: usize| {
        Lang::ALL
            .iter()
            .any(|&l| figures(beat.choices[i].text.get(l), l) > 0)
    };
    let alone_has_figures = !best.is_empty()
        && best.iter().any(|&i| has_figures(i))
        && (0..beat.choices.len())
            .filter(|i| !best.contains(i))
            .all(|i| !has_figures(i))
        && beat.choices.len() > best.len();
    Item {
        beat: beat.id.clone(),
        options: beat.choices.len(),
        best: best.iter().map(|i| i + 1).collect(),
        length_ratio_en: ratio(Lang::En),
        length_ratio_ru: ratio(Lang::Ru),
        best_is_longest,
        alone_has_figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_counts_numbers_names_and_number_words() {
        assert_eq!(figures("Ten, as agreed. I'll be there.", Lang::En), 1);
        assert_eq!(figures("We'll be in touch.", Lang::En), 0);
        assert_eq!(
            figures("Call Lapin at 10:15 about the Kazan warehouse.", Lang::En),
            3
        );
        assert_eq!(figures("Сорок водителей в Казани к пятнице.", Lang::Ru), 2);
        assert_eq!(figures("Хорошо. Я приеду.", Lang::Ru), 0);
        assert_eq!(figures("Yes, and I'll call, I'm sure.", Lang::En), 0);
    }
}
