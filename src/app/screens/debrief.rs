//! Debrief: the score and pass, a bar per category, every rule held, broken
//! or not applicable with its beat and explanation, the better choice for each
//! mistake, and the conversation as a timeline to retry from.

use super::{Focusable, Root, Screen, clear, root};
use crate::app::model::{Action, Library, Play, Saved, Settings};
use crate::app::theme::{self, Fonts};
use crate::debrief::{Debrief, round1};
use crate::i18n::{self, Label, Ui};
use crate::monitor::Status;
use crate::record::Record;
use crate::rulebook::Category;
use crate::store::StoreError;
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Saved>()
        .add_systems(OnEnter(Screen::Debrief), (save, build).chain())
        .add_systems(
            Update,
            (keys, act, build.run_if(resource_changed::<Saved>))
                .chain()
                .run_if(in_state(Screen::Debrief)),
        );
}

/// What the debrief screen shows, kept for tests and for the window alike.
#[derive(Resource, Default, Debug, Clone)]
pub struct Shown {
    pub overall: f64,
    pub passed: bool,
    pub broken: Vec<String>,
    pub held: Vec<String>,
    pub ending: Option<String>,
}

/// Keeps the finished session as a record, once: `started` is taken, so a
/// debrief shown again does not save twice.
fn save(
    lib: Res<Library>,
    mut play: ResMut<Play>,
    settings: Res<Settings>,
    mut saved: ResMut<Saved>,
    author: Option<Res<crate::app::author::Author>>,
) {
    // An author trying their own file is not training.
    if play.reviewing.is_some() || author.is_some() {
        *saved = Saved::Nothing;
        return;
    }
    let Some(started) = play.started.take() else {
        return;
    };
    let Some(session) = play.session(&lib, play.level(&settings)) else {
        return;
    };
    if !session.is_over() {
        return;
    }
    let record = Record::of(
        &session,
        &settings.trainee_or_default(),
        settings.lang,
        started,
        jiff::Timestamp::now(),
    );
    *saved = save_record(&lib, record);
}

fn save_record(lib: &Library, record: Record) -> Saved {
    match &lib.data {
        None => {
            let e = StoreError::NoDataDir;
            Saved::Failed {
                trouble: e.trouble(),
                detail: e.to_string(),
                record: None,
            }
        }
        Some(data) => match data.save(&record) {
            Ok(path) => Saved::At(path),
            Err(e) => Saved::Failed {
                trouble: e.trouble(),
                detail: e.to_string(),
                record: Some(Box::new(record)),
            },
        },
    }
}

fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    play: Res<Play>,
    settings: Res<Settings>,
    saved: Res<Saved>,
    roots: Query<Entity, With<Root>>,
) {
    clear(&mut commands, &roots);
    let Some(session) = play.session(&lib, play.level(&settings)) else {
        return;
    };
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x);
    let d = Debrief::of(&session);
    let book = &lib.book;
    let s = session.scenario();
    let beat_of = |i: usize| s.beat(session.steps[i].beat).id.clone();
    commands.insert_resource(Shown {
        overall: round1(d.score.overall),
        passed: d.score.passed,
        broken: d
            .verdicts
            .iter()
            .filter(|v| v.status == Status::Broken)
            .map(|v| book.rules[v.rule].id.clone())
            .collect(),
        held: d
            .verdicts
            .iter()
            .filter(|v| v.status == Status::Held)
            .map(|v| book.rules[v.rule].id.clone())
            .collect(),
        ending: session.ending_id().map(str::to_string),
    });
    let reviewing = play.reviewing.as_ref();
    commands.spawn(root(Screen::Debrief)).with_children(|p| {
        let head = match reviewing {
            Some(r) => format!(
                "{} — {}, {} ({})",
                i18n::ui(lang, Ui::Debrief),
                r.trainee,
                r.started.strftime("%Y-%m-%d %H:%M UTC"),
                i18n::difficulty(lang, r.level)
            ),
            None => i18n::ui(lang, Ui::Debrief).to_string(),
        };
        p.spawn(theme::text(&fonts, head, 18.0, theme::MUTED));
        match session.ending() {
            Some(e) => {
                p.spawn(theme::bold(
                    &fonts,
                    format!("{} — {}", e.title.get(lang), i18n::outcome(lang, e.outcome)),
                    26.0,
                    theme::TEXT,
                ));
                p.spawn(theme::text(&fonts, e.text.get(lang), 17.0, theme::MUTED));
            }
            None => {
                p.spawn(theme::bold(
                    &fonts,
                    i18n::ui(lang, Ui::CutOff),
                    26.0,
                    theme::TEXT,
                ));
            }
        }
        let (verdict, color) = if d.score.passed {
            (i18n::ui(lang, Ui::Passed), theme::GOOD)
        } else {
            (i18n::ui(lang, Ui::Failed), theme::BAD)
        };
        let mut headline = format!(
            "{}: {:.0}/100  {verdict}",
            i18n::ui(lang, Ui::Score),
            round1(d.score.overall)
        );
        if d.score.critical_broken {
            headline.push_str(&format!(" ({})", i18n::ui(lang, Ui::CriticalBroken)));
        }
        p.spawn(theme::bold(&fonts, headline, 30.0, color));
        p.spawn(Node {
            column_gap: px(28),
            flex_grow: 1.0,
            min_height: px(0),
            ..default()
        })
        .with_children(|row| {
            row.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(8),
                    width: px(340),
                    min_height: px(0),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
                ScrollArea,
            ))
            .with_children(|left| {
                for c in Category::ALL {
                    if let Some(v) = d.category_score(c) {
                        left.spawn(theme::text(
                            &fonts,
                            format!("{} {:.0}", i18n::category(lang, c), v),
                            15.0,
                            theme::TEXT,
                        ));
                        theme::bar(
                            left,
                            (v / 100.0) as f32,
                            300.0,
                            if v >= book.pass_mark {
                                theme::GOOD
                            } else {
                                theme::BAD
                            },
                        );
                    }
                }
                if reviewing.is_some() {
                    // A manager reads the conversation as it went; retrying
                    // is the trainee's.
                    conversation(left, &fonts, &session, lang);
                    return;
                }
                left.spawn(theme::bold(&fonts, l(Label::Timeline), 16.0, theme::MUTED));
                for (i, step) in session.steps.iter().enumerate() {
                    let b = s.beat(step.beat);
                    left.spawn((theme::button(Action::RetryFrom(i)), Focusable(2 + i)))
                        .with_child(theme::text(
                            &fonts,
                            format!("{}. {} — {}", i + 1, b.id, l(Label::RetryFrom)),
                            13.0,
                            theme::TEXT,
                        ));
                }
            });
            row.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(6),
                    flex_grow: 1.0,
                    overflow: Overflow::scroll_y(),
                    min_height: px(0),
                    ..default()
                },
                ScrollArea,
            ))
            .with_children(|right| {
                right.spawn(theme::bold(&fonts, l(Label::Rules), 16.0, theme::MUTED));
                for status in [Status::Broken, Status::Held] {
                    for v in d.verdicts.iter().filter(|v| v.status == status) {
                        let r = &book.rules[v.rule];
                        let at = v
                            .steps
                            .iter()
                            .map(|&i| beat_of(i))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let (mark, color) = if status == Status::Broken {
                            ("✗", theme::BAD)
                        } else {
                            ("✓", theme::GOOD)
                        };
                        right.spawn(theme::bold(
                            &fonts,
                            format!(
                                "{mark} {}{} — {} {at}",
                                r.title.get(lang),
                                if r.critical { " [!]" } else { "" },
                                i18n::status(lang, status)
                            ),
                            16.0,
                            color,
                        ));
                        // A held rule says nothing more, unless the scenario
                        // has its own word on it: the cost of the side taken.
                        if let (Status::Held, Some(f)) = (status, &v.feedback) {
                            right.spawn(theme::text(&fonts, f.get(lang), 14.0, theme::MUTED));
                        }
                        if status == Status::Broken {
                            right.spawn(theme::text(
                                &fonts,
                                v.explanation(book).get(lang),
                                14.0,
                                theme::TEXT,
                            ));
                            for b in &v.better {
                                right.spawn(theme::text(
                                    &fonts,
                                    format!(
                                        "{} ({}, {}): «{}»",
                                        i18n::ui(lang, Ui::BetterChoice),
                                        b.beat,
                                        b.listed,
                                        b.text.get(lang)
                                    ),
                                    14.0,
                                    theme::ACCENT,
                                ));
                            }
                        }
                    }
                }
                let na = d
                    .verdicts
                    .iter()
                    .filter(|v| v.status == Status::NotApplicable)
                    .count();
                right.spawn(theme::text(
                    &fonts,
                    format!("{}: {na}", i18n::ui(lang, Ui::NotApplicableRules)),
                    14.0,
                    theme::MUTED,
                ));
            });
        });
        match (&*saved, reviewing) {
            (_, Some(_)) | (Saved::Nothing, _) => {}
            (Saved::At(_), None) => {
                p.spawn(theme::text(
                    &fonts,
                    l(Label::SavedRecord),
                    14.0,
                    theme::MUTED,
                ));
            }
            (
                Saved::Failed {
                    trouble,
                    detail,
                    record,
                },
                None,
            ) => {
                p.spawn(theme::text(
                    &fonts,
                    format!("{}: {}.", l(Label::NotSaved), i18n::trouble(lang, *trouble)),
                    14.0,
                    theme::WARN,
                ));
                p.spawn(theme::text(&fonts, detail.clone(), 12.0, theme::MUTED));
                if record.is_some() {
                    p.spawn((
                        theme::button(Action::SaveAgain),
                        Focusable(2 + session.steps.len()),
                    ))
                    .with_child(theme::text(
                        &fonts,
                        l(Label::SaveAgain),
                        16.0,
                        theme::TEXT,
                    ));
                }
            }
        }
        p.spawn(Node {
            column_gap: px(12),
            ..default()
        })
        .with_children(|row| {
            if reviewing.is_some() {
                row.spawn((theme::button(Action::Back), Focusable(0)))
                    .with_child(theme::bold(
                        &fonts,
                        l(Label::BackToReview),
                        18.0,
                        theme::TEXT,
                    ));
                return;
            }
            row.spawn((theme::button(Action::PlayAgain), Focusable(0)))
                .with_child(theme::bold(&fonts, l(Label::PlayAgain), 18.0, theme::TEXT));
            row.spawn((theme::button(Action::Back), Focusable(1)))
                .with_child(theme::text(
                    &fonts,
                    l(Label::OtherScenario),
                    18.0,
                    theme::TEXT,
                ));
        });
        if reviewing.is_none() {
            p.spawn(theme::text(
                &fonts,
                l(Label::KeysDebrief),
                14.0,
                theme::MUTED,
            ));
        }
    });
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Back);
    }
    if keys.just_pressed(KeyCode::KeyS) {
        out.write(Action::SaveAgain);
    }
}

fn act(
    mut actions: MessageReader<Action>,
    mut play: ResMut<Play>,
    time: Res<Time>,
    lib: Res<Library>,
    mut saved: ResMut<Saved>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        match *a {
            Action::SaveAgain => {
                if let Saved::Failed {
                    record: Some(record),
                    ..
                } = &*saved
                {
                    let record = (**record).clone();
                    *saved = save_record(&lib, record);
                }
            }
            Action::PlayAgain => {
                play.seed = super::list::fresh_seed(&time);
                play.picks.clear();
                next.set(Screen::Meeting);
            }
            Action::RetryFrom(i) => {
                play.picks.truncate(i);
                next.set(Screen::Meeting);
            }
            Action::Back if play.reviewing.is_some() => next.set(Screen::Review),
            Action::Back => next.set(Screen::List),
            _ => {}
        }
    }
}

/// The conversation as it went: narration, the client's lines, the
/// trainee's answers.
fn conversation(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    session: &crate::session::Session,
    lang: crate::text::Lang,
) {
    parent.spawn(theme::bold(
        fonts,
        i18n::label(lang, Label::Conversation),
        16.0,
        theme::MUTED,
    ));
    for step in crate::debrief::transcript(session, lang) {
        for n in step["narration"].as_array().into_iter().flatten() {
            parent.spawn(theme::text(
                fonts,
                n.as_str().unwrap_or_default(),
                13.0,
                theme::MUTED,
            ));
        }
        let line = step["line"].as_str().unwrap_or_default();
        let line = match step["speaker"].as_str().filter(|s| !s.is_empty()) {
            Some(who) => format!("{who}: {line}"),
            None => line.to_string(),
        };
        parent.spawn(theme::text(fonts, line, 13.0, theme::TEXT));
        let said = step["said"].as_str().unwrap_or("…");
        let secs = step["millis"]
            .as_u64()
            .map(|ms| format!("  ({:.1} s)", ms as f64 / 1000.0))
            .unwrap_or_default();
        parent.spawn(theme::text(
            fonts,
            format!("— {said}{secs}"),
            13.0,
            theme::ACCENT,
        ));
        if let Some(r) = step["reply"]["line"].as_str() {
            parent.spawn(theme::text(fonts, r, 13.0, theme::TEXT));
        }
    }
}
