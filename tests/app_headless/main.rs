//! The window's screens without a window: states, input and the screen
//! plugins on `MinimalPlugins`, driven by key presses through a whole meeting.
#![cfg(feature = "window")]

use rapport_app::bevy;

use bevy::input::keyboard::{Key, KeyboardInput, NativeKey};
use bevy::input::{ButtonState, InputPlugin};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use rapport_app::screens::DebriefShown;
use rapport_app::{Library, Play, RapportPlugin, Screen, Settings};
use rapport_core::text::Lang;
use rapport_records::store::Trouble;
use std::path::Path;

#[path = "../common/mod.rs"]
mod common;
mod meeting;
mod review;
mod saving;
mod say;
mod team;
mod together;

fn app() -> App {
    app_with(Library::shipped())
}

fn app_with(library: Library) -> App {
    app_of(RapportPlugin {
        library,
        open: None,
        author: None,
    })
}

/// The window's plugins on a headless app, one frame run.
fn app_of(rapport: RapportPlugin) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        InputPlugin,
        AssetPlugin::default(),
    ))
    .init_asset::<Font>()
    .add_plugins(rapport);
    app.update();
    app
}

fn press(app: &mut App, key_code: KeyCode, text: Option<&str>) {
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code,
            logical_key: match text {
                Some(t) => Key::Character(t.into()),
                None => Key::Unidentified(NativeKey::Unidentified),
            },
            state,
            text: text.map(Into::into),
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
    app.update();
}

/// The best path of late_manager for seed 4, as `rapport analyze
/// late_manager --seed 4` finds it, as the keys that choose it in the order
/// that seed shows the options.
fn best_seed_4() -> Vec<KeyCode> {
    let book = rapport_core::rulebook::Rulebook::shipped();
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
    let world =
        rapport_core::engine::World::new(s, &book, rapport_core::scenario::Difficulty::Normal, 4);
    rapport_core::analysis::analyze(&world)
        .best
        .choose
        .iter()
        .map(|&n| digit(n))
        .collect()
}

/// The key that chooses the `n`-th option listed (1 to 9).
fn digit(n: usize) -> KeyCode {
    [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ][n - 1]
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Opens late_manager's meeting directly, with seed 4.
fn meeting(app: &mut App) {
    let entry = app
        .world()
        .resource::<Library>()
        .by_id("late_manager")
        .unwrap();
    *app.world_mut().resource_mut::<Play>() = Play::new(entry, 4);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Meeting);
    app.update();
    app.update();
}

/// The review reads its sessions in the background: let it finish (a
/// minute at most; other tests may share the cores meanwhile).
fn read_review(app: &mut App) {
    use rapport_app::screens::review::View;
    for _ in 0..6000 {
        if !app.world().resource::<View>().loading {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.update();
    }
    panic!("the review did not finish reading in a minute");
}

/// Every text on screen.
fn texts(app: &mut App) -> Vec<String> {
    app.world_mut()
        .query::<&Text>()
        .iter(app.world())
        .map(|t| t.0.clone())
        .collect()
}
