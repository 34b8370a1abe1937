//! The clock of a timed beat: the seconds shown, the bar that empties, and
//! silence as the answer when it runs out.

use crate::model::Action;
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use rapport_core::i18n::{self, Label};
use rapport_core::text::Lang;

/// Seconds left on a timed beat.
#[derive(Resource, Default)]
pub(crate) struct Countdown {
    pub(crate) left: Option<f32>,
    pub(crate) total: f32,
}

#[derive(Component)]
pub(crate) struct CountdownBar;

/// The seconds given and the bar, full.
pub(crate) fn spawn(parent: &mut ChildSpawnerCommands, fonts: &Fonts, total: f32, lang: Lang) {
    parent.spawn(theme::text(
        fonts,
        format!("{total:.0} {}", i18n::label(lang, Label::SecondsLeft)),
        size::LABEL,
        theme::WARN,
    ));
    parent
        .spawn((
            Node {
                width: px(400),
                height: px(8),
                ..default()
            },
            BackgroundColor(theme::TRACK),
        ))
        .with_child((
            CountdownBar,
            Node {
                width: percent(100),
                height: percent(100),
                ..default()
            },
            BackgroundColor(theme::WARN),
        ));
}

/// Runs the countdown of a timed beat; at zero, silence answers.
pub(crate) fn tick(
    time: Res<Time>,
    mut countdown: ResMut<Countdown>,
    mut bars: Query<&mut Node, With<CountdownBar>>,
    mut out: MessageWriter<Action>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(left) = countdown.left else { return };
    let left = left - time.delta_secs();
    if left <= 0.0 {
        countdown.left = None;
        out.write(Action::Choose(0));
        return;
    }
    countdown.left = Some(left);
    for mut n in &mut bars {
        n.width = percent(100.0 * left / countdown.total.max(0.001));
    }
    redraw.write(RequestRedraw);
}
