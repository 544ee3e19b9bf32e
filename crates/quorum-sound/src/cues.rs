//! The game's short sounds, each written here as notes on the instruments in `synth`. They are heard
//! dozens of times a lesson, so they are short, soft at the start, consonant, and never harsh: a wrong
//! answer sounds kind. This module decides what each cue is, not when it plays.

use crate::synth::{Canvas, Partial, Room, Timbre, finish_cue, kick, midi, note, partial};

/// A short sound the game plays at a moment of play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A new question appears.
    Question,
    /// One of the last five seconds of the countdown.
    Tick,
    /// A player or team locks in an answer (quiet: a classroom may hear six at once).
    LockedIn,
    /// The reveal, for a right answer.
    Right,
    /// The reveal, for a wrong answer or none.
    Wrong,
    /// The leaderboard comes up.
    Leaderboard,
    /// The podium at the end of a game.
    Podium,
}

impl Cue {
    pub const ALL: [Cue; 7] =
        [Cue::Question, Cue::Tick, Cue::LockedIn, Cue::Right, Cue::Wrong, Cue::Leaderboard, Cue::Podium];

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The loudest sample of the rendered cue, at full cue volume. Cues under the music sit near half
    /// scale; the tick and the lock-in are quieter because they repeat.
    pub(crate) fn peak(self) -> f32 {
        match self {
            Cue::Question => 0.45,
            Cue::Tick => 0.32,
            Cue::LockedIn => 0.2,
            Cue::Right => 0.5,
            Cue::Wrong => 0.4,
            Cue::Leaderboard => 0.5,
            Cue::Podium => 0.55,
        }
    }

    /// The longest the cue may ring, in seconds: past this its room tail is faded out. A tick must be
    /// over long before the next one.
    pub(crate) fn longest(self) -> f64 {
        match self {
            Cue::Question => 1.2,
            Cue::Tick => 0.15,
            Cue::LockedIn => 0.25,
            Cue::Right => 1.4,
            Cue::Wrong => 1.0,
            Cue::Leaderboard => 1.8,
            Cue::Podium => 3.0,
        }
    }

    /// Synthesises the cue as mono samples at `SAMPLE_RATE`.
    pub fn render(self) -> Vec<f32> {
        let mut canvas = Canvas::for_cue(4.0);
        let c = &mut canvas;
        let room = match self {
            Cue::Question => {
                for (i, key) in [79, 84, 88].into_iter().enumerate() {
                    note(c, &CELESTA, 0.075 * i as f64, midi(key), 2.0, 0.7 + 0.1 * i as f64);
                }
                note(c, &MARIMBA, 0.0, midi(67), 2.0, 0.5);
                0.25
            }
            Cue::Tick => {
                note(c, &WOODBLOCK, 0.0, 1046.5, 1.0, 1.0);
                0.08
            }
            Cue::LockedIn => {
                note(c, &MARIMBA, 0.0, midi(84), 1.0, 0.7);
                note(c, &MARIMBA, 0.045, midi(91), 1.0, 0.45);
                0.1
            }
            Cue::Right => {
                for (i, key) in [72, 76, 79, 84].into_iter().enumerate() {
                    let at = 0.07 * i as f64;
                    note(c, &CELESTA, at, midi(key), 2.0, 0.8);
                    note(c, &MARIMBA, at, midi(key - 12), 2.0, 0.4);
                }
                note(c, &CELESTA, 0.21, midi(88), 2.0, 0.45);
                0.25
            }
            Cue::Wrong => {
                note(c, &HOLLOW, 0.0, midi(64), 0.14, 0.8);
                note(c, &HOLLOW, 0.17, midi(60), 0.3, 0.8);
                note(c, &MARIMBA, 0.17, midi(48), 2.0, 0.35);
                0.2
            }
            Cue::Leaderboard => {
                for (i, key) in [77, 79, 81, 84, 86].into_iter().enumerate() {
                    note(c, &MARIMBA, 0.055 * i as f64, midi(key), 2.0, 0.55);
                }
                for key in [65, 69, 72, 77] {
                    note(c, &EPIANO, 0.32, midi(key), 0.9, 0.35);
                }
                note(c, &CELESTA, 0.32, midi(89), 2.0, 0.5);
                kick(c, 0.32, 0.5);
                0.25
            }
            Cue::Podium => {
                let melody = [
                    (0.0, 67, 0.07),
                    (0.1, 67, 0.07),
                    (0.2, 67, 0.07),
                    (0.3, 72, 0.28),
                    (0.62, 67, 0.1),
                    (0.76, 72, 0.1),
                    (0.9, 76, 0.1),
                    (1.05, 79, 1.1),
                ];
                for (at, key, held) in melody {
                    note(c, &BRASS, at, midi(key), held, 0.8);
                }
                for key in [60, 64, 67] {
                    note(c, &BRASS, 1.05, midi(key), 1.1, 0.4);
                }
                for (i, key) in [84, 88, 91, 96].into_iter().enumerate() {
                    note(c, &CELESTA, 1.05 + 0.07 * i as f64, midi(key), 2.0, 0.3);
                }
                kick(c, 1.05, 0.6);
                0.3
            }
        };
        Room::new().apply(&mut canvas.samples, room);
        finish_cue(canvas.samples, self.peak(), self.longest())
    }
}

/// Struck wooden bars: a warm fundamental, and the bar's fourth partial dying fast.
pub(crate) const MARIMBA: Timbre = Timbre {
    partials: &[
        partial(1.0, 1.0, 0.35, 0.002),
        partial(2.0, 0.08, 0.15, 0.002),
        partial(4.0, 0.2, 0.05, 0.001),
    ],
    release: 0.05,
};

/// A small bell, like a celesta: bright but with soft upper partials.
pub(crate) const CELESTA: Timbre = Timbre {
    partials: &[
        partial(1.0, 1.0, 0.6, 0.002),
        partial(2.0, 0.35, 0.3, 0.002),
        partial(3.0, 0.1, 0.16, 0.002),
        partial(4.0, 0.05, 0.09, 0.002),
    ],
    release: 0.05,
};

/// An electric piano: a round tone with a short metallic ping at the start.
pub(crate) const EPIANO: Timbre = Timbre {
    partials: &[
        partial(1.0, 1.0, 1.2, 0.004),
        partial(2.0, 0.25, 0.5, 0.004),
        partial(3.0, 0.08, 0.3, 0.004),
        partial(7.0, 0.05, 0.03, 0.002),
    ],
    release: 0.12,
};

/// A plucked bass with enough upper harmonics to be heard on laptop speakers.
pub(crate) const BASS: Timbre = Timbre {
    partials: &[
        partial(1.0, 1.0, 0.45, 0.004),
        partial(2.0, 0.5, 0.3, 0.004),
        partial(3.0, 0.3, 0.2, 0.004),
        partial(4.0, 0.15, 0.12, 0.004),
        partial(5.0, 0.08, 0.08, 0.004),
    ],
    release: 0.05,
};

/// A woodblock, for the countdown: a dry knock that is over in a tenth of a second.
const WOODBLOCK: Timbre = Timbre {
    partials: &[partial(1.0, 1.0, 0.022, 0.0008), partial(2.71, 0.35, 0.011, 0.0008)],
    release: 0.01,
};

/// A hollow, soft tone (odd harmonics only), so a wrong answer is clear without being harsh.
const HOLLOW: Timbre = Timbre {
    partials: &[partial(1.0, 1.0, 0.6, 0.01), partial(3.0, 0.25, 0.4, 0.01), partial(5.0, 0.08, 0.2, 0.01)],
    release: 0.08,
};

/// Brass for the fanfare: a sawtooth's harmonics whose upper partials arrive late, as a player's do.
const BRASS: Timbre = Timbre { partials: &BRASS_PARTIALS, release: 0.12 };

const BRASS_PARTIALS: [Partial; 8] = {
    let mut partials = [partial(1.0, 1.0, 3.0, 0.02); 8];
    let mut n = 1;
    while n < 8 {
        let h = (n + 1) as f64;
        partials[n] = partial(h, 1.0 / (h * (0.5 + 0.5 * h)), 3.0, 0.02 + 0.008 * h);
        n += 1;
    }
    partials
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::SAMPLE_RATE;

    fn seconds(samples: &[f32]) -> f64 {
        samples.len() as f64 / f64::from(SAMPLE_RATE)
    }

    fn peak(samples: &[f32]) -> f32 {
        samples.iter().fold(0.0f32, |m, s| m.max(s.abs()))
    }

    #[test]
    fn each_cue_lasts_as_long_as_its_moment() {
        // (shortest, longest) in seconds: a tick must be over well before the next second; the lock-in is
        // a blip; the podium fanfare may ring longest. The shortest bounds catch a cue cut off early.
        let bounds = |cue: Cue| match cue {
            Cue::Tick => (0.08, 0.2),
            Cue::LockedIn => (0.1, 0.3),
            Cue::Question => (0.5, 1.5),
            Cue::Right => (0.6, 1.8),
            Cue::Wrong => (0.5, 1.2),
            Cue::Leaderboard => (0.8, 2.0),
            Cue::Podium => (1.8, 3.5),
        };
        for cue in Cue::ALL {
            let (shortest, longest) = bounds(cue);
            let length = seconds(&cue.render());
            assert!(
                (shortest..=longest).contains(&length),
                "{cue:?} lasts {length:.3} s, expected {shortest}..={longest}"
            );
        }
    }

    #[test]
    fn each_cue_starts_and_ends_without_a_click_at_its_level() {
        for cue in Cue::ALL {
            let samples = cue.render();
            assert!(samples[0].abs() < 1e-3, "{cue:?} starts at {}", samples[0]);
            assert_eq!(*samples.last().unwrap(), 0.0, "{cue:?} must end on zero");
            assert!((peak(&samples) - cue.peak()).abs() < 1e-5, "{cue:?} peaks at {}", peak(&samples));
        }
    }
}
