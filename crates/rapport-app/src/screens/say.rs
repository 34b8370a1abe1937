//! Say it first: at each beat of the meeting the options stay hidden until
//! the trainee has typed what they would say. Then the option closest to
//! their words is marked, with the words that matched, and they take it or
//! pick another. The matching is the core's; this module only keeps the
//! words, asks, and shows.

use crate::model::{Action, Library, Play, Settings};
use crate::screens::Focus;
use crate::theme::{self, Fonts, size};
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use rapport_core::i18n::{self, Label};
use rapport_core::say::{Matcher, Suggestion};
use rapport_core::session::Typed;
use rapport_core::text::Lang;
use std::sync::Arc;

/// Enough for any answer and for a pasted paragraph; the core bounds what
/// it compares anyway.
const MAX_CHARS: usize = 2000;

/// The trainee's words at the current beat, as they are typed.
#[derive(Resource, Default)]
pub(crate) struct Saying {
    /// The step of the session these words are for: a new step starts empty.
    step: usize,
    /// What has been typed so far.
    pub(crate) text: String,
}

/// Once the options are shown at this beat: the words kept for the record,
/// and what the matcher made of them (`None` when typing was skipped). Apart
/// from [`Saying`] so that the meeting is rebuilt when the options appear,
/// not at every key.
#[derive(Resource, Default)]
pub(crate) struct Answered(pub(crate) Option<(Typed, Option<Suggestion>)>);

/// The matcher of the scenario in play, built once per scenario.
#[derive(Resource, Default)]
pub(crate) struct SayMatcher(Option<(usize, Arc<Matcher>)>);

/// The text that shows what is being typed.
#[derive(Component)]
pub(crate) struct Field;

/// Whether this meeting is played saying it first: a reviewed session is
/// only shown, so it never asks for words.
pub(crate) fn on(settings: &Settings, play: &Play) -> bool {
    settings.says_first() && play.reviewing.is_none() && play.jump.is_none()
}

/// Whether the trainee is still typing at this beat (the options hidden).
pub(crate) fn typing(settings: &Settings, play: &Play, answered: &Answered) -> bool {
    on(settings, play) && answered.0.is_none()
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Saying>()
        .init_resource::<Answered>()
        .init_resource::<SayMatcher>();
}

/// A new step starts with no words; the scenario's matcher is built when
/// a meeting of another scenario begins.
pub(super) fn follow(
    play: Res<Play>,
    lib: Res<Library>,
    settings: Res<Settings>,
    mut saying: ResMut<Saying>,
    mut answered: ResMut<Answered>,
    mut matcher: ResMut<SayMatcher>,
) {
    let Some(session) = play.session() else {
        return;
    };
    let step = session.steps.len();
    if saying.step != step {
        *saying = Saying { step, ..default() };
        if answered.0.is_some() {
            answered.0 = None;
        }
    }
    let built = matcher.0.as_ref().is_some_and(|(e, _)| *e == play.entry);
    if on(&settings, &play)
        && !built
        && let Some(s) = play.scenario(&lib)
    {
        matcher.0 = Some((play.entry, Arc::new(Matcher::new(s, &lib.book))));
    }
}

/// While typing, every key belongs to the words: letters in any layout,
/// Backspace, Enter to show the options, Esc to show them without words.
/// The keys are then cleared, so no digit chooses and no Enter presses a
/// button behind the field.
#[allow(clippy::too_many_arguments)]
pub(super) fn keys(
    settings: Res<Settings>,
    play: Res<Play>,
    answered: Res<Answered>,
    mut saying: ResMut<Saying>,
    mut input: MessageReader<KeyboardInput>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut out: MessageWriter<Action>,
    mut fields: Query<&mut Text, With<Field>>,
) {
    if !typing(&settings, &play, &answered) {
        input.clear();
        return;
    }
    let before = saying.text.clone();
    for k in input.read() {
        if !k.state.is_pressed() {
            continue;
        }
        match (&k.key_code, &k.logical_key) {
            (KeyCode::Enter | KeyCode::NumpadEnter, _) => {
                out.write(Action::SubmitWords);
            }
            (KeyCode::Escape, _) => {
                out.write(Action::SkipWords);
            }
            (KeyCode::Backspace, _) => {
                saying.text.pop();
            }
            (_, Key::Space) => saying.text.push(' '),
            (_, Key::Character(c)) if saying.text.chars().count() < MAX_CHARS => {
                saying.text.extend(c.chars().filter(|c| !c.is_control()));
            }
            _ => {}
        }
    }
    keys.clear();
    if saying.text != before {
        for mut t in &mut fields {
            t.0 = field_text(&saying.text);
        }
    }
}

/// Words submitted or skipped: the matcher ranks the options on offer, the
/// closest gets the keyboard's focus, and the options appear.
pub(super) fn act(
    mut actions: MessageReader<Action>,
    play: Res<Play>,
    settings: Res<Settings>,
    matcher: Res<SayMatcher>,
    saying: Res<Saying>,
    mut answered: ResMut<Answered>,
    mut focus: ResMut<Focus>,
) {
    for a in actions.read() {
        if !typing(&settings, &play, &answered) {
            continue;
        }
        let answer = match a {
            Action::SubmitWords => words(&play, &matcher, &saying.text),
            Action::SkipWords => (Typed::Skipped, None),
            _ => continue,
        };
        if let (Some(s), Some(session)) = (&answer.1, play.session())
            && let Some(best) = s.best
        {
            focus.0 = session
                .options()
                .iter()
                .position(|&i| usize::from(i) == best)
                .unwrap_or(0);
        }
        answered.0 = Some(answer);
    }
}

/// What the record keeps at a pick: the words and their suggestion; what
/// was typed when the clock ran out; or that typing was skipped.
pub(crate) fn typed_for_pick(
    settings: &Settings,
    play: &Play,
    matcher: &SayMatcher,
    saying: &Saying,
    answered: &Answered,
) -> Option<Typed> {
    if !on(settings, play) {
        return None;
    }
    Some(match &answered.0 {
        Some((typed, _)) => typed.clone(),
        None => words(play, matcher, &saying.text).0,
    })
}

/// The words at the current beat as the core makes them: kept, with the
/// option they point at among those on offer.
fn words(play: &Play, matcher: &SayMatcher, text: &str) -> (Typed, Option<Suggestion>) {
    match (play.session(), &matcher.0) {
        (Some(session), Some((_, m))) => m.answer(session, text),
        _ => (Typed::Skipped, None),
    }
}

fn field_text(text: &str) -> String {
    format!("» {text}▏")
}

/// The answers part of the meeting: the field while typing, else the
/// options, the one closest to the words marked and its matching words lit.
pub(crate) fn spawn_answers(
    right: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    options: &[(usize, String)],
    words: Option<(&Saying, &Answered)>,
    matcher: &SayMatcher,
    lang: Lang,
) {
    let l = |x| i18n::label(lang, x);
    if let Some((saying, Answered(None))) = words {
        right.spawn(theme::text(
            fonts,
            l(Label::SayPrompt),
            size::BODY,
            theme::MUTED,
        ));
        right.spawn((
            theme::text(fonts, field_text(&saying.text), size::HEADING, theme::TEXT),
            Field,
        ));
        return;
    }
    let answer = words.and_then(|(_, a)| a.0.as_ref());
    let suggestion = answer.and_then(|a| a.1.as_ref());
    if let Some((Typed::Said { text, .. }, _)) = answer {
        right.spawn(theme::text(
            fonts,
            format!("{}: «{text}»", l(Label::YouSaid)),
            size::BODY,
            theme::MUTED,
        ));
    }
    if let Some(s) = suggestion
        && s.best.is_none()
    {
        right.spawn(theme::text(fonts, s.explain(lang), size::BODY, theme::WARN));
    }
    for (n, (i, text)) in options.iter().enumerate() {
        let best = suggestion.filter(|s| s.best == Some(*i));
        let mut button = right.spawn((theme::button(Action::Choose(n + 1)), super::Focusable(n)));
        match (best, &matcher.0) {
            (Some(s), Some((_, m))) => {
                button.with_children(|b| {
                    let parts = m.lit(s, *i, text);
                    b.spawn(Node {
                        flex_direction: FlexDirection::Column,
                        ..default()
                    })
                    .with_children(|col| {
                        col.spawn(theme::text(
                            fonts,
                            format!("→ {}. ", n + 1),
                            size::HEADING,
                            theme::ACCENT,
                        ))
                        .with_children(|t| {
                            for (part, matched) in parts {
                                let colour = if matched { theme::WARN } else { theme::TEXT };
                                t.spawn((
                                    TextSpan::new(part),
                                    TextFont {
                                        font: if matched {
                                            fonts.bold.clone()
                                        } else {
                                            fonts.regular.clone()
                                        }
                                        .into(),
                                        font_size: size::HEADING.into(),
                                        ..default()
                                    },
                                    TextColor(colour),
                                ));
                            }
                        });
                        col.spawn(theme::text(
                            fonts,
                            format!("{} · {}", l(Label::ClosestToYourWords), s.explain(lang)),
                            size::SMALL,
                            theme::TEXT,
                        ));
                    });
                });
            }
            _ => {
                button.with_child(theme::text(
                    fonts,
                    format!("{}. {text}", n + 1),
                    size::HEADING,
                    theme::TEXT,
                ));
            }
        }
    }
}

/// The line of keys under the answers.
pub(crate) fn keys_hint(on: bool, answered: &Answered) -> Label {
    match (on, &answered.0) {
        (false, _) => Label::KeysMeeting,
        (true, None) => Label::KeysSaying,
        (true, Some(_)) => Label::KeysSuggested,
    }
}
