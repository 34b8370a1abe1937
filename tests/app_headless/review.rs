//! Lists, the review, author mode, and screens that take a change in place.

use super::*;

#[test]
fn a_directory_with_a_broken_scenario_lists_it_with_its_error_and_opens_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for f in ["late_manager.ron", "rulebook.ron"] {
        std::fs::copy(shipped.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("broken.ron"),
        "Scenario(\n  id: \"x\",\n  oops\n",
    )
    .unwrap();
    let library = Library::load(
        rapport_core::rulebook::Rulebook::shipped(),
        &[dir.path().to_path_buf()],
    );
    // The rulebook beside the scenarios is not a scenario; the broken file is
    // an entry with its located error.
    assert_eq!(library.entries.len(), 2, "{:?}", paths(&library));
    let broken = &library.entries[0];
    assert!(broken.path.ends_with("broken.ron"));
    let err = broken.scenario.as_ref().expect_err("broken.ron is broken");
    assert!(err.contains("broken.ron:3:"), "{err}");
    assert!(library.entries[1].scenario.is_ok());

    let mut app = app_with(library);
    press(&mut app, KeyCode::Enter, None);
    assert_eq!(screen(&app), Screen::List);
    // The list shows the source articles' scenarios first, then the
    // others: the broken entry is second, and does not open; the good one,
    // first, does.
    let shown = texts(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("1. They wouldn't give me a car")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("2. ") && t.contains("broken.ron"))
    );
    press(&mut app, KeyCode::Digit2, None);
    assert_eq!(screen(&app), Screen::List);
    press(&mut app, KeyCode::Digit1, None);
    assert_eq!(screen(&app), Screen::Briefing);
}

fn paths(lib: &Library) -> Vec<&str> {
    lib.entries.iter().map(|e| e.path.as_str()).collect()
}

/// A finished meeting is kept; the review replays it, opens its debrief and
/// exports the view.
#[test]
fn a_finished_meeting_is_kept_and_the_review_shows_and_exports_it() {
    use rapport_app::screens::review::View;
    let data = tempfile::tempdir().unwrap();
    let store = rapport_records::store::DataDir {
        root: data.path().to_path_buf(),
    };
    let mut app = app_with(Library::shipped().with_data(Some(store.clone())));
    press(&mut app, KeyCode::KeyS, Some("S"));
    meeting(&mut app);
    for key in best_seed_4() {
        press(&mut app, key, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let loaded = store.load_all();
    assert!(loaded.broken.is_empty());
    assert_eq!(loaded.records.len(), 1, "one record, saved once");
    let (_, record) = &loaded.records[0];
    assert_eq!(record.trainee, "S");
    assert_eq!(record.scenario, "late_manager");
    assert_eq!(record.choices.len(), best_seed_4().len());
    assert_eq!(record.score.overall, 100.0);
    assert!(record.ended >= record.started);

    // Back to the list: the best earlier score is there; then the review.
    press(&mut app, KeyCode::Escape, None);
    assert_eq!(screen(&app), Screen::List);
    let texts = texts(&mut app);
    let best: Vec<&String> = texts.iter().filter(|t| t.contains("best so far")).collect();
    assert_eq!(
        best.len(),
        1,
        "only the scenario played shows one: {best:?}"
    );
    assert!(best[0].contains("best so far 100"), "{best:?}");
    press(&mut app, KeyCode::Escape, None);
    press(&mut app, KeyCode::F4, None);
    assert_eq!(screen(&app), Screen::Review);
    read_review(&mut app);
    {
        let view = app.world().resource::<View>();
        assert_eq!(view.sessions.len(), 1);
        assert_eq!(view.sessions[0].trainee, "S");
        assert_eq!(view.sessions[0].score, Some(100.0));
    }
    app.world_mut()
        .write_message(rapport_app::Action::OpenSession(0));
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    assert_eq!(app.world().resource::<DebriefShown>().overall, 100.0);
    assert!(app.world().resource::<Play>().reviewing.is_some());
    press(&mut app, KeyCode::Escape, None);
    assert_eq!(
        screen(&app),
        Screen::Review,
        "back to the review, not the list"
    );
    assert_eq!(
        store.load_all().records.len(),
        1,
        "a reviewed session is not saved again"
    );

    // Back on the review its records are read again; an export meanwhile
    // says so and writes nothing, rather than a file holding part of them.
    // (Whether the read is still running here depends on the machine.)
    if app.world().resource::<View>().loading {
        press(&mut app, KeyCode::F8, None);
        let (msg, ok) = app.world().resource::<View>().message.clone().unwrap();
        assert!(!ok, "{msg}");
        assert!(!data.path().join("exports").exists());
    }
    read_review(&mut app);
    press(&mut app, KeyCode::F8, None);
    let exports: Vec<_> = std::fs::read_dir(data.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 1);
    let csv = std::fs::read_to_string(&exports[0]).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.lines().nth(1).unwrap().contains(",S,late_manager,"),
        "{csv}"
    );
    let (msg, ok) = app.world().resource::<View>().message.clone().unwrap();
    assert!(ok, "{msg}");
}

/// Author mode: a save reloads the meeting; a broken save keeps the last
/// good version and says why; a jump starts at the chosen beat and state.
#[test]
fn author_mode_reloads_on_save_keeps_the_last_good_version_and_jumps() {
    use rapport_app::author::Author;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let text = rapport_core::scenario::starter("draft");
    std::fs::write(&path, &text).unwrap();
    let book = rapport_core::rulebook::Rulebook::shipped();
    let library = Library::load(book, std::slice::from_ref(&path));
    let mut app = app_of(RapportPlugin {
        library,
        open: Some(Play::new(0, 1)),
        author: Some(path.clone()),
    });
    app.update();
    assert_eq!(screen(&app), Screen::Meeting);
    let line = |app: &App| {
        let s = app.world().resource::<Play>().session().unwrap();
        (
            s.beat().map(|b| b.id.clone()),
            s.line().unwrap().1.en.clone(),
        )
    };
    assert_eq!(line(&app).0.as_deref(), Some("call"));
    press(&mut app, KeyCode::Digit2, None);
    assert_eq!(line(&app).0.as_deref(), Some("when"));

    // Poll until the watcher has seen the file (it looks four times a second).
    let settle = |app: &mut App| {
        for _ in 0..8 {
            std::thread::sleep(std::time::Duration::from_millis(60));
            app.update();
        }
    };
    // Coarse file-system clocks: make sure the next save has a new time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&path, text.replace("So when will it be here?", "So WHEN?")).unwrap();
    settle(&mut app);
    assert_eq!(app.world().resource::<Author>().reloads, 1);
    assert_eq!(
        line(&app),
        (Some("when".into()), "So WHEN?".into()),
        "same choices, new text"
    );

    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&path, text.replace("next: \"kept\"", "next: \"nowhere\"")).unwrap();
    settle(&mut app);
    let author = app.world().resource::<Author>();
    assert_eq!(author.reloads, 1, "a broken save is not loaded");
    assert!(
        author.errors.iter().any(|e| e.contains("nowhere")),
        "{:?}",
        author.errors
    );
    assert_eq!(
        line(&app).1,
        "So WHEN?",
        "the last good version still plays"
    );

    // Jump to the third beat with trust 30.
    for _ in 0..2 {
        press(&mut app, KeyCode::F10, None);
    }
    app.world_mut()
        .write_message(rapport_app::Action::AuthorMeter(0, -20));
    app.update();
    press(&mut app, KeyCode::F12, None);
    app.update();
    let s = app.world().resource::<Play>().session().unwrap();
    assert_eq!(s.beat().unwrap().id, "doubt");
    assert_eq!(s.state.meters[0], 30);
    assert!(s.steps.is_empty());
}

/// Every text on screen, with the entity showing it.
fn text_entities(app: &mut App) -> Vec<(Entity, String)> {
    let mut v: Vec<(Entity, String)> = app
        .world_mut()
        .query::<(Entity, &Text)>()
        .iter(app.world())
        .map(|(e, t)| (e, t.0.clone()))
        .collect();
    v.sort();
    v
}

/// A new language is written into the debrief as it stands: the same
/// widgets (so each column keeps its scroll, the keyboard its button), new words.
#[test]
fn the_debrief_takes_a_new_language_in_place() {
    let mut app = app();
    meeting(&mut app);
    for key in best_seed_4() {
        press(&mut app, key, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let before = text_entities(&mut app);
    assert!(before.iter().any(|(_, t)| t == "Debrief"), "{before:?}");
    assert!(
        before.iter().any(|(_, t)| t.contains(" — kept at ")),
        "{before:?}"
    );
    app.world_mut().resource_mut::<Settings>().lang = Lang::Ru;
    app.update();
    let after = text_entities(&mut app);
    let entities = |v: &[(Entity, String)]| v.iter().map(|(e, _)| *e).collect::<Vec<_>>();
    assert_eq!(entities(&before), entities(&after), "the same widgets");
    assert!(after.iter().any(|(_, t)| t == "Разбор"), "{after:?}");
    assert!(app.world().resource::<DebriefShown>().passed);
}

/// A filter is written into the review as it stands: the same widgets,
/// the filter's new words.
#[test]
fn the_review_takes_a_filter_in_place() {
    let data = tempfile::tempdir().unwrap();
    let store = rapport_records::store::DataDir {
        root: data.path().to_path_buf(),
    };
    let mut app = app_with(Library::shipped().with_data(Some(store)));
    press(&mut app, KeyCode::KeyS, Some("S"));
    meeting(&mut app);
    for key in best_seed_4() {
        press(&mut app, key, None);
    }
    app.update();
    press(&mut app, KeyCode::Escape, None);
    press(&mut app, KeyCode::Escape, None);
    press(&mut app, KeyCode::F4, None);
    assert_eq!(screen(&app), Screen::Review);
    read_review(&mut app);
    app.update();
    let before = text_entities(&mut app);
    assert!(
        before.iter().any(|(_, t)| t == "Trainee: all trainees"),
        "{before:?}"
    );
    press(&mut app, KeyCode::F5, None);
    let after = text_entities(&mut app);
    let entities = |v: &[(Entity, String)]| v.iter().map(|(e, _)| *e).collect::<Vec<_>>();
    assert_eq!(entities(&before), entities(&after), "the same widgets");
    assert!(after.iter().any(|(_, t)| t == "Trainee: S"), "{after:?}");
}
