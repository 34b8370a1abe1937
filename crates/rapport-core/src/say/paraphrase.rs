//! The paraphrase benchmark: trainee-like answers written for known options
//! (`tests/paraphrases/<scenario>.ron`), and how often the matcher suggests
//! the option each was written for.

use super::{Matcher, Suggestion};
use crate::scenario::{Condition, Scenario};
use crate::text::Lang;
use serde::Deserialize;
use std::fmt::Write as _;

/// A paraphrase file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Paraphrases")]
pub struct ParaphraseFile {
    /// The id of the scenario paraphrased.
    pub scenario: String,
    /// Its beats, by id.
    pub beats: Vec<BeatParaphrases>,
}

/// The paraphrases of one beat's options.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Beat")]
pub struct BeatParaphrases {
    /// The beat's id.
    pub id: String,
    /// Its options.
    pub options: Vec<OptionParaphrases>,
}

/// The paraphrases of one option.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Option")]
pub struct OptionParaphrases {
    /// The choice's index as written in the beat.
    pub choice: usize,
    /// In English.
    #[serde(default)]
    pub en: Vec<String>,
    /// In Russian.
    #[serde(default)]
    pub ru: Vec<String>,
}

impl ParaphraseFile {
    /// The file read from RON `text`.
    pub fn parse(text: &str) -> Result<ParaphraseFile, String> {
        ron::from_str(text).map_err(|e| e.to_string())
    }

    /// What the file fails to cover of `scenario`: a beat id it does not
    /// have, a choice the beat lacks, and every option of every beat with
    /// fewer than `least` paraphrases in a language.
    pub fn gaps(&self, scenario: &Scenario, least: usize) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.beats {
            match scenario.beats.iter().find(|sb| sb.id == b.id) {
                None => out.push(format!("beat `{}`: no such beat", b.id)),
                Some(sb) => {
                    for o in &b.options {
                        if o.choice >= sb.choices.len() {
                            out.push(format!("beat `{}`: no choice {}", b.id, o.choice));
                        }
                    }
                }
            }
        }
        for sb in &scenario.beats {
            let mine = self.beats.iter().filter(|b| b.id == sb.id);
            for (c, _) in sb.choices.iter().enumerate() {
                let of = |lang: Lang| -> usize {
                    mine.clone()
                        .flat_map(|b| b.options.iter().filter(|o| o.choice == c))
                        .map(|o| o.lang(lang).len())
                        .sum()
                };
                for lang in Lang::ALL {
                    let n = of(lang);
                    if n < least {
                        out.push(format!(
                            "beat `{}` choice {c}: {n} paraphrases in `{lang}`, fewer than {least}",
                            sb.id
                        ));
                    }
                }
            }
        }
        out
    }
}

impl OptionParaphrases {
    /// The paraphrases in `lang`.
    pub fn lang(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }
}

/// How well the matcher agrees with one scenario's paraphrases in one
/// language.
#[derive(Clone, Debug)]
pub struct Agreement {
    /// The scenario's id.
    pub scenario: String,
    /// The language of the paraphrases.
    pub lang: Lang,
    /// How many paraphrases were matched.
    pub total: usize,
    /// How many had their option suggested.
    pub top1: usize,
    /// How many had their option suggested or ranked second (with something
    /// matched).
    pub top2: usize,
    /// How many had their option suggested when ranked only against the
    /// options that can be on offer with it (not those under a condition
    /// that excludes its own): closer to what a trainee meets in play.
    pub top1_offered: usize,
    /// The same, suggested or ranked second.
    pub top2_offered: usize,
    /// Every paraphrase whose option was not the one suggested.
    pub misses: Vec<Miss>,
}

impl Agreement {
    /// The share of paraphrases whose option was suggested.
    pub fn top1_rate(&self) -> f64 {
        self.top1 as f64 / self.total.max(1) as f64
    }

    /// The share whose option was suggested or ranked second.
    pub fn top2_rate(&self) -> f64 {
        self.top2 as f64 / self.total.max(1) as f64
    }
}

/// A paraphrase the matcher did not suggest its option for.
#[derive(Clone, Debug)]
pub struct Miss {
    /// The beat's id.
    pub beat: String,
    /// What was typed.
    pub paraphrase: String,
    /// The choice it was written for.
    pub expected: usize,
    /// The choice suggested instead; `None` for "no close option".
    pub suggested: Option<usize>,
    /// Where the expected choice ranked, from 1.
    pub rank: usize,
    /// The stems that matched the suggested choice.
    pub matched: Vec<String>,
    /// The stems that matched the expected choice.
    pub expected_matched: Vec<String>,
}

/// The matcher's agreement with `file`, per language, ranking every choice
/// of each beat. An error when the file names a beat the scenario lacks.
pub fn agreement(
    file: &ParaphraseFile,
    scenario: &Scenario,
    matcher: &Matcher,
) -> Result<Vec<Agreement>, String> {
    let mut out: Vec<Agreement> = Lang::ALL
        .map(|lang| Agreement {
            scenario: file.scenario.clone(),
            lang,
            total: 0,
            top1: 0,
            top2: 0,
            top1_offered: 0,
            top2_offered: 0,
            misses: Vec::new(),
        })
        .into();
    for b in &file.beats {
        let beat = scenario
            .beats
            .iter()
            .position(|sb| sb.id == b.id)
            .ok_or_else(|| format!("{}: no beat `{}`", file.scenario, b.id))?;
        let choices = &scenario.beats[beat].choices;
        let all: Vec<usize> = (0..choices.len()).collect();
        for o in &b.options {
            let with: Vec<usize> = match choices.get(o.choice) {
                Some(mine) => all
                    .iter()
                    .copied()
                    .filter(|&c| !excludes(mine.when.as_ref(), choices[c].when.as_ref()))
                    .collect(),
                None => all.clone(),
            };
            for (lang, agr) in Lang::ALL.into_iter().zip(out.iter_mut()) {
                for p in o.lang(lang) {
                    let s = matcher.suggest(beat, &all, p);
                    agr.total += 1;
                    let rank = within(&s, o.choice);
                    agr.top1 += usize::from(rank == Some(1));
                    agr.top2 += usize::from(rank.is_some_and(|r| r <= 2));
                    let offered = within(&matcher.suggest(beat, &with, p), o.choice);
                    agr.top1_offered += usize::from(offered == Some(1));
                    agr.top2_offered += usize::from(offered.is_some_and(|r| r <= 2));
                    if rank != Some(1) {
                        agr.misses.push(miss(&b.id, p, o.choice, &s));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Whether two options can never be on offer together: one needs a flag
/// set that the other needs clear (at the top of its condition or in an
/// `All`). Sound, not complete: other exclusions are not looked for.
fn excludes(a: Option<&Condition>, b: Option<&Condition>) -> bool {
    fn needs(c: Option<&Condition>, out: &mut Vec<(u8, bool)>) {
        match c {
            Some(Condition::Flag(f)) => out.push((*f, true)),
            Some(Condition::NotFlag(f)) => out.push((*f, false)),
            Some(Condition::All(all)) => all.iter().for_each(|c| needs(Some(c), out)),
            _ => {}
        }
    }
    let (mut x, mut y) = (Vec::new(), Vec::new());
    needs(a, &mut x);
    needs(b, &mut y);
    x.iter().any(|(f, set)| y.contains(&(*f, !set)))
}

/// Where `choice` ranks, from 1, counting only a ranking that means
/// something: a suggestion was made and the choice matched at least a stem.
fn within(s: &Suggestion, choice: usize) -> Option<usize> {
    s.best?;
    let at = s.ranked.iter().position(|m| m.choice == choice)?;
    (s.ranked[at].score > 0.0).then_some(at + 1)
}

fn miss(beat: &str, paraphrase: &str, expected: usize, s: &Suggestion) -> Miss {
    let of = |c: Option<usize>| {
        s.ranked
            .iter()
            .find(|m| Some(m.choice) == c)
            .map(|m| m.matched.clone())
            .unwrap_or_default()
    };
    Miss {
        beat: beat.to_string(),
        paraphrase: paraphrase.to_string(),
        expected,
        suggested: s.best,
        rank: s
            .ranked
            .iter()
            .position(|m| m.choice == expected)
            .map_or(0, |r| r + 1),
        matched: of(s.best),
        expected_matched: of(Some(expected)),
    }
}

/// The agreements as a table, one row per scenario and language, then the
/// misses, one a line.
pub fn report(results: &[Agreement]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "scenario              lang   n  top-1   top-2   (as offered: top-1   top-2)"
    );
    for a in results {
        let rate = |n: usize| 100.0 * n as f64 / a.total.max(1) as f64;
        let _ = writeln!(
            out,
            "{:<20}  {:<4} {:>3}  {:>5.1}%  {:>5.1}%                {:>5.1}%  {:>5.1}%",
            a.scenario,
            a.lang,
            a.total,
            100.0 * a.top1_rate(),
            100.0 * a.top2_rate(),
            rate(a.top1_offered),
            rate(a.top2_offered)
        );
    }
    for a in results {
        for m in &a.misses {
            let suggested = m.suggested.map_or("none".to_string(), |c| c.to_string());
            let _ = writeln!(
                out,
                "miss {} {} {}: expected {} (rank {}, matched [{}]), suggested {suggested} (matched [{}]): {:?}",
                a.scenario,
                a.lang,
                m.beat,
                m.expected,
                m.rank,
                m.expected_matched.join(", "),
                m.matched.join(", "),
                m.paraphrase
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excludes;
    use crate::scenario::{Condition, Difficulty};

    #[test]
    fn options_under_opposite_flags_are_never_offered_together() {
        let set = Condition::Flag(3);
        let clear = Condition::NotFlag(3);
        let both = Condition::All(vec![Condition::Level(Difficulty::Hard), Condition::Flag(3)]);
        assert!(excludes(Some(&set), Some(&clear)));
        assert!(excludes(Some(&clear), Some(&both)));
        assert!(!excludes(Some(&set), Some(&both)));
        assert!(!excludes(Some(&set), Some(&Condition::NotFlag(4))));
        assert!(!excludes(None, Some(&clear)));
        // Any and Not say nothing for sure: left as possibly together.
        let any = Condition::Any(vec![Condition::NotFlag(3), Condition::Flag(5)]);
        assert!(!excludes(Some(&set), Some(&any)));
    }
}
