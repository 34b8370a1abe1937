//! What the window remembers between frames: the scenarios, the trainee's
//! settings, and the session being played, as seed and picks. The session
//! itself is rebuilt from them by the core whenever it is needed, so the
//! window never holds a second copy of the truth.

use crate::catalog;
use crate::engine::Pick;
use crate::rulebook::Rulebook;
use crate::scenario::{Difficulty, Scenario};
use crate::session::Session;
use crate::store::DataDir;
use crate::text::Lang;
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// One entry of the scenario list: a scenario, or the errors that kept it out.
#[derive(Clone)]
pub struct Entry {
    pub path: String,
    pub scenario: Result<Arc<Scenario>, String>,
}

#[derive(Resource, Clone)]
pub struct Library {
    pub book: Arc<Rulebook>,
    pub entries: Vec<Entry>,
    /// Where sessions are kept; `None` when this machine names no data
    /// directory (the window then plays without keeping records, and says so).
    pub data: Option<DataDir>,
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
        }
    }

    /// The same library, keeping records in `data`.
    pub fn with_data(mut self, data: Option<DataDir>) -> Library {
        self.data = data;
        self
    }

    /// The judge that replays records against the scenarios listed here.
    pub fn judge(&self) -> crate::review::Judge<'_> {
        crate::review::Judge::new(
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

#[derive(Resource, Clone)]
pub struct Settings {
    pub trainee: String,
    pub lang: Lang,
    pub level: Difficulty,
}

impl Settings {
    /// The name records are kept under: the one typed on the title screen,
    /// else who is logged in.
    pub fn trainee_or_default(&self) -> String {
        let t = self.trainee.trim();
        if t.is_empty() {
            crate::record::default_trainee()
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
        }
    }
}

/// The session in play: which scenario, its seed, and what was picked.
#[derive(Resource, Clone, Default)]
pub struct Play {
    pub entry: usize,
    pub seed: u64,
    pub picks: Vec<(Pick, Option<u32>)>,
    /// When the meeting began, for the record.
    pub started: Option<jiff::Timestamp>,
    /// A kept session opened from the review: it is shown, never saved again.
    pub reviewing: Option<Reviewing>,
    /// Author mode: the session starts at this beat with this client state.
    pub jump: Option<Jump>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Jump {
    pub beat: u32,
    pub meters: [u8; 3],
    pub flags: u64,
}

/// Whose kept session the debrief shows, and at what level it was played.
#[derive(Clone, Debug)]
pub struct Reviewing {
    pub trainee: String,
    pub started: jiff::Timestamp,
    pub level: Difficulty,
}

/// What became of the last session's record, for the debrief to say.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub enum Saved {
    #[default]
    Nothing,
    At(PathBuf),
    /// Why, and the record, to save again once the trouble is fixed (a
    /// full disk, a read-only or deleted directory).
    Failed {
        trouble: crate::store::Trouble,
        /// The system's own words, for whoever fixes it.
        detail: String,
        record: Option<Box<crate::record::Record>>,
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

    /// The level the session is played at: the trainee's, or the one a
    /// reviewed session was played at.
    pub fn level(&self, settings: &Settings) -> Difficulty {
        self.reviewing.as_ref().map_or(settings.level, |r| r.level)
    }

    pub fn scenario<'l>(&self, lib: &'l Library) -> Option<&'l Arc<Scenario>> {
        lib.entries
            .get(self.entry)
            .and_then(|e| e.scenario.as_ref().ok())
    }

    /// The session, rebuilt from the seed and the picks.
    pub fn session<'l>(&self, lib: &'l Library, level: Difficulty) -> Option<Session<'l>> {
        let scenario = self.scenario(lib)?;
        let mut s = Session::new(scenario, &lib.book, level, self.seed);
        if let Some(j) = self.jump {
            s.jump(j.beat, j.meters, j.flags);
        }
        for &(p, ms) in &self.picks {
            s.pick_timed(p, ms).ok()?;
        }
        Some(s)
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
    Begin,
    Continue,
    Back,
    ToggleLang,
    CycleLevel,
    PlayAgain,
    /// Replay from step N of the transcript (0-based).
    RetryFrom(usize),
    /// The manager's review of every kept session.
    OpenReview,
    /// Open the debrief of the N-th session shown in the review (0-based).
    OpenSession(usize),
    CycleTrainee,
    CycleScenario,
    CycleSince,
    ExportCsv,
    /// Try again to keep a session whose record could not be written.
    SaveAgain,
    /// Author mode: choose the beat to jump to (-1 previous, 1 next).
    AuthorTarget(i8),
    /// Author mode: change meter N (trust, patience, interest) of the jump.
    AuthorMeter(u8, i8),
    /// Author mode: restart the meeting at the chosen beat and state.
    AuthorJump,
}
