//! Strategies that never read for meaning, held to the audit.
use super::*;

#[test]
fn a_scenario_where_the_longest_option_wins_fails_the_audit() {
    let book = Rulebook::shipped();
    let s = load(&longest_wins(), &book);
    let a = audit(&s, &book, Difficulty::Normal, 0.0);
    let longest = a
        .strategies
        .iter()
        .find(|o| o.strategy == Strategy::Longest { lang: Lang::En })
        .unwrap();
    assert_eq!(longest.pass, 1.0, "{a:#?}");
    assert_eq!(longest.mean, 100.0);
    assert!(!a.passed());
    assert!(a.failures().iter().any(|o| o.name == "longest (en)"));
    // The item table says why: the best option is the longest at both beats.
    assert_eq!(a.items.len(), 2);
    assert!(a.items.iter().all(|i| i.best_is_longest), "{:#?}", a.items);
    assert_eq!(a.items[0].best, vec![2]);
    assert!(a.items[0].length_ratio_en.unwrap() > 1.5);
}

#[test]
fn a_scenario_only_meaning_wins_passes_the_audit() {
    let book = Rulebook::shipped();
    let s = load(&only_meaning_wins(), &book);
    let a = audit(&s, &book, Difficulty::Normal, 0.0);
    assert!(a.passed(), "{:#?}", a.failures());
    for name in [
        "longest (en)",
        "shortest (en)",
        "most figures and names (en)",
        "most tags",
    ] {
        let o = a.strategies.iter().find(|o| o.name == name).unwrap();
        assert_eq!(o.pass, 0.0, "{name}");
    }
    // Random play passes when it answers the guarantee realistically (one in
    // three) after anything but the critical internal excuse (two in
    // three): 2/9. Every place in the shuffled list is such a guess.
    assert!(
        (a.random_pass - 2.0 / 9.0).abs() < 1e-9,
        "{}",
        a.random_pass
    );
    let first = a
        .strategies
        .iter()
        .find(|o| o.name == "always the first")
        .unwrap();
    assert!((first.pass - a.random_pass).abs() < 1e-9);
    assert!(
        a.items
            .iter()
            .all(|i| !i.best_is_longest && !i.alone_has_figures)
    );
}

#[test]
fn a_pinned_option_is_where_the_audit_and_the_trainee_find_it() {
    // Pin the right answer first at both beats: "always the first" then
    // passes every time, a flaw the audit must see.
    let book = Rulebook::shipped();
    let text = only_meaning_wins()
        .replace(
            "tags: [\"acknowledge_emotion\"],",
            "tags: [\"acknowledge_emotion\"], pin: First,",
        )
        .replace(
            "tags: [\"set_realistic_expectations\"],",
            "tags: [\"set_realistic_expectations\"], pin: First,",
        );
    let s = load(&text, &book);
    let a = audit(&s, &book, Difficulty::Normal, 0.0);
    let first = a
        .strategies
        .iter()
        .find(|o| o.name == "always the first")
        .unwrap();
    assert_eq!(first.pass, 1.0);
    assert!(!a.passed());
    for seed in 0..20 {
        let session = Session::new(&s, &book, Difficulty::Normal, seed);
        assert_eq!(session.options()[0], 1, "seed {seed}");
    }
}

#[test]
fn odd_items_get_a_clear_audit() {
    let book = Rulebook::shipped();
    // One option at a beat; options of equal length; only conditional options.
    let text = scenario_text(
        "odd_items",
        &[
            beat(
                "first",
                "Neutral",
                &[],
                &[choice("Hello.", &["small_talk"], "second")],
            ),
            beat(
                "second",
                "Angry",
                &[],
                &[
                    choice("I see you are upset.", &["acknowledge_emotion"], "third"),
                    choice("I see you are wrong.", &["argue"], "third"),
                ],
            ),
            r#"Beat(id: "third", line: (en: "So?", ru: "И?"), choices: [
                Choice(when: Flag("never"), text: (en: "Thursday, as agreed.", ru: "В четверг, как договорились."), tags: ["set_realistic_expectations"], next: "won"),
                Choice(when: Flag("never"), text: (en: "Today!", ru: "Сегодня!"), tags: ["overpromise"], next: "lost"),
            ]),"#
                .to_string(),
        ]
        .concat(),
    );
    let (s, _) = Scenario::load(Path::new("odd.ron"), text.as_bytes(), &book).unwrap();
    let a = audit(&s, &book, Difficulty::Normal, 0.0);
    for o in &a.strategies {
        assert!((0.0..=1.0).contains(&o.pass), "{o:?}");
        assert!((0.0..=100.0).contains(&o.mean), "{o:?}");
    }
    let first = a.items.iter().find(|i| i.beat == "first").unwrap();
    assert_eq!(first.options, 1);
    assert_eq!(first.length_ratio_en, None, "no other option to compare");
    let second = a.items.iter().find(|i| i.beat == "second").unwrap();
    assert_eq!(second.length_ratio_en, Some(1.0));
    // Equal lengths: the longest-option reader guesses between the two.
    let longest = a
        .strategies
        .iter()
        .find(|o| o.strategy == Strategy::Longest { lang: Lang::Ru })
        .unwrap();
    assert!(longest.pass > 0.0 && longest.pass < 1.0, "{longest:?}");
}

#[test]
fn the_audit_command_exits_1_on_a_flaw_and_0_without() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("longest_wins.ron");
    let good = dir.path().join("only_meaning_wins.ron");
    std::fs::write(&bad, longest_wins()).unwrap();
    std::fs::write(&good, only_meaning_wins()).unwrap();
    let run = |p: &Path| {
        Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(["audit", p.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let o = run(&bad);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("longest (en)"), "{text}");
    assert!(text.contains("<- passes without reading"), "{text}");
    let o = run(&good);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A file that does not load is reported, and is not a pass.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scenario(").unwrap();
    let o = run(&broken);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("broken.ron:1:"));
}
