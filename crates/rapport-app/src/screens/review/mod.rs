//! The manager's review: every kept session with its score recomputed, a
//! line chart of each trainee's scores over time, a heat map of who breaks
//! which rule, each session's debrief, and the view exported as CSV; or
//! the skill map, what each trainee holds and should practise next. The
//! sessions are this machine's, or the team's from the company's LRS.
//!
//! The screen is laid out once when it opens; a filter, a message or a new
//! language writes into it in place, so the table keeps its scroll and the
//! keyboard its button.

mod chart;
mod export;
mod frame;
mod heat;
mod skills;
mod source;
mod table;

pub use skills::SkillRow;
pub(crate) use skills::{By, Grid};
pub use source::Fetched;
pub(crate) use source::Source;

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
                source::load,
                frame::build,
                (frame::fill, table::fill, chart::draw, heat::draw),
            )
                .chain(),
        )
        .add_systems(
            Update,
            (
                keys.in_set(Keys),
                source::poll,
                act,
                skills::think,
                (
                    frame::fill,
                    table::fill,
                    chart::draw,
                    heat::draw,
                    skills::draw,
                )
                    .run_if(changed),
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
    pub skipped: Vec<(PathBuf, String)>,
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
    /// Where the sessions are read from.
    pub(crate) source: Source,
    /// How the last read from the LRS went.
    pub fetched: Option<Fetched>,
    /// The skill map is shown instead of the sessions.
    pub skill_map: bool,
    /// The skill map of the sessions shown, once worked out, and the
    /// generation of the sessions shown it was worked out for.
    pub skills: Option<(u64, rapport_records::review::Skills)>,
    /// What the skill map's grid shows, in which order.
    pub(crate) grid: Grid,
    /// Changes whenever the sessions shown may have: a read, a filter.
    pub(crate) shown_at: u64,
}

impl View {
    /// The skill map of the sessions shown, once worked out.
    pub fn current_skills(&self) -> Option<&rapport_records::review::Skills> {
        (self.skills.as_ref())
            .filter(|(at, _)| *at == self.shown_at)
            .map(|(_, s)| s)
    }

    /// Marks the sessions shown as changed, so that what is worked out from
    /// them (the skill map) is worked out again.
    pub(crate) fn shown_changed(&mut self) {
        self.shown_at += 1;
    }

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

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    for (key, action) in [
        (KeyCode::Escape, Action::Back),
        (KeyCode::F5, Action::CycleTrainee),
        (KeyCode::F6, Action::CycleScenario),
        (KeyCode::F7, Action::CycleSince),
        (KeyCode::F8, Action::ExportCsv),
        (KeyCode::F4, Action::SwitchSource),
        (KeyCode::F9, Action::ToggleSkillMap),
        (KeyCode::F10, Action::NextSort),
        (KeyCode::F11, Action::ToggleLessons),
    ] {
        if keys.just_pressed(key) {
            out.write(action);
        }
    }
}

fn act(
    mut commands: Commands,
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
                view.shown_changed();
            }
            Action::CycleScenario => {
                let all = view.names(|s| &s.scenario);
                view.scenario = View::cycle(&view.scenario, all);
                view.shown_changed();
            }
            Action::CycleSince => {
                view.since = match view.since {
                    Since::All => Since::Week,
                    Since::Week => Since::Month,
                    Since::Month => Since::All,
                };
                view.shown_changed();
            }
            Action::SwitchSource if lib.team.is_none() => {
                let why = i18n::label(settings.lang, Label::NoTeamSource);
                view.message = Some((why.to_string(), false));
            }
            Action::SwitchSource => {
                view.source = match view.source {
                    Source::Here => Source::Team,
                    Source::Team => Source::Here,
                };
                // A filter naming a trainee or scenario of the other
                // source would show nothing.
                view.trainee = None;
                view.scenario = None;
                view.message = None;
                source::start(&mut commands, &lib, &mut view);
            }
            Action::ToggleSkillMap => view.skill_map = !view.skill_map,
            Action::NextSort if view.skill_map => {
                let columns = skills::columns(&view);
                view.grid.sort = (view.grid.sort + 1) % (columns + 1);
            }
            Action::SortSkills(column) if view.skill_map => view.grid.sort = column,
            Action::ToggleLessons if view.skill_map => {
                view.grid.by = match view.grid.by {
                    By::Rules => By::Lessons,
                    By::Lessons => By::Rules,
                };
            }
            Action::ExportCsv => {
                // An export taken mid-read would silently hold only part of the store.
                let message = if view.loading {
                    (
                        i18n::label(settings.lang, Label::Reading).to_string(),
                        false,
                    )
                } else if view.skill_map {
                    export::export_skills(&lib, &view, settings.lang)
                } else {
                    export::export(&lib, &view, settings.lang)
                };
                view.message = Some(message);
            }
            Action::OpenSession(_) if view.source == Source::Team => {
                let why = i18n::label(settings.lang, Label::TeamDebrief);
                view.message = Some((why.to_string(), false));
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
    let mut session = OwnedSession::replay(scenario.clone(), lib.book.clone(), opening, &picks)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // What the trainee typed before the options appeared is not a pick:
    // replay leaves it out, and the debrief's "you said" needs it back.
    for (i, step) in replayed.steps.iter().enumerate() {
        session.set_typed(i, step.typed.as_deref().cloned());
    }
    let reviewing = Reviewing {
        trainee: record.trainee.clone(),
        started: record.started,
        level: record.difficulty,
    };
    Ok(Play::reviewed(entry, reviewing, session))
}
