//! The screens, one plugin each, driven by the `Screen` state. Entities are
//! scoped to their screen, so leaving a screen cleans up after it.

mod briefing;
pub(crate) mod debrief;
pub use debrief::Shown as DebriefShown;
pub use meeting::Reveal;
mod list;
mod meeting;
mod title;

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    List,
    Briefing,
    Meeting,
    Debrief,
}

/// The root node of the current screen; rebuilding a screen replaces it.
#[derive(Component)]
pub struct Root;

pub(super) fn plugin(app: &mut App) {
    for screen in [
        Screen::Title,
        Screen::List,
        Screen::Briefing,
        Screen::Meeting,
        Screen::Debrief,
    ] {
        app.add_systems(OnEnter(screen), forget_actions);
    }
    app.init_state::<Screen>().add_plugins((
        title::plugin,
        list::plugin,
        briefing::plugin,
        meeting::plugin,
        debrief::plugin,
    ));
}

/// Actions asked for on the screen just left are void on the new one (an
/// Enter that opened a screen must not also press its first button).
fn forget_actions(mut actions: ResMut<Messages<super::model::Action>>) {
    actions.clear();
}

/// A full-window column to build a screen in.
pub fn root(screen: Screen) -> impl Bundle {
    (
        Root,
        DespawnOnExit(screen),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(28)),
            row_gap: px(14),
            overflow: Overflow::clip(),
            ..default()
        },
    )
}

/// Despawns the current screen's root, before building it again.
pub fn clear(commands: &mut Commands, roots: &Query<Entity, With<Root>>) {
    for e in roots {
        commands.entity(e).despawn();
    }
}

/// The digit keys 1..9 as a number.
pub fn digit(k: KeyCode) -> Option<usize> {
    use KeyCode::*;
    Some(match k {
        Digit1 | Numpad1 => 1,
        Digit2 | Numpad2 => 2,
        Digit3 | Numpad3 => 3,
        Digit4 | Numpad4 => 4,
        Digit5 | Numpad5 => 5,
        Digit6 | Numpad6 => 6,
        Digit7 | Numpad7 => 7,
        Digit8 | Numpad8 => 8,
        Digit9 | Numpad9 => 9,
        _ => return None,
    })
}
