//! Located diagnostics: every problem in an author's file names the file, the
//! line and the column, so that an editor can jump to it.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Advice: nothing is wrong, something could be better.
    Hint,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
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
/// serde has already turned into plain data (and so lost their positions).
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Source { path, text }
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

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Error, message)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Warning, message)
    }

    pub fn hint(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Hint, message)
    }

    /// Offset of the `n`-th (0-based) `field: "value"` in the text, e.g. the
    /// second `id: "arrival"` when a beat id is duplicated.
    pub fn find_field(&self, field: &str, value: &str, n: usize) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        let mut seen = 0;
        let mut from = 0;
        while let Some(rel) = self.text[from..].find(&quoted) {
            let at = from + rel;
            let head = self.text[..at].trim_end();
            if let Some(head) = head.strip_suffix(':')
                && head.trim_end().ends_with(field)
                && !is_ident_char(
                    head.trim_end()[..head.trim_end().len() - field.len()]
                        .chars()
                        .last(),
                )
            {
                if seen == n {
                    return Some(at);
                }
                seen += 1;
            }
            from = at + quoted.len();
        }
        None
    }

    /// Offset of the first string literal `"value"` at or after `from`.
    pub fn find_string(&self, from: usize, value: &str) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        let from = floor_char_boundary(self.text, from.min(self.text.len()));
        self.text[from..].find(&quoted).map(|i| from + i)
    }

    /// Offset of the first occurrence of `needle` at or after `from`.
    pub fn find(&self, from: usize, needle: &str) -> Option<usize> {
        let mut from = floor_char_boundary(self.text, from.min(self.text.len()));
        // A match in a `//` comment is prose, not the field.
        while let Some(i) = self.text[from..].find(needle) {
            let at = from + i;
            let line_start = self.text[..at].rfind('\n').map_or(0, |n| n + 1);
            if !self.text[line_start..at].contains("//") {
                return Some(at);
            }
            from = at + needle.len();
        }
        None
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

fn is_ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
