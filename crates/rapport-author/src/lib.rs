//! Tools for scenario authors: the [`check`] pipeline over files, the [`lint`] that goes beyond compiling
//! (fairness, hints, unjudged tags), the golden runs kept beside a scenario
//! ([`selftest`]) and its [`diagram`] as Graphviz or Mermaid.
#![warn(missing_docs)]

pub mod check;
pub mod diagram;
pub mod lint;
pub mod selftest;
