//! The widgets: texts in the two weights, buttons, bars, and the column a
//! screen is laid out in.

use super::{ActionButton, BUTTON, Fonts, TRACK};
use crate::model::Action;
use bevy::prelude::*;

/// A text in the regular weight, at a size of the type scale.
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

/// A text in the bold weight, at a size of the type scale.
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

/// A button that sends `action`; its label is its child.
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
            BackgroundColor(TRACK),
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

/// The full-window column a screen is laid out in.
pub fn screen_column() -> Node {
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        padding: UiRect::all(px(28)),
        row_gap: px(14),
        overflow: Overflow::clip(),
        ..default()
    }
}

/// A column of its own height that the screen never squeezes: a chart or
/// a map drawn into it keeps its size.
pub fn stack(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(gap),
        flex_shrink: 0.0,
        ..default()
    }
}
