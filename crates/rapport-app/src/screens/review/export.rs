//! The sessions in view, written as CSV for a spreadsheet.

use super::View;
use crate::model::Library;
use rapport_core::i18n::{self, Label};
use rapport_core::text::Lang;
use rapport_records::review;

/// Writes the sessions in view as CSV under the data directory's
/// `exports/`; the message says where, or why not.
pub(super) fn export(lib: &Library, view: &View, lang: Lang) -> (String, bool) {
    let Some(data) = &lib.data else {
        return ("no data directory".into(), false);
    };
    let shown: Vec<review::Attempt> = view.shown().into_iter().cloned().collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let bytes = review::write_sessions_csv(&mut w, &shown)
        .map_err(|e| e.to_string())
        .and_then(|()| w.into_inner().map_err(|e| e.to_string()));
    let path = data.root.join("exports").join(format!(
        "review-{}.csv",
        jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ")
    ));
    let written = bytes.and_then(|b| {
        rapport_records::store::write_atomically(&path, &b).map_err(|e| e.to_string())
    });
    match written {
        Ok(()) => (
            format!(
                "{} {}: {}",
                i18n::label(lang, Label::Exported),
                shown.len(),
                path.display()
            ),
            true,
        ),
        Err(e) => (e, false),
    }
}
