//! The client's face, drawn from rounded UI nodes: a head, brows, eyes and a
//! mouth whose shapes follow the core's `Expression`, easing smoothly to each
//! new line's emotion and mood.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use rapport_core::face::Expression;

/// The expression the face is moving towards.
#[derive(Resource)]
pub(crate) struct FaceTarget(pub Expression);

/// The expression the face shows now.
#[derive(Resource)]
pub(crate) struct FaceNow(pub Expression);

#[derive(Component, Clone, Copy)]
enum Part {
    /// The head, with the skin it flushes from.
    Head(Srgba),
    Hair,
    Brow(f32),
    Eye(f32),
    Mouth,
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(FaceTarget(Expression::NEUTRAL))
        .insert_resource(FaceNow(Expression::NEUTRAL))
        .add_systems(Update, (ease, shape).chain());
}

const FEATURE: Color = Color::srgb(0.22, 0.16, 0.14);
const SKINS: [Srgba; 4] = [
    Srgba::rgb(0.93, 0.78, 0.66),
    Srgba::rgb(0.87, 0.70, 0.56),
    Srgba::rgb(0.76, 0.57, 0.42),
    Srgba::rgb(0.96, 0.84, 0.75),
];
const HAIRS: [Srgba; 5] = [
    Srgba::rgb(0.25, 0.17, 0.12),
    Srgba::rgb(0.55, 0.38, 0.20),
    Srgba::rgb(0.12, 0.11, 0.11),
    Srgba::rgb(0.62, 0.60, 0.58),
    Srgba::rgb(0.78, 0.60, 0.33),
];

/// How a person looks, the same every time for the same name: the client and
/// anyone else who speaks (a dispatcher, a husband) are told apart at a glance.
#[derive(Clone, Copy)]
pub(crate) struct Look {
    skin: Srgba,
    hair: Srgba,
    /// Hair down to the jaw, or short.
    long_hair: bool,
}

impl Look {
    pub(crate) fn of(name: &str) -> Look {
        // FNV-1a: stable across runs and platforms, unlike the std hasher.
        let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        Look {
            skin: SKINS[(h % 4) as usize],
            hair: HAIRS[((h >> 8) % 5) as usize],
            long_hair: (h >> 16) % 2 == 0,
        }
    }
}

/// Draws a face inside `slot`, as part of the screen being built: it goes
/// when the screen goes.
pub(crate) fn spawn(slot: &mut ChildSpawnerCommands, look: Look) {
    if look.long_hair {
        slot.spawn((
            Part::Hair,
            Node {
                position_type: PositionType::Absolute,
                left: px(8),
                top: px(0),
                width: px(244),
                height: px(230),
                border_radius: BorderRadius::px(120.0, 120.0, 30.0, 30.0),
                ..default()
            },
            BackgroundColor(look.hair.into()),
        ));
    }
    slot.spawn((
        Part::Head(look.skin),
        Node {
            position_type: PositionType::Absolute,
            left: px(20),
            top: px(10),
            width: px(220),
            height: px(270),
            border_radius: BorderRadius::all(percent(50)),
            ..default()
        },
        BackgroundColor(look.skin.into()),
    ));
    // A fringe over the forehead, above the brows' highest reach.
    slot.spawn((
        Part::Hair,
        Node {
            position_type: PositionType::Absolute,
            left: px(34),
            top: px(4),
            width: px(192),
            height: px(66),
            border_radius: BorderRadius::px(96.0, 96.0, 20.0, 20.0),
            ..default()
        },
        BackgroundColor(look.hair.into()),
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
            Part::Head(skin) => {
                let flush = x.flush * 0.25;
                bg.0 = Color::srgb(skin.red, skin.green - flush, skin.blue - flush);
            }
            Part::Hair => {}
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
