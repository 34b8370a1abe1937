//! Colours, the type scale, fonts and the widgets every screen builds from:
//! a screen says what to show; how a text, a button or a bar looks is
//! decided here once.

mod palette;
pub mod size;
mod widget;

pub use palette::*;
pub use widget::{bar, bold, button, screen_column, stack, text};

use crate::model::Action;
use bevy::prelude::*;

/// The fonts, embedded in the binary: the window finds them from any
/// directory and after `cargo install`, with Cyrillic included.
#[derive(Resource, Clone)]
pub(crate) struct Fonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

/// A button that sends an action when pressed.
#[derive(Component, Clone, Copy)]
pub(crate) struct ActionButton(pub Action);

/// The button the keyboard is on.
#[derive(Component)]
pub(crate) struct Selected;

pub(super) fn plugin(app: &mut App) {
    let mut fonts = app.world_mut().resource_mut::<Assets<Font>>();
    let regular = fonts.add(Font::from_bytes(
        include_bytes!("../../../../assets/fonts/DejaVuSans.ttf").to_vec(),
    ));
    let bold = fonts.add(Font::from_bytes(
        include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf").to_vec(),
    ));
    app.insert_resource(Fonts { regular, bold })
        .insert_resource(ClearColor(BACKGROUND))
        .add_systems(Update, (press_buttons, hover_buttons));
}

fn press_buttons(
    q: Query<(&Interaction, &ActionButton), Changed<Interaction>>,
    mut out: MessageWriter<Action>,
) {
    for (i, b) in &q {
        if *i == Interaction::Pressed {
            out.write(b.0);
        }
    }
}

fn hover_buttons(
    mut q: Query<(&Interaction, &mut BackgroundColor, Has<Selected>), With<ActionButton>>,
) {
    for (i, mut bg, selected) in &mut q {
        let color = match (i, selected) {
            (Interaction::Pressed | Interaction::Hovered, _) => BUTTON_HOVER,
            (_, true) => BUTTON_SELECTED,
            _ => BUTTON,
        };
        // Writing an unchanged colour would still mark it changed and redraw.
        bg.set_if_neq(BackgroundColor(color));
    }
}

/// Writes `s` in `color` into a text built earlier, touching only what
/// differs (an unchanged text is not laid out again), and hides it while
/// it is empty so that it takes no room.
pub(crate) fn set_text(
    mut text: Mut<Text>,
    mut color: Mut<TextColor>,
    mut node: Mut<Node>,
    s: &str,
    c: Color,
) {
    if text.0 != s {
        text.0 = s.to_string();
    }
    color.set_if_neq(TextColor(c));
    let display = if s.is_empty() {
        Display::None
    } else {
        Display::Flex
    };
    if node.display != display {
        node.display = display;
    }
}
