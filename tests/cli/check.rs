//! `rapport check`: every kind of broken file located, and inputs refused
//! rather than waited on.
use super::*;

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

/// Inputs far past the documented limits fail fast with a clear message:
/// a 100 MB string, a beat with 10,000 choices, a million beats.
#[test]
fn huge_inputs_are_refused_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let starter = rapport_core::scenario::starter("huge");
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
