//! The review's frame: its heading, the filters, the message and the help
//! around the table, the chart and the heat map.

use super::{Since, Source, View, chart, heat, skills, table};
use crate::model::{Action, Settings};
use crate::screens::{Focusable, Root, Screen, clear, root};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;
use rapport_core::i18n::{self, Label};
use rapport_core::text::Lang;

/// Which text of the review's frame a text shows.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Head,
    Filter(usize),
    Message,
    Status,
    ChartLabel,
    HeatLabel,
    Keys,
}

/// The table, the chart and the heat map, shown when there are sessions.
#[derive(Component)]
pub(super) struct Body;

/// What the buttons before the table do, in their focus order.
pub(super) const BUTTONS: [Action; 7] = [
    Action::SwitchSource,
    Action::CycleTrainee,
    Action::CycleScenario,
    Action::CycleSince,
    Action::ExportCsv,
    Action::ToggleSkillMap,
    Action::Back,
];

pub(super) fn build(mut commands: Commands, fonts: Res<Fonts>, roots: Query<Entity, With<Root>>) {
    clear(&mut commands, &roots);
    let text = |part: Part, size: f32| (theme::text(&fonts, "", size, theme::TEXT), part);
    let bold = |part: Part, size: f32| (theme::bold(&fonts, "", size, theme::TEXT), part);
    commands.spawn(root(Screen::Review)).with_children(|p| {
        p.spawn(bold(Part::Head, size::HEADLINE));
        p.spawn(Node {
            column_gap: px(10),
            flex_wrap: FlexWrap::Wrap,
            ..default()
        })
        .with_children(|row| {
            for (i, action) in BUTTONS.into_iter().enumerate() {
                row.spawn((theme::button(action), Focusable(i)))
                    .with_child(text(Part::Filter(i), size::LABEL));
            }
        });
        p.spawn(text(Part::Message, size::SMALL));
        p.spawn(text(Part::Status, size::BODY));
        p.spawn((
            Body,
            Node {
                column_gap: px(24),
                flex_grow: 1.0,
                min_height: px(0),
                ..default()
            },
        ))
        .with_children(|body| {
            table::spawn(body, &fonts);
            body.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(8),
                    flex_grow: 1.0,
                    min_height: px(0),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
                ScrollArea,
            ))
            .with_children(|right| {
                right.spawn(bold(Part::ChartLabel, size::LABEL));
                chart::spawn(right);
                right.spawn(bold(Part::HeatLabel, size::LABEL));
                heat::spawn(right);
            });
        });
        skills::spawn(p);
        p.spawn(text(Part::Keys, size::SMALL));
    });
}

/// Writes the heading, the filters, the message and the help into the
/// texts built for them, and shows the body only when there is something
/// to show.
pub(super) fn fill(
    settings: Res<Settings>,
    lib: Res<crate::model::Library>,
    view: Res<View>,
    mut texts: Query<(&Part, &mut Text, &mut TextColor, &mut Node)>,
    mut bodies: Query<&mut Node, (With<Body>, Without<Part>)>,
) {
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x);
    let shown = view.shown().len();
    for (part, text, color, node) in &mut texts {
        let (s, c) = match *part {
            Part::Head => {
                let mut head = format!("{} — {shown} {}", l(Label::Review), l(Label::Sessions));
                if !view.skipped.is_empty() {
                    head.push_str(&format!(
                        "  ·  {} {}",
                        view.skipped.len(),
                        l(Label::SkippedFiles)
                    ));
                }
                (head, theme::TEXT)
            }
            Part::Filter(i) => (filter_label(&view, &lib, lang, i), theme::TEXT),
            Part::Message => match &view.message {
                Some((m, true)) => (m.clone(), theme::GOOD),
                Some((m, false)) => (m.clone(), theme::WARN),
                None => (String::new(), theme::TEXT),
            },
            Part::Status if view.loading => (l(Label::Reading).to_string(), theme::MUTED),
            Part::Status if shown == 0 => (l(Label::NoRecords).to_string(), theme::MUTED),
            Part::Status => match &view.fetched {
                // The team's review says what it cost the LRS, so that the
                // second one is seen to fetch only what is new.
                Some(f) => {
                    let mut s = format!("{} {} {}", f.requests, l(Label::RequestsNew), f.new);
                    for n in &f.notes {
                        s += &format!("  ·  {n}");
                    }
                    (s, theme::MUTED)
                }
                None => (String::new(), theme::MUTED),
            },
            Part::ChartLabel => (l(Label::ScoresOverTime).to_string(), theme::MUTED),
            Part::HeatLabel => (l(Label::BreakRate).to_string(), theme::MUTED),
            Part::Keys if view.skill_map => (l(Label::KeysSkills).to_string(), theme::MUTED),
            Part::Keys => (l(Label::KeysReview).to_string(), theme::MUTED),
        };
        theme::set_text(text, color, node, &s, c);
    }
    let display = if view.loading || shown == 0 || view.skill_map {
        Display::None
    } else {
        Display::Flex
    };
    for mut node in &mut bodies {
        if node.display != display {
            node.display = display;
        }
    }
}

/// The label of the `i`-th button before the table.
fn filter_label(view: &View, lib: &crate::model::Library, lang: Lang, i: usize) -> String {
    let l = |x| i18n::label(lang, x);
    match BUTTONS[i] {
        Action::SwitchSource => {
            let from = match (view.source, &lib.team) {
                (Source::Team, Some(t)) => format!("{} ({})", l(Label::Team), t.shown()),
                _ => l(Label::ThisMachine).to_string(),
            };
            format!("{}: {from}", l(Label::Source))
        }
        Action::ToggleSkillMap if view.skill_map => l(Label::SessionList).to_string(),
        Action::ToggleSkillMap => l(Label::SkillMap).to_string(),
        Action::CycleTrainee => format!(
            "{}: {}",
            l(Label::Trainee),
            view.trainee.as_deref().unwrap_or(l(Label::AllTrainees))
        ),
        Action::CycleScenario => format!(
            "{}: {}",
            l(Label::Scenarios),
            view.scenario.as_deref().unwrap_or(l(Label::AllScenarios))
        ),
        Action::CycleSince => format!(
            "{}: {}",
            l(Label::Since),
            l(match view.since {
                Since::All => Label::AllTime,
                Since::Week => Label::LastWeek,
                Since::Month => Label::LastMonth,
            })
        ),
        Action::ExportCsv => l(Label::ExportCsv).to_string(),
        _ => l(Label::Back).to_string(),
    }
}
