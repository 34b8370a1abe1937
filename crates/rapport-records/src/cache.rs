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

use crate::store::{StoreError, write_atomically};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// What `state.json` holds.
const STATE_FORMAT: u32 = 1;

/// Past this many segments, a commit rewrites them as one.
const MAX_SEGMENTS: usize = 16;

/// The cache of one query of one LRS.
pub struct Cache {
    dir: PathBuf,
    state: State,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct State {
    format: u32,
    /// Fetch from here next time: the latest `stored` of a complete fetch,
    /// as the LRS wrote it.
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
        let path = dir.join("state.json");
        let (state, note) = match std::fs::read(&path) {
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
        };
        let note =
            note.map(|n| format!("the cache cannot be read ({n}); fetching everything again"));
        (Cache { dir, state }, note)
    }

    /// Where it is.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The moment to fetch from, as the LRS wrote it: nothing stored up
    /// to it is new.
    pub fn since(&self) -> Option<String> {
        self.state.since.clone()
    }

    /// Forgets everything, at the next commit.
    pub fn forget(&mut self) {
        self.state = State::default();
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
    /// from next, a `stored` as the LRS wrote it (`None`: where it was).
    pub fn commit(&mut self, segment: Segment, since: Option<String>) -> Result<(), StoreError> {
        let mut state = self.state.clone();
        state.format = STATE_FORMAT;
        if segment.count > 0 {
            let name = format!("{}.jsonl", uuid::Uuid::new_v4().simple());
            persist(segment, &self.dir.join(&name))?;
            state.segments.push(name);
        }
        state.since = since.or(state.since);
        if state.segments.len() > MAX_SEGMENTS {
            state.segments = vec![self.compact(&state.segments)?];
        }
        let json = serde_json::to_vec_pretty(&state).expect("a state always serialises");
        write_atomically(&self.dir.join("state.json"), &json)?;
        self.state = state;
        self.sweep();
        Ok(())
    }

    /// Every cached statement line, segment by segment. A segment that has
    /// gone is reported by the caller as the error, by path.
    pub fn lines(&self, mut each: impl FnMut(&str)) -> Result<(), (PathBuf, String)> {
        for name in &self.state.segments {
            let path = self.dir.join(name);
            let file = std::fs::File::open(&path).map_err(|e| (path.clone(), e.to_string()))?;
            for line in std::io::BufReader::new(file).lines() {
                let line = line.map_err(|e| (path.clone(), e.to_string()))?;
                if !line.trim().is_empty() {
                    each(&line);
                }
            }
        }
        Ok(())
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
        Cache {
            dir: self.dir.clone(),
            state: State {
                segments: segments.to_vec(),
                ..State::default()
            },
        }
        .lines(each)
    }

    /// Removes segments the state no longer names, once they are old
    /// enough not to be another review's, still being committed.
    fn sweep(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let ours = name.ends_with(".jsonl") || name.starts_with(".saving-");
            if !ours || self.state.segments.contains(&name) {
                continue;
            }
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(60));
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
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
mod tests {
    use super::Cache;
    use serde_json::json;

    fn lines(c: &Cache) -> Vec<String> {
        let mut out = Vec::new();
        c.lines(|l| out.push(l.to_string())).unwrap();
        out
    }

    #[test]
    fn only_committed_segments_count_and_many_become_one() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, note) = Cache::open(dir.path().join("q"));
        assert!(note.is_none());
        let t = "2026-11-02T10:00:00.800Z".to_string();
        for i in 0..20 {
            let mut s = c.segment().unwrap();
            s.push(&json!({ "id": i })).unwrap();
            c.commit(s, Some(t.clone())).unwrap();
        }
        // A fetch that failed: its segment is dropped, never read.
        let mut lost = c.segment().unwrap();
        lost.push(&json!({ "id": "lost" })).unwrap();
        drop(lost);
        let (c, _) = Cache::open(dir.path().join("q"));
        assert_eq!(lines(&c).len(), 20);
        assert!(c.state.segments.len() <= super::MAX_SEGMENTS);
        assert_eq!(c.since(), Some(t));
    }

    #[test]
    fn an_unreadable_state_is_an_empty_cache_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("q")).unwrap();
        std::fs::write(dir.path().join("q/state.json"), "{ torn").unwrap();
        let (c, note) = Cache::open(dir.path().join("q"));
        assert!(note.unwrap().contains("fetching everything again"));
        assert!(c.since().is_none() && lines(&c).is_empty());
        let evil = r#"{"format":1,"since":null,"segments":["../../x.jsonl"]}"#;
        std::fs::write(dir.path().join("q/state.json"), evil).unwrap();
        let (c, note) = Cache::open(dir.path().join("q"));
        assert!(note.is_some() && lines(&c).is_empty());
        let never = r#"{"format":1,"since":"tomorrow","segments":[]}"#;
        std::fs::write(dir.path().join("q/state.json"), never).unwrap();
        let (c, note) = Cache::open(dir.path().join("q"));
        assert!(note.unwrap().contains("since") && c.since().is_none());
    }
}
