//! The tokens between and inside values: blanks and comments (nested block
//! comments included), strings with their escapes, raw and byte strings,
//! chars, numbers and identifiers.

use super::walk::Walker;
use std::ops::Range;

impl Walker<'_> {
    pub(super) fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    pub(super) fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Blanks, `//` comments, nested `/* */` comments, a byte-order mark
    /// and `#![enable(...)]` attributes.
    pub(super) fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            self.pos += rest.len() - trimmed.len();
            if self.rest().starts_with("//") {
                self.pos += self.rest().find('\n').unwrap_or(self.rest().len());
            } else if self.rest().starts_with("/*") {
                self.block_comment();
            } else if self.rest().starts_with("#!") || self.rest().starts_with("#[") {
                self.attribute();
            } else {
                return;
            }
        }
    }

    pub(super) fn block_comment(&mut self) {
        self.pos += 2;
        let mut depth = 1usize;
        while depth > 0 && self.pos < self.text.len() {
            if self.eat("/*") {
                depth += 1;
            } else if self.eat("*/") {
                depth -= 1;
            } else {
                self.bump();
            }
        }
    }

    pub(super) fn attribute(&mut self) {
        self.eat("#");
        self.eat("!");
        self.skip_trivia();
        if self.peek() == Some('[') {
            self.skip_balanced();
        }
    }

    /// Past a bracketed group whose content is not data, minding strings
    /// and comments inside it.
    pub(super) fn skip_balanced(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '(' | '[' | '{' => {
                    depth += 1;
                    self.bump();
                }
                ')' | ']' | '}' => {
                    self.bump();
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                '"' => self.string(),
                '\'' => self.char_literal(),
                '/' if self.rest().starts_with("//") || self.rest().starts_with("/*") => {
                    self.skip_trivia();
                }
                'r' | 'b' if self.raw_or_byte_string() => {}
                _ => self.bump(),
            }
        }
    }

    /// `name:` (and not `name::`, nor a value such as `Trust` or `Flag(..)`),
    /// leaving the position at the value after the colon.
    pub(super) fn field_name(&mut self) -> Option<(String, Range<usize>)> {
        let start = self.pos;
        let c = self.peek()?;
        if !(c.is_alphabetic() || c == '_') || self.raw_or_byte_string_ahead() {
            return None;
        }
        let name = self.ident();
        let key = start..self.pos;
        self.skip_trivia();
        if self.rest().starts_with(':') && !self.rest().starts_with("::") {
            self.bump();
            self.skip_trivia();
            Some((name, key))
        } else {
            self.pos = start;
            None
        }
    }

    /// An identifier, `r#name` included; returned without the `r#`.
    pub(super) fn ident(&mut self) -> String {
        self.eat("r#");
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.bump();
            } else {
                break;
            }
        }
        self.text.get(start..self.pos).unwrap_or("").to_string()
    }

    /// A quoted string, escapes and all; to the end of the text if it is
    /// never closed.
    pub(super) fn string(&mut self) {
        self.bump();
        while let Some(c) = self.peek() {
            self.bump();
            match c {
                '\\' => self.bump(),
                '"' => return,
                _ => {}
            }
        }
    }

    pub(super) fn char_literal(&mut self) {
        self.bump();
        if self.peek() == Some('\\') {
            self.bump();
        }
        self.bump();
        // `'\u{1F600}'` and the like: on to the closing quote, on this line.
        while let Some(c) = self.peek() {
            if c == '\n' {
                return;
            }
            self.bump();
            if c == '\'' {
                return;
            }
        }
    }

    /// Whether a raw string (`r"..."`, `r#"..."#`) or a byte string
    /// (`b"..."`, `br#"..."#`) starts here.
    pub(super) fn raw_or_byte_string_ahead(&self) -> bool {
        let rest = self.rest();
        let rest = rest.strip_prefix('b').unwrap_or(rest);
        if rest.starts_with('"') && self.rest().starts_with('b') {
            return true;
        }
        rest.strip_prefix('r')
            .is_some_and(|r| r.trim_start_matches('#').starts_with('"'))
    }

    /// Reads a raw or byte string if one starts here.
    pub(super) fn raw_or_byte_string(&mut self) -> bool {
        if !self.raw_or_byte_string_ahead() {
            return false;
        }
        self.eat("b");
        if !self.eat("r") {
            self.string();
            return true;
        }
        let hashes = self.rest().len() - self.rest().trim_start_matches('#').len();
        self.pos += hashes + 1;
        let close = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&close) {
            Some(i) => self.pos += i + close.len(),
            None => self.pos = self.text.len(),
        }
        true
    }

    /// A number in any of RON's forms: `-3`, `0x1F`, `1_000`, `2.5e-3`.
    pub(super) fn number(&mut self) {
        let start = self.pos;
        if matches!(self.peek(), Some('-' | '+')) {
            self.bump();
        }
        let mut prev = ' ';
        while let Some(c) = self.peek() {
            let exponent_sign = matches!(c, '-' | '+')
                && matches!(prev, 'e' | 'E')
                && !self.text[start..self.pos].contains(['x', 'X']);
            if c.is_alphanumeric() || c == '_' || c == '.' || exponent_sign {
                prev = c;
                self.bump();
            } else {
                break;
            }
        }
    }
}
