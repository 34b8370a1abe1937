//! The statements a review fetched from an LRS, kept so that the next
//! review asks only for what is new (`since` the last one stored).
//!
//! Per LRS and query, under `DATA/xapi/<lrs>/review/<query>/`: segments of
//! statements, one JSON statement a line, each written whole (a temporary
//! file, flushed, renamed); and `state.json`, written atomically after its
//! segment, naming the segments that count and the moment to fetch from. A
//! review that stops half-way (an LRS down mid-paging, a kill) leaves the
//! state as it was: a segment it names is always complete, one it does not
//! name is never read. Only statements and moments are kept: no URL with
//! its user, no password.
//!
//! Reviews of one query may run at once (two managers' terminals, a
//! scheduled export). Each fetches on its own, without a lock, since a
//! fetch can take minutes; `state.lock` is held only to change the state
//! (exclusively: the state is read again and this fetch's segment added to
//! it, so that neither review's segments are lost) and to read which
//! segments count and open them (shared: a commit cannot remove a segment
//! between a reader's reading the state and opening the segment).

use crate::lock::{Held, LockError, Mode};
use crate::store::{StoreError, write_atomically};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// What `state.json` holds.
const STATE_FORMAT: u32 = 1;

/// Past this many segments, a commit rewrites them as one.
const MAX_SEGMENTS: usize = 16;

/// The longest another review's commit is waited for: a commit is quick,
/// unless it rewrites a large cache as one segment.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// The cache of one query of one LRS.
pub struct Cache {
    dir: PathBuf,
    /// As it was read, or forgotten: `since` is what this review fetches from.
    state: State,
    /// Whether the next commit replaces the state rather than adds to it.
    forgotten: bool,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct State {
    format: u32,
    /// Fetch from here next time: the latest `stored` of a complete fetch.
    /// As the LRS wrote it: sent back as it came, since an LRS may compare
    /// `since` with its own text (see docs/records.md).
    since: Option<String>,
    /// The segments that count, oldest first.
    segments: Vec<String>,
}

/// Statements being written for one fetch; nothing counts until
/// [`Cache::commit`].
pub struct Segment {
    file: std::io::BufWriter<tempfile::NamedTempFile>,
    dir: PathBuf,
    /// Statements written.
    pub count: usize,
}

impl Segment {
    /// Adds one statement.
    pub fn push(&mut self, statement: &serde_json::Value) -> Result<(), StoreError> {
        let err = |source| StoreError::Write {
            path: self.dir.clone(),
            source,
        };
        serde_json::to_writer(&mut self.file, statement).map_err(|e| err(e.into()))?;
        self.file.write_all(b"\n").map_err(err)?;
        self.count += 1;
        Ok(())
    }
}

impl Cache {
    /// The cache in `dir`. A state that cannot be read (or is from a newer
    /// build) is an empty cache, and the note says so: the next commit
    /// rebuilds it from a full fetch.
    pub fn open(dir: PathBuf) -> (Cache, Option<String>) {
        let (state, note) = read_state(&dir);
        let note =
            note.map(|n| format!("the cache cannot be read ({n}); fetching everything again"));
        let cache = Cache {
            dir,
            state,
            forgotten: false,
        };
        (cache, note)
    }

    /// Where it is.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The moment to fetch from: nothing stored up to it is new.
    pub fn since(&self) -> Option<String> {
        self.state.since.clone()
    }

    /// Forgets everything, at the next commit.
    pub fn forget(&mut self) {
        self.state = State::default();
        self.forgotten = true;
    }

    /// A segment to write this fetch's statements to.
    pub fn segment(&self) -> Result<Segment, StoreError> {
        let err = |source| StoreError::Write {
            path: self.dir.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(err)?;
        let tmp = tempfile::Builder::new()
            .prefix(".saving-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(err)?;
        Ok(Segment {
            file: std::io::BufWriter::new(tmp),
            dir: self.dir.clone(),
            count: 0,
        })
    }

    /// Makes a fetch's statements count, and `since` the moment to fetch
    /// from next (`None`: where it was).
    ///
    /// Another review may have committed since this one opened the cache:
    /// its segments stay, this fetch's are added, and `since` moves only as
    /// far as the segments, together, hold every statement up to it.
    pub fn commit(&mut self, segment: Segment, since: Option<String>) -> Result<(), StoreError> {
        let _held = self.lock(Mode::Exclusive)?;
        let mut state = if self.forgotten {
            State::default()
        } else {
            // One that cannot be read is rebuilt, as `open` said it would be.
            read_state(&self.dir).0
        };
        state.format = STATE_FORMAT;
        if segment.count > 0 {
            let name = format!("{}.jsonl", uuid::Uuid::new_v4().simple());
            persist(segment, &self.dir.join(&name))?;
            state.segments.push(name);
        }
        // This fetch holds what was stored after the `since` it started
        // from, up to `since` now: it carries the state that far only if
        // the state already reached where it started. (After a `--refresh`
        // elsewhere the state may start over from nothing.)
        let (from, now, new) = (
            moment(&self.state.since),
            moment(&state.since),
            moment(&since),
        );
        if new.is_some() && (from.is_none() || from <= now) && new > now {
            state.since = since;
        }
        if state.segments.len() > MAX_SEGMENTS {
            state.segments = vec![self.compact(&state.segments)?];
        }
        let json = serde_json::to_vec_pretty(&state).expect("a state always serialises");
        write_atomically(&self.dir.join("state.json"), &json)?;
        self.state = state;
        self.forgotten = false;
        self.sweep();
        Ok(())
    }

    /// Every cached statement line, segment by segment, as the latest
    /// commit (this review's or a later one's) left them. A segment that
    /// cannot be read is reported by the caller as the error, by path.
    pub fn lines(&self, each: impl FnMut(&str)) -> Result<(), (PathBuf, String)> {
        self.snapshot()?.lines(each)
    }

    /// The segments as the latest commit left them, opened, to be read
    /// once or more: a review that reads some sessions twice reads the
    /// very same lines twice, whatever another review commits meanwhile.
    pub fn snapshot(&self) -> Result<Snapshot, (PathBuf, String)> {
        let opened = {
            let _held = self
                .lock(Mode::Shared)
                .map_err(|e| (self.dir.join("state.lock"), e.to_string()))?;
            let (on_disk, unreadable) = read_state(&self.dir);
            // A state this build cannot read (a newer build's) is not
            // this review's to drop: it reads what it committed itself.
            let state = if unreadable.is_some() {
                &self.state
            } else {
                &on_disk
            };
            open_all(&self.dir, &state.segments)?
        };
        Ok(Snapshot(opened))
    }

    fn compact(&self, segments: &[String]) -> Result<String, StoreError> {
        let mut out = self.segment()?;
        let mut seen = std::collections::HashSet::new();
        let mut broken = None;
        self.lines_of(segments, |line| {
            let id = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string));
            if id.is_none_or(|id| seen.insert(id)) {
                let r = out
                    .file
                    .write_all(line.as_bytes())
                    .and_then(|_| out.file.write_all(b"\n"));
                if let Err(e) = r {
                    broken.get_or_insert(e);
                }
                out.count += 1;
            }
        })
        .map_err(|(path, why)| StoreError::Write {
            path,
            source: std::io::Error::other(why),
        })?;
        if let Some(source) = broken {
            return Err(StoreError::Write {
                path: self.dir.clone(),
                source,
            });
        }
        let name = format!("{}.jsonl", uuid::Uuid::new_v4().simple());
        persist(out, &self.dir.join(&name))?;
        Ok(name)
    }

    fn lines_of(
        &self,
        segments: &[String],
        each: impl FnMut(&str),
    ) -> Result<(), (PathBuf, String)> {
        // Only under the exclusive lock: no one else removes segments now.
        read_lines(&mut open_all(&self.dir, segments)?, each)
    }

    fn lock(&self, mode: Mode) -> Result<Held, StoreError> {
        let path = self.dir.join("state.lock");
        crate::lock::lock(&path, mode, LOCK_WAIT, || {}).map_err(|e| match e {
            LockError::Io { path, source } => StoreError::Write { path, source },
            busy => StoreError::Write {
                path,
                source: std::io::Error::other(busy.to_string()),
            },
        })
    }

    /// Removes the segments the state no longer names. Under the
    /// exclusive lock: a segment is named as soon as it is in place, so
    /// one that is not is another commit's leftover (compacted, or a
    /// review killed between the two), and no reader is opening it. A
    /// fetch in progress elsewhere writes a temporary file, left alone
    /// until it is far older than any fetch.
    fn sweep(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".jsonl") && !self.state.segments.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
        crate::store::sweep_stale(&self.dir);
    }
}

/// The state in `dir`, or an empty one and why it could not be read.
/// A `stored` text as a moment; the state's was checked when read, a
/// fetch's when taken from the LRS.
fn moment(at: &Option<String>) -> Option<Timestamp> {
    at.as_deref().and_then(|t| t.parse().ok())
}

fn read_state(dir: &Path) -> (State, Option<String>) {
    let path = dir.join("state.json");
    match std::fs::read(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (State::default(), None),
        Err(e) => (State::default(), Some(format!("{}: {e}", path.display()))),
        Ok(bytes) => match serde_json::from_slice::<State>(&bytes) {
            Ok(s) if s.format == STATE_FORMAT && s.segments.iter().all(|n| safe(n)) => {
                match s.since.as_deref().map(str::parse::<Timestamp>) {
                    Some(Err(e)) => (
                        State::default(),
                        Some(format!("{}: `since`: {e}", path.display())),
                    ),
                    _ => (s, None),
                }
            }
            Ok(s) => (
                State::default(),
                Some(format!("{}: format {} unknown", path.display(), s.format)),
            ),
            Err(e) => (State::default(), Some(format!("{}: {e}", path.display()))),
        },
    }
}

type Opened = Vec<(PathBuf, std::fs::File)>;

/// Opens every segment first: once open, a segment can be read to its end
/// even if a commit elsewhere removes it meanwhile.
fn open_all(dir: &Path, segments: &[String]) -> Result<Opened, (PathBuf, String)> {
    segments
        .iter()
        .map(|name| {
            let path = dir.join(name);
            match std::fs::File::open(&path) {
                Ok(f) => Ok((path, f)),
                Err(e) => Err((path, e.to_string())),
            }
        })
        .collect()
}

/// Cached segments, open: once open, each can be read to its end even if a
/// commit elsewhere removes it meanwhile.
pub struct Snapshot(Opened);

impl Snapshot {
    /// Every line of every segment, from the start, in order.
    pub fn lines(&mut self, each: impl FnMut(&str)) -> Result<(), (PathBuf, String)> {
        read_lines(&mut self.0, each)
    }
}

fn read_lines(opened: &mut Opened, mut each: impl FnMut(&str)) -> Result<(), (PathBuf, String)> {
    use std::io::Seek;
    for (path, file) in opened {
        file.rewind().map_err(|e| (path.clone(), e.to_string()))?;
        for line in std::io::BufReader::new(&*file).lines() {
            let line = line.map_err(|e| (path.clone(), e.to_string()))?;
            if !line.trim().is_empty() {
                each(&line);
            }
        }
    }
    Ok(())
}

/// A segment's name is one of ours, never a path elsewhere.
fn safe(name: &str) -> bool {
    name.ends_with(".jsonl") && !name.contains(['/', '\\']) && !name.starts_with('.')
}

fn persist(segment: Segment, path: &Path) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let tmp = segment.file.into_inner().map_err(|e| err(e.into_error()))?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    if let Ok(d) = std::fs::File::open(segment.dir) {
        d.sync_all().map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
