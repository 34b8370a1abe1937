//! Briefing: who the client is, where, and what the trainee is there to do.

use super::{Focusable, Root, Screen, clear, root};
use crate::model::{Action, Library, Play, Settings};
use crate::theme::{self, Fonts, size};
use bevy::prelude::*;
use rapport_core::engine::World;
use rapport_core::i18n::{self, Label};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Briefing), build)
        .add_systems(
            Update,
            (keys, act).chain().run_if(in_state(Screen::Briefing)),
        );
}

fn build(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lib: Res<Library>,
    play: Res<Play>,
    settings: Res<Settings>,
    roots: Query<Entity, With<Root>>,
) {
    clear(&mut commands, &roots);
    let Some(s) = play.scenario(&lib) else { return };
    let lang = settings.lang;
    let l = |x| i18n::label(lang, x);
    commands.spawn(root(Screen::Briefing)).with_children(|p| {
        p.spawn(theme::text(
            &fonts,
            l(Label::Briefing),
            size::BODY,
            theme::MUTED,
        ));
        p.spawn(theme::bold(
            &fonts,
            s.title.get(lang),
            size::TITLE,
            theme::TEXT,
        ));
        p.spawn(theme::bold(
            &fonts,
            format!(
                "{}: {}, {} — {}",
                l(Label::Client),
                s.persona.name.get(lang),
                s.persona.role.get(lang),
                s.persona.company.get(lang)
            ),
            size::HEADING,
            theme::TEXT,
        ));
        p.spawn(theme::text(
            &fonts,
            s.persona.about.get(lang),
            size::BODY,
            theme::MUTED,
        ));
        // The client drawn for this seed, as a colleague who knows him
        // would describe him: the terminal's briefing says it too.
        let world = World::new(s, &lib.book, play.level(&settings), play.seed);
        if let Some(t) = world.temperament() {
            p.spawn(theme::text(
                &fonts,
                format!("{}: {}", t.name.get(lang), t.about.get(lang)),
                size::BODY,
                theme::TEXT,
            ));
        }
        p.spawn(theme::bold(
            &fonts,
            l(Label::Setting),
            size::HEADING,
            theme::TEXT,
        ));
        p.spawn(theme::text(
            &fonts,
            s.briefing.setting.get(lang),
            size::BODY,
            theme::TEXT,
        ));
        p.spawn(theme::bold(
            &fonts,
            l(Label::Goal),
            size::HEADING,
            theme::TEXT,
        ));
        p.spawn(theme::text(
            &fonts,
            s.briefing.goal.get(lang),
            size::BODY,
            theme::TEXT,
        ));
        if let Some(a) = &s.briefing.authority {
            p.spawn(theme::bold(
                &fonts,
                l(Label::Authority),
                size::HEADING,
                theme::TEXT,
            ));
            p.spawn(theme::text(&fonts, a.get(lang), size::BODY, theme::TEXT));
        }
        p.spawn(Node {
            column_gap: px(12),
            ..default()
        })
        .with_children(|row| {
            row.spawn((theme::button(Action::Begin), Focusable(0)))
                .with_child(theme::bold(
                    &fonts,
                    l(Label::Begin),
                    size::LEAD,
                    theme::TEXT,
                ));
            row.spawn((theme::button(Action::Back), Focusable(1)))
                .with_child(theme::text(
                    &fonts,
                    l(Label::Back),
                    size::HEADING,
                    theme::TEXT,
                ));
        });
    });
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    for &k in keys.get_just_pressed() {
        match k {
            KeyCode::Space => {
                out.write(Action::Begin);
            }
            KeyCode::Escape => {
                out.write(Action::Back);
            }
            _ => {}
        }
    }
}

fn act(mut actions: MessageReader<Action>, mut next: ResMut<NextState<Screen>>) {
    for a in actions.read() {
        match a {
            Action::Begin => next.set(Screen::Meeting),
            Action::Back => next.set(Screen::List),
            _ => {}
        }
    }
}
