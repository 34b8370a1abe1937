//! The numbered lessons of the seed texts, which rules and scenarios cite.

use super::file::{LessonsFile, Who};
use crate::diagnostic::Diagnostic;
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
    /// The seed text it comes from.
    pub seed: String,
    /// The lesson, in a sentence.
    pub lesson: Text,
    /// A few words of the Russian passage to find it by.
    pub passage: String,
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
        Ok(Lessons {
            items: file
                .lessons
                .into_iter()
                .map(|l| Lesson {
                    id: l.id,
                    who: l.who,
                    seed: l.seed,
                    lesson: l.lesson,
                    passage: l.passage,
                })
                .collect(),
        })
    }

    /// The lesson with this id.
    pub fn get(&self, id: &str) -> Option<&Lesson> {
        self.items.iter().find(|l| l.id == id)
    }
}
