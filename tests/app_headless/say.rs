//! Say it first in the window: the options hidden until the trainee has
//! typed, the closest then marked and taken with Enter, the words kept.

use super::*;
use rapport_core::session::Typed;

/// Types `words` as key presses, each character its own.
fn type_words(app: &mut App, words: &str) {
    for c in words.chars() {
        press(app, KeyCode::KeyA, Some(&c.to_string()));
    }
}

fn typed(app: &App) -> Vec<Option<Typed>> {
    app.world()
        .resource::<Play>()
        .session()
        .map(|s| {
            s.steps
                .iter()
                .map(|st| st.typed.as_deref().cloned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn hard_hides_the_options_until_the_words_are_typed() {
    let mut app = app();
    // On at hard unless the trainee turns it off; F5 on the title screen.
    app.world_mut().resource_mut::<Settings>().level = rapport_core::scenario::Difficulty::Hard;
    assert!(app.world().resource::<Settings>().says_first());
    press(&mut app, KeyCode::F5, None);
    assert!(!app.world().resource::<Settings>().says_first());
    press(&mut app, KeyCode::F5, None);
    assert!(app.world().resource::<Settings>().says_first());
    app.world_mut().resource_mut::<Settings>().lang = Lang::Ru;
    meeting(&mut app);
    let minibus = "Спланировать дорогу: маршрутка";
    let shown = |app: &mut App| texts(app).iter().any(|t| t.contains(minibus));
    assert!(!shown(&mut app), "no option before the words");
    // Digits are words while typing: they choose nothing.
    type_words(&mut app, "Поеду на маршрутке в 9:20, а 9:35 про запас");
    assert!(!shown(&mut app));
    assert!(typed(&app).is_empty(), "nothing chosen while typing");
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("маршрутке в 9:20")),
        "the field shows the words"
    );
    press(&mut app, KeyCode::Enter, None);
    // The options appear with the closest marked, its words lit.
    let all = texts(&mut app).join("\n");
    assert!(all.contains("→ 4. "), "{all}");
    assert!(all.contains("совпало: "), "{all}");
    // Enter takes the marked option.
    press(&mut app, KeyCode::Enter, None);
    let kept = typed(&app);
    assert_eq!(kept.len(), 1);
    let session = app.world().resource::<Play>().session().unwrap();
    let beat = session.scenario().beat(session.steps[0].beat);
    let chosen = match session.steps[0].pick {
        rapport_core::engine::Pick::Choice(i) => beat.choices[usize::from(i)].text.ru.clone(),
        other => panic!("{other:?}"),
    };
    assert!(chosen.starts_with(minibus), "{chosen}");
    match &kept[0] {
        Some(Typed::Said { text, suggested }) => {
            assert_eq!(text, "Поеду на маршрутке в 9:20, а 9:35 про запас");
            assert!(suggested.is_some());
        }
        other => panic!("{other:?}"),
    }
    // The next beat starts hidden again; Esc shows the options untyped.
    assert!(!texts(&mut app).iter().any(|t| t.starts_with("→")));
    press(&mut app, KeyCode::Escape, None);
    press(&mut app, KeyCode::Digit1, None);
    assert_eq!(typed(&app)[1], Some(Typed::Skipped));
}

#[test]
fn a_whole_meeting_said_first_ends_in_a_debrief_of_your_own_words() {
    let mut app = app();
    app.world_mut().resource_mut::<Settings>().say_first = Some(true);
    meeting(&mut app);
    for key in best_seed_4() {
        assert_eq!(screen(&app), Screen::Meeting);
        type_words(&mut app, "I would keep my word");
        press(&mut app, KeyCode::Enter, None);
        press(&mut app, key, None);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let shown = app.world().resource::<DebriefShown>().clone();
    assert_eq!(shown.overall, 100.0);
    let view = shown.view.expect("the debrief is laid out");
    assert_eq!(view.said.len(), best_seed_4().len());
    assert!(view.said[0].said.contains("I would keep my word"));
    let all = texts(&mut app).join("\n");
    assert!(all.contains("In your own words"), "{all}");
}

#[test]
fn normal_plays_as_before() {
    let mut app = app();
    assert!(!app.world().resource::<Settings>().says_first());
    meeting(&mut app);
    press(&mut app, KeyCode::Digit1, None);
    assert_eq!(typed(&app), vec![None]);
}
