//! Several `rapport` processes on one data directory at once, started
//! together and again many times: plays saving while reports read, syncs
//! racing each other to one LRS (Ralph, as in tests/lrs.rs), and reviews
//! from the LRS sharing a cache while a sync writes. Nothing may be lost,
//! torn or sent twice, whatever order the processes happen to run in.

mod common;

use common::lrs::{PASSWORD, TestLrs, USER};
use common::ralph::Ralph;
use common::{best, ok, play, report, worst};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn start(data: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .env("RAPPORT_LRS_PASSWORD", PASSWORD)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Waits for every child, each read on a thread of its own: one blocked on
/// a full pipe must not keep another from ending.
fn finish(children: Vec<Child>) -> Vec<Output> {
    let waits: Vec<_> = children
        .into_iter()
        .map(|c| std::thread::spawn(move || c.wait_with_output().unwrap()))
        .collect();
    waits.into_iter().map(|w| w.join().unwrap()).collect()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn sessions(doc: &Value) -> &Vec<Value> {
    doc["sessions"].as_array().unwrap()
}

fn choose(i: usize) -> &'static str {
    if i.is_multiple_of(2) { best() } else { worst() }
}

fn statements_of(choose: &str) -> usize {
    choose.split(',').count() + 3
}

#[test]
fn plays_saving_together_while_reports_read_lose_nothing_and_show_nothing_torn() {
    const ROUNDS: usize = 20;
    let data = tempfile::tempdir().unwrap();
    let mut saved: BTreeSet<String> = BTreeSet::new();
    let mut reads = 0;
    for round in 0..ROUNDS {
        // Three saves into one trainee's directory in the same second, and
        // a trainee whose directory is made while the reports list them.
        let names = ["Ann", "Ann", "Ann", &format!("trainee {round}")];
        let mut plays: Vec<Child> = names
            .iter()
            .enumerate()
            .map(|(i, who)| {
                let args = ["play", "late_manager", "--seed", "1", "--choose"];
                let mut args = args.to_vec();
                args.extend([choose(i), "--trainee", who]);
                start(data.path(), &args)
            })
            .collect();
        let before = saved.len();
        let mut seen = before;
        loop {
            let all_done = plays.iter_mut().all(|p| p.try_wait().unwrap().is_some());
            let doc = report(data.path(), &[]);
            reads += 1;
            let skipped = doc["skipped"].as_array().unwrap();
            assert!(skipped.is_empty(), "round {round}: {skipped:?}");
            let now = sessions(&doc);
            assert!(
                (seen..=before + names.len()).contains(&now.len()),
                "round {round}: {} sessions after {seen}",
                now.len()
            );
            seen = now.len();
            for s in now {
                assert_eq!(s["standing"], "verified", "round {round}: {s}");
            }
            if all_done {
                break;
            }
        }
        for o in finish(plays) {
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            assert!(o.status.success(), "round {round}: {err}");
            let path = err
                .lines()
                .find_map(|l| l.strip_prefix("rapport: saved "))
                .unwrap_or_else(|| panic!("no saved line in {err}"));
            assert!(saved.insert(path.to_string()), "saved twice to {path}");
        }
        let doc = report(data.path(), &[]);
        let listed: BTreeSet<String> = sessions(&doc)
            .iter()
            .map(|s| s["path"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(listed, saved, "round {round}: every save, and only those");
    }
    assert_eq!(saved.len(), ROUNDS * 4);
    let leftovers: Vec<_> = walk(data.path())
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "ron"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!("{ROUNDS} rounds, {reads} reports read while plays saved");
}

/// `Sent N session(s): M statement(s), H of them already held` as numbers;
/// zeros for `Nothing to send`.
fn sent(o: &Output) -> (usize, usize, usize) {
    let out = String::from_utf8_lossy(&o.stdout);
    if out.contains("Nothing to send") {
        return (0, 0, 0);
    }
    let numbers: Vec<usize> = out
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    match numbers[..] {
        [n, m, h] => (n, m, h),
        _ => panic!("what did this sync say? {}", text(o)),
    }
}

fn sync(lrs: &Ralph, data: &Path) -> Child {
    let url = lrs.endpoint();
    start(data, &["sync", "--lrs", &url, "--user", USER])
}

/// The ledger of a data directory's one LRS: sessions queued, and sent.
fn ledger(data: &Path) -> (usize, usize) {
    let files = walk(&data.join("xapi"));
    let under = |dir: &str| {
        files
            .iter()
            .filter(|p| p.parent().unwrap().ends_with(dir))
            .count()
    };
    (under("queue"), under("sent"))
}

#[test]
fn syncs_started_together_send_each_statement_once() {
    const ROUNDS: usize = 15;
    const SYNCS: usize = 3;
    let lrs = Ralph::new();
    let data = tempfile::tempdir().unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    let mut waited = 0;
    for round in 0..ROUNDS {
        let mut fresh = 0;
        for (i, who) in ["Ann", "Boris"].into_iter().enumerate() {
            let path = play(data.path(), who, choose(i));
            let record = rapport_records::store::read_record(&path).unwrap();
            expected.insert(record.id.to_string(), statements_of(choose(i)));
            fresh += statements_of(choose(i));
        }
        let outs = finish((0..SYNCS).map(|_| sync(&lrs, data.path())).collect());
        let (mut sessions, mut statements) = (0, 0);
        for o in &outs {
            assert!(o.status.success(), "round {round}: {}", text(o));
            let (n, m, held) = sent(o);
            assert_eq!(held, 0, "round {round}, sent before: {}", text(o));
            waited += usize::from(text(o).contains("is running; waiting"));
            sessions += n;
            statements += m;
        }
        let all: Vec<String> = outs.iter().map(text).collect();
        assert_eq!((sessions, statements), (2, fresh), "round {round}: {all:?}");
        assert_eq!(ledger(data.path()), (0, expected.len()), "round {round}");
    }
    let held = lrs.statements();
    let mut per_session: BTreeMap<String, usize> = BTreeMap::new();
    for s in &held {
        let registration = s["context"]["registration"].as_str().unwrap();
        *per_session.entry(registration.to_string()).or_default() += 1;
    }
    assert_eq!(per_session, expected, "each session's statements, once");
    let ids: BTreeSet<&str> = held.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), held.len(), "no id twice");
    let again = finish(vec![sync(&lrs, data.path())]);
    assert!(
        ok(&again[0]).contains("Nothing to send"),
        "{}",
        text(&again[0])
    );
    let syncs = ROUNDS * SYNCS;
    eprintln!("{syncs} syncs in {ROUNDS} rounds, {waited} of them waited for another");
}

#[test]
fn a_sync_waits_for_another_then_gives_up_clearly() {
    let data = tempfile::tempdir().unwrap();
    play(data.path(), "Ann", best());
    // Nothing answers on the discard port: the sync gets past its lock and
    // fails at the LRS, which leaves the lock file where it belongs.
    let nowhere = "http://127.0.0.1:9/xAPI/";
    let run = |wait: &str| {
        let args = ["sync", "--lrs", nowhere, "--user", USER, "--wait", wait];
        finish(vec![start(data.path(), &args)]).remove(0)
    };
    let o = run("0");
    assert!(text(&o).contains("cannot be reached"), "{}", text(&o));
    let lock = walk(&data.path().join("xapi"))
        .into_iter()
        .find(|p| p.ends_with("sync.lock"))
        .expect("a sync leaves its lock file");
    let other = std::fs::File::options().write(true).open(&lock).unwrap();
    other.lock().unwrap();
    let o = run("1");
    assert!(!o.status.success());
    let said = text(&o);
    assert!(
        said.contains("another sync to 127.0.0.1:9/xAPI is running"),
        "{said}"
    );
    assert!(said.contains("nothing was sent by this one"), "{said}");
    assert!(
        !said.contains("cannot be reached"),
        "it never went on: {said}"
    );
    assert_eq!(ledger(data.path()), (1, 0), "the queue as it was");
    drop(other);
    let o = run("1");
    assert!(text(&o).contains("cannot be reached"), "{}", text(&o));
}

fn review(lrs: &Ralph, data: &Path) -> Child {
    let url = lrs.endpoint();
    start(
        data,
        &["report", "--lrs", &url, "--user", USER, "--format", "json"],
    )
}

fn reviewed(o: &Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap_or_else(|e| panic!("{e}: {}", text(o)))
}

/// A session as both reviews must show it: all but where it was read.
fn rows(doc: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = sessions(doc)
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.as_object_mut().unwrap().remove("path");
            s
        })
        .collect();
    out.sort_by_key(|s| s["id"].as_str().unwrap().to_string());
    out
}

fn requests(o: &Output) -> usize {
    let err = String::from_utf8_lossy(&o.stderr);
    err.lines()
        .find_map(|l| l.strip_prefix("rapport: ")?.split_once(" request(s)"))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no request count in {err}"))
}

#[test]
fn reviews_sharing_a_cache_while_a_sync_writes_keep_the_cache_whole() {
    const ROUNDS: usize = 12;
    let lrs = Ralph::new();
    let (ann, boris, manager) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let mut borises = BTreeSet::new();
    for round in 0..ROUNDS {
        play(ann.path(), "Ann", choose(round));
        ok(&finish(vec![sync(&lrs, ann.path())])[0]);
        let path = play(boris.path(), "Boris", choose(round + 1));
        let id = rapport_records::store::read_record(&path).unwrap().id;
        borises.insert(id.to_string());
        // Boris's sync runs while two reviews fetch into one cache.
        let outs = finish(vec![
            sync(&lrs, boris.path()),
            review(&lrs, manager.path()),
            review(&lrs, manager.path()),
        ]);
        assert!(
            ok(&outs[0]).contains("Sent 1 session(s)"),
            "{}",
            text(&outs[0])
        );
        for o in &outs[1..] {
            let doc = reviewed(o);
            let anns = sessions(&doc).iter().filter(|s| s["trainee"] == "Ann");
            assert_eq!(anns.count(), round + 1, "round {round}: {}", text(o));
        }
        // After them, the cache holds what they fetched, and only once.
        let first = finish(vec![review(&lrs, manager.path())]).remove(0);
        let again = finish(vec![review(&lrs, manager.path())]).remove(0);
        let (a, b) = (reviewed(&first), reviewed(&again));
        assert_eq!(requests(&again), 1, "round {round}: {}", text(&again));
        assert!(
            text(&again).contains(" 0 new statement(s)"),
            "{}",
            text(&again)
        );
        assert_eq!(rows(&b), rows(&a), "round {round}");
        assert_eq!(b["skipped"], a["skipped"], "round {round}");
        // Ralph may show a sync half-way (it compares `since` with the
        // statements' own time, see docs/records.md): only a session of
        // Boris's, being sent, may be incomplete; the cache never is.
        for s in b["skipped"].as_array().unwrap() {
            let at = s["path"].as_str().unwrap();
            assert!(borises.contains(at), "round {round}: {s}");
        }
        let files = walk(manager.path());
        let state = files.iter().find(|p| p.ends_with("state.json")).unwrap();
        let state: Value = serde_json::from_slice(&std::fs::read(state).unwrap()).unwrap();
        let named: BTreeSet<String> = state["segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect();
        let kept: BTreeSet<String> = files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            kept, named,
            "round {round}: every segment named, and only those"
        );
        assert!(
            files
                .iter()
                .all(|p| !p.to_string_lossy().contains(".saving-")),
            "round {round}: {files:?}"
        );
    }
    // Ann's sessions, synced before each round, read back as she has them.
    let local = report(ann.path(), &[]);
    let doc = reviewed(&finish(vec![review(&lrs, manager.path())])[0]);
    let mut from_lrs = rows(&doc);
    from_lrs.retain(|s| s["trainee"] == "Ann");
    assert_eq!(from_lrs, rows(&local));
    let o = finish(vec![sync(&lrs, boris.path())]).remove(0);
    assert!(ok(&o).contains("Nothing to send"), "{}", text(&o));
    assert_eq!(ledger(boris.path()), (0, ROUNDS));
}
