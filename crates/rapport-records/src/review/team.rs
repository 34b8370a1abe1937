//! The manager's review from the company's LRS: Rapport's statements
//! fetched (only what the cache lacks), each session rebuilt from them and
//! replayed by the same [`Judge`] as the records on this machine, so that
//! both give the same rows. Nothing the LRS holds is trusted: a session
//! whose statements say other than its replay is altered.

use super::{Attempt, Filter, Judge, Reviewed};
use crate::cache::Cache;
use crate::lrs::Lrs;
use crate::lrs::fetch::{FetchError, Query};
use crate::store::DataDir;
use crate::xapi::Names;
use crate::xapi::gather::{At, Gather};
use crate::xapi::read::{Read, read};
use crate::xapi::rebuild::Rebuilt;
use jiff::Timestamp;
use serde_json::Value;
use std::path::PathBuf;

/// Where a team review reads from.
pub struct Team<'a> {
    /// The LRS, with the credentials to read it.
    pub lrs: &'a Lrs,
    /// Its xAPI endpoint as given (names its cache; never kept with a
    /// user or password in it).
    pub url: &'a str,
    /// The IRIs Rapport's statements were sent under.
    pub names: &'a Names,
    /// Statements per page asked for.
    pub page_size: usize,
    /// Fetch everything again instead of what is new since the cache.
    pub refresh: bool,
}

/// A team review, and how the fetch went.
#[derive(Default)]
pub struct TeamReview {
    /// The sessions, as a local review gives them; statements and sessions
    /// left out are in `skipped`, by statement id or registration.
    pub reviewed: Reviewed,
    /// Requests made to the LRS.
    pub requests: usize,
    /// New statements fetched (Rapport's and others').
    pub fetched: usize,
    /// Rapport's statements in the cache after the fetch.
    pub cached: usize,
    /// Other tools' statements fetched and ignored.
    pub foreign: usize,
    /// Rapport's statements in the cache that a voiding statement voided,
    /// and so disregarded.
    pub voided: usize,
    /// What the manager should know that is no session's: paging stopped
    /// early, a cache rebuilt, a base IRI that looks wrong.
    pub notes: Vec<String>,
}

impl Judge<'_> {
    /// The sessions in the LRS that `filter` keeps, each rebuilt from its
    /// statements and replayed; the new statements are fetched first and
    /// kept in the cache under `data`. An LRS that cannot be read is the
    /// error, and leaves the cache as it was.
    pub fn review_lrs(
        &self,
        data: &DataDir,
        team: &Team,
        filter: &Filter,
    ) -> Result<TeamReview, FetchError> {
        let names = team.names;
        let mut out = TeamReview::default();
        // The scenario is chosen here, after the fetch, not with the
        // query's `activity`: Ralph (5.1) compares that parameter, parsed
        // into an object, with the text of each statement's activity, and
        // so matches nothing. The cache makes the difference a first fetch.
        let mut query = Query {
            agent: filter.trainee.as_ref().map(|t| {
                serde_json::json!({
                    "objectType": "Agent",
                    "account": { "homePage": names.accounts(), "name": t },
                })
            }),
            limit: team.page_size,
            ..Query::default()
        };
        let (mut cache, note) = Cache::open(cache_dir(data, team.url, names, &query));
        out.notes.extend(note);
        if team.refresh {
            cache.forget();
        }
        query.since = cache.since();
        let mut segment = cache.segment()?;
        // The latest `stored`, and how the LRS wrote it: the next fetch
        // asks `since` it in the LRS's own words, for a store that compares
        // the parameter with its `stored` as text (Learning Locker's in
        // memory, SQL text columns) and would take a "10:00:00.8Z" for later
        // than its "10:00:00.864Z".
        let mut latest: Option<(Timestamp, String)> = None;
        let mut says_rapport = 0;
        let fetched = team.lrs.fetch(&query, |mut s| {
            let stored = s.get("stored").and_then(Value::as_str);
            let parsed = stored.and_then(|t| Some((t.parse::<Timestamp>().ok()?, t)));
            if let Some((t, text)) = parsed
                && latest.as_ref().is_none_or(|(l, _)| t > *l)
            {
                latest = Some((t, text.to_string()));
            }
            match read(&s, names) {
                // Kept whoever sent it: the statement it voids may be in
                // the cache already, or come in a later fetch, and a
                // conformant LRS never sends that statement again.
                Read::Voiding { .. } => Ok(segment.push(&s)?),
                Read::Foreign { says_rapport: r } => {
                    out.foreign += 1;
                    says_rapport += usize::from(r);
                    Ok(())
                }
                _ => {
                    // What is shown of an activity or a verb (the lines
                    // and titles in both languages, half a statement) is
                    // never read back: the cache keeps what is.
                    if let Some(o) = s.get_mut("object").and_then(Value::as_object_mut) {
                        o.remove("definition");
                    }
                    if let Some(v) = s.get_mut("verb").and_then(Value::as_object_mut) {
                        v.remove("display");
                    }
                    Ok(segment.push(&s)?)
                }
            }
        })?;
        out.requests = fetched.requests;
        out.fetched = fetched.statements;
        // A fetch that stopped early may have missed statements before its
        // latest one: what it got counts, the next fetch starts where this
        // one did.
        if let Some(why) = &fetched.stopped {
            out.notes.push(format!(
                "paging stopped: {why}; the review goes on with what came"
            ));
            latest = None;
        }
        cache.commit(segment, latest.map(|(_, text)| text))?;
        if says_rapport > 0 {
            out.notes.push(format!(
                "{says_rapport} statement(s) from Rapport name activities outside {}: were they sent with another --base?",
                names.scenario("")
            ));
        }
        self.judge_cache(&cache, team, filter, &mut out);
        Ok(out)
    }

    /// Reads the cache line by line and judges each session as soon as its
    /// statements are complete (see [`Gather`]), so that what is held at
    /// once is a session's statements and each one's fingerprint, not a
    /// team's statements: the sessions, problems and order are those of
    /// rebuilding all of them at once.
    fn judge_cache(&self, cache: &Cache, team: &Team, filter: &Filter, out: &mut TeamReview) {
        let url = crate::lrs::public_url(team.url);
        let skipped = &mut out.reviewed.skipped;
        let mut gather: Gather<Kept> = Gather::default();
        let mut cached = 0;
        let mut at: At = 0;
        // A fetch whose paging stopped early leaves its statements to be
        // fetched again: the copies are one statement, reported once.
        let mut seen = std::collections::HashSet::new();
        let mut malformed = Vec::new();
        // Opened once: the second read, if any, must read the same lines.
        let mut snapshot = cache.snapshot();
        let mut each = |line: &str| {
            at += 1;
            let v: Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    let at = cache.dir().to_path_buf();
                    skipped.push((at, format!("a cached statement cannot be read: {e}")));
                    return;
                }
            };
            let id = v.get("id").and_then(Value::as_str).unwrap_or("");
            if !seen.insert((hash_of(id), hash_of(line))) {
                return;
            }
            match read(&v, team.names) {
                Read::Ours(p) => {
                    cached += 1;
                    gather.add(at, *p, |s| {
                        // Settled only when the replay finds what every
                        // statement claims: until then, more may come.
                        let (kept, complete) = self.judge(&url, s);
                        complete.then(|| filter.keeps(&s.record).then_some(kept))
                    })
                }
                Read::Voiding { target } => gather.void(&target),
                Read::Foreign { .. } => {}
                Read::Malformed { id, why } => {
                    cached += 1;
                    malformed.push((id, why))
                }
            }
        };
        let read_all = match &mut snapshot {
            Ok(lines) => lines.lines(&mut each),
            Err(e) => Err(e.clone()),
        };
        // A voided statement is evidence to be disregarded (xAPI 1.0.3,
        // Data 2.3.2): one fetched before its voiding is dropped here, as an
        // LRS drops it from every later answer; and an LRS that returns
        // voided statements anyway (Ralph 5.1 does) changes nothing. A score
        // "corrected" by voiding Rapport's statement and sending another
        // thus shows as what it is: a statement the replay does not give.
        let before = malformed.len();
        malformed.retain(|(id, _)| !gather.is_voided(id));
        out.voided = gather.voided() + before - malformed.len();
        for (id, why) in malformed {
            skipped.push((PathBuf::from(&id), format!("statement {id}: {why}")));
        }
        let unread = read_all.is_err();
        if let Err((path, why)) = read_all {
            skipped.push((path.clone(), format!("{}: {why}", path.display())));
        }
        out.cached = cached;
        // Sessions disturbed after they were settled: all their statements
        // again, for the one rebuild of what is not settled.
        let mut again = Vec::new();
        if let Ok(lines) = &mut snapshot
            && !gather.again().is_empty()
        {
            let mut at: At = 0;
            let read_again = lines.lines(|line| {
                at += 1;
                let Ok(v) = serde_json::from_str::<Value>(line) else {
                    return;
                };
                if let Read::Ours(p) = read(&v, team.names)
                    && gather.again().contains(&p.registration)
                {
                    again.push((at, *p));
                }
            });
            // Reported once: a segment that could not be read the first
            // time fails the same way again.
            if let Err((path, why)) = read_again
                && !unread
            {
                skipped.push((path.clone(), format!("{}: {why}", path.display())));
            }
        }
        let (mut kept, sessions, problems) = gather.finish(again);
        for (at, why) in problems {
            skipped.push((PathBuf::from(at), why));
        }
        kept.extend(
            sessions
                .iter()
                .filter(|s| filter.keeps(&s.record))
                .map(|s| self.judge(&url, s).0),
        );
        kept.sort_by_key(|k| (k.0, k.1));
        out.reviewed.sessions = kept.into_iter().map(|(_, _, a)| a).collect();
    }

    /// Replays a rebuilt session, and says whether its statements claim
    /// what the replay gives.
    fn judge(&self, url: &str, s: &Rebuilt) -> (Kept, bool) {
        let r = &s.record;
        let path = PathBuf::from(format!("{url}/statements?registration={}", r.id));
        let mut agree = false;
        let a = self.attempt_with(&path, r, |session, score| {
            agree = s.claims.agree(r, session, score);
            agree
        });
        ((r.started, r.id, a), agree)
    }
}

/// A session kept by the review, with what orders it: its start, its id.
type Kept = (Timestamp, uuid::Uuid, Attempt);

/// The cache of one query: per LRS, then per what the query asks of it
/// (the base IRI, any activity and agent), so that a review of one
/// trainee and one of the team each fetch only what is new to each.
fn cache_dir(data: &DataDir, url: &str, names: &Names, query: &Query) -> PathBuf {
    let key = format!(
        "{}\n{}\n{}",
        names.scenario(""),
        query.activity.as_deref().unwrap_or(""),
        query
            .agent
            .as_ref()
            .map(Value::to_string)
            .unwrap_or_default()
    );
    let key = &rapport_core::digest::of_text(&key)[..16];
    crate::lrs::lrs_dir(data, url).join("review").join(key)
}

fn hash_of(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}
