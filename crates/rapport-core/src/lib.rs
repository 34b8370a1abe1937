//! Rapport's core: the simulator itself, with no window, no network and no
//! file I/O beyond reading a text it is given.
//!
//! A [`scenario::Scenario`] is compiled from RON against the shared
//! [`rulebook::Rulebook`]; a [`session::Session`] plays it beat by beat, the
//! rule monitors ([`monitor`]) judge every choice, [`score`] and [`debrief`]
//! say what held, what broke and what would have been better; [`analysis`],
//! [`distribution`] and [`audit`] reason exactly over every path and world,
//! and [`coverage`] says from that what each scenario can test. [`say`]
//! matches what a trainee typed to the options, for "say it first".
#![warn(missing_docs)]

pub mod analysis;
pub mod audit;
pub mod catalog;
pub mod coverage;
pub mod debrief;
pub mod diagnostic;
pub mod digest;
pub mod distribution;
pub mod engine;
pub mod face;
pub mod graph;
pub mod i18n;
pub mod monitor;
pub mod ron_text;
pub mod rulebook;
pub mod say;
pub mod scenario;
pub mod score;
pub mod session;
pub mod text;

// The words a front end needs most, at the crate's root.
pub use debrief::{Debrief, DebriefView};
pub use diagnostic::Diagnostic;
pub use engine::{Pick, PlayError};
pub use rulebook::Rulebook;
pub use scenario::{Difficulty, Scenario};
pub use session::{OwnedSession, Session};
pub use text::{Lang, Text};
