//! The type scale: every text in the window is one of these sizes, so that
//! screens agree on what a heading or a detail looks like.

/// The application's name on the title screen.
pub const DISPLAY: f32 = 56.0;
/// A screen's own title: the list, a scenario's briefing.
pub const TITLE: f32 = 36.0;
/// The one figure a screen is about: the score, the number of sessions.
pub const HEADLINE: f32 = 28.0;
/// What the trainee reads first: the client's line, an ending's title.
pub const LEAD: f32 = 24.0;
/// Headings inside a screen, and the options to answer with.
pub const HEADING: f32 = 20.0;
/// Running text.
pub const BODY: f32 = 17.0;
/// Labels of sections, meters and bars; the rules' headings.
pub const LABEL: f32 = 15.0;
/// Secondary lines: notes, the keys' help, table cells.
pub const SMALL: f32 = 13.0;
/// The finest print: axis labels, the heat map, system messages.
pub const CAPTION: f32 = 11.0;
