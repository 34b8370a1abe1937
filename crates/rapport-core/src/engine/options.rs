//! What the trainee meets at a beat: the client's emotion, the options on
//! offer in the order shown, and whether a pick is one of them.

use super::{Pick, PlayError, State, World};
use crate::rulebook::TagSet;
use crate::scenario::{Beat, Choice, Condition, Emotion, Place};

impl World<'_> {
    /// The client's emotion at this beat, variants considered.
    pub(crate) fn emotion(&self, st: &State, beat: &Beat) -> Emotion {
        beat.variants
            .iter()
            .find(|v| self.holds(st, &v.when))
            .map_or(beat.emotion, |v| v.emotion)
    }

    /// Whether a scenario's condition holds in `st`.
    pub(crate) fn holds(&self, st: &State, c: &Condition) -> bool {
        match c {
            Condition::Flag(f) => st.flags & (1 << f) != 0,
            Condition::NotFlag(f) => st.flags & (1 << f) == 0,
            Condition::AtLeast(m, v) => i32::from(st.meters[m.index()]) >= *v,
            Condition::Below(m, v) => i32::from(st.meters[m.index()]) < *v,
            Condition::Level(d) => self.level == *d,
            Condition::All(cs) => cs.iter().all(|c| self.holds(st, c)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(st, c)),
            Condition::Not(c) => !self.holds(st, c),
        }
    }

    /// The choices on offer at the current beat, as indices into the beat's
    /// choices, in the order the trainee sees them. If no condition holds,
    /// all are offered: a trainee is never left without a way on (`check`
    /// warns the author).
    pub fn options_into(&self, st: &State, out: &mut Vec<u8>) {
        out.clear();
        if let Place::Beat(b) = st.node {
            let beat = self.scenario.beat(b);
            if beat.unconditional {
                out.extend(0..beat.choices.len() as u8);
            } else {
                for (i, c) in beat.choices.iter().enumerate() {
                    if c.when.as_ref().is_none_or(|w| self.holds(st, w)) {
                        out.push(i as u8);
                    }
                }
                if out.is_empty() {
                    out.extend(0..beat.choices.len() as u8);
                }
            }
            self.arrange(b, beat, out);
        }
    }

    /// Puts the options (in the order written) in the order shown: pinned
    /// ones first and last, the rest shuffled by the seed and the beat, so
    /// that where an option sits says nothing of its worth, and the same
    /// seed shows the same order again.
    fn arrange(&self, b: u32, beat: &Beat, out: &mut [u8]) {
        let (mut from, mut to) = (0, out.len());
        if beat.pinned {
            let rank = |i: &u8| beat.choices[usize::from(*i)].place();
            out.sort_by_key(rank);
            from = out.iter().take_while(|i| rank(i) == 0).count();
            to = out.len() - out.iter().rev().take_while(|i| rank(i) == 2).count();
        }
        let middle = &mut out[from..to];
        if middle.len() < 2 {
            return;
        }
        // Fisher–Yates over a splitmix64 stream: a few multiplications per
        // beat, no allocation, and no state carried between beats. The seed
        // is mixed before the beat joins it: seeds 1, 2, 3 differ in their
        // low bits only, and unmixed they gave nearly the same orders.
        let mut x =
            splitmix(self.seed.wrapping_add(GOLDEN)) ^ (u64::from(b) + 1).wrapping_mul(GOLDEN);
        for i in (1..middle.len()).rev() {
            x = x.wrapping_add(GOLDEN);
            let j = ((u128::from(splitmix(x)) * (i as u128 + 1)) >> 64) as usize;
            middle.swap(i, j);
        }
    }

    /// [`World::options_into`] into a new vector, where allocating is fine.
    pub fn options(&self, st: &State) -> Vec<u8> {
        let mut v = Vec::new();
        self.options_into(st, &mut v);
        v
    }

    /// The choice `pick` names at `beat`: a written option, or the beat's
    /// silence when the time ran out; `None` if the beat has no such thing.
    pub fn choice<'b>(&self, beat: &'b Beat, pick: Pick) -> Option<&'b Choice> {
        match pick {
            Pick::Choice(i) => beat.choices.get(i as usize),
            Pick::Silence => beat.silence.as_ref(),
        }
    }

    /// Every tag on offer at the beat: the trainee could have chosen any.
    pub(crate) fn offered(&self, beat: &Beat, options: &[u8]) -> TagSet {
        let mut t = if beat.unconditional {
            beat.choice_tags
        } else {
            options.iter().fold(TagSet::default(), |t, &i| {
                t.union(beat.choices[i as usize].tags)
            })
        };
        if self.time_limit(beat).is_some()
            && let Some(s) = &beat.silence
        {
            t = t.union(s.tags);
        }
        t
    }

    /// Checks a pick against the options on offer.
    pub(crate) fn validate(&self, st: &State, options: &[u8], pick: Pick) -> Result<(), PlayError> {
        let Place::Beat(b) = st.node else {
            return Err(PlayError::Over);
        };
        if st.cut_off {
            return Err(PlayError::Over);
        }
        let beat = self.scenario.beat(b);
        match pick {
            Pick::Silence if self.time_limit(beat).is_none() => Err(PlayError::NoSilence {
                beat: beat.id.clone(),
            }),
            Pick::Choice(i) if !options.contains(&i) => Err(PlayError::NoSuchOption {
                beat: beat.id.clone(),
                given: i as usize + 1,
                count: options.len(),
            }),
            _ => Ok(()),
        }
    }
}

/// The splitmix64 increment: the golden ratio in 64 bits.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: every bit of the output depends on every bit of
/// the input.
fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
