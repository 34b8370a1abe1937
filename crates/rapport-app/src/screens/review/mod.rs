//! The manager's review: every kept session with its score recomputed, a
//! line chart of each trainee's scores over time, a heat map of who breaks
//! which rule, each session's debrief, and the view exported as CSV.
//!
//! The screen is laid out once when it opens; a filter, a message or a new
//! language writes into it in place, so the table keeps its scroll and the
//! keyboard its button.

mod chart;
mod export;
mod frame;
mod heat;
mod table;

use super::{Keys, Screen};
use crate::model::{Action, Library, Play, Reviewing, Settings};
use bevy::prelude::*;
use rapport_core::i18n::{self, Label};
use rapport_core::session::{Opening, OwnedSession};
use rapport_records::review::{self, Filter};
use std::path::PathBuf;

pub(super) fn plugin(app: &mut App) {
    let changed = resource_changed::<View>.or_else(resource_changed::<Settings>);
    app.init_resource::<View>()
        .add_systems(
            OnEnter(Screen::Review),
            (
                load,
                frame::build,
                (frame::fill, table::fill, chart::draw, heat::draw),
            )
                .chain(),
        )
        .add_systems(
            Update,
            (
                keys.in_set(Keys),
                poll,
                act,
                (frame::fill, table::fill, chart::draw, heat::draw).run_if(changed),
            )
                .chain()
                .run_if(in_state(Screen::Review)),
        );
}

/// How far back the review looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Since {
    /// Every session kept.
    #[default]
    All,
    /// The last seven days.
    Week,
    /// The last thirty days.
    Month,
}

/// Every kept session, and what the manager chose to see of them.
#[derive(Resource, Default)]
pub struct View {
    /// Every session kept, replayed, oldest first.
    pub sessions: Vec<review::Attempt>,
    /// Files in the store that are not records, and why.
    pub(crate) skipped: Vec<(PathBuf, String)>,
    /// Only this trainee's sessions, if set.
    pub(crate) trainee: Option<String>,
    /// Only this scenario's sessions, if set.
    pub(crate) scenario: Option<String>,
    /// How far back.
    pub(crate) since: Since,
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
    /// The filters chosen, as the review's own.
    pub(crate) fn filter(&self) -> Filter {
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
    pub(crate) fn shown(&self) -> Vec<&review::Attempt> {
        let f = self.filter();
        self.sessions
            .iter()
            .filter(|s| f.keeps_attempt(s))
            .collect()
    }

    fn names(&self, of: impl Fn(&review::Attempt) -> &str) -> Vec<String> {
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
                    export::export(&lib, &view, settings.lang)
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

/// A kept session as a `Play` the debrief can show: the record read again
/// and replayed by the record's own rules (each step on the beat it names),
/// its picks then kept as a session of the listed scenario.
fn open(lib: &Library, path: &std::path::Path) -> Result<Play, String> {
    let record = rapport_records::store::read_record(path)?;
    let entry = lib.by_id(&record.scenario).ok_or_else(|| {
        format!(
            "{}: no scenario `{}` is listed",
            path.display(),
            record.scenario
        )
    })?;
    let scenario = lib.entries[entry]
        .scenario
        .as_ref()
        .map_err(|_| "the scenario is broken".to_string())?;
    let replayed = record
        .replay(scenario, &lib.book)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let picks: Vec<_> = replayed.steps.iter().map(|s| (s.pick, s.millis)).collect();
    let opening = Opening {
        level: record.difficulty,
        seed: record.seed,
        jump: None,
    };
    let session = OwnedSession::replay(scenario.clone(), lib.book.clone(), opening, &picks)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let reviewing = Reviewing {
        trainee: record.trainee.clone(),
        started: record.started,
        level: record.difficulty,
    };
    Ok(Play::reviewed(entry, reviewing, session))
}
