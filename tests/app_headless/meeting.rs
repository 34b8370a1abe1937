//! A meeting by keyboard: the whole of it, a poor one and its retry, Enter.

use super::*;

#[test]
fn a_whole_meeting_by_keyboard_ends_in_an_honest_debrief() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Title);
    press(&mut app, KeyCode::KeyS, Some("S"));
    press(&mut app, KeyCode::F2, None);
    assert_eq!(app.world().resource::<Settings>().lang, Lang::Ru);
    assert_eq!(app.world().resource::<Settings>().trainee, "S");
    press(&mut app, KeyCode::Enter, None);
    assert_eq!(screen(&app), Screen::List);

    // The list is grouped by kind, each group by file name: late_manager's
    // number is its place in that order.
    let lib = app.world().resource::<Library>().clone();
    let n = rapport_app::screens::list::listed(&lib)
        .iter()
        .position(|&i| lib.entries[i].path.ends_with("late_manager.ron"))
        .unwrap()
        + 1;
    press(&mut app, digit(n), None);
    assert_eq!(screen(&app), Screen::Briefing);
    app.world_mut().resource_mut::<Play>().seed = 4;
    press(&mut app, KeyCode::Enter, None);
    assert_eq!(screen(&app), Screen::Meeting);

    for key in best_seed_4() {
        assert_eq!(screen(&app), Screen::Meeting);
        press(&mut app, key, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let shown = app.world().resource::<DebriefShown>().clone();
    assert!(shown.passed);
    assert_eq!(shown.overall, 100.0);
    assert!(shown.broken.is_empty());
    assert!(shown.held.contains(&"no_internal_excuses".to_string()));
    assert_eq!(shown.ending.as_deref(), Some("contract"));
}

#[test]
fn a_poor_meeting_shows_its_broken_rules_and_retry_keeps_the_history() {
    let mut app = app();
    meeting(&mut app);
    for _ in 0..12 {
        if screen(&app) != Screen::Meeting {
            break;
        }
        press(&mut app, KeyCode::Digit1, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let shown = app.world().resource::<DebriefShown>().clone();
    assert!(!shown.passed);
    assert!(
        shown.broken.contains(&"no_internal_excuses".to_string()),
        "{shown:?}"
    );
    // The rule headings are the core's: mark, title, where it broke.
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("✗ ") && t.contains(" — broken at ")),
        "{:?}",
        texts(&mut app)
    );
    let steps = |app: &App| {
        app.world()
            .resource::<Play>()
            .session()
            .unwrap()
            .steps
            .len()
    };
    let picks = steps(&app);
    app.world_mut()
        .write_message(rapport_app::Action::RetryFrom(1));
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Meeting);
    assert_eq!(steps(&app), 1);
    assert!(picks > 1);
}

fn hold(app: &mut App, key_code: KeyCode, pressed: bool) {
    app.world_mut().write_message(KeyboardInput {
        key_code,
        logical_key: Key::Unidentified(NativeKey::Unidentified),
        state: if pressed {
            ButtonState::Pressed
        } else {
            ButtonState::Released
        },
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
    app.update();
}

fn listed_picks(app: &App) -> Vec<usize> {
    let play = app.world().resource::<Play>();
    play.session().unwrap().listed()
}

#[test]
fn enter_first_shows_the_whole_line_then_chooses_the_focused_option() {
    let mut app = app();
    meeting(&mut app);
    // The line is still being spoken: Enter shows it whole and chooses nothing.
    press(&mut app, KeyCode::Enter, None);
    assert!(
        app.world()
            .resource::<Play>()
            .session()
            .unwrap()
            .steps
            .is_empty()
    );
    // Tab moves to the second option; Enter chooses it.
    press(&mut app, KeyCode::Tab, None);
    press(&mut app, KeyCode::Enter, None);
    assert_eq!(listed_picks(&app), vec![2]);

    // Shift+Tab from the first option wraps to the last one.
    let options = {
        let play = app.world().resource::<Play>();
        play.session().unwrap().options().len()
    };
    assert!(options >= 2);
    press(&mut app, KeyCode::Space, None);
    hold(&mut app, KeyCode::ShiftLeft, true);
    hold(&mut app, KeyCode::Tab, true);
    hold(&mut app, KeyCode::Tab, false);
    hold(&mut app, KeyCode::ShiftLeft, false);
    press(&mut app, KeyCode::Enter, None);
    assert_eq!(listed_picks(&app), vec![2, options]);
}
