//! Sessions rebuilt while their statements are read, instead of after all
//! of a team's statements are held at once: ten thousand sessions' worth of
//! [`Part`]s, with the maps that grouped them, took two hundred megabytes.
//!
//! A session is settled as soon as its statements look complete (an
//! `attempted`, a `completed`, a verdict) and the caller's `settle` accepts
//! the session rebuilt from them (the review replays it and finds what its
//! statements claim). Its statements are then dropped; what stays of each
//! is its id's hash, its session and its fingerprint.
//!
//! What comes out must be what [`rebuild`] makes of all the statements at
//! once, less those voided. So a settled session that is disturbed later (a
//! new statement of its registration, one under one of its ids with other
//! contents, or one voiding one of its statements) is unsettled, and its statements are read again ([`Gather::again`]) for the
//! one [`rebuild`] at the end, of every session not settled, in the order
//! read. Only broken or strangely ordered statements cost that second read.

use super::read::{Part, Verdict, What};
use super::rebuild::{Problem, Rebuilt, rebuild};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash};
use uuid::Uuid;

/// Where a statement was read: its place among the cache's lines.
pub type At = u64;

/// Sessions being gathered; `T` is what settling makes of one.
pub struct Gather<T> {
    /// Every statement read, by its id's hash: the session of the first
    /// statement under that id, its fingerprint, and how many were read.
    ids: HashMap<(u64, u64), Seen>,
    /// The sessions `ids` names, by number: four bytes in each entry of
    /// `ids` rather than a sixteen-byte registration.
    registrations: Vec<Uuid>,
    numbers: HashMap<Uuid, u32>,
    /// The ids voided, by hash: their statements count for nothing.
    voided: HashSet<(u64, u64)>,
    /// Statements read that are voided.
    voided_read: usize,
    /// The statements of sessions not settled, with where each was read.
    open: HashMap<Uuid, Vec<(At, Part)>>,
    /// Sessions left to the final rebuild: one of their ids has two
    /// contents, which it reports.
    held: HashSet<Uuid>,
    /// Settled sessions, by their place in `made`.
    settled: HashMap<Uuid, usize>,
    /// What settling made, `None` once unsettled or when it made nothing.
    made: Vec<Option<T>>,
    /// Sessions settled, then disturbed: their statements are read again.
    redo: HashSet<Uuid>,
}

impl<T> Default for Gather<T> {
    fn default() -> Self {
        Gather {
            ids: HashMap::new(),
            registrations: Vec::new(),
            numbers: HashMap::new(),
            voided: HashSet::new(),
            voided_read: 0,
            open: HashMap::new(),
            held: HashSet::new(),
            settled: HashMap::new(),
            made: Vec::new(),
            redo: HashSet::new(),
        }
    }
}

/// What is kept of the statements under one id: one for each statement a
/// team ever sent, and so as small as it goes.
struct Seen {
    /// The first one's fingerprint.
    print: u64,
    /// The first one's session, by its number.
    registration: u32,
    /// Statements read under it.
    count: u32,
}

/// What `settle` says of a session rebuilt from the statements so far:
/// `None`, not complete yet; `Some(made)`, settled, and what to keep of it
/// (`None` when nothing, as for a session the review's filter leaves out).
pub type Settle<T> = Option<Option<T>>;

impl<T> Gather<T> {
    /// Adds one statement, read at `at` (increasing), and settles its
    /// session if it now can be.
    pub fn add(&mut self, at: At, p: Part, settle: impl FnOnce(&Rebuilt) -> Settle<T>) {
        let key = id_key(&p.id);
        if self.voided.contains(&key) {
            self.voided_read += 1;
            return;
        }
        let print = hash_of(&(0u8, &p));
        let reg = p.registration;
        let number = self.number(reg);
        let seen = self.ids.entry(key).or_insert(Seen {
            print,
            registration: number,
            count: 0,
        });
        seen.count += 1;
        if seen.count > 1 {
            // A copy of the first statement under this id (same contents,
            // so same session): it counts once, as in `rebuild`.
            if seen.print == print {
                return;
            }
            let first = self.registrations[seen.registration as usize];
            self.hold(first);
            self.hold(reg);
        }
        if self.redo.contains(&reg) {
            return;
        }
        if self.settled.contains_key(&reg) {
            self.unsettle(reg);
            return;
        }
        let parts = self.open.entry(reg).or_default();
        parts.push((at, p));
        if self.held.contains(&reg) || !looks_complete(parts) {
            return;
        }
        let (sessions, problems) = rebuild(parts.iter().map(|(_, p)| p.clone()));
        if let ([session], []) = (&sessions[..], &problems[..])
            && let Some(made) = settle(session)
        {
            self.open.remove(&reg);
            self.settled.insert(reg, self.made.len());
            self.made.push(made);
        }
    }

    /// Voids the statement(s) under `id`, read or to come: the session of
    /// one read is left to the final rebuild, which goes without it.
    pub fn void(&mut self, id: &str) {
        let key = id_key(id);
        if !self.voided.insert(key) {
            return;
        }
        if let Some(seen) = self.ids.get(&key) {
            self.voided_read += seen.count as usize;
            let reg = self.registrations[seen.registration as usize];
            self.hold(reg);
        }
    }

    /// Whether a voiding statement named `id`.
    pub fn is_voided(&self, id: &str) -> bool {
        self.voided.contains(&id_key(id))
    }

    /// How many of the statements read were voided (each copy counted).
    pub fn voided(&self) -> usize {
        self.voided_read
    }

    /// The sessions whose statements must be read again, every one of them
    /// in the order read, for [`Gather::finish`].
    pub fn again(&self) -> &HashSet<Uuid> {
        &self.redo
    }

    /// What settling made, and what [`rebuild`] makes of every session not
    /// settled: its statements kept here and `again`, those of
    /// [`Gather::again`]'s sessions read a second time, less those voided.
    pub fn finish(self, again: Vec<(At, Part)>) -> (Vec<T>, Vec<Rebuilt>, Vec<Problem>) {
        let voided = &self.voided;
        let mut parts: Vec<(At, Part)> = (self.open.into_values().flatten())
            .chain(again)
            .filter(|(_, p)| !voided.contains(&id_key(&p.id)))
            .collect();
        // The problems come out in the order `rebuild` meets them, which is
        // the order read.
        parts.sort_by_key(|(at, _)| *at);
        let (sessions, problems) = rebuild(parts.into_iter().map(|(_, p)| p));
        (
            self.made.into_iter().flatten().collect(),
            sessions,
            problems,
        )
    }

    fn number(&mut self, reg: Uuid) -> u32 {
        *self.numbers.entry(reg).or_insert_with(|| {
            self.registrations.push(reg);
            // Four billion sessions would not fit in memory anyway.
            u32::try_from(self.registrations.len() - 1).expect("fewer sessions than u32::MAX")
        })
    }

    fn hold(&mut self, reg: Uuid) {
        self.held.insert(reg);
        if self.settled.contains_key(&reg) {
            self.unsettle(reg);
        }
    }

    fn unsettle(&mut self, reg: Uuid) {
        if let Some(i) = self.settled.remove(&reg) {
            self.made[i] = None;
        }
        self.redo.insert(reg);
    }
}

// By hand for the scores: equal verdicts must hash alike, and `-0.0 ==
// 0.0` (no NaN gets here: a score is checked to be from 0 to 100).
impl Hash for Verdict {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let bits = |x: f64| if x == 0.0 { 0 } else { x.to_bits() };
        let Verdict {
            verb_passed,
            raw,
            scaled,
            success,
        } = self;
        (verb_passed, bits(*raw), bits(*scaled), success).hash(h);
    }
}

/// Whether a session has each statement that ends one: before, it cannot be
/// complete, and rebuilding it would only say so.
fn looks_complete(parts: &[(At, Part)]) -> bool {
    let has = |f: fn(&What) -> bool| parts.iter().any(|(_, p)| f(&p.what));
    has(|w| matches!(w, What::Attempted(_)))
        && has(|w| matches!(w, What::Completed(..)))
        && has(|w| matches!(w, What::Verdict(..)))
}

/// A statement id, as 128 bits of hash: an id's text is ten times that.
fn id_key(id: &str) -> (u64, u64) {
    (hash_of(&(1u8, id)), hash_of(&(2u8, id)))
}

fn hash_of(x: &impl Hash) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(x)
}

#[cfg(test)]
mod tests {
    use super::{At, Gather};
    use crate::record::Record;
    use crate::xapi::Names;
    use crate::xapi::read::{Part, Read, read};
    use crate::xapi::rebuild::rebuild;
    use rapport_core::engine::Pick;
    use rapport_core::rulebook::Rulebook;
    use rapport_core::scenario::Difficulty;
    use rapport_core::session::Session;
    use rapport_core::text::Lang;
    use serde_json::{Value, json};

    /// Three sessions' statements, in the order `sync` sends them.
    fn statements(names: &Names) -> Vec<Value> {
        let book = Rulebook::shipped();
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        let s = scenarios.iter().find(|s| s.id == "late_manager").unwrap();
        let mut out = Vec::new();
        for seed in 1..=3 {
            let mut session = Session::new(s, &book, Difficulty::Normal, seed);
            while !session.is_over() {
                let pick = session
                    .options()
                    .first()
                    .map_or(Pick::Silence, |&o| Pick::Choice(o));
                session.pick_timed(pick, Some(1_000)).unwrap();
            }
            let start: jiff::Timestamp = "2026-11-02T10:00:00Z".parse().unwrap();
            let end = start + jiff::SignedDuration::from_secs(60);
            let record = Record::of(&session, "Ann", Lang::En, start, end);
            out.extend(crate::xapi::statements(&record, &session, names));
        }
        out
    }

    /// The registrations rebuilt, sorted; the problems; the statements
    /// voided.
    type Made = (Vec<String>, Vec<(String, String)>, usize);

    /// What gathering makes of `lines`, settling a session whenever it can
    /// be rebuilt (the review settles only what replays as claimed: this
    /// settles early, and so is disturbed more).
    fn gathered(lines: &[Value], names: &Names) -> Made {
        let mut g = Gather::default();
        for (at, v) in lines.iter().enumerate() {
            match read(v, names) {
                Read::Ours(p) => g.add(at as At, *p, |r| Some(Some(r.record.id.to_string()))),
                Read::Voiding { target } => g.void(&target),
                other => panic!("{other:?}"),
            }
        }
        let again: Vec<(At, Part)> = (lines.iter().enumerate())
            .filter_map(|(at, v)| match read(v, names) {
                Read::Ours(p) if g.again().contains(&p.registration) => Some((at as At, *p)),
                _ => None,
            })
            .collect();
        let voided = g.voided();
        let (mut ids, sessions, problems) = g.finish(again);
        ids.extend(sessions.iter().map(|s| s.record.id.to_string()));
        ids.sort();
        (ids, problems, voided)
    }

    /// What rebuilding them all at once makes of `lines`.
    fn at_once(lines: &[Value], names: &Names) -> Made {
        let mut voided = std::collections::HashSet::new();
        let mut parts = Vec::new();
        for v in lines {
            match read(v, names) {
                Read::Ours(p) => parts.push(*p),
                Read::Voiding { target } => {
                    voided.insert(target);
                }
                other => panic!("{other:?}"),
            }
        }
        let before = parts.len();
        parts.retain(|p| !voided.contains(&p.id));
        let dropped = before - parts.len();
        let (sessions, problems) = rebuild(parts);
        let mut ids: Vec<String> = sessions.iter().map(|s| s.record.id.to_string()).collect();
        ids.sort();
        (ids, problems, dropped)
    }

    #[test]
    fn gathering_gives_what_rebuilding_at_once_gives() {
        let names = Names::new("https://lrs.example.com/rapport");
        let sent = statements(&names);
        let n = sent.len();
        let mut cases: Vec<Vec<Value>> = vec![sent.clone()];
        // Reversed: every verdict before its answers.
        cases.push(sent.iter().rev().cloned().collect());
        // Answers last: each session settled early, then disturbed.
        let mut answers_last = sent.clone();
        answers_last.sort_by_key(|v| v["verb"]["id"].as_str().unwrap().ends_with("/answered"));
        cases.push(answers_last);
        // Sent twice (a page fetched again).
        cases.push(sent.iter().chain(&sent).cloned().collect());
        // A late answer of a settled session, again and twice.
        let mut late = sent.clone();
        late.push(sent[2].clone());
        let mut twice = sent[2].clone();
        twice["id"] = json!(uuid::Uuid::new_v4().to_string());
        late.push(twice);
        cases.push(late);
        // Another content under a settled session's id, from its own
        // session and from another's.
        for other in [1, n - 1] {
            let mut clash = sent.clone();
            let mut v = sent[other].clone();
            v["id"] = sent[1]["id"].clone();
            v["result"]["response"] = json!("edited");
            clash.push(v);
            cases.push(clash);
        }
        let across = cases.last().unwrap().clone();
        // One statement missing.
        cases.push(sent[..n - 1].to_vec());
        // A statement voided after its session was settled, or before it
        // came; and a clash voided away.
        let void = |id: &Value| {
            json!({
                "actor": { "mbox": "mailto:manager@example.com" },
                "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
                "object": { "objectType": "StatementRef", "id": id },
            })
        };
        let mut after = sent.clone();
        after.push(void(&sent[3]["id"]));
        cases.push(after);
        let mut before = vec![void(&sent[3]["id"])];
        before.extend(sent.iter().cloned());
        cases.push(before);
        let mut clash_voided = across;
        clash_voided.push(void(&sent[1]["id"]));
        cases.push(clash_voided);
        for (i, lines) in cases.iter().enumerate() {
            assert_eq!(gathered(lines, &names), at_once(lines, &names), "case {i}");
        }
        assert_eq!(gathered(&sent, &names).0.len(), 3);
        let voided: Vec<usize> = cases[cases.len() - 3..]
            .iter()
            .map(|c| gathered(c, &names).2)
            .collect();
        assert_eq!(voided, [1, 1, 2]);
    }
}
