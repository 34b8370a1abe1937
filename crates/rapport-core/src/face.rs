//! How the client's face looks: the emotion of the current line, coloured by
//! the mood the meters describe. The window draws it and eases between
//! expressions; the numbers live here, where tests reach them.

use crate::scenario::Emotion;

/// A facial expression, every field in -1..=1 unless noted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expression {
    /// Inner ends of the brows: -1 pulled down (anger), 1 raised (worry, surprise).
    pub brow_tilt: f32,
    /// Both brows: -1 low, 1 high.
    pub brow_height: f32,
    /// 0 closed .. 1 wide open.
    pub eye_open: f32,
    /// Horizontal gaze: -1 looking away to the side, 0 at you.
    pub gaze: f32,
    /// -1 deep frown .. 1 broad smile.
    pub mouth_curve: f32,
    /// 0 closed .. 1 open.
    pub mouth_open: f32,
    /// 0 none .. 1 flushed (anger, embarrassment).
    pub flush: f32,
}

impl Expression {
    /// A calm face at rest: where every expression starts from.
    pub const NEUTRAL: Expression = Expression {
        brow_tilt: 0.0,
        brow_height: 0.0,
        eye_open: 0.7,
        gaze: 0.0,
        mouth_curve: 0.0,
        mouth_open: 0.0,
        flush: 0.0,
    };

    /// The expression of a line said with `emotion`.
    pub fn of(emotion: Emotion) -> Expression {
        let e =
            |brow_tilt, brow_height, eye_open, gaze, mouth_curve, mouth_open, flush| Expression {
                brow_tilt,
                brow_height,
                eye_open,
                gaze,
                mouth_curve,
                mouth_open,
                flush,
            };
        match emotion {
            Emotion::Neutral => Expression::NEUTRAL,
            Emotion::Warm => e(0.2, 0.1, 0.7, 0.0, 0.6, 0.1, 0.1),
            Emotion::Pleased => e(0.1, 0.3, 0.8, 0.0, 0.9, 0.3, 0.15),
            Emotion::Interested => e(0.3, 0.5, 0.9, 0.0, 0.2, 0.1, 0.0),
            Emotion::Skeptical => e(-0.3, 0.2, 0.5, -0.2, -0.2, 0.0, 0.0),
            Emotion::Confused => e(0.6, 0.4, 0.8, -0.3, -0.1, 0.2, 0.0),
            Emotion::Bored => e(0.0, -0.3, 0.35, -0.7, -0.1, 0.0, 0.0),
            Emotion::Impatient => e(-0.4, -0.1, 0.6, -0.4, -0.3, 0.0, 0.2),
            Emotion::Annoyed => e(-0.7, -0.3, 0.55, 0.0, -0.5, 0.0, 0.35),
            Emotion::Angry => e(-1.0, -0.5, 0.75, 0.0, -0.9, 0.4, 0.8),
            Emotion::Anxious => e(0.9, 0.5, 0.9, -0.2, -0.4, 0.15, 0.1),
            Emotion::Disappointed => e(0.5, -0.3, 0.45, -0.5, -0.6, 0.0, 0.0),
        }
    }

    /// The line's expression, shaded by the client's mood: low trust keeps a
    /// frown at the corners, low patience a tension in the brows, high
    /// interest an open look. Meters run 0..=100.
    pub fn with_mood(emotion: Emotion, trust: u8, patience: u8, interest: u8) -> Expression {
        let centre = |m: u8| (f32::from(m) - 50.0) / 50.0;
        let mut x = Expression::of(emotion);
        x.mouth_curve += 0.25 * centre(trust);
        x.brow_tilt += 0.25 * centre(patience).min(0.0);
        x.flush += 0.3 * (-centre(patience)).max(0.0);
        x.eye_open += 0.15 * centre(interest);
        x.gaze += 0.3 * centre(interest).min(0.0);
        x.clamped()
    }

    fn clamped(self) -> Expression {
        Expression {
            brow_tilt: self.brow_tilt.clamp(-1.0, 1.0),
            brow_height: self.brow_height.clamp(-1.0, 1.0),
            eye_open: self.eye_open.clamp(0.05, 1.0),
            gaze: self.gaze.clamp(-1.0, 1.0),
            mouth_curve: self.mouth_curve.clamp(-1.0, 1.0),
            mouth_open: self.mouth_open.clamp(0.0, 1.0),
            flush: self.flush.clamp(0.0, 1.0),
        }
    }

    /// Moves a fraction `t` (0..=1) of the way to `target`.
    pub fn towards(self, target: Expression, t: f32) -> Expression {
        let t = t.clamp(0.0, 1.0);
        let l = |a: f32, b: f32| a + (b - a) * t;
        Expression {
            brow_tilt: l(self.brow_tilt, target.brow_tilt),
            brow_height: l(self.brow_height, target.brow_height),
            eye_open: l(self.eye_open, target.eye_open),
            gaze: l(self.gaze, target.gaze),
            mouth_curve: l(self.mouth_curve, target.mouth_curve),
            mouth_open: l(self.mouth_open, target.mouth_open),
            flush: l(self.flush, target.flush),
        }
    }

    /// The largest difference in any feature, to know when easing is done.
    pub fn distance(self, other: Expression) -> f32 {
        [
            self.brow_tilt - other.brow_tilt,
            self.brow_height - other.brow_height,
            self.eye_open - other.eye_open,
            self.gaze - other.gaze,
            self.mouth_curve - other.mouth_curve,
            self.mouth_open - other.mouth_open,
            self.flush - other.flush,
        ]
        .into_iter()
        .fold(0.0, |m, d| m.max(d.abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anger_frowns_and_pleasure_smiles() {
        let angry = Expression::of(Emotion::Angry);
        let pleased = Expression::of(Emotion::Pleased);
        assert!(angry.brow_tilt < 0.0 && pleased.brow_tilt >= 0.0);
        assert!(angry.mouth_curve < 0.0 && pleased.mouth_curve > 0.5);
        assert!(angry.flush > pleased.flush);
    }

    #[test]
    fn mood_shades_the_same_line() {
        let trusting = Expression::with_mood(Emotion::Neutral, 90, 50, 50);
        let wary = Expression::with_mood(Emotion::Neutral, 10, 50, 50);
        assert!(trusting.mouth_curve > wary.mouth_curve);
        let worn = Expression::with_mood(Emotion::Neutral, 50, 5, 50);
        assert!(worn.flush > 0.0 && worn.brow_tilt < 0.0);
    }

    #[test]
    fn easing_converges_and_stays_in_range() {
        let mut x = Expression::of(Emotion::Angry);
        let target = Expression::of(Emotion::Pleased);
        let start = x.distance(target);
        for _ in 0..60 {
            x = x.towards(target, 0.15);
        }
        assert!(x.distance(target) < start * 0.01);
        for e in Emotion::ALL {
            for m in [0u8, 50, 100] {
                let x = Expression::with_mood(e, m, m, m);
                assert!((-1.0..=1.0).contains(&x.mouth_curve) && (0.0..=1.0).contains(&x.flush));
            }
        }
    }
}
