//! The trainee's own words in the review: at each beat where they typed what
//! they would say before the options appeared ("say it first"), what they
//! typed, the option those words were closest to and the option they chose.
//!
//! Their words and their choice *agree* when the option suggested from what
//! they typed is the one they chose. When they differ, the trainee
//! recognised an answer they did not produce (or produced one they then
//! turned from): the gap between the two is what the mode trains.

use crate::record::Record;
use rapport_core::scenario::Scenario;
use rapport_core::session::Typed;
use serde::Serialize;

/// One beat where the trainee was asked to say it first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypedAnswer {
    /// The step, 1-based.
    pub step: usize,
    /// The beat's id.
    pub beat: String,
    /// What they typed; `None` when they skipped typing.
    pub said: Option<String>,
    /// The option their words were closest to, by index as written; `None`
    /// when skipped or when no option was close.
    pub suggested: Option<u8>,
    /// That option's text in the session's language, from today's scenario.
    pub suggested_text: Option<String>,
    /// The option chosen, by index as written; `None`: the time ran out.
    pub chosen: Option<u8>,
    /// Its text, as the record keeps it.
    pub chosen_text: Option<String>,
}

impl TypedAnswer {
    /// Whether they typed (rather than skipped).
    pub fn typed(&self) -> bool {
        self.said.is_some()
    }

    /// Whether they typed, and the option their words were closest to is the
    /// one they chose.
    pub fn agrees(&self) -> bool {
        self.said.is_some() && self.suggested.is_some() && self.suggested == self.chosen
    }
}

/// The typed answers a record keeps, in order; empty for a session played
/// without typing. `scenario` (today's, when there is one) names the options
/// suggested; a suggestion it does not have is kept by index alone.
pub fn typed_answers(r: &Record, scenario: Option<&Scenario>) -> Vec<TypedAnswer> {
    r.choices
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let t = c.typed.as_ref()?;
            let suggested = t.suggested();
            let suggested_text = suggested.and_then(|s| {
                let scenario = scenario?;
                let beat = scenario.beat(scenario.beat_index(&c.beat)?);
                let option = beat.choices.get(usize::from(s))?;
                Some(option.text.get(r.lang).to_string())
            });
            Some(TypedAnswer {
                step: i + 1,
                beat: c.beat.clone(),
                said: match t {
                    Typed::Said { text, .. } => Some(text.clone()),
                    Typed::Skipped => None,
                },
                suggested,
                suggested_text,
                chosen: c.choice,
                chosen_text: c.said.clone(),
            })
        })
        .collect()
}

/// Of these answers, how many were typed and in how many the words and the
/// choice agree.
pub(crate) fn agreement<'a>(answers: impl IntoIterator<Item = &'a TypedAnswer>) -> (usize, usize) {
    answers.into_iter().fold((0, 0), |(typed, agree), a| {
        (
            typed + usize::from(a.typed()),
            agree + usize::from(a.agrees()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{TypedAnswer, typed_answers};
    use crate::record::Record;
    use crate::review::{Judge, trainees};
    use rapport_core::engine::Pick;
    use rapport_core::rulebook::Rulebook;
    use rapport_core::scenario::Difficulty;
    use rapport_core::session::{Session, Typed};
    use rapport_core::text::Lang;
    use std::path::Path;

    /// A session of late_manager whose words, beat by beat, point to the
    /// option chosen (`Some(true)`), to another (`Some(false)`), or are
    /// skipped (`None`); after the list, the options are shown straight away.
    fn record(book: &Rulebook, trainee: &str, words: &[Option<bool>]) -> Record {
        let scenarios = rapport_core::catalog::shipped_scenarios(book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut session = Session::new(s, book, Difficulty::Normal, 2);
        while !session.is_over() {
            let options = session.options().to_vec();
            let (chosen, other) = (options[0], options[options.len() - 1]);
            let typed = words.get(session.steps.len()).map(|w| match w {
                Some(agree) => Typed::Said {
                    text: format!("words {}", session.steps.len()),
                    suggested: Some(if *agree { chosen } else { other }),
                },
                None => Typed::Skipped,
            });
            session
                .pick_said(Pick::Choice(chosen), None, typed)
                .unwrap();
        }
        let at: jiff::Timestamp = "2026-11-02T10:00:00Z".parse().unwrap();
        Record::of(&session, trainee, Lang::En, at, at)
    }

    #[test]
    fn the_review_counts_where_words_and_choice_agree_per_trainee() {
        let book = Rulebook::shipped();
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        let judge = Judge::new(&book, scenarios.iter());
        let at = |r: &Record| judge.attempt(Path::new("r.ron"), r);
        let ann = [
            at(&record(
                &book,
                "Ann",
                &[Some(true), Some(false), None, Some(true)],
            )),
            at(&record(&book, "Ann", &[Some(false)])),
        ];
        let bob = at(&record(&book, "Bob", &[]));
        assert!(bob.typed.is_empty(), "played without typing");

        let first = &ann[0].typed;
        assert_eq!(first.len(), 4);
        assert_eq!(first[0].said.as_deref(), Some("words 0"));
        assert!(first[0].agrees() && !first[1].agrees() && !first[2].agrees());
        assert!(!first[2].typed(), "skipped");
        assert_eq!(first[0].chosen_text, first[0].suggested_text);
        assert!(first[1].chosen_text.is_some() && first[1].suggested_text.is_some());
        assert_ne!(first[1].chosen_text, first[1].suggested_text);

        let people = trainees(&[ann[0].clone(), ann[1].clone(), bob]);
        let (a, b) = (&people[0], &people[1]);
        // Ann typed at four beats (one skip is not typing); two agree.
        assert_eq!((a.typed, a.words_agree, a.agreement), (4, 2, Some(0.5)));
        assert_eq!((b.typed, b.words_agree, b.agreement), (0, 0, None));

        let mut w = csv::Writer::from_writer(Vec::new());
        crate::review::write_trainees_csv(&mut w, &people).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let head = rows.headers().unwrap().clone();
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][col("typed")], "4");
        assert_eq!(&rows[0][col("words_agree")], "2");
        assert_eq!(&rows[0][col("agreement")], "0.50");
        assert_eq!(&rows[1][col("agreement")], "", "Bob never typed");
    }

    #[test]
    fn a_suggestion_the_scenario_does_not_have_is_kept_by_index_alone() {
        let book = Rulebook::shipped();
        let mut r = record(&book, "Ann", &[Some(true)]);
        r.choices[0].typed = Some(Typed::Said {
            text: "x".into(),
            suggested: Some(200),
        });
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        let late = scenarios.iter().find(|s| s.id == "late_manager");
        let mut good = r.clone();
        good.choices[0].typed = Some(Typed::Said {
            text: "x".into(),
            suggested: Some(0),
        });
        assert!(typed_answers(&good, late)[0].suggested_text.is_some());
        let answers: Vec<TypedAnswer> = typed_answers(&r, late);
        assert_eq!(answers[0].suggested, Some(200));
        assert_eq!(answers[0].suggested_text, None);
        assert!(!answers[0].agrees());
        assert_eq!(typed_answers(&r, None)[0].suggested_text, None);
    }
}
