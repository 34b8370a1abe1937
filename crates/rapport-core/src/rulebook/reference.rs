//! The rulebook as a reference for authors: every tag, cue and flag with its
//! meaning, and every rule with what it checks, its weight, its
//! explanation and the lesson it enforces, as Markdown.

use super::file::{RuleKind, Trigger};
use super::{Category, Lessons, Rulebook};
use crate::text::Lang;
use std::fmt::Write;

fn code_list(ids: &[String]) -> String {
    ids.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a rule checks, in a sentence.
pub fn describe(kind: &RuleKind) -> String {
    match kind {
        RuleKind::Forbid { tags } => format!("broken by choosing {}", code_list(tags)),
        RuleKind::Require { tags } => {
            format!("held by choosing {} when it is on offer", code_list(tags))
        }
        RuleKind::Before { first, then } => format!(
            "broken by choosing {} while {} was on offer and not yet chosen",
            code_list(then),
            code_list(first)
        ),
        RuleKind::Respond { to, with, within } => {
            let cause = match to {
                Trigger::Emotion(e) => format!(
                    "a client line that is {}",
                    e.iter()
                        .map(|e| format!("`{e:?}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
                Trigger::Cue(c) => format!("a line with cue `{c}`"),
                Trigger::Tag(t) => format!("choosing `{t}`"),
            };
            format!(
                "after {cause}, one of {} within {within} chance(s) to choose it",
                code_list(with)
            )
        }
        RuleKind::WhenFlag {
            flag,
            require,
            within,
        } => format!(
            "once flag `{flag}` is set, one of {} within {within} chance(s) to choose it",
            code_list(require)
        ),
    }
}

/// How severity is decided: the same test for every rule, so that the
/// weights can be argued with.
const SEVERITY: &str = "## How severe a rule is

Severity follows the harm a breach does to the client and to the company, not how often the \
mistake is made nor how easy it is to spot:

- **critical**: the act alone costs the company the client, money it did not agree to, or its \
  name, whatever else went well: a commitment beyond the trainee's authority, a promise of a \
  result that cannot be delivered, rudeness, walking out on obligations, an internal excuse \
  or a late arrival without an apology (the two that lost the deal in the source case). A \
  session with a critical rule broken does not pass, whatever its score.
- **weight 3**: harms the client's trust or the team in a way the client will remember: \
  giving in to pressure, selling what does not serve the need, a parting that humiliates, an \
  emergency with no named contact.
- **weight 2**: a sound practice whose absence makes this meeting worse: de-escalation, \
  realistic expectations, showing the work and its numbers, closing with next steps.
- **weight 1**: a habit that pays later: a regular rhythm, asking for feedback, letting the \
  client finish.

A tag that no rule should judge (small talk, silence) is declared `neutral`; every other tag \
is read by some rule, so no choice is scored on nothing.
";

/// What `within` means, once for all the rules that use it.
const WINDOWS: &str = "## Windows count chances

A rule that asks for a response (`Respond`, `WhenFlag`) opens when its trigger happens and \
counts *chances*: turns at which an option that keeps it was on offer. A turn that offered none \
does not count. The rule is held when the trainee chooses a keeping option, and broken when \
they pass over the last chance its window allows. If the meeting ends before then, the rule \
leaves no verdict for that trigger: the scenario did not give the trainee the chances to show \
it (`rapport check` warns the author).
";

/// The whole reference, in `lang`, with each rule's lesson from `lessons`.
pub fn markdown(book: &Rulebook, lessons: &Lessons, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Rulebook reference\n");
    let _ = writeln!(
        s,
        "A session passes at {} of 100 with no critical rule broken. A rule counts only where \
         the trainee had the chance to keep and to break it; the score is the weighted share of \
         the rules that applied which were held.\n",
        book.pass_mark
    );
    let _ = writeln!(s, "{SEVERITY}");
    let _ = writeln!(s, "{WINDOWS}");
    let _ = writeln!(s, "## Rules\n");
    for c in Category::ALL {
        let rules: Vec<_> = book.rules.iter().filter(|r| r.category == c).collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(s, "### {}\n", crate::i18n::category(lang, c));
        for r in rules {
            let _ = writeln!(
                s,
                "#### `{}`: {}{}\n",
                r.id,
                r.title.get(lang),
                if r.critical { " (critical)" } else { "" }
            );
            let _ = writeln!(s, "- checks: {}", describe(&r.kind));
            let _ = writeln!(s, "- weight: {}", r.weight);
            let lesson =
                lessons
                    .items
                    .iter()
                    .find(|l| l.id == r.source)
                    .map_or(String::new(), |l| match &l.origin {
                        super::Origin::Own { source } => {
                            format!(
                                ": {} (not from the seeds; after {source})",
                                l.lesson.get(lang)
                            )
                        }
                        super::Origin::Seed { .. } => format!(": {}", l.lesson.get(lang)),
                    });
            let _ = writeln!(s, "- enforces lesson {}{lesson}", r.source);
            if !r.also.is_empty() {
                let _ = writeln!(s, "- also: {}", r.also.join(", "));
            }
            let _ = writeln!(s, "\n{}\n", r.explain.get(lang));
        }
    }
    for (title, terms) in [
        ("Tags", &book.tags),
        ("Cues", &book.cues),
        ("Flags", &book.flags),
    ] {
        let _ = writeln!(s, "## {title}\n\n| id | meaning |\n|---|---|");
        for t in terms {
            let _ = writeln!(
                s,
                "| `{}` | {} |",
                t.id,
                t.meaning.get(lang).replace('|', "\\|")
            );
        }
        let _ = writeln!(s);
    }
    s
}
