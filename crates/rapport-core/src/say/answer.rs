//! A trainee's words at the session's current beat, as both front ends
//! keep them: what the record stores and the suggestion shown with the
//! options.

use super::{Matcher, Suggestion};
use crate::scenario::Place;
use crate::session::{Session, Typed};

impl Matcher {
    /// What `text` comes to at the beat `session` is at: blank words are
    /// typing skipped; any other words are kept as typed, with the option
    /// the matcher suggests among those on offer (`None` when none is
    /// close, or the meeting is over).
    pub fn answer(&self, session: &Session, text: &str) -> (Typed, Option<Suggestion>) {
        let text = text.trim();
        if text.is_empty() {
            return (Typed::Skipped, None);
        }
        let suggestion = match session.state.node {
            Place::Beat(beat) => {
                let offered: Vec<usize> =
                    session.options().iter().map(|&i| usize::from(i)).collect();
                Some(self.suggest(beat as usize, &offered, text))
            }
            Place::Ending(_) => None,
        };
        let suggested = suggestion
            .as_ref()
            .and_then(|s| s.best)
            .and_then(|b| u8::try_from(b).ok());
        let typed = Typed::Said {
            text: text.to_string(),
            suggested,
        };
        (typed, suggestion)
    }

    /// `text`, the option `choice`'s, cut into runs lit where the words of
    /// `suggestion` matched it; all unlit when it did not rank.
    pub fn lit(&self, suggestion: &Suggestion, choice: usize, text: &str) -> Vec<(String, bool)> {
        match suggestion.ranked.iter().find(|m| m.choice == choice) {
            Some(m) => self.marked(text, m),
            None => vec![(text.to_string(), false)],
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog;
    use crate::rulebook::Rulebook;
    use crate::say::Matcher;
    use crate::scenario::Difficulty;
    use crate::session::{Session, Typed};

    #[test]
    fn blank_words_are_skipped_and_words_keep_the_suggestion_on_offer() {
        let book = Rulebook::shipped();
        let late = catalog::shipped_scenarios(&book)
            .into_iter()
            .find(|s| s.id == "late_manager")
            .expect("late_manager is shipped");
        let m = Matcher::new(&late, &book);
        let session = Session::new(&late, &book, Difficulty::Normal, 4);
        assert_eq!(m.answer(&session, " \t ").0, Typed::Skipped);
        let (typed, suggestion) = m.answer(&session, "  the minibus at 9:20, the 9:35 spare ");
        let s = suggestion.expect("a beat is in play");
        let best = s.best.expect("the minibus option is close");
        assert!(session.options().contains(&(best as u8)));
        assert_eq!(
            typed,
            Typed::Said {
                text: "the minibus at 9:20, the 9:35 spare".into(),
                suggested: Some(best as u8),
            }
        );
        let lit = m.lit(&s, best, &late.beats[0].choices[best].text.en);
        assert!(
            lit.iter().any(|(w, on)| *on && w.contains("minibus")),
            "{lit:?}"
        );
        // A choice the suggestion never ranked is shown whole and unlit.
        assert_eq!(m.lit(&s, 99, "text"), vec![("text".to_string(), false)]);
    }
}
