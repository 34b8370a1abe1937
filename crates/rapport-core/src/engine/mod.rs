//! The session engine: where the conversation is, how the client feels, what
//! each rule has seen. The window, the command line and the analysis all step
//! the same `State` through the same functions.
//!
//! [`World`] is the fixed context of a session; its construction and the
//! questions it answers about the whole session are in `world`, what is on
//! offer at a beat in `options`, and moving a [`State`] on in `step`.

use crate::monitor::{Mark, Watch};
use crate::rulebook::{Check, Rulebook, TagSet};
use crate::scenario::{Difficulty, Place, Scenario};
use serde::Serialize;
use thiserror::Error;

mod options;
mod step;
mod world;

/// The ending id of a session cut off at the scenario's `max_turns` before
/// it reached an ending: records, reports and analyses name it so, and no
/// scenario ending can take the name.
pub const TURN_LIMIT: &str = "turn_limit";

/// What the trainee did at a beat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    /// The `i`-th choice of the beat as written in the scenario (0-based).
    Choice(u8),
    /// The time ran out.
    Silence,
}

/// Why a pick cannot be played: the window and the command line say it to
/// the trainee rather than play something else.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlayError {
    /// The session reached an ending or the turn limit.
    #[error("the session is over")]
    Over,
    /// A choice the beat does not offer (now).
    #[error("option {given} does not exist at beat `{beat}`: there are {count} options")]
    NoSuchOption {
        /// The beat's id.
        beat: String,
        /// The option as the trainee numbered it, 1-based.
        given: usize,
        /// How many options are on offer.
        count: usize,
    },
    /// Silence picked at a beat without a clock.
    #[error("beat `{beat}` has no time limit, so silence (0) is not an option")]
    NoSilence {
        /// The beat's id.
        beat: String,
    },
}

/// Everything that decides what happens next and how the session is judged.
/// It holds no turn-stamped history, so equal states have equal futures.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    /// The beat the trainee is at, or the ending reached.
    pub node: Place,
    /// Trust, patience and interest, each 0..=100.
    pub meters: [u8; 3],
    /// One bit per flag of the rulebook, set while the flag holds.
    pub flags: u64,
    /// Choices made so far.
    pub turn: u32,
    /// The session hit `max_turns` before an ending.
    pub cut_off: bool,
    /// What each active rule has seen, in the order of [`World::active`].
    pub watches: Vec<Watch>,
}

/// The fixed context of a session: scenario, rulebook, level and the random
/// draws made from the seed.
#[derive(Clone, Debug)]
pub struct World<'a> {
    /// The scenario being played: as the drawn temperament plays it when the
    /// scenario has temperaments (its lines, replies and effects), else as
    /// written.
    pub scenario: &'a Scenario,
    /// The scenario as written, whatever temperament was drawn.
    pub written: &'a Scenario,
    /// The temperament drawn, by index in `written.temperaments`.
    pub temper: Option<u8>,
    /// The rules that judge every choice.
    pub book: &'a Rulebook,
    /// The difficulty: it moves the starting meters and the clock.
    pub level: Difficulty,
    /// What the event draws and the order of the options follow from.
    pub seed: u64,
    /// The case drawn for each event, in the scenario's order.
    pub draws: Vec<u8>,
    /// The rules this scenario can put to the test, by index in the rulebook;
    /// `State::watches` follows this order. A rule left out could never apply
    /// here (its tags are never offered, or its trigger never fires), so it is
    /// not applicable without being watched.
    pub active: Vec<usize>,
    /// The checks of the active rules, in the same order: the engine's inner
    /// loops read them without going through the rulebook.
    checks: Vec<Check>,
    /// Every tag each active rule reads: a turn that offers and chooses none
    /// of them leaves the rule as it was, unless it waits for a response.
    reads: Vec<TagSet>,
    /// Positions (in `active`) of the rules that listen to client lines, and
    /// of those that listen to flags: most rules do neither.
    line_listeners: Vec<usize>,
    flag_listeners: Vec<usize>,
}

/// Receives what happened, when someone wants to know (the debrief).
pub trait Observer {
    /// Rule `rule` (its index in the rulebook) took `mark` on this turn or
    /// at the end; the session's trace keeps these for the debrief.
    fn mark(&mut self, _rule: usize, _mark: Mark) {}
}

/// Ignores everything, at no cost.
pub struct Quiet;
impl Observer for Quiet {}
