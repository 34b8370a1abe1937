//! Rapport's core: scenarios, the rulebook, the session engine, scoring and
//! analysis. Nothing here knows about windows; the command line and the
//! window are two faces over the same functions.

pub mod analysis;
#[cfg(feature = "app")]
pub mod app;
pub mod audit;
pub mod catalog;
pub mod debrief;
pub mod diagnostic;
pub mod diagram;
pub mod digest;
pub mod distribution;
pub mod engine;
pub mod face;
pub mod generate;
pub mod graph;
pub mod i18n;
pub mod lint;
pub mod lrs;
pub mod monitor;
pub mod record;
pub mod review;
pub mod ron_text;
pub mod rulebook;
pub mod scenario;
pub mod score;
pub mod selftest;
pub mod session;
pub mod store;
pub mod text;
pub mod xapi;
