//! The meeting: the client's face and line, narration of events, the
//! numbered options, the countdown of a timed beat, the meters, and the
//! conversation so far. Every choice goes to the core session; this screen
//! only shows what the session says.

use super::countdown::{self, Countdown};
use super::say::{self, Answered, SayMatcher, Saying};
use super::{Focus, Keys, Root, Screen, clear, digit, root};
use crate::face::{self, FaceTarget, Look};
use crate::model::{Action, Library, Play, Settings};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;
use bevy::window::RequestRedraw;
use rapport_core::engine::Pick;
use rapport_core::face::Expression;
use rapport_core::i18n::{self, Label};
use rapport_core::scenario::{Difficulty, Speaker};

/// The client's line, revealed a few characters at a time.
#[derive(Component)]
pub(crate) struct Reveal {
    pub full: String,
    pub shown: f32,
}

/// When the current beat was shown, for response times.
#[derive(Resource, Default)]
struct BeatShownAt(f64);

const CHARS_PER_SECOND: f32 = 45.0;

/// A meeting begun (or begun again from a beat) is a new session for the
/// record; a reviewed one keeps the time it was played. The session is
/// built here when the scenario, seed, level or jump asked for is not the
/// one kept; a session brought back to an earlier beat goes on from there.
fn begin(mut play: ResMut<Play>, lib: Res<Library>, settings: Res<Settings>) {
    if play.reviewing.is_none() {
        play.started = Some(jiff::Timestamp::now());
    }
    let level = play.level(&settings);
    play.ensure_session(&lib, level);
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Countdown>()
        .init_resource::<BeatShownAt>()
        .add_systems(
            OnEnter(Screen::Meeting),
            (begin, say::follow, build).chain(),
        )
        .add_systems(
            Update,
            (
                say::follow,
                (say::keys, keys).chain().in_set(Keys),
                countdown::tick,
                say::act,
                act,
                say::follow,
                build.run_if(resource_changed::<Play>.or_eager(resource_changed::<Answered>)),
                reveal,
            )
                .chain()
                .run_if(in_state(Screen::Meeting)),
        );
}

#[allow(clippy::too_many_arguments)]
fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    play: Res<Play>,
    settings: Res<Settings>,
    time: Res<Time>,
    mut countdown: ResMut<Countdown>,
    mut shown: ResMut<BeatShownAt>,
    mut face: ResMut<FaceTarget>,
    roots: Query<Entity, With<Root>>,
    mut next: ResMut<NextState<Screen>>,
    (saying, answered, matcher): (Res<Saying>, Res<Answered>, Res<SayMatcher>),
) {
    let Some(session) = play.session() else {
        return;
    };
    if session.is_over() {
        next.set(Screen::Debrief);
        return;
    }
    clear(&mut commands, &roots);
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x);
    let s = session.scenario();
    let beat = session
        .beat()
        .expect("a session that is not over is at a beat");
    let (emotion, line) = session.line().expect("a beat has a line");
    let m = session.state.meters;
    // Someone else may speak (a dispatcher on the phone, a husband): show
    // them, with their own face; the meters are the client's mood, not theirs.
    let (look_name, name, role) = match &beat.speaker {
        Speaker::Person(who) => (who.en.as_str(), who.get(lang), ""),
        _ => (
            s.persona.name.en.as_str(),
            s.persona.name.get(lang),
            s.persona.role.get(lang),
        ),
    };
    face.0 = match beat.speaker {
        Speaker::Person(_) => Expression::of(emotion),
        _ => Expression::with_mood(emotion, m[0], m[1], m[2]),
    };
    if play.is_changed() {
        shown.0 = time.elapsed_secs_f64();
        *countdown = Countdown {
            left: session.time_limit(),
            total: session.time_limit().unwrap_or(0.0),
        };
    }

    commands.spawn(root(Screen::Meeting)).with_children(|p| {
        p.spawn(theme::bold(
            &fonts,
            s.title.get(lang),
            size::LEAD,
            theme::MUTED,
        ));
        p.spawn(Node {
            column_gap: px(28),
            flex_grow: 1.0,
            min_height: px(0),
            ..default()
        })
        .with_children(|row| {
            // Left: the client and the meters.
            row.spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(10),
                width: px(300),
                ..default()
            })
            .with_children(|left| {
                left.spawn(Node {
                    width: px(260),
                    height: px(300),
                    ..default()
                })
                .with_children(|slot| face::spawn(slot, Look::of(look_name)));
                left.spawn(theme::bold(&fonts, name, size::HEADING, theme::TEXT));
                left.spawn(theme::text(&fonts, role, size::LABEL, theme::MUTED));
                if let Speaker::Person(_) = beat.speaker {
                    // The meters below are the client's, whoever speaks now.
                    left.spawn(theme::text(
                        &fonts,
                        format!("{}: {}", l(Label::Client), s.persona.name.get(lang)),
                        size::LABEL,
                        theme::MUTED,
                    ));
                }
                if play.level(&settings) != Difficulty::Hard {
                    for (label, v, color) in [
                        (Label::Trust, m[0], theme::ACCENT),
                        (Label::Patience, m[1], theme::GOOD),
                        (Label::Interest, m[2], theme::WARN),
                    ] {
                        left.spawn(theme::text(
                            &fonts,
                            format!("{} {v}", l(label)),
                            size::LABEL,
                            theme::TEXT,
                        ));
                        theme::bar(left, f32::from(v) / 100.0, 240.0, color);
                    }
                }
            });
            // Right: what is said, the options, and the conversation so far.
            row.spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(12),
                flex_grow: 1.0,
                min_width: px(0),
                ..default()
            })
            .with_children(|right| {
                for n in session.narration() {
                    right.spawn(theme::text(
                        &fonts,
                        format!("({})", n.get(lang)),
                        size::BODY,
                        theme::WARN,
                    ));
                }
                let who = rapport_core::debrief::speaker_name(&beat.speaker, session, lang);
                if !who.is_empty() {
                    right.spawn(theme::text(
                        &fonts,
                        format!("{who} · {}", i18n::emotion(lang, emotion)),
                        size::LABEL,
                        theme::MUTED,
                    ));
                }
                right.spawn((
                    theme::text(&fonts, "", size::LEAD, theme::TEXT),
                    // Rebuilt for the options appearing, not for a new
                    // line: the client has already said it.
                    Reveal {
                        full: line.get(lang).to_string(),
                        shown: if play.is_changed() {
                            0.0
                        } else {
                            line.get(lang).chars().count() as f32
                        },
                    },
                ));
                let options: Vec<(usize, String)> = session
                    .options()
                    .iter()
                    .map(|&i| {
                        (
                            usize::from(i),
                            beat.choices[usize::from(i)].text.get(lang).to_string(),
                        )
                    })
                    .collect();
                let words = say::on(&settings, &play).then_some((&*saying, &*answered));
                say::spawn_answers(right, &fonts, &options, words, &matcher, lang);
                if let Some(total) = session.time_limit() {
                    countdown::spawn(right, &fonts, total, lang);
                }
                right.spawn(theme::text(
                    &fonts,
                    l(say::keys_hint(words.is_some(), &answered)),
                    size::SMALL,
                    theme::MUTED,
                ));
                right.spawn(theme::bold(
                    &fonts,
                    l(Label::Conversation),
                    size::LABEL,
                    theme::MUTED,
                ));
                right
                    .spawn((
                        Node {
                            flex_direction: FlexDirection::Column,
                            row_gap: px(4),
                            overflow: Overflow::scroll_y(),
                            flex_grow: 1.0,
                            min_height: px(0),
                            ..default()
                        },
                        ScrollArea,
                        // Opens at the newest exchange; layout clamps the offset.
                        ScrollPosition(Vec2::new(0.0, f32::MAX)),
                    ))
                    .with_children(|log| {
                        for entry in rapport_core::debrief::transcript(session, lang) {
                            let said = entry["said"].as_str().unwrap_or_default();
                            let line = entry["line"].as_str().unwrap_or_default();
                            log.spawn(theme::text(
                                &fonts,
                                format!("— {line}"),
                                size::SMALL,
                                theme::MUTED,
                            ));
                            log.spawn(theme::text(
                                &fonts,
                                format!("   {}: {said}", i18n::label(lang, i18n::Label::You)),
                                size::SMALL,
                                theme::TEXT,
                            ));
                        }
                    });
            });
        });
    });
}

/// Digits choose; while the line is still being spoken, Space or Enter
/// shows it whole instead (and Enter does not also choose).
fn keys(
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut reveals: Query<&mut Reveal>,
    play: Res<Play>,
    mut out: MessageWriter<Action>,
) {
    let n = play.session().map_or(0, |s| s.options().len());
    let revealing = reveals
        .iter()
        .any(|r| (r.shown as usize) < r.full.chars().count());
    let skip = [KeyCode::Space, KeyCode::Enter, KeyCode::NumpadEnter];
    if revealing && keys.any_just_pressed(skip) {
        for mut r in &mut reveals {
            r.shown = r.full.chars().count() as f32;
        }
        for k in skip {
            keys.clear_just_pressed(k);
        }
    }
    let mut chosen = None;
    for &k in keys.get_just_pressed() {
        if let Some(d) = digit(k).filter(|d| *d <= n) {
            chosen = Some(d);
        }
    }
    if let Some(d) = chosen {
        out.write(Action::Choose(d));
    }
}

#[allow(clippy::too_many_arguments)]
fn act(
    mut actions: MessageReader<Action>,
    mut play: ResMut<Play>,
    time: Res<Time>,
    shown: Res<BeatShownAt>,
    mut focus: ResMut<Focus>,
    settings: Res<Settings>,
    (saying, answered, matcher): (Res<Saying>, Res<Answered>, Res<SayMatcher>),
) {
    for a in actions.read() {
        let Action::Choose(n) = *a else { continue };
        let Some(session) = play.session() else {
            continue;
        };
        // Silence is the 0th; the core refuses whatever is not on offer, and
        // a refused pick leaves the meeting as it was (not even redrawn).
        let pick = match n {
            0 => Pick::Silence,
            n => match session.options().get(n - 1) {
                Some(&i) => Pick::Choice(i),
                None => continue,
            },
        };
        let ms = ((time.elapsed_secs_f64() - shown.0) * 1000.0).max(0.0) as u32;
        let typed = say::typed_for_pick(&settings, &play, &matcher, &saying, &answered);
        let made = play
            .bypass_change_detection()
            .session_mut()
            .is_some_and(|s| s.pick_said(pick, Some(ms), typed).is_ok());
        if made {
            play.set_changed();
            focus.0 = 0;
        }
    }
}

/// Reveals the client's line as it is spoken; a key shows it whole.
fn reveal(
    time: Res<Time>,
    mut q: Query<(&mut Reveal, &mut Text)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    for (mut r, mut text) in &mut q {
        let total = r.full.chars().count();
        if (r.shown as usize) < total {
            r.shown = (r.shown + time.delta_secs() * CHARS_PER_SECOND).min(total as f32);
            redraw.write(RequestRedraw);
        }
        let visible: String = r.full.chars().take(r.shown as usize).collect();
        if text.0 != visible {
            text.0 = visible;
        }
    }
}
