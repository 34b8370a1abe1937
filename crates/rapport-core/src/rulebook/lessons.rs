//! The numbered lessons of the seed texts, which rules and scenarios cite,
//! and the project's own for what the seeds do not cover, each resting on a
//! named published source.

use super::file::{LessonsFile, Who};
use crate::diagnostic::{Diagnostic, Source};
use crate::ron_text;
use crate::text::Text;
use std::path::Path;
use std::sync::OnceLock;

pub const SHIPPED_LESSONS: &str = include_str!("../../../../scenarios/lessons.ron");

/// A lesson drawn from the seed texts.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// Its id, as rules cite it (`L001.1`).
    pub id: String,
    /// Who acts on it.
    pub who: Who,
    /// Where it comes from.
    pub origin: Origin,
    /// The lesson, in a sentence.
    pub lesson: Text,
}

/// Where a lesson comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// One of the four seed texts.
    Seed {
        /// The seed's file name.
        file: String,
        /// A few words of its Russian passage to find the lesson by.
        passage: String,
    },
    /// Not the seeds: the project's own lesson, resting on a published
    /// method or book, named so that a trainer can check it.
    Own {
        /// Author, title, year.
        source: String,
    },
}

impl Lesson {
    /// Whether it is the project's own rather than the seeds'.
    pub fn is_own(&self) -> bool {
        matches!(self.origin, Origin::Own { .. })
    }
}

/// The lesson index.
#[derive(Clone, Debug, Default)]
pub struct Lessons {
    /// The lessons, in the order of the file.
    pub items: Vec<Lesson>,
}

impl Lessons {
    /// The lesson index shipped inside the binary (checked by the test suite).
    pub fn shipped() -> &'static Lessons {
        static SHIPPED: OnceLock<Lessons> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            Lessons::load(Path::new("scenarios/lessons.ron"), SHIPPED_LESSONS)
                .unwrap_or_else(|d| panic!("the shipped lesson index is broken: {d}"))
        })
    }

    /// Reads the lesson index at `path`.
    pub fn load(path: &Path, text: &str) -> Result<Lessons, Diagnostic> {
        let file: LessonsFile = ron_text::parse(path, text)?;
        let mut items = Vec::new();
        for (i, l) in file.lessons.into_iter().enumerate() {
            // A lesson is the seeds' (with the passage that shows it) or
            // the project's own (with the source it rests on), never both
            // nor neither: an own lesson must not pass for the seeds'.
            let origin = match (l.seed, l.passage, l.source) {
                (Some(file), Some(passage), None) => Origin::Seed { file, passage },
                (None, None, Some(source)) if !source.trim().is_empty() => Origin::Own { source },
                (seed, passage, source) => {
                    let why = match (seed.is_some(), passage.is_some(), source.is_some()) {
                        (true, false, false) => "a seed's lesson needs its `passage`",
                        (false, true, false) => "a `passage` needs the `seed` it is from",
                        (false, false, false) => {
                            "a lesson needs a `seed` and `passage`, or the `source` it rests on"
                        }
                        (false, false, true) => {
                            "an own lesson's `source` must name a method or book"
                        }
                        _ => {
                            "a lesson is the seeds' (`seed`, `passage`) or its own (`source`), not both"
                        }
                    };
                    let src = Source::new(path, text);
                    let at = src.key_offset(&format!("lessons[{i}]"));
                    return Err(src.error(at, format!("lesson `{}`: {why}", l.id)));
                }
            };
            items.push(Lesson {
                id: l.id,
                who: l.who,
                origin,
                lesson: l.lesson,
            });
        }
        Ok(Lessons { items })
    }

    /// The lesson with this id.
    pub fn get(&self, id: &str) -> Option<&Lesson> {
        self.items.iter().find(|l| l.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::{Lessons, Origin};
    use std::path::Path;

    fn load(lessons: &str) -> Result<Lessons, crate::diagnostic::Diagnostic> {
        Lessons::load(
            Path::new("lessons.ron"),
            &format!("Lessons(lessons: [{lessons}])"),
        )
    }

    const TEXT: &str =
        r#"lesson: (en: "Qualify before you pitch.", ru: "Сначала квалифицируйте.")"#;

    #[test]
    fn a_lesson_is_the_seeds_or_the_projects_own_with_its_source() {
        let seed = format!(
            r#"Lesson(id: "L001.1", who: Trainee, seed: "001.txt", passage: "«слово»", {TEXT})"#
        );
        let own = format!(
            r#"Lesson(id: "LX.1", who: Trainee, source: "Neil Rackham, SPIN Selling (1988)", {TEXT})"#
        );
        let l = load(&format!("{seed}, {own}")).unwrap();
        assert!(!l.items[0].is_own());
        assert_eq!(
            l.items[1].origin,
            Origin::Own {
                source: "Neil Rackham, SPIN Selling (1988)".into()
            }
        );
    }

    #[test]
    fn an_own_lesson_cannot_pass_for_the_seeds_nor_a_lesson_come_from_nowhere() {
        let both = format!(
            "\n  Lesson(id: \"LX.1\", who: Trainee, seed: \"001.txt\", passage: \"«»\", source: \"A book\", {TEXT})"
        );
        let e = load(&both).unwrap_err();
        assert!(
            e.message.contains("`LX.1`") && e.message.contains("not both"),
            "{e}"
        );
        assert_eq!((e.line, e.col), (2, 3), "located at the lesson");
        let neither = format!(r#"Lesson(id: "LX.2", who: Trainee, {TEXT})"#);
        let e = load(&neither).unwrap_err();
        assert!(e.message.contains("or the `source`"), "{e}");
        let no_passage = format!(r#"Lesson(id: "L9.1", who: Trainee, seed: "001.txt", {TEXT})"#);
        assert!(load(&no_passage).unwrap_err().message.contains("passage"));
    }
}
