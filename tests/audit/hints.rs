//! What `rapport check` says of items that give themselves away and of
//! windows and tags that cannot work.
use super::*;

#[test]
fn check_hints_at_a_best_option_that_gives_itself_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("longest_wins.ron");
    let text = longest_wins();
    std::fs::write(&path, &text).unwrap();
    let out = check(&path, &["--format", "short"]);
    let line = |id: &str| text.lines().position(|l| l.contains(id)).unwrap() + 1;
    assert!(
        out.contains(&format!("longest_wins.ron:{}:", line("Beat(id: \"first\"")))
            && out.contains("beat `first`: the best option (2) is"),
        "{out}"
    );
    assert!(out.contains("times as long as any other"), "{out}");
    // Figures only in the best option.
    let figures = text.replace(
        "and I will call you tomorrow either way",
        "and Anna will call you at 10:00 tomorrow either way",
    );
    std::fs::write(&path, &figures).unwrap();
    let out = check(&path, &[]);
    assert!(
        out.contains("beat `second`: figures or names appear only in the best option (2)"),
        "{out}"
    );
}

#[test]
fn check_warns_where_a_response_is_never_on_offer_in_its_window() {
    // The guarantee is asked for at the last beat, and the realistic answer
    // was only on offer before it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_window.ron");
    let text = scenario_text(
        "no_window",
        &[
            beat(
                "first",
                "Neutral",
                &[],
                &[
                    choice(
                        "Thursday is realistic.",
                        &["set_realistic_expectations"],
                        "second",
                    ),
                    choice("Monday, for sure.", &["overpromise"], "second"),
                ],
            ),
            beat(
                "second",
                "Skeptical",
                &["asks_for_guarantee"],
                &[
                    choice("Let us talk tomorrow.", &["small_talk"], "won"),
                    choice("It is all fine.", &["vague_reassurance"], "lost"),
                ],
            ),
        ]
        .concat(),
    );
    std::fs::write(&path, &text).unwrap();
    let out = check(&path, &[]);
    let at = text
        .lines()
        .position(|l| l.contains("Beat(id: \"second\""))
        .unwrap()
        + 1;
    assert!(
        out.contains("rule `realistic_expectations`")
            && out.contains(
                "no option tagged `set_realistic_expectations` is on offer before the meeting ends"
            ),
        "{out}"
    );
    assert!(out.contains(&format!("no_window.ron:{at}:")), "{out}");
}

#[test]
fn check_warns_about_an_unjudged_tag_and_an_authority_never_stated() {
    let dir = tempfile::tempdir().unwrap();
    // A rulebook with one more tag that no rule reads.
    let book_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/rulebook.ron"),
    )
    .unwrap()
    .replacen(
        "    tags: [\n",
        "    tags: [\n        Term(id: \"flatter\", meaning: (en: \"Flatter the client\", ru: \"Льстить клиенту\")),\n",
        1,
    );
    let book_path = dir.path().join("rulebook.ron");
    std::fs::write(&book_path, &book_text).unwrap();
    let out = check(&book_path, &[]);
    assert!(
        out.contains("tag `flatter` is judged by no rule: add a rule that reads it, or declare it `neutral: true`"),
        "{out}"
    );
    let path = dir.path().join("flattery.ron");
    let text = scenario_text(
        "flattery",
        &beat(
            "first",
            "Neutral",
            &[],
            &[
                choice("What a fine office!", &["flatter"], "won"),
                choice("Thirty percent off, fine.", &["exceed_authority"], "lost"),
            ],
        ),
    );
    std::fs::write(&path, &text).unwrap();
    let out = check(&path, &["--rulebook", book_path.to_str().unwrap()]);
    let at = text
        .lines()
        .position(|l| l.contains("\"flatter\""))
        .unwrap()
        + 1;
    assert!(
        out.contains("has tag `flatter`, which no rule of the rulebook judges"),
        "{out}"
    );
    assert!(out.contains(&format!("flattery.ron:{at}:")), "{out}");
    assert!(
        out.contains(
            "choices are tagged `exceed_authority`, but the briefing states no `authority`"
        ),
        "{out}"
    );
    // Stating the authority settles it.
    let stated = text.replace(
        "goal: (en: \"Keep him.\", ru: \"Keep him.\")",
        "goal: (en: \"Keep him.\", ru: \"Keep him.\"), authority: (en: \"Up to 10% off.\", ru: \"До 10%.\")",
    );
    std::fs::write(&path, &stated).unwrap();
    let out = check(&path, &["--rulebook", book_path.to_str().unwrap()]);
    assert!(!out.contains("states no `authority`"), "{out}");
}
