//! The game's two music loops, written here as parts (bass, chords, melody, drums) on the instruments in
//! `synth`. Each is a whole number of bars rendered on a wrapping canvas, so notes ringing over the end
//! carry on at the start and the loop has no seam. This module decides what the music is, not when it
//! plays.

use crate::cues::{BASS, CELESTA, EPIANO, MARIMBA};
use crate::synth::{Canvas, RATE, Room, Timbre, finish_loop, kick, midi, noise_hit, note, partial};

/// A music loop. One plays at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Music {
    /// Waiting: the title, the setup screens, the students' lobby. Light and unhurried, in F major.
    Lobby,
    /// A quiet bed under a question: a slow pad and a soft arpeggio in A minor, no drums.
    Thinking,
}

impl Music {
    pub const ALL: [Music; 2] = [Music::Lobby, Music::Thinking];

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The loudest sample of the loop at full music volume: under half scale, so cues stand out and
    /// music plus cues rarely reach the limiter.
    pub(crate) fn peak(self) -> f32 {
        match self {
            Music::Lobby => 0.32,
            Music::Thinking => 0.2,
        }
    }

    /// Synthesises one pass of the loop as mono samples at `SAMPLE_RATE`; played end to start, it repeats
    /// seamlessly.
    pub fn render(self) -> Vec<f32> {
        match self {
            Music::Lobby => lobby(),
            Music::Thinking => thinking(),
        }
    }
}

/// Seconds per beat and bars of four beats. Both tempos make a beat a whole number of samples.
struct Meter {
    beat: f64,
}

impl Meter {
    fn at(&self, bar: usize, beat: f64) -> f64 {
        (bar as f64 * 4.0 + beat) * self.beat
    }

    fn beats(&self, beats: f64) -> f64 {
        beats * self.beat
    }

    fn samples(&self, bars: usize) -> usize {
        (bars as f64 * 4.0 * self.beat * RATE).round() as usize
    }
}

/// One bar's harmony: the bass root and three chord tones (MIDI note numbers).
struct Chord {
    root: i32,
    tones: [i32; 3],
}

const fn chord(root: i32, tones: [i32; 3]) -> Chord {
    Chord { root, tones }
}

fn lobby() -> Vec<f32> {
    // 112.5 beats a minute: 25,600 samples a beat.
    let m = Meter { beat: 60.0 / 112.5 };
    // F, Am, Bb, C, Dm, Bb, Gm, C7: eight bars, played twice (melody, then a lighter answer).
    let harmony = [
        chord(41, [65, 69, 72]),
        chord(45, [64, 69, 72]),
        chord(46, [65, 70, 74]),
        chord(48, [64, 67, 72]),
        chord(38, [65, 69, 74]),
        chord(46, [65, 70, 74]),
        chord(43, [67, 70, 74]),
        chord(48, [64, 67, 70]),
    ];
    let bars = 16;
    let mut canvas = Canvas::for_loop(m.samples(bars));
    let c = &mut canvas;
    for bar in 0..bars {
        let h = &harmony[bar % 8];
        for (beat, interval, held, velocity) in [
            (0.0, 0, 0.7, 0.7),
            (1.5, 0, 0.35, 0.5),
            (2.0, 7, 0.7, 0.6),
            (3.0, 12, 0.35, 0.5),
            (3.5, 7, 0.35, 0.45),
        ] {
            note(c, &BASS, m.at(bar, beat), midi(h.root + interval), m.beats(held), velocity);
        }
        for (beat, held, velocity) in [(0.0, 1.2, 0.3), (1.5, 0.4, 0.2), (2.5, 1.3, 0.26)] {
            for key in h.tones {
                note(c, &EPIANO, m.at(bar, beat), midi(key), m.beats(held), velocity);
            }
        }
        kick(c, m.at(bar, 0.0), 0.55);
        kick(c, m.at(bar, 2.0), 0.4);
        for eighth in 0..8 {
            let offbeat = eighth % 2 == 1;
            let seed = (bar * 8 + eighth) as u32;
            noise_hit(c, m.at(bar, eighth as f64 * 0.5), 0.03, if offbeat { 0.09 } else { 0.05 }, seed);
        }
        if bar >= 8 {
            // The answer: the chord's tones falling on a bell, an octave up.
            let [low, middle, top] = h.tones;
            for (beat, key) in [(0.0, top), (2.0, middle), (3.0, low)] {
                note(c, &CELESTA, m.at(bar, beat), midi(key + 12), 4.0, 0.22);
            }
        }
    }
    for (beat, key, held) in LOBBY_MELODY {
        note(c, &MARIMBA, m.at(0, beat), midi(key), m.beats(held), 0.55);
    }
    Room::new().apply_to_loop(&mut canvas.samples, 0.22);
    finish_loop(canvas.samples, Music::Lobby.peak())
}

/// The lobby tune over its first eight bars: (beat from the start, MIDI note, beats held).
const LOBBY_MELODY: [(f64, i32, f64); 44] = [
    // F
    (0.0, 81, 0.5),
    (0.5, 84, 0.5),
    (1.0, 81, 0.5),
    (1.5, 79, 0.5),
    (2.0, 77, 1.0),
    (3.0, 79, 0.5),
    (3.5, 81, 0.5),
    // Am
    (4.0, 76, 1.5),
    (5.5, 72, 0.5),
    (6.0, 76, 0.5),
    (6.5, 79, 1.5),
    // Bb
    (8.0, 86, 1.0),
    (9.0, 84, 0.5),
    (9.5, 82, 0.5),
    (10.0, 77, 1.5),
    (11.5, 79, 0.5),
    // C
    (12.0, 76, 1.0),
    (13.0, 79, 0.5),
    (13.5, 84, 0.5),
    (14.0, 82, 1.0),
    (15.0, 79, 1.0),
    // Dm
    (16.0, 81, 0.5),
    (16.5, 84, 0.5),
    (17.0, 86, 1.0),
    (18.0, 84, 0.5),
    (18.5, 81, 0.5),
    (19.0, 77, 1.0),
    // Bb
    (20.0, 77, 0.5),
    (20.5, 79, 0.5),
    (21.0, 77, 0.5),
    (21.5, 74, 0.5),
    (22.0, 77, 2.0),
    // Gm
    (24.0, 79, 1.0),
    (25.0, 82, 0.5),
    (25.5, 86, 0.5),
    (26.0, 84, 1.0),
    (27.0, 82, 1.0),
    // C7
    (28.0, 79, 1.0),
    (29.0, 76, 0.5),
    (29.5, 79, 0.5),
    (30.0, 82, 1.0),
    (31.0, 79, 0.5),
    (31.5, 76, 0.25),
    (31.75, 77, 0.25),
];

/// A soft pad: slow to speak and slow to fade.
const PAD: Timbre = Timbre {
    partials: &[
        partial(1.0, 1.0, f64::INFINITY, 0.4),
        partial(2.0, 0.35, f64::INFINITY, 0.5),
        partial(3.0, 0.15, f64::INFINITY, 0.6),
        partial(4.0, 0.06, f64::INFINITY, 0.7),
    ],
    release: 0.8,
};

/// A held, round bass under the pad.
const SUB: Timbre = Timbre {
    partials: &[partial(1.0, 1.0, f64::INFINITY, 0.08), partial(2.0, 0.3, f64::INFINITY, 0.08)],
    release: 0.5,
};

fn thinking() -> Vec<f32> {
    // 90 beats a minute: 32,000 samples a beat.
    let m = Meter { beat: 60.0 / 90.0 };
    // Am, Fmaj7, C, G, Am, Fmaj7, Dm7, Esus4: (bass, pad, the arpeggio's four tones).
    let harmony: [(i32, [i32; 3], [i32; 4]); 8] = [
        (45, [60, 64, 69], [69, 72, 76, 72]),
        (41, [57, 60, 64], [65, 69, 72, 76]),
        (48, [55, 60, 64], [67, 72, 76, 79]),
        (43, [55, 59, 62], [67, 71, 74, 79]),
        (45, [60, 64, 69], [69, 72, 76, 72]),
        (41, [57, 60, 64], [65, 69, 72, 76]),
        (38, [57, 60, 65], [65, 69, 72, 74]),
        (40, [57, 59, 64], [64, 69, 71, 76]),
    ];
    let bars = harmony.len();
    let mut canvas = Canvas::for_loop(m.samples(bars));
    let c = &mut canvas;
    for (bar, (root, pad, arpeggio)) in harmony.iter().enumerate() {
        note(c, &SUB, m.at(bar, 0.0), midi(*root), m.beats(3.6), 0.3);
        for key in pad {
            note(c, &PAD, m.at(bar, 0.0), midi(*key), m.beats(3.7), 0.12);
            // A copy a few cents sharp beats gently against the first, which makes the pad breathe.
            note(c, &PAD, m.at(bar, 0.0), midi(*key) * 1.003, m.beats(3.7), 0.06);
        }
        for (eighth, step) in [0, 1, 2, 3, 2, 1, 0, 1].into_iter().enumerate() {
            let velocity = if eighth % 2 == 0 { 0.26 } else { 0.18 };
            note(c, &MARIMBA, m.at(bar, eighth as f64 * 0.5), midi(arpeggio[step]), 2.0, velocity);
        }
    }
    Room::new().apply_to_loop(&mut canvas.samples, 0.3);
    finish_loop(canvas.samples, Music::Thinking.peak())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::SAMPLE_RATE;

    /// The biggest jump between neighbouring samples, and the jump from the loop's last sample back to
    /// its first.
    fn steps(samples: &[f32]) -> (f32, f32) {
        let inside = samples.windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()));
        let seam = (samples[0] - samples[samples.len() - 1]).abs();
        (inside, seam)
    }

    #[test]
    fn each_loop_is_whole_bars_long() {
        assert_eq!(Music::Lobby.render().len(), 16 * 4 * 25_600);
        assert_eq!(Music::Thinking.render().len(), 8 * 4 * 32_000);
        let seconds = Music::Lobby.render().len() as f64 / f64::from(SAMPLE_RATE);
        assert!((30.0..40.0).contains(&seconds), "the lobby loop lasts {seconds} s");
    }

    #[test]
    fn each_loop_joins_its_end_to_its_start_without_a_click() {
        for music in Music::ALL {
            let samples = music.render();
            let (inside, seam) = steps(&samples);
            // A click is a jump far above the music's own steps. A loop cut without wrapping its tails
            // jumps by the level of the ringing notes (tenths of full scale); this seam must be smaller
            // than one hundredth, and no bigger than the music's own largest step.
            assert!(seam < 0.01, "{music:?}: the seam jumps {seam}");
            assert!(seam <= inside, "{music:?}: the seam jumps {seam}, the loop at most {inside}");
        }
    }

    #[test]
    fn a_loop_cut_without_wrapping_would_click() {
        // The seam test could pass by luck if the music were quiet at the seam, so show the difference
        // wrapping makes on a chord still ringing at the end of a loop, for several loop lengths: how far
        // the first sample lands from where the waveform was heading (a click is a break in its curve).
        let bend = |s: &[f32]| (s[0] - 2.0 * s[s.len() - 1] + s[s.len() - 2]).abs();
        let (mut cut_worst, mut wrapped_worst) = (0.0f32, 0.0f32);
        for extra in 0..8 {
            let len = 96_000 + extra * 37;
            let mut cut = Canvas { samples: vec![0.0; len], wraps: false };
            let mut wrapped = Canvas::for_loop(len);
            for canvas in [&mut cut, &mut wrapped] {
                for key in [69, 72, 76] {
                    note(canvas, &EPIANO, 1.5, midi(key), 2.0, 0.3);
                }
            }
            cut_worst = cut_worst.max(bend(&cut.samples));
            wrapped_worst = wrapped_worst.max(bend(&wrapped.samples));
        }
        assert!(cut_worst > 0.05, "a cut loop breaks by {cut_worst}");
        assert!(wrapped_worst < cut_worst / 20.0, "wrapped {wrapped_worst}, cut {cut_worst}");
    }

    #[test]
    fn each_loop_peaks_at_its_level() {
        for music in Music::ALL {
            let peak = music.render().iter().fold(0.0f32, |m, s| m.max(s.abs()));
            assert!((peak - music.peak()).abs() < 1e-5, "{music:?} peaks at {peak}");
        }
    }
}
