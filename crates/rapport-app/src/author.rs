//! Author mode (`rapport app --author FILE`): the scenario file is played as
//! it is written. Saving it reloads the meeting; a broken save keeps the last
//! good version running and shows the errors; a panel shows the beat ids,
//! the client's state, the flags and every rule monitor, and jumps to any
//! beat with a chosen state. Sessions played here are not kept as records.

use crate::model::{Action, Library, Play, Settings};
use crate::screens::Screen;
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use rapport_core::i18n::{self, Label};
use rapport_core::scenario::{Place, Scenario};
use rapport_core::session::{Jump, OwnedSession};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How often the file is looked at. Polling its modification time, rather
/// than a file-system watcher, follows editors that save by renaming a new
/// file over the old one, on every platform, for one `stat` a quarter second.
const POLL: Duration = Duration::from_millis(250);

/// The file being written, and what the author chose in the panel.
#[derive(Resource)]
pub struct Author {
    /// The scenario file.
    pub(crate) path: PathBuf,
    /// The file's modification time when last read.
    seen: Option<SystemTime>,
    since_poll: Duration,
    /// Why the file on disk does not load; empty when the last save loaded.
    pub errors: Vec<String>,
    /// How many times a save was loaded (for tests and the panel).
    pub reloads: u32,
    /// The beat a jump goes to, by index.
    pub(crate) target: usize,
    /// Trust, patience and interest there.
    pub(crate) meters: [u8; 3],
}

impl Author {
    /// Author mode on the file at `path`, as it is now.
    pub(crate) fn new(path: PathBuf) -> Author {
        let seen = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        Author {
            path,
            seen,
            since_poll: Duration::ZERO,
            errors: Vec::new(),
            reloads: 0,
            target: 0,
            meters: [50, 50, 50],
        }
    }
}

/// The panel's root, rebuilt with the meeting.
#[derive(Component)]
struct Panel;

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            watch,
            keys,
            act,
            panel.run_if(resource_changed::<Play>.or_else(resource_changed::<Author>)),
        )
            .chain()
            .run_if(in_state(Screen::Meeting)),
    );
}

/// Reloads the file when it changed on disk. A version that loads replaces
/// the scenario and the meeting is rebuilt from the same choices, as far as
/// they still apply; one that does not is kept out, with its errors shown.
fn watch(
    time: Res<Time>,
    mut author: ResMut<Author>,
    mut lib: ResMut<Library>,
    mut play: ResMut<Play>,
    settings: Res<Settings>,
    mut next: ResMut<NextState<Screen>>,
) {
    author.since_poll += time.delta();
    if author.since_poll < POLL {
        return;
    }
    author.since_poll = Duration::ZERO;
    let modified = std::fs::metadata(&author.path)
        .and_then(|m| m.modified())
        .ok();
    if modified == author.seen {
        return;
    }
    author.seen = modified;
    let loaded = rapport_core::ron_text::read(&author.path)
        .map_err(|e| vec![rapport_core::catalog::io_error(&author.path, &e).to_string()])
        .and_then(|bytes| {
            Scenario::load(&author.path, &bytes, &lib.book)
                .map_err(|d| d.iter().map(|d| d.to_string()).collect())
        });
    match loaded {
        Ok((scenario, _)) => {
            author.errors.clear();
            author.reloads += 1;
            let Some(entry) = lib.entries.get_mut(play.entry) else {
                return;
            };
            let scenario = Arc::new(scenario);
            entry.scenario = Ok(scenario.clone());
            // A jump to a beat the new version no longer has starts at its first.
            if play
                .jump
                .is_some_and(|j| j.beat as usize >= scenario.beats.len())
            {
                play.jump = None;
            }
            // Keep the longest prefix of choices the new version still accepts.
            let picks = play.session_mut().map(|s| s.picks()).unwrap_or_default();
            let opening = play.opening(play.level(&settings));
            let (session, _) =
                OwnedSession::replay_prefix(scenario, lib.book.clone(), opening, &picks);
            play.set_session(session);
            next.set(Screen::Meeting);
        }
        Err(errors) => author.errors = errors,
    }
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    for (key, action) in [
        (KeyCode::F9, Action::AuthorTarget(-1)),
        (KeyCode::F10, Action::AuthorTarget(1)),
        (KeyCode::F12, Action::AuthorJump),
    ] {
        if keys.just_pressed(key) {
            out.write(action);
        }
    }
}

fn act(
    mut actions: MessageReader<Action>,
    mut author: ResMut<Author>,
    lib: Res<Library>,
    mut play: ResMut<Play>,
    mut next: ResMut<NextState<Screen>>,
) {
    let beats = play.scenario(&lib).map_or(0, |s| s.beats.len());
    // A save may have taken away the beat chosen.
    if beats > 0 && author.target >= beats {
        author.target = beats - 1;
    }
    for a in actions.read() {
        match *a {
            Action::AuthorTarget(d) if beats > 0 => {
                author.target =
                    (author.target as i64 + i64::from(d)).rem_euclid(beats as i64) as usize;
            }
            Action::AuthorMeter(m, d) => {
                let v = &mut author.meters[usize::from(m).min(2)];
                *v = (i16::from(*v) + i16::from(d)).clamp(0, 100) as u8;
            }
            Action::AuthorJump if beats > 0 => {
                let flags = play.jump.map_or(0, |j| j.flags);
                play.jump = Some(Jump {
                    beat: author.target as u32,
                    meters: author.meters,
                    flags,
                });
                play.restart();
                next.set(Screen::Meeting);
            }
            _ => {}
        }
    }
}

/// The inspector: the file, its errors, where the session is, the client's
/// state and flags, every rule monitor, and the jump controls.
fn panel(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    play: Res<Play>,
    settings: Res<Settings>,
    author: Res<Author>,
    panels: Query<Entity, With<Panel>>,
) {
    for p in &panels {
        commands.entity(p).despawn();
    }
    let Some(session) = play.session() else {
        return;
    };
    let s = session.scenario();
    let small = |t: String, c: Color| theme::text(&fonts, t, size::CAPTION, c);
    let l = |x| i18n::label(settings.lang, x);
    commands
        .spawn((
            Panel,
            // Its own root over the meeting's, so rebuilding either leaves
            // the other alone.
            DespawnOnExit(Screen::Meeting),
            Node {
                position_type: PositionType::Absolute,
                // Bottom right: the client's line and the options stay in view.
                right: px(8),
                bottom: px(8),
                width: px(330),
                max_height: percent(60),
                flex_direction: FlexDirection::Column,
                row_gap: px(3),
                padding: UiRect::all(px(10)),
                overflow: Overflow::clip(),
                ..default()
            },
            BackgroundColor(theme::PANEL.with_alpha(0.95)),
            GlobalZIndex(10),
        ))
        .with_children(|p| {
            p.spawn(theme::bold(
                &fonts,
                format!("{}: {}", l(Label::AuthorMode), author.path.display()),
                size::SMALL,
                theme::ACCENT,
            ));
            p.spawn(small(
                format!("{} {}", l(Label::Reloads), author.reloads),
                theme::MUTED,
            ));
            if !author.errors.is_empty() {
                p.spawn(theme::bold(
                    &fonts,
                    l(Label::BrokenSave),
                    size::CAPTION,
                    theme::BAD,
                ));
                for e in author.errors.iter().take(6) {
                    p.spawn(small(e.clone(), theme::WARN));
                }
            }
            let at = match session.state.node {
                Place::Beat(b) => format!("{} `{}`", l(Label::Beat), s.beat(b).id),
                Place::Ending(e) => {
                    format!("{} `{}`", l(Label::Ending), s.endings[e as usize].id)
                }
            };
            p.spawn(theme::bold(
                &fonts,
                format!(
                    "{at} · {} {} · {} {}",
                    l(Label::Step),
                    session.steps.len() + 1,
                    l(Label::Turn),
                    session.state.turn
                ),
                size::SMALL,
                theme::TEXT,
            ));
            let m = session.state.meters;
            p.spawn(small(
                format!(
                    "{} {} · {} {} · {} {}",
                    l(Label::Trust),
                    m[0],
                    l(Label::Patience),
                    m[1],
                    l(Label::Interest),
                    m[2]
                ),
                theme::TEXT,
            ));
            let flags: Vec<&str> = s
                .flags
                .iter()
                .enumerate()
                .filter(|(i, _)| session.state.flags & (1 << i) != 0)
                .map(|(_, f)| f.as_str())
                .collect();
            p.spawn(small(
                format!(
                    "{}: {}",
                    l(Label::Flags),
                    if flags.is_empty() {
                        l(Label::NoFlags).to_string()
                    } else {
                        flags.join(", ")
                    }
                ),
                theme::TEXT,
            ));
            p.spawn(theme::bold(
                &fonts,
                l(Label::RulesWatched),
                size::CAPTION,
                theme::MUTED,
            ));
            for (w, &r) in session.state.watches.iter().zip(&session.world.active) {
                let rule = &lib.book.rules[r];
                let (what, colour) = match (w.chances_left(), w.is_broken(), w.status()) {
                    (Some(n), _, _) => (format!("{} {n}", l(Label::WaitingTurns)), theme::WARN),
                    (_, true, _) => (l(Label::BrokenSoFar).to_string(), theme::BAD),
                    (_, _, rapport_core::monitor::Status::Held) => {
                        (l(Label::HeldSoFar).to_string(), theme::GOOD)
                    }
                    _ => (l(Label::NotYetTested).to_string(), theme::MUTED),
                };
                p.spawn(small(format!("{}: {what}", rule.id), colour));
            }
            p.spawn(theme::bold(
                &fonts,
                l(Label::JumpHelp),
                size::CAPTION,
                theme::MUTED,
            ));
            let target = s.beats.get(author.target).map_or("?", |b| b.id.as_str());
            p.spawn(Node {
                column_gap: px(4),
                align_items: AlignItems::Center,
                ..default()
            })
            .with_children(|row| {
                row.spawn(theme::button(Action::AuthorTarget(-1)))
                    .with_child(small("◀".into(), theme::TEXT));
                row.spawn(small(target.to_string(), theme::TEXT));
                row.spawn(theme::button(Action::AuthorTarget(1)))
                    .with_child(small("▶".into(), theme::TEXT));
                row.spawn(theme::button(Action::AuthorJump))
                    .with_child(small(l(Label::Go).into(), theme::TEXT));
            });
            let meters = [Label::Trust, Label::Patience, Label::Interest].map(l);
            for (i, name) in meters.iter().enumerate() {
                p.spawn(Node {
                    column_gap: px(4),
                    align_items: AlignItems::Center,
                    ..default()
                })
                .with_children(|row| {
                    row.spawn(theme::button(Action::AuthorMeter(i as u8, -10)))
                        .with_child(small("−".into(), theme::TEXT));
                    row.spawn(small(format!("{name} {}", author.meters[i]), theme::TEXT));
                    row.spawn(theme::button(Action::AuthorMeter(i as u8, 10)))
                        .with_child(small("+".into(), theme::TEXT));
                });
            }
        });
}
