//! `RAPPORT_PROBE=first-frame rapport app`: prints how long the window took
//! to show its first interactive frame, then exits. `benches/window.sh`
//! measures start-up with it.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use std::time::Instant;

#[derive(Resource)]
struct Probe {
    started: Instant,
    waiting: bool,
}

pub(super) fn plugin(started: Instant) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(Probe {
            started,
            waiting: false,
        })
        // Frames back to back until one shows the screen: the probe measures
        // how soon the window can show it, not how soon an event arrives.
        .insert_resource(bevy::winit::WinitSettings::game())
        .add_systems(Last, shoot);
    }
}

/// Captures one frame at a time until one shows the title screen.
fn shoot(mut commands: Commands, mut probe: ResMut<Probe>) {
    if !probe.waiting {
        probe.waiting = true;
        commands.spawn(Screenshot::primary_window()).observe(judge);
    }
}

fn judge(shot: On<ScreenshotCaptured>, mut probe: ResMut<Probe>, mut exit: MessageWriter<AppExit>) {
    probe.waiting = false;
    if shows_heading(&shot.image) {
        // Captured frames come back a frame or two after they were drawn, so
        // this is an upper bound of when the screen was first shown.
        println!("first-frame-ms {}", probe.started.elapsed().as_millis());
        exit.write(AppExit::Success);
    }
}

/// Whether the title's large heading is on screen: bright pixels in the
/// top-left region, where a blank or half-initialised frame has none.
fn shows_heading(image: &Image) -> bool {
    let Some(data) = image.data.as_deref() else {
        return false;
    };
    let width = image.width() as usize;
    let bright = (20..90)
        .flat_map(|y| (28..400).map(move |x| (y * width + x) * 4))
        .filter(|&i| {
            data.get(i..i + 3)
                .is_some_and(|p| p.iter().all(|&c| c > 200))
        })
        .count();
    bright > 200
}
