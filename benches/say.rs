//! How long "say it first" takes to match a typed answer, and to learn a
//! scenario's options. The target is well under a millisecond an answer.
//!
//! `cargo bench --bench say` (see docs/performance.md for figures).

use divan::{Bencher, black_box};
use rapport_core::rulebook::Rulebook;
use rapport_core::say::Matcher;
use rapport_core::scenario::Scenario;

fn main() {
    divan::main();
}

fn late_manager(book: &Rulebook) -> Scenario {
    rapport_core::catalog::resolve("late_manager", book)
        .expect("the shipped scenario loads")
        .0
}

/// A typical answer at late_manager's opening (five options), in each
/// language: a sentence or two, as a trainee types it.
#[divan::bench(args = ["en", "ru"])]
fn suggest(bencher: Bencher, lang: &str) {
    let typed = match lang {
        "en" => {
            "I looked at your site: you opened a warehouse in Kazan and you're hiring forty drivers. What matters most to you this year?"
        }
        _ => {
            "Я посмотрел ваш сайт: вы открыли склад в Казани и набираете сорок водителей. Что для вас сейчас главное в этом году?"
        }
    };
    let book = Rulebook::shipped();
    let scenario = late_manager(&book);
    let matcher = Matcher::new(&scenario, &book);
    let beat = scenario
        .beats
        .iter()
        .position(|b| b.id == "opening")
        .expect("late_manager has an opening");
    let offered: Vec<usize> = (0..scenario.beats[beat].choices.len()).collect();
    bencher.bench_local(|| black_box(matcher.suggest(beat, &offered, black_box(typed))));
}

/// Learning every option of late_manager, once per session.
#[divan::bench]
fn new(bencher: Bencher) {
    let book = Rulebook::shipped();
    let scenario = late_manager(&book);
    bencher.bench_local(|| black_box(Matcher::new(&scenario, &book)));
}

/// A pasted page (10,000 characters): the worst a trainee can do.
#[divan::bench]
fn suggest_pasted_page(bencher: Bencher) {
    let book = Rulebook::shipped();
    let scenario = late_manager(&book);
    let matcher = Matcher::new(&scenario, &book);
    let page: String = scenario
        .beats
        .iter()
        .flat_map(|b| b.choices.iter().map(|c| c.text.en.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(10_000)
        .collect();
    bencher.bench_local(|| black_box(matcher.suggest(0, &[0, 1, 2, 3], black_box(&page))));
}
