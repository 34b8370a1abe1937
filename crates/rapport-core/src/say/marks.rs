//! Which words of an option to light up: the ones a typed answer matched,
//! so the trainee sees why the option was suggested.

use super::{Match, Matcher, weight};
use rustc_hash::FxHashMap;

impl Matcher {
    /// `text` (an option's, in the language typed) cut into runs, each
    /// marked when it holds a word that `m` matched. The runs join back to
    /// `text` exactly.
    pub fn marked(&self, text: &str, m: &Match) -> Vec<(String, bool)> {
        let stems: FxHashMap<String, f32> = m.stems.iter().map(|s| (s.clone(), 1.0)).collect();
        let mut out: Vec<(String, bool)> = Vec::new();
        let mut push = |s: &str, lit: bool| match out.last_mut() {
            Some((last, l)) if *l == lit => last.push_str(s),
            _ => out.push((s.to_string(), lit)),
        };
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let len = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            if len == 0 {
                push(&rest[..c.len_utf8()], false);
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let word = &rest[..len];
            let lit = !stems.is_empty()
                && self
                    .stemmers
                    .words(word)
                    .iter()
                    .any(|w| weight(&stems, w).is_some());
            push(word, lit);
            rest = &rest[len..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog;
    use crate::rulebook::Rulebook;
    use crate::say::Matcher;
    use crate::scenario::Scenario;

    fn late_manager() -> (Scenario, Matcher) {
        let book = Rulebook::shipped();
        let late = catalog::shipped_scenarios(&book)
            .into_iter()
            .find(|s| s.id == "late_manager")
            .expect("late_manager is shipped");
        let m = Matcher::new(&late, &book);
        (late, m)
    }

    #[test]
    fn the_words_that_matched_light_up_and_the_text_stays_whole() {
        let (late, m) = late_manager();
        let beat = late
            .beats
            .iter()
            .position(|b| b.id == "arrival_late")
            .expect("the beat exists");
        let offered: Vec<usize> = (0..late.beats[beat].choices.len()).collect();
        let s = m.suggest(beat, &offered, "Простите, что опоздал");
        let best = s.best_match().expect("an apology matches an option");
        let text = late.beats[beat].choices[best.choice].text.ru.clone();
        let parts = m.marked(&text, best);
        let joined: String = parts.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(joined, text);
        let lit: Vec<&str> = parts
            .iter()
            .filter(|(_, l)| *l)
            .map(|(p, _)| p.as_str())
            .collect();
        assert!(!lit.is_empty(), "{parts:?}");
        assert!(
            lit.iter().all(|p| !p.trim().is_empty()),
            "only words light up: {parts:?}"
        );
    }

    #[test]
    fn nothing_matched_lights_nothing() {
        let (_, m) = late_manager();
        let s = m.suggest(0, &[0, 1], "🙂");
        let parts = m.marked("Plan the minibus.", &s.ranked[0]);
        assert_eq!(parts, vec![("Plan the minibus.".to_string(), false)]);
    }
}
