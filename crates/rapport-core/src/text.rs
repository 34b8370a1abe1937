//! Player-visible text in the two languages every scenario ships in.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language a trainee can play in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// Every language, in the order the window offers them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The two-letter code records and reports use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "ru" | "russian" | "русский" => Ok(Lang::Ru),
            other => Err(format!(
                "unknown language `{other}` (expected `en` or `ru`)"
            )),
        }
    }
}

/// A text written inline in both languages: `(en: "...", ru: "...")`.
///
/// A missing language is allowed by the loader (it is a `check` warning, not a
/// crash); the reader then sees the other language rather than nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The English text; empty when missing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// The Russian text; empty when missing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ru: String,
}

impl Text {
    /// A text in both languages.
    pub fn new(en: impl Into<String>, ru: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            ru: ru.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when missing.
    pub fn get(&self, lang: Lang) -> &str {
        let (want, other) = match lang {
            Lang::En => (&self.en, &self.ru),
            Lang::Ru => (&self.ru, &self.en),
        };
        if want.trim().is_empty() { other } else { want }
    }

    /// Languages in which this text is missing.
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| match l {
                Lang::En => self.en.trim().is_empty(),
                Lang::Ru => self.ru.trim().is_empty(),
            })
            .collect()
    }
}
