//! The table of sessions, newest first, each row a button that opens its
//! debrief. Rows are kept and written into when the filters change, so the
//! table keeps its scroll and the keyboard its row.

use super::View;
use crate::model::Action;
use crate::screens::Focusable;
use crate::theme::{self, ActionButton, Fonts, size};
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;
use rapport_core::i18n::{self, Label};
use rapport_records::review::{self, Standing};

/// The table shows this many sessions at most, the newest; the chart and
/// the heat map use all that the filters keep.
const ROWS: usize = 150;
/// The buttons before the table's: the review's filters, export and back.
const BEFORE: usize = super::frame::BUTTONS.len();

/// Columns: when, who, which scenario, score, passed, the record's standing.
const WIDTHS: [f32; 6] = [128.0, 84.0, 140.0, 34.0, 18.0, 90.0];
const BOLD: [bool; 6] = [false, false, false, true, true, false];
const SIZES: [f32; 6] = [
    size::SMALL,
    size::SMALL,
    size::SMALL,
    size::SMALL,
    size::SMALL,
    size::CAPTION,
];

/// The table's scrolling column.
#[derive(Component)]
pub(super) struct Table;

/// "Showing the newest N", above the rows when there are more.
#[derive(Component)]
pub(super) struct Note;

/// The row at this place in the table (0 is the newest shown).
#[derive(Component)]
pub(super) struct Row(usize);

/// The text of row `.0`, column `.1`.
#[derive(Component)]
pub(super) struct Cell(usize, usize);

/// One session as a row: which of the shown it opens, and its cells.
struct Line {
    open: usize,
    cells: [(String, Color); 6],
}

/// The empty table, to be filled.
pub(super) fn spawn(parent: &mut ChildSpawnerCommands, fonts: &Fonts) {
    parent
        .spawn((
            Table,
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(4),
                width: px(530),
                min_height: px(0),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollArea,
        ))
        .with_child((Note, theme::text(fonts, "", size::SMALL, theme::MUTED)));
}

fn lines(shown: &[&review::Attempt]) -> Vec<Line> {
    let first = shown.len().saturating_sub(ROWS);
    shown
        .iter()
        .enumerate()
        .skip(first)
        .rev()
        .map(|(i, s)| {
            let (record, color) = match &s.standing {
                Standing::Verified => (String::new(), theme::TEXT),
                Standing::Altered { stored } => (format!("altered ({stored:.0})"), theme::BAD),
                Standing::ScenarioChanged { stored } => {
                    (format!("changed ({stored:.0})"), theme::WARN)
                }
                Standing::Unreplayable { .. } => ("cannot replay".into(), theme::WARN),
            };
            let pass = match s.passed {
                Some(true) => ("✓", theme::GOOD),
                Some(false) => ("✗", theme::BAD),
                None => ("", theme::MUTED),
            };
            Line {
                open: i,
                cells: [
                    (
                        s.started.strftime("%Y-%m-%d %H:%M").to_string(),
                        theme::MUTED,
                    ),
                    (s.trainee.clone(), theme::TEXT),
                    (scenario_cell(s), theme::TEXT),
                    (s.score.map_or("—".into(), |v| format!("{v:.0}")), color),
                    (pass.0.to_string(), pass.1),
                    (record, color),
                ],
            }
        })
        .collect()
}

/// The scenario, and for a session played saying it first how often the
/// trainee's own words pointed at the option they then chose ("✎ 3/5").
fn scenario_cell(s: &review::Attempt) -> String {
    let said: Vec<_> = s.typed.iter().filter(|t| t.said.is_some()).collect();
    if said.is_empty() {
        return s.scenario.clone();
    }
    let agree = said
        .iter()
        .filter(|t| t.suggested.is_some() && t.suggested == t.chosen)
        .count();
    format!("{} ✎ {agree}/{}", s.scenario, said.len())
}

/// Writes the sessions the filters keep into the rows there are, adds the
/// rows missing and removes those left over.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub(super) fn fill(
    mut commands: Commands,
    fonts: Res<Fonts>,
    view: Res<View>,
    settings: Res<crate::model::Settings>,
    tables: Query<Entity, With<Table>>,
    mut rows: Query<(Entity, &Row, &mut ActionButton)>,
    mut cells: Query<(&Cell, &mut Text, &mut TextColor)>,
    mut notes: Query<(&mut Text, &mut TextColor, &mut Node), (With<Note>, Without<Cell>)>,
) {
    let shown = view.shown();
    let lines = lines(&shown);
    for (text, color, node) in &mut notes {
        let note = if shown.len() > ROWS {
            format!(
                "{} {ROWS}",
                i18n::label(settings.lang, Label::ShowingNewest)
            )
        } else {
            String::new()
        };
        theme::set_text(text, color, node, &note, theme::MUTED);
    }
    let mut have = 0;
    for (e, row, mut button) in &mut rows {
        match lines.get(row.0) {
            Some(line) => {
                have = have.max(row.0 + 1);
                if button.0 != Action::OpenSession(line.open) {
                    button.0 = Action::OpenSession(line.open);
                }
            }
            None => commands.entity(e).despawn(),
        }
    }
    for (cell, mut text, mut color) in &mut cells {
        if let Some((s, c)) = lines.get(cell.0).map(|l| &l.cells[cell.1]) {
            if text.0 != *s {
                text.0.clone_from(s);
            }
            color.set_if_neq(TextColor(*c));
        }
    }
    let Some(table) = tables.iter().next() else {
        return;
    };
    if have < lines.len() {
        commands.entity(table).with_children(|t| {
            for (k, line) in lines.iter().enumerate().skip(have) {
                spawn_row(t, &fonts, k, line);
            }
        });
    }
}

fn spawn_row(t: &mut ChildSpawnerCommands, fonts: &Fonts, k: usize, line: &Line) {
    t.spawn((
        Row(k),
        theme::button(Action::OpenSession(line.open)),
        Focusable(BEFORE + k),
    ))
    .with_children(|b| {
        for (c, (s, color)) in line.cells.iter().enumerate() {
            let cell = Node {
                width: px(WIDTHS[c]),
                overflow: Overflow::clip(),
                ..default()
            };
            let text = Cell(k, c);
            if BOLD[c] {
                b.spawn(cell)
                    .with_child((text, theme::bold(fonts, s.clone(), SIZES[c], *color)));
            } else {
                b.spawn(cell)
                    .with_child((text, theme::text(fonts, s.clone(), SIZES[c], *color)));
            }
        }
    });
}
