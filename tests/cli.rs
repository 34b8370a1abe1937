//! End-to-end tests of the `rapport` binary.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the binary from the repository, its records kept in a directory of
/// the test's own (never the data directory of whoever runs the tests).
fn rapport(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    rapport_in(data.path(), args)
}

fn rapport_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The best (or worst) path of `scenario` at `seed`, as `analyze` lists it
/// for the order that seed shows the options.
fn analyzed(scenario: &str, seed: &str, which: &str) -> String {
    let a = json(&rapport(&["analyze", scenario, "--seed", seed, "--json"]));
    a[which]["choose"].as_str().unwrap().to_string()
}

/// Where the option that starts with `words` is listed at the first beat of
/// `file` for `seed`.
fn listed_first(file: &str, seed: u64, words: &str) -> String {
    let book = rapport::rulebook::Rulebook::shipped();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let bytes = std::fs::read(&path).unwrap();
    let (s, _) = rapport::scenario::Scenario::load(&path, &bytes, &book).unwrap();
    let session =
        rapport::session::Session::new(&s, &book, rapport::scenario::Difficulty::Normal, seed);
    let beat = session.beat().unwrap();
    let n = session
        .options()
        .iter()
        .position(|&i| {
            beat.choices[usize::from(i)]
                .text
                .get(rapport::text::Lang::En)
                .starts_with(words)
        })
        .unwrap();
    (n + 1).to_string()
}

fn json(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("stdout is one JSON object")
}

/// Each file of tests/broken/ says on its first line where `check` must
/// report what: `// expect: LINE:COL: SEVERITY: TEXT` (`*` for any number).
#[test]
fn check_locates_every_kind_of_broken_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the broken-file corpus is there");
    for f in files {
        // Some files are broken below the text level (a BOM, invalid UTF-8):
        // their first line is still readable.
        let bytes = std::fs::read(&f).unwrap();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = String::from_utf8_lossy(bytes);
        let expect = text
            .lines()
            .next()
            .unwrap()
            .strip_prefix("// expect: ")
            .expect("an expect line");
        let mut parts = expect.splitn(4, ':');
        let (line, col, sev, msg) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap().trim(),
            parts.next().unwrap().trim(),
        );
        let rel = format!("tests/broken/{}", f.file_name().unwrap().to_string_lossy());
        let out = rapport(&["check", "--format", "short", &rel]);
        let lines = stdout(&out);
        let found = lines.lines().any(|l| {
            let Some(rest) = l.strip_prefix(&format!("{rel}:")) else {
                return false;
            };
            let mut p = rest.splitn(4, ':');
            let (l2, c2, s2, m2) = (
                p.next().unwrap_or(""),
                p.next().unwrap_or(""),
                p.next().unwrap_or("").trim(),
                p.next().unwrap_or(""),
            );
            (line == "*" || line == l2)
                && (col == "*" || col == c2)
                && s2 == sev
                && m2.contains(msg)
        });
        assert!(found, "{rel}: expected `{expect}`, got:\n{lines}");
        let errors = lines.lines().any(|l| l.contains(": error: "));
        assert_eq!(
            out.status.code(),
            Some(if errors { 1 } else { 0 }),
            "{rel}: exit code"
        );
    }
}

#[test]
fn check_accepts_the_shipped_files_and_the_example() {
    // No error, no warning, and no hint: no best option gives itself away
    // by its length or its figures, no window is too short.
    let out = rapport(&["check", "scenarios", "docs/example.ron"]);
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("0 error(s), 0 warning(s), 0 hint(s)"),
        "{text}"
    );
    // The rulebook itself is whole: every tag judged or neutral.
    let out = rapport(&["check", "scenarios/rulebook.ron"]);
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn check_reports_a_missing_file_and_a_bad_rulebook() {
    let out = rapport(&["check", "no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("no/such/file.ron:1:1: error: "));

    let dir = tempfile::tempdir().unwrap();
    let book = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/rulebook.ron"),
    )
    .unwrap();
    let broken = book.replacen(
        "Forbid(tags: [\"internal_excuse\"])",
        "Forbid(tags: [\"internal_excuses\"])",
        1,
    );
    let path = dir.path().join("rulebook.ron");
    std::fs::write(&path, &broken).unwrap();
    let out = rapport(&["check", "--format", "short", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let line = broken
        .lines()
        .position(|l| l.contains("\"internal_excuses\""))
        .unwrap()
        + 1;
    let expected = format!("{}:{line}:", path.display());
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.starts_with(&expected) && l.contains("unknown tag `internal_excuses`")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn play_json_has_the_promised_shape() {
    let best = analyzed("docs/example.ron", "5", "best");
    let v = json(&rapport(&[
        "play",
        "docs/example.ron",
        "--seed",
        "5",
        "--choose",
        &best,
        "--json",
    ]));
    assert_eq!(v["scenario"], "example_drill");
    assert_eq!(v["seed"], 5);
    assert_eq!(v["ending"], "happy");
    assert_eq!(v["outcome"], "deal");
    assert!(v["score"]["overall"].as_f64().unwrap() >= 90.0);
    assert_eq!(v["score"]["passed"], true);
    assert!(v["score"]["categories"].is_object());
    let rules = v["rules"].as_array().unwrap();
    assert!(rules.len() >= 18);
    for r in rules {
        assert!(r["id"].is_string());
        assert!(["held", "broken", "not_applicable"].contains(&r["status"].as_str().unwrap()));
        assert!(r["critical"].is_boolean());
        assert!(r["beats"].is_array());
    }
    let held = rules
        .iter()
        .find(|r| r["id"] == "serve_the_real_need")
        .unwrap();
    assert_eq!(held["status"], "held");
    assert_eq!(
        v["transcript"].as_array().unwrap().len(),
        best.split(',').count()
    );
    assert_eq!(v["transcript"][0]["beat"], "ask");
}

#[test]
fn a_broken_rule_names_its_beat_and_a_better_choice() {
    let sell = listed_first("docs/example.ron", 5, "Of course: this one");
    let ask = listed_first("docs/example.ron", 5, "What are you going to drill");
    let v = json(&rapport(&[
        "play",
        "docs/example.ron",
        "--seed",
        "5",
        "--choose",
        &sell,
        "--json",
        "--lang",
        "ru",
    ]));
    assert_eq!(v["score"]["passed"], false);
    let rule = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "serve_the_real_need")
        .unwrap();
    assert_eq!(rule["status"], "broken");
    assert_eq!(rule["beats"], serde_json::json!(["ask"]));
    assert_eq!(rule["better"][0]["option"].to_string(), ask);
    assert_eq!(rule["better"][0]["text"], "А что вы собираетесь сверлить?");
}

#[test]
fn analyze_choice_lists_replay_to_their_scores() {
    let a = json(&rapport(&[
        "analyze",
        "docs/example.ron",
        "--seed",
        "11",
        "--json",
    ]));
    for which in ["best", "worst"] {
        let choose = a[which]["choose"].as_str().unwrap();
        let p = json(&rapport(&[
            "play",
            "docs/example.ron",
            "--seed",
            "11",
            "--choose",
            choose,
            "--json",
        ]));
        assert_eq!(p["score"]["overall"], a[which]["score"], "{which}");
    }
    assert!(a["best"]["score"].as_f64().unwrap() > a["worst"]["score"].as_f64().unwrap());
}

#[test]
fn the_same_seed_and_choices_replay_identically() {
    let worst = analyzed("docs/example.ron", "77", "worst");
    let a = stdout(&rapport(&[
        "play",
        "docs/example.ron",
        "--seed",
        "77",
        "--choose",
        &worst,
        "--json",
    ]));
    let b = stdout(&rapport(&[
        "play",
        "docs/example.ron",
        "--seed",
        "77",
        "--choose",
        &worst,
        "--json",
    ]));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn bad_choices_are_clear_errors() {
    let out = rapport(&["play", "docs/example.ron", "--seed", "1", "--choose", "7"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("option 7 does not exist at beat `ask`"));

    // Asking what the drill is for leads on to a beat without a clock.
    let ask = listed_first("docs/example.ron", 1, "What are you going to drill");
    let out = rapport(&["play", "docs/example.ron", "--seed", "1", "--choose", &ask]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not over"));

    let then_silence = format!("{ask},0");
    let out = rapport(&[
        "play",
        "docs/example.ron",
        "--seed",
        "1",
        "--choose",
        &then_silence,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no time limit"));

    let out = rapport(&["play", "nonexistent_scenario"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no shipped scenario has this id"));
}

#[test]
fn interactive_play_reads_choices_from_a_pipe() {
    let best = analyzed("docs/example.ron", "5", "best");
    let mut answers: Vec<&str> = best.split(',').collect();
    answers.insert(1, "nonsense");
    let typed = answers.join("\n") + "\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "play",
            "docs/example.ron",
            "--seed",
            "5",
            "--lang",
            "ru",
            "--no-save",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("Дрель и картина"));
    assert!(text.contains("ЗАЧТЕНО"));
    assert!(text.contains(&format!("--choose {best}")), "{text}");
}

#[test]
fn without_a_window_the_default_command_says_so() {
    // With the window built in, no display is the reason; without it, the build.
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    if cfg!(feature = "app") {
        assert!(err.contains("no display"), "{err}");
    } else {
        assert!(err.contains("without the `app` feature"), "{err}");
    }
}

#[test]
fn check_renders_like_rustc_and_as_json() {
    let out = rapport(&["check", "tests/broken/unknown_tag.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("error: beat `hello`, choice 1 has tag `apologise`"),
        "{text}"
    );
    assert!(
        lines[1].ends_with("tests/broken/unknown_tag.ron:23:70"),
        "{text}"
    );
    // The source line, then carets under exactly the quoted tag.
    let src = lines
        .iter()
        .position(|l| l.contains("tags: [\"apologise\"]"))
        .expect(&text);
    let carets = lines[src + 1];
    // In characters: the line has Cyrillic before the tag.
    let col = |l: &str, pat: &str| l.char_indices().position(|(i, _)| l[i..].starts_with(pat));
    assert_eq!(col(carets, "^"), col(lines[src], "\"apologise\""), "{text}");
    assert_eq!(carets.matches('^').count(), "\"apologise\"".len(), "{text}");
    assert!(text.contains("= hint: did you mean `apologize`?"), "{text}");

    let out = rapport(&["check", "--format", "json", "tests/broken/unknown_tag.ron"]);
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &all[0];
    assert_eq!(
        (d["line"].as_u64(), d["col"].as_u64(), d["end_col"].as_u64()),
        (Some(23), Some(70), Some(81))
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(d["hint"], "did you mean `apologize`?");
    assert!(!d["message"].as_str().unwrap().contains("did you mean"));
}

#[test]
fn golden_runs_pass_for_every_shipped_scenario_and_a_wrong_one_fails_with_why() {
    let out = rapport(&["test"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    let ids = rapport::catalog::shipped_ids(&rapport::rulebook::Rulebook::shipped());
    assert!(ids.len() >= 7);
    for id in &ids {
        let runs = text
            .lines()
            .filter(|l| l.starts_with(&format!("{id}: ")) && l.ends_with(" ... ok"))
            .count();
        assert!(runs >= 3, "{id} has {runs} golden runs:\n{text}");
    }
    assert!(text.contains("test result: ok."), "{text}");

    // The worst path of late_manager, claimed to end as the best does, to
    // hold a rule it breaks, and to score 90 or more.
    let worst = analyzed("late_manager", "1", "worst");
    let best = json(&rapport(&[
        "analyze",
        "late_manager",
        "--seed",
        "1",
        "--json",
    ]));
    let won = best["best"]["ending"].as_str().unwrap().to_string();
    let played = json(&rapport(&[
        "play",
        "late_manager",
        "--seed",
        "1",
        "--choose",
        &worst,
        "--json",
    ]));
    let lost = played["ending"].as_str().unwrap().to_string();
    assert_ne!(won, lost);
    let broken = played["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "broken")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap();
    let score = played["score"]["overall"].as_f64().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("wrong.tests.ron");
    std::fs::write(
        &wrong,
        format!(
            r#"Tests(scenario: "late_manager", runs: [
            Run(name: "claims the worst path wins", seed: 1, choose: [{worst}],
                ending: "{won}", held: ["{broken}"], broken: [], score: (min: 90, max: 100)),
            Run(name: "too few choices", seed: 1, choose: [1], ending: "{won}"),
        ])"#
        ),
    )
    .unwrap();
    let out = rapport(&["test", dir.path().to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("late_manager: claims the worst path wins ... FAILED"),
        "{text}"
    );
    assert!(
        text.contains(&format!("ending: expected `{won}`, got `{lost}`")),
        "{text}"
    );
    assert!(
        text.contains(&format!("rule `{broken}`: expected held, was broken")),
        "{text}"
    );
    assert!(
        text.contains(&format!("score {score:.1} is outside 90..=100")),
        "{text}"
    );
    assert!(text.contains("before the meeting does"), "{text}");
    assert!(
        text.contains("test result: FAILED. 0 passed; 2 failed"),
        "{text}"
    );

    // `check` reads golden-run files for their form.
    std::fs::write(
        &wrong,
        r#"Tests(scenario: "late_manager", runs: [Run(name: "x", seed: 1)])"#,
    )
    .unwrap();
    let out = rapport(&["check", "--format", "short", wrong.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("wrong.tests.ron:1:"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn graph_draws_every_beat_ending_and_choice() {
    let book = rapport::rulebook::Rulebook::shipped();
    let (s, _) = rapport::catalog::resolve("late_manager", &book).unwrap();
    let dot = stdout(&rapport(&["graph", "late_manager"]));
    assert!(dot.starts_with("digraph \"late_manager\" {"), "{dot}");
    for b in &s.beats {
        assert!(dot.contains(&format!("\"b_{}\" [", b.id)), "beat {}", b.id);
    }
    for e in &s.endings {
        assert!(
            dot.contains(&format!("\"e_{}\" [", e.id)),
            "ending {}",
            e.id
        );
    }
    let edges: usize = s
        .beats
        .iter()
        .map(|b| {
            b.choices
                .iter()
                .chain(&b.silence)
                .map(|c| 1 + c.branches.len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(dot.matches(" -> ").count(), edges);
    // The excuse about the car is drawn as breaking a rule.
    assert!(
        dot.lines()
            .any(|l| l.contains("internal_excuse") && l.contains("#c0392b")),
        "{dot}"
    );
    let mermaid = stdout(&rapport(&["graph", "late_manager", "--format", "mermaid"]));
    assert!(mermaid.starts_with("flowchart TD\n"));
    assert_eq!(mermaid.matches("linkStyle ").count(), edges);
}

#[test]
fn new_writes_a_valid_scenario_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("late_delivery.ron");
    let p = path.to_str().unwrap();
    let out = rapport(&["new", "late_delivery", "--out", p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = rapport(&["check", p]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 error(s), 0 warning(s)"));
    let analysis = json(&rapport(&["analyze", p, "--json"]));
    assert_eq!(analysis["best"]["passed"], true);
    assert_eq!(analysis["worst"]["passed"], false);

    std::fs::write(&path, "mine").unwrap();
    let out = rapport(&["new", "late_delivery", "--out", p]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert_eq!(rapport(&["new", "Not An Id"]).status.code(), Some(2));
}

#[test]
fn the_rules_reference_in_docs_is_the_rulebook_as_it_is() {
    let out = rapport(&["rules", "--format", "markdown"]);
    let now = stdout(&out);
    let book = rapport::rulebook::Rulebook::shipped();
    for r in &book.rules {
        assert!(now.contains(&format!("#### `{}`:", r.id)), "{}", r.id);
    }
    let kept = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .unwrap();
    assert!(
        kept == now,
        "docs/rules.md is stale: run `cargo run -- rules > docs/rules.md`"
    );
}

/// Inputs far past the documented limits fail fast with a clear message:
/// a 100 MB string, a beat with 10,000 choices, a million beats.
#[test]
fn huge_inputs_are_refused_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let starter = rapport::scenario::starter("huge");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "long_string.ron",
            starter.replace("So when will it be here?", &"x".repeat(100 * 1024 * 1024)),
            "over the limit of 16777216 bytes (16 MiB)",
        ),
        (
            "many_choices.ron",
            starter.replace(
                "            choices: [\n                Choice(\n                    text: (en: \"You're right.",
                &format!(
                    "            choices: [\n{}                Choice(\n                    text: (en: \"You're right.",
                    "                Choice(text: (en: \"More.\", ru: \"Ещё.\"), next: \"kept\"),\n".repeat(10_000)
                ),
            ),
            "at most 9 fit on the keys 1 to 9",
        ),
    ];
    let beats: String = (0..1_000_000)
        .map(|i| format!("Beat(id:\"b{i}\",emotion:Neutral,line:(en:\"a\",ru:\"а\"),choices:[Choice(text:(en:\"a\",ru:\"а\"),next:\"kept\")]),"))
        .collect();
    let million = starter.replace("    beats: [\n", &format!("    beats: [\n{beats}"));
    let mut cases = cases;
    cases.push((
        "million_beats.ron",
        million,
        "over the limit of 16777216 bytes",
    ));
    for (name, text, expected) in cases {
        assert!(text.len() > starter.len() + 100_000, "{name} was generated");
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        // GNU time gives the peak memory of the run (`.ci/setup` installs it).
        let peak = dir.path().join(format!("{name}.peak"));
        let out = Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&peak)
            .arg(env!("CARGO_BIN_EXE_rapport"))
            .args(["check", "--format", "short", path.to_str().unwrap()])
            .output()
            .expect("GNU time (the Debian package `time`) runs");
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stdout(&out).contains(expected), "{name}: {}", stdout(&out));
        // The file is read only as far as the size limit: far less than
        // the input, however large.
        // (GNU time says first that the status was not zero.)
        let said = std::fs::read_to_string(&peak).unwrap();
        let kib: u64 = said
            .lines()
            .last()
            .unwrap_or_default()
            .trim()
            .parse()
            .unwrap();
        assert!(kib < PEAK_KIB, "{name}: peak {kib} KiB");
    }
}

/// The most memory `rapport check` may take on any input: the 16 MiB it
/// reads at most, and what the program needs around it.
const PEAK_KIB: u64 = 64 * 1024;

#[cfg(unix)]
#[test]
fn a_named_pipe_where_a_scenario_is_expected_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("meeting.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    for args in [
        vec!["check", dir.path().to_str().unwrap()],
        vec!["play", fifo.to_str().unwrap(), "--no-save", "--choose", "1"],
        vec!["analyze", fifo.to_str().unwrap()],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A reader that opened the pipe would wait for a writer for ever.
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                panic!("`rapport {}` waits on a named pipe", args[0]);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!status.success(), "{text}");
        assert!(
            text.contains("meeting.ron:1:1") && text.contains("not a regular file"),
            "{args:?}: {text}"
        );
    }
}
