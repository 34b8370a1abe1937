//! `rapport play --say-first` at the terminal: the words first, then the
//! options with the closest one suggested; the words kept in the record.

use super::*;

/// Plays with `input` on standard input, records kept in `data`.
fn play_typed(data: &Path, args: &[&str], input: &str) -> Output {
    common::rapport_typed(data, args, input)
}

#[test]
fn said_first_the_words_are_kept_and_an_empty_line_takes_the_suggestion() {
    let data = tempfile::tempdir().unwrap();
    let best: Vec<String> = analyzed("late_manager", "4", "best")
        .split(',')
        .map(String::from)
        .collect();
    let minibus = listed_first("scenarios/late_manager.ron", 4, "Plan the minibus");
    assert_eq!(best[0], minibus, "the best path starts with the minibus");
    // The first beat: the trainee's own words, and Enter to take what they
    // point at; the second: no words; then words and a number each.
    let mut input = String::from("I take the minibus at 9:20, and the 9:35 is my spare\n\n\n");
    input.push_str(&best[1]);
    input.push('\n');
    for n in &best[2..] {
        input.push_str("I'd say it my way\n");
        input.push_str(n);
        input.push('\n');
    }
    let out = play_typed(
        data.path(),
        &[
            "play",
            "late_manager",
            "--seed",
            "4",
            "--say-first",
            "--json",
        ],
        &input,
    );
    let v = json(&out);
    assert_eq!(v["ending"], "contract", "{v}");
    assert_eq!(v["score"]["overall"], 100.0);
    let steps = v["transcript"].as_array().unwrap();
    assert_eq!(
        steps[0]["typed"]["text"],
        "I take the minibus at 9:20, and the 9:35 is my spare"
    );
    assert_eq!(steps[0]["typed"]["suggested"].to_string(), minibus);
    assert_eq!(steps[0]["typed"]["agrees"], true);
    assert_eq!(steps[1]["typed"]["skipped"], true);
    assert!(
        steps[2..]
            .iter()
            .all(|s| s["typed"]["text"] == "I'd say it my way")
    );
    // The prompts went to stderr, the options after the words.
    let err = String::from_utf8_lossy(&out.stderr);
    let asked = err.find("What do you say?").unwrap();
    let listed = err.find("Plan the minibus").unwrap();
    assert!(asked < listed, "the options come after the words");
    assert!(err.contains("→ Plan the [minibus]"), "{err}");
    assert!(err.contains("matched: "), "{err}");
    // The record keeps the words beside the picks.
    let kept = std::fs::read_dir(data.path().join("records"))
        .unwrap()
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .map(|f| std::fs::read_to_string(f.path()).unwrap())
        .next()
        .expect("one record");
    assert!(kept.contains("I take the minibus at 9:20"), "{kept}");
    assert!(kept.contains("Skipped"), "{kept}");
}

#[test]
fn hard_asks_for_words_by_default_and_false_turns_it_off() {
    let picks = "1\n".repeat(30);
    let words_and_picks = "ok\n1\n".repeat(30);
    let data = tempfile::tempdir().unwrap();
    let hard = [
        "play",
        "late_manager",
        "--seed",
        "4",
        "--difficulty",
        "hard",
    ];
    let on = play_typed(
        data.path(),
        &[&hard[..], &["--json", "--no-save"]].concat(),
        &words_and_picks,
    );
    let v = json(&on);
    assert_eq!(v["transcript"][0]["typed"]["text"], "ok");
    let off = play_typed(
        data.path(),
        &[&hard[..], &["--say-first=false", "--json", "--no-save"]].concat(),
        &picks,
    );
    let v = json(&off);
    assert!(v["transcript"][0]["typed"].is_null(), "{v}");
    // Normal leaves it off.
    let normal = play_typed(
        data.path(),
        &["play", "late_manager", "--seed", "4", "--json", "--no-save"],
        &picks,
    );
    assert!(json(&normal)["transcript"][0]["typed"].is_null());
    // Replaying picks has no words to ask for.
    let both = rapport(&["play", "late_manager", "--say-first", "--choose", "1"]);
    assert_eq!(both.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&both.stderr).contains("--choose"));
}

#[test]
fn any_words_give_a_suggestion_or_none_and_never_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let inputs = [
        "x".repeat(10_000),
        "😀🙏🔥".to_string(),
        "Sorry, я опоздал, the minibus маршрутка".to_string(),
        "\u{200f}\u{202e}Извините\u{202c} за опоздание".to_string(),
        "أنا آسف على التأخير".to_string(),
        "Entschuldigung, ich komme zu spät".to_string(),
        "\t \u{0}\u{7}".to_string(),
    ];
    for words in inputs {
        let input = format!("{words}\n1\n").repeat(30);
        let out = play_typed(
            data.path(),
            &[
                "play",
                "late_manager",
                "--seed",
                "4",
                "--say-first",
                "--json",
                "--no-save",
            ],
            &input,
        );
        let v = json(&out);
        let typed = &v["transcript"][0]["typed"];
        let trimmed = words.trim();
        if trimmed.is_empty() {
            assert_eq!(typed["skipped"], true);
        } else {
            assert_eq!(typed["text"], trimmed, "kept as typed");
        }
    }
}
