//! Diagnostics are placed by the path of the value they are about, never by
//! searching the text for it: the same words in a comment, in another field
//! or inside a string cannot move them.

use rapport_core::diagnostic::Diagnostic;
use rapport_core::ron_text::Spans;
use rapport_core::rulebook::Rulebook;
use rapport_core::scenario::{self, Scenario};
use std::path::Path;

/// The diagnostics of loading `text` as a scenario, errors or warnings.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let book = Rulebook::shipped();
    match Scenario::load(Path::new("t.ron"), text.as_bytes(), &book) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    }
}

/// Line and column (1-based, in characters) of `needle` on the one line
/// that holds `marker`.
fn place(text: &str, marker: &str, needle: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(marker))
        .collect();
    assert_eq!(found.len(), 1, "exactly one line has `{marker}`");
    let line = lines[found[0]];
    let byte = line.find(needle).expect("the needle is on the marked line");
    (found[0] + 1, line[..byte].chars().count() + 1)
}

/// The one diagnostic whose message has `words`, as (line, column).
fn at(diags: &[Diagnostic], words: &str) -> (usize, usize) {
    let hits: Vec<&Diagnostic> = diags.iter().filter(|d| d.message.contains(words)).collect();
    assert_eq!(hits.len(), 1, "one diagnostic says `{words}`: {diags:#?}");
    (hits[0].line, hits[0].col)
}

fn starter() -> String {
    scenario::starter("spans")
}

#[test]
fn an_unknown_next_points_at_exactly_that_value() {
    let text = starter().replacen(
        "                    tags: [\"internal_excuse\"],\n                    trust: -15,\n                    next: \"when\",",
        "                    tags: [\"internal_excuse\"],\n                    trust: -15,\n                    next: \"wehn\", // HERE",
        1,
    );
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "leads to `wehn`"),
        place(&text, "// HERE", "\"wehn\"")
    );
}

#[test]
fn the_same_id_in_a_block_comment_before_the_real_one_is_not_taken() {
    // The second beat is renamed to the first one's id: the duplicate is the
    // second beat's id, and not the one quoted in the comment above it.
    let text = starter()
        .replacen(
            "    beats: [",
            "    /* Beat(id: \"call\") was split in two: id: \"call\" */\n    beats: [",
            1,
        )
        .replacen(
            "            id: \"when\",",
            "            id: \"call\", // HERE",
            1,
        );
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "duplicate id `call`"),
        place(&text, "// HERE", "\"call\"")
    );
}

#[test]
fn the_same_string_in_another_field_is_not_taken() {
    // The reply says the word the (unknown) `next` names, before it; and a
    // beat's id equals a choice's text.
    let text = starter()
        .replacen(
            "reply: (emotion: Neutral, line: (en: \"Please do.\", ru: \"Уж выясните.\")),\n                    next: \"when\",",
            "reply: (emotion: Neutral, line: (en: \"nowhere\", ru: \"nowhere\")),\n                    next: \"nowhere\", // HERE",
            1,
        )
        .replacen(
            "text: (en: \"(Look for an answer.)\", ru: \"(Искать ответ.)\"),",
            "text: (en: \"doubt\", ru: \"doubt\"),",
            1,
        )
        ;
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "leads to `nowhere`"),
        place(&text, "// HERE", "\"nowhere\"")
    );
    // The silence's text is "doubt", written before the beat `doubt`: an
    // unknown tag on that beat's first choice is still found in its list.
    let text = text.replacen(
        "                    tags: [\"set_realistic_expectations\"],\n                    next: \"kept\",",
        "                    tags: [\"doubt\"], // TAG\n                    next: \"kept\",",
        1,
    );
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "has tag `doubt`"),
        place(&text, "// TAG", "\"doubt\"")
    );
}

#[test]
fn a_line_comment_marker_inside_a_string_is_text() {
    // The field after a comment holding `//`, on the same line, is found.
    let text = starter().replacen(
        "    max_turns: 10,",
        "    /* see http://example.com */ max_turns: 0, // HERE",
        1,
    );
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "max_turns must be between"),
        place(&text, "// HERE", "max_turns")
    );
    // And inside a string proper: `en: "http://..."` before the field.
    let text = starter().replacen(
        "    title: (en: \"A late delivery\", ru: \"Опоздавшая поставка\"),",
        "    title: (en: \"http://late.example\", ru: \"//\"), max_turns: 0, // HERE",
        1,
    );
    let text = text.replacen("    max_turns: 10,\n", "", 1);
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "max_turns must be between"),
        place(&text, "// HERE", "max_turns")
    );
}

#[test]
fn nested_block_comments_hide_everything_inside_them() {
    // A comment that quotes another comment and a `next` to nowhere: a
    // reader that ended it at the first `*/` would see that `next`.
    let text = starter().replacen(
        "                    next: \"lost\",\n                ),\n            ],\n        ),\n    ],",
        "                    /* old: /* kept for now */ next: \"nowhere\", */\n                    next: \"nowhere\", // HERE\n                ),\n            ],\n        ),\n    ],",
        1,
    );
    assert!(text.contains("// HERE"));
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "leads to `nowhere`"),
        place(&text, "// HERE", "\"nowhere\"")
    );
}

#[test]
fn raw_strings_are_read_whole() {
    // A raw string holding quotes, `//` and a `next:` of its own.
    let text = starter().replacen(
        "text: (en: \"You're right. Thursday by noon is what I can stand behind.\",",
        "text: (en: r#\"You're right: \"next: \"x\"\" // no\"#,",
        1,
    );
    let text = text.replacen(
        "                    tags: [\"set_realistic_expectations\"],\n                    next: \"kept\",",
        "                    tags: [\"set_realistic_expectations\"], next: \"x\", // HERE",
        1,
    );
    assert!(text.contains("// HERE"));
    let diags = diagnostics(&text);
    assert_eq!(
        at(&diags, "leads to `x`"),
        place(&text, "// HERE", "\"x\",")
    );
}

#[test]
fn spans_name_every_value_by_its_path() {
    let text = r##"// A comment with Beat(id: "a") in it.
Scenario(
    /* nested /* id: "b" */ still a comment */
    id: "real",
    beats: [
        Beat(id: "a", line: (en: r#"say "hi" // now"#), choices: [
            Choice(text: (en: "go"), when: Some(Not(Flag("met"))), next: "b"),
            Choice(text: (en: "b"), next: "end", branches: [(when: AtLeast(Trust, 5), to: "b")]),
        ]),
    ],
    levels: {"easy": (1, 'x', -2.5e3)},
)"##;
    let s = Spans::of(text);
    let get = |p: &str| s.get(p).map(|r| &text[r]);
    assert_eq!(get("id"), Some("\"real\""));
    assert_eq!(get("beats[0].id"), Some("\"a\""));
    assert_eq!(get("beats[0].line.en"), Some("r#\"say \"hi\" // now\"#"));
    assert_eq!(get("beats[0].choices[0].next"), Some("\"b\""));
    assert_eq!(get("beats[0].choices[0].when"), Some("Not(Flag(\"met\"))"));
    assert_eq!(get("beats[0].choices[0].when.0.0"), Some("\"met\""));
    assert_eq!(get("beats[0].choices[1].text.en"), Some("\"b\""));
    assert_eq!(get("beats[0].choices[1].branches[0].when.1"), Some("5"));
    assert_eq!(get("beats[0].choices[1].branches[0].to"), Some("\"b\""));
    assert_eq!(get("levels[easy].1"), Some("'x'"));
    assert_eq!(get("levels[easy].2"), Some("-2.5e3"));
    assert_eq!(get("beats[0].choices[2]"), None);
    // A field left out: the struct it was left out of.
    assert_eq!(
        s.nearest("beats[0].choices[1].reply.line")
            .map(|r| &text[r]),
        get("beats[0].choices[1]")
    );
    assert_eq!(s.key("beats").map(|r| &text[r]), Some("beats"));
    assert_eq!(
        s.key_or_nearest("beats[0]").map(|r| &text[r]),
        get("beats[0]")
    );
    assert!(get("").is_some_and(|t| t.starts_with("Scenario(")));
}

#[test]
fn every_id_and_next_of_the_shipped_scenarios_is_where_serde_read_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let book = Rulebook::shipped();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".ron")
            || name.ends_with(".tests.ron")
            || name.starts_with("rulebook")
            || name.starts_with("lessons")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (s, _) = Scenario::load(&path, text.as_bytes(), &book).unwrap();
        let spans = Spans::of(&text);
        let quoted = |p: &str| spans.get(p).map(|r| text[r].to_string());
        assert_eq!(quoted("id"), Some(format!("\"{}\"", s.id)), "{name}");
        for (i, b) in s.beats.iter().enumerate() {
            assert_eq!(
                quoted(&format!("beats[{i}].id")),
                Some(format!("\"{}\"", b.id))
            );
            for (k, c) in b.choices.iter().enumerate() {
                let next = s.node_id(c.next);
                assert_eq!(
                    quoted(&format!("beats[{i}].choices[{k}].next")),
                    Some(format!("\"{next}\"")),
                    "{name}: beat {i}, choice {k}"
                );
                checked += 1;
            }
        }
        for (i, e) in s.endings.iter().enumerate() {
            assert_eq!(
                quoted(&format!("endings[{i}].id")),
                Some(format!("\"{}\"", e.id))
            );
        }
    }
    assert!(checked > 100, "the shipped scenarios were read");
}

#[test]
fn no_text_makes_the_span_reader_panic() {
    let text = starter();
    // Every prefix and every one-character cut of a real file, and noise.
    let cuts: Vec<usize> = (0..=text.len())
        .step_by(3)
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for &i in &cuts {
        let _ = Spans::of(&text[..i]);
    }
    for &i in cuts.iter().step_by(5) {
        let mut cut = text[..i].to_string();
        if let Some(c) = text[i..].chars().next() {
            cut.push_str(&text[i + c.len_utf8()..]);
        }
        let s = Spans::of(&cut);
        let _ = s.nearest("beats[1].choices[0].next");
    }
    let mut noise = String::new();
    let mut x: u32 = 7;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        noise.push(b"()[]{}\"'r#/*:,b -1e.x\n\\"[(x >> 16) as usize % 23] as char);
    }
    let _ = Spans::of(&noise);
    let _ = Spans::of(&"(".repeat(50_000));
    let _ = Spans::of(&"/*".repeat(50_000));
}

#[test]
fn rulebook_diagnostics_point_at_the_value_in_its_rule() {
    use rapport_core::rulebook::{Lessons, SHIPPED_RULEBOOK};
    // The misspelt tag also appears in a comment and in the rule's title,
    // both before the place it is named as a tag; and the rule's id is
    // duplicated after a comment quoting it.
    let text = SHIPPED_RULEBOOK
        .replacen(
            "            kind: Forbid(tags: [\"internal_excuse\"]),",
            "            // was: kind: Forbid(tags: [\"internal_excsue\"]),\n            kind: /* \"internal_excsue\" */ Forbid(tags: [\"internal_excsue\"]), // HERE",
            1,
        )
        .replacen(
            "            id: \"keep_the_appointment\",",
            "            /* id: \"no_internal_excuses\" */ id: \"no_internal_excuses\", // DUP",
            1,
        );
    let diags = Rulebook::load(Path::new("r.ron"), text.as_bytes(), Lessons::shipped())
        .expect_err("the rulebook is broken");
    assert_eq!(
        at(&diags, "names unknown tag `internal_excsue`"),
        place(&text, "// HERE", "\"internal_excsue\"]")
    );
    let dup = place(&text, "// DUP", "*/ id:");
    assert_eq!(
        at(&diags, "duplicate rule `no_internal_excuses`"),
        (dup.0, dup.1 + "*/ id: ".len())
    );
}

fn span<'t>(text: &'t str, spans: &Spans, path: &str) -> &'t str {
    let r = spans
        .get(path)
        .unwrap_or_else(|| panic!("no span for {path}"));
    &text[r]
}

#[test]
fn paths_name_fields_elements_and_variants() {
    let text = r##"Scenario(
id: "x",
beats: [
    Beat(id: "a", choices: [Choice(text: (en: "Hi"), when: Some(Flag("met")), next: "b")]),
    Beat(id: "b", when: AtLeast(Trust, 40), pair: (1, -2.5e-3)),
],
map: {"en": 1, two: [r#"raw "quoted""#]},
)"##;
    let s = Spans::of(text);
    assert_eq!(span(text, &s, "id"), "\"x\"");
    assert_eq!(span(text, &s, "beats[0].choices[0].next"), "\"b\"");
    assert_eq!(span(text, &s, "beats[0].choices[0].text.en"), "\"Hi\"");
    assert_eq!(span(text, &s, "beats[0].choices[0].when"), "Flag(\"met\")");
    assert_eq!(span(text, &s, "beats[0].choices[0].when.0"), "\"met\"");
    assert_eq!(span(text, &s, "beats[1].when.0"), "Trust");
    assert_eq!(span(text, &s, "beats[1].when.1"), "40");
    assert_eq!(span(text, &s, "beats[1].pair.1"), "-2.5e-3");
    assert_eq!(span(text, &s, "map[en]"), "1");
    assert_eq!(span(text, &s, "map[two][0]"), "r#\"raw \"quoted\"\"#");
    assert_eq!(&text[s.key("beats[1].pair").unwrap()], "pair");
    assert!(span(text, &s, "").starts_with("Scenario("));
}

#[test]
fn a_missing_field_points_at_its_struct() {
    let text = "S(beats: [B(id: \"a\")])";
    let s = Spans::of(text);
    assert_eq!(&text[s.nearest("beats[0].next").unwrap()], "B(id: \"a\")");
    assert_eq!(&text[s.nearest("nothing.at[3].all").unwrap()], text);
    assert_eq!(s.key_or_nearest("beats[0].id"), Some(12..14));
}

#[test]
fn any_text_is_read_without_panic() {
    for text in [
        "",
        "(",
        ")",
        "[[[",
        "\"",
        "r#\"",
        "'",
        "/*",
        "/* /* */",
        "S(a: ",
        "S(a: b: c",
        "{:}",
        "#![",
        "b\"",
        "r#",
        "Some(",
        "-",
        "é(ж: \"ы\")",
        "((((((",
        ")]}",
        "a::b",
    ] {
        let _ = Spans::of(text);
    }
    let deep = "[".repeat(100_000);
    let _ = Spans::of(&deep);
}
