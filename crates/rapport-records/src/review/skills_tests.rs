//! The skill map and the practice it proposes, over attempts and coverage
//! tables made by hand, so that every count can be checked by eye.

use super::{Attempt, Because, Coverages, RuleSet, Skill, Standing, skills};
use jiff::Timestamp;
use rapport_core::coverage::{Chance, Coverage, LevelCoverage};
use rapport_core::rulebook::{Lessons, Rulebook};
use rapport_core::scenario::Difficulty;
use std::path::PathBuf;

/// A session of `trainee` at `minute` in `scenario` at `level`, with these
/// rules held and broken.
fn played(
    trainee: &str,
    minute: i64,
    scenario: &str,
    level: &'static str,
    held: &[&str],
    broken: &[&str],
) -> Attempt {
    Attempt {
        path: PathBuf::new(),
        id: format!("{trainee}{minute}"),
        trainee: trainee.into(),
        scenario: scenario.into(),
        started: Timestamp::from_second(minute * 60).unwrap(),
        seconds: 0.0,
        difficulty: level,
        lang: "en",
        score: Some(if broken.is_empty() { 100.0 } else { 50.0 }),
        passed: Some(broken.is_empty()),
        ending: None,
        outcome: None,
        held: {
            let book = Rulebook::shipped();
            let mut set = RuleSet::default();
            for id in held {
                set.insert(book.rules.iter().position(|r| r.id == *id).unwrap());
            }
            set
        },
        broken: broken.iter().map(|s| s.to_string()).collect(),
        critical_broken: Vec::new(),
        standing: Standing::Verified,
        typed: Vec::new(),
    }
}

/// A scenario that applies the rules `tests` (by id) at the given levels
/// with these chances, testable both ways, and no other rule.
fn covering(book: &Rulebook, scenario: &str, tests: &[(&str, &[Difficulty], f64)]) -> Coverage {
    Coverage {
        scenario: scenario.into(),
        levels: Difficulty::ALL
            .iter()
            .map(|&level| LevelCoverage {
                level,
                rules: book
                    .rules
                    .iter()
                    .map(|r| {
                        let t = tests
                            .iter()
                            .find(|(id, at, _)| *id == r.id && at.contains(&level));
                        t.map_or(Chance::default(), |t| Chance {
                            applies: t.2,
                            testable: true,
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn skill<'a>(of: &'a [Skill], id: &str) -> &'a Skill {
    of.iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

const ALL: &[Difficulty] = &Difficulty::ALL;

fn none() -> Coverages<'static> {
    Coverages::known(Vec::new())
}

#[test]
fn counts_halves_trend_and_the_window() {
    let book = Rulebook::shipped();
    let lessons = Lessons::shipped();
    let n = "normal";
    let s = [
        played(
            "ann",
            1,
            "a",
            n,
            &["warn_when_late"],
            &["no_internal_excuses"],
        ),
        played(
            "ann",
            2,
            "a",
            n,
            &[],
            &["warn_when_late", "no_internal_excuses"],
        ),
        played(
            "ann",
            3,
            "a",
            n,
            &["warn_when_late", "apologise_when_late"],
            &[],
        ),
        played(
            "ann",
            4,
            "a",
            n,
            &["warn_when_late", "no_internal_excuses"],
            &[],
        ),
        played(
            "ann",
            5,
            "a",
            n,
            &["warn_when_late"],
            &["apologise_when_late"],
        ),
    ];
    // Given out of order: the map orders by start.
    let mut shuffled = s.to_vec();
    shuffled.reverse();
    let m = skills(&shuffled, &book, lessons, &none(), 10);
    let ann = &m.trainees[0];
    assert_eq!(ann.sessions, 5);
    let warn = skill(&ann.rules, "warn_when_late");
    assert_eq!((warn.applied, warn.held), (5, 4));
    // Applied in five: earlier half 1, 2 (held 1), later half 4, 5 (held 2).
    assert_eq!((warn.earlier.applied, warn.earlier.held), (2, 1));
    assert_eq!((warn.later.applied, warn.later.held), (2, 2));
    assert_eq!(warn.trend, Some(0.5));
    let excuses = skill(&ann.rules, "no_internal_excuses");
    assert_eq!((excuses.applied, excuses.held), (3, 1));
    assert_eq!(excuses.trend, Some(1.0), "broken at 1, held at 4");
    let apologise = skill(&ann.rules, "apologise_when_late");
    assert_eq!(apologise.trend, Some(-1.0), "held at 3, broken at 5");
    assert!(ann.rules.iter().all(|r| r.applied > 0));
    // L001.3 is warn_when_late and apologise_when_late: held in a session
    // only when both that applied held.
    let l = skill(&ann.lessons, "L001.3");
    assert_eq!((l.applied, l.held), (5, 3));

    let m = skills(&s, &book, lessons, &none(), 2);
    let ann = &m.trainees[0];
    assert_eq!(ann.sessions, 2);
    assert_eq!(skill(&ann.rules, "warn_when_late").applied, 2);
    assert!(
        ann.rules
            .iter()
            .all(|r| r.id != "no_internal_excuses" || r.held == 1)
    );
}

#[test]
fn the_weakest_weigh_the_evidence_and_the_team_pools() {
    let book = Rulebook::shipped();
    let lessons = Lessons::shipped();
    let n = "normal";
    let mut s = Vec::new();
    // Ann breaks `no_rudeness` in all five sessions, `listen_first` in her
    // only one, and holds `no_arguing` once in five.
    for i in 0..5 {
        let held: &[&str] = if i == 0 { &["no_arguing"] } else { &[] };
        let mut broken = vec!["no_rudeness"];
        if i > 0 {
            broken.push("no_arguing");
        }
        if i == 4 {
            broken.push("listen_first");
        }
        s.push(played("ann", i, "a", n, held, &broken));
    }
    s.push(played("bob", 9, "a", n, &["no_rudeness"], &[]));
    let m = skills(&s, &book, lessons, &none(), 10);
    assert_eq!(
        m.trainees[0].weakest_rules,
        ["no_rudeness", "no_arguing", "listen_first"]
    );
    assert!(m.trainees[1].weakest_rules.is_empty());
    let team = m.team.unwrap();
    assert_eq!(team.trainee, None);
    assert_eq!(team.sessions, 6);
    let rude = skill(&team.rules, "no_rudeness");
    assert_eq!((rude.applied, rude.held), (6, 1));
    // Ann's halves (2 and 2, none held) and Bob's (none: a single session).
    assert_eq!((rude.earlier.applied, rude.later.applied), (2, 2));
    assert_eq!(rude.trend, Some(0.0));
}

#[test]
fn practice_tests_the_weak_rules_at_the_level_the_trainee_is_ready_for() {
    let book = Rulebook::shipped();
    let lessons = Lessons::shipped();
    let coverage = Coverages::known(vec![
        covering(&book, "misses", &[("no_arguing", ALL, 0.9)]),
        covering(&book, "rarely", &[("no_rudeness", ALL, 0.2)]),
        covering(&book, "often", &[("no_rudeness", ALL, 0.7)]),
        covering(
            &book,
            "hard_only",
            &[("listen_first", &[Difficulty::Hard], 0.5)],
        ),
    ]);
    let rude = |t: &str, m: i64, scenario: &str, level| {
        played(t, m, scenario, level, &[], &["no_rudeness"])
    };
    // Never played `often`: normal, as written.
    let m = skills(
        &[rude("ann", 1, "x", "easy")],
        &book,
        lessons,
        &coverage,
        10,
    );
    let next = m.trainees[0].next.as_ref().unwrap();
    assert_eq!(
        (next.scenario.as_str(), next.difficulty),
        ("often", "normal")
    );
    assert_eq!(next.because, Because::FirstTime);
    assert_eq!(next.tests.len(), 1);
    assert_eq!(next.tests[0].rule, "no_rudeness");
    assert_eq!(next.tests[0].applies, 0.7);

    // Failed `often` on easy last: easy again. Passed it on easy: normal.
    let s = [rude("ann", 1, "often", "easy")];
    let m = skills(&s, &book, lessons, &coverage, 10);
    let next = m.trainees[0].next.as_ref().unwrap();
    assert_eq!(
        (next.difficulty, next.because),
        ("easy", Because::FailedLast)
    );
    let s = [
        rude("ann", 1, "x", "normal"),
        played("ann", 2, "often", "easy", &["no_rudeness"], &[]),
    ];
    let m = skills(&s, &book, lessons, &coverage, 10);
    let next = m.trainees[0].next.as_ref().unwrap();
    assert_eq!(
        (next.difficulty, next.because),
        ("normal", Because::PassedLast)
    );

    // A rule only hard can test: hard, whatever the trainee is ready for.
    let s = [played("bob", 1, "x", "easy", &[], &["listen_first"])];
    let m = skills(&s, &book, lessons, &coverage, 10);
    let next = m.trainees[0].next.as_ref().unwrap();
    assert_eq!(
        (next.scenario.as_str(), next.difficulty),
        ("hard_only", "hard")
    );
    assert_eq!(next.because, Because::NearestThatTests);

    // Nothing broken: the scenario played least, one level up from a pass.
    let s = [played("cat", 1, "misses", "normal", &["no_rudeness"], &[])];
    let m = skills(&s, &book, lessons, &coverage, 10);
    let next = m.trainees[0].next.as_ref().unwrap();
    assert_eq!(
        (next.scenario.as_str(), next.difficulty),
        ("rarely", "normal")
    );
    assert!(next.tests.is_empty());
}

#[test]
fn sessions_that_cannot_be_replayed_say_nothing() {
    let book = Rulebook::shipped();
    let mut s = played("ann", 1, "a", "normal", &[], &["no_rudeness"]);
    s.score = None;
    let m = skills(&[s], &book, Lessons::shipped(), &none(), 10);
    assert!(m.trainees.is_empty());
    assert!(m.team.is_none());
}
