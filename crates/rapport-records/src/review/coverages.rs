//! What each scenario can test, as the skill map asks for it: each level of
//! each scenario computed once, only when asked, and kept under the data
//! directory so that the next review reads it instead.

use rapport_core::coverage::{Coverage, LevelCoverage};
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{Difficulty, Scenario};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Bumped whenever what a kept table means changes, so that tables kept by
/// an older build are computed again rather than believed.
const FORMAT: u32 = 1;

/// The scenarios a skill map can propose, and what each can test at each
/// level.
pub struct Coverages<'a> {
    ids: Vec<String>,
    /// Empty when the tables were given.
    scenarios: Vec<&'a Scenario>,
    book: Option<&'a Rulebook>,
    slots: Vec<[OnceLock<LevelCoverage>; 3]>,
    cache: Option<PathBuf>,
}

impl<'a> Coverages<'a> {
    /// The tables of `scenarios`, computed when first asked for; with
    /// `cache` (a directory, see [`Coverages::cache_dir`]), read from there
    /// when an earlier review kept them for the same scenario file,
    /// rulebook and build, and kept there once computed.
    pub fn new(
        scenarios: impl IntoIterator<Item = &'a Scenario>,
        book: &'a Rulebook,
        cache: Option<PathBuf>,
    ) -> Self {
        let scenarios: Vec<&Scenario> = scenarios.into_iter().collect();
        Coverages {
            ids: scenarios.iter().map(|s| s.id.clone()).collect(),
            slots: scenarios.iter().map(|_| Default::default()).collect(),
            scenarios,
            book: Some(book),
            cache,
        }
    }

    /// Tables already computed (or made by hand, in tests).
    pub fn known(tables: Vec<Coverage>) -> Coverages<'static> {
        Coverages {
            ids: tables.iter().map(|c| c.scenario.clone()).collect(),
            slots: tables
                .into_iter()
                .map(|c| {
                    let slots: [OnceLock<LevelCoverage>; 3] = Default::default();
                    for l in c.levels {
                        let _ = slots[level_index(l.level)].set(l);
                    }
                    slots
                })
                .collect(),
            scenarios: Vec::new(),
            book: None,
            cache: None,
        }
    }

    /// Where a data directory keeps the tables: `DATA/cache/coverage`.
    pub fn cache_dir(data: &crate::store::DataDir) -> PathBuf {
        // Beside `records`, whatever the data directory's root is called.
        data.records().with_file_name("cache").join("coverage")
    }

    /// How many scenarios.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of scenario `i`.
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    /// What scenario `i` can test at `level`, computed now if no one has
    /// yet. A table given without that level tests nothing there.
    pub fn at(&self, i: usize, level: Difficulty) -> &LevelCoverage {
        self.slots[i][level_index(level)].get_or_init(|| self.compute(i, level))
    }

    /// Computes the tables of these scenarios and levels in parallel, ahead
    /// of [`Coverages::at`] asking for them one by one.
    pub fn prefetch(&self, wanted: &[(usize, Difficulty)]) {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = wanted.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for part in wanted.chunks(chunk) {
                scope.spawn(move || {
                    for &(i, level) in part {
                        self.at(i, level);
                    }
                });
            }
        });
    }

    fn compute(&self, i: usize, level: Difficulty) -> LevelCoverage {
        let (Some(book), Some(scenario)) = (self.book, self.scenarios.get(i)) else {
            return LevelCoverage {
                level,
                rules: Vec::new(),
            };
        };
        let file = self.cache.as_ref().map(|dir| {
            let key = format!(
                "{FORMAT}\n{}\n{}\n{}\n{}",
                env!("CARGO_PKG_VERSION"),
                scenario.hash,
                book.hash,
                level.name()
            );
            let key = &rapport_core::digest::of_text(&key)[..32];
            let name = crate::store::file_name(&scenario.id);
            dir.join(format!("{name}-{}-{key}.json", level.name()))
        });
        // A kept table that cannot be read, or does not fit the rulebook,
        // is computed again and written over.
        let kept = file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|b| serde_json::from_slice::<LevelCoverage>(&b).ok())
            .filter(|c| c.level == level && c.rules.len() == book.rules.len());
        if let Some(c) = kept {
            return c;
        }
        let c = LevelCoverage::of(scenario, book, level);
        if let (Some(f), Ok(bytes)) = (&file, serde_json::to_vec(&c)) {
            // Only a cache: a review that cannot keep it computes it again.
            let _ = crate::store::write_atomically(f, &bytes);
        }
        c
    }
}

fn level_index(level: Difficulty) -> usize {
    Difficulty::ALL
        .iter()
        .position(|l| *l == level)
        .unwrap_or_default()
}
