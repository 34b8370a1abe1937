//! The author's commands: golden runs, graphs, `new`, the rules reference.
use super::*;

#[test]
fn golden_runs_pass_for_every_shipped_scenario_and_a_wrong_one_fails_with_why() {
    let out = rapport(&["test"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    let ids = rapport_core::catalog::shipped_ids(&rapport_core::rulebook::Rulebook::shipped());
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
    let book = rapport_core::rulebook::Rulebook::shipped();
    let (s, _) = rapport_core::catalog::resolve("late_manager", &book).unwrap();
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
    let book = rapport_core::rulebook::Rulebook::shipped();
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

#[test]
fn suggest_ranks_a_beats_options_for_a_typed_answer_and_says_why() {
    let out = rapport(&[
        "suggest",
        "late_manager",
        "car_refused",
        "I'll take the minibus at 9:20",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    let mut lines = text.lines();
    let head = lines.next().unwrap();
    assert!(
        head.contains("car_refused (en): matched: minibus"),
        "{text}"
    );
    assert!(lines.next().unwrap().starts_with("> choice 1 "), "{text}");
    assert_eq!(lines.count(), 3, "{text}");
    let out = rapport(&["suggest", "late_manager", "0", "مرحبا"]);
    assert!(stdout(&out).contains("(no language): no close option"));
    let out = rapport(&["suggest", "late_manager", "nowhere", "hello"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("car_refused"));
}
