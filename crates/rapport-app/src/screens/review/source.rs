//! Where the review reads its sessions: this machine's records, or the
//! team's from the company's LRS. Either is read in the background (a large
//! store takes a second or two, an LRS longer), and the window stays
//! responsive meanwhile.

use super::View;
use crate::model::Library;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task};
use rapport_records::review::{Filter, Reviewed};

/// Where the review reads from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Source {
    /// The records kept on this machine.
    #[default]
    Here,
    /// The team's sessions, from the LRS the window was opened with.
    Team,
}

/// How the last read from the LRS went: the status line says it, as the
/// command line does, so that a manager sees the second review fetch only
/// what is new.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fetched {
    /// Requests made.
    pub requests: usize,
    /// New statements fetched.
    pub new: usize,
    /// What the manager should know that is no session's.
    pub notes: Vec<String>,
}

type Outcome = Result<(Reviewed, Option<Fetched>), String>;

/// The sessions being read.
#[derive(Resource)]
pub(super) struct Reading(Task<Outcome>);

/// Reads the sessions of the source chosen, on entering the screen.
pub(super) fn load(mut commands: Commands, lib: Res<Library>, mut view: ResMut<View>) {
    start(&mut commands, &lib, &mut view);
}

/// Starts reading the source chosen; a read under way is dropped with its
/// task, so a quick switch never shows the source left behind.
pub(super) fn start(commands: &mut Commands, lib: &Library, view: &mut View) {
    view.sessions.clear();
    view.skipped.clear();
    view.fetched = None;
    view.shown_changed();
    commands.remove_resource::<Reading>();
    let Some(data) = lib.data.clone() else {
        view.loading = false;
        return;
    };
    let team = match view.source {
        Source::Here => None,
        Source::Team => match &lib.team {
            Some(t) => Some(t.clone()),
            None => {
                view.loading = false;
                return;
            }
        },
    };
    view.loading = true;
    let lib = lib.clone();
    let task = AsyncComputeTaskPool::get().spawn(async move {
        let judge = lib.judge();
        match team {
            None => Ok((judge.review(&data, &Filter::default()), None)),
            Some(team) => judge
                .review_lrs(&data, &team.team(false), &Filter::default())
                .map(|t| {
                    let fetched = Fetched {
                        requests: t.requests,
                        new: t.fetched,
                        notes: t.notes,
                    };
                    (t.reviewed, Some(fetched))
                })
                .map_err(|e| format!("{}: {e}", team.shown())),
        }
    });
    commands.insert_resource(Reading(task));
}

/// Takes the sessions when they are read; until then asks for frames, since
/// a desktop-app window otherwise sleeps until the next input.
pub(super) fn poll(
    mut commands: Commands,
    reading: Option<ResMut<Reading>>,
    mut view: ResMut<View>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(mut reading) = reading else {
        return;
    };
    let Some(outcome) = bevy::tasks::futures::check_ready(&mut reading.0) else {
        redraw.write(bevy::window::RequestRedraw);
        return;
    };
    commands.remove_resource::<Reading>();
    view.loading = false;
    view.shown_changed();
    match outcome {
        Ok((reviewed, fetched)) => {
            view.sessions = reviewed.sessions;
            view.skipped = reviewed.skipped;
            view.fetched = fetched;
        }
        // The LRS could not be read: the cache is as it was, and the
        // manager is told why, as the command line tells it.
        Err(why) => view.message = Some((why, false)),
    }
}
