//! Advisory locks between Rapport processes sharing one data directory.
//!
//! A lock is a file of its own beside what it guards, locked with the
//! operating system's advisory lock (`flock` on Unix, `LockFileEx` on
//! Windows). The system releases it when the process ends, however it
//! ends, so a killed process never leaves a lock behind; and the file is
//! never removed, because a removed lock file lets a second process lock a
//! new file of the same name while a first still holds the old one.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A lock held until dropped.
#[must_use = "the lock is released when this is dropped"]
#[derive(Debug)]
pub struct Held {
    // None: the file system cannot lock, and the work goes on unguarded.
    _file: Option<File>,
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process held it for as long as we were willing to wait.
    #[error("{path} is held by another rapport process (waited {}s)", waited.as_secs())]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// How long we waited.
        waited: Duration,
    },
    /// The lock file cannot be created or opened.
    #[error("cannot lock {path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Whether others may hold the lock at the same time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Only we hold it: for changing what it guards.
    Exclusive,
    /// Other shared holders too: for reading what it guards.
    Shared,
}

/// Locks `path` (created if need be), waiting up to `wait` for the
/// process that holds it. `waiting` is called once, when the lock is found
/// taken, so that the user can be told why nothing seems to happen.
pub fn lock(
    path: &Path,
    mode: Mode,
    wait: Duration,
    waiting: impl FnOnce(),
) -> Result<Held, LockError> {
    let io = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(io)?;
    let start = Instant::now();
    let mut waiting = Some(waiting);
    // Polled, not blocking: a blocking lock cannot be given up after a
    // while, and a holder stopped in a debugger would hang us for good.
    let mut pause = Duration::from_millis(5);
    loop {
        let tried = match mode {
            Mode::Exclusive => file.try_lock(),
            Mode::Shared => file.try_lock_shared(),
        };
        match tried {
            Ok(()) => return Ok(Held { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => {}
            // Some network file systems cannot lock at all: working
            // unguarded there is what every build before the locks did.
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Ok(Held { _file: None });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        if let Some(w) = waiting.take() {
            w();
        }
        let waited = start.elapsed();
        if waited >= wait {
            return Err(LockError::Busy {
                path: path.to_path_buf(),
                waited,
            });
        }
        std::thread::sleep(pause.min(wait - waited));
        pause = (pause * 2).min(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::{LockError, Mode, lock};
    use std::time::Duration;

    #[test]
    fn exclusive_excludes_everyone_and_shared_only_the_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.lock");
        let none = Duration::ZERO;
        let a = lock(&path, Mode::Shared, none, || {}).unwrap();
        let b = lock(&path, Mode::Shared, none, || {}).unwrap();
        let mut told = false;
        let busy = lock(&path, Mode::Exclusive, none, || told = true);
        assert!(matches!(busy, Err(LockError::Busy { .. })), "{busy:?}");
        assert!(told, "the caller hears that it waits");
        drop((a, b));
        let x = lock(&path, Mode::Exclusive, none, || {}).unwrap();
        assert!(lock(&path, Mode::Shared, none, || {}).is_err());
        drop(x);
        assert!(lock(&path, Mode::Shared, none, || {}).is_ok());
    }

    #[test]
    fn a_waiter_gets_the_lock_once_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = lock(&path, Mode::Exclusive, Duration::ZERO, || {}).unwrap();
        let p = path.clone();
        let waiter = std::thread::spawn(move || {
            lock(&p, Mode::Exclusive, Duration::from_secs(60), || {}).map(|_| ())
        });
        std::thread::sleep(Duration::from_millis(50));
        drop(held);
        waiter.join().unwrap().unwrap();
    }
}
