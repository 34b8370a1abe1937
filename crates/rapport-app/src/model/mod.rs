//! What the window remembers between frames: the scenarios, the trainee's
//! settings, and the session being played. The session is the core's own,
//! kept whole and advanced in place; the window holds no second copy of it.

use bevy::prelude::*;
use rapport_core::catalog;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use rapport_core::session::{Jump, Opening, OwnedSession, Session};
use rapport_core::text::Lang;
use rapport_records::store::DataDir;
use std::path::PathBuf;
use std::sync::Arc;

mod team;
pub use team::TeamSource;

/// One entry of the scenario list: a scenario, or the errors that kept it out.
#[derive(Clone)]
pub struct Entry {
    /// The file it was read from, as shown.
    pub path: String,
    /// The scenario, or its errors, one a line.
    pub scenario: Result<Arc<Scenario>, String>,
}

/// The scenarios on offer, the rulebook judging them, and where sessions
/// are kept.
#[derive(Resource, Clone)]
pub struct Library {
    /// The rulebook every scenario is played under.
    pub book: Arc<Rulebook>,
    /// The scenarios, in the order listed.
    pub entries: Vec<Entry>,
    /// Where sessions are kept; `None` when this machine names no data
    /// directory (the window then plays without keeping records, and says so).
    pub data: Option<DataDir>,
    /// The company's LRS, when the window was opened with one: the review
    /// then offers the team's sessions beside this machine's.
    pub team: Option<Arc<TeamSource>>,
}

impl Library {
    /// The shipped scenarios under the shipped rulebook.
    pub fn shipped() -> Library {
        let book = Rulebook::shipped();
        let entries = catalog::shipped(&book);
        Library::of(book, entries)
    }

    /// The scenarios in the files and directories given, judged by `book`;
    /// each is loaded on its own, so a broken one becomes an entry with its
    /// error and the rest load as usual.
    pub fn load(book: Rulebook, paths: &[PathBuf]) -> Library {
        let entries = catalog::load_paths(paths, &book);
        Library::of(book, entries)
    }

    /// The entry of the scenario with this id, or at this path.
    pub fn find(&self, id_or_path: &str) -> Option<usize> {
        self.entries.iter().position(|e| {
            e.path == id_or_path || e.scenario.as_ref().is_ok_and(|s| s.id == id_or_path)
        })
    }

    /// The ids of the scenarios that loaded.
    pub fn ids(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter_map(|e| e.scenario.as_ref().ok().map(|s| s.id.as_str()))
            .collect()
    }

    /// Entries loaded by the catalog, judged by `book`.
    pub fn of(book: Rulebook, entries: Vec<catalog::Entry>) -> Library {
        let entries = entries
            .into_iter()
            .map(|e| Entry {
                path: e.path.display().to_string(),
                scenario: e.result.map(|(s, _)| Arc::new(s)).map_err(|d| {
                    d.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            })
            .collect();
        Library {
            book: Arc::new(book),
            entries,
            data: None,
            team: None,
        }
    }

    /// The same library, keeping records in `data`.
    pub fn with_data(mut self, data: Option<DataDir>) -> Library {
        self.data = data;
        self
    }

    /// The same library, offering the team's sessions from `team`.
    pub fn with_team(mut self, team: TeamSource) -> Library {
        self.team = Some(Arc::new(team));
        self
    }

    /// The skill map of `attempts`, and what each trainee should practise
    /// next among the scenarios listed here: slow the first time a
    /// scenario's coverage is worked out (then kept under the data
    /// directory), so screens call it off the main thread.
    pub(crate) fn skills(
        &self,
        attempts: &[rapport_records::review::Attempt],
        last: usize,
    ) -> rapport_records::review::Skills {
        let scenarios = (self.entries.iter()).filter_map(|e| e.scenario.as_ref().ok());
        let coverages = rapport_records::review::Coverages::new(
            scenarios.map(|s| s.as_ref()),
            &self.book,
            self.data
                .as_ref()
                .map(rapport_records::review::Coverages::cache_dir),
        );
        let lessons = rapport_core::rulebook::Lessons::shipped();
        rapport_records::review::skills(attempts, &self.book, lessons, &coverages, last)
    }

    /// The judge that replays records against the scenarios listed here.
    pub(crate) fn judge(&self) -> rapport_records::review::Judge<'_> {
        rapport_records::review::Judge::new(
            &self.book,
            self.entries
                .iter()
                .filter_map(|e| e.scenario.as_ref().ok().map(|s| s.as_ref())),
        )
    }

    /// The entry of the scenario with this id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.scenario.as_ref().is_ok_and(|s| s.id == id))
    }
}

/// What the trainee chose on the title screen.
#[derive(Resource, Clone)]
pub struct Settings {
    /// The name typed; empty for whoever is logged in.
    pub trainee: String,
    /// The language of every screen.
    pub lang: Lang,
    /// The level new meetings are played at.
    pub level: Difficulty,
    /// Say it first, as the trainee set it on the title screen; `None`
    /// leaves it to the level (on at hard, where no one hands you options).
    pub say_first: Option<bool>,
}

impl Settings {
    /// Whether the options stay hidden until the trainee has said, in their
    /// own words, what they would answer.
    pub fn says_first(&self) -> bool {
        self.say_first.unwrap_or(self.level == Difficulty::Hard)
    }

    /// The name records are kept under: the one typed on the title screen,
    /// else who is logged in.
    pub(crate) fn trainee_or_default(&self) -> String {
        let t = self.trainee.trim();
        if t.is_empty() {
            rapport_records::record::default_trainee()
        } else {
            t.to_string()
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            trainee: String::new(),
            lang: Lang::En,
            level: Difficulty::Normal,
            say_first: None,
        }
    }
}

/// The meeting in play: which scenario, how it began, and the session
/// itself, kept between frames and advanced in place by each pick.
#[derive(Resource, Clone, Default)]
pub struct Play {
    /// The scenario's entry in the [`Library`].
    pub entry: usize,
    /// Fixes the random events and the order the options are listed in.
    pub seed: u64,
    /// When the meeting began, for the record.
    pub started: Option<jiff::Timestamp>,
    /// A kept session opened from the review: it is shown, never saved again.
    pub reviewing: Option<Reviewing>,
    /// Author mode: the session starts at this beat with this client state.
    pub jump: Option<Jump>,
    /// The session, once the meeting has begun.
    session: Option<OwnedSession>,
}

/// Whose kept session the debrief shows, and at what level it was played.
#[derive(Clone, Debug)]
pub struct Reviewing {
    /// The trainee who played it.
    pub trainee: String,
    /// When it began.
    pub started: jiff::Timestamp,
    /// The level it was played at.
    pub level: Difficulty,
}

/// What became of the last session's record, for the debrief to say.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub enum Saved {
    /// Nothing was to be kept (a reviewed session, author mode).
    #[default]
    Nothing,
    /// Kept in this file.
    At(PathBuf),
    /// Why, and the record, to save again once the trouble is fixed (a
    /// full disk, a read-only or deleted directory).
    Failed {
        /// What kind of trouble, for the trainee.
        trouble: rapport_records::store::Trouble,
        /// The system's own words, for whoever fixes it.
        detail: String,
        /// The record to try again with; `None` when there is nowhere to keep it.
        record: Option<Box<rapport_records::record::Record>>,
    },
}

impl Play {
    /// A new meeting of entry `entry` with this seed.
    pub fn new(entry: usize, seed: u64) -> Play {
        Play {
            entry,
            seed,
            ..Play::default()
        }
    }

    /// A kept session, already played to its end, to be shown.
    pub(crate) fn reviewed(entry: usize, reviewing: Reviewing, session: OwnedSession) -> Play {
        Play {
            entry,
            seed: session.opening().seed,
            reviewing: Some(reviewing),
            session: Some(session),
            ..Play::default()
        }
    }

    /// The level the session is played at: the trainee's, or the one a
    /// reviewed session was played at.
    pub(crate) fn level(&self, settings: &Settings) -> Difficulty {
        self.reviewing.as_ref().map_or(settings.level, |r| r.level)
    }

    /// The scenario being played.
    pub(crate) fn scenario<'l>(&self, lib: &'l Library) -> Option<&'l Arc<Scenario>> {
        lib.entries
            .get(self.entry)
            .and_then(|e| e.scenario.as_ref().ok())
    }

    /// The session as it stands, once the meeting has begun.
    pub fn session(&self) -> Option<&Session<'_>> {
        self.session.as_ref().map(OwnedSession::session)
    }

    /// The session, to advance or rewind in place.
    pub(crate) fn session_mut(&mut self) -> Option<&mut OwnedSession> {
        self.session.as_mut()
    }

    /// How a session of this meeting begins at `level`.
    pub(crate) fn opening(&self, level: Difficulty) -> Opening {
        Opening {
            level,
            seed: self.seed,
            jump: self.jump,
        }
    }

    /// Makes sure the session kept is this meeting's: one is built at the
    /// first beat when there is none, or when the one kept began otherwise
    /// (another scenario, version of it, seed, level or jump). A session
    /// brought back to an earlier step, or opened from a record, is kept.
    pub(crate) fn ensure_session(&mut self, lib: &Library, level: Difficulty) {
        let Some(scenario) = self.scenario(lib) else {
            self.session = None;
            return;
        };
        let opening = self.opening(level);
        let current = self.session.as_ref().is_some_and(|s| {
            s.opening() == opening
                && Arc::ptr_eq(s.scenario(), scenario)
                && Arc::ptr_eq(s.book(), &lib.book)
        });
        if !current {
            self.session = Some(OwnedSession::new(
                scenario.clone(),
                lib.book.clone(),
                opening,
            ));
        }
    }

    /// Puts this session in place of the one kept.
    pub(crate) fn set_session(&mut self, session: OwnedSession) {
        self.session = Some(session);
    }

    /// Drops the session, so the meeting starts again at its first beat.
    pub(crate) fn restart(&mut self) {
        self.session = None;
    }
}

/// What the trainee asked for, by mouse or by keyboard: both send the same
/// message, so the two paths cannot drift apart.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Option N as listed (1-based); 0 is the silence of a timed beat.
    Choose(usize),
    /// Open the N-th scenario of the list (0-based).
    Open(usize),
    /// Go on from the title or the briefing.
    Begin,
    /// The previous screen.
    Back,
    /// English or Russian.
    ToggleLang,
    /// The next level: easy, normal, hard.
    CycleLevel,
    /// Say it first: on, off.
    ToggleSayFirst,
    /// Say it first: the words typed are the answer; show the options.
    SubmitWords,
    /// Say it first: show the options without typing (kept as skipped).
    SkipWords,
    /// The same scenario again, with a new seed.
    PlayAgain,
    /// Replay from step N of the transcript (0-based).
    RetryFrom(usize),
    /// The manager's review of every kept session.
    OpenReview,
    /// Open the debrief of the N-th session shown in the review (0-based).
    OpenSession(usize),
    /// Review: the next trainee to show (all, then each in turn).
    CycleTrainee,
    /// Review: the next scenario to show.
    CycleScenario,
    /// Review: all time, the last week, the last month.
    CycleSince,
    /// Review: write the sessions shown as CSV.
    ExportCsv,
    /// Review: this machine's sessions, or the team's from the LRS.
    SwitchSource,
    /// Review: the sessions, or the skill map.
    ToggleSkillMap,
    /// Skill map: order the rows by column N (0 the rulebook's order, 1 the
    /// team, then each trainee), weakest first.
    SortSkills(usize),
    /// Skill map: order the rows by the next column.
    NextSort,
    /// Skill map: rules, or lessons.
    ToggleLessons,
    /// Try again to keep a session whose record could not be written.
    SaveAgain,
    /// Author mode: choose the beat to jump to (-1 previous, 1 next).
    AuthorTarget(i8),
    /// Author mode: change meter N (trust, patience, interest) of the jump.
    AuthorMeter(u8, i8),
    /// Author mode: restart the meeting at the chosen beat and state.
    AuthorJump,
}
