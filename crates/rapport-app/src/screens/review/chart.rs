//! A line chart of each trainee's scores over time, with the pass mark
//! across. It is a drawing, redrawn whole inside its own node when the
//! sessions shown change.

use super::View;
use crate::model::Library;
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use rapport_records::review;
use std::path::PathBuf;

/// Points per trainee on the chart (more sessions are averaged in groups).
const CHART_POINTS: usize = 40;
const CHART: Vec2 = Vec2::new(600.0, 220.0);

/// One line colour per trainee, in name order.
const LINES: [Color; 8] = [
    Color::srgb(0.36, 0.62, 0.95),
    Color::srgb(0.95, 0.62, 0.30),
    Color::srgb(0.45, 0.80, 0.50),
    Color::srgb(0.85, 0.45, 0.80),
    Color::srgb(0.95, 0.85, 0.35),
    Color::srgb(0.40, 0.85, 0.85),
    Color::srgb(0.95, 0.45, 0.45),
    Color::srgb(0.70, 0.70, 0.75),
];

/// The node the chart and its legend are drawn in.
#[derive(Component)]
pub(super) struct Chart;

/// The empty chart, to be drawn.
pub(super) fn spawn(parent: &mut ChildSpawnerCommands) {
    parent.spawn((Chart, theme::stack(8.0)));
}

/// Draws the chart of the sessions the filters keep, unless it shows
/// them already (a message appeared, a filter kept the same sessions).
pub(super) fn draw(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    view: Res<View>,
    charts: Query<Entity, With<Chart>>,
    mut drawn: Local<Option<(Entity, Vec<PathBuf>)>>,
) {
    let shown: Vec<review::Attempt> = view.shown().into_iter().cloned().collect();
    for e in &charts {
        let now = Some((e, shown.iter().map(|s| s.path.clone()).collect()));
        if *drawn == now {
            continue;
        }
        *drawn = now;
        let mut chart = commands.entity(e);
        chart.despawn_children();
        if !shown.is_empty() {
            chart.with_children(|c| lines(c, &fonts, &shown, lib.book.pass_mark));
        }
    }
}

/// Each trainee's scores over time, one coloured line each, with the pass
/// mark dashed across.
fn lines(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    shown: &[review::Attempt],
    pass_mark: f64,
) {
    let series = review::series(shown, CHART_POINTS);
    // Across: the sessions in the order they happened, evenly spaced, so a
    // month without practice does not squeeze the rest into a corner.
    let order: Vec<jiff::Timestamp> = shown.iter().map(|s| s.started).collect();
    let span = order.len().saturating_sub(1).max(1) as f32;
    let at = |t: jiff::Timestamp, score: f64| {
        let rank = order.partition_point(|&o| o < t);
        Vec2::new(
            rank as f32 / span * CHART.x,
            CHART.y - (score as f32 / 100.0) * CHART.y,
        )
    };
    parent
        .spawn((
            Node {
                width: px(CHART.x),
                height: px(CHART.y),
                flex_shrink: 0.0,
                margin: UiRect::left(px(28)),
                ..default()
            },
            BackgroundColor(theme::PANEL),
        ))
        .with_children(|c| {
            for (y, label) in [(0.0, "0"), (50.0, "50"), (100.0, "100")] {
                let top = CHART.y - y / 100.0 * CHART.y;
                c.spawn((
                    Node {
                        position_type: PositionType::Absolute,
                        left: px(-28),
                        top: px(top - 8.0),
                        ..default()
                    },
                    children![theme::text(fonts, label, size::CAPTION, theme::MUTED)],
                ));
            }
            if let (Some(first), Some(last)) = (order.first(), order.last()) {
                for (left, t) in [(0.0, first), (CHART.x - 70.0, last)] {
                    c.spawn((
                        Node {
                            position_type: PositionType::Absolute,
                            left: px(left),
                            top: px(CHART.y + 2.0),
                            ..default()
                        },
                        children![theme::text(
                            fonts,
                            t.strftime("%Y-%m-%d").to_string(),
                            size::CAPTION,
                            theme::MUTED
                        )],
                    ));
                }
            }
            let pass_y = CHART.y - pass_mark as f32 / 100.0 * CHART.y;
            segment(
                c,
                Vec2::new(0.0, pass_y),
                Vec2::new(CHART.x, pass_y),
                1.0,
                theme::GOOD.with_alpha(0.5),
            );
            for (k, (_, pts)) in series.iter().enumerate() {
                let color = LINES[k % LINES.len()];
                let points: Vec<Vec2> = pts.iter().map(|&(t, s)| at(t, s)).collect();
                for w in points.windows(2) {
                    segment(c, w[0], w[1], 2.0, color);
                }
                for p in &points {
                    c.spawn((
                        Node {
                            position_type: PositionType::Absolute,
                            left: px(p.x - 2.5),
                            top: px(p.y - 2.5),
                            width: px(5),
                            height: px(5),
                            ..default()
                        },
                        BackgroundColor(color),
                    ));
                }
            }
        });
    parent
        .spawn(Node {
            column_gap: px(14),
            flex_wrap: FlexWrap::Wrap,
            margin: UiRect {
                left: px(28),
                top: px(16),
                ..default()
            },
            ..default()
        })
        .with_children(|legend| {
            for (k, (name, _)) in series.iter().enumerate() {
                legend
                    .spawn(Node {
                        column_gap: px(5),
                        align_items: AlignItems::Center,
                        ..default()
                    })
                    .with_children(|item| {
                        item.spawn((
                            Node {
                                width: px(10),
                                height: px(10),
                                ..default()
                            },
                            BackgroundColor(LINES[k % LINES.len()]),
                        ));
                        item.spawn(theme::text(fonts, name.clone(), size::CAPTION, theme::TEXT));
                    });
            }
        });
}

/// A straight line from `a` to `b` inside a chart: a thin node turned about
/// its centre.
fn segment(parent: &mut ChildSpawnerCommands, a: Vec2, b: Vec2, thickness: f32, color: Color) {
    let d = b - a;
    let mid = (a + b) / 2.0;
    let len = d.length();
    parent.spawn((
        Node {
            position_type: PositionType::Absolute,
            left: px(mid.x - len / 2.0),
            top: px(mid.y - thickness / 2.0),
            width: px(len),
            height: px(thickness),
            ..default()
        },
        // Screen y grows downwards, so this angle turns clockwise, as
        // UiTransform's rotation does.
        UiTransform::from_rotation(Rot2::radians(d.y.atan2(d.x))),
        BackgroundColor(color),
    ));
}
