//! Located diagnostics: every problem in an author's file names the file, the
//! line and the column, so that an editor can jump to it.

use crate::ron_text::Spans;
use serde::Serialize;
use std::cell::OnceCell;
use std::fmt;
use std::path::{Path, PathBuf};

/// How much a diagnostic matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file works, but probably not as its author meant.
    Warning,
    /// Advice: nothing is wrong, something could be better.
    Hint,
}

/// One problem found in a file, at a line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error, warning or hint.
    pub severity: Severity,
    /// The file, as the reader named it.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong, in a sentence; advice may end it (see
    /// [`split_hint`](Self::split_hint)).
    pub message: String,
}

impl Diagnostic {
    /// Whether this diagnostic makes the file unusable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message, and the advice at its end (" (did you mean `x`?)")
    /// apart, for a renderer that shows hints on a line of their own.
    pub fn split_hint(&self) -> (&str, Option<String>) {
        match self.message.rfind(" (did you mean ") {
            Some(i) if self.message.ends_with("?)") => (
                &self.message[..i],
                Some(self.message[i + 2..self.message.len() - 1].to_string()),
            ),
            _ => (&self.message, None),
        }
    }

    /// The byte range in `text` this diagnostic points at: the token at its
    /// line and column (a whole string literal, a word, or one character).
    pub fn span(&self, text: &str) -> std::ops::Range<usize> {
        let line_start = text
            .split_inclusive('\n')
            .take(self.line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>()
            .min(text.len());
        let line = text[line_start..].split('\n').next().unwrap_or("");
        let start = line_start
            + line
                .char_indices()
                .nth(self.col.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i);
        let rest = &text[start..line_start + line.len()];
        let len = if let Some(body) = rest.strip_prefix('"') {
            body.find('"').map_or(rest.len(), |i| i + 2)
        } else {
            let word = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map_or(rest.len(), |(i, _)| i);
            if word == 0 {
                rest.chars().next().map_or(0, char::len_utf8)
            } else {
                word
            }
        };
        start..start + len
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path.display(),
            self.line,
            self.col,
            sev,
            self.message
        )
    }
}

/// Finds where things are in a source text, for diagnostics about values that
/// serde has already turned into plain data (and so lost their positions):
/// by the path of the value in the data, through the text's [`Spans`].
pub struct Source<'a> {
    /// The file, as diagnostics name it.
    pub path: &'a Path,
    /// Its whole text.
    pub text: &'a str,
    spans: OnceCell<Spans>,
}

impl<'a> Source<'a> {
    /// The text of the file at `path`.
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Source {
            path,
            text,
            spans: OnceCell::new(),
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// A diagnostic of `severity` at byte `offset` of the text.
    pub fn at(&self, offset: usize, severity: Severity, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic {
            severity,
            path: self.path.to_path_buf(),
            line,
            col,
            message: message.into(),
        }
    }

    /// An error at byte `offset`.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Error, message)
    }

    /// A warning at byte `offset`.
    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Warning, message)
    }

    /// A hint at byte `offset`.
    pub fn hint(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Hint, message)
    }

    /// The spans of every value of the text (see [`Spans`]), read the
    /// first time a position is asked for: a file without a problem is
    /// never read twice.
    pub fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::of(self.text))
    }

    /// Byte offset of the value at `path` (`beats[3].choices[1].next`), or
    /// of its nearest ancestor the text has (a field left out points at its
    /// struct), or 0.
    pub fn offset(&self, path: &str) -> usize {
        self.spans().nearest(path).map_or(0, |r| r.start)
    }

    /// Byte offset of the name of the field at `path` (`max_turns`), for a
    /// diagnostic about the field as a whole; of its value when it has no
    /// name (a list element); else as [`offset`](Self::offset).
    pub fn key_offset(&self, path: &str) -> usize {
        self.spans().key_or_nearest(path).map_or(0, |r| r.start)
    }

    /// Byte offset of a 1-based line and column, as RON reports them.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut offset = 0;
        for (i, l) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                return offset
                    + l.char_indices()
                        .nth(col.saturating_sub(1))
                        .map_or(l.len(), |(b, _)| b);
            }
            offset += l.len();
        }
        self.text.len()
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
