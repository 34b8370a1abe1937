//! The manager's review: every kept session with its score recomputed, a
//! line chart of each trainee's scores over time, a heat map of who breaks
//! which rule, each session's debrief, and the view exported as CSV.

use super::{Focusable, Keys, Root, Screen, clear, root};
use crate::app::model::{Action, Library, Play, Reviewing, Settings};
use crate::app::theme::{self, Fonts};
use crate::i18n::{self, Label};
use crate::review::{self, Filter, Standing};
use crate::text::Lang;
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;
use std::path::PathBuf;

/// The table shows this many sessions at most, the newest; the chart and
/// the heat map use all that the filters keep.
const TABLE_ROWS: usize = 150;
/// Points per trainee on the chart (more sessions are averaged in groups).
const CHART_POINTS: usize = 40;
const CHART: Vec2 = Vec2::new(600.0, 220.0);

/// One line colour per trainee, in name order.
const LINES: [Color; 8] = [
    Color::srgb(0.36, 0.62, 0.95),
    Color::srgb(0.95, 0.62, 0.30),
    Color::srgb(0.45, 0.80, 0.50),
    Color::srgb(0.85, 0.45, 0.80),
    Color::srgb(0.95, 0.85, 0.35),
    Color::srgb(0.40, 0.85, 0.85),
    Color::srgb(0.95, 0.45, 0.45),
    Color::srgb(0.70, 0.70, 0.75),
];

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<View>()
        .add_systems(OnEnter(Screen::Review), (load, build).chain())
        .add_systems(
            Update,
            (
                keys.in_set(Keys),
                poll,
                act,
                build.run_if(resource_changed::<View>),
            )
                .chain()
                .run_if(in_state(Screen::Review)),
        );
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Since {
    #[default]
    All,
    Week,
    Month,
}

/// Every kept session, and what the manager chose to see of them.
#[derive(Resource, Default)]
pub struct View {
    pub sessions: Vec<review::Session>,
    pub skipped: Vec<(PathBuf, String)>,
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    pub since: Since,
    /// The last export's outcome: the message, and whether it went well.
    pub message: Option<(String, bool)>,
    /// The records are still being read.
    pub loading: bool,
}

/// The review being read in the background: a store of a hundred thousand
/// records takes a second or two, and the window stays responsive meanwhile.
#[derive(Resource)]
struct Reading(bevy::tasks::Task<review::Reviewed>);

impl View {
    pub fn filter(&self) -> Filter {
        let days = match self.since {
            Since::All => None,
            Since::Week => Some(7),
            Since::Month => Some(30),
        };
        Filter {
            trainee: self.trainee.clone(),
            scenario: self.scenario.clone(),
            since: days.map(|d| jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * d)),
        }
    }

    /// The sessions the filters keep, oldest first.
    pub fn shown(&self) -> Vec<&review::Session> {
        let f = self.filter();
        self.sessions
            .iter()
            .filter(|s| f.keeps_session(s))
            .collect()
    }

    fn names(&self, of: impl Fn(&review::Session) -> &str) -> Vec<String> {
        let mut v: Vec<String> = self.sessions.iter().map(|s| of(s).to_string()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// The next choice in all → first → … → last → all.
    fn cycle(current: &Option<String>, all: Vec<String>) -> Option<String> {
        match current {
            None => all.into_iter().next(),
            Some(c) => all.into_iter().skip_while(|n| n != c).nth(1),
        }
    }
}

/// Reads and replays every kept session; on a large store this is the
/// screen's one slow moment, and it happens once per visit.
fn load(mut commands: Commands, lib: Res<Library>, mut view: ResMut<View>) {
    view.sessions.clear();
    view.skipped.clear();
    view.message = None;
    let Some(data) = lib.data.clone() else {
        view.loading = false;
        return;
    };
    view.loading = true;
    let lib = lib.clone();
    let task = bevy::tasks::AsyncComputeTaskPool::get()
        .spawn(async move { lib.judge().review(&data, &Filter::default()) });
    commands.insert_resource(Reading(task));
}

/// Takes the review when it is ready; until then asks for frames, since a
/// desktop-app window otherwise sleeps until the next input.
fn poll(
    mut commands: Commands,
    reading: Option<ResMut<Reading>>,
    mut view: ResMut<View>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(mut reading) = reading else {
        return;
    };
    match bevy::tasks::futures::check_ready(&mut reading.0) {
        Some(reviewed) => {
            view.sessions = reviewed.sessions;
            view.skipped = reviewed.skipped;
            view.loading = false;
            commands.remove_resource::<Reading>();
        }
        None => {
            redraw.write(bevy::window::RequestRedraw);
        }
    }
}

fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    settings: Res<Settings>,
    view: Res<View>,
    roots: Query<Entity, With<Root>>,
) {
    clear(&mut commands, &roots);
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x);
    let shown = view.shown();
    commands.spawn(root(Screen::Review)).with_children(|p| {
        let mut head = format!(
            "{} — {} {}",
            l(Label::Review),
            shown.len(),
            l(Label::Sessions)
        );
        if !view.skipped.is_empty() {
            head.push_str(&format!(
                "  ·  {} {}",
                view.skipped.len(),
                l(Label::SkippedFiles)
            ));
        }
        p.spawn(theme::bold(&fonts, head, 30.0, theme::TEXT));
        p.spawn(Node {
            column_gap: px(10),
            flex_wrap: FlexWrap::Wrap,
            ..default()
        })
        .with_children(|row| {
            let filters = [
                (
                    Action::CycleTrainee,
                    format!(
                        "{}: {}",
                        l(Label::Trainee),
                        view.trainee.as_deref().unwrap_or(l(Label::AllTrainees))
                    ),
                ),
                (
                    Action::CycleScenario,
                    format!(
                        "{}: {}",
                        l(Label::Scenarios),
                        view.scenario.as_deref().unwrap_or(l(Label::AllScenarios))
                    ),
                ),
                (
                    Action::CycleSince,
                    format!(
                        "{}: {}",
                        l(Label::Since),
                        l(match view.since {
                            Since::All => Label::AllTime,
                            Since::Week => Label::LastWeek,
                            Since::Month => Label::LastMonth,
                        })
                    ),
                ),
                (Action::ExportCsv, l(Label::ExportCsv).to_string()),
                (Action::Back, l(Label::Back).to_string()),
            ];
            for (i, (action, label)) in filters.into_iter().enumerate() {
                row.spawn((theme::button(action), Focusable(i)))
                    .with_child(theme::text(&fonts, label, 16.0, theme::TEXT));
            }
        });
        if let Some((msg, ok)) = &view.message {
            p.spawn(theme::text(
                &fonts,
                msg.clone(),
                14.0,
                if *ok { theme::GOOD } else { theme::WARN },
            ));
        }
        if view.loading {
            p.spawn(theme::text(&fonts, l(Label::Reading), 18.0, theme::MUTED));
        } else if shown.is_empty() {
            p.spawn(theme::text(&fonts, l(Label::NoRecords), 18.0, theme::MUTED));
        } else {
            p.spawn(Node {
                column_gap: px(24),
                flex_grow: 1.0,
                min_height: px(0),
                ..default()
            })
            .with_children(|body| {
                table(body, &fonts, &shown, lang);
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
                    right.spawn(theme::bold(
                        &fonts,
                        l(Label::ScoresOverTime),
                        16.0,
                        theme::MUTED,
                    ));
                    let owned: Vec<review::Session> = shown.iter().map(|s| (*s).clone()).collect();
                    chart(right, &fonts, &owned, lib.book.pass_mark);
                    right.spawn(theme::bold(&fonts, l(Label::BreakRate), 16.0, theme::MUTED));
                    heat_map(right, &fonts, &review::heat(&owned), &lib, lang);
                });
            });
        }
        p.spawn(theme::text(
            &fonts,
            l(Label::KeysReview),
            14.0,
            theme::MUTED,
        ));
    });
}

/// The newest sessions first, each a button that opens its debrief.
fn table(parent: &mut ChildSpawnerCommands, fonts: &Fonts, shown: &[&review::Session], lang: Lang) {
    parent
        .spawn((
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
        .with_children(|t| {
            if shown.len() > TABLE_ROWS {
                t.spawn(theme::text(
                    fonts,
                    format!("{} {TABLE_ROWS}", i18n::label(lang, Label::ShowingNewest)),
                    13.0,
                    theme::MUTED,
                ));
            }
            let first = shown.len().saturating_sub(TABLE_ROWS);
            for (i, s) in shown.iter().enumerate().skip(first).rev() {
                let (record, color) = match &s.standing {
                    Standing::Verified => (String::new(), theme::TEXT),
                    Standing::Altered { stored } => (format!("altered ({stored:.0})"), theme::BAD),
                    Standing::ScenarioChanged { stored } => {
                        (format!("changed ({stored:.0})"), theme::WARN)
                    }
                    Standing::Unreplayable { .. } => ("cannot replay".into(), theme::WARN),
                };
                let score = s.score.map_or("—".into(), |v| format!("{v:.0}"));
                let pass = match s.passed {
                    Some(true) => ("✓", theme::GOOD),
                    Some(false) => ("✗", theme::BAD),
                    None => ("", theme::MUTED),
                };
                // Buttons are numbered after the five filter buttons.
                t.spawn((
                    theme::button(Action::OpenSession(i)),
                    Focusable(5 + (shown.len() - 1 - i)),
                ))
                .with_children(|b| {
                    let cell = |w: f32| Node {
                        width: px(w),
                        overflow: Overflow::clip(),
                        ..default()
                    };
                    b.spawn(cell(128.0)).with_child(theme::text(
                        fonts,
                        s.started.strftime("%Y-%m-%d %H:%M").to_string(),
                        13.0,
                        theme::MUTED,
                    ));
                    b.spawn(cell(84.0)).with_child(theme::text(
                        fonts,
                        s.trainee.clone(),
                        13.0,
                        theme::TEXT,
                    ));
                    b.spawn(cell(140.0)).with_child(theme::text(
                        fonts,
                        s.scenario.clone(),
                        13.0,
                        theme::TEXT,
                    ));
                    b.spawn(cell(34.0))
                        .with_child(theme::bold(fonts, score, 13.0, color));
                    b.spawn(cell(18.0))
                        .with_child(theme::bold(fonts, pass.0, 13.0, pass.1));
                    b.spawn(cell(90.0))
                        .with_child(theme::text(fonts, record, 12.0, color));
                });
            }
        });
}

/// Each trainee's scores over time, one coloured line each, with the pass
/// mark dashed across.
fn chart(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    shown: &[review::Session],
    pass_mark: f64,
) {
    let series = review::series(shown, CHART_POINTS);
    // Across: the sessions in the order they happened, evenly spaced, so a
    // month without practice does not squeeze the rest into a corner.
    let order: Vec<jiff::Timestamp> = shown.iter().map(|s| s.started).collect();
    let span = order.len().saturating_sub(1).max(1) as f32;
    let at = |t: jiff::Timestamp, score: f64| {
        let rank = order.partition_point(|&o| o < t);
        Vec2::new(
            rank as f32 / span * CHART.x,
            CHART.y - (score as f32 / 100.0) * CHART.y,
        )
    };
    parent
        .spawn((
            Node {
                width: px(CHART.x),
                height: px(CHART.y),
                flex_shrink: 0.0,
                margin: UiRect::left(px(28)),
                ..default()
            },
            BackgroundColor(theme::PANEL),
        ))
        .with_children(|c| {
            for (y, label) in [(0.0, "0"), (50.0, "50"), (100.0, "100")] {
                let top = CHART.y - y / 100.0 * CHART.y;
                c.spawn((
                    Node {
                        position_type: PositionType::Absolute,
                        left: px(-28),
                        top: px(top - 8.0),
                        ..default()
                    },
                    children![theme::text(fonts, label, 11.0, theme::MUTED)],
                ));
            }
            if let (Some(first), Some(last)) = (order.first(), order.last()) {
                for (left, t) in [(0.0, first), (CHART.x - 70.0, last)] {
                    c.spawn((
                        Node {
                            position_type: PositionType::Absolute,
                            left: px(left),
                            top: px(CHART.y + 2.0),
                            ..default()
                        },
                        children![theme::text(
                            fonts,
                            t.strftime("%Y-%m-%d").to_string(),
                            11.0,
                            theme::MUTED
                        )],
                    ));
                }
            }
            let pass_y = CHART.y - pass_mark as f32 / 100.0 * CHART.y;
            segment(
                c,
                Vec2::new(0.0, pass_y),
                Vec2::new(CHART.x, pass_y),
                1.0,
                theme::GOOD.with_alpha(0.5),
            );
            for (k, (_, pts)) in series.iter().enumerate() {
                let color = LINES[k % LINES.len()];
                let points: Vec<Vec2> = pts.iter().map(|&(t, s)| at(t, s)).collect();
                for w in points.windows(2) {
                    segment(c, w[0], w[1], 2.0, color);
                }
                for p in &points {
                    c.spawn((
                        Node {
                            position_type: PositionType::Absolute,
                            left: px(p.x - 2.5),
                            top: px(p.y - 2.5),
                            width: px(5),
                            height: px(5),
                            ..default()
                        },
                        BackgroundColor(color),
                    ));
                }
            }
        });
    parent
        .spawn(Node {
            column_gap: px(14),
            flex_wrap: FlexWrap::Wrap,
            margin: UiRect {
                left: px(28),
                top: px(16),
                ..default()
            },
            ..default()
        })
        .with_children(|legend| {
            for (k, (name, _)) in series.iter().enumerate() {
                legend
                    .spawn(Node {
                        column_gap: px(5),
                        align_items: AlignItems::Center,
                        ..default()
                    })
                    .with_children(|item| {
                        item.spawn((
                            Node {
                                width: px(10),
                                height: px(10),
                                ..default()
                            },
                            BackgroundColor(LINES[k % LINES.len()]),
                        ));
                        item.spawn(theme::text(fonts, name.clone(), 12.0, theme::TEXT));
                    });
            }
        });
}

/// A straight line from `a` to `b` inside a chart: a thin node turned about
/// its centre.
fn segment(parent: &mut ChildSpawnerCommands, a: Vec2, b: Vec2, thickness: f32, color: Color) {
    let d = b - a;
    let mid = (a + b) / 2.0;
    let len = d.length();
    parent.spawn((
        Node {
            position_type: PositionType::Absolute,
            left: px(mid.x - len / 2.0),
            top: px(mid.y - thickness / 2.0),
            width: px(len),
            height: px(thickness),
            ..default()
        },
        // Screen y grows downwards, so this angle turns clockwise, as
        // UiTransform's rotation does.
        UiTransform::from_rotation(Rot2::radians(d.y.atan2(d.x))),
        BackgroundColor(color),
    ));
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
            12.0,
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
                        10.0,
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
                        12.0,
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
                            11.0,
                            theme::TEXT,
                        ));
                    }
                });
            }
        });
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    for (key, action) in [
        (KeyCode::Escape, Action::Back),
        (KeyCode::F5, Action::CycleTrainee),
        (KeyCode::F6, Action::CycleScenario),
        (KeyCode::F7, Action::CycleSince),
        (KeyCode::F8, Action::ExportCsv),
    ] {
        if keys.just_pressed(key) {
            out.write(action);
        }
    }
}

fn act(
    mut actions: MessageReader<Action>,
    lib: Res<Library>,
    settings: Res<Settings>,
    mut view: ResMut<View>,
    mut play: ResMut<Play>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        match *a {
            Action::CycleTrainee => {
                let all = view.names(|s| &s.trainee);
                view.trainee = View::cycle(&view.trainee, all);
            }
            Action::CycleScenario => {
                let all = view.names(|s| &s.scenario);
                view.scenario = View::cycle(&view.scenario, all);
            }
            Action::CycleSince => {
                view.since = match view.since {
                    Since::All => Since::Week,
                    Since::Week => Since::Month,
                    Since::Month => Since::All,
                }
            }
            Action::ExportCsv => {
                // An export taken mid-read would silently hold only part of the store.
                let message = if view.loading {
                    (
                        i18n::label(settings.lang, Label::Reading).to_string(),
                        false,
                    )
                } else {
                    export(&lib, &view, settings.lang)
                };
                view.message = Some(message);
            }
            Action::OpenSession(i) => {
                let path = view.shown().get(i).map(|s| s.path.clone());
                match path.map(|p| open(&lib, &p)) {
                    Some(Ok(opened)) => {
                        *play = opened;
                        next.set(Screen::Debrief);
                    }
                    Some(Err(why)) => view.message = Some((why, false)),
                    None => {}
                }
            }
            Action::Back => next.set(Screen::Title),
            _ => {}
        }
    }
}

/// A kept session as a `Play` the debrief can show: the record read again,
/// its choices replayed on the listed scenario.
pub fn open(lib: &Library, path: &std::path::Path) -> Result<Play, String> {
    let record = crate::store::read_record(path)?;
    let entry = lib.by_id(&record.scenario).ok_or_else(|| {
        format!(
            "{}: no scenario `{}` is listed",
            path.display(),
            record.scenario
        )
    })?;
    let play = Play {
        entry,
        seed: record.seed,
        picks: record
            .choices
            .iter()
            .map(|c| {
                let pick = c
                    .choice
                    .map_or(crate::engine::Pick::Silence, crate::engine::Pick::Choice);
                (pick, c.millis)
            })
            .collect(),
        started: None,
        reviewing: Some(Reviewing {
            trainee: record.trainee.clone(),
            started: record.started,
            level: record.difficulty,
        }),
        jump: None,
    };
    let scenario = play.scenario(lib).ok_or("the scenario is broken")?;
    record
        .replay(scenario, &lib.book)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(play)
}

/// Writes the sessions in view as CSV under the data directory's
/// `exports/`; the message says where, or why not.
fn export(lib: &Library, view: &View, lang: Lang) -> (String, bool) {
    let Some(data) = &lib.data else {
        return ("no data directory".into(), false);
    };
    let shown: Vec<review::Session> = view.shown().into_iter().cloned().collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let bytes = review::write_sessions_csv(&mut w, &shown)
        .map_err(|e| e.to_string())
        .and_then(|()| w.into_inner().map_err(|e| e.to_string()));
    let path = data.root.join("exports").join(format!(
        "review-{}.csv",
        jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ")
    ));
    match bytes.and_then(|b| crate::store::write_atomically(&path, &b).map_err(|e| e.to_string())) {
        Ok(()) => (
            format!(
                "{} {}: {}",
                i18n::label(lang, Label::Exported),
                shown.len(),
                path.display()
            ),
            true,
        ),
        Err(e) => (e, false),
    }
}
