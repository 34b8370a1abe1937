//! The manager's review: every record's score recomputed from its choices,
//! compared with what was stored, and summed up per trainee.

use crate::monitor::Status;
use crate::record::Record;
use crate::rulebook::Rulebook;
use crate::scenario::Scenario;
use crate::score::Score;
use crate::store::DataDir;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Scores within this of each other are the same score (they went through
/// a text file).
const SAME_SCORE: f64 = 1e-6;

/// How far a record's stored score can be believed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "standing", rename_all = "snake_case")]
pub enum Standing {
    /// Replayed to the score it claims.
    Verified,
    /// Same scenario and rulebook, a different score: someone edited it.
    Altered { stored: f64 },
    /// The scenario or the rulebook changed since; the score is recomputed
    /// under today's, beside the one stored.
    ScenarioChanged { stored: f64 },
    /// Today's scenario cannot replay these choices, or is gone.
    Unreplayable { stored: f64, why: String },
}

impl Standing {
    pub fn label(&self) -> &'static str {
        match self {
            Standing::Verified => "verified",
            Standing::Altered { .. } => "altered",
            Standing::ScenarioChanged { .. } => "scenario changed",
            Standing::Unreplayable { .. } => "cannot replay",
        }
    }
}

/// One session as the review sees it.
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    pub path: PathBuf,
    pub id: String,
    pub trainee: String,
    pub scenario: String,
    pub started: Timestamp,
    pub seconds: f64,
    pub difficulty: &'static str,
    pub lang: &'static str,
    /// Recomputed; `None` when it cannot be.
    pub score: Option<f64>,
    pub passed: Option<bool>,
    pub ending: Option<String>,
    pub outcome: Option<&'static str>,
    pub broken: Vec<String>,
    pub critical_broken: Vec<String>,
    #[serde(flatten)]
    pub standing: Standing,
}

/// The scenarios a review replays against, by id.
pub struct Judge<'a> {
    pub book: &'a Rulebook,
    pub scenarios: BTreeMap<&'a str, &'a Scenario>,
}

impl<'a> Judge<'a> {
    pub fn new(book: &'a Rulebook, scenarios: impl IntoIterator<Item = &'a Scenario>) -> Self {
        Judge {
            book,
            scenarios: scenarios.into_iter().map(|s| (s.id.as_str(), s)).collect(),
        }
    }

    /// Replays one record on today's scenario, or says why it cannot be.
    pub fn replay(&self, r: &Record) -> Result<crate::session::Session<'a>, String> {
        let scenario = self
            .scenarios
            .get(r.scenario.as_str())
            .ok_or_else(|| format!("no scenario `{}` here", r.scenario))?;
        r.replay(scenario, self.book).map_err(|e| e.to_string())
    }

    /// Replays one record and says how far its stored score holds.
    pub fn session(&self, path: PathBuf, r: &Record) -> Session {
        let mut out = Session {
            path,
            id: r.id.to_string(),
            trainee: r.trainee.clone(),
            scenario: r.scenario.clone(),
            started: r.started,
            seconds: r.duration().as_secs_f64().max(0.0),
            difficulty: r.difficulty.name(),
            lang: r.lang.code(),
            score: None,
            passed: None,
            ending: None,
            outcome: None,
            broken: Vec::new(),
            critical_broken: Vec::new(),
            standing: Standing::Verified,
        };
        let stored = r.score.overall;
        let Some(scenario) = self.scenarios.get(r.scenario.as_str()) else {
            out.standing = Standing::Unreplayable {
                stored,
                why: format!("no scenario `{}` here", r.scenario),
            };
            return out;
        };
        let session = match r.replay(scenario, self.book) {
            Ok(s) => s,
            Err(e) => {
                out.standing = Standing::Unreplayable {
                    stored,
                    why: e.to_string(),
                };
                return out;
            }
        };
        let statuses = session.statuses();
        let score = Score::of(self.book, &statuses);
        for (i, s) in statuses.iter().enumerate() {
            if *s == Status::Broken {
                let rule = &self.book.rules[i];
                out.broken.push(rule.id.clone());
                if rule.critical {
                    out.critical_broken.push(rule.id.clone());
                }
            }
        }
        let changed = scenario.hash != r.scenario_hash || self.book.hash != r.rulebook_hash;
        let same = (score.overall - stored).abs() <= SAME_SCORE
            && score.passed == r.score.passed
            && session.ending_id() == r.score.ending.as_deref();
        out.standing = match (changed, same) {
            (true, _) => Standing::ScenarioChanged { stored },
            (false, true) => Standing::Verified,
            (false, false) => Standing::Altered { stored },
        };
        out.score = Some(score.overall);
        out.passed = Some(score.passed);
        out.ending = session.ending_id().map(str::to_string);
        out.outcome = session.outcome().map(|o| o.id());
        out
    }
}

/// The sessions a review found, and the files it could not read.
#[derive(Default)]
pub struct Reviewed {
    /// In the order the records were started.
    pub sessions: Vec<Session>,
    /// Files that are not records, by path, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

impl Judge<'_> {
    /// Reads and replays every record under `data` that `filter` keeps. One
    /// record at a time per thread, so memory follows the number of sessions
    /// kept, not the bytes on disk; a file that cannot be read is skipped
    /// and reported.
    pub fn review(&self, data: &DataDir, filter: &Filter) -> Reviewed {
        // A trainee's records are all in their own directory.
        let files = match &filter.trainee {
            Some(t) => data.record_files_of(t),
            None => data.record_files(),
        };
        match files {
            Ok(files) => self.review_files(&files, filter),
            Err((path, why)) => Reviewed {
                sessions: Vec::new(),
                skipped: vec![(path, why)],
            },
        }
    }

    /// Reads and replays these record files, those `filter` keeps.
    pub fn review_files(&self, files: &[PathBuf], filter: &Filter) -> Reviewed {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = files.len().div_ceil(threads).max(1);
        let parts: Vec<Reviewed> = std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut out = Reviewed::default();
                        for path in part {
                            match crate::store::read_record(path) {
                                Ok(r) if filter.keeps(&r) => {
                                    out.sessions.push(self.session(path.clone(), &r))
                                }
                                Ok(_) => {}
                                Err(why) => out.skipped.push((path.clone(), why)),
                            }
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut all = Reviewed::default();
        for p in parts {
            all.sessions.extend(p.sessions);
            all.skipped.extend(p.skipped);
        }
        all.sessions
            .sort_by(|a, b| a.started.cmp(&b.started).then_with(|| a.id.cmp(&b.id)));
        all
    }
}

impl Standing {
    /// The score the record claims, when the review shows it beside the
    /// recomputed one.
    pub fn stored(&self) -> Option<f64> {
        match self {
            Standing::Verified => None,
            Standing::Altered { stored }
            | Standing::ScenarioChanged { stored }
            | Standing::Unreplayable { stored, .. } => Some(*stored),
        }
    }
}

/// The sessions as CSV, one row each (the report's and the review screen's
/// export).
pub fn write_sessions_csv<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    sessions: &[Session],
) -> csv::Result<()> {
    w.write_record([
        "id",
        "started",
        "trainee",
        "scenario",
        "difficulty",
        "lang",
        "seconds",
        "score",
        "passed",
        "ending",
        "outcome",
        "record",
        "stored_score",
        "broken",
        "critical_broken",
        "path",
    ])?;
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.2}"));
    for s in sessions {
        w.write_record([
            s.id.clone(),
            s.started.to_string(),
            s.trainee.clone(),
            s.scenario.clone(),
            s.difficulty.to_string(),
            s.lang.to_string(),
            format!("{:.1}", s.seconds),
            opt(s.score),
            s.passed.map_or(String::new(), |p| p.to_string()),
            s.ending.clone().unwrap_or_default(),
            s.outcome.unwrap_or_default().to_string(),
            s.standing.label().to_string(),
            opt(s.standing.stored()),
            s.broken.join(" "),
            s.critical_broken.join(" "),
            s.path.display().to_string(),
        ])?;
    }
    Ok(())
}

/// What to keep of the sessions.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    pub since: Option<Timestamp>,
}

impl Filter {
    pub fn keeps(&self, r: &Record) -> bool {
        self.keeps_fields(&r.trainee, &r.scenario, r.started)
    }

    pub fn keeps_session(&self, s: &Session) -> bool {
        self.keeps_fields(&s.trainee, &s.scenario, s.started)
    }

    fn keeps_fields(&self, trainee: &str, scenario: &str, started: Timestamp) -> bool {
        self.trainee.as_ref().is_none_or(|t| t == trainee)
            && self.scenario.as_ref().is_none_or(|s| s == scenario)
            && self.since.is_none_or(|t| started >= t)
    }
}

/// The best recomputed score in each scenario, by scenario id.
pub fn best_by_scenario(sessions: &[Session]) -> BTreeMap<String, f64> {
    let mut best: BTreeMap<String, f64> = BTreeMap::new();
    for s in sessions {
        if let Some(score) = s.score {
            let b = best.entry(s.scenario.clone()).or_insert(score);
            *b = b.max(score);
        }
    }
    best
}

/// How often each trainee broke each rule: broken sessions over attempts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Heat {
    pub trainees: Vec<String>,
    /// Sessions per trainee, in the order of `trainees`.
    pub attempts: Vec<usize>,
    /// Only rules somebody broke, most often broken first.
    pub rules: Vec<String>,
    /// `rate[rule][trainee]`, 0.0..=1.0.
    pub rate: Vec<Vec<f64>>,
}

pub fn heat(sessions: &[Session]) -> Heat {
    let mut attempts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut broken: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for s in sessions {
        *attempts.entry(&s.trainee).or_default() += 1;
        for r in &s.broken {
            *broken.entry(r).or_default().entry(&s.trainee).or_default() += 1;
        }
    }
    let trainees: Vec<&str> = attempts.keys().copied().collect();
    let mut rules: Vec<(&str, usize)> = broken
        .iter()
        .map(|(r, by)| (*r, by.values().sum()))
        .collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let rate = rules
        .iter()
        .map(|(r, _)| {
            trainees
                .iter()
                .map(|t| broken[r].get(t).copied().unwrap_or(0) as f64 / attempts[t] as f64)
                .collect()
        })
        .collect();
    Heat {
        attempts: trainees.iter().map(|t| attempts[t]).collect(),
        trainees: trainees.iter().map(|t| t.to_string()).collect(),
        rules: rules.iter().map(|(r, _)| r.to_string()).collect(),
        rate,
    }
}

/// Each trainee's scores in time order, at most `points` per trainee: when
/// there are more sessions, consecutive ones are averaged in equal groups,
/// so a chart shows the trend of a thousand attempts without a thousand
/// points.
pub fn series(sessions: &[Session], points: usize) -> Vec<(String, Vec<(Timestamp, f64)>)> {
    let mut by: BTreeMap<&str, Vec<(Timestamp, f64)>> = BTreeMap::new();
    for s in sessions {
        if let Some(score) = s.score {
            by.entry(&s.trainee).or_default().push((s.started, score));
        }
    }
    by.into_iter()
        .map(|(t, mut pts)| {
            pts.sort_by_key(|p| p.0);
            let points = points.max(1);
            if pts.len() > points {
                let per = pts.len().div_ceil(points);
                pts = pts
                    .chunks(per)
                    .map(|c| {
                        (
                            c[c.len() / 2].0,
                            c.iter().map(|p| p.1).sum::<f64>() / c.len() as f64,
                        )
                    })
                    .collect();
            }
            (t.to_string(), pts)
        })
        .collect()
}

/// One trainee at a glance.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Trainee {
    pub trainee: String,
    pub attempts: usize,
    pub best: Option<f64>,
    pub last: Option<f64>,
    /// The last score minus the first.
    pub first_to_last: Option<f64>,
    /// Points per attempt, the least-squares slope over the attempts in order.
    pub trend: Option<f64>,
    /// The rules most often broken, with how often; at most three.
    pub most_broken: Vec<Broken>,
    pub critical_breaks: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Broken {
    pub rule: String,
    pub times: usize,
}

/// Per trainee, in name order; sessions in time order within each.
pub fn trainees(sessions: &[Session]) -> Vec<Trainee> {
    let mut by: BTreeMap<&str, Vec<&Session>> = BTreeMap::new();
    for s in sessions {
        by.entry(&s.trainee).or_default().push(s);
    }
    by.into_iter()
        .map(|(name, mut ss)| {
            ss.sort_by_key(|s| s.started);
            let scores: Vec<f64> = ss.iter().filter_map(|s| s.score).collect();
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for s in &ss {
                for r in &s.broken {
                    *counts.entry(r).or_default() += 1;
                }
            }
            let mut most: Vec<Broken> = counts
                .into_iter()
                .map(|(r, n)| Broken {
                    rule: r.to_string(),
                    times: n,
                })
                .collect();
            // Most often first; ties by rule id, so the report is stable.
            most.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.rule.cmp(&b.rule)));
            most.truncate(3);
            Trainee {
                trainee: name.to_string(),
                attempts: ss.len(),
                best: scores.iter().copied().reduce(f64::max),
                last: scores.last().copied(),
                first_to_last: (scores.len() >= 2).then(|| scores[scores.len() - 1] - scores[0]),
                trend: slope(&scores),
                most_broken: most,
                critical_breaks: ss.iter().map(|s| s.critical_broken.len()).sum(),
            }
        })
        .collect()
}

/// The least-squares slope of `ys` over 0, 1, 2, …; `None` below two points.
fn slope(ys: &[f64]) -> Option<f64> {
    let n = ys.len();
    if n < 2 {
        return None;
    }
    let mean_x = (n - 1) as f64 / 2.0;
    let mean_y = ys.iter().sum::<f64>() / n as f64;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, y) in ys.iter().enumerate() {
        let dx = i as f64 - mean_x;
        num += dx * (y - mean_y);
        den += dx * dx;
    }
    Some(num / den)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(trainee: &str, minute: i64, score: f64, broken: &[&str]) -> Session {
        Session {
            path: PathBuf::new(),
            id: String::new(),
            trainee: trainee.into(),
            scenario: "s".into(),
            started: Timestamp::from_second(minute * 60).unwrap(),
            seconds: 0.0,
            difficulty: "normal",
            lang: "en",
            score: Some(score),
            passed: Some(score >= 70.0),
            ending: None,
            outcome: None,
            broken: broken.iter().map(|s| s.to_string()).collect(),
            critical_broken: Vec::new(),
            standing: Standing::Verified,
        }
    }

    #[test]
    fn best_is_per_scenario_and_ignores_what_cannot_be_scored() {
        let mut s = vec![
            session("ann", 1, 50.0, &[]),
            session("ann", 2, 80.0, &[]),
            session("ann", 3, 60.0, &[]),
        ];
        s[2].scenario = "other".into();
        let mut unscored = session("ann", 4, 99.0, &[]);
        unscored.score = None;
        s.push(unscored);
        let best = best_by_scenario(&s);
        assert_eq!(best.len(), 2);
        assert_eq!(best["s"], 80.0);
        assert_eq!(best["other"], 60.0);
    }

    #[test]
    fn heat_is_broken_sessions_over_attempts() {
        let s = [
            session("ann", 1, 50.0, &["a", "b"]),
            session("ann", 2, 60.0, &["a"]),
            session("bob", 3, 90.0, &[]),
            session("bob", 4, 40.0, &["b"]),
        ];
        let h = heat(&s);
        assert_eq!(h.trainees, ["ann", "bob"]);
        assert_eq!(h.attempts, [2, 2]);
        assert_eq!(h.rules, ["a", "b"], "a and b broken twice each; ties by id");
        assert_eq!(h.rate, [vec![1.0, 0.0], vec![0.5, 0.5]]);
    }

    #[test]
    fn series_keeps_time_order_and_averages_down_to_the_points_asked() {
        let s: Vec<Session> = (0..10)
            .rev()
            .map(|i| session("ann", i, i as f64 * 10.0, &[]))
            .collect();
        let all = series(&s, 100);
        assert_eq!(all[0].1.len(), 10);
        assert!(all[0].1.windows(2).all(|w| w[0].0 < w[1].0));
        let few = series(&s, 5);
        assert_eq!(
            few[0].1.iter().map(|p| p.1).collect::<Vec<_>>(),
            [5.0, 25.0, 45.0, 65.0, 85.0]
        );
    }

    #[test]
    fn slope_follows_the_scores() {
        assert_eq!(super::slope(&[50.0]), None);
        assert_eq!(super::slope(&[50.0, 60.0, 70.0]), Some(10.0));
        assert!(super::slope(&[90.0, 60.0, 75.0]).unwrap() < 0.0);
    }
}
