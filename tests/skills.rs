//! The skill map end to end: `rapport report --skills` and `rapport list
//! --trainee` over sessions played through the binary or by a scripted
//! trainee, checked against counts made here by hand.

mod common;

use common::{best, ok, rapport, worst};
use rapport_core::engine::Pick;
use rapport_core::monitor::Mark;
use rapport_core::scenario::Difficulty;
use rapport_core::text::Lang;
use rapport_records::record::Record;
use rapport_records::review::Coverages;
use rapport_records::store::DataDir;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Copies the tables of what each shipped scenario can test into `data`'s
/// cache, computed once for every test here (and kept between runs under
/// cargo's temporary directory): each is an exact distribution, and every
/// test starts from an empty data directory.
fn warm(data: &Path) {
    static SHARED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let shared = SHARED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("coverage");
        let book = rapport_core::Rulebook::shipped();
        let scenarios = rapport_core::catalog::shipped_scenarios(&book);
        let c = Coverages::new(&scenarios, &book, Some(dir.clone()));
        let all: Vec<_> = (0..c.len())
            .flat_map(|i| Difficulty::ALL.map(|l| (i, l)))
            .collect();
        c.prefetch(&all);
        dir
    });
    let to = Coverages::cache_dir(&DataDir::resolve(Some(data)).unwrap());
    std::fs::create_dir_all(&to).unwrap();
    for f in std::fs::read_dir(shared).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
}

/// Plays late_manager at seed 1 along `choose` as `trainee`; the rules'
/// statuses as the play itself reports them (not as the review replays
/// them).
fn play(data: &Path, trainee: &str, choose: &str) -> BTreeMap<String, String> {
    let args = [
        "play",
        "late_manager",
        "--seed",
        "1",
        "--choose",
        choose,
        "--trainee",
        trainee,
        "--json",
    ];
    let v: Value = serde_json::from_str(&ok(&rapport(data, &args))).unwrap();
    v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = r["status"].as_str().unwrap().to_string();
            (r["id"].as_str().unwrap().to_string(), s)
        })
        .collect()
}

fn skills(data: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--skills", "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&ok(&rapport(data, &args))).expect("one JSON object")
}

fn map<'a>(doc: &'a Value, trainee: &str) -> &'a Value {
    doc["trainees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["trainee"] == trainee)
        .unwrap_or_else(|| panic!("no {trainee} in {doc}"))
}

fn rule<'a>(m: &'a Value, id: &str) -> Option<&'a Value> {
    m["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
}

#[test]
fn counts_are_the_hand_count_and_the_trend_follows_improvement() {
    let data = tempfile::tempdir().unwrap();
    warm(data.path());
    let mut up = Vec::new();
    for choose in [worst(), worst(), best(), best()] {
        up.push(play(data.path(), "Up", choose));
    }
    for choose in [best(), worst(), worst()] {
        play(data.path(), "Down", choose);
    }
    let doc = skills(data.path(), &[]);
    assert_eq!(doc["last"], 10);
    let m = map(&doc, "Up");
    assert_eq!(m["sessions"], 4);
    // By hand: per rule, the sessions in which it applied and held.
    let mut hand: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for session in &up {
        for (id, status) in session {
            if status != "not_applicable" {
                let c = hand.entry(id).or_default();
                c.0 += 1;
                c.1 += u64::from(status == "held");
            }
        }
    }
    assert!(!hand.is_empty());
    assert_eq!(m["rules"].as_array().unwrap().len(), hand.len());
    for (id, (applied, held)) in &hand {
        let r = rule(m, id).unwrap();
        assert_eq!(
            (&r["applied"], &r["held"]),
            (&(*applied).into(), &(*held).into()),
            "{id}"
        );
        assert!(r["title"].as_str().is_some_and(|t| !t.is_empty()));
    }
    // Broken in both worst sessions, held in both best: the trend is +1
    // for Up; Down held it first and broke it last.
    let learned: Vec<&&str> = hand
        .iter()
        .filter(|(_, c)| **c == (4, 2))
        .map(|(id, _)| id)
        .collect();
    assert!(
        !learned.is_empty(),
        "the worst path breaks rules the best keeps"
    );
    let down = map(&doc, "Down");
    for id in learned {
        assert_eq!(rule(m, id).unwrap()["trend"], 1.0, "{id}");
        assert_eq!(rule(down, id).unwrap()["trend"], -1.0, "{id}");
    }
    let team = &doc["team"];
    assert_eq!(team["sessions"], 7);
    assert!(team.get("trainee").is_none());

    // The last two sessions of Up are the best path: nothing broken.
    let doc = skills(data.path(), &["--last", "2", "--trainee", "Up"]);
    let m = map(&doc, "Up");
    assert_eq!(m["sessions"], 2);
    for r in m["rules"].as_array().unwrap() {
        assert_eq!(r["applied"], 2);
        assert_eq!(r["held"], 2);
    }
    assert!(m["weakest_rules"].as_array().unwrap().is_empty());
    assert_eq!(doc["trainees"].as_array().unwrap().len(), 1);
}

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

#[test]
fn csv_json_and_table_shapes() {
    let data = tempfile::tempdir().unwrap();
    warm(data.path());
    play(data.path(), "Ann", best());
    play(data.path(), "Боб", worst());
    let csv = ok(&rapport(
        data.path(),
        &["report", "--skills", "--format", "csv"],
    ));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        head,
        [
            "scope",
            "trainee",
            "sessions",
            "kind",
            "id",
            "title",
            "applied",
            "held",
            "rate",
            "trend",
            "earlier_applied",
            "earlier_held",
            "later_applied",
            "later_held",
            "weakest"
        ]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[0] == "team" && r[1].is_empty() && &r[3] == "lesson")
    );
    assert!(rows.iter().any(|r| &r[1] == "Боб" && &r[14] == "1"));
    let csv = ok(&rapport(
        data.path(),
        &["report", "--skills", "--view", "next", "--format", "csv"],
    ));
    assert!(
        csv.starts_with("scope,trainee,sessions,weakest_rules"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "a header, two trainees, the team");

    let doc = skills(data.path(), &["--lang", "ru"]);
    assert_eq!(doc["lang"], "ru");
    let b = map(&doc, "Боб");
    for key in [
        "sessions",
        "rules",
        "lessons",
        "weakest_rules",
        "weakest_lessons",
        "next",
    ] {
        assert!(b.get(key).is_some(), "{key} missing: {b}");
    }
    let r = &b["rules"][0];
    for key in [
        "id", "title", "applied", "held", "rate", "trend", "earlier", "later",
    ] {
        assert!(r.get(key).is_some(), "{key} missing: {r}");
    }
    assert!(
        r["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('а'..='я').contains(&c))
    );
    for key in ["scenario", "difficulty", "because", "tests"] {
        assert!(b["next"].get(key).is_some(), "{key} missing");
    }

    let table = ok(&rapport(
        data.path(),
        &["report", "--skills", "--lang", "ru"],
    ));
    assert!(table.contains("Команда"), "{table}");
    assert!(table.contains("тренировать дальше"), "{table}");

    let o = rapport(data.path(), &["report", "--view", "next"]);
    assert_eq!(o.status.code(), Some(2));
    let o = rapport(data.path(), &["report", "--last", "3"]);
    assert!(!o.status.success(), "--last without --skills");
    let o = rapport(data.path(), &["report", "--skills", "--last", "0"]);
    assert!(!o.status.success());
}

#[test]
fn an_empty_data_directory_says_so() {
    let data = tempfile::tempdir().unwrap();
    let o = rapport(data.path(), &["report", "--skills"]);
    let out = ok(&o);
    assert!(out.contains("No kept sessions match"), "{out}");
    let o = rapport(data.path(), &["report", "--skills", "--format", "json"]);
    let doc: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(doc["trainees"], Value::Array(Vec::new()));
    assert_eq!(doc["team"], Value::Null);
    assert!(String::from_utf8_lossy(&o.stderr).contains("No kept sessions match"));
    let o = rapport(data.path(), &["report", "--skills", "--format", "csv"]);
    assert_eq!(ok(&o).lines().count(), 1, "the header alone");
    let list = ok(&rapport(data.path(), &["list", "--trainee", "Nobody"]));
    assert!(list.contains("Nobody: No kept sessions match"), "{list}");
    assert!(list.contains("late_manager"));
}
