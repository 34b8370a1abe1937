//! The review summed up: the best score per scenario, who breaks which
//! rule how often, each trainee's scores over time, and each trainee at a
//! glance.

use super::Attempt;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// The best recomputed score in each scenario, by scenario id.
pub fn best_by_scenario(sessions: &[Attempt]) -> BTreeMap<String, f64> {
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
    /// Every trainee with an attempt, in name order.
    pub trainees: Vec<String>,
    /// Attempts per trainee, in the order of `trainees`.
    pub attempts: Vec<usize>,
    /// Only rules somebody broke, most often broken first.
    pub rules: Vec<String>,
    /// `rate[rule][trainee]`, 0.0..=1.0.
    pub rate: Vec<Vec<f64>>,
}

/// The heat map of these attempts: the review screen's view of which
/// lesson each trainee still needs.
pub fn heat(sessions: &[Attempt]) -> Heat {
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
pub fn series(sessions: &[Attempt], points: usize) -> Vec<(String, Vec<(Timestamp, f64)>)> {
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
    /// The trainee's name.
    pub trainee: String,
    /// Sessions kept.
    pub attempts: usize,
    /// The best recomputed score.
    pub best: Option<f64>,
    /// The latest recomputed score.
    pub last: Option<f64>,
    /// The last score minus the first.
    pub first_to_last: Option<f64>,
    /// Points per attempt, the least-squares slope over the attempts in order.
    pub trend: Option<f64>,
    /// The rules most often broken, with how often; at most three.
    pub most_broken: Vec<Broken>,
    /// Critical rules broken, over all attempts.
    pub critical_breaks: usize,
    /// Beats, over all attempts, where the trainee typed what they would say
    /// before the options appeared.
    pub typed: usize,
    /// Of those, beats where the option their words were closest to is the
    /// one they chose: their words and their choice agree.
    pub words_agree: usize,
    /// `words_agree / typed`; `None` when they never typed. Low: they
    /// recognise better answers than they produce.
    pub agreement: Option<f64>,
}

/// A rule a trainee broke, and in how many attempts.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Broken {
    /// The rule's id.
    pub rule: String,
    /// Attempts that broke it.
    pub times: usize,
}

/// Per trainee, in name order; sessions in time order within each.
pub fn trainees(sessions: &[Attempt]) -> Vec<Trainee> {
    let mut by: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
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
            let (typed, words_agree) = super::typed::agreement(ss.iter().flat_map(|s| &s.typed));
            Trainee {
                trainee: name.to_string(),
                attempts: ss.len(),
                best: scores.iter().copied().reduce(f64::max),
                last: scores.last().copied(),
                first_to_last: (scores.len() >= 2).then(|| scores[scores.len() - 1] - scores[0]),
                trend: slope(&scores),
                most_broken: most,
                critical_breaks: ss.iter().map(|s| s.critical_broken.len()).sum(),
                typed,
                words_agree,
                agreement: (typed > 0).then(|| words_agree as f64 / typed as f64),
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
    use crate::review::Standing;
    use std::path::PathBuf;

    fn session(trainee: &str, minute: i64, score: f64, broken: &[&str]) -> Attempt {
        Attempt {
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
            held: Default::default(),
            broken: broken.iter().map(|s| s.to_string()).collect(),
            critical_broken: Vec::new(),
            standing: Standing::Verified,
            typed: Vec::new(),
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
        let s: Vec<Attempt> = (0..10)
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
