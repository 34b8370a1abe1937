//! A scenario as a picture for its author: beats and endings as nodes,
//! choices as edges labelled with their tags and coloured by what the
//! rulebook makes of them, in Graphviz DOT or Mermaid.

use rapport_core::rulebook::{Check, Rulebook, TagSet};
use rapport_core::scenario::{Outcome, Place, Scenario};
use rapport_core::text::Lang;

/// What choosing an option does to the rules, as far as its tags alone say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A tag some rule forbids outright.
    Breaks,
    /// A tag that breaks an order rule when taken too early: it depends on
    /// the path.
    Risky,
    /// Tags that keep some rule and break none.
    Keeps,
    /// Tags no rule reads either way.
    Neutral,
}

impl Effect {
    /// What a choice with these tags does under `book`, as the diagram colours it.
    pub fn of(tags: TagSet, book: &Rulebook) -> Effect {
        let mut keeps = false;
        let mut risky = false;
        for r in &book.rules {
            match r.check {
                Check::Forbid(t) if t.meets(tags) => return Effect::Breaks,
                Check::Forbid(_) => {}
                Check::Require(t) | Check::Respond { with: t, .. } => keeps |= t.meets(tags),
                Check::Before { first, then } => {
                    keeps |= first.meets(tags);
                    risky |= then.meets(tags);
                }
            }
        }
        match (risky, keeps) {
            (true, _) => Effect::Risky,
            (false, true) => Effect::Keeps,
            (false, false) => Effect::Neutral,
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Effect::Breaks => "#c0392b",
            Effect::Risky => "#d68910",
            Effect::Keeps => "#1e8449",
            Effect::Neutral => "#7f8c8d",
        }
    }
}

struct Edge {
    from: String,
    to: String,
    label: String,
    effect: Effect,
    /// A branch taken only when its condition holds, or the silence of a
    /// timed beat.
    dashed: bool,
}

fn node_id(scenario: &Scenario, n: &Place) -> String {
    match *n {
        Place::Beat(b) => format!("b_{}", scenario.beat(b).id),
        Place::Ending(e) => format!("e_{}", scenario.endings[e as usize].id),
    }
}

fn edges(scenario: &Scenario, book: &Rulebook) -> Vec<Edge> {
    let mut out = Vec::new();
    for beat in &scenario.beats {
        let from = format!("b_{}", beat.id);
        let choices = beat
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("{}", i + 1), c));
        let silence = beat.silence.iter().map(|c| ("silence".to_string(), c));
        for (name, c) in choices.chain(silence) {
            let tags = book.tag_names(c.tags).join(", ");
            let label = if tags.is_empty() {
                name.clone()
            } else {
                format!("{name}: {tags}")
            };
            let effect = Effect::of(c.tags, book);
            out.push(Edge {
                from: from.clone(),
                to: node_id(scenario, &c.next),
                label: label.clone(),
                effect,
                dashed: name == "silence",
            });
            for (_, n) in &c.branches {
                out.push(Edge {
                    from: from.clone(),
                    to: node_id(scenario, n),
                    label: format!("{label} (if…)"),
                    effect,
                    dashed: true,
                });
            }
        }
    }
    out
}

fn ending_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Deal => "#d5f5e3",
        Outcome::FollowUp => "#fcf3cf",
        Outcome::PartedWithDignity => "#d6eaf8",
        Outcome::Lost => "#f5b7b1",
    }
}

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz DOT: `dot -Tsvg` draws it.
pub fn dot(scenario: &Scenario, book: &Rulebook, lang: Lang) -> String {
    let mut s = format!(
        "digraph \"{}\" {{\n  rankdir=TB;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n  edge [fontname=\"DejaVu Sans\", fontsize=9];\n  label=\"{}\";\n  labelloc=t;\n",
        quote(&scenario.id),
        quote(scenario.title.get(lang))
    );
    let start = scenario.beat(scenario.start).id.clone();
    for b in &scenario.beats {
        let timed = b
            .time_limit
            .map_or(String::new(), |t| format!("\\ntimed: {t:.0} s"));
        s.push_str(&format!(
            "  \"b_{}\" [shape=box, style=\"rounded{}\", label=\"{}{timed}\"];\n",
            b.id,
            if b.id == start { ",bold" } else { "" },
            quote(&b.id)
        ));
    }
    for e in &scenario.endings {
        s.push_str(&format!(
            "  \"e_{}\" [shape=doubleoctagon, style=filled, fillcolor=\"{}\", label=\"{}\\n({})\"];\n",
            e.id,
            ending_colour(e.outcome),
            quote(&e.id),
            e.outcome.id()
        ));
    }
    for e in edges(scenario, book) {
        s.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\", color=\"{}\", fontcolor=\"{}\"{}];\n",
            e.from,
            e.to,
            quote(&e.label),
            e.effect.colour(),
            e.effect.colour(),
            if e.dashed { ", style=dashed" } else { "" }
        ));
    }
    s.push_str("}\n");
    s
}

/// Mermaid: renders in Markdown on most forges.
pub fn mermaid(scenario: &Scenario, book: &Rulebook) -> String {
    let mut s = String::from("flowchart TD\n");
    for b in &scenario.beats {
        s.push_str(&format!("  b_{}([\"{}\"])\n", b.id, b.id.replace('"', "'")));
    }
    for e in &scenario.endings {
        s.push_str(&format!(
            "  e_{}{{{{\"{} ({})\"}}}}\n",
            e.id,
            e.id.replace('"', "'"),
            e.outcome.id()
        ));
    }
    let all = edges(scenario, book);
    for e in &all {
        let arrow = if e.dashed { "-.->" } else { "-->" };
        s.push_str(&format!(
            "  {} {arrow}|\"{}\"| {}\n",
            e.from,
            e.label.replace('"', "'"),
            e.to
        ));
    }
    for (i, e) in all.iter().enumerate() {
        s.push_str(&format!(
            "  linkStyle {i} stroke:{},color:{}\n",
            e.effect.colour(),
            e.effect.colour()
        ));
    }
    for e in &scenario.endings {
        s.push_str(&format!(
            "  style e_{} fill:{}\n",
            e.id,
            ending_colour(e.outcome)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_tags_break_and_required_ones_keep() {
        let book = Rulebook::shipped();
        let tag = |id: &str| {
            let i = book.tags.iter().position(|t| t.id == id).unwrap();
            TagSet::default().with(i)
        };
        assert_eq!(Effect::of(tag("internal_excuse"), &book), Effect::Breaks);
        assert_eq!(Effect::of(tag("apologize"), &book), Effect::Keeps);
        assert_eq!(Effect::of(TagSet::default(), &book), Effect::Neutral);
    }
}
