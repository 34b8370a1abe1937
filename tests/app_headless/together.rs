//! The window open on a data directory while `rapport play` processes save
//! into it: the review reads every record whole, never a torn or half-named
//! one, and the window's own session is kept beside theirs.

use super::*;
use rapport_app::screens::review::View;
use std::process::{Child, Command};

/// A `rapport play` of late_manager, started and left running.
fn play(data: &Path, trainee: &str) -> Child {
    let path = super::common::paths();
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "play",
            "late_manager",
            "--seed",
            "1",
            "--choose",
            &path.best,
        ])
        .args(["--trainee", trainee])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAPPORT_DATA_DIR", data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

#[test]
fn the_review_reads_whole_records_while_plays_save_and_the_window_saves_too() {
    const ROUNDS: usize = 8;
    const PLAYS: usize = 4;
    let dir = tempfile::tempdir().unwrap();
    let data = rapport_records::store::DataDir {
        root: dir.path().to_path_buf(),
    };
    let mut app = app_with(Library::shipped().with_data(Some(data.clone())));
    press(&mut app, KeyCode::KeyW, Some("W"));
    let mut seen = 0;
    for round in 0..ROUNDS {
        let plays: Vec<Child> = (0..PLAYS)
            .map(|i| play(dir.path(), &format!("P{}", i % 2)))
            .collect();
        // While they save: the window keeps a meeting of its own, then
        // opens the review (F4 from the title) and reads the directory.
        meeting(&mut app);
        for key in best_seed_4() {
            press(&mut app, key, None);
        }
        app.update();
        assert_eq!(screen(&app), Screen::Debrief, "round {round}");
        press(&mut app, KeyCode::Escape, None);
        press(&mut app, KeyCode::Escape, None);
        press(&mut app, KeyCode::F4, None);
        assert_eq!(screen(&app), Screen::Review);
        read_review(&mut app);
        let view = app.world().resource::<View>();
        assert!(view.skipped.is_empty(), "round {round}: {:?}", view.skipped);
        assert!(view.sessions.iter().all(|s| s.score.is_some()));
        assert!(
            view.sessions.len() >= seen,
            "round {round}: fewer than before"
        );
        seen = view.sessions.len();
        for p in plays {
            let out = p.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {err}");
        }
        press(&mut app, KeyCode::Escape, None);
    }
    // Every session of every round is there once: the window's and theirs.
    let loaded = data.load_all();
    assert!(loaded.broken.is_empty(), "{:?}", loaded.broken);
    assert_eq!(loaded.records.len(), ROUNDS * (PLAYS + 1));
    let window = (loaded.records.iter()).filter(|(_, r)| r.trainee == "W");
    assert_eq!(window.count(), ROUNDS);
    let names: std::collections::HashSet<_> =
        (loaded.records.iter()).map(|(p, _)| p.clone()).collect();
    assert_eq!(names.len(), ROUNDS * (PLAYS + 1), "no record written twice");
}
