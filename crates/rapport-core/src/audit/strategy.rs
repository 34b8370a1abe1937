//! The strategies of a trainee who picks on the surface of the options,
//! and the surface features they read: length, figures and names.

use crate::engine::Pick;
use crate::rulebook::Rulebook;
use crate::scenario::{Beat, Difficulty, Scenario};
use crate::text::Lang;
use serde::Serialize;

/// How a trainee who does not read for meaning picks an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Strategy {
    /// The option with the most characters, in the language played.
    Longest {
        /// The language the options are read in.
        lang: Lang,
    },
    /// The option with the fewest characters.
    Shortest {
        /// The language the options are read in.
        lang: Lang,
    },
    /// The most figures: numbers in digits or words, and capitalised names.
    MostFigures {
        /// The language the options are read in.
        lang: Lang,
    },
    /// The option listed `k`-th (1-based), or the last when fewer are listed.
    Position {
        /// The place in the list, 1-based.
        k: u8,
    },
    /// The option listed last.
    Last,
    /// The option with the most behaviour tags: what a trainee learns to spot
    /// if the richest answers are always the right ones.
    MostTags,
}

impl Strategy {
    /// How the audit report names the strategy.
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
    pub(crate) fn picks(self, beat: &Beat, options: &[u8]) -> Vec<(Pick, f64)> {
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
pub(crate) fn length(text: &str) -> usize {
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
pub(crate) fn figures(text: &str, lang: Lang) -> usize {
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
