//! Keeping the finished session as a record, and saying what became of it.

use crate::author::Author;
use crate::model::{Library, Play, Saved, Settings};
use bevy::prelude::*;
use rapport_records::record::Record;
use rapport_records::store::StoreError;

/// Keeps the finished session as a record, once: `started` is taken, so a
/// debrief shown again does not save twice.
pub(super) fn save(
    lib: Res<Library>,
    mut play: ResMut<Play>,
    settings: Res<Settings>,
    mut saved: ResMut<Saved>,
    author: Option<Res<Author>>,
) {
    // An author trying their own file is not training.
    if play.reviewing.is_some() || author.is_some() {
        *saved = Saved::Nothing;
        return;
    }
    let Some(started) = play.started.take() else {
        return;
    };
    let Some(session) = play.session() else {
        return;
    };
    if !session.is_over() {
        return;
    }
    let record = Record::of(
        session,
        &settings.trainee_or_default(),
        settings.lang,
        started,
        jiff::Timestamp::now(),
    );
    *saved = save_record(&lib, record);
}

/// Writes `record` to the data directory, or says why it could not be.
pub(super) fn save_record(lib: &Library, record: Record) -> Saved {
    match &lib.data {
        None => {
            let e = StoreError::NoDataDir;
            Saved::Failed {
                trouble: e.trouble(),
                detail: e.to_string(),
                record: None,
            }
        }
        Some(data) => match data.save(&record) {
            Ok(path) => Saved::At(path),
            Err(e) => Saved::Failed {
                trouble: e.trouble(),
                detail: e.to_string(),
                record: Some(Box::new(record)),
            },
        },
    }
}
