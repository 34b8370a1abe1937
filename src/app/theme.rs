//! Colours, fonts and the few widgets every screen builds from.

use super::model::Action;
use bevy::prelude::*;

pub const BACKGROUND: Color = Color::srgb(0.11, 0.12, 0.15);
pub const PANEL: Color = Color::srgb(0.16, 0.17, 0.21);
pub const TEXT: Color = Color::srgb(0.92, 0.92, 0.94);
pub const MUTED: Color = Color::srgb(0.62, 0.64, 0.70);
pub const ACCENT: Color = Color::srgb(0.30, 0.52, 0.86);
pub const BUTTON: Color = Color::srgb(0.22, 0.25, 0.33);
pub const BUTTON_HOVER: Color = Color::srgb(0.28, 0.33, 0.44);
pub const BUTTON_SELECTED: Color = Color::srgb(0.25, 0.40, 0.66);
pub const GOOD: Color = Color::srgb(0.33, 0.72, 0.45);
pub const BAD: Color = Color::srgb(0.86, 0.36, 0.33);
pub const WARN: Color = Color::srgb(0.90, 0.70, 0.30);

/// The fonts, embedded in the binary: the window finds them from any
/// directory and after `cargo install`, with Cyrillic included.
#[derive(Resource, Clone)]
pub struct Fonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

/// A button that sends an action when pressed.
#[derive(Component, Clone, Copy)]
pub struct ActionButton(pub Action);

/// The option button selected with the arrow keys.
#[derive(Component)]
pub struct Selected;

pub(super) fn plugin(app: &mut App) {
    let mut fonts = app.world_mut().resource_mut::<Assets<Font>>();
    let regular = fonts.add(Font::from_bytes(
        include_bytes!("../../assets/fonts/DejaVuSans.ttf").to_vec(),
    ));
    let bold = fonts.add(Font::from_bytes(
        include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf").to_vec(),
    ));
    app.insert_resource(Fonts { regular, bold })
        .insert_resource(ClearColor(BACKGROUND))
        .add_systems(Update, (press_buttons, hover_buttons));
}

pub fn text(fonts: &Fonts, s: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(s),
        TextFont {
            font: fonts.regular.clone().into(),
            font_size: size.into(),
            ..default()
        },
        TextColor(color),
    )
}

pub fn bold(fonts: &Fonts, s: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(s),
        TextFont {
            font: fonts.bold.clone().into(),
            font_size: size.into(),
            ..default()
        },
        TextColor(color),
    )
}

pub fn button(action: Action) -> impl Bundle {
    (
        Button,
        ActionButton(action),
        Node {
            padding: UiRect::axes(px(14), px(8)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(BUTTON),
    )
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

/// A horizontal bar, `value` 0..=1 of its width filled.
pub fn bar(parent: &mut ChildSpawnerCommands, value: f32, width: f32, color: Color) {
    parent
        .spawn((
            Node {
                width: px(width),
                height: px(10),
                // In a scrolling column, keep its height rather than give it up.
                flex_shrink: 0.0,
                border_radius: BorderRadius::all(px(5)),
                ..default()
            },
            BackgroundColor(Color::srgb(0.25, 0.26, 0.30)),
        ))
        .with_child((
            Node {
                width: percent(100.0 * value.clamp(0.0, 1.0)),
                height: percent(100),
                border_radius: BorderRadius::all(px(5)),
                ..default()
            },
            BackgroundColor(color),
        ));
}
