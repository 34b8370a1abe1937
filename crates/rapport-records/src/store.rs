//! Where records live: one RON file per session under
//! `DATA/records/<trainee>/`, written atomically, read back one by one so
//! that a broken file is reported and skipped, never fatal.

use crate::record::Record;
use rapport_core::text::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The data directory: `--data-dir`, else `RAPPORT_DATA_DIR`, else the
/// platform's (`~/.local/share/rapport` on Linux).
#[derive(Clone, Debug)]
pub struct DataDir {
    /// The directory itself: records, outboxes and exports go below it.
    pub root: PathBuf,
}

/// Why a record (or an outbox file) could not be kept.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Nothing names a data directory.
    #[error(
        "no data directory: none was given and this platform names none (set RAPPORT_DATA_DIR)"
    )]
    NoDataDir,
    /// The file system refused.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The usual reasons a save fails, so that the window can say them in the
/// trainee's language; the system's own words go beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// Nothing names a data directory.
    NoDataDir,
    /// No space left, or over quota.
    DiskFull,
    /// The file system is mounted read-only.
    ReadOnly,
    /// The trainee may not write there.
    NoPermission,
    /// A file stands where a directory of the store should be.
    InTheWay,
    /// Anything else: the system's words say what.
    Other,
}

impl StoreError {
    /// Which of the usual reasons this is.
    pub fn trouble(&self) -> Trouble {
        use std::io::ErrorKind::*;
        match self {
            StoreError::NoDataDir => Trouble::NoDataDir,
            StoreError::Write { source, .. } => match source.kind() {
                StorageFull | QuotaExceeded => Trouble::DiskFull,
                ReadOnlyFilesystem => Trouble::ReadOnly,
                PermissionDenied => Trouble::NoPermission,
                NotADirectory | AlreadyExists => Trouble::InTheWay,
                _ => Trouble::Other,
            },
        }
    }
}

impl DataDir {
    /// The data directory `flag` (`--data-dir`) names, else the environment,
    /// else the platform.
    pub fn resolve(flag: Option<&Path>) -> Result<DataDir, StoreError> {
        if let Some(p) = flag {
            return Ok(DataDir { root: p.into() });
        }
        if let Some(p) = std::env::var_os("RAPPORT_DATA_DIR").filter(|p| !p.is_empty()) {
            return Ok(DataDir { root: p.into() });
        }
        directories::ProjectDirs::from("", "", "rapport")
            .map(|d| DataDir {
                root: d.data_dir().to_path_buf(),
            })
            .ok_or(StoreError::NoDataDir)
    }

    /// Where the records are: `DATA/records`.
    pub fn records(&self) -> PathBuf {
        self.root.join("records")
    }

    /// Saves a record atomically: a temporary file beside the final one,
    /// flushed to disk, then renamed over it, then the directory flushed.
    /// A crash at any moment leaves either no file or the whole file.
    pub fn save(&self, record: &Record) -> Result<PathBuf, StoreError> {
        let path = self.path_for(record);
        write_atomically(&path, record.to_ron().as_bytes())?;
        if let Some(dir) = path.parent() {
            sweep_stale(dir);
        }
        Ok(path)
    }

    /// Where a record is kept: `records/<trainee>/<start>-<scenario>-<id>.ron`,
    /// every part a safe file name.
    pub fn path_for(&self, record: &Record) -> PathBuf {
        let name = format!(
            "{}-{}-{}.ron",
            record.started.strftime("%Y%m%dT%H%M%SZ"),
            file_name(&record.scenario),
            &record.id.simple().to_string()[..12]
        );
        self.records().join(file_name(&record.trainee)).join(name)
    }

    /// Every record file under the data directory, sorted; none when there
    /// is no directory yet. An unreadable directory is the error, by path.
    pub(crate) fn record_files(&self) -> Result<Vec<PathBuf>, (PathBuf, String)> {
        match rapport_core::catalog::ron_files_unsorted(&self.records()) {
            Ok(files) => Ok(by_name(files)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err((self.records(), e.to_string())),
        }
    }

    /// The record files of one trainee.
    pub(crate) fn record_files_of(&self, trainee: &str) -> Result<Vec<PathBuf>, (PathBuf, String)> {
        let dir = self.records().join(file_name(trainee));
        match rapport_core::catalog::ron_files_unsorted(&dir) {
            Ok(files) => Ok(by_name(files)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err((dir, e.to_string())),
        }
    }

    /// Every record under the data directory, and every file that could not
    /// be read as one, by path. A missing directory holds no records.
    pub fn load_all(&self) -> Loaded {
        let mut loaded = Loaded::default();
        let files = match self.record_files() {
            Ok(files) => files,
            Err(e) => {
                loaded.broken.push(e);
                return loaded;
            }
        };
        for path in files {
            match read_record(&path) {
                Ok(r) => loaded.records.push((path, r)),
                Err(why) => loaded.broken.push((path, why)),
            }
        }
        loaded
    }
}

/// Record files in byte order of their paths: the same order every time,
/// at a fraction of the cost of comparing paths component by component
/// (a store holds a hundred thousand).
fn by_name(mut files: Vec<PathBuf>) -> Vec<PathBuf> {
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    files
}

/// One record file, or why it is not one (a located message).
pub fn read_record(path: &Path) -> Result<Record, String> {
    let bytes = rapport_core::ron_text::read(path)
        .map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    Record::from_ron(path, &bytes).map_err(|d| d.to_string())
}

/// Every record of a data directory, read at once.
#[derive(Default)]
pub struct Loaded {
    /// The records, by path, in path order.
    pub records: Vec<(PathBuf, Record)>,
    /// Files that are not records, with why.
    pub broken: Vec<(PathBuf, String)>,
}

/// Writes `bytes` to `path` so that readers see the old file or the new one,
/// never a part: temporary file in the same directory, fsync, rename, fsync
/// of the directory.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".saving-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    // The rename is durable only once the directory entry is.
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().map_err(err)?;
    }
    Ok(())
}

/// How old a temporary file must be before it is taken for the leftover of
/// a save that was killed: far longer than any save takes, so a save in
/// progress elsewhere is never touched.
const STALE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the temporary files that saves killed half-way left in `dir`.
/// Best effort: a file that cannot be removed stays, harmlessly (it is
/// never read as a record).
pub(crate) fn sweep_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".saving-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A name that is safe as one path component on every platform, and tells
/// different names apart: `..`, separators, NUL and other control
/// characters, reserved device names, trailing dots and spaces, and very
/// long names are all mapped; whenever anything was changed, a short hash of
/// the original name is appended, so "a/b" and "a_b" stay two trainees.
pub(crate) fn file_name(name: &str) -> String {
    const MAX_CHARS: usize = 48;
    let mut out: String = name
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == ' ' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(MAX_CHARS)
        .collect();
    // No leading dots (hidden files, `..`), no trailing dots or spaces
    // (Windows drops them), nothing empty.
    let trimmed = out
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .trim_start();
    out = trimmed.replace(' ', "_");
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    if out.is_empty() {
        out.push('_');
    }
    if out != name {
        out.push('-');
        out.push_str(&rapport_core::digest::of_text(name)[..8]);
    }
    out
}

/// Characters that change how a name displays without being seen:
/// bidirectional controls (right-to-left overrides) and zero-width marks.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        || c.is_control()
}

impl Trouble {
    /// Why a record could not be kept, and what the trainee can do about it.
    pub fn label(self, lang: Lang) -> &'static str {
        use Trouble::*;
        let (en, ru) = match self {
            NoDataDir => (
                // The window's data directory is fixed when it starts.
                "this computer names no folder for records; set RAPPORT_DATA_DIR and start Rapport again",
                "на этом компьютере не задана папка для записей; задайте RAPPORT_DATA_DIR и запустите Rapport заново",
            ),
            DiskFull => (
                "the disk is full; free some space, then save again",
                "диск заполнен; освободите место и сохраните ещё раз",
            ),
            ReadOnly => (
                "the records folder is read-only; make it writable, then save again",
                "папка записей только для чтения; разрешите запись и сохраните ещё раз",
            ),
            NoPermission => (
                "you may not write to the records folder; get access, then save again",
                "нет прав на запись в папку записей; получите доступ и сохраните ещё раз",
            ),
            InTheWay => (
                "a file stands where the records folder should be; move it, then save again",
                "на месте папки записей лежит файл; уберите его и сохраните ещё раз",
            ),
            Other => (
                "the record could not be written; save again once that is fixed",
                "запись не удалось сохранить; сохраните ещё раз, когда это будет исправлено",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Ru => ru,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_save_sweeps_the_leftovers_of_killed_saves_but_not_fresh_ones() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".saving-old.tmp");
        let fresh = dir.path().join(".saving-fresh.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, "partial").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for p in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        super::sweep_stale(dir.path());
        assert!(!old.exists(), "an hour-old leftover goes");
        assert!(fresh.exists(), "a save in progress stays");
        assert!(other.exists(), "only our temporary files are touched");
    }

    #[test]
    fn plain_names_stay_as_they_are() {
        assert_eq!(file_name("sam"), "sam");
        assert_eq!(file_name("Саша_2"), "Саша_2");
    }

    #[test]
    fn dangerous_names_become_one_safe_component_and_stay_distinct() {
        let names = [
            "../x",
            "..",
            ".",
            "a/b",
            "a_b-1",
            "a\\b",
            "nul",
            "COM1",
            "lpt9.txt",
            "x\0y",
            "\u{202E}evil",
            "",
            "   ",
            "trailing. ",
            &"x".repeat(10_000),
        ];
        let mut seen = std::collections::HashSet::new();
        for n in names {
            let f = file_name(n);
            assert!(!f.is_empty(), "{n:?}");
            assert!(!f.contains(['/', '\\', '\0']), "{n:?} -> {f}");
            assert!(!f.starts_with('.'), "{n:?} -> {f}");
            assert!(!f.ends_with(['.', ' ']), "{n:?} -> {f}");
            assert!(f.chars().count() <= 60, "{n:?} -> {f}");
            assert!(!f.chars().any(super::is_invisible), "{n:?} -> {f}");
            let stem = f.split('.').next().unwrap().to_ascii_uppercase();
            assert!(
                !["NUL", "COM1", "LPT9", "CON"].contains(&stem.as_str()),
                "{n:?} -> {f}"
            );
            assert!(seen.insert(f.clone()), "{n:?} collides as {f}");
        }
    }
}
