//! The skill map: per trainee and for the team, how often each rule and each
//! lesson applied and was held over the last sessions, which way it is
//! going, the weakest three, and what to practise next
//! ([`super::practice`]).
//!
//! A pure function of the review's attempts, so that the command line and
//! the window show the same map from the same replays.

use super::Attempt;
use super::Coverages;
use super::practice::{Because, Practice, first_asked, recommend};
use rapport_core::rulebook::{Lessons, Rulebook};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of a trainee's latest sessions the map looks at, unless told:
/// enough for a rate to mean something, few enough that a trainee who has
/// learned a rule is no longer held to the sessions before they did.
pub const DEFAULT_LAST: usize = 10;

/// The sessions of one half of the window in which a rule (or lesson)
/// applied, and those of them in which it held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Half {
    /// Sessions in which it applied.
    pub applied: usize,
    /// Of those, the sessions in which it held.
    pub held: usize,
}

/// How one rule or lesson fared over the window.
///
/// The trend compares halves of the sessions in which it applied, not of
/// the window: a rule that applied in three of ten sessions still gets a
/// trend from those three. With `k` such sessions in time order, the
/// earlier half is the first `k / 2`, the later half the last `k / 2` (the
/// middle one of an odd count sits in neither, so the halves weigh the
/// same); the trend is the later half's held rate minus the earlier half's,
/// from −1 (held before, broken lately) to +1 (broken before, held lately),
/// and none below two sessions. For the team the halves are pooled over the
/// trainees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skill {
    /// The rule's or lesson's id.
    pub id: String,
    /// Sessions in which it applied.
    pub applied: usize,
    /// Of those, sessions in which it held.
    pub held: usize,
    /// `held / applied`, none when it never applied.
    pub rate: Option<f64>,
    /// The later half's held rate minus the earlier half's.
    pub trend: Option<f64>,
    /// The earlier half of the sessions in which it applied.
    pub earlier: Half,
    /// The later half.
    pub later: Half,
}

impl Skill {
    /// From the outcomes of the sessions in which it applied, in time
    /// order: `true` for held.
    fn of_outcomes(id: &str, held: &[bool]) -> Skill {
        let half = held.len() / 2;
        let count = |part: &[bool]| Half {
            applied: part.len(),
            held: part.iter().filter(|h| **h).count(),
        };
        let all = count(held);
        Skill::of_counts(
            id,
            all,
            count(&held[..half]),
            count(&held[held.len() - half..]),
        )
    }

    /// The team's: each trainee's counts and halves summed.
    fn pooled<'a>(id: &str, parts: impl Iterator<Item = &'a Skill>) -> Skill {
        let (mut all, mut earlier, mut later) = (Half::default(), Half::default(), Half::default());
        for p in parts {
            all.applied += p.applied;
            all.held += p.held;
            earlier.applied += p.earlier.applied;
            earlier.held += p.earlier.held;
            later.applied += p.later.applied;
            later.held += p.later.held;
        }
        Skill::of_counts(id, all, earlier, later)
    }

    fn of_counts(id: &str, all: Half, earlier: Half, later: Half) -> Skill {
        let rate = |h: Half| (h.applied > 0).then(|| h.held as f64 / h.applied as f64);
        Skill {
            id: id.to_string(),
            applied: all.applied,
            held: all.held,
            rate: rate(all),
            trend: rate(later).zip(rate(earlier)).map(|(l, e)| l - e),
            earlier,
            later,
        }
    }

    /// Sessions in which it was broken.
    pub fn broken(&self) -> usize {
        self.applied - self.held
    }

    /// How much practice it needs, 0..1: one minus the held rate with one
    /// held and one broken session added (Laplace's rule of succession).
    /// The weakest are ranked by it rather than by the bare rate so that a
    /// rule broken in all of five sessions comes before one broken in its
    /// only session, and one held once in ten before one never held in one:
    /// more evidence of a weakness weighs more.
    pub fn need(&self) -> f64 {
        1.0 - (self.held as f64 + 1.0) / (self.applied as f64 + 2.0)
    }
}

/// One trainee's map, or the team's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkillMap {
    /// Whose; none for the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
    /// Sessions counted: the trainee's last ones, or for the team those of
    /// every trainee.
    pub sessions: usize,
    /// Every rule that applied in them, in the rulebook's order.
    pub rules: Vec<Skill>,
    /// Every lesson some rule of which applied, in the lesson index's
    /// order. A lesson applied in a session when any rule citing it did,
    /// and held when every such rule that applied held.
    pub lessons: Vec<Skill>,
    /// At most three rules broken in these sessions, the most in need of
    /// practice ([`Skill::need`]) first; ties go to the rule broken more
    /// often, then to the rulebook's order.
    pub weakest_rules: Vec<String>,
    /// The same for lessons.
    pub weakest_lessons: Vec<String>,
    /// What to play next; none only when no scenario is known.
    pub next: Option<Practice>,
}

/// The skill map of a review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skills {
    /// Each trainee's window: at most this many latest sessions.
    pub last: usize,
    /// Per trainee with a replayed session, in name order.
    pub trainees: Vec<SkillMap>,
    /// Everyone's windows together; none without a trainee.
    pub team: Option<SkillMap>,
}

/// The skill map of `sessions`: per trainee, the last `last` of their
/// sessions that replayed (a record that cannot be replayed says nothing of
/// which rules held), judged under `book` (the rulebook the attempts were
/// replayed under: their held rules are places in it), with lessons from
/// `lessons`, and the next practice chosen from `coverage` (see
/// [`Practice`]). Sessions are taken in the order they started, whatever
/// order they come in.
pub fn skills(
    sessions: &[Attempt],
    book: &Rulebook,
    lessons: &Lessons,
    coverage: &Coverages,
    last: usize,
) -> Skills {
    let last = last.max(1);
    let index: BTreeMap<&str, usize> = book
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // Per lesson cited by some rule, the rules that cite it.
    let cited: Vec<(&str, Vec<usize>)> = lessons
        .items
        .iter()
        .map(|l| {
            let rules = (book.rules.iter().enumerate())
                .filter(|(_, r)| r.source == l.id || r.also.contains(&l.id))
                .map(|(i, _)| i)
                .collect::<Vec<_>>();
            (l.id.as_str(), rules)
        })
        .filter(|(_, rules)| !rules.is_empty())
        .collect();
    let mut by: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.score.is_some()) {
        by.entry(&s.trainee).or_default().push(s);
    }
    // The tables every recommendation looks at first, all at once: each is
    // an exact distribution, and they are independent.
    if !by.is_empty() {
        let mut wanted = first_asked(&[], coverage);
        for played in by.values() {
            wanted.extend(first_asked(played, coverage));
        }
        wanted.sort();
        wanted.dedup();
        coverage.prefetch(&wanted);
    }
    let mut trainees = Vec::new();
    let mut window_plays: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, mut played) in by {
        played.sort_by(|a, b| a.started.cmp(&b.started).then_with(|| a.id.cmp(&b.id)));
        let window = &played[played.len().saturating_sub(last)..];
        for s in window {
            *window_plays.entry(&s.scenario).or_default() += 1;
        }
        // Per session of the window, each rule's status: held, broken, or
        // not applied.
        let statuses: Vec<Vec<Option<bool>>> = window
            .iter()
            .map(|s| {
                let mut st: Vec<Option<bool>> = (0..book.rules.len())
                    .map(|i| s.held.contains(i).then_some(true))
                    .collect();
                for id in &s.broken {
                    if let Some(&i) = index.get(id.as_str()) {
                        st[i] = Some(false);
                    }
                }
                st
            })
            .collect();
        let rules = (0..book.rules.len())
            .map(|i| (book.rules[i].id.as_str(), outcomes(&statuses, |st| st[i])))
            .filter(|(_, o)| !o.is_empty())
            .map(|(id, o)| Skill::of_outcomes(id, &o))
            .collect();
        let lesson_skills = cited
            .iter()
            .map(|(id, of)| {
                let o = outcomes(&statuses, |st| {
                    let applied: Vec<bool> = of.iter().filter_map(|&i| st[i]).collect();
                    (!applied.is_empty()).then(|| applied.iter().all(|h| *h))
                });
                (*id, o)
            })
            .filter(|(_, o)| !o.is_empty())
            .map(|(id, o)| Skill::of_outcomes(id, &o))
            .collect();
        let plays = count_plays(window);
        trainees.push(map(
            Some(name),
            window.len(),
            rules,
            lesson_skills,
            |weak| recommend(weak, &played, &plays, coverage, book),
            &index,
        ));
    }
    let team = (!trainees.is_empty()).then(|| {
        let pool = |of: &dyn Fn(&SkillMap) -> &Vec<Skill>, ids: Vec<&str>| -> Vec<Skill> {
            ids.into_iter()
                .filter_map(|id| {
                    let parts: Vec<&Skill> = trainees
                        .iter()
                        .filter_map(|t| of(t).iter().find(|s| s.id == id))
                        .collect();
                    (!parts.is_empty()).then(|| Skill::pooled(id, parts.into_iter()))
                })
                .collect()
        };
        let rules = pool(
            &|t| &t.rules,
            book.rules.iter().map(|r| r.id.as_str()).collect(),
        );
        let lessons = pool(&|t| &t.lessons, cited.iter().map(|c| c.0).collect());
        map(
            None,
            trainees.iter().map(|t| t.sessions).sum(),
            rules,
            lessons,
            |weak| {
                // The team has no last time: its level is the scenario as
                // written, and it says so rather than "not played yet".
                recommend(weak, &[], &window_plays, coverage, book).map(|mut p| {
                    if p.because == Because::FirstTime {
                        p.because = Because::Team;
                    }
                    p
                })
            },
            &index,
        )
    });
    Skills {
        last,
        trainees,
        team,
    }
}

/// The outcomes, in session order, of the sessions in which `of` says the
/// rule or lesson applied.
fn outcomes(
    statuses: &[Vec<Option<bool>>],
    of: impl Fn(&Vec<Option<bool>>) -> Option<bool>,
) -> Vec<bool> {
    statuses.iter().filter_map(of).collect()
}

fn count_plays<'a>(window: &[&'a Attempt]) -> BTreeMap<&'a str, usize> {
    let mut plays = BTreeMap::new();
    for s in window {
        *plays.entry(s.scenario.as_str()).or_default() += 1;
    }
    plays
}

/// The weakest of `skills` (see [`SkillMap::weakest_rules`]), by id.
fn weakest(skills: &[Skill]) -> Vec<&Skill> {
    let mut weak: Vec<&Skill> = skills.iter().filter(|s| s.broken() > 0).collect();
    // Stable: equal needs and breaks keep the order of the book or index.
    weak.sort_by(|a, b| {
        b.need()
            .total_cmp(&a.need())
            .then_with(|| b.broken().cmp(&a.broken()))
    });
    weak.truncate(3);
    weak
}

fn map(
    trainee: Option<&str>,
    sessions: usize,
    rules: Vec<Skill>,
    lessons: Vec<Skill>,
    next: impl FnOnce(&[(usize, f64)]) -> Option<Practice>,
    index: &BTreeMap<&str, usize>,
) -> SkillMap {
    let weak_rules = weakest(&rules);
    let need: Vec<(usize, f64)> = weak_rules
        .iter()
        .filter_map(|s| index.get(s.id.as_str()).map(|&i| (i, s.need())))
        .collect();
    let ids = |w: Vec<&Skill>| w.into_iter().map(|s| s.id.clone()).collect();
    SkillMap {
        trainee: trainee.map(str::to_string),
        sessions,
        weakest_rules: ids(weak_rules),
        weakest_lessons: ids(weakest(&lessons)),
        next: next(&need),
        rules,
        lessons,
    }
}
