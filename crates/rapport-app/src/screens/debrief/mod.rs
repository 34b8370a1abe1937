//! Debrief: how the meeting ended, the score, a bar per category, every rule
//! broken or held with where and why, the better choice for each mistake,
//! and the conversation as a timeline to retry from. What is said, in which
//! order and with which mark, is the core's `DebriefView`: this screen lays
//! it out and colours it, and nothing more.

mod layout;
mod save;

use super::Screen;
use crate::model::{Action, Library, Play, Saved, Settings};
use bevy::prelude::*;
use rapport_core::debrief::{Debrief, DebriefView};
use rapport_core::monitor::Status;
use rapport_core::session::Session;
use rapport_core::text::Lang;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Saved>()
        .init_resource::<DebriefShown>()
        .add_systems(
            OnEnter(Screen::Debrief),
            (begin, save::save, compose, layout::build, layout::fill).chain(),
        )
        .add_systems(
            Update,
            (
                keys,
                act,
                compose.run_if(resource_changed::<Settings>),
                layout::fill
                    .run_if(resource_changed::<DebriefShown>.or_else(resource_changed::<Saved>)),
            )
                .chain()
                .run_if(in_state(Screen::Debrief)),
        );
}

/// What the debrief screen shows, kept for tests and for the window alike.
#[derive(Resource, Default, Debug, Clone)]
pub struct DebriefShown {
    /// The score, 0–100 to one decimal.
    pub overall: f64,
    /// Whether the session passed.
    pub passed: bool,
    /// The rules broken, by id, in the order shown.
    pub broken: Vec<String>,
    /// The rules held, by id, in the order shown.
    pub held: Vec<String>,
    /// The ending reached, by id (the turn limit's when cut off).
    pub ending: Option<String>,
    /// The debrief as laid out, in the trainee's language.
    pub view: Option<DebriefView>,
    /// A reviewed session's conversation as it went, line by line.
    conversation: Vec<(String, Said)>,
}

/// What a line of the conversation is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Said {
    Narration,
    Client,
    Trainee,
}

/// The session is the meeting's own, or the kept one opened from the review.
fn begin(mut play: ResMut<Play>, lib: Res<Library>, settings: Res<Settings>) {
    let level = play.level(&settings);
    play.ensure_session(&lib, level);
}

/// Asks the core for the debrief, in the language of the moment.
fn compose(play: Res<Play>, settings: Res<Settings>, mut shown: ResMut<DebriefShown>) {
    let Some(session) = play.session() else {
        *shown = DebriefShown::default();
        return;
    };
    let lang = settings.lang;
    let view = DebriefView::of(&Debrief::of(session), session, lang);
    let ids = |status: Status| {
        view.rules
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.rule.clone())
            .collect()
    };
    *shown = DebriefShown {
        overall: view.score.overall,
        passed: view.score.passed,
        broken: ids(Status::Broken),
        held: ids(Status::Held),
        ending: session.ending_id().map(str::to_string),
        // A manager reads the conversation as it went; retrying is the trainee's.
        conversation: if play.reviewing.is_some() {
            conversation(session, lang)
        } else {
            Vec::new()
        },
        view: Some(view),
    };
}

/// The conversation as it went: narration, the client's lines, the
/// trainee's answers with the time each took.
fn conversation(session: &Session, lang: Lang) -> Vec<(String, Said)> {
    let mut out = Vec::new();
    for step in rapport_core::debrief::transcript(session, lang) {
        for n in step["narration"].as_array().into_iter().flatten() {
            out.push((n.as_str().unwrap_or_default().to_string(), Said::Narration));
        }
        let line = step["line"].as_str().unwrap_or_default();
        let line = match step["speaker"].as_str().filter(|s| !s.is_empty()) {
            Some(who) => format!("{who}: {line}"),
            None => line.to_string(),
        };
        out.push((line, Said::Client));
        let said = step["said"].as_str().unwrap_or("…");
        let secs = step["millis"]
            .as_u64()
            .map(|ms| format!("  ({:.1} s)", ms as f64 / 1000.0))
            .unwrap_or_default();
        out.push((format!("— {said}{secs}"), Said::Trainee));
        if let Some(r) = step["reply"]["line"].as_str() {
            out.push((r.to_string(), Said::Client));
        }
    }
    out
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
                    *saved = save::save_record(&lib, record);
                }
            }
            Action::PlayAgain => {
                play.seed = super::list::fresh_seed(&time);
                play.restart();
                next.set(Screen::Meeting);
            }
            Action::RetryFrom(i) => {
                // The session goes back in place: the steps before stay as played.
                if let Some(session) = play.session_mut() {
                    session.rewind(i);
                }
                next.set(Screen::Meeting);
            }
            Action::Back if play.reviewing.is_some() => next.set(Screen::Review),
            Action::Back => next.set(Screen::List),
            _ => {}
        }
    }
}
