//! `rapport play` and `analyze`: the debrief, JSON, replays and bad choices.
use super::*;

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
    if cfg!(feature = "window") {
        assert!(err.contains("no display"), "{err}");
    } else {
        assert!(
            err.contains("this build has no window") && err.contains("--features window"),
            "{err}"
        );
    }
}
