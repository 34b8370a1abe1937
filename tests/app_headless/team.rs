//! The review's team source (the company's LRS), its skill map, and the
//! list's "practise next": worked out in the background, shown in place.

use super::common::lrs::{PASSWORD, TestLrs, USER};
use super::common::ralph::Ralph;
use super::*;
use rapport_app::TeamSource;
use rapport_app::model::Action;
use rapport_app::screens::review::View;
use rapport_records::review::{Coverages, Filter, Judge};
use rapport_records::store::DataDir;

fn data_dir(dir: &tempfile::TempDir) -> DataDir {
    DataDir {
        root: dir.path().to_path_buf(),
    }
}

fn act(app: &mut App, action: Action) {
    app.world_mut().write_message(action);
    app.update();
    app.update();
}

/// Runs frames until `done` says so; a minute at most (the first skill map
/// works out what each scenario can test).
fn until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    for _ in 0..6000 {
        if done(app) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.update();
    }
    panic!("{what}: not within a minute");
}

fn view(app: &App) -> &View {
    app.world().resource::<View>()
}

/// Two trainees play on their own machines and sync; the manager's window,
/// on a third, shows both sessions from the LRS (F4), and a second visit
/// fetches nothing again. A wrong password is said, not crashed on.
#[test]
fn the_review_shows_the_teams_sessions_from_the_lrs_and_fetches_only_what_is_new() {
    let lrs = Ralph::new();
    let (anna, boris, manager) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    super::common::play(anna.path(), "Anna", super::common::best());
    super::common::play(boris.path(), "Boris", super::common::worst());
    for d in [&anna, &boris] {
        super::common::ok(&lrs.sync(d.path(), PASSWORD));
    }
    let team = TeamSource::new(
        &lrs.endpoint(),
        USER,
        PASSWORD,
        rapport_records::xapi::DEFAULT_BASE,
    );
    let library = Library::shipped()
        .with_data(Some(data_dir(&manager)))
        .with_team(team);
    let mut app = app_with(library);
    act(&mut app, Action::OpenReview);
    read_review(&mut app);
    assert!(
        view(&app).sessions.is_empty(),
        "the manager's machine has none"
    );

    press(&mut app, KeyCode::F4, None);
    read_review(&mut app);
    let v = view(&app);
    let mut trainees: Vec<&str> = v.sessions.iter().map(|s| s.trainee.as_str()).collect();
    trainees.sort();
    assert_eq!(trainees, ["Anna", "Boris"], "{:?}", v.message);
    // The same scores as each trainee's own review recomputes.
    for (dir, name) in [(&anna, "Anna"), (&boris, "Boris")] {
        let local = super::common::report(dir.path(), &[]);
        let want = local["sessions"][0]["score"].as_f64();
        let got = v.sessions.iter().find(|s| s.trainee == name).unwrap().score;
        assert_eq!(got, want, "{name}");
    }
    let first = v.fetched.clone().expect("the LRS's read is reported");
    assert!(first.new > 0);
    let shown = texts(&mut app).join("\n");
    assert!(
        shown.contains(&format!("{} request(s)", first.requests)),
        "{shown}"
    );

    // Back to this machine, then the team again: only what is new is
    // fetched, and nothing is.
    press(&mut app, KeyCode::F4, None);
    read_review(&mut app);
    assert!(view(&app).sessions.is_empty());
    press(&mut app, KeyCode::F4, None);
    read_review(&mut app);
    let again = view(&app).fetched.clone().unwrap();
    assert_eq!((again.requests, again.new), (1, 0));
    assert_eq!(view(&app).sessions.len(), 2);

    // A wrong password: the manager is told, and the window goes on.
    let wrong = TeamSource::new(&lrs.endpoint(), USER, "wrong", "https://x.example/");
    let library = Library::shipped()
        .with_data(Some(data_dir(&manager)))
        .with_team(wrong);
    let mut app = app_with(library);
    act(&mut app, Action::OpenReview);
    press(&mut app, KeyCode::F4, None);
    read_review(&mut app);
    let (message, good) = view(&app).message.clone().expect("a message");
    assert!(!good && message.contains("refused"), "{message}");
    assert!(view(&app).sessions.is_empty());
}

#[test]
fn without_a_team_lrs_the_source_button_says_how_to_set_one_up() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_with(Library::shipped().with_data(Some(data_dir(&data))));
    act(&mut app, Action::OpenReview);
    press(&mut app, KeyCode::F4, None);
    let (message, good) = view(&app).message.clone().expect("a message");
    assert!(!good && message.contains("rapport app --lrs"), "{message}");
}

/// Generated sessions of two scenarios, kept in `data`; the library that
/// lists only those two, so that working out what each can test is quick.
fn team_of(data: &DataDir) -> Library {
    let book = rapport_core::rulebook::Rulebook::shipped();
    let wanted = ["late_manager", "crisis_3_months"];
    let entries: Vec<_> = rapport_core::catalog::shipped(&book)
        .into_iter()
        .filter(|e| (e.result.as_ref()).is_ok_and(|(s, _)| wanted.contains(&s.id.as_str())))
        .collect();
    let scenarios: Vec<_> = entries
        .iter()
        .map(|e| e.result.as_ref().unwrap().0.clone())
        .collect();
    let from: jiff::Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
    for r in rapport_fixtures::records(&book, &scenarios, 40, 5, from) {
        data.save(&r).unwrap();
    }
    Library::of(book, entries).with_data(Some(data.clone()))
}

/// The skill map's grid holds what `review::skills` says of the same
/// sessions, orders its rows by a column when asked, and is said in
/// Russian too.
#[test]
fn the_skill_map_grid_shows_each_trainees_held_rate_and_sorts_by_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir(&dir);
    let library = team_of(&data);
    let mut app = app_with(library.clone());
    act(&mut app, Action::OpenReview);
    read_review(&mut app);
    press(&mut app, KeyCode::F9, None);
    until(&mut app, "the skill map", |a| {
        a.world().resource::<View>().current_skills().is_some()
    });
    app.update();

    let scenarios: Vec<_> = (library.entries.iter())
        .map(|e| e.scenario.as_ref().unwrap().as_ref())
        .collect();
    let reviewed =
        Judge::new(&library.book, scenarios.iter().copied()).review(&data, &Filter::default());
    let coverages = Coverages::new(
        scenarios.iter().copied(),
        &library.book,
        Some(Coverages::cache_dir(&data)),
    );
    let lessons = rapport_core::rulebook::Lessons::shipped();
    let want =
        rapport_records::review::skills(&reviewed.sessions, &library.book, lessons, &coverages, 10);
    assert_eq!(view(&app).current_skills(), Some(&want));

    let shown = texts(&mut app);
    let team = want.team.as_ref().unwrap();
    assert!(
        shown.iter().any(|t| t == "• rule"),
        "sorted by the rulebook"
    );
    for s in &team.rules {
        let cell = format!("{}/{}", s.held, s.applied);
        assert!(
            shown.iter().any(|t| t.starts_with(&cell)),
            "{cell} of {}",
            s.id
        );
    }
    for m in &want.trainees {
        let name = m.trainee.as_ref().unwrap();
        assert!(shown.iter().any(|t| t == name), "{name}'s column");
    }

    // Ordered by the team's column: the weakest rule's row comes first.
    act(&mut app, Action::SortSkills(1));
    let shown = texts(&mut app);
    assert!(shown.iter().any(|t| t == "• Team"));
    let weakest = (team.rules.iter())
        .min_by(|a, b| a.rate.unwrap().total_cmp(&b.rate.unwrap()))
        .unwrap();
    let rows = grid_rows(&mut app);
    assert_eq!(rows.first(), Some(&weakest.id), "{rows:?}");
    let mut all: Vec<&String> = team.rules.iter().map(|s| &s.id).collect();
    let mut got: Vec<&String> = rows.iter().collect();
    all.sort();
    got.sort();
    assert_eq!(got, all, "every rule that applied, once");

    // In Russian, the same grid.
    app.world_mut().resource_mut::<Settings>().lang = Lang::Ru;
    app.update();
    app.update();
    let shown = texts(&mut app);
    assert!(shown.iter().any(|t| t == "• Команда"), "{shown:?}");

    // F8 in the skill map exports the map.
    press(&mut app, KeyCode::F8, None);
    let (message, good) = view(&app).message.clone().unwrap();
    assert!(good, "{message}");
    let exports = std::fs::read_dir(dir.path().join("exports")).unwrap();
    let names: Vec<String> = exports
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("skills-")), "{names:?}");
}

/// The list marks the scenario the trainee should practise next, worked
/// out from their own records only.
#[test]
fn the_list_marks_what_the_trainee_should_practise_next() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir(&dir);
    let library = team_of(&data);
    let book = &library.book;
    let scenarios: Vec<_> = (library.entries.iter())
        .map(|e| e.scenario.as_ref().unwrap().as_ref())
        .collect();
    let reviewed = Judge::new(book, scenarios.iter().copied()).review(&data, &Filter::default());
    let name = reviewed.sessions[0].trainee.clone();
    let mine: Vec<_> = (reviewed.sessions.iter())
        .filter(|s| s.trainee == name)
        .cloned()
        .collect();
    let coverages = Coverages::new(
        scenarios.iter().copied(),
        book,
        Some(Coverages::cache_dir(&data)),
    );
    let lessons = rapport_core::rulebook::Lessons::shipped();
    let map = rapport_records::review::skills(&mine, book, lessons, &coverages, 10);
    let next = map.trainees[0].next.clone().expect("something to practise");

    let mut app = app_with(library.clone());
    app.world_mut().resource_mut::<Settings>().trainee = name;
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::List);
    until(&mut app, "the list's practise-next", |a| {
        !a.world()
            .contains_resource::<rapport_app::screens::list::Practising>()
    });
    app.update();
    let shown = texts(&mut app);
    let marks: Vec<&String> = shown
        .iter()
        .filter(|t| t.contains("practise next"))
        .collect();
    assert_eq!(marks.len(), 1, "{shown:?}");
    // The mark is in the entry of the scenario it names, beside its title.
    let mark = find(&mut app, marks[0]).unwrap();
    let world = app.world();
    let entry = world.get::<ChildOf>(mark).unwrap().parent();
    let head = world.get::<Children>(entry).unwrap()[0];
    let head = &world.get::<Text>(head).unwrap().0;
    let at = library.by_id(&next.scenario).unwrap();
    let title = library.entries[at]
        .scenario
        .as_ref()
        .unwrap()
        .title
        .get(Lang::En);
    assert!(head.contains(title), "{head} for {}", next.scenario);
}

/// The entity showing `text`.
fn find(app: &mut App, text: &str) -> Option<Entity> {
    let world = app.world_mut();
    let mut texts = world.query::<(Entity, &Text)>();
    texts.iter(world).find(|(_, t)| t.0 == text).map(|(e, _)| e)
}

/// The skill map's rows, by rule, in the order shown.
fn grid_rows(app: &mut App) -> Vec<String> {
    use rapport_app::screens::review::SkillRow;
    let world = app.world_mut();
    let mut rows = world.query_filtered::<&ChildOf, With<SkillRow>>();
    let grid = rows.iter(world).next().expect("a row").parent();
    let world = app.world();
    let children = world.get::<Children>(grid).unwrap();
    (children.iter())
        .filter_map(|c| world.get::<SkillRow>(c).map(|r| r.0.clone()))
        .collect()
}
