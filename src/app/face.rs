//! The client's face, drawn from rounded UI nodes: a head, brows, eyes and a
//! mouth whose shapes follow the core's `Expression`, easing smoothly to each
//! new line's emotion and mood.

use crate::face::Expression;
use bevy::prelude::*;
use bevy::window::RequestRedraw;

/// The expression the face is moving towards.
#[derive(Resource)]
pub struct FaceTarget(pub Expression);

/// The expression the face shows now.
#[derive(Resource)]
pub struct FaceNow(pub Expression);

#[derive(Component, Clone, Copy)]
enum Part {
    Head,
    Brow(f32),
    Eye(f32),
    Mouth,
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(FaceTarget(Expression::NEUTRAL))
        .insert_resource(FaceNow(Expression::NEUTRAL))
        .add_systems(Update, (ease, shape).chain());
}

pub const SKIN: Color = Color::srgb(0.93, 0.78, 0.66);
const FEATURE: Color = Color::srgb(0.22, 0.16, 0.14);

/// Draws a face inside `slot`, as part of the screen being built: it goes
/// when the screen goes.
pub fn spawn(slot: &mut ChildSpawnerCommands) {
    slot.spawn((
        Part::Head,
        Node {
            position_type: PositionType::Absolute,
            left: px(20),
            top: px(10),
            width: px(220),
            height: px(270),
            border_radius: BorderRadius::all(percent(50)),
            ..default()
        },
        BackgroundColor(SKIN),
    ));
    for side in [-1.0f32, 1.0] {
        slot.spawn((
            Part::Brow(side),
            feature(130.0 + side * 48.0 - 26.0, 95.0, 52.0, 9.0),
            BackgroundColor(FEATURE),
            UiTransform::default(),
        ));
        slot.spawn((
            Part::Eye(side),
            feature(130.0 + side * 48.0 - 13.0, 120.0, 26.0, 18.0),
            BackgroundColor(FEATURE),
        ));
    }
    slot.spawn((
        Part::Mouth,
        feature(90.0, 200.0, 80.0, 14.0),
        BackgroundColor(FEATURE),
        UiTransform::default(),
    ));
}

fn feature(left: f32, top: f32, w: f32, h: f32) -> Node {
    Node {
        position_type: PositionType::Absolute,
        left: px(left),
        top: px(top),
        width: px(w),
        height: px(h),
        border_radius: BorderRadius::all(percent(50)),
        ..default()
    }
}

fn ease(
    time: Res<Time>,
    target: Res<FaceTarget>,
    mut now: ResMut<FaceNow>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if now.0.distance(target.0) > 0.002 {
        let t = 1.0 - (-6.0 * time.delta_secs()).exp();
        now.0 = now.0.towards(target.0, t);
        redraw.write(RequestRedraw);
    } else if now.0 != target.0 {
        now.0 = target.0;
    }
}

fn shape(
    now: Res<FaceNow>,
    added: Query<(), Added<Part>>,
    mut parts: Query<(
        &Part,
        &mut Node,
        &mut BackgroundColor,
        Option<&mut UiTransform>,
    )>,
) {
    if !now.is_changed() && added.is_empty() {
        return;
    }
    let x = now.0;
    for (part, mut node, mut bg, transform) in &mut parts {
        match *part {
            Part::Head => {
                let flush = x.flush * 0.25;
                bg.0 = Color::srgb(0.93, 0.78 - flush, 0.66 - flush);
            }
            Part::Brow(side) => {
                node.top = px(95.0 - 10.0 * x.brow_height + 4.0 * x.brow_tilt.min(0.0).abs());
                if let Some(mut t) = transform {
                    // Inner ends down for anger (negative tilt), up for worry.
                    t.rotation = Rot2::degrees(side * 18.0 * x.brow_tilt);
                }
            }
            Part::Eye(side) => {
                node.height = px(3.0 + 22.0 * x.eye_open);
                node.top = px(129.0 - 11.0 * x.eye_open);
                node.left = px(130.0 + side * 48.0 - 13.0 + 8.0 * x.gaze);
            }
            Part::Mouth => {
                // A smile is a wide, shallow shape; a frown narrow and tilted down at the ends.
                let curve = x.mouth_curve;
                node.width = px(60.0 + 40.0 * curve.max(0.0) + 10.0 * (1.0 - curve.abs()));
                node.left =
                    px(130.0 - (60.0 + 40.0 * curve.max(0.0) + 10.0 * (1.0 - curve.abs())) / 2.0);
                node.height = px(8.0 + 26.0 * x.mouth_open + 10.0 * curve.abs());
                node.border_radius = if curve >= 0.0 {
                    BorderRadius::px(4.0, 4.0, 40.0, 40.0)
                } else {
                    BorderRadius::px(40.0, 40.0, 4.0, 4.0)
                };
                if let Some(mut t) = transform {
                    t.rotation = Rot2::degrees(0.0);
                }
            }
        }
    }
}
