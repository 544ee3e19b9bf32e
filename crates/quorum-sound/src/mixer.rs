//! The mixer: one music loop at a time (crossfaded when it changes) under any number of overlapping cues,
//! with separate music and cue volumes, mute, and a limiter so the sum never clips. It turns settings and
//! "play this" into samples, and knows nothing of sound servers or threads: the output drives it.

use crate::cues::Cue;
use crate::music::Music;
use crate::synth::RATE;

/// The music and cue levels a player chooses, each from 0.0 (off) to 1.0 (full). A level is heard as
/// its square, so the middle of a slider sounds about half as loud rather than barely quieter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Volumes {
    pub music: f32,
    pub cues: f32,
}

impl Default for Volumes {
    fn default() -> Volumes {
        Volumes { music: 0.6, cues: 0.8 }
    }
}

/// The gain a volume level is heard at. Anything outside 0..=1 (or not a number) is clamped, so a
/// settings file edited by hand can't make the mixer loud or silent by accident.
pub fn level_gain(level: f32) -> f32 {
    let level = if level.is_nan() { 0.0 } else { level.clamp(0.0, 1.0) };
    level * level
}

/// The highest sample the mixer ever sends: 1 dB under full scale.
pub const CEILING: f32 = 0.89;
/// How long music takes to fade out or in when it changes.
const MUSIC_FADE: f64 = 0.5;
/// How long a volume change or mute takes, short enough to feel instant, long enough not to click.
const SETTING_RAMP: f64 = 0.01;
/// The same cue asked for again this soon is already playing (six teams locking in on one frame).
const SAME_CUE_GAP: f64 = 0.04;
/// Beyond this many cues at once, a new one is dropped rather than cutting one off.
const MAX_CUES: usize = 16;
/// How fast the limiter lets go after it has turned a loud moment down (per sample, ~50 ms).
const LIMITER_RELEASE: f32 = 1.0 / (0.05 * RATE as f32);

/// A gain that moves to its target in a straight line, so changes never step.
#[derive(Clone, Copy, Debug)]
struct Ramp {
    value: f32,
    target: f32,
    step: f32,
}

impl Ramp {
    fn at(value: f32, seconds: f64) -> Ramp {
        Ramp { value, target: value, step: (1.0 / (seconds * RATE)) as f32 }
    }

    fn next(&mut self) -> f32 {
        let v = self.value;
        if self.value < self.target {
            self.value = (self.value + self.step).min(self.target);
        } else if self.value > self.target {
            self.value = (self.value - self.step).max(self.target);
        }
        v
    }

    fn is_zero(&self) -> bool {
        self.value == 0.0 && self.target == 0.0
    }
}

struct LoopVoice {
    music: Music,
    at: usize,
    fade: Ramp,
}

struct CueVoice {
    cue: Cue,
    at: usize,
}

/// Mixes the game's sound into mono samples at `SAMPLE_RATE`.
pub struct Mixer {
    cues: Vec<Vec<f32>>,
    /// Rendered the first time each is asked for, on the thread that mixes.
    loops: [Option<Vec<f32>>; 2],
    playing: Vec<CueVoice>,
    /// The music asked for is the last voice whose fade is rising; the others are fading out.
    music: Vec<LoopVoice>,
    music_gain: Ramp,
    cue_gain: Ramp,
    /// 1 when sound is on, 0 when muted.
    master: Ramp,
    limiter: f32,
    /// Samples mixed so far, and when each cue last started, to drop duplicates.
    clock: u64,
    last_start: [Option<u64>; Cue::ALL.len()],
}

impl Default for Mixer {
    fn default() -> Mixer {
        Mixer::new(Volumes::default())
    }
}

impl Mixer {
    /// Renders every cue (a few milliseconds' work); music is rendered when first asked for.
    pub fn new(volumes: Volumes) -> Mixer {
        Mixer {
            cues: Cue::ALL.iter().map(|c| c.render()).collect(),
            loops: [None, None],
            playing: Vec::new(),
            music: Vec::new(),
            music_gain: Ramp::at(level_gain(volumes.music), SETTING_RAMP),
            cue_gain: Ramp::at(level_gain(volumes.cues), SETTING_RAMP),
            master: Ramp::at(1.0, SETTING_RAMP),
            limiter: 1.0,
            clock: 0,
            last_start: [None; Cue::ALL.len()],
        }
    }

    /// Starts a cue over whatever is playing. Ignored while muted: a cue is a moment, not a backlog.
    pub fn play(&mut self, cue: Cue) {
        if self.master.target == 0.0 || self.playing.len() >= MAX_CUES {
            return;
        }
        let gap = (SAME_CUE_GAP * RATE) as u64;
        if let Some(last) = self.last_start[cue.index()]
            && self.clock.saturating_sub(last) < gap
        {
            return;
        }
        self.last_start[cue.index()] = Some(self.clock);
        self.playing.push(CueVoice { cue, at: 0 });
    }

    /// Changes the music, fading the old loop out and the new one in; `None` fades to no music.
    pub fn set_music(&mut self, music: Option<Music>) {
        if self.wanted_music() == music {
            return;
        }
        for voice in &mut self.music {
            voice.fade.target = 0.0;
        }
        let Some(music) = music else { return };
        self.prepare(music);
        // Coming back to a loop that is still fading out picks it up where it is.
        if let Some(i) = self.music.iter().position(|v| v.music == music) {
            let mut voice = self.music.remove(i);
            voice.fade.target = 1.0;
            self.music.push(voice);
        } else {
            let mut fade = Ramp::at(0.0, MUSIC_FADE);
            fade.target = 1.0;
            self.music.push(LoopVoice { music, at: 0, fade });
        }
    }

    /// Drops the cues playing or waiting, keeping the music: for when they could not be heard in time.
    pub fn forget_cues(&mut self) {
        self.playing.clear();
    }

    /// Renders a loop now rather than when it is first asked for (a few tenths of a second's work).
    pub fn prepare(&mut self, music: Music) {
        if self.loops[music.index()].is_none() {
            self.loops[music.index()] = Some(music.render());
        }
    }

    /// The music last asked for.
    pub fn wanted_music(&self) -> Option<Music> {
        self.music.last().filter(|v| v.fade.target > 0.0).map(|v| v.music)
    }

    pub fn set_volumes(&mut self, volumes: Volumes) {
        self.music_gain.target = level_gain(volumes.music);
        self.cue_gain.target = level_gain(volumes.cues);
        self.settle_if_quiet();
    }

    /// Mutes or unmutes everything. Muting fades out in 10 ms and then sends exact silence; the music
    /// keeps its place and fades back in when unmuted.
    pub fn set_muted(&mut self, muted: bool) {
        self.master.target = if muted { 0.0 } else { 1.0 };
        self.settle_if_quiet();
    }

    /// With nothing playing there is nothing to ramp: a setting takes effect at once, so a game that
    /// starts muted never sends the first few milliseconds of a fade.
    fn settle_if_quiet(&mut self) {
        if self.playing.is_empty() && self.music.is_empty() {
            for ramp in [&mut self.master, &mut self.music_gain, &mut self.cue_gain] {
                ramp.value = ramp.target;
            }
        }
    }

    /// True when mixing would give only silence from now on until something changes: nothing is playing,
    /// or everything is muted or at zero volume. The output then stops asking for samples.
    pub fn is_silent(&self) -> bool {
        if self.master.is_zero() {
            return true;
        }
        let music_heard = !self.music.is_empty() && !self.music_gain.is_zero();
        let cues_heard = !self.playing.is_empty() && !self.cue_gain.is_zero();
        !music_heard && !cues_heard
    }

    /// Fills `out` with the next mono samples.
    pub fn mix(&mut self, out: &mut [f32]) {
        if self.is_silent() {
            // Nothing to hear: time stands still for the music, and pending cues are dropped.
            out.fill(0.0);
            self.playing.clear();
            self.master.value = self.master.target;
            self.music_gain.value = self.music_gain.target;
            self.cue_gain.value = self.cue_gain.target;
            return;
        }
        for sample in out.iter_mut() {
            let mut music = 0.0;
            for voice in &mut self.music {
                let samples = self.loops[voice.music.index()].as_deref().unwrap_or(&[]);
                if let Some(s) = samples.get(voice.at) {
                    music += s * voice.fade.next();
                    voice.at = if voice.at + 1 == samples.len() { 0 } else { voice.at + 1 };
                }
            }
            let mut cues = 0.0;
            for voice in &mut self.playing {
                cues += self.cues[voice.cue.index()].get(voice.at).copied().unwrap_or(0.0);
                voice.at += 1;
            }
            let mixed = (music * self.music_gain.next() + cues * self.cue_gain.next()) * self.master.next();
            // A limiter with an instant attack: never above the ceiling, and back to unity soon after.
            self.limiter = (self.limiter + LIMITER_RELEASE).min(1.0);
            if mixed.abs() * self.limiter > CEILING {
                self.limiter = CEILING / mixed.abs();
            }
            *sample = (mixed * self.limiter).clamp(-CEILING, CEILING);
        }
        self.clock += out.len() as u64;
        let cues = &self.cues;
        self.playing.retain(|v| v.at < cues[v.cue.index()].len());
        self.music.retain(|v| !v.fade.is_zero());
        if self.master.is_zero() {
            self.playing.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(s: f64) -> usize {
        (s * RATE) as usize
    }

    fn mixed(mixer: &mut Mixer, length: usize) -> Vec<f32> {
        let mut out = vec![0.0; length];
        mixer.mix(&mut out);
        out
    }

    fn peak(samples: &[f32]) -> f32 {
        samples.iter().fold(0.0f32, |m, s| m.max(s.abs()))
    }

    #[test]
    fn everything_at_once_at_full_volume_never_passes_full_scale() {
        let mut mixer = Mixer::new(Volumes { music: 1.0, cues: 1.0 });
        mixer.set_music(Some(Music::Lobby));
        let mut out = mixed(&mut mixer, seconds(1.0));
        // Every cue, each started several times just far enough apart not to be merged, over both
        // loops crossfading.
        mixer.set_music(Some(Music::Thinking));
        for _ in 0..3 {
            for cue in Cue::ALL {
                mixer.play(cue);
            }
            out.extend(mixed(&mut mixer, seconds(SAME_CUE_GAP) + 1));
        }
        let louder = mixer.playing.len();
        out.extend(mixed(&mut mixer, seconds(3.0)));
        assert!(louder >= 16, "the test must stack many cues, stacked {louder}");
        let peak = peak(&out);
        assert!(peak <= CEILING, "peak {peak}");
        assert!(peak > 0.8, "the stack should have needed the limiter, peak {peak}");
    }

    #[test]
    fn mute_gives_exact_silence_and_stops_asking_for_samples() {
        let mut mixer = Mixer::default();
        mixer.set_music(Some(Music::Lobby));
        mixer.play(Cue::Podium);
        let before = mixed(&mut mixer, seconds(1.0));
        assert!(peak(&before) > 0.1);
        mixer.set_muted(true);
        mixer.play(Cue::Right);
        let fading = mixed(&mut mixer, seconds(SETTING_RAMP) + 1);
        assert!(fading.first().unwrap().abs() > 0.0, "the fade starts where the sound was");
        let after = mixed(&mut mixer, seconds(2.0));
        assert!(after.iter().all(|s| *s == 0.0), "muted, the mixer sent {}", peak(&after));
        assert!(mixer.is_silent());
        mixer.set_muted(false);
        assert!(!mixer.is_silent(), "the lobby loop comes back when unmuted");
        assert!(peak(&mixed(&mut mixer, seconds(1.0))) > 0.05);
    }

    #[test]
    fn a_mixer_muted_before_it_plays_is_silent_from_the_first_sample() {
        let mut mixer = Mixer::default();
        mixer.set_muted(true);
        mixer.set_music(Some(Music::Lobby));
        mixer.play(Cue::Question);
        assert!(mixer.is_silent(), "nothing to play, so the output may sleep");
        assert!(mixed(&mut mixer, seconds(1.0)).iter().all(|s| *s == 0.0));
    }

    #[test]
    fn volume_scales_cues_and_music_by_the_square_of_the_level() {
        for (half, full) in [
            (Volumes { music: 0.0, cues: 0.5 }, Volumes { music: 0.0, cues: 1.0 }),
            (Volumes { music: 0.5, cues: 0.0 }, Volumes { music: 1.0, cues: 0.0 }),
        ] {
            let mut outs = Vec::new();
            for volumes in [half, full] {
                let mut mixer = Mixer::new(volumes);
                if volumes.music > 0.0 {
                    mixer.set_music(Some(Music::Thinking));
                }
                mixer.play(Cue::Right);
                outs.push(mixed(&mut mixer, seconds(1.5)));
            }
            let full_peak = peak(&outs[1]);
            assert!(full_peak > 0.1 && full_peak < CEILING, "the limiter must not act here: {full_peak}");
            for (h, f) in outs[0].iter().zip(&outs[1]) {
                assert!((h - 0.25 * f).abs() < 1e-6, "{h} is not a quarter of {f}");
            }
        }
    }

    #[test]
    fn a_volume_change_ramps_without_a_step() {
        // Two mixers with the same past; one turns its music off. Its output may step no more than the
        // music's own steps plus the ramp's (a hard cut would step by the music's level, up to 0.32).
        let largest = |s: &[f32]| s.windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()));
        let mut changed = Mixer::new(Volumes { music: 1.0, cues: 1.0 });
        let mut kept = Mixer::new(Volumes { music: 1.0, cues: 1.0 });
        for mixer in [&mut changed, &mut kept] {
            mixer.set_music(Some(Music::Lobby));
            let _ = mixed(mixer, seconds(1.0));
        }
        changed.set_volumes(Volumes { music: 0.0, cues: 1.0 });
        let window = seconds(SETTING_RAMP * 2.0);
        let change = largest(&mixed(&mut changed, window));
        let music = largest(&mixed(&mut kept, window));
        let ramp = Music::Lobby.peak() / seconds(SETTING_RAMP) as f32;
        assert!(change <= music + ramp, "turning the music off stepped by {change}, the music by {music}");
        assert!(mixed(&mut changed, 100).iter().all(|s| *s == 0.0), "then it is silent");
    }

    #[test]
    fn music_plays_across_its_loop_point_without_a_click() {
        for music in Music::ALL {
            let mut mixer = Mixer::new(Volumes { music: 1.0, cues: 1.0 });
            mixer.set_music(Some(music));
            let len = music.render().len();
            let _ = mixed(&mut mixer, len - 100);
            let seam = mixed(&mut mixer, 200);
            let step = seam.windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()));
            assert!(step < 0.02, "{music:?} steps {step} around its loop point");
        }
    }

    #[test]
    fn changing_music_crossfades_and_ends_with_one_loop() {
        let mut mixer = Mixer::default();
        mixer.set_music(Some(Music::Lobby));
        let first = mixed(&mut mixer, seconds(0.05));
        assert!(peak(&first) < peak(&mixed(&mut mixer, seconds(1.0))), "the music fades in");
        mixer.set_music(Some(Music::Thinking));
        assert_eq!(mixer.music.len(), 2);
        let _ = mixed(&mut mixer, seconds(MUSIC_FADE * 1.01));
        assert_eq!(mixer.music.len(), 1);
        assert_eq!(mixer.wanted_music(), Some(Music::Thinking));
        mixer.set_music(None);
        let _ = mixed(&mut mixer, seconds(MUSIC_FADE * 1.01));
        assert!(mixer.is_silent());
    }

    #[test]
    fn a_cue_plays_once_in_full_and_then_the_mixer_is_silent() {
        let mut mixer = Mixer::new(Volumes { music: 1.0, cues: 1.0 });
        mixer.play(Cue::Tick);
        mixer.play(Cue::Tick);
        let expected = Cue::Tick.render();
        let out = mixed(&mut mixer, expected.len() + 10);
        for (o, e) in out.iter().zip(&expected) {
            assert!((o - e).abs() < 1e-6, "the same cue asked for twice at once plays once");
        }
        assert!(mixer.is_silent());
    }

    #[test]
    fn volume_levels_outside_the_range_are_clamped() {
        assert_eq!(level_gain(f32::NAN), 0.0);
        assert_eq!(level_gain(-3.0), 0.0);
        assert_eq!(level_gain(7.0), 1.0);
        assert_eq!(level_gain(0.5), 0.25);
    }
}
