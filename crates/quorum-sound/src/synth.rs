//! The instruments every cue and loop is made from: notes built from sine partials, noise bursts, a soft
//! kick, and a small room reverb. Everything is computed here; nothing is sampled or read from a file.
//! This module knows nothing of cues, music or the game.

use std::f64::consts::TAU;

/// Samples per second of everything this crate renders and plays.
pub const SAMPLE_RATE: u32 = 48_000;
pub(crate) const RATE: f64 = SAMPLE_RATE as f64;

/// Where notes are written. A loop's canvas wraps, so a note that rings past the end carries on at the
/// start and the loop has no seam; a cue's canvas simply ends.
pub(crate) struct Canvas {
    pub samples: Vec<f32>,
    pub wraps: bool,
}

impl Canvas {
    pub fn for_cue(seconds: f64) -> Canvas {
        Canvas { samples: vec![0.0; (seconds * RATE) as usize], wraps: false }
    }

    pub fn for_loop(len: usize) -> Canvas {
        Canvas { samples: vec![0.0; len], wraps: true }
    }

    /// Adds `value` at sample `index` (counted from the start, possibly past the end of a loop).
    #[inline]
    fn add(&mut self, index: usize, value: f32) {
        let len = self.samples.len();
        if index < len {
            self.samples[index] += value;
        } else if self.wraps {
            self.samples[index % len] += value;
        }
    }

    /// Adds `values` starting at sample `start`.
    fn add_all(&mut self, start: usize, values: &[f32]) {
        for (i, v) in values.iter().enumerate() {
            self.add(start + i, *v);
        }
    }
}

/// One sine component of a tone: its frequency as a multiple of the note's, its level, how fast it dies
/// away, and how long it takes to speak (brass brightens as its upper partials arrive late).
#[derive(Clone, Copy)]
pub(crate) struct Partial {
    pub ratio: f64,
    pub level: f64,
    /// Seconds to fall to 1/e; `f64::INFINITY` holds the level for as long as the note is held.
    pub decay: f64,
    pub attack: f64,
}

pub(crate) const fn partial(ratio: f64, level: f64, decay: f64, attack: f64) -> Partial {
    Partial { ratio, level, decay, attack }
}

/// A tone colour: its partials, and how long a released note takes to fade.
pub(crate) struct Timbre {
    pub partials: &'static [Partial],
    pub release: f64,
}

/// Frequency in Hz of a MIDI note number (69 is the A above middle C, 440 Hz).
pub(crate) fn midi(note: i32) -> f64 {
    440.0 * 2f64.powf(f64::from(note - 69) / 12.0)
}

/// Plays one note: `at` and `held` in seconds, `velocity` a linear level. A note whose partials all decay
/// ends when they have faded; a sustained one ends `timbre.release` after it is let go.
pub(crate) fn note(canvas: &mut Canvas, timbre: &Timbre, at: f64, freq: f64, held: f64, velocity: f64) {
    let start = (at * RATE).round() as usize;
    let release_start = held * RATE;
    let release_len = (timbre.release * RATE).max(1.0);
    // A decaying note stops once its slowest partial is 60 dB down; a held one at the end of its release.
    let slowest = timbre.partials.iter().map(|p| p.decay).fold(0.0, f64::max);
    let natural_end = if slowest.is_finite() { slowest * 6.9 * RATE } else { f64::INFINITY };
    let len = natural_end.min(release_start + release_len) as usize;
    let mut tone = vec![0f32; len];
    for p in timbre.partials {
        let f = freq * p.ratio;
        // Partials near or above the Nyquist frequency would alias into harsh tones.
        if f >= 0.45 * RATE {
            continue;
        }
        let w = TAU * f / RATE;
        let r = if p.decay.is_finite() { (-1.0 / (p.decay * RATE)).exp() } else { 1.0 };
        let (step_re, step_im) = (r * w.cos(), r * w.sin());
        // A rotating, shrinking phasor gives a decaying sine for two multiplies a sample; it starts at
        // zero, so no partial clicks on.
        let (mut re, mut im) = (p.level * velocity, 0.0f64);
        let attack = (p.attack * RATE).max(1.0);
        for (n, out) in tone.iter_mut().enumerate() {
            let nf = n as f64;
            let rise = if nf < attack { 0.5 - 0.5 * (std::f64::consts::PI * nf / attack).cos() } else { 1.0 };
            *out += (im * rise) as f32;
            (re, im) = (re * step_re - im * step_im, re * step_im + im * step_re);
        }
    }
    for (n, out) in tone.iter_mut().enumerate() {
        let nf = n as f64;
        if nf > release_start {
            let x = ((nf - release_start) / release_len).min(1.0);
            *out *= (0.5 + 0.5 * (std::f64::consts::PI * x).cos()) as f32;
        }
    }
    canvas.add_all(start, &tone);
}

/// A short burst of bright noise, for hi-hats and shakers. `seed` makes each hit different but the same
/// on every run.
pub(crate) fn noise_hit(canvas: &mut Canvas, at: f64, decay: f64, velocity: f64, seed: u32) {
    let start = (at * RATE).round() as usize;
    let len = (decay * 6.9 * RATE) as usize;
    let attack = 0.002 * RATE;
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let (mut previous, mut smoothed) = (0.0f64, 0.0f64);
    for n in 0..len {
        // xorshift32: cheap, deterministic noise.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let white = f64::from(state) / f64::from(u32::MAX) * 2.0 - 1.0;
        // Differencing removes the low end; a gentle low-pass then takes off the harshest hiss.
        let bright = white - previous;
        previous = white;
        smoothed += 0.45 * (bright - smoothed);
        let nf = n as f64;
        let rise = if nf < attack { nf / attack } else { 1.0 };
        let level = velocity * rise * (-nf / (decay * RATE)).exp();
        canvas.add(start + n, (smoothed * level) as f32);
    }
}

/// A soft, round kick: a sine falling in pitch, no click.
pub(crate) fn kick(canvas: &mut Canvas, at: f64, velocity: f64) {
    let start = (at * RATE).round() as usize;
    let len = (0.35 * RATE) as usize;
    let mut phase = 0.0f64;
    for n in 0..len {
        let t = n as f64 / RATE;
        let freq = 48.0 + 62.0 * (-t / 0.035).exp();
        phase += TAU * freq / RATE;
        let rise = (t / 0.003).min(1.0);
        let level = velocity * rise * (-t / 0.09).exp();
        canvas.add(start + n, (phase.sin() * level) as f32);
    }
}

/// A small room: four damped feedback combs and two all-passes (the Schroeder design), mixed in lightly
/// so synthesised tones sound played in a space rather than straight from the wire.
pub(crate) struct Room {
    combs: Vec<Comb>,
    allpasses: Vec<(Vec<f32>, usize)>,
}

struct Comb {
    line: Vec<f32>,
    at: usize,
    damped: f32,
}

impl Room {
    pub fn new() -> Room {
        let combs = [1693, 1759, 1621, 1549]
            .into_iter()
            .map(|len| Comb { line: vec![0.0; len], at: 0, damped: 0.0 })
            .collect();
        let allpasses = [605usize, 479].into_iter().map(|len| (vec![0.0; len], 0)).collect();
        Room { combs, allpasses }
    }

    fn wet(&mut self, input: f32) -> f32 {
        const FEEDBACK: f32 = 0.76;
        const DAMPING: f32 = 0.35;
        let mut sum = 0.0;
        for comb in &mut self.combs {
            let out = comb.line[comb.at];
            comb.damped = out * (1.0 - DAMPING) + comb.damped * DAMPING;
            comb.line[comb.at] = input + comb.damped * FEEDBACK;
            comb.at = (comb.at + 1) % comb.line.len();
            sum += out;
        }
        let mut out = sum * 0.25;
        for (line, at) in &mut self.allpasses {
            let delayed = line[*at];
            line[*at] = out + delayed * 0.5;
            out = delayed - out * 0.5;
            *at = (*at + 1) % line.len();
        }
        out
    }

    /// Adds the room to a cue, whose canvas has room at the end for the tail.
    pub fn apply(mut self, samples: &mut [f32], mix: f32) {
        for s in samples.iter_mut() {
            *s += mix * self.wet(*s);
        }
    }

    /// Adds the room to a loop. The room first hears the whole loop once, so when the second pass is
    /// written its echoes are those of a loop that has been playing, and the seam stays continuous.
    pub fn apply_to_loop(mut self, samples: &mut [f32], mix: f32) {
        for s in samples.iter() {
            self.wet(*s);
        }
        for s in samples.iter_mut() {
            *s += mix * self.wet(*s);
        }
    }
}

/// Cuts a cue's tail where it falls 50 dB under its peak (or at `longest` seconds, fading out over the
/// last 40% of that), ends it on exact zero, and scales it so its loudest sample is `peak`.
pub(crate) fn finish_cue(mut samples: Vec<f32>, peak: f32, longest: f64) -> Vec<f32> {
    let loudest = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    if loudest == 0.0 {
        return Vec::new();
    }
    let floor = loudest * 0.003;
    let end = samples.iter().rposition(|s| s.abs() > floor).map_or(0, |i| i + 1);
    let cap = (longest * RATE) as usize;
    let fade = if end > cap { (cap as f64 * 0.4) as usize } else { (0.01 * RATE) as usize };
    samples.truncate(end.min(cap));
    let len = samples.len();
    let fade = fade.min(len).max(1);
    for (i, s) in samples.iter_mut().enumerate().skip(len - fade) {
        let left = (len - 1 - i) as f64 / fade as f64;
        *s *= (0.5 - 0.5 * (std::f64::consts::PI * left).cos()) as f32;
    }
    let gain = peak / samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    for s in &mut samples {
        *s *= gain;
    }
    samples
}

/// Scales a loop so its loudest sample is `peak`.
pub(crate) fn finish_loop(mut samples: Vec<f32>, peak: f32) -> Vec<f32> {
    let loudest = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    if loudest > 0.0 {
        let gain = peak / loudest;
        for s in &mut samples {
            *s *= gain;
        }
    }
    samples
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Timbre = Timbre { partials: &[partial(1.0, 1.0, 0.2, 0.005)], release: 0.05 };

    #[test]
    fn a_note_starts_from_silence_and_has_its_pitch() {
        let mut canvas = Canvas::for_cue(1.0);
        note(&mut canvas, &PLAIN, 0.0, 1000.0, 1.0, 1.0);
        assert_eq!(canvas.samples[0], 0.0);
        // Zero crossings over the first 0.1 s: 2 per cycle of a 1000 Hz tone.
        let crossings = canvas.samples[..4800].windows(2).filter(|w| (w[0] <= 0.0) != (w[1] <= 0.0)).count();
        assert!((198..=202).contains(&crossings), "{crossings} crossings");
    }

    #[test]
    fn a_note_past_the_end_of_a_loop_carries_on_at_its_start() {
        let mut canvas = Canvas::for_loop(4800);
        note(&mut canvas, &PLAIN, 0.09, 500.0, 1.0, 1.0);
        let head = canvas.samples[..100].iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!(head > 0.1, "the note's tail should wrap round, got {head}");
    }

    #[test]
    fn a_finished_cue_ends_on_zero_at_its_peak_level() {
        let mut canvas = Canvas::for_cue(2.0);
        note(&mut canvas, &PLAIN, 0.0, 440.0, 0.3, 1.0);
        let whole = finish_cue(canvas.samples.clone(), 0.5, 2.0);
        assert_eq!(*whole.last().unwrap(), 0.0);
        let peak = whole.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!((peak - 0.5).abs() < 1e-6);
        // 0.3 s held, 0.05 s release: the inaudible rest of the two seconds is cut.
        assert!(whole.len() < 24_000, "the silent tail is cut: {} samples", whole.len());
        let capped = finish_cue(canvas.samples, 0.5, 0.2);
        assert_eq!(capped.len(), 9_600);
        assert_eq!(*capped.last().unwrap(), 0.0);
    }
}
