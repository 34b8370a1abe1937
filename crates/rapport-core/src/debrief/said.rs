//! "In your own words": at each beat where the trainee typed what they would
//! say before the options appeared, what they said, what they then chose,
//! where their words pointed when that was elsewhere, and the better choice
//! there when the debrief found one.

use super::{Better, Debrief};
use crate::engine::Pick;
use crate::i18n::{self, Label};
use crate::session::{Session, Typed};
use crate::text::Lang;

/// One beat where the trainee was asked to say it first.
#[derive(Clone, Debug, PartialEq)]
pub struct SaidLine {
    /// The step, 0-based.
    pub step: usize,
    /// The beat's id.
    pub beat: String,
    /// Whether they skipped typing.
    pub skipped: bool,
    /// Whether the option their words were closest to is the one they chose:
    /// `None` when they skipped, or no option was close.
    pub agree: Option<bool>,
    /// "You said: «…»", or that they skipped typing.
    pub said: String,
    /// "You chose: «…»".
    pub chose: String,
    /// "Your words were closest to: «…»", when that is not what they chose
    /// (or no option was close); `None` when words and choice agree.
    pub words: Option<String>,
    /// "Better here (option 2): «…»", when the debrief found a better choice
    /// at this beat.
    pub better: Option<String>,
}

/// Whether a typed answer and the pick agree: the option the words were
/// closest to is the one chosen. `None` when skipped or nothing was close.
pub fn agrees(typed: &Typed, pick: Pick) -> Option<bool> {
    match typed {
        Typed::Said {
            suggested: Some(s), ..
        } => Some(pick == Pick::Choice(*s)),
        _ => None,
    }
}

/// The lines of every step with a typed answer, in order.
pub(super) fn said_lines(debrief: &Debrief, session: &Session, lang: Lang) -> Vec<SaidLine> {
    let world = &session.world;
    let quote = |t: &str| format!("«{t}»");
    session
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let typed = step.typed.as_deref()?;
            let beat = world.scenario.beat(step.beat);
            let said = match typed.text() {
                Some(t) => format!("{}: {}", i18n::label(lang, Label::YouSaid), quote(t)),
                None => format!(
                    "{}: {}",
                    i18n::label(lang, Label::YouSaid),
                    i18n::label(lang, Label::TypingSkipped)
                ),
            };
            let chosen = match world.choice(beat, step.pick) {
                Some(c) => quote(c.text.get(lang)),
                None => i18n::label(lang, Label::TooSlow).to_string(),
            };
            let agree = agrees(typed, step.pick);
            let words = match (typed, agree) {
                (Typed::Skipped, _) | (_, Some(true)) => None,
                // A suggestion a hand-edited record points past the options
                // with is shown as none rather than trusted.
                (Typed::Said { suggested, .. }, _) => Some(format!(
                    "{}: {}",
                    i18n::label(lang, Label::WordsCloserTo),
                    suggested
                        .and_then(|s| beat.choices.get(usize::from(s)))
                        .map_or_else(
                            || i18n::label(lang, Label::NoCloseOption).to_string(),
                            |c| quote(c.text.get(lang))
                        )
                )),
            };
            let better = best_at(debrief, i).map(|b| {
                format!(
                    "{} ({}): {}",
                    i18n::label(lang, Label::BetterChoice),
                    b.listed,
                    quote(b.text.get(lang))
                )
            });
            Some(SaidLine {
                step: i,
                beat: beat.id.clone(),
                skipped: *typed == Typed::Skipped,
                agree,
                said,
                chose: format!("{}: {chosen}", i18n::label(lang, Label::YouChose)),
                words,
                better,
            })
        })
        .collect()
}

/// The better choice the debrief found at `step`, for whichever rule: of
/// several, the one with the best score still reachable (the first of equals).
fn best_at(debrief: &Debrief, step: usize) -> Option<&Better> {
    debrief
        .verdicts
        .iter()
        .flat_map(|v| &v.better)
        .filter(|b| b.step == step)
        .fold(None, |best: Option<&Better>, b| match best {
            Some(x) if x.reachable.score >= b.reachable.score => Some(x),
            _ => Some(b),
        })
}

#[cfg(test)]
mod tests {
    use crate::debrief::{Debrief, DebriefView};
    use crate::engine::Pick;
    use crate::rulebook::Rulebook;
    use crate::scenario::Difficulty;
    use crate::session::{Session, Typed};
    use crate::text::Lang;

    #[test]
    fn the_debrief_sets_the_words_against_the_choice_and_the_better_one() {
        let book = Rulebook::shipped();
        let scenarios = crate::catalog::shipped_scenarios(&book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut session = Session::new(s, &book, Difficulty::Normal, 3);
        while !session.is_over() {
            // The last option listed, whose words point to the first listed
            // at the first beat, to it at the second, and skipped after.
            let options = session.options().to_vec();
            let pick = Pick::Choice(*options.last().unwrap());
            let typed = match session.steps.len() {
                0 => Typed::Said {
                    text: "I'll call and move it".into(),
                    suggested: Some(options[0]),
                },
                1 => Typed::Said {
                    text: "whatever".into(),
                    suggested: options.last().copied(),
                },
                2 => Typed::Said {
                    text: "🙂".into(),
                    suggested: None,
                },
                _ => Typed::Skipped,
            };
            session.pick_said(pick, None, Some(typed)).unwrap();
        }
        let debrief = Debrief::of(&session);
        let view = DebriefView::of(&debrief, &session, Lang::En);
        assert_eq!(view.said.len(), session.steps.len());
        let beat = |i: usize| s.beat(session.steps[i].beat);
        let text = |i: usize, c: u8| beat(i).choices[usize::from(c)].text.en.clone();
        let chosen = |i: usize| match session.steps[i].pick {
            Pick::Choice(c) => text(i, c),
            Pick::Silence => unreachable!(),
        };

        let first = &view.said[0];
        assert_eq!(first.said, "You said: «I'll call and move it»");
        assert_eq!(first.chose, format!("You chose: «{}»", chosen(0)));
        assert_eq!(first.agree, Some(false));
        let suggested = session.typed(0).unwrap().suggested().unwrap();
        assert_eq!(
            first.words.as_deref(),
            Some(format!("Your words were closest to: «{}»", text(0, suggested)).as_str())
        );
        assert_eq!(
            (view.said[1].agree, &view.said[1].words),
            (Some(true), &None)
        );
        assert_eq!(view.said[2].agree, None);
        assert_eq!(
            view.said[2].words.as_deref(),
            Some("Your words were closest to: no option was close")
        );
        let last = view.said.last().unwrap();
        assert!(last.skipped && last.words.is_none() && last.agree.is_none());
        assert_eq!(last.said, "You said: (skipped typing)");

        // "Better here" is the debrief's own hint at that beat, where it has one.
        let hinted: Vec<usize> = debrief
            .verdicts
            .iter()
            .flat_map(|v| v.better.iter().map(|b| b.step))
            .collect();
        assert!(
            !hinted.is_empty(),
            "the last options break a rule somewhere"
        );
        for line in &view.said {
            assert_eq!(
                line.better.is_some(),
                hinted.contains(&line.step),
                "{line:?}"
            );
        }
        // ... the same option the rule's own note names there.
        for line in view.said.iter().filter(|l| l.better.is_some()) {
            let better = line.better.as_ref().unwrap();
            assert!(better.starts_with("Better here ("), "{better}");
            let option = &better[better.find('«').unwrap()..];
            let beat = &line.beat;
            assert!(
                view.rules.iter().flat_map(|r| &r.notes).any(|n| {
                    n.kind == crate::debrief::NoteKind::Better
                        && n.text.contains(&format!("({beat}, "))
                        && n.text.ends_with(option)
                }),
                "{better}"
            );
        }

        // In Russian, every label is Russian and the words stay as typed.
        let ru = DebriefView::of(&debrief, &session, Lang::Ru);
        assert_eq!(ru.said[0].said, "Вы сказали: «I'll call and move it»");
        assert!(ru.said[0].chose.starts_with("Вы выбрали: «"));
        assert_eq!(ru.said.last().unwrap().said, "Вы сказали: (без ввода)");

        // And the JSON transcript carries the same.
        let json = debrief.to_json(&session, Lang::En);
        let t = &json["transcript"];
        assert_eq!(t[0]["typed"]["text"], "I'll call and move it");
        assert_eq!(t[0]["typed"]["suggested"], 1, "the first option listed");
        assert_eq!(t[0]["typed"]["suggested_text"], text(0, suggested));
        assert_eq!(t[0]["typed"]["agrees"], false);
        assert_eq!(t[1]["typed"]["agrees"], true);
        let end = session.steps.len() - 1;
        assert_eq!(t[end]["typed"]["skipped"], true);
        assert!(t[end]["typed"]["text"].is_null());
    }

    #[test]
    fn a_session_played_without_typing_has_no_such_lines() {
        let book = Rulebook::shipped();
        let scenarios = crate::catalog::shipped_scenarios(&book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut session = Session::new(s, &book, Difficulty::Normal, 3);
        while !session.is_over() {
            session.choose_listed(1).unwrap();
        }
        let debrief = Debrief::of(&session);
        assert!(
            DebriefView::of(&debrief, &session, Lang::En)
                .said
                .is_empty()
        );
        let json = debrief.to_json(&session, Lang::En);
        assert!(json["transcript"][0]["typed"].is_null());
    }
}
