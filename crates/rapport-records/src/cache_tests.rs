//! The cache's promises: only committed segments count, and reviews
//! committing over each other keep every fetch and a `since` that the
//! segments bear out.

use super::Cache;
use serde_json::json;

fn lines(c: &Cache) -> Vec<String> {
    let mut out = Vec::new();
    c.lines(|l| out.push(l.to_string())).unwrap();
    out
}

#[test]
fn only_committed_segments_count_and_many_become_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, note) = Cache::open(dir.path().join("q"));
    assert!(note.is_none());
    let t = "2026-11-02T10:00:00.800Z".to_string();
    for i in 0..20 {
        let mut s = c.segment().unwrap();
        s.push(&json!({ "id": i })).unwrap();
        c.commit(s, Some(t.clone())).unwrap();
    }
    // A fetch that failed: its segment is dropped, never read.
    let mut lost = c.segment().unwrap();
    lost.push(&json!({ "id": "lost" })).unwrap();
    drop(lost);
    let (c, _) = Cache::open(dir.path().join("q"));
    assert_eq!(lines(&c).len(), 20);
    assert!(c.state.segments.len() <= super::MAX_SEGMENTS);
    assert_eq!(c.since(), Some(t));
}

#[test]
fn an_unreadable_state_is_an_empty_cache_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("q")).unwrap();
    std::fs::write(dir.path().join("q/state.json"), "{ torn").unwrap();
    let (c, note) = Cache::open(dir.path().join("q"));
    assert!(note.unwrap().contains("fetching everything again"));
    assert!(c.since().is_none() && lines(&c).is_empty());
    let evil = r#"{"format":1,"since":null,"segments":["../../x.jsonl"]}"#;
    std::fs::write(dir.path().join("q/state.json"), evil).unwrap();
    let (c, note) = Cache::open(dir.path().join("q"));
    assert!(note.is_some() && lines(&c).is_empty());
    let never = r#"{"format":1,"since":"tomorrow","segments":[]}"#;
    std::fs::write(dir.path().join("q/state.json"), never).unwrap();
    let (c, note) = Cache::open(dir.path().join("q"));
    assert!(note.unwrap().contains("since") && c.since().is_none());
}

fn t(at: &str) -> String {
    format!("2026-11-02T{at}Z")
}

fn add(c: &mut Cache, id: &str, since: Option<String>) {
    let mut s = c.segment().unwrap();
    s.push(&json!({ "id": id })).unwrap();
    c.commit(s, since).unwrap();
}

/// The segment files in the directory are exactly those the state names.
fn tidy(dir: &std::path::Path) {
    let (c, _) = Cache::open(dir.to_path_buf());
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl") || n.starts_with(".saving-"))
        .collect();
    on_disk.sort();
    let mut named = c.state.segments.clone();
    named.sort();
    assert_eq!(on_disk, named);
}

#[test]
fn reviews_committing_over_each_other_keep_both_fetches() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q");
    let (mut a, _) = Cache::open(q.clone());
    let (mut b, _) = Cache::open(q.clone());
    add(&mut a, "a", Some(t("10:00:00")));
    add(&mut b, "b", Some(t("09:00:00")));
    let (c, _) = Cache::open(q.clone());
    let mut got = lines(&c);
    got.sort();
    assert_eq!(got, [r#"{"id":"a"}"#, r#"{"id":"b"}"#]);
    assert_eq!(
        c.since(),
        Some(t("10:00:00")),
        "both fetched from the start"
    );
    // Each reads the latest state, not only what it committed itself.
    assert_eq!(lines(&b).len(), 2);
    tidy(&q);
}

#[test]
fn a_compaction_elsewhere_leaves_a_later_commit_whole() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q");
    let (mut a, _) = Cache::open(q.clone());
    for i in 0..super::MAX_SEGMENTS {
        add(&mut a, &i.to_string(), Some(t("10:00:00")));
    }
    // B reads a state naming sixteen segments, which A's next commit
    // rewrites as one and removes.
    let (mut b, _) = Cache::open(q.clone());
    add(&mut a, "last of a", Some(t("11:00:00")));
    add(&mut b, "b", Some(t("10:30:00")));
    let (c, _) = Cache::open(q.clone());
    assert_eq!(lines(&c).len(), super::MAX_SEGMENTS + 2);
    assert_eq!(c.since(), Some(t("11:00:00")));
    tidy(&q);
}

#[test]
fn a_fetch_from_past_where_the_state_reaches_does_not_move_it() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q");
    let (mut a, _) = Cache::open(q.clone());
    add(&mut a, "old", Some(t("10:00:00")));
    let (mut b, _) = Cache::open(q.clone());
    // A refresh elsewhere whose paging stopped: everything is to fetch again.
    a.forget();
    add(&mut a, "some", None);
    // B fetched only what came after ten: the state cannot say it holds
    // what came before.
    add(&mut b, "new", Some(t("12:00:00")));
    let (c, _) = Cache::open(q.clone());
    assert_eq!(c.since(), None);
    assert_eq!(lines(&c).len(), 2, "the refresh dropped the old segment");
    tidy(&q);
}
