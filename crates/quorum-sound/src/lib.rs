//! Quorum's sound, engine-free: cues and music synthesised in code (`cues`, `music`, on the instruments
//! in `synth`), a mixer, and an output thread fed by a channel. The game holds a [`Sound`] and calls
//! [`Sound::play`], [`Sound::set_music`], [`Sound::set_volumes`] and [`Sound::set_muted`]; none of them
//! ever blocks, and with no sound server the game simply plays on in silence.
//!
//! No Bevy here, and no build-time system package: on Linux the output speaks the PulseAudio protocol
//! in pure Rust (PipeWire's Pulse server speaks it too); on Windows and macOS it uses cpal. What plays
//! when is the game's business, not this crate's.

mod cues;
mod mixer;
mod music;
mod output;
mod synth;

pub use cues::Cue;
pub use mixer::{CEILING, Mixer, Volumes, level_gain};
pub use music::Music;
pub use output::{OutputState, Sound, SoundOptions};
pub use synth::SAMPLE_RATE;
