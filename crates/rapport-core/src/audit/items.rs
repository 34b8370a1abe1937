//! Each beat as a test item: where its best option sits and how it stands
//! out from the others.

use super::strategy::{figures, length};
use crate::analysis::{Solver, Value};
use crate::distribution::{all_worlds, explore};
use crate::engine::{Pick, World};
use crate::rulebook::Rulebook;
use crate::scenario::{Beat, Difficulty, Place, Scenario};
use crate::text::Lang;
use serde::Serialize;

/// One beat as a test item.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// The beat's id.
    pub beat: String,
    /// How many options the beat lists.
    pub options: usize,
    /// 1-based places (as written; shown in an order drawn from the seed) of
    /// the options that are best at this beat
    /// in most of the session states that reach it; empty when every option
    /// is as good as any other.
    pub best: Vec<usize>,
    /// The best option's length over the longest other option's, per
    /// language; `None` when there is no other option. In English:
    pub length_ratio_en: Option<f64>,
    /// The same in Russian.
    pub length_ratio_ru: Option<f64>,
    /// The best option is (one of) the longest, in English.
    pub best_is_longest: bool,
    /// The best option alone carries figures or names.
    pub alone_has_figures: bool,
}

/// The item table of `scenario` at `level`, over every world.
pub fn items_at(scenario: &Scenario, book: &Rulebook, level: Difficulty) -> Vec<Item> {
    table(scenario, &all_worlds(scenario, book, level))
}

/// The item table: for each beat some session reaches, the option that is
/// best in most of the states that reach it, and how it stands out.
pub(super) fn table(scenario: &Scenario, worlds: &[(World, f64)]) -> Vec<Item> {
    // best_count[beat][choice]: states at this beat where the choice is best.
    let mut best_count: Vec<Vec<usize>> = scenario
        .beats
        .iter()
        .map(|b| vec![0; b.choices.len()])
        .collect();
    let mut arrivals = vec![0usize; scenario.beats.len()];
    for (world, _) in worlds {
        let ex = explore(world);
        let mut solver = Solver::new(world);
        for st in &ex.states {
            let Place::Beat(b) = st.node else { continue };
            if world.is_over(st) {
                continue;
            }
            let options = world.options(st);
            let values: Vec<(u8, Value)> = options
                .iter()
                .map(|&i| {
                    let child = solver.next(st, Pick::Choice(i));
                    let v = solver.solve(&child).0;
                    (i, v)
                })
                .collect();
            let top = values
                .iter()
                .map(|(_, v)| *v)
                .reduce(|a, v| if v.better(a) { v } else { a });
            let Some(top) = top else { continue };
            let best: Vec<u8> = values
                .iter()
                .filter(|(_, v)| !top.better(*v))
                .map(|(i, _)| *i)
                .collect();
            arrivals[b as usize] += 1;
            // An arrival where every option is as good says nothing of the item.
            if best.len() < values.len() {
                for i in best {
                    best_count[b as usize][usize::from(i)] += 1;
                }
            }
        }
    }
    scenario
        .beats
        .iter()
        .enumerate()
        .filter(|(b, _)| arrivals[*b] > 0)
        .map(|(b, beat)| {
            let most = best_count[b].iter().copied().max().unwrap_or(0);
            let best: Vec<usize> = if most == 0 {
                Vec::new()
            } else {
                (0..beat.choices.len())
                    .filter(|&i| best_count[b][i] == most)
                    .collect()
            };
            item(beat, &best)
        })
        .collect()
}

fn item(beat: &Beat, best: &[usize]) -> Item {
    let ratio = |lang: Lang| -> Option<f64> {
        let &key = best.first()?;
        let mine = length(beat.choices[key].text.get(lang));
        let other = beat
            .choices
            .iter()
            .enumerate()
            .filter(|(i, _)| !best.contains(i))
            .map(|(_, c)| length(c.text.get(lang)))
            .max()?;
        Some(if other == 0 {
            f64::INFINITY
        } else {
            mine as f64 / other as f64
        })
    };
    let longest = beat
        .choices
        .iter()
        .map(|c| length(c.text.get(Lang::En)))
        .max()
        .unwrap_or(0);
    let best_is_longest = best
        .iter()
        .any(|&i| length(beat.choices[i].text.get(Lang::En)) == longest)
        && beat.choices.len() > 1;
    let has_figures = |i: usize| {
        Lang::ALL
            .iter()
            .any(|&l| figures(beat.choices[i].text.get(l), l) > 0)
    };
    let alone_has_figures = !best.is_empty()
        && best.iter().any(|&i| has_figures(i))
        && (0..beat.choices.len())
            .filter(|i| !best.contains(i))
            .all(|i| !has_figures(i))
        && beat.choices.len() > best.len();
    Item {
        beat: beat.id.clone(),
        options: beat.choices.len(),
        best: best.iter().map(|i| i + 1).collect(),
        length_ratio_en: ratio(Lang::En),
        length_ratio_ru: ratio(Lang::Ru),
        best_is_longest,
        alone_has_figures,
    }
}
