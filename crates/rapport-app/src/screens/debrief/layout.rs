//! The debrief's layout: built once when the screen opens, then written
//! into in place (a new language, a record kept after all), so the columns
//! keep their scroll and the keyboard its button.

use super::{DebriefShown, Said};
use crate::model::{Action, Play, Saved, Settings};
use crate::screens::{Focusable, Root, Screen, clear, root};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;
use rapport_core::debrief::NoteKind;
use rapport_core::i18n::{self, Label};
use rapport_core::monitor::Status;

/// Which line of the debrief a text shows.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Head,
    EndingTitle,
    EndingText,
    Score,
    Category(usize),
    TimelineLabel,
    Step(usize),
    ConversationLabel,
    Said(usize),
    OwnWordsLabel,
    OwnWords(usize),
    RulesLabel,
    Rule(usize),
    Note(usize, usize),
    NotTested,
    SaveStatus,
    SaveDetail,
    SaveAgain,
    PlayAgain,
    OtherScenario,
    BackToReview,
    Keys,
}

/// The button that saves again, with the focus number it takes while a
/// record waits to be kept; otherwise it is hidden and out of the keyboard's way.
#[derive(Component)]
pub(super) struct SaveAgainButton(usize);

/// Lays out the columns and a text for every line of the view; `fill`
/// writes the words.
pub(super) fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    shown: Res<DebriefShown>,
    play: Res<Play>,
    roots: Query<Entity, With<Root>>,
) {
    clear(&mut commands, &roots);
    let Some(view) = &shown.view else {
        return;
    };
    let reviewing = play.reviewing.is_some();
    let text = |part: Part, size: f32| (theme::text(&fonts, "", size, theme::TEXT), part);
    let bold = |part: Part, size: f32| (theme::bold(&fonts, "", size, theme::TEXT), part);
    let column = |width: Option<f32>, gap: f32| Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(gap),
        width: width.map_or(Val::Auto, px),
        flex_grow: if width.is_some() { 0.0 } else { 1.0 },
        min_height: px(0),
        overflow: Overflow::scroll_y(),
        ..default()
    };
    commands.spawn(root(Screen::Debrief)).with_children(|p| {
        p.spawn(text(Part::Head, size::BODY));
        p.spawn(bold(Part::EndingTitle, size::LEAD));
        p.spawn(text(Part::EndingText, size::BODY));
        p.spawn(bold(Part::Score, size::HEADLINE));
        p.spawn(Node {
            column_gap: px(28),
            flex_grow: 1.0,
            min_height: px(0),
            ..default()
        })
        .with_children(|row| {
            row.spawn((column(Some(340.0), 8.0), ScrollArea))
                .with_children(|left| {
                    for (i, c) in view.categories.iter().enumerate() {
                        left.spawn(text(Part::Category(i), size::LABEL));
                        let color = if c.passed { theme::GOOD } else { theme::BAD };
                        theme::bar(left, (c.score / 100.0) as f32, 300.0, color);
                    }
                    if reviewing {
                        left.spawn(bold(Part::ConversationLabel, size::LABEL));
                        for j in 0..shown.conversation.len() {
                            left.spawn(text(Part::Said(j), size::SMALL));
                        }
                        return;
                    }
                    left.spawn(bold(Part::TimelineLabel, size::LABEL));
                    for i in 0..view.steps.len() {
                        left.spawn((theme::button(Action::RetryFrom(i)), Focusable(2 + i)))
                            .with_child(text(Part::Step(i), size::SMALL));
                    }
                });
            row.spawn((column(None, 6.0), ScrollArea))
                .with_children(|right| {
                    // Say it first: what they typed against what they chose,
                    // before the rules, since it is the first thing to compare.
                    if !view.said.is_empty() {
                        right.spawn(bold(Part::OwnWordsLabel, size::LABEL));
                        for i in 0..view.said.len() {
                            right.spawn(text(Part::OwnWords(i), size::SMALL));
                        }
                    }
                    right.spawn(bold(Part::RulesLabel, size::LABEL));
                    for (i, rule) in view.rules.iter().enumerate() {
                        right.spawn(bold(Part::Rule(i), size::LABEL));
                        for j in 0..rule.notes.len() {
                            right.spawn(text(Part::Note(i, j), size::SMALL));
                        }
                    }
                    right.spawn(text(Part::NotTested, size::SMALL));
                });
        });
        p.spawn(text(Part::SaveStatus, size::SMALL));
        p.spawn(text(Part::SaveDetail, size::CAPTION));
        p.spawn((
            theme::button(Action::SaveAgain),
            SaveAgainButton(2 + view.steps.len()),
        ))
        .with_child(text(Part::SaveAgain, size::LABEL));
        p.spawn(Node {
            column_gap: px(12),
            ..default()
        })
        .with_children(|row| {
            if reviewing {
                row.spawn((theme::button(Action::Back), Focusable(0)))
                    .with_child(bold(Part::BackToReview, size::BODY));
                return;
            }
            row.spawn((theme::button(Action::PlayAgain), Focusable(0)))
                .with_child(bold(Part::PlayAgain, size::BODY));
            row.spawn((theme::button(Action::Back), Focusable(1)))
                .with_child(text(Part::OtherScenario, size::BODY));
        });
        p.spawn(text(Part::Keys, size::SMALL));
    });
}

/// Writes the view's words into the texts built for them, and shows the
/// button that saves again only while there is a record to save.
pub(super) fn fill(
    mut commands: Commands,
    shown: Res<DebriefShown>,
    saved: Res<Saved>,
    play: Res<Play>,
    settings: Res<Settings>,
    mut texts: Query<(&Part, &mut Text, &mut TextColor, &mut Node)>,
    mut again: Query<(Entity, &SaveAgainButton, &mut Node, Has<Focusable>), Without<Part>>,
) {
    let Some(view) = &shown.view else {
        return;
    };
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x).to_string();
    let reviewing = play.reviewing.as_ref();
    let muted = |s: String| (s, theme::MUTED);
    let plain = |s: String| (s, theme::TEXT);
    for (part, text, color, node) in &mut texts {
        let (s, c) = match *part {
            Part::Head => muted(match reviewing {
                Some(r) => format!(
                    "{} — {}, {} ({})",
                    i18n::label(lang, Label::Debrief),
                    r.trainee,
                    r.started.strftime("%Y-%m-%d %H:%M UTC"),
                    i18n::difficulty(lang, r.level)
                ),
                None => i18n::label(lang, Label::Debrief).to_string(),
            }),
            Part::EndingTitle => plain(view.ending.title.clone()),
            Part::OwnWordsLabel => muted(l(Label::InYourWords)),
            Part::OwnWords(i) => {
                let Some(line) = view.said.get(i) else {
                    continue;
                };
                let mut lines = vec![
                    format!("{}. {}", line.step + 1, line.said),
                    line.chose.clone(),
                ];
                lines.extend(line.words.iter().cloned());
                lines.extend(line.better.iter().cloned());
                let colour = match line.agree {
                    Some(true) => theme::TEXT,
                    _ => theme::WARN,
                };
                (lines.join("\n"), colour)
            }
            // The client drawn this time goes with the ending: the same
            // scenario replayed can be another client, and the trainee
            // should know which one this outcome was against.
            Part::EndingText => muted(match &view.temperament {
                Some(t) => format!("{}\n{t}", view.ending.text),
                None => view.ending.text.clone(),
            }),
            Part::Score => (
                view.score.text.clone(),
                if view.score.passed {
                    theme::GOOD
                } else {
                    theme::BAD
                },
            ),
            Part::Category(i) => plain(
                view.categories
                    .get(i)
                    .map(|c| format!("{} {:.0}", c.name, c.score))
                    .unwrap_or_default(),
            ),
            Part::TimelineLabel => muted(l(Label::Timeline)),
            Part::Step(i) => plain(
                view.steps
                    .get(i)
                    .map(|beat| format!("{}. {beat} — {}", i + 1, l(Label::RetryFrom)))
                    .unwrap_or_default(),
            ),
            Part::ConversationLabel => muted(l(Label::Conversation)),
            Part::Said(j) => match shown.conversation.get(j) {
                Some((s, said)) => (s.clone(), said_color(*said)),
                None => plain(String::new()),
            },
            Part::RulesLabel => muted(l(Label::Rules)),
            Part::Rule(i) => match view.rules.get(i) {
                Some(r) if r.status == Status::Broken => (r.heading.clone(), theme::BAD),
                Some(r) => (r.heading.clone(), theme::GOOD),
                None => plain(String::new()),
            },
            Part::Note(i, j) => match view.rules.get(i).and_then(|r| r.notes.get(j)) {
                Some(n) => (n.text.clone(), note_color(n.kind)),
                None => plain(String::new()),
            },
            Part::NotTested if view.not_tested_count == 0 => muted(String::new()),
            Part::NotTested => muted(view.not_tested.clone()),
            Part::SaveStatus => match (&*saved, reviewing) {
                (Saved::At(_), None) => muted(l(Label::SavedRecord)),
                (Saved::Failed { trouble, .. }, None) => (
                    format!("{}: {}.", l(Label::NotSaved), trouble.label(lang)),
                    theme::WARN,
                ),
                _ => muted(String::new()),
            },
            Part::SaveDetail => match (&*saved, reviewing) {
                (Saved::Failed { detail, .. }, None) => muted(detail.clone()),
                _ => muted(String::new()),
            },
            Part::SaveAgain => plain(l(Label::SaveAgain)),
            Part::PlayAgain => plain(l(Label::PlayAgain)),
            Part::OtherScenario => plain(l(Label::OtherScenario)),
            Part::BackToReview => plain(l(Label::BackToReview)),
            Part::Keys if reviewing.is_some() => muted(String::new()),
            Part::Keys => muted(l(Label::KeysDebrief)),
        };
        theme::set_text(text, color, node, &s, c);
    }
    let waiting = reviewing.is_none()
        && matches!(
            &*saved,
            Saved::Failed {
                record: Some(_),
                ..
            }
        );
    for (e, button, mut node, focusable) in &mut again {
        let display = if waiting {
            Display::Flex
        } else {
            Display::None
        };
        if node.display != display {
            node.display = display;
        }
        if waiting && !focusable {
            commands.entity(e).insert(Focusable(button.0));
        } else if !waiting && focusable {
            commands.entity(e).remove::<Focusable>();
        }
    }
}

/// Why a rule broke reads as text; the better choice stands out; the
/// cost of a side taken, and a moment missed earlier, are asides.
fn note_color(kind: NoteKind) -> Color {
    match kind {
        NoteKind::Why => theme::TEXT,
        NoteKind::Better => theme::ACCENT,
        NoteKind::Cost | NoteKind::NoBetter => theme::MUTED,
    }
}

fn said_color(said: Said) -> Color {
    match said {
        Said::Narration => theme::MUTED,
        Said::Client => theme::TEXT,
        Said::Trainee => theme::ACCENT,
    }
}
