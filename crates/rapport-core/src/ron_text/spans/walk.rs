//! The recursive descent over values: structs, tuples, lists, maps and
//! `Some`, each recorded under its path.

use super::Entry;
use std::ops::Range;

/// Deeper than any file RON accepts (its limit is
/// [`MAX_NESTING`](crate::ron_text::MAX_NESTING)); beyond it values are skipped, not
/// recorded, so that no input can exhaust the stack.
const MAX_DEPTH: usize = 256;

/// The path of field `name` of the value at `parent`.
fn field(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// A cursor over the text and the entries read so far.
pub(super) struct Walker<'t> {
    pub(super) text: &'t str,
    pub(super) pos: usize,
    pub(super) entries: Vec<Entry>,
    pub(super) depth: usize,
}

impl Walker<'_> {
    /// Reads one value at `path`, recording it and everything inside it;
    /// `key` is the field name or map key it was written under. Leaves the
    /// position just past the value; reads nothing if no value starts here.
    pub(super) fn value(&mut self, path: String, key: Option<Range<usize>>) {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return;
        };
        if self.depth >= MAX_DEPTH {
            if matches!(c, '(' | '[' | '{') {
                self.skip_balanced();
            } else {
                self.bump();
            }
            return;
        }
        self.depth += 1;
        let slot = self.entries.len();
        self.entries.push(Entry {
            path: path.clone(),
            value: start..start,
            key,
        });
        let mut transparent = false;
        match c {
            '"' => self.string(),
            '\'' => self.char_literal(),
            '(' => self.group(&path, ')'),
            '[' => self.list(&path),
            '{' => self.map(&path),
            'r' | 'b' if self.raw_or_byte_string() => {}
            c if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                let after_name = self.pos;
                self.skip_trivia();
                if self.peek() == Some('(') {
                    if name == "Some" {
                        // `Some(x)` is `x` to serde with implicit `Some`, and
                        // to anyone writing a path.
                        transparent = true;
                        self.bump();
                        self.skip_trivia();
                        self.value(path.clone(), self.entries[slot].key.clone());
                        self.skip_trivia();
                        self.eat(",");
                        self.skip_trivia();
                        self.eat(")");
                    } else {
                        self.group(&path, ')');
                    }
                } else {
                    self.pos = after_name;
                }
            }
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => self.number(),
            _ => {}
        }
        if transparent {
            self.entries.remove(slot);
        } else if self.pos == start {
            // Nothing a value can start with: no entry, and the caller moves on.
            self.entries.truncate(slot);
        } else {
            self.entries[slot].value = start..self.pos;
        }
        self.depth -= 1;
    }

    /// `( ... )` after a name or alone: a struct's fields (`name: value`)
    /// or a tuple's elements (`.0`, `.1`, ...), decided field by field.
    pub(super) fn group(&mut self, path: &str, close: char) {
        self.bump();
        let mut element = 0usize;
        loop {
            self.skip_trivia();
            let before = self.pos;
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(_) => {}
            }
            if let Some((name, key)) = self.field_name() {
                self.value(field(path, &name), Some(key));
            } else {
                self.value(field(path, &element.to_string()), None);
                element += 1;
            }
            if !self.separator(close) {
                self.recover(before);
                if self.peek().is_none() {
                    return;
                }
            }
        }
    }

    pub(super) fn list(&mut self, path: &str) {
        self.bump();
        let mut element = 0usize;
        loop {
            self.skip_trivia();
            let before = self.pos;
            match self.peek() {
                None => return,
                Some(']') => {
                    self.bump();
                    return;
                }
                Some(_) => {}
            }
            self.value(format!("{path}[{element}]"), None);
            element += 1;
            if !self.separator(']') {
                self.recover(before);
                if self.peek().is_none() {
                    return;
                }
            }
        }
    }

    pub(super) fn map(&mut self, path: &str) {
        self.bump();
        loop {
            self.skip_trivia();
            let before = self.pos;
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                Some(_) => {}
            }
            // The key is read as a value only to get past it: its own
            // entries are dropped, the entry's path carries it instead.
            let mark = self.entries.len();
            let key_start = self.pos;
            self.value(String::new(), None);
            self.entries.truncate(mark);
            let key = key_start..self.pos;
            let raw = self.text.get(key.clone()).unwrap_or("");
            let name = raw
                .strip_prefix('"')
                .and_then(|k| k.strip_suffix('"'))
                .unwrap_or(raw)
                .to_string();
            self.skip_trivia();
            if self.eat(":") {
                self.skip_trivia();
                self.value(format!("{path}[{name}]"), Some(key));
            }
            if !self.separator('}') {
                self.recover(before);
                if self.peek().is_none() {
                    return;
                }
            }
        }
    }

    /// After an element: a comma, or the closing bracket left for the loop
    /// to take. `false` for anything else.
    pub(super) fn separator(&mut self, close: char) -> bool {
        self.skip_trivia();
        self.eat(",") || self.peek() == Some(close) || self.peek().is_none()
    }

    /// Text that is not RON: step past one character if nothing was read,
    /// so that every turn of a loop moves on and the walk ends.
    pub(super) fn recover(&mut self, before: usize) {
        if self.pos == before {
            self.bump();
        }
    }
}
