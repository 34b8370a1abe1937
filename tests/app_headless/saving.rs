//! A session that cannot be kept says why, and is kept once it can be.

use super::*;

/// Plays the best meeting with `root` as the data directory, which cannot
/// take the record: the debrief must say so and why (`why`, the system's
/// words) and offer to save again; once `mend` has fixed the trouble, S
/// keeps the session, and the debrief stays.
fn a_failed_save_is_shown_and_kept_after(
    root: &Path,
    trouble: Trouble,
    why: &str,
    mend: impl FnOnce(),
) {
    use rapport_app::model::Saved;
    let store = rapport_records::store::DataDir {
        root: root.to_path_buf(),
    };
    let mut app = app_with(Library::shipped().with_data(Some(store.clone())));
    meeting(&mut app);
    for key in best_seed_4() {
        press(&mut app, key, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    match app.world().resource::<Saved>() {
        Saved::Failed {
            trouble: found,
            record: Some(_),
            ..
        } => assert_eq!(*found, trouble),
        other => panic!("{other:?}"),
    }
    let shown = texts(&mut app);
    let said = format!("This session was not kept: {}.", trouble.label(Lang::En));
    assert!(shown.contains(&said), "{said}: {shown:?}");
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("cannot write") && t.contains(why)),
        "{why}: {shown:?}"
    );
    assert!(shown.iter().any(|t| t == "Save again (S)"), "{shown:?}");

    mend();
    press(&mut app, KeyCode::KeyS, None);
    assert!(matches!(app.world().resource::<Saved>(), Saved::At(_)));
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t == "This session is kept in your records.")
    );
    let loaded = store.load_all();
    assert_eq!(loaded.records.len(), 1);
    assert_eq!(loaded.records[0].1.score.overall, 100.0);
    assert!(loaded.broken.is_empty(), "{:?}", loaded.broken);
    assert_eq!(screen(&app), Screen::Debrief, "the debrief stays");
}

/// A data directory that a file stands in for (as a mistaken copy or a
/// broken mount would leave it).
#[test]
fn a_data_directory_that_is_a_file_is_shown_and_the_session_kept_after() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    std::fs::write(&root, "not a directory").unwrap();
    a_failed_save_is_shown_and_kept_after(&root, Trouble::InTheWay, "Not a directory", || {
        std::fs::remove_file(&root).unwrap()
    });
}

/// A data directory deleted while the trainee is in a meeting is made
/// again when the session ends: nothing to report but that it was kept.
#[test]
fn a_data_directory_deleted_during_the_meeting_is_made_again() {
    use rapport_app::model::Saved;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    std::fs::create_dir_all(root.join("records")).unwrap();
    let store = rapport_records::store::DataDir { root: root.clone() };
    let mut app = app_with(Library::shipped().with_data(Some(store.clone())));
    meeting(&mut app);
    let best = best_seed_4();
    press(&mut app, best[0], None);
    std::fs::remove_dir_all(&root).unwrap();
    for key in &best[1..] {
        press(&mut app, *key, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    assert!(matches!(app.world().resource::<Saved>(), Saved::At(_)));
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t == "This session is kept in your records.")
    );
    assert_eq!(store.load_all().records.len(), 1);
}

/// A read-only data directory: a small filesystem of the test's own,
/// remounted read-only (permissions alone would not stop the root user
/// that CI runs as), then writable again.
#[test]
fn a_read_only_data_directory_is_shown_and_the_session_kept_after() {
    if !in_own_mount_namespace(
        "saving::a_read_only_data_directory_is_shown_and_the_session_kept_after",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let at = dir.path().to_str().unwrap();
    mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs", at]);
    let root = dir.path().join("data");
    std::fs::create_dir(&root).unwrap();
    mount(&["-o", "remount,ro", at]);
    a_failed_save_is_shown_and_kept_after(
        &root,
        Trouble::ReadOnly,
        "Read-only file system",
        || mount(&["-o", "remount,rw", at]),
    );
    namespace_test_done();
}

/// A full disk: a small filesystem of the test's own, filled to the last
/// byte, then given room again.
#[test]
fn a_full_disk_is_shown_and_the_session_kept_once_there_is_room() {
    if !in_own_mount_namespace(
        "saving::a_full_disk_is_shown_and_the_session_kept_once_there_is_room",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    mount(&[
        "-t",
        "tmpfs",
        "-o",
        "size=64k",
        "tmpfs",
        dir.path().to_str().unwrap(),
    ]);
    let root = dir.path().join("data");
    std::fs::create_dir_all(root.join("records")).unwrap();
    let ballast = dir.path().join("ballast");
    let mut fill = std::fs::File::create(&ballast).unwrap();
    let full = loop {
        if let Err(e) = std::io::Write::write_all(&mut fill, &[0; 4096]) {
            break e;
        }
    };
    assert_eq!(full.kind(), std::io::ErrorKind::StorageFull, "{full}");
    drop(fill);
    a_failed_save_is_shown_and_kept_after(
        &root,
        Trouble::DiskFull,
        "No space left on device",
        || std::fs::remove_file(&ballast).unwrap(),
    );
    namespace_test_done();
}

/// Runs the test named `test` again in a mount namespace of its own
/// (util-linux's `unshare`, as a user namespace's root where the caller is
/// not root), so that it may mount small or read-only filesystems without
/// touching the machine's. True in that copy; in the caller, false once the
/// copy has run the test to its end.
fn in_own_mount_namespace(test: &str) -> bool {
    if std::env::var_os(NAMESPACE_DONE).is_some() {
        return true;
    }
    let marks = tempfile::tempdir().unwrap();
    let done = marks.path().join("done");
    let out = std::process::Command::new("unshare")
        .args(["--map-root-user", "--mount", "--propagation", "private"])
        .arg(std::env::current_exe().unwrap())
        .args([test, "--exact", "--test-threads=1", "--nocapture"])
        .env(NAMESPACE_DONE, &done)
        .output()
        .expect("unshare (util-linux) runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{test} in its own namespace: {said}");
    // A name that matched no test would pass by running nothing.
    assert!(done.exists(), "{test} did not run to its end: {said}");
    false
}

/// Where the copy in its own namespace marks that it ran to its end.
const NAMESPACE_DONE: &str = "RAPPORT_TEST_NAMESPACE_DONE";

fn namespace_test_done() {
    std::fs::write(std::env::var_os(NAMESPACE_DONE).unwrap(), "").unwrap();
}

fn mount(args: &[&str]) {
    let o = std::process::Command::new("mount")
        .args(args)
        .output()
        .expect("mount (util-linux) runs");
    assert!(
        o.status.success(),
        "mount {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
