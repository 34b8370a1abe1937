//! What is kept of a session and what is done with it: the [`record::Record`]
//! of a finished meeting, the data directory that stores records atomically
//! ([`store`]), the manager's [`review`] across trainees, and the export to a
//! learning record store as xAPI statements ([`xapi`], [`lrs`]); the
//! [`lock`]s that let several processes share one data directory.
#![warn(missing_docs)]

pub mod cache;
pub mod lock;
pub mod lrs;
pub mod record;
pub mod review;
pub mod store;
pub mod xapi;
