//! The debrief as a trainee reads it: every line in one language, in the
//! order it is read. The command line prints it and the window lays it out;
//! neither decides what is said, in which order, or with which mark, so the
//! two cannot drift apart.

use super::{Debrief, Verdict, round1};
use crate::i18n::{self, Label};
use crate::monitor::Status;
use crate::rulebook::Category;
use crate::scenario::Outcome;
use crate::session::Session;
use crate::text::Lang;

/// The whole debrief of one session, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct DebriefView {
    /// How the meeting ended.
    pub ending: EndingLine,
    /// The score and whether it passed.
    pub score: ScoreLine,
    /// The score of each category the session tested, in the rulebook's order.
    pub categories: Vec<CategoryLine>,
    /// The rules broken, then the rules held, each as the rulebook lists them.
    pub rules: Vec<RuleLine>,
    /// "Not tested in this session: …": the rules that never applied, by id.
    pub not_tested: String,
    /// How many rules never applied.
    pub not_tested_count: usize,
    /// The beat of each step, in order: where "retry from here" can start.
    pub steps: Vec<String>,
    /// "In your own words": each beat where the trainee typed (or skipped
    /// typing) before the options appeared; empty when they never were asked.
    pub said: Vec<super::SaidLine>,
    /// The client's temperament this session ("Driver: wants the bottom
    /// line"), when the scenario has temperaments: the same scenario
    /// replayed can be another client, and the debrief says which this was.
    pub temperament: Option<String>,
}

/// How the meeting ended, or that it ran out of time.
#[derive(Clone, Debug, PartialEq)]
pub struct EndingLine {
    /// The ending's title and outcome ("The deal — won"), or that time ran out.
    pub title: String,
    /// The ending's own text; empty when the meeting was cut off.
    pub text: String,
    /// The outcome, when an ending was reached.
    pub outcome: Option<Outcome>,
}

/// The score as a headline.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreLine {
    /// 0–100, to one decimal.
    pub overall: f64,
    /// Whether the session passed.
    pub passed: bool,
    /// Whether a critical rule broke (which fails the session whatever the score).
    pub critical_broken: bool,
    /// "Score: 72/100  failed (a critical rule was broken)".
    pub text: String,
}

/// One category's score.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryLine {
    /// Which category.
    pub category: Category,
    /// Its name in the debrief's language.
    pub name: String,
    /// 0–100.
    pub score: f64,
    /// Whether it reaches the rulebook's pass mark.
    pub passed: bool,
}

/// One rule that held or broke, and what the trainee should take from it.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleLine {
    /// The rule's id.
    pub rule: String,
    /// Held or broken.
    pub status: Status,
    /// Whether breaking it fails the session.
    pub critical: bool,
    /// "✗ Apologise for being late [!] — broken at arrival".
    pub heading: String,
    /// What follows the heading, in order.
    pub notes: Vec<Note>,
}

/// A line under a rule's heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// What kind of line it is, for how it is shown.
    pub kind: NoteKind,
    /// The line.
    pub text: String,
}

/// The kinds of line under a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Why the rule matters here (a broken rule).
    Why,
    /// The scenario's word on a rule held: the cost of the side taken.
    Cost,
    /// The better choice at a beat where it broke.
    Better,
    /// No option at that beat would have kept it: the moment was missed earlier.
    NoBetter,
}

impl DebriefView {
    /// The debrief of `session` in `lang`.
    pub fn of(debrief: &Debrief, session: &Session, lang: Lang) -> DebriefView {
        let book = session.world.book;
        let beat_of = |step: usize| session.scenario().beat(session.steps[step].beat).id.clone();
        let ending = match session.ending() {
            Some(e) => EndingLine {
                title: format!("{} — {}", e.title.get(lang), i18n::outcome(lang, e.outcome)),
                text: e.text.get(lang).to_string(),
                outcome: Some(e.outcome),
            },
            None => EndingLine {
                title: i18n::label(lang, Label::CutOff).to_string(),
                text: String::new(),
                outcome: session.outcome(),
            },
        };
        let score = &debrief.score;
        let mut text = format!(
            "{}: {:.0}/100  {}",
            i18n::label(lang, Label::Score),
            round1(score.overall),
            i18n::label(
                lang,
                if score.passed {
                    Label::Passed
                } else {
                    Label::Failed
                }
            )
        );
        if score.critical_broken {
            text.push_str(&format!(" ({})", i18n::label(lang, Label::CriticalBroken)));
        }
        let score = ScoreLine {
            overall: round1(score.overall),
            passed: score.passed,
            critical_broken: score.critical_broken,
            text,
        };
        let categories = Category::ALL
            .into_iter()
            .filter_map(|c| {
                debrief.category_score(c).map(|v| CategoryLine {
                    category: c,
                    name: i18n::category(lang, c).to_string(),
                    score: v,
                    passed: v >= book.pass_mark,
                })
            })
            .collect();
        let rules = [Status::Broken, Status::Held]
            .into_iter()
            .flat_map(|status| debrief.verdicts.iter().filter(move |v| v.status == status))
            .map(|v| rule_line(v, session, lang, &beat_of))
            .collect();
        let not_tested: Vec<&str> = debrief
            .verdicts
            .iter()
            .filter(|v| v.status == Status::NotApplicable)
            .map(|v| book.rules[v.rule].id.as_str())
            .collect();
        DebriefView {
            ending,
            score,
            categories,
            rules,
            not_tested: format!(
                "{}: {}",
                i18n::label(lang, Label::NotApplicableRules),
                not_tested.join(", ")
            ),
            not_tested_count: not_tested.len(),
            steps: (0..session.steps.len()).map(beat_of).collect(),
            said: super::said::said_lines(debrief, session, lang),
            temperament: session
                .world
                .temperament()
                .map(|t| format!("{}: {}", t.name.get(lang), t.about.get(lang))),
        }
    }
}

fn rule_line(
    v: &Verdict,
    session: &Session,
    lang: Lang,
    beat_of: &dyn Fn(usize) -> String,
) -> RuleLine {
    let book = session.world.book;
    let r = &book.rules[v.rule];
    let broken = v.status == Status::Broken;
    let at: Vec<String> = v.steps.iter().map(|&i| beat_of(i)).collect();
    let heading = format!(
        "{} {}{} — {} {}",
        if broken { "✗" } else { "✓" },
        r.title.get(lang),
        if r.critical { " [!]" } else { "" },
        i18n::label(
            lang,
            if broken {
                Label::BrokenAt
            } else {
                Label::HeldAt
            }
        ),
        at.join(", ")
    );
    let mut notes = Vec::new();
    if broken {
        notes.push(Note {
            kind: NoteKind::Why,
            text: v.explanation(book).get(lang).to_string(),
        });
        if v.better.is_empty() {
            notes.push(Note {
                kind: NoteKind::NoBetter,
                text: format!(
                    "{}: {}",
                    i18n::label(lang, Label::BetterChoice),
                    i18n::label(lang, Label::NoBetterChoice)
                ),
            });
        }
        notes.extend(v.better.iter().map(|b| Note {
            kind: NoteKind::Better,
            text: format!(
                "{} ({}, {}): «{}»",
                i18n::label(lang, Label::BetterChoice),
                b.beat,
                b.listed,
                b.text.get(lang)
            ),
        }));
    } else if let Some(f) = &v.feedback {
        // A held rule says nothing more, unless the scenario has its own word
        // on it: the cost of the side the trainee took.
        notes.push(Note {
            kind: NoteKind::Cost,
            text: f.get(lang).to_string(),
        });
    }
    RuleLine {
        rule: r.id.clone(),
        status: v.status,
        critical: r.critical,
        heading,
        notes,
    }
}
