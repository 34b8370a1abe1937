//! What the skill map's tests share: the tables of what each scenario can
//! test, computed once, and reading the map back.

use rapport_core::scenario::Difficulty;
use rapport_records::review::Coverages;
use rapport_records::store::DataDir;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{ok, rapport};

/// Copies the tables of what each shipped scenario can test into `data`'s
/// cache, computed once for every test here (and kept between runs under
/// cargo's temporary directory): each is an exact distribution, and every
/// test starts from an empty data directory.
pub fn warm(data: &Path) {
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
pub fn play(data: &Path, trainee: &str, choose: &str) -> BTreeMap<String, String> {
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

pub fn skills(data: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--skills", "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&ok(&rapport(data, &args))).expect("one JSON object")
}

pub fn map<'a>(doc: &'a Value, trainee: &str) -> &'a Value {
    doc["trainees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["trainee"] == trainee)
        .unwrap_or_else(|| panic!("no {trainee} in {doc}"))
}

pub fn rule<'a>(m: &'a Value, id: &str) -> Option<&'a Value> {
    m["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
}
