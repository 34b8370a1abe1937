//! Rule monitors: each rule watches the session's events (client lines,
//! flags, what was on offer, what was chosen) through a two-byte state.
//!
//! The state is small and has no turn numbers in it, so that analysis can use
//! it as part of a memo key; where a rule broke is recorded by the session's
//! trace, from the marks these functions return.

use crate::rulebook::{Cause, Check, TagSet};

const BROKEN: u8 = 1;
const KEPT: u8 = 2;
/// Forbid/Require: a tag was on offer. Before: `first` was on offer.
const OFFERED: u8 = 4;
/// Before: `first` has been chosen.
const SEEN_FIRST: u8 = 8;
/// Respond: an obligation is open; `left` counts the chances still allowed.
const OPEN: u8 = 16;

/// What one rule has seen of a session so far: enough to judge the next
/// turn and the end, and nothing more.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Watch {
    bits: u8,
    left: u8,
}

/// What a turn meant for one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The turn did not concern the rule.
    Nothing,
    /// Kept by this choice.
    Kept,
    /// A forbidden behaviour was on offer and not chosen.
    Resisted,
    /// Broken by this choice, or by the end of the session.
    Broken,
}

/// A rule's verdict on a whole session, which the score weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The trainee broke the rule.
    Broken,
    /// The rule was put to the test and the trainee kept it.
    Held,
    /// The session never put the rule to the test: it weighs nothing.
    NotApplicable,
}

impl Watch {
    /// Whether the rule is broken already; nothing can mend it.
    pub fn is_broken(self) -> bool {
        self.bits & BROKEN != 0
    }

    /// Chances left to meet an open obligation (author mode's inspector).
    pub fn chances_left(self) -> Option<u8> {
        self.is_waiting().then_some(self.left)
    }

    /// Whether an obligation is open, so every turn may count down its window.
    #[inline]
    pub(crate) fn is_waiting(self) -> bool {
        self.bits & OPEN != 0
    }

    fn open(&mut self, within: u8) {
        if self.bits & (OPEN | BROKEN) == 0 {
            self.bits |= OPEN;
            self.left = within;
        }
    }

    /// A client line with this emotion (bit) and these cues.
    #[inline]
    pub(crate) fn on_line(&mut self, check: &Check, emotion: u16, cues: u64) {
        if let Check::Respond { cause, within, .. } = *check {
            let hit = match cause {
                Cause::Emotion(m) => m & emotion != 0,
                Cause::Cue(m) => m & cues != 0,
                _ => false,
            };
            if hit {
                self.open(within);
            }
        }
    }

    /// Flags that have just become set.
    #[inline]
    pub(crate) fn on_flags(&mut self, check: &Check, newly_set: u64) {
        if let Check::Respond {
            cause: Cause::Flag(f),
            within,
            ..
        } = *check
            && newly_set & (1 << f) != 0
        {
            self.open(within);
        }
    }

    /// One turn: `offered` is every tag on offer at the beat, `chosen` the
    /// tags of the choice made.
    #[inline]
    pub(crate) fn on_turn(&mut self, check: &Check, offered: TagSet, chosen: TagSet) -> Mark {
        let mark = self.turn(check, offered, chosen);
        self.settle(check);
        mark
    }

    #[inline]
    fn turn(&mut self, check: &Check, offered: TagSet, chosen: TagSet) -> Mark {
        match *check {
            Check::Forbid(t) => {
                if chosen.meets(t) {
                    self.bits |= BROKEN | OFFERED;
                    Mark::Broken
                } else if offered.meets(t) {
                    self.bits |= OFFERED;
                    Mark::Resisted
                } else {
                    Mark::Nothing
                }
            }
            Check::Require(t) => {
                if offered.meets(t) || chosen.meets(t) {
                    self.bits |= OFFERED;
                }
                if chosen.meets(t) && self.bits & KEPT == 0 {
                    self.bits |= KEPT;
                    Mark::Kept
                } else {
                    Mark::Nothing
                }
            }
            Check::Before { first, then } => {
                if offered.meets(first) {
                    self.bits |= OFFERED;
                }
                if chosen.meets(first) {
                    self.bits |= SEEN_FIRST | OFFERED;
                }
                if chosen.meets(then) {
                    if self.bits & SEEN_FIRST != 0 {
                        self.bits |= KEPT;
                        Mark::Kept
                    } else if self.bits & OFFERED != 0 {
                        self.bits |= BROKEN;
                        Mark::Broken
                    } else {
                        Mark::Nothing
                    }
                } else {
                    Mark::Nothing
                }
            }
            Check::Respond {
                cause,
                with,
                within,
            } => {
                // The window is measured in chances, not turns: a turn that
                // offered no keeping option leaves it as it was, so a scenario
                // that moves on to other business never breaks the rule for
                // the trainee.
                let mut mark = Mark::Nothing;
                if self.bits & OPEN != 0 {
                    if chosen.meets(with) {
                        self.bits = (self.bits | KEPT) & !OPEN;
                        mark = Mark::Kept;
                    } else if offered.meets(with) {
                        self.left = self.left.saturating_sub(1);
                        if self.left == 0 {
                            self.bits = (self.bits | BROKEN) & !OPEN;
                            mark = Mark::Broken;
                        }
                    }
                }
                if let Cause::Tag(t) = cause
                    && chosen.meets(t)
                {
                    self.open(within);
                }
                mark
            }
        }
    }

    /// The session has ended. Returns the mark the end itself makes. An
    /// obligation still open has had fewer chances than its window allows:
    /// the meeting ended before it could be judged, so it leaves no verdict.
    pub(crate) fn on_end(&mut self, check: &Check) -> Mark {
        match *check {
            Check::Require(_) if self.bits & (KEPT | OFFERED) == OFFERED => {
                self.bits |= BROKEN;
                Mark::Broken
            }
            Check::Forbid(_) if self.bits & (BROKEN | OFFERED) == OFFERED => {
                self.bits |= KEPT;
                Mark::Nothing
            }
            _ => Mark::Nothing,
        }
    }

    /// Forgets what can no longer matter, so that states with the same future
    /// compare equal (analysis memoises on them).
    #[inline]
    fn settle(&mut self, check: &Check) {
        if self.bits & BROKEN != 0 {
            *self = Watch {
                bits: BROKEN,
                left: 0,
            };
            return;
        }
        match check {
            Check::Require(_) if self.bits & KEPT != 0 => {
                *self = Watch {
                    bits: KEPT,
                    left: 0,
                }
            }
            Check::Before { .. } if self.bits & SEEN_FIRST != 0 => self.bits &= !OFFERED,
            Check::Respond { .. } if self.bits & OPEN == 0 => self.left = 0,
            _ => {}
        }
    }

    /// The verdict once `on_end` has run.
    pub fn status(self) -> Status {
        if self.bits & BROKEN != 0 {
            Status::Broken
        } else if self.bits & KEPT != 0 {
            Status::Held
        } else {
            Status::NotApplicable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(i: usize) -> TagSet {
        TagSet::default().with(i)
    }
    const NONE: TagSet = TagSet(0);

    #[test]
    fn forbid_is_not_applicable_until_tempted() {
        let c = Check::Forbid(t(1));
        let mut w = Watch::default();
        w.on_turn(&c, t(2), t(2));
        w.on_end(&c);
        assert_eq!(w.status(), Status::NotApplicable);

        let mut w = Watch::default();
        assert_eq!(w.on_turn(&c, t(1).union(t(2)), t(2)), Mark::Resisted);
        w.on_end(&c);
        assert_eq!(w.status(), Status::Held);

        let mut w = Watch::default();
        assert_eq!(w.on_turn(&c, t(1).union(t(2)), t(1)), Mark::Broken);
        w.on_end(&c);
        assert_eq!(w.status(), Status::Broken);
    }

    #[test]
    fn require_breaks_at_the_end_only_if_offered() {
        let c = Check::Require(t(3));
        let mut w = Watch::default();
        w.on_turn(&c, t(3).union(t(4)), t(4));
        assert_eq!(w.on_end(&c), Mark::Broken);
        assert_eq!(w.status(), Status::Broken);

        let mut w = Watch::default();
        w.on_turn(&c, t(4), t(4));
        w.on_end(&c);
        assert_eq!(w.status(), Status::NotApplicable);
    }

    #[test]
    fn before_counts_only_when_first_was_possible() {
        let c = Check::Before {
            first: t(1),
            then: t(2),
        };
        // `then` with `first` never offered: no chance, not applicable.
        let mut w = Watch::default();
        assert_eq!(w.on_turn(&c, t(2), t(2)), Mark::Nothing);
        w.on_end(&c);
        assert_eq!(w.status(), Status::NotApplicable);
        // `first` on offer beside `then`, `then` chosen: broken.
        let mut w = Watch::default();
        assert_eq!(w.on_turn(&c, t(1).union(t(2)), t(2)), Mark::Broken);
        // `first` then `then`: held.
        let mut w = Watch::default();
        w.on_turn(&c, t(1), t(1));
        assert_eq!(w.on_turn(&c, t(2), t(2)), Mark::Kept);
        w.on_end(&c);
        assert_eq!(w.status(), Status::Held);
    }

    #[test]
    fn respond_window_counts_chances_not_turns() {
        let c = Check::Respond {
            cause: Cause::Cue(1),
            with: t(5),
            within: 2,
        };
        // Two chances passed over: broken at the second.
        let mut w = Watch::default();
        w.on_line(&c, 0, 1);
        assert_eq!(w.on_turn(&c, t(5).union(t(6)), t(6)), Mark::Nothing);
        assert_eq!(w.on_turn(&c, t(5).union(t(6)), t(6)), Mark::Broken);
        assert_eq!(w.status(), Status::Broken);

        // One chance passed (listening first), then turns with no chance at
        // all, then the response: held. Counting turns would have broken it.
        let mut w = Watch::default();
        w.on_line(&c, 0, 1);
        assert_eq!(w.on_turn(&c, t(5).union(t(6)), t(6)), Mark::Nothing);
        for _ in 0..4 {
            assert_eq!(w.on_turn(&c, t(6), t(6)), Mark::Nothing);
        }
        assert_eq!(w.chances_left(), Some(1));
        assert_eq!(w.on_turn(&c, t(5).union(t(6)), t(5)), Mark::Kept);
        w.on_end(&c);
        assert_eq!(w.status(), Status::Held);

        // One chance passed and the meeting ends before another: the window
        // never closed, so the rule is not judged.
        let mut w = Watch::default();
        w.on_line(&c, 0, 1);
        w.on_turn(&c, t(5).union(t(6)), t(6));
        w.on_turn(&c, t(6), t(6));
        assert_eq!(w.on_end(&c), Mark::Nothing);
        assert_eq!(w.status(), Status::NotApplicable);

        // Never given a way to respond: not applicable.
        let mut w = Watch::default();
        w.on_line(&c, 0, 1);
        w.on_turn(&c, t(6), t(6));
        assert_eq!(w.on_turn(&c, t(6), t(6)), Mark::Nothing);
        w.on_end(&c);
        assert_eq!(w.status(), Status::NotApplicable);

        // Untriggered: not applicable even if the tag was chosen.
        let mut w = Watch::default();
        w.on_turn(&c, t(5), t(5));
        w.on_end(&c);
        assert_eq!(w.status(), Status::NotApplicable);
    }

    #[test]
    fn a_window_of_one_chance_breaks_at_the_first_passed_over() {
        let c = Check::Respond {
            cause: Cause::Flag(0),
            with: t(5),
            within: 1,
        };
        let mut w = Watch::default();
        w.on_flags(&c, 1);
        assert_eq!(w.on_turn(&c, t(6), t(6)), Mark::Nothing);
        assert_eq!(w.on_turn(&c, t(5).union(t(6)), t(6)), Mark::Broken);
        assert_eq!(w.status(), Status::Broken);

        let mut w = Watch::default();
        w.on_flags(&c, 1);
        assert_eq!(w.on_end(&c), Mark::Nothing);
        assert_eq!(w.status(), Status::NotApplicable);
        let _ = NONE;
    }
}
