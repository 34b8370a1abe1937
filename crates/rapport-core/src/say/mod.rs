//! "Say it first": the trainee types what they would say before the options
//! appear, and the matcher pre-selects the option closest to it.
//!
//! Each option of each beat is a small document, per language: its text,
//! the author's phrasings (`say:`), and, weighted lower, the meanings of its
//! behaviour tags from the rulebook. Words are reduced to Snowball stems
//! (module `words`) and weighted by BM25 with document frequencies learned from
//! all the options of the scenario, so that a stem every option shares
//! counts for little and a rare one for much. Nothing leaves the machine,
//! and the stems that matched are shown, so the trainee can see why.

mod answer;
mod lexicon;
mod marks;
pub mod paraphrase;
mod words;

pub use words::detect;

use crate::rulebook::Rulebook;
use crate::scenario::{Choice, Scenario};
use crate::text::Lang;
use rustc_hash::FxHashMap;
use words::{Stemmers, Word, display};

/// BM25's saturation: a stem said a second time adds less than the first.
const K1: f32 = 1.2;
/// BM25's length normalisation, at its usual value: a long option matches
/// more words by chance, and this takes that back.
const B: f32 = 0.75;
/// The weight of a tag's meaning against the option's own words: it says
/// what the option does, in words a trainee may well use, but it is shared
/// by every option with that tag, so it tells options apart less well.
const TAG_WEIGHT: f32 = 0.5;
/// The least score that is a suggestion. A stem found in nearly every
/// option of the scenario scores far below it (its inverse document
/// frequency is near zero); one found in a third of them, matched once in
/// an option's own text, scores about 1. So below this, what matched says
/// nothing about which option was meant, and the trainee is told so.
const MIN_SCORE: f32 = 0.5;
/// What a stem met only by a near stem counts, against meeting itself:
/// "перенесём" (перенес) and "перенести" (перенест) are one verb that
/// Snowball cuts two ways, but a near stem is sometimes another word.
const NEAR_WEIGHT: f32 = 0.7;
/// The typed stems compared, at most: far more than any answer has, and a
/// bound on the time a pasted page can take.
const MAX_STEMS: usize = 256;

/// The options of a scenario as documents to match typed answers against.
/// Built once per scenario; answering a query costs microseconds.
pub struct Matcher {
    stemmers: Stemmers,
    /// Per language (in [`Lang::ALL`] order), per beat, per choice as
    /// written: each stem's BM25 weight in that option.
    docs: [Vec<Vec<FxHashMap<String, f32>>>; 2],
}

/// What the matcher makes of a typed answer at one beat.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The language of the answer, by its script; `None` when it has no
    /// Latin or Cyrillic letter.
    pub lang: Option<Lang>,
    /// Every offered option, the closest first (ties in the order offered).
    pub ranked: Vec<Match>,
    /// The choice to pre-select (as written in the file); `None` when no
    /// option is close ("no close option").
    pub best: Option<usize>,
}

/// How one option matched a typed answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// The choice's index as written in the beat.
    pub choice: usize,
    /// Its BM25 score; 0 when nothing matched.
    pub score: f32,
    /// The typed words that matched, cut to their stems for display, in the
    /// order typed: `"извин-"`, `"late"`.
    pub matched: Vec<String>,
    /// The stems of those words, for lighting them up in the option's text
    /// ([`Matcher::marked`]).
    pub stems: Vec<String>,
}

impl Matcher {
    /// The matcher for `scenario`, reading tag meanings from `book`.
    pub fn new(scenario: &Scenario, book: &Rulebook) -> Matcher {
        let stemmers = Stemmers::new();
        let docs = Lang::ALL.map(|lang| {
            let raw: Vec<Vec<FxHashMap<String, f32>>> = scenario
                .beats
                .iter()
                .map(|b| {
                    b.choices
                        .iter()
                        .map(|c| counts(&stemmers, c, book, lang))
                        .collect()
                })
                .collect();
            bm25(raw)
        });
        Matcher { stemmers, docs }
    }

    /// The offered options of beat `beat` (its index in the scenario),
    /// ranked by how close each is to `typed`. `offered` are choice indices
    /// as written, as the session offers them; an index the beat lacks
    /// ranks with nothing matched rather than failing.
    pub fn suggest(&self, beat: usize, offered: &[usize], typed: &str) -> Suggestion {
        let lang = detect(typed);
        let words = match lang {
            Some(_) => self.stemmers.words(typed),
            None => Vec::new(),
        };
        // Each stem counts once, shown as the word it was first typed as.
        let mut query: Vec<&Word> = Vec::new();
        for w in &words {
            if query.len() == MAX_STEMS {
                break;
            }
            if !query.iter().any(|q| q.stem == w.stem) {
                query.push(w);
            }
        }
        let docs = lang.and_then(|l| self.docs[l as usize].get(beat));
        let mut ranked: Vec<Match> = offered
            .iter()
            .map(|&choice| {
                let mut m = Match {
                    choice,
                    score: 0.0,
                    matched: Vec::new(),
                    stems: Vec::new(),
                };
                if let Some(doc) = docs.and_then(|d| d.get(choice)) {
                    for w in &query {
                        if let Some(weight) = weight(doc, w) {
                            m.score += weight;
                            m.matched.push(display(w));
                            m.stems.push(w.stem.clone());
                        }
                    }
                }
                m
            })
            .collect();
        // Stable: equal scores keep the order offered.
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        let best = match ranked.as_slice() {
            [] => None,
            [top, ..] if top.score < MIN_SCORE => None,
            // Every option equally close: the answer tells them not apart.
            [top, rest @ ..] if !rest.is_empty() && rest.iter().all(|m| m.score >= top.score) => {
                None
            }
            [top, ..] => Some(top.choice),
        };
        Suggestion { lang, ranked, best }
    }
}

impl Suggestion {
    /// The pre-selected option's match, if any.
    pub fn best_match(&self) -> Option<&Match> {
        let best = self.best?;
        self.ranked.iter().find(|m| m.choice == best)
    }

    /// Why the option was suggested, in `lang`: "matched: извин-, опозд-",
    /// or "no close option".
    pub fn explain(&self, lang: Lang) -> String {
        match (self.best_match(), lang) {
            (Some(m), Lang::En) => format!("matched: {}", m.matched.join(", ")),
            (Some(m), Lang::Ru) => format!("совпало: {}", m.matched.join(", ")),
            (None, Lang::En) => "no close option".to_string(),
            (None, Lang::Ru) => "нет близкого варианта".to_string(),
        }
    }
}

/// The weight of a typed word in `doc`: its stem's own, or failing that,
/// discounted, that of the nearest stem that it or its stem shares at least
/// four first letters with, one of the two being all but a letter of the
/// other. The Russian stemmer leaves alternations and derived nouns apart
/// ("перенес" from "перенесём", "перенест" from "перенести"; "усп" from
/// "успею", "успет" from "успеть"), and this brings them together.
pub(super) fn weight(doc: &FxHashMap<String, f32>, w: &Word) -> Option<f32> {
    if let Some(&weight) = doc.get(&w.stem) {
        return Some(weight);
    }
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let stem_len = w.stem.chars().count();
    let near = |d: &str| {
        let c = common(&w.stem, d).max(common(&w.word, d));
        c >= 4 && c + 1 >= stem_len.min(d.chars().count())
    };
    doc.iter()
        .filter(|(d, _)| near(d))
        .map(|(_, &weight)| weight * NEAR_WEIGHT)
        .max_by(f32::total_cmp)
}

/// The weighted count of each stem in choice `c` in `lang`: its text and
/// phrasings at full weight, its tags' meanings at [`TAG_WEIGHT`].
fn counts(stemmers: &Stemmers, c: &Choice, book: &Rulebook, lang: Lang) -> FxHashMap<String, f32> {
    let mut out: FxHashMap<String, f32> = FxHashMap::default();
    let mut add = |text: &str, weight: f32| {
        for w in stemmers.words(text) {
            *out.entry(w.stem).or_default() += weight;
        }
    };
    add(c.text.get(lang), 1.0);
    for p in c.say.get(lang) {
        add(p, 1.0);
    }
    for t in c.tags.iter() {
        if let Some(term) = book.tags.get(t) {
            add(term.meaning.get(lang), TAG_WEIGHT);
        }
    }
    out
}

/// Weighted counts turned into BM25 weights, with document frequencies
/// and the mean length taken over every option of the scenario.
fn bm25(raw: Vec<Vec<FxHashMap<String, f32>>>) -> Vec<Vec<FxHashMap<String, f32>>> {
    let all = || raw.iter().flatten();
    let n = all().count() as f32;
    let len = |d: &FxHashMap<String, f32>| d.values().sum::<f32>();
    let mean = (all().map(len).sum::<f32>() / n.max(1.0)).max(1.0);
    let mut df: FxHashMap<&str, f32> = FxHashMap::default();
    for d in all() {
        for stem in d.keys() {
            *df.entry(stem).or_default() += 1.0;
        }
    }
    let idf: FxHashMap<String, f32> = df
        .into_iter()
        .map(|(s, k)| (s.to_string(), (1.0 + (n - k + 0.5) / (k + 0.5)).ln()))
        .collect();
    raw.iter()
        .map(|beat| {
            beat.iter()
                .map(|d| {
                    let norm = K1 * (1.0 - B + B * len(d) / mean);
                    d.iter()
                        .map(|(s, &tf)| (s.clone(), idf[s] * tf * (K1 + 1.0) / (tf + norm)))
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;
