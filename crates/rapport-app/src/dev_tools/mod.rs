//! Tools for maintainers and tests, built only with the `dev` feature: the
//! screenshot tour (`RAPPORT_TOUR=DIR`, with `RAPPORT_TOUR_RECORDS=DATA` to
//! start from a copy of another data directory's records, so that the
//! review shows a team) and the start-up probe (`RAPPORT_PROBE=first-frame`).
//! A trainee's build has neither.

mod probe;
mod tour;

use crate::Library;
use bevy::prelude::*;
use rapport_records::store::DataDir;
use std::path::PathBuf;
use std::time::Instant;

/// Adds the tools the environment asks for. The tour plays and keeps
/// sessions, so it gets a data directory of its own, never the user's
/// records: the guard returned removes it once the window has closed.
pub(crate) fn plugin(app: &mut App, started: Instant) -> Option<TempData> {
    if std::env::var_os("RAPPORT_PROBE").is_some_and(|p| p == "first-frame") {
        app.add_plugins(probe::plugin(started));
    }
    let dir = std::env::var_os("RAPPORT_TOUR")?;
    let data = TempData::new();
    if let (Some(d), Some(from)) = (&data, std::env::var_os("RAPPORT_TOUR_RECORDS")) {
        let from = PathBuf::from(from).join("records");
        if let Err(e) = copy_tree(&from, &d.0.join("records")) {
            eprintln!("rapport: the tour starts without {}: {e}", from.display());
        }
    }
    app.world_mut().resource_mut::<Library>().data =
        data.as_ref().map(|d| DataDir { root: d.0.clone() });
    app.add_plugins(tour::plugin(dir.into()));
    data
}

/// Copies the files under `from` to `to`, directories and all.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A data directory made for one run, removed when dropped.
pub(crate) struct TempData(PathBuf);

impl TempData {
    fn new() -> Option<TempData> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("rapport-tour-{}-{nanos}", std::process::id()));
        match std::fs::create_dir_all(&dir) {
            Ok(()) => Some(TempData(dir)),
            Err(e) => {
                // Without one the tour still shows every screen; the review is empty.
                eprintln!("rapport: no data directory for the tour ({e})");
                None
            }
        }
    }
}

impl Drop for TempData {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
