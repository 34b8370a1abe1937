//! The scenario list: every scenario, or the error that keeps it out; with
//! the trainee's best so far in each, and the one to practise next, worked
//! out from their own records in the background.

use super::{Focusable, Root, Screen, clear, digit, root};
use crate::model::{Action, Library, Play, Settings};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task};
use bevy::ui_widgets::ScrollArea;
use rapport_core::i18n::{self, Label};
use rapport_records::review::{DEFAULT_LAST, Filter, Practice};

/// Where the list says "practise next", under the scenario it names.
#[derive(Component)]
struct PractiseMark(String);

/// The trainee's next practice being worked out: the first time, what each
/// scenario can test takes a while, and the list is usable meanwhile.
#[derive(Resource)]
pub struct Practising(Task<Option<Practice>>);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::List), build).add_systems(
        Update,
        (keys.in_set(super::Keys), act, mark)
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
    commands.remove_resource::<Practising>();
    if lib.data.is_some() && !best.is_empty() {
        let lib = lib.clone();
        let trainee = settings.trainee_or_default();
        let task = AsyncComputeTaskPool::get().spawn(async move {
            let data = lib.data.as_ref()?;
            let filter = Filter {
                trainee: Some(trainee),
                ..Filter::default()
            };
            let mine = lib.judge().review(data, &filter).sessions;
            let map = lib.skills(&mine, DEFAULT_LAST);
            map.trainees.into_iter().next().and_then(|m| m.next)
        });
        commands.insert_resource(Practising(task));
    }
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
            let mut group = None;
            for (k, &i) in listed(&lib).iter().enumerate() {
                let e = &lib.entries[i];
                let kind = kind_of(e);
                if group != Some(kind) {
                    group = Some(kind);
                    list.spawn(theme::bold(
                        &fonts,
                        i18n::label(lang, kind_label(kind)),
                        size::LABEL,
                        theme::MUTED,
                    ));
                }
                list.spawn((theme::button(Action::Open(i)), Focusable(k)))
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
                                    k + 1,
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
                                if let Some(t) = &s.trains {
                                    c.spawn(theme::text(
                                        &fonts,
                                        t.get(lang),
                                        size::LABEL,
                                        theme::TEXT,
                                    ));
                                }
                                c.spawn(theme::text(
                                    &fonts,
                                    s.summary.get(lang),
                                    size::LABEL,
                                    theme::MUTED,
                                ));
                                c.spawn((
                                    theme::bold(&fonts, "", size::LABEL, theme::GOOD),
                                    PractiseMark(s.id.clone()),
                                    Node {
                                        display: Display::None,
                                        ..default()
                                    },
                                ));
                            }
                            Err(err) => {
                                c.spawn(theme::bold(
                                    &fonts,
                                    format!(
                                        "{}. {} — {}",
                                        k + 1,
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

/// The entries in the order listed (and numbered, as the digit keys
/// choose them): the scenarios from the source articles, then the selling
/// ones, then any others, each group in the order loaded; an entry that
/// cannot be loaded goes with the others.
pub fn listed(lib: &Library) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lib.entries.len()).collect();
    order.sort_by_key(|&i| kind_of(&lib.entries[i]).map_or(2, |k| k as u8));
    order
}

fn kind_of(e: &crate::model::Entry) -> Option<rapport_core::scenario::Kind> {
    e.scenario.as_ref().ok().and_then(|s| s.kind)
}

fn kind_label(kind: Option<rapport_core::scenario::Kind>) -> Label {
    match kind {
        Some(rapport_core::scenario::Kind::Sources) => Label::KindSources,
        Some(rapport_core::scenario::Kind::Selling) => Label::KindSelling,
        None => Label::KindOther,
    }
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

/// Marks the scenario to practise next once it is known: the level, and
/// why (not played yet, passed last time, the rules it can test).
fn mark(
    mut commands: Commands,
    practising: Option<ResMut<Practising>>,
    settings: Res<Settings>,
    mut marks: Query<(&PractiseMark, &mut Text, &mut TextColor, &mut Node)>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(mut practising) = practising else {
        return;
    };
    let Some(next) = bevy::tasks::futures::check_ready(&mut practising.0) else {
        redraw.write(bevy::window::RequestRedraw);
        return;
    };
    commands.remove_resource::<Practising>();
    let Some(next) = next else {
        return;
    };
    let lang = settings.lang;
    let level = (next
        .difficulty
        .parse::<rapport_core::scenario::Difficulty>()
        .ok())
    .map_or(next.difficulty, |d| i18n::difficulty(lang, d));
    let line = format!(
        "◀ {}: {level} — {}",
        i18n::label(lang, Label::PractiseNext),
        i18n::label(lang, next.because.label())
    );
    for (mark, text, colour, node) in &mut marks {
        if mark.0 == next.scenario {
            theme::set_text(text, colour, node, &line, theme::GOOD);
        }
    }
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
                    out.write(Action::Open(listed(&lib)[d - 1]));
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
