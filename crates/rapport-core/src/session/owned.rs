//! The owned session: a session together with the scenario and rulebook it
//! is played under, shared by `Arc`, so that a front end can keep one
//! between frames.

use super::{Session, Typed};
use crate::engine::{Pick, PlayError};
use crate::rulebook::Rulebook;
use crate::scenario::{Difficulty, Scenario};
use std::sync::Arc;

/// Where an author jumped to: the beat, and the client as the author set them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jump {
    /// The beat, by index.
    pub beat: u32,
    /// Trust, patience and interest.
    pub meters: [u8; 3],
    /// The scenario's flags, as bits.
    pub flags: u64,
}

/// How a session began: enough, with its picks, to build it again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Opening {
    /// The difficulty it is played at.
    pub level: Difficulty,
    /// Fixes the random events and the order the options are listed in.
    pub seed: u64,
    /// An author's jump to a beat before the first pick, if any.
    pub jump: Option<Jump>,
}

/// What an owned session shares with other sessions and with the front end:
/// the scenario and rulebook it is played under.
struct Shared {
    scenario: Arc<Scenario>,
    book: Arc<Rulebook>,
}

self_cell::self_cell!(
    /// A session together with the scenario and rulebook it borrows.
    struct Cell {
        owner: Shared,
        #[covariant]
        dependent: Session,
    }
);

/// A session that owns (shares) its scenario and rulebook, so that a front
/// end can keep one between frames and advance it in place, instead of
/// replaying from the seed each time it looks.
pub struct OwnedSession {
    cell: Cell,
    opening: Opening,
}

impl OwnedSession {
    /// A new session at its first beat.
    pub fn new(scenario: Arc<Scenario>, book: Arc<Rulebook>, opening: Opening) -> OwnedSession {
        let cell = Cell::new(Shared { scenario, book }, |s| {
            let mut session = Session::new(&s.scenario, &s.book, opening.level, opening.seed);
            if let Some(j) = opening.jump {
                session.jump(j.beat, j.meters, j.flags);
            }
            session
        });
        OwnedSession { cell, opening }
    }

    /// The session these picks lead to, or the first pick that cannot be
    /// made there.
    pub fn replay(
        scenario: Arc<Scenario>,
        book: Arc<Rulebook>,
        opening: Opening,
        picks: &[(Pick, Option<u32>)],
    ) -> Result<OwnedSession, PlayError> {
        let (session, kept) = OwnedSession::replay_prefix(scenario, book, opening, picks);
        match kept {
            Ok(()) => Ok(session),
            Err((_, e)) => Err(e),
        }
    }

    /// The session the longest valid prefix of `picks` leads to, and, when
    /// not all of them could be made, how many were and why the next was
    /// refused: after an author edits a scenario, a session in progress keeps
    /// as much of itself as the new version allows.
    pub fn replay_prefix(
        scenario: Arc<Scenario>,
        book: Arc<Rulebook>,
        opening: Opening,
        picks: &[(Pick, Option<u32>)],
    ) -> (OwnedSession, Result<(), (usize, PlayError)>) {
        let mut session = OwnedSession::new(scenario, book, opening);
        for (i, &(p, ms)) in picks.iter().enumerate() {
            if let Err(e) = session.pick_timed(p, ms) {
                return (session, Err((i, e)));
            }
        }
        (session, Ok(()))
    }

    /// The session as it stands.
    pub fn session(&self) -> &Session<'_> {
        self.cell.borrow_dependent()
    }

    /// How the session began.
    pub fn opening(&self) -> Opening {
        self.opening
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.cell.borrow_owner().scenario
    }

    /// The rulebook judging it.
    pub fn book(&self) -> &Arc<Rulebook> {
        &self.cell.borrow_owner().book
    }

    /// Makes a pick, timed when the front end measured it.
    pub fn pick_timed(&mut self, pick: Pick, millis: Option<u32>) -> Result<(), PlayError> {
        self.cell
            .with_dependent_mut(|_, s| s.pick_timed(pick, millis))
    }

    /// Makes a pick after the trainee typed what they would say, or skipped
    /// typing it.
    pub fn pick_said(
        &mut self,
        pick: Pick,
        millis: Option<u32>,
        typed: Option<Typed>,
    ) -> Result<(), PlayError> {
        self.cell
            .with_dependent_mut(|_, s| s.pick_said(pick, millis, typed))
    }

    /// Sets what was typed at an earlier step (a session rebuilt from its
    /// record's picks gets its typed answers back so).
    pub fn set_typed(&mut self, step: usize, typed: Option<Typed>) {
        self.cell
            .with_dependent_mut(|_, s| s.set_typed(step, typed));
    }

    /// What the trainee typed at each step, in order.
    pub fn typed_answers(&self) -> Vec<Option<Typed>> {
        self.session()
            .steps
            .iter()
            .map(|s| s.typed.as_deref().cloned())
            .collect()
    }

    /// Goes back to before `step`, keeping the history up to it.
    pub fn rewind(&mut self, step: usize) {
        self.cell.with_dependent_mut(|_, s| s.rewind(step));
    }

    /// The picks made so far, with the time each took.
    pub fn picks(&self) -> Vec<(Pick, Option<u32>)> {
        self.session()
            .steps
            .iter()
            .map(|s| (s.pick, s.millis))
            .collect()
    }
}

impl Clone for OwnedSession {
    fn clone(&self) -> OwnedSession {
        // The picks were all valid once, so they replay; what was typed is
        // not part of the replay, and is carried over step by step.
        let (mut copy, _) = OwnedSession::replay_prefix(
            self.scenario().clone(),
            self.book().clone(),
            self.opening,
            &self.picks(),
        );
        for (i, t) in self.typed_answers().into_iter().enumerate() {
            if t.is_some() {
                copy.set_typed(i, t);
            }
        }
        copy
    }
}

impl std::fmt::Debug for OwnedSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnedSession")
            .field("scenario", &self.scenario().id)
            .field("opening", &self.opening)
            .field("picks", &self.picks())
            .finish()
    }
}
