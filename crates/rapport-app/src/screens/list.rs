//! The scenario list: every scenario, or the error that keeps it out.

use super::{Focusable, Root, Screen, clear, digit, root};
use crate::model::{Action, Library, Play, Settings};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;
use rapport_core::i18n::{self, Label};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::List), build).add_systems(
        Update,
        (keys.in_set(super::Keys), act)
            .chain()
            .run_if(in_state(Screen::List)),
    );
}

fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    settings: Res<Settings>,
    roots: Query<Entity, With<Root>>,
) {
    clear(&mut commands, &roots);
    let lang = settings.lang;
    let best = best_scores(&lib, &settings);
    commands.spawn(root(Screen::List)).with_children(|p| {
        p.spawn(theme::bold(
            &fonts,
            i18n::label(lang, Label::Scenarios),
            size::TITLE,
            theme::TEXT,
        ));
        // Many scenarios, or long errors, scroll with the wheel; the keyboard
        // scrolls the focused entry into view.
        p.spawn((
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(10),
                flex_grow: 1.0,
                min_height: px(0),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollArea,
        ))
        .with_children(|list| {
            for (i, e) in lib.entries.iter().enumerate() {
                list.spawn((theme::button(Action::Open(i)), Focusable(i)))
                    .with_children(|b| {
                        let col = Node {
                            flex_direction: FlexDirection::Column,
                            row_gap: px(4),
                            ..default()
                        };
                        b.spawn(col).with_children(|c| match &e.scenario {
                            Ok(s) => {
                                let mut head = format!(
                                    "{}. {}  ·  {}",
                                    i + 1,
                                    s.title.get(lang),
                                    i18n::difficulty(lang, s.difficulty)
                                );
                                if let Some(b) = best.get(&s.id) {
                                    head.push_str(&format!(
                                        "  ·  {} {b:.0}",
                                        i18n::label(lang, Label::BestEarlier)
                                    ));
                                }
                                c.spawn(theme::bold(&fonts, head, size::HEADING, theme::TEXT));
                                c.spawn(theme::text(
                                    &fonts,
                                    s.summary.get(lang),
                                    size::LABEL,
                                    theme::MUTED,
                                ));
                            }
                            Err(err) => {
                                c.spawn(theme::bold(
                                    &fonts,
                                    format!(
                                        "{}. {} — {}",
                                        i + 1,
                                        e.path,
                                        i18n::label(lang, Label::Broken)
                                    ),
                                    size::HEADING,
                                    theme::BAD,
                                ));
                                c.spawn(theme::text(&fonts, err.clone(), size::SMALL, theme::WARN));
                            }
                        });
                    });
            }
        });
        p.spawn((theme::button(Action::Back), Focusable(lib.entries.len())))
            .with_child(theme::text(
                &fonts,
                i18n::label(lang, Label::Back),
                size::BODY,
                theme::TEXT,
            ));
        p.spawn(theme::text(
            &fonts,
            i18n::label(lang, Label::KeysList),
            size::LABEL,
            theme::MUTED,
        ));
    });
}

/// The trainee's best score so far in each scenario, recomputed from their
/// records (the stored scores are not trusted).
fn best_scores(lib: &Library, settings: &Settings) -> std::collections::BTreeMap<String, f64> {
    let Some(data) = &lib.data else {
        return Default::default();
    };
    let filter = rapport_records::review::Filter {
        trainee: Some(settings.trainee_or_default()),
        ..Default::default()
    };
    rapport_records::review::best_by_scenario(&lib.judge().review(data, &filter).sessions)
}

fn keys(keys: Res<ButtonInput<KeyCode>>, lib: Res<Library>, mut out: MessageWriter<Action>) {
    let n = lib.entries.len();
    for &k in keys.get_just_pressed() {
        match k {
            KeyCode::Escape => {
                out.write(Action::Back);
            }
            k => {
                if let Some(d) = digit(k).filter(|d| *d <= n) {
                    out.write(Action::Open(d - 1));
                }
            }
        }
    }
}

fn act(
    mut actions: MessageReader<Action>,
    lib: Res<Library>,
    mut play: ResMut<Play>,
    time: Res<Time>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        match *a {
            Action::Open(i) if lib.entries.get(i).is_some_and(|e| e.scenario.is_ok()) => {
                *play = Play::new(i, fresh_seed(&time));
                next.set(Screen::Briefing);
            }
            Action::Back => next.set(Screen::Title),
            _ => {}
        }
    }
}

/// A new seed for each meeting; the running time tells apart two meetings
/// opened within one tick of a coarse clock.
pub(crate) fn fresh_seed(time: &Time) -> u64 {
    rapport_core::session::fresh_seed() ^ time.elapsed().as_nanos() as u64
}
