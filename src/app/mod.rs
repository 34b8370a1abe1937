//! The trainee's window: a thin Bevy shell over the core's session. Screens
//! are plugins driven by the `Screen` state; no rule or score is computed here.

mod face;
pub mod model;
pub mod screens;
pub mod theme;
mod tour;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::process::ExitCode;

pub use model::{Action, Library, Play, Settings};
pub use screens::Screen;

/// Everything the window needs except the window itself: resources, state,
/// messages and the screens. Headless tests add this to `MinimalPlugins`.
pub struct RapportPlugin {
    pub library: Library,
}

impl Plugin for RapportPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.library.clone())
            .init_resource::<Settings>()
            .init_resource::<Play>()
            .add_message::<Action>()
            // Animations ask for redraws; without a window (tests) nobody listens.
            .add_message::<bevy::window::RequestRedraw>()
            .add_plugins((theme::plugin, screens::plugin, face::plugin));
    }
}

/// Opens the window and runs until it is closed.
pub fn run(library: Library) -> ExitCode {
    // This build talks to X11 only: without a display, winit would panic deep
    // inside; say plainly what is missing instead.
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!(
            "rapport: no display to open the window on (DISPLAY is not set). \
             Run it in a desktop session, under `xvfb-run -a rapport`, or use `rapport play` in the terminal."
        );
        return ExitCode::from(2);
    }
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Rapport".into(),
            resolution: (1280, 800).into(),
            ..default()
        }),
        ..default()
    }))
    // Redraw only on input or when something animates: a trainee reading a
    // line costs no CPU.
    .insert_resource(WinitSettings::desktop_app())
    .add_plugins(RapportPlugin { library })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    if let Some(dir) = std::env::var_os("RAPPORT_TOUR") {
        app.add_plugins(tour::plugin(dir.into()));
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}
