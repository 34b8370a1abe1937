//! From a typed answer or an option's text to the stems the matcher
//! compares: words split out, the language told by its script, function
//! words dropped, each word reduced to its Snowball stem.

use super::lexicon::{is_stopword, number};
use crate::text::Lang;
use rust_stemmers::{Algorithm, Stemmer};

/// A word as it stands in the text and the stem it is compared by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word, lower-cased and with `ё` read as `е`: what the display
    /// shortens to the stem's length.
    pub(crate) word: String,
    /// Its stem.
    pub(crate) stem: String,
}

/// The two Snowball stemmers, built once.
pub(crate) struct Stemmers {
    en: Stemmer,
    ru: Stemmer,
}

impl Stemmers {
    pub(crate) fn new() -> Stemmers {
        Stemmers {
            en: Stemmer::create(Algorithm::English),
            ru: Stemmer::create(Algorithm::Russian),
        }
    }

    /// The content words of `text` with their stems. Each word is stemmed by
    /// its own script, so a Latin name in a Russian answer ("CRM") still
    /// meets the same name in a Russian option.
    pub(crate) fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        for raw in split(text) {
            for word in clitics(&raw) {
                if is_stopword(&word) {
                    continue;
                }
                let stem = match (number(&word), script(&word)) {
                    (Some(digits), _) => digits.to_string(),
                    (None, Some(Lang::Ru)) => self.ru.stem(&word).into_owned(),
                    (None, Some(Lang::En)) => self.en.stem(&british(&word)).into_owned(),
                    // Digits, and letters of other scripts, as they are.
                    (None, None) => word.clone(),
                };
                if !stem.is_empty() {
                    out.push(Word { word, stem });
                }
            }
        }
        out
    }
}

/// The language of a typed answer by its letters: Cyrillic is Russian,
/// Latin is English (the matcher knows no other), the majority decides a
/// mixture, and a text with neither (digits, emoji, Arabic) has none.
pub fn detect(text: &str) -> Option<Lang> {
    let (mut cyr, mut lat) = (0usize, 0usize);
    for c in text.chars() {
        match char_script(c) {
            Some(Lang::Ru) => cyr += 1,
            Some(Lang::En) => lat += 1,
            None => {}
        }
    }
    match (cyr, lat) {
        (0, 0) => None,
        (c, l) if c > l => Some(Lang::Ru),
        _ => Some(Lang::En),
    }
}

fn char_script(c: char) -> Option<Lang> {
    if !c.is_alphabetic() {
        return None;
    }
    match c as u32 {
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Some(Lang::Ru),
        // Basic and extended Latin, so "Entschuldigung, café" counts as Latin.
        0x0041..=0x024F | 0x1E00..=0x1EFF => Some(Lang::En),
        _ => None,
    }
}

/// The script of a word by its first letter, if any.
fn script(word: &str) -> Option<Lang> {
    word.chars().find_map(char_script)
}

/// Words in `text`, lower-cased, `ё` read as `е` and typographic
/// apostrophes as `'`: runs of letters and digits, with an apostrophe kept
/// inside a word ("don't") and hyphens splitting ("follow-up", "что-то").
fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                cur.push(match l {
                    'ё' => 'е',
                    other => other,
                });
            }
        } else if matches!(c, '\'' | '’' | 'ʼ' | '`')
            && !cur.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// An English word with its clitic undone: "don't" is "do" and "not" (the
/// negation matters), "I'm" is "i", "Lapin's" is "lapin"; an apostrophe
/// that is no clitic is dropped ("o'clock").
fn clitics(raw: &str) -> Vec<String> {
    let Some(at) = raw.find('\'') else {
        return vec![raw.to_string()];
    };
    let (head, tail) = (&raw[..at], &raw[at + 1..]);
    if tail == "t" && head.ends_with('n') && head.len() > 1 {
        let base = match &head[..head.len() - 1] {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            b => b,
        };
        return vec![base.to_string(), "not".to_string()];
    }
    if matches!(tail, "s" | "m" | "ll" | "re" | "ve" | "d") {
        return vec![head.to_string()];
    }
    vec![raw.replace('\'', "")]
}

/// A British spelling as the American one, so that "apologise" and
/// "apologize" share a stem (Porter's English stemmer strips only "-ize").
/// Applied to both sides alike, so "promise" as "promize" does no harm.
fn british(word: &str) -> String {
    for (gb, us) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("ysing", "yzing"),
    ] {
        if let Some(stem) = word.strip_suffix(gb)
            && stem.chars().count() >= 3
        {
            return format!("{stem}{us}");
        }
    }
    word.to_string()
}

/// How a matched word is shown: the word cut to the stem it shares, with a
/// hyphen when something was cut ("извинения" → "извин-"), whole otherwise.
pub(crate) fn display(w: &Word) -> String {
    let common: usize = w
        .word
        .chars()
        .zip(w.stem.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    if common == 0 {
        w.word.clone()
    } else if common < w.word.len() {
        format!("{}-", &w.word[..common])
    } else {
        w.word.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        Stemmers::new()
            .words(text)
            .into_iter()
            .map(|w| w.stem)
            .collect()
    }

    #[test]
    fn words_are_split_lowered_and_stemmed_by_their_script() {
        assert_eq!(stems("I'm SORRY, I was late!"), ["sorri", "late"]);
        assert_eq!(stems("Извините, я опоздал"), ["извин", "опозда"]);
        assert_eq!(stems("Всё ещё"), stems("все еще"));
        assert_eq!(stems("a follow-up call"), ["follow", "up", "call"]);
        assert_eq!(stems("Можно в CRM?"), ["можн", "crm"]);
        assert_eq!(stems("at eleven, in twenty minutes"), ["11", "20", "minut"]);
        assert_eq!(
            stems("в одиннадцать, через пятнадцать минут"),
            ["11", "через", "15", "минут"]
        );
        assert_eq!(stems("к десяти"), ["10"]);
    }

    #[test]
    fn negations_stay_and_clitics_go() {
        assert_eq!(stems("don't"), ["not"]);
        assert_eq!(stems("I can’t wait"), ["not", "wait"]);
        assert_eq!(stems("Lapin's office"), ["lapin", "offic"]);
        assert_eq!(stems("не могу"), ["не", "мог"]);
    }

    #[test]
    fn british_and_american_spellings_share_a_stem() {
        assert_eq!(stems("apologise"), stems("apologize"));
        assert_eq!(stems("apologised"), stems("apologized"));
        assert_eq!(stems("organisation"), stems("organization"));
    }

    #[test]
    fn the_language_is_the_script_of_most_letters() {
        assert_eq!(detect("Sorry, I'm late"), Some(Lang::En));
        assert_eq!(detect("Извините, CRM"), Some(Lang::Ru));
        assert_eq!(detect("CRM и KPI"), Some(Lang::En));
        assert_eq!(detect("12:30 !!! 🙂"), None);
        assert_eq!(detect("مرحبا שלום"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn a_matched_word_is_shown_cut_to_its_stem() {
        let w = |word: &str, stem: &str| Word {
            word: word.into(),
            stem: stem.into(),
        };
        assert_eq!(display(&w("извините", "извин")), "извин-");
        assert_eq!(display(&w("late", "late")), "late");
        assert_eq!(display(&w("happy", "happi")), "happ-");
        assert_eq!(display(&w("12", "12")), "12");
    }
}
