//! `rapport report --lrs` against an LRS that misbehaves: a scripted HTTP
//! server on loopback answers with broken statements, a `more` chain that
//! loops back, and a 5xx half-way. Each broken thing is reported and
//! skipped, the review completes (or, for the 5xx, fails clearly), nothing
//! crashes, and the cache stays readable and consistent.

mod common;

use common::{best, ok, play, rapport, worst};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// An HTTP server that answers each request by its path and query.
struct Fake {
    port: u16,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Fake {
    fn new(answer: impl Fn(&str) -> (u16, String) + Send + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap_or_default();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let target = first.split(' ').nth(1).unwrap_or("").to_string();
                log.lock().unwrap().push(target.clone());
                let (status, body) = answer(&target);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Fake { port, asked }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }
}

fn team(data: &Path, lrs: &Fake) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["report", "--format", "json", "--lrs", &lrs.endpoint()])
        .args(["--user", "manager"])
        .env("RAPPORT_DATA_DIR", data)
        .env("RAPPORT_LRS_PASSWORD", "secret")
        .output()
        .unwrap()
}

fn team_table(data: &Path, lrs: &Fake) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["report", "--view", "sessions", "--lrs", &lrs.endpoint()])
        .args(["--user", "manager"])
        .env("RAPPORT_DATA_DIR", data)
        .env("RAPPORT_LRS_PASSWORD", "secret")
        .output()
        .unwrap();
    ok(&o)
}

/// Nine sessions' statements, as `rapport sync` sends them, by registration.
fn sessions() -> Vec<Vec<Value>> {
    let data = tempfile::tempdir().unwrap();
    for i in 0..9 {
        play(
            data.path(),
            &format!("t{i}"),
            if i % 2 == 0 { best() } else { worst() },
        );
    }
    let all: Vec<Value> =
        serde_json::from_str(&ok(&rapport(data.path(), &["export", "--format", "xapi"]))).unwrap();
    let mut by: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for s in all {
        let r = s["context"]["registration"].as_str().unwrap().to_string();
        by.entry(r).or_default().push(s);
    }
    let mut out: Vec<Vec<Value>> = by.into_values().collect();
    out.sort_by_key(|s| {
        s[0]["actor"]["account"]["name"]
            .as_str()
            .unwrap()
            .to_string()
    });
    out
}

fn verb_is(s: &Value, end: &str) -> bool {
    s["verb"]["id"].as_str().unwrap().ends_with(end)
}

fn page(statements: &[Value], more: Option<&str>) -> String {
    let body = json!({ "statements": statements, "more": more.unwrap_or("") }).to_string();
    body.replace("\"__NaN__\"", "NaN")
}

fn state(data: &Path) -> Option<Vec<u8>> {
    let xapi = data.join("xapi");
    let lrs = std::fs::read_dir(&xapi).ok()?.next()?.ok()?.path();
    let query = std::fs::read_dir(lrs.join("review"))
        .ok()?
        .next()?
        .ok()?
        .path();
    std::fs::read(query.join("state.json")).ok()
}

#[test]
fn broken_statements_and_a_looping_more_are_reported_and_skipped() {
    let mut s = sessions();
    let id = |s: &Value| s["id"].as_str().unwrap().to_string();
    // B: its `attempted` has lost its extensions.
    let b = s[1].iter_mut().find(|x| verb_is(x, "/attempted")).unwrap();
    b["context"].as_object_mut().unwrap().remove("extensions");
    let b_id = id(b);
    // C: its `completed` never arrived.
    s[2].retain(|x| !verb_is(x, "/completed"));
    let c_reg = s[2][0]["context"]["registration"]
        .as_str()
        .unwrap()
        .to_string();
    // D: an answer twice under one id, the second different.
    let mut twin = s[3]
        .iter()
        .find(|x| verb_is(x, "/answered"))
        .unwrap()
        .clone();
    twin["result"]["response"] = json!("7");
    let d_id = id(&twin);
    s[3].push(twin);
    // E: a score of NaN; F: of 150.
    let e = s[4]
        .iter_mut()
        .find(|x| x["result"]["score"].is_object())
        .unwrap();
    e["result"]["score"]["raw"] = json!("__NaN__");
    let e_id = id(e);
    let f = s[5]
        .iter_mut()
        .find(|x| x["result"]["score"].is_object())
        .unwrap();
    f["result"]["score"]["raw"] = json!(150);
    let f_id = id(f);
    // G: complete, with a statement of an unknown verb beside it.
    let mut odd = s[6][0].clone();
    odd["id"] = json!("6f1c2c56-1c47-4f0e-9b55-5b2a0f1e0a01");
    odd["verb"]["id"] = json!("http://example.com/verbs/juggled");
    s[6].push(odd);
    // H: of a version of its scenario this build does not have; I: of a
    // scenario it has never heard of. Both listed, their scores unverified.
    for x in &mut s[7] {
        let ext = x["context"]["extensions"].as_object_mut().unwrap();
        for (k, v) in ext.iter_mut() {
            if k.ends_with("/scenario-hash") {
                *v = json!("0000");
            }
        }
    }
    for x in &mut s[8] {
        let text = x
            .to_string()
            .replace("/scenarios/late_manager", "/scenarios/retired");
        *x = serde_json::from_str(&text).unwrap();
    }
    // And another tool's statement.
    let other = json!({ "id": "6f1c2c56-1c47-4f0e-9b55-5b2a0f1e0a02",
        "verb": { "id": "http://adlnet.gov/expapi/verbs/completed" },
        "object": { "id": "https://lms.example.com/course" } });

    let all: Vec<Value> = s.iter().flatten().cloned().chain([other]).collect();
    let half = all.len() / 2;
    let (one, two) = (all[..half].to_vec(), all[half..].to_vec());
    let lrs = Fake::new(move |target| {
        if target.contains("page=2") {
            (200, page(&two, Some("/xAPI/statements?page=3")))
        } else if target.contains("page=3") {
            // Back to page 2, for ever.
            (200, page(&two, Some("/xAPI/statements?page=2")))
        } else {
            (200, page(&one, Some("/xAPI/statements?page=2")))
        }
    });
    let data = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let o = team(data.path(), &lrs);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "round {round}: {err}");
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        let names: Vec<&str> = doc["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["trainee"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["t0", "t6", "t7", "t8"], "round {round}: {err}");
        let standings: Vec<&str> = doc["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["standing"].as_str().unwrap())
            .collect();
        assert_eq!(
            standings,
            ["verified", "verified", "scenario_changed", "unreplayable"]
        );
        let table = team_table(data.path(), &lrs);
        assert_eq!(table.matches("unverified").count(), 2, "{table}");
        for (what, needle) in [
            ("missing extensions", b_id.as_str()),
            ("a session missing a statement", c_reg.as_str()),
            ("a duplicate id", d_id.as_str()),
            ("NaN", e_id.as_str()),
            ("150", f_id.as_str()),
            ("an unknown verb", "6f1c2c56-1c47-4f0e-9b55-5b2a0f1e0a01"),
            ("the loop", "goes round in a loop"),
        ] {
            assert_eq!(
                err.matches(needle).count().min(1),
                1,
                "round {round}: {what} not reported: {err}"
            );
        }
        assert!(err.contains("unknown verb"), "{err}");
        assert!(err.contains("1 from other tools ignored"), "{err}");
        let bytes = state(data.path()).unwrap();
        let kept: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(kept["segments"].is_array());
        assert!(!String::from_utf8_lossy(&bytes).contains("secret"));
    }
    assert!(lrs.asked.lock().unwrap().len() <= 12);
}

#[test]
fn a_5xx_mid_paging_fails_clearly_and_leaves_the_cache_as_it_was() {
    let s = sessions();
    let all: Vec<Value> = s.into_iter().flatten().collect();
    let (one, two) = (all[..20].to_vec(), all[20..].to_vec());
    let broken = Arc::new(Mutex::new(false));
    let down = broken.clone();
    let lrs = Fake::new(move |target| {
        if target.contains("page=2") {
            if *down.lock().unwrap() {
                (503, "{\"error\": \"overloaded\"}".into())
            } else {
                (200, page(&two, None))
            }
        } else {
            (200, page(&one, Some("/xAPI/statements?page=2")))
        }
    });
    let data = tempfile::tempdir().unwrap();
    *broken.lock().unwrap() = true;
    let o = team(data.path(), &lrs);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("failed on page 2 (HTTP 503)"), "{err}");
    assert_eq!(state(data.path()), None, "nothing committed");

    *broken.lock().unwrap() = false;
    let o = team(data.path(), &lrs);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 9);
    let before = state(data.path()).unwrap();

    *broken.lock().unwrap() = true;
    let o = team(data.path(), &lrs);
    assert!(!o.status.success());
    assert_eq!(
        state(data.path()).unwrap(),
        before,
        "the state is untouched"
    );
}

/// The next review asks `since` the latest `stored` in the LRS's own
/// words: a store that compares the parameter with its `stored` as text
/// (Learning Locker's in memory does) would take "10:00:00.8Z", the same
/// moment reformatted, for later than "10:00:00.864Z", and miss that
/// statement for good.
#[test]
fn since_is_the_latest_stored_as_the_lrs_wrote_it() {
    let all: Vec<Value> = sessions().into_iter().take(2).flatten().collect();
    let half = all.len() / 2;
    let stamp = |part: &[Value], stored: &str| -> Vec<Value> {
        let mut part = part.to_vec();
        for s in &mut part {
            s["stored"] = json!(stored);
        }
        part
    };
    let (one, two) = (
        stamp(&all[..half], "2026-11-02T10:00:00.500000+00:00"),
        stamp(&all[half..], "2026-11-02T10:00:00.800000+00:00"),
    );
    let lrs = Fake::new(move |target| {
        if target.contains("since=") {
            (200, page(&[], None))
        } else if target.contains("page=2") {
            (200, page(&two, None))
        } else {
            (200, page(&one, Some("/xAPI/statements?page=2")))
        }
    });
    let data = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let o = team(data.path(), &lrs);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let asked = lrs.asked.lock().unwrap().clone();
    let since: Vec<String> = asked
        .iter()
        .filter_map(|t| t.split(['?', '&']).find_map(|p| p.strip_prefix("since=")))
        .map(percent_decoded)
        .collect();
    assert_eq!(since, ["2026-11-02T10:00:00.800000+00:00"], "{asked:?}");
}

fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            // A `+` left as it is would be read as a space.
            assert_ne!(b[i], b'+', "{s}");
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
