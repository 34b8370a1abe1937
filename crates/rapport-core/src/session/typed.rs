//! What the trainee typed at a beat before the options appeared ("say it
//! first"), kept beside the pick so that the debrief, the record and the
//! manager's review can set the trainee's own words against their choice.

use serde::{Deserialize, Serialize};

/// The trainee's own words at one beat, or that they skipped typing them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Typed {
    /// They typed `text`; the options then appeared with `suggested`
    /// pre-selected (a choice index as written in the scenario), or none
    /// when no option was close.
    Said {
        /// What they typed, as typed.
        text: String,
        /// The option their words were closest to, by index as written.
        suggested: Option<u8>,
    },
    /// They asked for the options without typing.
    Skipped,
}

impl Typed {
    /// What was typed; `None` when skipped.
    pub fn text(&self) -> Option<&str> {
        match self {
            Typed::Said { text, .. } => Some(text),
            Typed::Skipped => None,
        }
    }

    /// The option the words were closest to; `None` when skipped or when no
    /// option was close.
    pub fn suggested(&self) -> Option<u8> {
        match self {
            Typed::Said { suggested, .. } => *suggested,
            Typed::Skipped => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Typed;
    use crate::engine::Pick;
    use crate::rulebook::Rulebook;
    use crate::scenario::Difficulty;
    use crate::session::{OwnedSession, Session};
    use std::sync::Arc;

    fn said(text: &str, suggested: Option<u8>) -> Typed {
        Typed::Said {
            text: text.into(),
            suggested,
        }
    }

    fn first(session: &Session) -> Pick {
        Pick::Choice(session.options()[0])
    }

    #[test]
    fn typed_answers_are_kept_per_step_and_rewind_drops_the_later_ones() {
        let book = Rulebook::shipped();
        let scenarios = crate::catalog::shipped_scenarios(&book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut session = Session::new(s, &book, Difficulty::Hard, 7);
        let p = first(&session);
        session
            .pick_said(p, Some(900), Some(said("Sorry, I am late", Some(2))))
            .unwrap();
        let p = first(&session);
        session.pick_said(p, None, Some(Typed::Skipped)).unwrap();
        let p = first(&session);
        session.pick(p).unwrap();
        assert_eq!(session.typed(0), Some(&said("Sorry, I am late", Some(2))));
        assert_eq!(session.steps[0].millis, Some(900));
        assert_eq!(session.typed(1), Some(&Typed::Skipped));
        assert_eq!(session.typed(2), None, "picked without typing");
        assert_eq!(session.typed(99), None);
        assert_eq!(
            session.typed_answers(),
            [
                Some(&said("Sorry, I am late", Some(2))),
                Some(&Typed::Skipped),
                None
            ]
        );

        // Retry from the second beat: its typed answer goes with its pick.
        session.rewind(1);
        assert_eq!(session.typed_answers().len(), 1);
        assert_eq!(session.typed(1), None);
        let p = first(&session);
        session
            .pick_said(p, None, Some(said("Let me call him", None)))
            .unwrap();
        assert_eq!(
            session.typed(1).and_then(Typed::text),
            Some("Let me call him")
        );

        // A refused pick keeps nothing of what was typed with it.
        let before = session.steps.len();
        assert!(
            session
                .pick_said(Pick::Choice(200), None, Some(Typed::Skipped))
                .is_err()
        );
        assert_eq!(session.steps.len(), before);
        assert_eq!(session.typed(before), None);
    }

    #[test]
    fn an_owned_session_keeps_typed_answers_through_a_clone() {
        let book = Arc::new(Rulebook::shipped());
        let scenarios = crate::catalog::shipped_scenarios(&book);
        let s = Arc::new(
            scenarios
                .into_iter()
                .find(|s| s.id == "late_manager")
                .unwrap(),
        );
        let opening = crate::session::Opening {
            level: Difficulty::Normal,
            seed: 3,
            jump: None,
        };
        let mut owned = OwnedSession::new(s, book, opening);
        let p = first(owned.session());
        owned
            .pick_said(p, Some(1200), Some(said("Извините за опоздание", Some(1))))
            .unwrap();
        let p = first(owned.session());
        owned.pick_timed(p, None).unwrap();
        let copy = owned.clone();
        assert_eq!(copy.session().steps, owned.session().steps);
        assert_eq!(
            copy.typed_answers(),
            [Some(said("Извините за опоздание", Some(1))), None]
        );
        // And an answer set after the fact (a session rebuilt from its
        // record) lands on its step only.
        let mut copy = copy;
        copy.set_typed(1, Some(Typed::Skipped));
        copy.set_typed(5, Some(Typed::Skipped));
        assert_eq!(copy.session().typed(1), Some(&Typed::Skipped));
        assert_eq!(copy.session().steps.len(), 2);
    }
}
