//! The trainee's window: a thin Bevy shell over the core's session.
//!
//! The window keeps one session of the core ([`Play`]), advanced in place as
//! the trainee picks, and lays out what the core says of it: the meeting's
//! line and options, and the debrief as the core's `DebriefView`. No rule or
//! score is computed here. Screens are plugins driven by the [`Screen`]
//! state, each owning the entities it spawns; `theme` owns the colours, the
//! type scale and the widgets. With the `dev` feature, the screenshot tour
//! and the start-up probe are built in too.
#![warn(missing_docs)]

pub mod author;
#[cfg(feature = "dev")]
mod dev_tools;
mod face;
pub mod model;
pub mod screens;
mod theme;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::process::ExitCode;

/// The Bevy this window is built with, for tests and embedders that drive
/// its app: the same version, with the same features.
pub use bevy;
pub use model::{Action, Library, Play, Settings, TeamSource};
pub use screens::Screen;

/// Everything the window needs except the window itself: resources, state,
/// messages and the screens. Headless tests add this to `MinimalPlugins`.
pub struct RapportPlugin {
    /// The scenarios on offer.
    pub library: Library,
    /// A session to open straight away, skipping the title and the list.
    pub open: Option<Play>,
    /// Author mode: the scenario file being written, reloaded when saved.
    pub author: Option<std::path::PathBuf>,
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
        if let Some(path) = &self.author {
            app.insert_resource(author::Author::new(path.clone()))
                .add_plugins(author::plugin);
        }
        if let Some(play) = self.open.clone() {
            app.insert_resource(play)
                .add_systems(Startup, |mut next: ResMut<NextState<Screen>>| {
                    next.set(Screen::Meeting)
                });
        }
    }
}

/// A failure deep in the window's start-up (no graphics driver, most often)
/// ends as a panic inside Bevy; say what it means in one message, without a
/// backtrace, unless one was asked for. The exit status stays non-zero.
fn explain_failures() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let what = what.lines().next().unwrap_or_default();
        eprintln!("rapport: the window stopped: {what}");
        if what.contains("GPU") || what.contains("adapter") {
            eprintln!(
                "rapport: no graphics driver for Vulkan was found. On Debian, \
                 `apt-get install mesa-vulkan-drivers libvulkan1` gives a software one; \
                 `rapport play` needs none."
            );
        } else {
            let at = info
                .location()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            eprintln!(
                "rapport: this is a bug{at}; RUST_BACKTRACE=1 shows where. \
                 `rapport play` runs the same meetings in a terminal."
            );
        }
    }));
}

/// The size every screen is laid out for, in logical pixels.
const DESIGN_SIZE: Vec2 = Vec2::new(1280.0, 800.0);

/// Scales the whole layout with the window, so a small window still shows a
/// whole screen and a large one is not a postage stamp in a corner.
fn scale_to_window(
    mut resized: MessageReader<bevy::window::WindowResized>,
    mut scale: ResMut<UiScale>,
) {
    if let Some(r) = resized.read().last() {
        let s = (r.width / DESIGN_SIZE.x).min(r.height / DESIGN_SIZE.y);
        let s = s.clamp(0.5, 3.0);
        if scale.0 != s {
            scale.0 = s;
        }
    }
}

/// Opens the window and runs until it is closed; with `open`, straight into
/// that session's meeting.
pub fn run(
    library: Library,
    open: Option<Play>,
    author: Option<std::path::PathBuf>,
    lang: rapport_core::text::Lang,
) -> ExitCode {
    #[cfg(feature = "dev")]
    let started = std::time::Instant::now();
    // This build talks to X11 only: without a display, winit would panic deep
    // inside; say plainly what is missing instead.
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!(
            "rapport: no display to open the window on (DISPLAY is not set). \
             Run it in a desktop session, under `xvfb-run -a rapport`, or use `rapport play` in the terminal."
        );
        return ExitCode::from(2);
    }
    explain_failures();
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Rapport".into(),
                    resolution: (DESIGN_SIZE.x as u32, DESIGN_SIZE.y as u32).into(),
                    ..default()
                }),
                ..default()
            })
            // A trainee's terminal gets warnings, not the renderer's start-up
            // chatter; RUST_LOG still overrides.
            .set(bevy::log::LogPlugin {
                level: bevy::log::Level::WARN,
                filter: "wgpu=error,naga=warn,winit=error".into(),
                ..default()
            }),
    )
    // Redraw only on input or when something animates: a trainee reading a
    // line costs no CPU.
    .insert_resource(WinitSettings::desktop_app())
    .add_plugins(RapportPlugin {
        library,
        open,
        author,
    })
    .insert_resource(Settings {
        lang,
        ..Settings::default()
    })
    .add_systems(Startup, |mut commands: Commands| {
        // UI shapes and text smooth their own edges; multisampling would
        // only cost a 4x frame buffer and a resolve pass on a software renderer.
        commands.spawn((Camera2d, Msaa::Off));
    })
    .add_systems(Update, scale_to_window);
    #[cfg(feature = "dev")]
    let _tour_data = dev_tools::plugin(&mut app, started);
    #[cfg(not(feature = "dev"))]
    if std::env::var_os("RAPPORT_TOUR").is_some() || std::env::var_os("RAPPORT_PROBE").is_some() {
        eprintln!("rapport: the tour and the probe need a build with the `dev` feature");
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}
