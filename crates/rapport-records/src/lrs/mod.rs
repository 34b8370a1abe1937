//! Sending statements to a Learning Record Store, with an outbox that
//! survives an unreachable LRS and a crash.
//!
//! Per LRS, under `DATA/xapi/<lrs>/`: `queue/<record>.json` holds the
//! statements of one session until the LRS has confirmed them, then
//! `sent/<record>` says so and the queue file goes. Both are written
//! atomically. A crash between the LRS's answer and the mark only means the
//! statements go again: their ids are fixed, and an LRS keeps one statement
//! per id (a 409 Conflict, or silently dropping the equal copy), so nothing
//! is stored twice.
//!
//! Two syncs of one data directory to one LRS would otherwise both read the
//! same queue and both send it: `sync.lock` beside the queue makes them take
//! turns ([`Outbox::lock`]).

pub mod fetch;

use crate::store::{DataDir, StoreError, write_atomically};
use base64::Engine;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An LRS's statements resource and the credentials to use it.
pub struct Lrs {
    /// The xAPI endpoint, ending in `/` (`https://lrs.example/xAPI/`).
    endpoint: String,
    authorization: String,
    agent: ureq::Agent,
}

/// Why a sync stopped; what was not sent stays queued.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
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
        "the LRS at {url} refused the credentials (HTTP {status}): check --user and --password"
    )]
    Credentials {
        /// The statements resource.
        url: String,
        /// 401 or 403.
        status: u16,
    },
    /// The LRS answered with an error.
    #[error("the LRS at {url} rejected the statements (HTTP {status}): {body}")]
    Rejected {
        /// The statements resource.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the LRS's answer.
        body: String,
    },
    /// The outbox could not be written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A queued file is not the statements it should be.
    #[error("{path}: the queued statements cannot be read: {why}")]
    BrokenQueue {
        /// The queued file.
        path: PathBuf,
        /// Why it cannot be read.
        why: String,
    },
}

impl Lrs {
    /// The LRS at `url` (its xAPI endpoint), with basic authentication.
    pub fn new(url: &str, user: &str, password: &str) -> Lrs {
        // Credentials go in the header only: a `user:password@` in the URL
        // would be printed in every message that names the LRS.
        let mut endpoint = without_userinfo(url.trim());
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Lrs {
            endpoint,
            authorization: format!("Basic {token}"),
            agent,
        }
    }

    /// Asks for one statement, to learn early whether the LRS is there and
    /// takes the credentials, even when there is nothing to send.
    pub fn check(&self) -> Result<(), SyncError> {
        let url = self.statements_url();
        let mut resp = self
            .agent
            .get(format!("{url}?limit=1"))
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", crate::xapi::VERSION)
            .call()
            .map_err(|e| SyncError::Unreachable {
                url: url.clone(),
                why: e.to_string(),
            })?;
        match resp.status().as_u16() {
            200..=299 => Ok(()),
            status => {
                let text = resp.body_mut().read_to_string().unwrap_or_default();
                Err(self.refusal(&url, status, text))
            }
        }
    }

    /// The statements resource, as the LRS's messages name it.
    pub fn statements_url(&self) -> String {
        format!("{}statements", self.endpoint)
    }

    /// Sends one session's statements. All at once first; if the LRS holds
    /// one of them already (409 for the batch), one by one, each 409
    /// counting as delivered. Returns how many the LRS already held.
    fn send(&self, statements: &[Value]) -> Result<usize, SyncError> {
        let url = self.statements_url();
        let body = serde_json::to_vec(statements).expect("JSON values always serialise");
        let (status, text) = self.request(self.agent.post(&url), &url, body)?;
        match status {
            200..=299 => Ok(0),
            409 => {
                let mut held = 0;
                for s in statements {
                    let id = s["id"].as_str().unwrap_or_default();
                    let one = format!("{url}?statementId={id}");
                    let body = serde_json::to_vec(s).expect("JSON values always serialise");
                    let (status, text) = self.request(self.agent.put(&one), &url, body)?;
                    match status {
                        200..=299 => {}
                        409 => held += 1,
                        _ => return Err(self.refusal(&url, status, text)),
                    }
                }
                Ok(held)
            }
            _ => Err(self.refusal(&url, status, text)),
        }
    }

    fn request(
        &self,
        req: ureq::RequestBuilder<ureq::typestate::WithBody>,
        url: &str,
        body: Vec<u8>,
    ) -> Result<(u16, String), SyncError> {
        let mut resp = req
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", crate::xapi::VERSION)
            .content_type("application/json")
            .send(body)
            .map_err(|e| SyncError::Unreachable {
                url: url.to_string(),
                why: e.to_string(),
            })?;
        let status = resp.status().as_u16();
        let text = resp.body_mut().read_to_string().unwrap_or_default();
        Ok((status, text))
    }

    fn refusal(&self, url: &str, status: u16, body: String) -> SyncError {
        match status {
            401 | 403 => SyncError::Credentials {
                url: url.to_string(),
                status,
            },
            _ => SyncError::Rejected {
                url: url.to_string(),
                status,
                body: body.chars().take(300).collect(),
            },
        }
    }
}

/// The directory of what the data directory keeps for the LRS at `url`
/// (`DATA/xapi/<lrs>/`): its name is the URL made safe, without the scheme
/// and without any `user:password@`, so that no credential is ever part of
/// a path.
pub fn lrs_dir(data: &DataDir, url: &str) -> PathBuf {
    data.root
        .join("xapi")
        .join(crate::store::file_name(&public_url(url)))
}

/// `url` without any `user:password@`.
fn without_userinfo(url: &str) -> String {
    let Some(after) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let host_end = url[after..].find('/').map_or(url.len(), |i| after + i);
    match url[after..host_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..after], &url[after + at + 1..]),
        None => url.to_string(),
    }
}

/// `url` without its scheme, any `user:password@` and trailing slashes:
/// how messages and the window name an LRS.
pub fn public_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let host_end = url.find('/').unwrap_or(url.len());
    match url[..host_end].rfind('@') {
        Some(at) => url[at + 1..].to_string(),
        None => url.to_string(),
    }
}

/// The statements waiting for one LRS, and the sessions it has.
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox for the LRS at `url`: its directory name is the URL made
    /// safe, so two LRSs keep two ledgers.
    pub fn for_lrs(data: &DataDir, url: &str) -> Outbox {
        Outbox {
            dir: lrs_dir(data, url),
        }
    }

    /// The outbox's directory, for telling the user where the queue waits.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Takes this outbox for one sync: held until dropped, so that a
    /// second sync to the same LRS waits (up to `wait`, after `waiting` is
    /// called) and then finds sent what the first sent. Without it, both
    /// would read the same queue and send each session twice.
    pub fn lock(
        &self,
        wait: Duration,
        waiting: impl FnOnce(),
    ) -> Result<crate::lock::Held, crate::lock::LockError> {
        crate::lock::lock(
            &self.dir.join("sync.lock"),
            crate::lock::Mode::Exclusive,
            wait,
            waiting,
        )
    }

    fn queued(&self, record: &str) -> PathBuf {
        self.dir.join("queue").join(format!("{record}.json"))
    }

    fn sent_mark(&self, record: &str) -> PathBuf {
        self.dir.join("sent").join(record)
    }

    /// Whether a session is queued or delivered already.
    pub fn knows(&self, record: &str) -> bool {
        self.sent_mark(record).exists() || self.queued(record).exists()
    }

    /// Queues one session's statements.
    pub fn enqueue(&self, record: &str, statements: &[Value]) -> Result<(), StoreError> {
        let json = serde_json::to_vec_pretty(statements).expect("JSON values always serialise");
        write_atomically(&self.queued(record), &json)
    }

    /// The queued sessions, oldest file name first.
    pub fn queue(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(self.dir.join("queue"))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        out.sort();
        out
    }

    /// Sends one queued file; on success marks its session sent and
    /// unqueues it. Returns the statements sent and those the LRS held.
    pub fn deliver(&self, lrs: &Lrs, queued: &Path) -> Result<(usize, usize), SyncError> {
        let broken = |why: String| SyncError::BrokenQueue {
            path: queued.to_path_buf(),
            why,
        };
        let bytes = std::fs::read(queued).map_err(|e| broken(e.to_string()))?;
        let statements: Vec<Value> =
            serde_json::from_slice(&bytes).map_err(|e| broken(e.to_string()))?;
        let held = lrs.send(&statements)?;
        let record = queued
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomically(&self.sent_mark(&record), b"")?;
        std::fs::remove_file(queued).map_err(|source| StoreError::Write {
            path: queued.to_path_buf(),
            source,
        })?;
        Ok((statements.len(), held))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_credential_becomes_part_of_a_path() {
        assert_eq!(
            super::public_url("https://ann:s3cret@lrs.example.com/xAPI/"),
            "lrs.example.com/xAPI"
        );
        assert_eq!(super::public_url("http://lrs:8080/a@b/"), "lrs:8080/a@b");
        assert_eq!(
            super::without_userinfo("https://ann:s3cret@lrs.example.com/a@b"),
            "https://lrs.example.com/a@b"
        );
        let data = crate::store::DataDir { root: "d".into() };
        let dir = super::lrs_dir(&data, "https://u:p%40ss@lrs.example.com/xAPI");
        assert!(
            !dir.to_string_lossy().contains("p%40ss"),
            "{}",
            dir.display()
        );
    }
}
