//! Title: the trainee's name, the language, the difficulty and whether the
//! trainee says it first.

use super::{Focusable, Keys, Root, Screen, clear, root};
use crate::model::{Action, Settings};
use crate::theme::{self, Fonts, size};
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use rapport_core::i18n::{self, Label};
use rapport_core::scenario::Difficulty;
use rapport_core::text::Lang;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), build).add_systems(
        Update,
        (
            keys.in_set(Keys),
            act,
            build.run_if(resource_changed::<Settings>),
        )
            .chain()
            .run_if(in_state(Screen::Title)),
    );
}

fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    settings: Res<Settings>,
    roots: Query<Entity, With<Root>>,
) {
    clear(&mut commands, &roots);
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x);
    commands.spawn(root(Screen::Title)).with_children(|p| {
        p.spawn(theme::bold(&fonts, "Rapport", size::DISPLAY, theme::TEXT));
        p.spawn(theme::text(
            &fonts,
            l(Label::Tagline),
            size::LEAD,
            theme::MUTED,
        ));
        let name = if settings.trainee.is_empty() {
            l(Label::TypeYourName).to_string()
        } else {
            format!("{}▏", settings.trainee)
        };
        p.spawn(theme::text(
            &fonts,
            format!("{}: {name}", l(Label::Trainee)),
            size::LEAD,
            theme::TEXT,
        ));
        p.spawn((theme::button(Action::ToggleLang), Focusable(1)))
            .with_child(theme::text(
                &fonts,
                format!(
                    "{}: {}",
                    l(Label::Language),
                    if lang == Lang::En {
                        "English"
                    } else {
                        "Русский"
                    }
                ),
                size::LEAD,
                theme::TEXT,
            ));
        p.spawn((theme::button(Action::CycleLevel), Focusable(2)))
            .with_child(theme::text(
                &fonts,
                format!(
                    "{}: {}",
                    l(Label::Difficulty),
                    i18n::difficulty(lang, settings.level)
                ),
                size::LEAD,
                theme::TEXT,
            ));
        p.spawn((theme::button(Action::ToggleSayFirst), Focusable(4)))
            .with_child(theme::text(
                &fonts,
                format!(
                    "{}: {}",
                    l(Label::SayFirst),
                    l(match (settings.says_first(), settings.say_first) {
                        (true, None) => Label::OnAtHard,
                        (true, Some(_)) => Label::On,
                        (false, _) => Label::Off,
                    })
                ),
                size::LEAD,
                theme::TEXT,
            ));
        p.spawn((theme::button(Action::Begin), Focusable(0)))
            .with_child(theme::bold(
                &fonts,
                l(Label::Start),
                size::LEAD,
                theme::TEXT,
            ));
        p.spawn((theme::button(Action::OpenReview), Focusable(3)))
            .with_child(theme::text(
                &fonts,
                l(Label::Review),
                size::HEADING,
                theme::TEXT,
            ));
        p.spawn(theme::text(
            &fonts,
            l(Label::KeysTitle),
            size::LABEL,
            theme::MUTED,
        ));
    });
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut input: MessageReader<KeyboardInput>,
    mut settings: ResMut<Settings>,
    mut out: MessageWriter<Action>,
) {
    if keys.just_pressed(KeyCode::F2) {
        out.write(Action::ToggleLang);
    }
    if keys.just_pressed(KeyCode::F3) {
        out.write(Action::CycleLevel);
    }
    if keys.just_pressed(KeyCode::F4) {
        out.write(Action::OpenReview);
    }
    if keys.just_pressed(KeyCode::F5) {
        out.write(Action::ToggleSayFirst);
    }
    for k in input.read() {
        if !k.state.is_pressed() {
            continue;
        }
        match (&k.key_code, &k.logical_key) {
            (KeyCode::Backspace, _) => {
                settings.trainee.pop();
            }
            (_, Key::Character(c))
                if settings.trainee.chars().count() < 40 && c.chars().all(|c| !c.is_control()) =>
            {
                settings.trainee.push_str(c);
            }
            (KeyCode::Space, _) if !settings.trainee.is_empty() => settings.trainee.push(' '),
            _ => {}
        }
    }
}

fn act(
    mut actions: MessageReader<Action>,
    mut settings: ResMut<Settings>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        match a {
            Action::ToggleLang => {
                settings.lang = if settings.lang == Lang::En {
                    Lang::Ru
                } else {
                    Lang::En
                }
            }
            Action::CycleLevel => {
                settings.level = match settings.level {
                    Difficulty::Easy => Difficulty::Normal,
                    Difficulty::Normal => Difficulty::Hard,
                    Difficulty::Hard => Difficulty::Easy,
                }
            }
            // The first press turns the level's default the other way; after
            // that it alternates, whatever the level.
            Action::ToggleSayFirst => settings.say_first = Some(!settings.says_first()),
            Action::Begin => next.set(Screen::List),
            Action::OpenReview => next.set(Screen::Review),
            _ => {}
        }
    }
}
