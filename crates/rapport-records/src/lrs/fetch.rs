//! Reading statements back from an LRS with the xAPI query API: one query,
//! its pages followed through `more` to the end, each page bounded.
//!
//! An LRS is another party's server: its `more` may loop, lead to another
//! host, or its pages hold numbers JSON has no place for (`NaN`). A loop
//! ends the paging with a note; a `more` to another host is not followed
//! (it would get the credentials); a page that is not a statement result
//! is an error, never a crash.

use super::Lrs;
use jiff::Timestamp;
use serde_json::Value;
use std::collections::HashSet;

/// The most statements asked for per page: LRSs cap their pages anyway
/// (Ralph at 100), and a bounded page bounds what one answer costs.
pub const MAX_PAGE: usize = 1000;

/// Pages in a row with no statement before paging is taken to go nowhere.
const EMPTY_PAGES: usize = 3;

/// A query of the statements resource (xAPI 1.0.3, 2.1.3).
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Only statements about this activity (`activity`).
    pub activity: Option<String>,
    /// The activity may be the parent, not the object
    /// (`related_activities`).
    pub related_activities: bool,
    /// Only this agent's (`agent`, a JSON agent object).
    pub agent: Option<Value>,
    /// Only statements stored after this moment (`since`): best one of the
    /// LRS's own `stored` as it wrote it, for a store that compares the two
    /// as text.
    pub since: Option<String>,
    /// Only statements stored at or before this moment (`until`).
    pub until: Option<Timestamp>,
    /// Only this session's (`registration`).
    pub registration: Option<uuid::Uuid>,
    /// Statements per page, 1 to [`MAX_PAGE`].
    pub limit: usize,
}

impl Query {
    /// The query's parameters, in a fixed order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(a) = &self.activity {
            out.push(("activity", a.clone()));
            if self.related_activities {
                out.push(("related_activities", "true".into()));
            }
        }
        if let Some(a) = &self.agent {
            out.push(("agent", a.to_string()));
        }
        if let Some(r) = &self.registration {
            out.push(("registration", r.to_string()));
        }
        if let Some(t) = &self.since {
            out.push(("since", t.clone()));
        }
        if let Some(t) = &self.until {
            out.push(("until", t.to_string()));
        }
        out.push(("limit", self.limit.clamp(1, MAX_PAGE).to_string()));
        out.push(("ascending", "true".into()));
        out
    }
}

/// Why reading from the LRS stopped.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// No answer from the LRS.
    #[error("the LRS at {url} cannot be reached: {why}")]
    Unreachable {
        /// The statements resource.
        url: String,
        /// What the connection said.
        why: String,
    },
    /// The LRS refused the user and password.
    #[error(
        "the LRS at {url} refused the credentials (HTTP {status}): check --user and RAPPORT_LRS_PASSWORD"
    )]
    Credentials {
        /// The statements resource.
        url: String,
        /// 401 or 403.
        status: u16,
    },
    /// The LRS answered a page with an error.
    #[error("the LRS at {url} failed on page {page} (HTTP {status}): {body}")]
    Failed {
        /// The statements resource.
        url: String,
        /// Which page, from 1.
        page: usize,
        /// The HTTP status.
        status: u16,
        /// The start of its answer.
        body: String,
    },
    /// A page is not a statement result.
    #[error("the LRS at {url} answered page {page} with something else than statements: {why}")]
    NotStatements {
        /// The statements resource.
        url: String,
        /// Which page, from 1.
        page: usize,
        /// What is wrong with it.
        why: String,
    },
    /// The cache could not be written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// How a fetch went.
#[derive(Debug, Default)]
pub struct Fetched {
    /// Requests made (pages asked for).
    pub requests: usize,
    /// Statements received, each once.
    pub statements: usize,
    /// Why paging stopped before the LRS said it was done, if it did.
    pub stopped: Option<String>,
}

#[derive(serde::Deserialize)]
struct Page {
    statements: Vec<Value>,
    #[serde(default)]
    more: Option<String>,
}

impl Lrs {
    /// Every statement `query` selects, page after page, each handed to
    /// `each` once (a page that repeats statements already seen hands on
    /// only the new ones).
    pub fn fetch(
        &self,
        query: &Query,
        mut each: impl FnMut(Value) -> Result<(), FetchError>,
    ) -> Result<Fetched, FetchError> {
        let url = self.statements_url();
        let mut out = Fetched::default();
        let mut seen_more: HashSet<String> = HashSet::new();
        let mut seen: HashSet<(u64, u64)> = HashSet::new();
        let mut empty = 0;
        let mut next = Some(url.clone());
        let mut first = true;
        while let Some(at) = next.take() {
            out.requests += 1;
            let page = out.requests;
            let mut req = self
                .agent
                .get(&at)
                .header("Authorization", &self.authorization)
                .header("X-Experience-API-Version", crate::xapi::VERSION);
            if first {
                for (k, v) in query.pairs() {
                    req = req.query(k, v);
                }
                first = false;
            }
            let mut resp = req.call().map_err(|e| FetchError::Unreachable {
                url: url.clone(),
                why: e.to_string(),
            })?;
            let status = resp.status().as_u16();
            let body = resp
                .body_mut()
                .with_config()
                .limit(256 << 20)
                .read_to_string();
            let body = match (status, body) {
                (200..=299, Ok(b)) => b,
                (200..=299, Err(e)) => {
                    return Err(FetchError::Unreachable {
                        url,
                        why: e.to_string(),
                    });
                }
                (401 | 403, _) => return Err(FetchError::Credentials { url, status }),
                (_, b) => {
                    let body = b.unwrap_or_default().chars().take(300).collect();
                    return Err(FetchError::Failed {
                        url,
                        page,
                        status,
                        body,
                    });
                }
            };
            let page_of: Page =
                serde_json::from_str(&lenient(&body)).map_err(|e| FetchError::NotStatements {
                    url: url.clone(),
                    page,
                    why: e.to_string(),
                })?;
            let (mut fresh, count) = (0, page_of.statements.len());
            for s in page_of.statements {
                // A copy is dropped; two statements under one id are both
                // handed on, for the review to see the clash.
                if seen.insert(key(&s)) {
                    fresh += 1;
                    out.statements += 1;
                    each(s)?;
                }
            }
            empty = if count == 0 { empty + 1 } else { 0 };
            let more = page_of.more.filter(|m| !m.trim().is_empty());
            let Some(more) = more else { break };
            if count > 0 && fresh == 0 {
                out.stopped = Some(format!(
                    "page {page} held only statements already received: the LRS's `more` goes round in a loop"
                ));
            } else if !seen_more.insert(more.clone()) {
                out.stopped = Some(format!(
                    "page {page}'s `more` ({more}) was followed before: the LRS's `more` goes round in a loop"
                ));
            } else if empty >= EMPTY_PAGES {
                out.stopped = Some(format!(
                    "{EMPTY_PAGES} empty pages in a row, each with a `more`"
                ));
            } else {
                match self.resolve(&more) {
                    Some(u) => next = Some(u),
                    None => {
                        out.stopped = Some(format!(
                            "page {page}'s `more` ({more}) leads away from the LRS; not followed"
                        ))
                    }
                }
            }
        }
        Ok(out)
    }

    /// The URL a `more` names: absolute, or from the root of the LRS's
    /// host (as the xAPI examples and Ralph write it). `None` for another
    /// host, which must not be sent the credentials.
    fn resolve(&self, more: &str) -> Option<String> {
        let home = origin(&self.endpoint)?;
        if more.starts_with("http://") || more.starts_with("https://") {
            (origin(more)? == home).then(|| more.to_string())
        } else if more.starts_with("//") {
            None
        } else if let Some(path) = more.strip_prefix('/') {
            Some(format!("{home}/{path}"))
        } else {
            Some(format!("{}{more}", self.endpoint))
        }
    }
}

/// What tells a statement from another: hashes of its id and of its
/// whole text. Hashes, not the text: a first review holds one key for
/// each of a team's statements.
fn key(s: &Value) -> (u64, u64) {
    use std::hash::{BuildHasher, Hasher};
    struct Hashing(std::hash::DefaultHasher);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let hasher = std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default();
    let id = hasher.hash_one(s.get("id").and_then(Value::as_str));
    let mut text = Hashing(hasher.build_hasher());
    serde_json::to_writer(&mut text, s).expect("a JSON value always serialises");
    (id, text.0.finish())
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> Option<&str> {
    let after = url.find("://")? + 3;
    let end = url[after..].find('/').map_or(url.len(), |i| after + i);
    Some(&url[..end])
}

/// The body with `NaN`, `Infinity` and `-Infinity` outside strings made
/// `null`: some servers write them (Python's JSON does), and one such
/// number must cost one statement, not the page.
fn lenient(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains("NaN") && !body.contains("Infinity") {
        return body.into();
    }
    let mut out = String::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if let Some(word) = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|w| rest.starts_with(w))
        {
            out.push_str("null");
            rest = &rest[word.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn nan_and_infinity_outside_strings_become_null() {
        let page = r#"{"a": NaN, "b": -Infinity, "c": "NaN \" Infinity", "d": [Infinity]}"#;
        let v: serde_json::Value = serde_json::from_str(&super::lenient(page)).unwrap();
        assert_eq!(v["a"], serde_json::Value::Null);
        assert_eq!(v["b"], serde_json::Value::Null);
        assert_eq!(v["c"], "NaN \" Infinity");
        assert_eq!(v["d"][0], serde_json::Value::Null);
    }

    #[test]
    fn more_is_followed_only_on_the_lrs_host() {
        let lrs = super::Lrs::new("http://127.0.0.1:9/xAPI", "u", "p");
        assert_eq!(
            lrs.resolve("/xAPI/statements?x=1").as_deref(),
            Some("http://127.0.0.1:9/xAPI/statements?x=1")
        );
        assert_eq!(
            lrs.resolve("statements?x=1").as_deref(),
            Some("http://127.0.0.1:9/xAPI/statements?x=1")
        );
        assert_eq!(
            lrs.resolve("http://127.0.0.1:9/more").as_deref(),
            Some("http://127.0.0.1:9/more")
        );
        assert_eq!(lrs.resolve("http://evil.example/xAPI/statements"), None);
        assert_eq!(lrs.resolve("//evil.example/x"), None);
    }
}
