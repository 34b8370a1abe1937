//! What the review shows, written as CSV for a spreadsheet: the sessions in
//! view, or the skill map.

use super::View;
use crate::model::Library;
use rapport_core::i18n::{self, Label};
use rapport_core::text::Lang;
use rapport_records::review;

/// Writes the sessions in view as CSV under the data directory's
/// `exports/`; the message says where, or why not.
pub(super) fn export(lib: &Library, view: &View, lang: Lang) -> (String, bool) {
    let shown: Vec<review::Attempt> = view.shown().into_iter().cloned().collect();
    write(lib, lang, "review", shown.len(), |w| {
        review::write_sessions_csv(w, &shown)
    })
}

/// Writes the skill map shown as CSV, as `rapport report --skills --format
/// csv` does, in the window's language.
pub(super) fn export_skills(lib: &Library, view: &View, lang: Lang) -> (String, bool) {
    let Some(skills) = view.current_skills() else {
        return (i18n::label(lang, Label::WorkingOut).to_string(), false);
    };
    let lessons = rapport_core::rulebook::Lessons::shipped();
    let rows = skills.trainees.len() + usize::from(skills.team.is_some());
    write(lib, lang, "skills", rows, |w| {
        review::write_skills_csv(w, skills, &lib.book, lessons, lang)
    })
}

fn write(
    lib: &Library,
    lang: Lang,
    name: &str,
    count: usize,
    rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> (String, bool) {
    let Some(data) = &lib.data else {
        return ("no data directory".into(), false);
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let bytes = rows(&mut w)
        .map_err(|e| e.to_string())
        .and_then(|()| w.into_inner().map_err(|e| e.to_string()));
    let path = data.root.join("exports").join(format!(
        "{name}-{}.csv",
        jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ")
    ));
    let written = bytes.and_then(|b| {
        rapport_records::store::write_atomically(&path, &b).map_err(|e| e.to_string())
    });
    match written {
        Ok(()) => (
            format!(
                "{} {count}: {}",
                i18n::label(lang, Label::Exported),
                path.display()
            ),
            true,
        ),
        Err(e) => (e, false),
    }
}
