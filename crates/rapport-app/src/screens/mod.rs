//! The screens, one plugin each, driven by the `Screen` state. Entities are
//! scoped to their screen, so leaving a screen cleans up after it.

mod briefing;
mod countdown;
mod debrief;
pub mod list;
mod meeting;
pub mod review;
mod say;
mod title;

pub use debrief::DebriefShown;
#[cfg(feature = "dev")]
pub(crate) use meeting::Reveal;

use crate::model::Action;
use crate::theme::{self, ActionButton, Selected};
use bevy::prelude::*;
use bevy::ui_widgets::ScrollIntoView;

/// Which screen the window shows.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The trainee's name, the language and the level.
    #[default]
    Title,
    /// The scenarios to choose from.
    List,
    /// Who the client is and what the meeting is for.
    Briefing,
    /// The meeting itself.
    Meeting,
    /// How it went, rule by rule.
    Debrief,
    /// The manager's view of every kept session.
    Review,
}

/// The root node of the current screen; rebuilding a screen replaces it.
#[derive(Component)]
pub(crate) struct Root;

pub(super) fn plugin(app: &mut App) {
    for screen in [
        Screen::Title,
        Screen::List,
        Screen::Briefing,
        Screen::Meeting,
        Screen::Debrief,
        Screen::Review,
    ] {
        app.add_systems(OnEnter(screen), forget_actions);
    }
    app.init_state::<Screen>()
        .init_resource::<Focus>()
        .add_systems(Update, (navigate, show_focus).chain().after(Keys))
        .add_plugins((
            title::plugin,
            list::plugin,
            briefing::plugin,
            meeting::plugin,
            say::plugin,
            debrief::plugin,
            review::plugin,
        ));
}

/// Actions asked for on the screen just left are void on the new one (an
/// Enter that opened a screen must not also press its first button), and the
/// keyboard starts on the new screen's first button.
fn forget_actions(mut actions: ResMut<Messages<Action>>, mut focus: ResMut<Focus>) {
    actions.clear();
    focus.0 = 0;
}

/// The screens' own key handling runs in this set, before the shared
/// navigation, so a screen can take a key for itself first.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Keys;

/// Which button the keyboard is on, as its `Focusable` number.
#[derive(Resource, Default)]
pub(crate) struct Focus(pub usize);

/// A button the keyboard reaches: Tab and the down arrow go to the next
/// number, Shift+Tab and the up arrow to the previous, Enter presses it.
#[derive(Component, Clone, Copy)]
pub(crate) struct Focusable(pub usize);

fn navigate(
    keys: Res<ButtonInput<KeyCode>>,
    mut focus: ResMut<Focus>,
    buttons: Query<(&Focusable, &ActionButton)>,
    mut out: MessageWriter<Action>,
) {
    let n = buttons.iter().map(|(f, _)| f.0 + 1).max().unwrap_or(0);
    if n == 0 {
        return;
    }
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    for &k in keys.get_just_pressed() {
        match k {
            KeyCode::Tab if shift => focus.0 = (focus.0 + n - 1) % n,
            KeyCode::ArrowUp => focus.0 = (focus.0 + n - 1) % n,
            KeyCode::Tab | KeyCode::ArrowDown => focus.0 = (focus.0 + 1) % n,
            KeyCode::Enter | KeyCode::NumpadEnter => {
                if let Some((_, b)) = buttons.iter().find(|(f, _)| f.0 == focus.0) {
                    out.write(b.0);
                }
            }
            _ => {}
        }
    }
}

/// Marks the focused button, and scrolls it into view when the keyboard
/// moved there.
fn show_focus(
    mut commands: Commands,
    focus: Res<Focus>,
    added: Query<(), Added<Focusable>>,
    buttons: Query<(Entity, &Focusable, Has<Selected>)>,
) {
    if !focus.is_changed() && added.is_empty() {
        return;
    }
    // A screen being rebuilt may have despawned these in the same frame.
    for (e, f, selected) in &buttons {
        if f.0 == focus.0 && !selected {
            commands.entity(e).try_insert(Selected);
            if focus.is_changed() {
                commands.trigger(ScrollIntoView { entity: e });
            }
        } else if f.0 != focus.0 && selected {
            commands.entity(e).try_remove::<Selected>();
        }
    }
}

/// A full-window column to build a screen in, gone when the screen is left.
pub(crate) fn root(screen: Screen) -> impl Bundle {
    (Root, DespawnOnExit(screen), theme::screen_column())
}

/// Despawns the current screen's root, before building it again.
pub(crate) fn clear(commands: &mut Commands, roots: &Query<Entity, With<Root>>) {
    for e in roots {
        commands.entity(e).despawn();
    }
}

/// The digit keys 1..9 as a number.
pub(crate) fn digit(k: KeyCode) -> Option<usize> {
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
