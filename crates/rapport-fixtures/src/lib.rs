//! Generated scenarios of any size, for benchmarks and property tests: a
//! layered conversation whose choices carry tags the shipped rulebook judges;
//! and generated records of played sessions, for the review's benchmark.
#![warn(missing_docs)]

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rapport_core::engine::Pick;
use rapport_core::monitor::Mark;
use rapport_core::scenario::file::{
    BeatFile, BranchFile, Briefing, CaseFile, ChoiceFile, Cond, Difficulty, Emotion, EndingFile,
    EventAt, EventFile, Meter, Meters, Outcome, Persona, SCENARIO_FORMAT, ScenarioFile,
};
use rapport_core::text::{Lang, Text};

/// Tags drawn for generated choices: enough to exercise every kind of rule
/// (forbid, before, respond to emotions and cues) without making the number
/// of distinct rule states per beat grow with the size of the graph.
const TAGS: &[&str] = &[
    "apologize",
    "internal_excuse",
    "argue",
    "acknowledge_emotion",
    "ask_need",
    "pitch",
    "agree_next_steps",
];
const EMOTIONS: &[Emotion] = &[
    Emotion::Neutral,
    Emotion::Annoyed,
    Emotion::Interested,
    Emotion::Skeptical,
];

fn t(s: &str) -> Text {
    Text::new(s, s)
}

/// A scenario of `beats` beats in layers of `width`, each beat with up to
/// three choices leading to the next layer, two random events and three
/// endings. With `loops`, some choices lead back a layer (the graph then has
/// cycles and `max_turns` bounds a session).
pub fn layered(beats: usize, width: usize, seed: u64, loops: bool) -> ScenarioFile {
    generate(beats, width, seed, loops, TAGS, EMOTIONS, 2)
}

/// Like `layered`, with at most one tag per choice from a few forbid and
/// before rules, and calm lines: the number of distinct rule states per beat
/// stays small, which is what the analysis benchmark needs to reach 10^5 beats.
pub fn lean(beats: usize, width: usize, seed: u64) -> ScenarioFile {
    generate(
        beats,
        width,
        seed,
        false,
        LEAN_TAGS,
        &[Emotion::Neutral, Emotion::Interested],
        1,
    )
}

const LEAN_TAGS: &[&str] = &["internal_excuse", "argue", "ask_need", "pitch"];

fn generate(
    beats: usize,
    width: usize,
    seed: u64,
    loops: bool,
    pool: &[&str],
    emotions: &[Emotion],
    max_tags: usize,
) -> ScenarioFile {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let beats = beats.max(1);
    // The start is a layer of its own and offers one choice per beat of the
    // next layer, so a layer is at most as wide as a beat has choices.
    let width = width.clamp(1, rapport_core::scenario::MAX_CHOICES);
    let layer = |i: usize| if i == 0 { 0 } else { 1 + (i - 1) / width };
    let first_of = |l: usize| if l == 0 { 0 } else { 1 + (l - 1) * width };
    let layers = layer(beats - 1) + 1;
    let id = |i: usize| format!("b{i}");
    let endings = ["deal", "follow_up", "lost"];
    let mut out = Vec::with_capacity(beats);
    for i in 0..beats {
        let l = layer(i);
        let next_layer: Vec<usize> = (first_of(l + 1)..first_of(l + 2).min(beats)).collect();
        let n_choices = rng.random_range(1..=3);
        let mut choices = Vec::new();
        for c in 0..n_choices {
            let next = if next_layer.is_empty() {
                endings[rng.random_range(0..endings.len())].to_string()
            } else {
                id(next_layer[rng.random_range(0..next_layer.len())])
            };
            let mut tags = Vec::new();
            for _ in 0..rng.random_range(0..=max_tags) {
                let tag = pool[rng.random_range(0..pool.len())].to_string();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            let back = loops && l > 1 && c == 1 && rng.random_bool(0.3);
            let next = if back {
                id(first_of(l - 1) + rng.random_range(0..width))
            } else {
                next
            };
            let branches = if rng.random_bool(0.2) {
                vec![BranchFile {
                    when: Cond::Flag("storm".into()),
                    to: endings[2].into(),
                }]
            } else {
                Vec::new()
            };
            choices.push(ChoiceFile {
                text: t(&format!("option {c} at beat {i}")),
                tags,
                when: None,
                trust: 0,
                patience: 0,
                interest: 0,
                set: Vec::new(),
                clear: Vec::new(),
                reply: None,
                next,
                branches,
                pin: None,
                feedback: Vec::new(),
                say: Default::default(),
            });
        }
        let cues = if rng.random_bool(0.1) {
            vec!["states_solution".into()]
        } else {
            Vec::new()
        };
        out.push(BeatFile {
            id: id(i),
            speaker: Default::default(),
            emotion: emotions[rng.random_range(0..emotions.len())],
            line: t(&format!("line {i}")),
            cues,
            narration: None,
            set: Vec::new(),
            clear: Vec::new(),
            variants: Vec::new(),
            feedback: Vec::new(),
            time_limit: None,
            silence: None,
            choices,
        });
    }
    // Every beat reachable, and every beat able to end: the first choice of
    // the j-th beat of a layer leads forward to the j-th beat of the next.
    for (i, beat) in out.iter_mut().enumerate().skip(1) {
        let target = first_of(layer(i) + 1) + (i - 1) % width;
        if target < beats {
            beat.choices[0].next = id(target);
            beat.choices[0].branches.clear();
        }
    }
    if beats > 1 {
        let first: Vec<usize> = (1..first_of(2).min(beats)).collect();
        let template = out[0].choices[0].clone();
        out[0].choices = first
            .iter()
            .map(|&b| ChoiceFile {
                next: id(b),
                branches: Vec::new(),
                ..template.clone()
            })
            .collect();
    }
    // Every ending reachable: the last beat offers all three.
    let last = out.len() - 1;
    out[last].choices = endings
        .iter()
        .map(|e| ChoiceFile {
            text: t(e),
            tags: vec!["agree_next_steps".into()],
            when: None,
            trust: 0,
            patience: 0,
            interest: 0,
            set: Vec::new(),
            clear: Vec::new(),
            reply: None,
            next: (*e).into(),
            branches: Vec::new(),
            pin: None,
            feedback: Vec::new(),
            say: Default::default(),
        })
        .collect();
    let file = ScenarioFile {
        format: SCENARIO_FORMAT,
        id: format!("generated_{beats}"),
        version: 1,
        title: t("generated"),
        summary: t("generated"),
        kind: None,
        trains: None,
        lessons: Vec::new(),
        difficulty: Difficulty::Normal,
        persona: Persona {
            name: t("Client"),
            role: t("role"),
            company: t("company"),
            about: t("about"),
        },
        briefing: Briefing {
            setting: t("setting"),
            goal: t("goal"),
            authority: None,
        },
        initial: Meters::default(),
        levels: None,
        events: vec![
            EventFile {
                id: "weather".into(),
                at: EventAt::Start,
                cases: vec![
                    case("calm", 0.8, &[], -0),
                    case("storm", 0.2, &["storm"], -10),
                ],
            },
            EventFile {
                id: "mood".into(),
                at: EventAt::Beat(id(beats / 2)),
                cases: vec![
                    case("fine", 0.5, &[], 0),
                    case("tired", 0.5, &["tired"], -5),
                ],
            },
        ],
        temperaments: Vec::new(),
        max_turns: Some(if loops {
            4 * layers as u32 + 8
        } else {
            rapport_core::scenario::MAX_TURNS
        }),
        on_patience_out: None,
        start: id(0),
        beats: out,
        endings: endings
            .iter()
            .zip([Outcome::Deal, Outcome::FollowUp, Outcome::Lost])
            .map(|(e, o)| EndingFile {
                id: (*e).into(),
                outcome: o,
                title: t(e),
                text: t(e),
            })
            .collect(),
    };
    with_condition_on_meter(file)
}

fn case(id: &str, weight: f64, set: &[&str], patience: i32) -> CaseFile {
    CaseFile {
        id: id.into(),
        weight,
        narration: Some(t(id)),
        trust: 0,
        patience,
        interest: 0,
        set: set.iter().map(|s| s.to_string()).collect(),
        clear: Vec::new(),
    }
}

/// Adds one condition on a meter so generated scenarios exercise conditions.
fn with_condition_on_meter(mut file: ScenarioFile) -> ScenarioFile {
    if let Some(b) = file.beats.first_mut()
        && b.choices.len() > 1
    {
        b.choices[1].when = Some(Cond::AtLeast(Meter::Patience, 10));
    }
    file
}

/// Trainees of the generated records.
const TRAINEES: &[&str] = &[
    "Asel", "Boris", "Chloe", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas",
    "Ksenia", "Luca",
];

/// `n` finished sessions as records, for the review benchmark and tests:
/// a trainee and a scenario drawn at random, random choices (some left to
/// the clock) with response times, one session every few minutes from
/// `from` on. The same arguments give the same records.
pub fn records<'a>(
    book: &'a rapport_core::rulebook::Rulebook,
    scenarios: &'a [rapport_core::scenario::Scenario],
    n: usize,
    seed: u64,
    from: jiff::Timestamp,
) -> impl Iterator<Item = rapport_records::record::Record> + 'a {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut at = from;
    let mut attempts = [0u32; TRAINEES.len()];
    (0..n).map(move |_| {
        let who = rng.random_range(0..TRAINEES.len());
        attempts[who] += 1;
        // Trainees learn: the more they practised, the likelier they take
        // the option that breaks the fewest rules, so the review's trends
        // have something to show.
        let skill = (0.15 + 0.04 * f64::from(attempts[who])).min(0.85);
        let scenario = &scenarios[rng.random_range(0..scenarios.len())];
        let level =
            [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard][rng.random_range(0..3)];
        let mut session = rapport_core::session::Session::new(scenario, book, level, rng.random());
        while !session.is_over() {
            let options = session.options().to_vec();
            let pick = if session.time_limit().is_some() && rng.random_range(0..10) == 0 {
                Pick::Silence
            } else if rng.random_bool(skill) {
                let breaks = |&o: &u8| {
                    let mut s = session.clone();
                    let before = s.marks.len();
                    let _ = s.pick(Pick::Choice(o));
                    s.marks[before..]
                        .iter()
                        .filter(|m| m.mark == Mark::Broken)
                        .count()
                };
                let best = options.iter().min_by_key(|o| breaks(o));
                best.map_or(Pick::Silence, |&o| Pick::Choice(o))
            } else {
                match options.len() {
                    0 => Pick::Silence,
                    n => Pick::Choice(options[rng.random_range(0..n)]),
                }
            };
            let millis = rng.random_range(1_500..25_000);
            if session.pick_timed(pick, Some(millis)).is_err() {
                break;
            }
        }
        let seconds: i64 = session
            .steps
            .iter()
            .filter_map(|s| s.millis)
            .map(i64::from)
            .sum::<i64>()
            / 1000;
        let started = at;
        let ended = started + jiff::SignedDuration::from_secs(seconds);
        at = ended + jiff::SignedDuration::from_secs(rng.random_range(60..3_600));
        let trainee = TRAINEES[who];
        let lang = if rng.random_range(0..2) == 0 {
            Lang::En
        } else {
            Lang::Ru
        };
        let mut r = rapport_records::record::Record::of(&session, trainee, lang, started, ended);
        // Reproducible ids, so that two runs write the same files.
        r.id = uuid::Uuid::from_u64_pair(seed, rng.random());
        r
    })
}
