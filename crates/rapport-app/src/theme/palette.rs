//! The colours: a dark room, light text, and one colour per meaning.

use bevy::prelude::*;

/// Behind everything.
pub const BACKGROUND: Color = Color::srgb(0.11, 0.12, 0.15);
/// A panel set off from the background (the chart, the author's inspector).
pub const PANEL: Color = Color::srgb(0.16, 0.17, 0.21);
/// What is read.
pub const TEXT: Color = Color::srgb(0.92, 0.92, 0.94);
/// What is read second: headings of sections, help, details.
pub const MUTED: Color = Color::srgb(0.62, 0.64, 0.70);
/// What the trainee could have said, and the trust meter.
pub const ACCENT: Color = Color::srgb(0.30, 0.52, 0.86);
/// A button at rest.
pub const BUTTON: Color = Color::srgb(0.22, 0.25, 0.33);
/// A button under the pointer.
pub const BUTTON_HOVER: Color = Color::srgb(0.28, 0.33, 0.44);
/// The button the keyboard is on.
pub const BUTTON_SELECTED: Color = Color::srgb(0.25, 0.40, 0.66);
/// Passed, held.
pub const GOOD: Color = Color::srgb(0.33, 0.72, 0.45);
/// Failed, broken.
pub const BAD: Color = Color::srgb(0.86, 0.36, 0.33);
/// Needs attention: time running out, a record not kept.
pub const WARN: Color = Color::srgb(0.90, 0.70, 0.30);
/// The empty part of a bar.
pub const TRACK: Color = Color::srgb(0.25, 0.26, 0.30);
