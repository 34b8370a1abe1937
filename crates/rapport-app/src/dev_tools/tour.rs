//! A scripted walk through every screen that saves a screenshot of each and
//! exits: `RAPPORT_TOUR=DIR rapport app`, in a build with the `dev` feature.
//! The window test and the README's screenshots use it; so can anyone
//! checking a build by eye. The sessions it plays are kept in a data
//! directory of its own, so the review shows those and nothing else.

use crate::model::{Action, Library, Play, Settings};
use crate::screens::{Reveal, Screen};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput, NativeKeyCode};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use rapport_core::text::Lang;
use std::path::PathBuf;

#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    frame: u32,
    step: usize,
    lang: Lang,
}

/// What happens at each step: an action, or a screenshot named so.
enum Step {
    Act(Action),
    /// Open the shipped scenario with this id.
    Open(&'static str),
    Shoot(&'static str),
    /// Show the client's line whole, as a trainee pressing Space would.
    RevealAll,
    SetLang(Lang),
    /// Say it first on or off.
    SayFirst(bool),
    /// Type these words, key by key, in the language of the tour.
    Type(&'static str, &'static str),
    /// Wait until the review has read its sessions and, when it shows the
    /// skill map, worked it out (the first time, what each scenario can
    /// test takes a while).
    AwaitReview,
    Exit,
}

fn script() -> Vec<Step> {
    use Step::*;
    let mut v = Vec::new();
    for lang in [Lang::En, Lang::Ru] {
        v.push(SetLang(lang));
        v.push(Shoot("title"));
        v.push(Act(Action::Begin));
        v.push(Shoot("list"));
        v.push(Open("late_manager"));
        v.push(Shoot("briefing"));
        v.push(Act(Action::Begin));
        v.push(RevealAll);
        v.push(Shoot("meeting"));
        v.push(Act(Action::Choose(2)));
        v.push(Act(Action::Choose(1)));
        v.push(RevealAll);
        v.push(Shoot("meeting2"));
        for _ in 0..12 {
            v.push(Act(Action::Choose(1)));
        }
        v.push(Shoot("debrief"));
        v.push(Act(Action::Back));
        v.push(Act(Action::Back));
        // The session just played is kept, so the review has one at least.
        v.push(Act(Action::OpenReview));
        v.push(AwaitReview);
        v.push(Shoot("review"));
        v.push(Act(Action::ToggleSkillMap));
        v.push(AwaitReview);
        v.push(Shoot("skills"));
        v.push(Act(Action::ToggleSkillMap));
        v.push(Act(Action::OpenSession(0)));
        v.push(Shoot("review-debrief"));
        v.push(Act(Action::Back));
        v.push(Act(Action::Back));
        // Say it first: the words, then the options with the closest marked.
        v.push(SayFirst(true));
        v.push(Act(Action::Begin));
        v.push(Open("late_manager"));
        v.push(Act(Action::Begin));
        v.push(RevealAll);
        v.push(Type(
            "Don't move it. I'll take the minibus at 9:20 and keep the next one as a spare.",
            "Не переносить. Поеду на маршрутке в 9:20, а следующую оставлю про запас.",
        ));
        v.push(Shoot("say"));
        v.push(Act(Action::SubmitWords));
        v.push(Shoot("say-suggested"));
        for _ in 0..14 {
            v.push(Act(Action::Choose(1)));
        }
        v.push(Act(Action::Back));
        v.push(Act(Action::Back));
        v.push(SayFirst(false));
    }
    v.push(Exit);
    v
}

pub(super) fn plugin(dir: PathBuf) -> impl Fn(&mut App) {
    move |app: &mut App| {
        std::fs::create_dir_all(&dir).ok();
        app.insert_resource(Tour {
            dir: dir.clone(),
            frame: 0,
            step: 0,
            lang: Lang::En,
        })
        .insert_resource(bevy::winit::WinitSettings::game())
        .add_systems(Update, drive);
    }
}

/// Frames between steps: enough for layout, fonts and the face to settle.
const SETTLE: u32 = 90;

#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    mut out: MessageWriter<Action>,
    mut settings: ResMut<Settings>,
    mut play: ResMut<Play>,
    screen: Res<State<Screen>>,
    mut exit: MessageWriter<AppExit>,
    mut reveals: Query<&mut Reveal>,
    lib: Res<Library>,
    view: Res<crate::screens::review::View>,
    mut keys: MessageWriter<KeyboardInput>,
) {
    tour.frame += 1;
    if tour.frame < SETTLE {
        return;
    }
    tour.frame = 0;
    let steps = script();
    let Some(step) = steps.get(tour.step) else {
        return;
    };
    let waiting = view.loading || (view.skill_map && view.current_skills().is_none());
    if matches!(step, Step::AwaitReview) && waiting {
        return;
    }
    tour.step += 1;
    match step {
        Step::Act(a) => {
            // A fixed seed, so the tour shows the same meeting every time.
            if matches!(a, Action::Begin) && *screen.get() == Screen::Briefing {
                play.seed = 7;
            }
            out.write(*a);
            tour.frame = SETTLE - 8;
        }
        Step::Shoot(name) => {
            let path = tour.dir.join(format!("{}-{}.png", name, tour.lang.code()));
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path));
        }
        Step::Open(id) => {
            let i = lib
                .entries
                .iter()
                .position(|e| e.scenario.as_ref().is_ok_and(|s| s.id == *id));
            out.write(Action::Open(i.unwrap_or(0)));
            tour.frame = SETTLE - 8;
        }
        Step::RevealAll => {
            for mut r in &mut reveals {
                r.shown = r.full.chars().count() as f32;
            }
        }
        Step::SetLang(l) => {
            tour.lang = *l;
            settings.lang = *l;
            settings.trainee = if *l == Lang::En {
                "Sam".into()
            } else {
                "Саша".into()
            };
        }
        Step::SayFirst(on) => settings.say_first = Some(*on),
        Step::Type(en, ru) => {
            let words = if tour.lang == Lang::En { en } else { ru };
            for c in words.chars() {
                for state in [ButtonState::Pressed, ButtonState::Released] {
                    keys.write(KeyboardInput {
                        key_code: KeyCode::Unidentified(NativeKeyCode::Unidentified),
                        logical_key: Key::Character(c.to_string().into()),
                        state,
                        text: Some(c.to_string().into()),
                        repeat: false,
                        window: Entity::PLACEHOLDER,
                    });
                }
            }
        }
        Step::AwaitReview => tour.frame = SETTLE - 8,
        Step::Exit => {
            exit.write(AppExit::Success);
        }
    }
}
