//! The numbered lessons of the seed texts, which rules and scenarios cite.

use super::file::{LessonsFile, Who};
use crate::diagnostic::Diagnostic;
use crate::ron_text;
use crate::text::Text;
use std::path::Path;
use std::sync::OnceLock;

pub const SHIPPED_LESSONS: &str = include_str!("../../scenarios/lessons.ron");

#[derive(Clone, Debug)]
pub struct Lesson {
    pub id: String,
    pub who: Who,
    pub seed: String,
    pub lesson: Text,
    pub passage: String,
}

#[derive(Clone, Debug, Default)]
pub struct Lessons {
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

    pub fn get(&self, id: &str) -> Option<&Lesson> {
        self.items.iter().find(|l| l.id == id)
    }
}
