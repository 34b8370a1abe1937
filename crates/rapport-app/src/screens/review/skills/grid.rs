//! The skill map drawn: the grid of held rates, its column heads that
//! order the rows, and a line per trainee with what to practise next.

use super::{By, Grid, SkillRow};
use crate::model::{Action, Library};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use rapport_core::i18n::{self, Label};
use rapport_core::text::Lang;
use rapport_records::review::{Skill, SkillMap, Skills};

/// The names the map is written with, in one language.
pub(super) struct Words<'a> {
    pub lib: &'a Library,
    pub lang: Lang,
}

impl Words<'_> {
    pub fn l(&self, l: Label) -> &'static str {
        i18n::label(self.lang, l)
    }

    fn name(&self, by: By, id: &str) -> String {
        match by {
            By::Rules => self.lib.book.rule(id).map(|r| r.title.get(self.lang)),
            By::Lessons => (rapport_core::rulebook::Lessons::shipped().get(id))
                .map(|l| l.lesson.get(self.lang)),
        }
        .unwrap_or(id)
        .to_string()
    }

    fn who(&self, m: &SkillMap) -> String {
        m.trainee
            .clone()
            .unwrap_or_else(|| self.l(Label::Team).into())
    }

    fn scenario(&self, id: &str) -> String {
        let entry = self.lib.by_id(id).map(|e| &self.lib.entries[e].scenario);
        match entry {
            Some(Ok(s)) => s.title.get(self.lang).to_string(),
            _ => id.to_string(),
        }
    }

    /// "Anna: weakest … · practise next: …, hard (not played yet)".
    fn summary(&self, m: &SkillMap) -> String {
        let weak: Vec<String> = (m.weakest_rules.iter())
            .map(|id| self.name(By::Rules, id))
            .collect();
        let mut line = format!("{} — {}: ", self.who(m), self.l(Label::Weakest));
        line += &if weak.is_empty() {
            "—".to_string()
        } else {
            weak.join("; ")
        };
        if let Some(next) = &m.next {
            let level = (next
                .difficulty
                .parse::<rapport_core::scenario::Difficulty>()
                .ok())
            .map_or(next.difficulty, |d| i18n::difficulty(self.lang, d));
            line += &format!(
                "  ·  {}: {}, {level} ({})",
                self.l(Label::PractiseNext),
                self.scenario(&next.scenario),
                self.l(next.because.label())
            );
        }
        line
    }
}

const NAME: f32 = 300.0;
const CELL: f32 = 74.0;
/// Columns beyond this are left out (the trainees with fewest sessions)
/// and counted, so that the grid stays inside the window.
const MOST: usize = 11;

/// The grid, then a line per map with its weakest and what to practise.
pub(super) fn map(
    p: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    skills: &Skills,
    grid: Grid,
    w: &Words,
) {
    let mut maps: Vec<&SkillMap> = skills.team.iter().chain(&skills.trainees).collect();
    if maps.is_empty() {
        p.spawn(theme::text(
            fonts,
            w.l(Label::NoRecords),
            size::BODY,
            theme::MUTED,
        ));
        return;
    }
    let sort_name = match grid.sort {
        0 => w.l(Label::RulebookOrder).to_string(),
        i => maps.get(i - 1).map_or(String::new(), |m| w.who(m)),
    };
    let by_word = w.l(match grid.by {
        By::Rules => Label::Rules,
        By::Lessons => Label::Lessons,
    });
    p.spawn(theme::bold(
        fonts,
        format!(
            "{} — {by_word}  ·  {}: {}  ·  {}: {sort_name}",
            w.l(Label::SkillMap),
            w.l(Label::SessionsCounted),
            skills.last,
            w.l(Label::SortedBy),
        ),
        size::LABEL,
        theme::MUTED,
    ));
    let sorted_map = grid.sort.checked_sub(1).and_then(|i| maps.get(i).copied());
    let hidden = maps.len().saturating_sub(MOST);
    if hidden > 0 {
        // The team stays; of the trainees, those with most sessions.
        let mut trainees: Vec<(usize, &SkillMap)> = maps.drain(1..).enumerate().collect();
        trainees.sort_by_key(|(i, m)| (std::cmp::Reverse(m.sessions), *i));
        trainees.truncate(MOST - 1);
        trainees.sort_by_key(|(i, _)| *i);
        maps.extend(trainees.into_iter().map(|(_, m)| m));
        p.spawn(theme::text(
            fonts,
            format!(
                "{} {} / {}",
                w.l(Label::ShowingMost),
                MOST - 1,
                skills.trainees.len()
            ),
            size::CAPTION,
            theme::MUTED,
        ));
    }
    let of = |m: &SkillMap| -> Vec<Skill> {
        match grid.by {
            By::Rules => m.rules.clone(),
            By::Lessons => m.lessons.clone(),
        }
    };
    // The rows: every rule (or lesson) that applied to anyone, in the
    // team's order, which is the rulebook's (or the lesson index's).
    let team = skills.team.as_ref().map(of).unwrap_or_default();
    let mut rows: Vec<&str> = team.iter().map(|s| s.id.as_str()).collect();
    if let Some(m) = sorted_map {
        let skills = of(m);
        let rate = |id: &str| skills.iter().find(|s| s.id == id).and_then(|s| s.rate);
        // Weakest first; what never applied to this column goes last.
        rows.sort_by(|a, b| match (rate(a), rate(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    let all_maps: Vec<&SkillMap> = skills.team.iter().chain(&skills.trainees).collect();
    p.spawn(theme::stack(2.0)).with_children(|g| {
        g.spawn(Node::default()).with_children(|row| {
            let head = w.l(match grid.by {
                By::Rules => Label::Rule,
                By::Lessons => Label::Lesson,
            });
            header(row, fonts, head.to_string(), NAME, 0, grid.sort == 0);
            for m in &maps {
                let column = 1 + all_maps
                    .iter()
                    .position(|x| std::ptr::eq(*x, *m))
                    .unwrap_or(0);
                header(row, fonts, w.who(m), CELL, column, grid.sort == column);
            }
        });
        let cells: Vec<Vec<Skill>> = maps.iter().map(|m| of(m)).collect();
        for id in rows {
            g.spawn((
                SkillRow(id.to_string()),
                Node {
                    column_gap: px(2),
                    ..default()
                },
            ))
            .with_children(|row| {
                row.spawn(Node {
                    width: px(NAME - 2.0),
                    overflow: Overflow::clip(),
                    ..default()
                })
                .with_child(theme::text(
                    fonts,
                    w.name(grid.by, id),
                    size::CAPTION,
                    theme::TEXT,
                ));
                for skills in &cells {
                    cell(row, fonts, skills.iter().find(|s| s.id == id));
                }
            });
        }
    });
    for m in &all_maps {
        p.spawn(theme::text(fonts, w.summary(m), size::SMALL, theme::TEXT));
    }
}

/// A column's head: a button that orders the rows by it.
fn header(
    row: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    text: String,
    width: f32,
    column: usize,
    sorted: bool,
) {
    let (text, colour) = if sorted {
        (format!("• {text}"), theme::TEXT)
    } else {
        (text, theme::MUTED)
    };
    // The button's own node, made narrow enough for a column.
    row.spawn(theme::button(Action::SortSkills(column)))
        .insert(Node {
            width: px(width - 2.0),
            margin: UiRect::right(px(2)),
            padding: UiRect::axes(px(4), px(3)),
            overflow: Overflow::clip(),
            ..default()
        })
        .with_child(theme::bold(fonts, text, size::CAPTION, colour));
}

/// "3/4 ↑": held of applied, greener the more often held, with the trend
/// when the later sessions differ from the earlier.
fn cell(row: &mut ChildSpawnerCommands, fonts: &Fonts, skill: Option<&Skill>) {
    let (text, background) = match skill {
        Some(s) => {
            let rate = s.rate.unwrap_or(0.0) as f32;
            let arrow = match s.trend {
                Some(t) if t >= 0.1 => " ↑",
                Some(t) if t <= -0.1 => " ↓",
                _ => "",
            };
            (
                format!("{}/{}{arrow}", s.held, s.applied),
                theme::BAD.mix(&theme::GOOD, rate).mix(&theme::PANEL, 0.45),
            )
        }
        None => ("—".to_string(), theme::PANEL),
    };
    row.spawn((
        Node {
            width: px(CELL - 2.0),
            height: px(20),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(background),
    ))
    .with_child(theme::text(fonts, text, size::CAPTION, theme::TEXT));
}
