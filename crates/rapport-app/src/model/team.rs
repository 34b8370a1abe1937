//! The team source of the review: the company's LRS, with the credentials
//! the window was opened with.

use rapport_records::lrs::Lrs;
use rapport_records::review::Team;
use rapport_records::xapi::Names;

/// The company's LRS as the review reads it.
pub struct TeamSource {
    /// Its client, with the credentials to read.
    pub lrs: Lrs,
    /// Its xAPI endpoint as given (names its cache).
    pub url: String,
    /// The IRIs Rapport's statements were sent under.
    pub names: Names,
    /// Statements asked for per page.
    pub page_size: usize,
}

impl TeamSource {
    /// The LRS at `url`, read as `user`, its statements under `base`.
    pub fn new(url: &str, user: &str, password: &str, base: &str) -> TeamSource {
        TeamSource {
            lrs: Lrs::new(url, user, password),
            url: url.to_string(),
            names: Names::new(base),
            page_size: 500,
        }
    }

    /// The LRS as shown: no scheme, never a user or password.
    pub fn shown(&self) -> String {
        rapport_records::lrs::public_url(&self.url)
    }

    /// What the review asks of this LRS.
    pub(crate) fn team(&self, refresh: bool) -> Team<'_> {
        Team {
            lrs: &self.lrs,
            url: &self.url,
            names: &self.names,
            page_size: self.page_size,
            refresh,
        }
    }
}
