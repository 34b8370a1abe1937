//! The skill map: rules (or lessons) down, the team and each trainee
//! across; each cell says how often the rule held of the times it applied
//! in the trainee's latest sessions, with its trend. Any column orders the
//! rows, weakest first. Below, each one's weakest and what to practise
//! next. Worked out in the background: the first map of a scenario set
//! works out what each scenario can test, which takes a while once.

use super::View;
use crate::model::{Library, Settings};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task};
use bevy::ui_widgets::ScrollArea;
use rapport_core::i18n::Label;
use rapport_core::text::Lang;
use rapport_records::review::{DEFAULT_LAST, Skills};

mod grid;
use grid::{Words, map};

/// What the grid's rows are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum By {
    /// The rulebook's rules.
    #[default]
    Rules,
    /// The lessons the rules cite.
    Lessons,
}

/// What the grid shows, in which order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Grid {
    /// Rules or lessons.
    pub by: By,
    /// The column the rows are ordered by: 0 the rulebook's order, 1 the
    /// team, then each trainee.
    pub sort: usize,
}

/// The skill map being worked out, for the sessions shown at `at`.
#[derive(Resource)]
pub(super) struct Thinking {
    task: Task<Skills>,
    at: u64,
}

/// The skill map's part of the screen, shown instead of the sessions.
#[derive(Component)]
pub(super) struct SkillBody;

/// A row of the skill map's grid, by the rule or lesson it shows.
#[derive(Component)]
pub struct SkillRow(pub String);

/// The node the map is drawn in.
#[derive(Component)]
pub(super) struct Drawn;

/// The empty skill map, hidden until asked for.
pub(super) fn spawn(parent: &mut ChildSpawnerCommands) {
    parent
        .spawn((
            SkillBody,
            Node {
                display: Display::None,
                flex_direction: FlexDirection::Column,
                flex_grow: 1.0,
                min_height: px(0),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollArea,
        ))
        .with_child((Drawn, theme::stack(8.0)));
}

/// How many columns the grid has besides the names: the team and each
/// trainee, as [`Grid::sort`] counts them.
pub(super) fn columns(view: &View) -> usize {
    view.skills
        .as_ref()
        .map_or(0, |(_, s)| s.trainees.len() + usize::from(s.team.is_some()))
}

/// Starts working out the skill map of the sessions shown when it is asked
/// for and not yet known, and takes it when it is ready.
pub(super) fn think(
    mut commands: Commands,
    lib: Res<Library>,
    mut view: ResMut<View>,
    thinking: Option<ResMut<Thinking>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let at = view.shown_at;
    if !view.skill_map || view.loading || view.current_skills().is_some() {
        return;
    }
    redraw.write(bevy::window::RequestRedraw);
    match thinking {
        Some(mut t) if t.at == at => {
            if let Some(skills) = bevy::tasks::futures::check_ready(&mut t.task) {
                view.skills = Some((at, skills));
                commands.remove_resource::<Thinking>();
            }
        }
        // None yet, or one for sessions no longer shown (dropped with its
        // task).
        _ => {
            let shown: Vec<_> = view.shown().into_iter().cloned().collect();
            let lib = lib.clone();
            let task =
                AsyncComputeTaskPool::get().spawn(async move { lib.skills(&shown, DEFAULT_LAST) });
            commands.insert_resource(Thinking { task, at });
        }
    }
}

/// What a drawn map shows: where, in which language, of which sessions,
/// in which order, and whether it was worked out yet.
type Shown = (Entity, Lang, u64, Grid, bool);

/// Shows the skill map or the sessions, and draws the map again when what
/// it shows has changed.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    settings: Res<Settings>,
    view: Res<View>,
    mut bodies: Query<&mut Node, With<SkillBody>>,
    drawn_in: Query<Entity, With<Drawn>>,
    mut drawn: Local<Option<Shown>>,
) {
    let display = if view.skill_map && !view.loading {
        Display::Flex
    } else {
        Display::None
    };
    for mut node in &mut bodies {
        if node.display != display {
            node.display = display;
        }
    }
    // Hidden, it waits: what it would show is worked out only when asked.
    if display == Display::None {
        return;
    }
    let skills = view.current_skills();
    for e in &drawn_in {
        let now = Some((e, settings.lang, view.shown_at, view.grid, skills.is_some()));
        if *drawn == now {
            continue;
        }
        *drawn = now;
        let mut node = commands.entity(e);
        node.despawn_children();
        let words = Words {
            lib: &lib,
            lang: settings.lang,
        };
        node.with_children(|p| match skills {
            Some(s) => map(p, &fonts, s, view.grid, &words),
            None => {
                p.spawn(theme::text(
                    &fonts,
                    words.l(Label::WorkingOut),
                    size::BODY,
                    theme::MUTED,
                ));
            }
        });
    }
}
