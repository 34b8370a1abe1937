//! Which records a review or an export takes, and reading them.

use super::Attempt;
use crate::record::Record;
use crate::store::DataDir;
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// What to keep of the sessions.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this trainee's.
    pub trainee: Option<String>,
    /// Only those of this scenario, by id.
    pub scenario: Option<String>,
    /// Only those started then or later.
    pub since: Option<Timestamp>,
}

impl Filter {
    /// Whether the filter keeps this record.
    pub fn keeps(&self, r: &Record) -> bool {
        self.keeps_fields(&r.trainee, &r.scenario, r.started)
    }

    /// Whether the filter keeps this attempt: the window filters what it
    /// has reviewed already without reading the records again.
    pub fn keeps_attempt(&self, a: &Attempt) -> bool {
        self.keeps_fields(&a.trainee, &a.scenario, a.started)
    }

    fn keeps_fields(&self, trainee: &str, scenario: &str, started: Timestamp) -> bool {
        self.trainee.as_ref().is_none_or(|t| t == trainee)
            && self.scenario.as_ref().is_none_or(|s| s == scenario)
            && self.since.is_none_or(|t| started >= t)
    }
}

/// What [`select`] made of the records it kept, and the files it could not
/// read.
pub(crate) struct Selected<T> {
    /// In the order the records were started (ties by record id).
    pub(crate) kept: Vec<T>,
    /// Files that are not records, by path, with why.
    pub(crate) skipped: Vec<(PathBuf, String)>,
}

/// Reads every record under `data` that `filter` keeps and makes `each` of
/// it: the one selection of records that the review and the xAPI export
/// share. One record at a time per thread, each dropped once `each` has
/// seen it, so memory follows what is made of the records kept, not the
/// bytes on disk; a file that cannot be read is skipped and reported.
pub(crate) fn select<T: Send>(
    data: &DataDir,
    filter: &Filter,
    each: impl Fn(&Path, &Record) -> T + Sync,
) -> Selected<T> {
    // A trainee's records are all in their own directory.
    let files = match &filter.trainee {
        Some(t) => data.record_files_of(t),
        None => data.record_files(),
    };
    let files = match files {
        Ok(files) => files,
        Err(e) => {
            return Selected {
                kept: Vec::new(),
                skipped: vec![e],
            };
        }
    };
    let each = &each;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    type Part<T> = (Vec<(Timestamp, uuid::Uuid, T)>, Vec<(PathBuf, String)>);
    let parts: Vec<Part<T>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let (mut kept, mut skipped) = (Vec::new(), Vec::new());
                    for path in part {
                        match crate::store::read_record(path) {
                            Ok(r) if filter.keeps(&r) => {
                                kept.push((r.started, r.id, each(path, &r)))
                            }
                            Ok(_) => {}
                            Err(why) => skipped.push((path.clone(), why)),
                        }
                    }
                    (kept, skipped)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| (Vec::new(), Vec::new())))
            .collect()
    });
    let (mut kept, mut skipped) = (Vec::new(), Vec::new());
    for (k, s) in parts {
        kept.extend(k);
        skipped.extend(s);
    }
    kept.sort_by_key(|k| (k.0, k.1));
    Selected {
        kept: kept.into_iter().map(|(_, _, t)| t).collect(),
        skipped,
    }
}
