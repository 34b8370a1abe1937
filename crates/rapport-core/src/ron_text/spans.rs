//! Where every value of a RON text lies, by its path in the data.
//!
//! serde hands the compilers plain data with no positions; a diagnostic about
//! a value found wrong later (an unknown `next`, a duplicate id) needs the
//! place that value was written. Searching the text for the value finds the
//! wrong place whenever the same words occur earlier: in a comment, in
//! another field, inside a string. This pass reads the text the way RON
//! does, so that every position it gives is that of the value itself.
//!
//! Paths name values as the data does: `id` and `beats` at the top,
//! `beats[3].choices[1].next` inside, `.0` for the fields of a tuple or a
//! tuple variant (`when.0` is the flag of `Flag("met")`), `[key]` for a map
//! entry (the key without its quotes). `Some(x)` is transparent, as it is to
//! serde with implicit `Some`: the path of the option is the path of `x`.

mod lex;
mod walk;

use rustc_hash::FxHashMap;
use std::ops::Range;
use walk::Walker;

/// The byte range of every value of a RON text, keyed by its path.
///
/// Built by [`Spans::of`] for any text at all: a text RON would reject gets
/// the spans of whatever could be read, and never a panic.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    /// In the order the values start in the text.
    entries: Vec<Entry>,
    /// Path to its first entry: a field written twice is serde's error, and
    /// the first is the one it names.
    index: FxHashMap<String, usize>,
}

#[derive(Clone, Debug)]
struct Entry {
    path: String,
    value: Range<usize>,
    /// The field name, or a map entry's key.
    key: Option<Range<usize>>,
}

impl Spans {
    /// Reads `text` and records where each of its values lies.
    pub fn of(text: &str) -> Spans {
        let mut walker = Walker {
            text,
            pos: 0,
            entries: Vec::new(),
            depth: 0,
        };
        walker.skip_trivia();
        walker.value(String::new(), None);
        // Each value's entry is made before those inside it, so the entries
        // are already in the order the values start.
        let entries = walker.entries;
        let mut index = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            index.entry(e.path.clone()).or_insert(i);
        }
        Spans { entries, index }
    }

    /// The byte range of the value at `path`, if the text has one there.
    pub fn get(&self, path: &str) -> Option<Range<usize>> {
        self.entry(path).map(|e| e.value.clone())
    }

    /// The byte range of the key that names the value at `path`: the field
    /// name of a struct field, the key of a map entry. `None` for list and
    /// tuple elements, which have no key, and for paths not in the text.
    pub fn key(&self, path: &str) -> Option<Range<usize>> {
        self.entry(path).and_then(|e| e.key.clone())
    }

    /// The value at `path`, or else the value of its nearest ancestor that
    /// the text has: a diagnostic about a field left out points at the
    /// struct it was left out of. `None` only when not even the top-level
    /// value could be read.
    pub fn nearest(&self, path: &str) -> Option<Range<usize>> {
        self.nearest_entry(path).map(|e| e.value.clone())
    }

    /// Like [`nearest`](Self::nearest), but the key of a field rather than
    /// its value: for a diagnostic about the field as a whole
    /// (`max_turns must be ...`), which reads best at the field's name.
    pub fn key_or_nearest(&self, path: &str) -> Option<Range<usize>> {
        self.nearest_entry(path)
            .map(|e| e.key.clone().unwrap_or_else(|| e.value.clone()))
    }

    /// Every recorded value in the order it starts in the text, as its path
    /// and byte range.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.entries
            .iter()
            .map(|e| (e.path.as_str(), e.value.clone()))
    }

    fn entry(&self, path: &str) -> Option<&Entry> {
        self.index.get(path).map(|&i| &self.entries[i])
    }

    fn nearest_entry(&self, path: &str) -> Option<&Entry> {
        if let Some(e) = self.entry(path) {
            return Some(e);
        }
        // The longest prefix that ends where a segment begins and that the
        // text has; the empty path is the top-level value.
        path.char_indices()
            .rev()
            .filter(|&(i, c)| matches!(c, '.' | '[') && i > 0)
            .find_map(|(i, _)| self.entry(&path[..i]))
            .or_else(|| self.entry(""))
    }
}
