//! The heat map: rules down, trainees across, the redder the more often
//! broken. Redrawn whole inside its own node when the sessions shown or the
//! language change.

use super::View;
use crate::model::{Library, Settings};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use rapport_core::i18n::{self, Label};
use rapport_core::text::Lang;
use rapport_records::review;
use std::path::PathBuf;

/// The node the heat map is drawn in.
#[derive(Component)]
pub(super) struct Heat;

/// The empty heat map, to be drawn.
pub(super) fn spawn(parent: &mut ChildSpawnerCommands) {
    parent.spawn((Heat, theme::stack(8.0)));
}

/// Draws the heat map of the sessions the filters keep, unless it shows
/// them already in this language.
pub(super) fn draw(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    settings: Res<Settings>,
    view: Res<View>,
    heats: Query<Entity, With<Heat>>,
    mut drawn: Local<Option<(Entity, Lang, Vec<PathBuf>)>>,
) {
    let shown: Vec<review::Attempt> = view.shown().into_iter().cloned().collect();
    let heat = review::heat(&shown);
    for e in &heats {
        let paths = shown.iter().map(|s| s.path.clone()).collect();
        let now = Some((e, settings.lang, paths));
        if *drawn == now {
            continue;
        }
        *drawn = now;
        let mut node = commands.entity(e);
        node.despawn_children();
        if !shown.is_empty() {
            node.with_children(|h| heat_map(h, &fonts, &heat, &lib, settings.lang));
        }
    }
}

/// Rules down, trainees across; the redder, the more often broken.
fn heat_map(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    heat: &review::Heat,
    lib: &Library,
    lang: Lang,
) {
    const NAME: f32 = 190.0;
    const WIDTH: f32 = 660.0;
    // Columns share the width; beyond what fits at a readable size, the
    // trainees with most sessions are shown and the rest counted.
    const MIN_CELL: f32 = 32.0;
    let fits = ((WIDTH - NAME) / MIN_CELL) as usize;
    let mut columns: Vec<usize> = (0..heat.trainees.len()).collect();
    if columns.len() > fits {
        columns.sort_by_key(|&i| std::cmp::Reverse(heat.attempts[i]));
        columns.truncate(fits);
        columns.sort();
        parent.spawn(theme::text(
            fonts,
            format!(
                "{} {} / {}",
                i18n::label(lang, Label::ShowingMost),
                fits,
                heat.trainees.len()
            ),
            size::CAPTION,
            theme::MUTED,
        ));
    }
    let cell = ((WIDTH - NAME) / columns.len().max(1) as f32).clamp(MIN_CELL, 48.0);
    let title = |id: &str| {
        lib.book
            .rules
            .iter()
            .find(|r| r.id == id)
            .map_or(id.to_string(), |r| r.title.get(lang).to_string())
    };
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(2),
            flex_shrink: 0.0,
            ..default()
        })
        .with_children(|grid| {
            grid.spawn(Node::default()).with_children(|row| {
                row.spawn(Node {
                    width: px(NAME),
                    ..default()
                });
                for &i in &columns {
                    let t = &heat.trainees[i];
                    row.spawn(Node {
                        width: px(cell),
                        overflow: Overflow::clip(),
                        ..default()
                    })
                    .with_child(theme::text(
                        fonts,
                        t.clone(),
                        size::CAPTION,
                        theme::MUTED,
                    ));
                }
            });
            for (r, rule) in heat.rules.iter().enumerate() {
                grid.spawn(Node {
                    column_gap: px(2),
                    ..default()
                })
                .with_children(|row| {
                    row.spawn(Node {
                        width: px(NAME - 2.0),
                        overflow: Overflow::clip(),
                        ..default()
                    })
                    .with_child(theme::text(
                        fonts,
                        title(rule),
                        size::CAPTION,
                        theme::TEXT,
                    ));
                    for &i in &columns {
                        let rate = heat.rate[r][i] as f32;
                        row.spawn((
                            Node {
                                width: px(cell - 2.0),
                                height: px(20),
                                justify_content: JustifyContent::Center,
                                align_items: AlignItems::Center,
                                ..default()
                            },
                            BackgroundColor(theme::PANEL.mix(&theme::BAD, rate)),
                        ))
                        .with_child(theme::text(
                            fonts,
                            format!("{:.0}%", rate * 100.0),
                            size::CAPTION,
                            theme::TEXT,
                        ));
                    }
                });
            }
        });
}
