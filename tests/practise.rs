//! What the skill map proposes: a trainee who always breaks a rule is sent
//! where it is tested (checked against the distribution itself), in `report
//! --skills` and beside the scenario list; and the map of many generated
//! sessions holds together.

mod common;

use common::skills::{map, rule, skills, warm};
use common::{ok, rapport};
use rapport_core::engine::Pick;
use rapport_core::monitor::Mark;
use rapport_core::scenario::Difficulty;
use rapport_core::text::Lang;
use rapport_records::record::Record;
use rapport_records::store::DataDir;
use std::collections::BTreeMap;
use std::path::Path;

/// A trainee who breaks `no_arguing` whenever an option lets them, and
/// otherwise takes the option that breaks the fewest rules.
fn arguer(data: &Path, book: &rapport_core::Rulebook) {
    let x = book
        .rules
        .iter()
        .position(|r| r.id == "no_arguing")
        .unwrap();
    let scenarios = rapport_core::catalog::shipped_scenarios(book);
    let store = DataDir::resolve(Some(data)).unwrap();
    let mut at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    for (n, id) in ["difficult_client", "late_manager", "crisis_3_months"]
        .iter()
        .cycle()
        .take(6)
        .enumerate()
    {
        let s = scenarios.iter().find(|s| s.id == *id).unwrap();
        let mut session = rapport_core::Session::new(s, book, Difficulty::Normal, n as u64);
        while !session.is_over() {
            let marks = |o: u8| {
                let mut s = session.clone();
                let before = s.marks.len();
                let _ = s.pick(Pick::Choice(o));
                s.marks[before..]
                    .iter()
                    .filter(|m| m.mark == Mark::Broken)
                    .map(|m| m.rule)
                    .collect::<Vec<_>>()
            };
            let options = session.options().to_vec();
            let pick = options
                .iter()
                .copied()
                .find(|&o| marks(o).contains(&x))
                .or_else(|| options.iter().copied().min_by_key(|&o| marks(o).len()));
            session
                .pick(pick.map_or(Pick::Silence, Pick::Choice))
                .unwrap();
        }
        let end = at + jiff::SignedDuration::from_secs(600);
        store
            .save(&Record::of(&session, "Arguer", Lang::En, at, end))
            .unwrap();
        at = end;
    }
}

#[test]
fn a_rule_always_broken_is_among_the_weakest_and_the_next_scenario_tests_it() {
    let data = tempfile::tempdir().unwrap();
    warm(data.path());
    let book = rapport_core::Rulebook::shipped();
    arguer(data.path(), &book);
    let doc = skills(data.path(), &["--trainee", "Arguer"]);
    let m = map(&doc, "Arguer");
    let argue = rule(m, "no_arguing").expect("it applied");
    assert_eq!(argue["held"], 0, "{argue}");
    let weakest: Vec<&str> = (m["weakest_rules"].as_array().unwrap().iter())
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(weakest.contains(&"no_arguing"), "{weakest:?}");
    let next = &m["next"];
    let (scenario, level) = (
        next["scenario"].as_str().unwrap(),
        next["difficulty"].as_str().unwrap(),
    );
    // Checked against the distribution itself, not the map's own words.
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let s = scenarios.iter().find(|s| s.id == scenario).unwrap();
    let x = book
        .rules
        .iter()
        .position(|r| r.id == "no_arguing")
        .unwrap();
    let d = rapport_core::distribution::distribution(s, &book, level.parse().unwrap());
    assert!(
        d.rules[x].testable,
        "{scenario} at {level} cannot test no_arguing"
    );
    assert!(
        next["tests"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["rule"] == "no_arguing")
    );

    // The same in a line beside the trainee's scenario list, in Russian.
    let list = ok(&rapport(
        data.path(),
        &["list", "--trainee", "Arguer", "--lang", "ru"],
    ));
    assert!(list.contains("тренировать дальше"), "{list}");
    let row = list.lines().find(|l| l.starts_with(scenario)).unwrap();
    assert!(row.contains('◀'), "{list}");
    let title = book.rule("no_arguing").unwrap().title.get(Lang::Ru);
    assert!(list.contains(title), "{list}");
}

/// Over generated records of a dozen trainees, the map holds together: each
/// trainee counts at most their last ten sessions, nothing holds more often
/// than it applied, the team is the sum of its trainees, and what a
/// recommendation says it tests is among the weakest.
#[test]
fn generated_records_give_a_consistent_map() {
    let data = tempfile::tempdir().unwrap();
    warm(data.path());
    let book = rapport_core::Rulebook::shipped();
    let scenarios = rapport_core::catalog::shipped_scenarios(&book);
    let store = DataDir::resolve(Some(data.path())).unwrap();
    let from = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for r in rapport_fixtures::records(&book, &scenarios, 150, 5, from) {
        *per.entry(r.trainee.clone()).or_default() += 1;
        store.save(&r).unwrap();
    }
    let doc = skills(data.path(), &[]);
    let trainees = doc["trainees"].as_array().unwrap();
    assert_eq!(trainees.len(), per.len());
    let mut team_sessions = 0;
    for t in trainees {
        let n = t["sessions"].as_u64().unwrap();
        assert_eq!(n as usize, per[t["trainee"].as_str().unwrap()].min(10));
        team_sessions += n;
        for r in t["rules"].as_array().unwrap() {
            let (a, h) = (r["applied"].as_u64().unwrap(), r["held"].as_u64().unwrap());
            assert!(0 < a && a <= n && h <= a, "{r}");
            let trend = r["trend"].as_f64().unwrap_or(0.0);
            assert!((-1.0..=1.0).contains(&trend));
        }
        let weakest = t["weakest_rules"].as_array().unwrap();
        assert!(weakest.len() <= 3);
        for w in weakest {
            let r = rule(t, w.as_str().unwrap()).unwrap();
            assert!(r["held"].as_u64() < r["applied"].as_u64(), "{r}");
        }
        for x in t["next"]["tests"].as_array().unwrap() {
            assert!(weakest.contains(&x["rule"]));
            let p = x["applies"].as_f64().unwrap();
            assert!(p > 0.0 && p <= 1.0);
        }
    }
    let team = &doc["team"];
    assert_eq!(team["sessions"].as_u64().unwrap(), team_sessions);
    for r in team["rules"].as_array().unwrap() {
        let sum: u64 = trainees
            .iter()
            .filter_map(|t| rule(t, r["id"].as_str().unwrap()))
            .map(|x| x["applied"].as_u64().unwrap())
            .sum();
        assert_eq!(r["applied"].as_u64().unwrap(), sum);
    }
}
