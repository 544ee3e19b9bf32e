//! The sound settings, remembered between runs in the data directory
//! (`sound.ron`): music and cue levels, mute, music under questions, and the
//! classroom's quiet room, and how each changes when stepped. What plays
//! when is `play/sound.rs`'s business, not this file's.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::game::DataDir;
use crate::game::ui::banner::Banner;
use quorum_core::quiz::save_file;
use quorum_sound::Volumes;

/// The file's name in the data directory.
pub const FILE: &str = "sound.ron";
/// A level stepper moves by this many percent.
pub const LEVEL_STEP: i32 = 10;

#[derive(Resource, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SoundChoices {
    /// The music's level, in percent (0 is off).
    pub music: u8,
    /// The short sounds' level, in percent (0 is off).
    pub cues: u8,
    /// Everything silent (`M`).
    pub muted: bool,
    /// The quiet "thinking" music under a question.
    pub music_in_questions: bool,
    /// Classroom sessions play no music at all, only the short sounds.
    pub quiet_room: bool,
}

impl Default for SoundChoices {
    fn default() -> Self {
        let levels = Volumes::default();
        SoundChoices {
            music: percent(levels.music),
            cues: percent(levels.cues),
            muted: false,
            music_in_questions: false,
            quiet_room: false,
        }
    }
}

fn percent(level: f32) -> u8 {
    (level * 100.0).round().clamp(0.0, 100.0) as u8
}

/// One sound setting, as the setup screens offer it. The stepper showing it
/// carries it as its action (see `theme/sound_settings.rs`).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoundSetting {
    MusicVolume,
    CueVolume,
    Muted,
    /// Solo: music under questions, on or off.
    InQuestions,
    /// Classroom: not under questions, under questions too, or a quiet room
    /// (no music).
    ClassMusic,
}

impl SoundChoices {
    /// The levels the mixer takes, from 0 to 1.
    pub fn volumes(&self) -> Volumes {
        Volumes { music: f32::from(self.music) / 100.0, cues: f32::from(self.cues) / 100.0 }
    }

    /// Steps a setting (`delta` is +1 or -1; toggles ignore it). Levels stop
    /// at 0 and 100% rather than wrapping: a step must never jump from
    /// silence to full volume.
    pub fn change(&mut self, setting: SoundSetting, delta: i32) {
        let step = |level: u8| (i32::from(level) + delta.signum() * LEVEL_STEP).clamp(0, 100) as u8;
        match setting {
            SoundSetting::MusicVolume => self.music = step(self.music),
            SoundSetting::CueVolume => self.cues = step(self.cues),
            SoundSetting::Muted => self.muted = !self.muted,
            SoundSetting::InQuestions => self.music_in_questions = !self.music_in_questions,
            SoundSetting::ClassMusic => {
                let now = if self.quiet_room { 2 } else { i32::from(self.music_in_questions) };
                let next = (now + delta.signum()).rem_euclid(3);
                self.quiet_room = next == 2;
                if next != 2 {
                    self.music_in_questions = next == 1;
                }
            }
        }
    }

    /// Saves the settings for next time. A failure is only logged: losing a
    /// remembered setting must not interrupt play.
    pub fn remember(&self, dir: &DataDir) {
        if let Err(e) = save_file::save(&dir.0.join(FILE), self) {
            warn!("{e}");
        }
    }

    /// A level as the setup screens and the keys overlay show it.
    pub fn level_text(level: u8) -> String {
        if level == 0 { "Off".to_string() } else { format!("{level}%") }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load_choices);
}

fn load_choices(world: &mut World) {
    let dir = world.get_resource::<DataDir>().cloned().unwrap_or_default();
    let loaded = save_file::load::<SoundChoices>(&dir.0.join(FILE));
    if let Some(warning) = loaded.warning {
        world.resource_mut::<Banner>().warn(warning);
    }
    let mut choices = loaded.value;
    // A file edited by hand may say 250%.
    choices.music = choices.music.min(100);
    choices.cues = choices.cues.min(100);
    world.insert_resource(choices);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_step_by_ten_and_stop_at_the_ends() {
        let mut c = SoundChoices { music: 90, cues: 10, ..default() };
        c.change(SoundSetting::MusicVolume, 1);
        c.change(SoundSetting::MusicVolume, 1);
        assert_eq!(c.music, 100);
        c.change(SoundSetting::CueVolume, -1);
        c.change(SoundSetting::CueVolume, -1);
        assert_eq!(c.cues, 0);
        assert_eq!(SoundChoices::level_text(0), "Off");
        assert_eq!(SoundChoices::level_text(60), "60%");
    }

    #[test]
    fn classroom_music_cycles_through_the_quiet_room() {
        let mut c = SoundChoices::default();
        let state = |c: &SoundChoices| (c.music_in_questions, c.quiet_room);
        c.change(SoundSetting::ClassMusic, 1);
        assert_eq!(state(&c), (true, false));
        c.change(SoundSetting::ClassMusic, 1);
        assert!(c.quiet_room);
        c.change(SoundSetting::ClassMusic, 1);
        assert_eq!(state(&c), (false, false), "past the quiet room it wraps round");
        c.change(SoundSetting::ClassMusic, -1);
        assert!(c.quiet_room);
    }

    #[test]
    fn the_default_levels_are_the_mixers() {
        assert_eq!(SoundChoices::default().volumes(), Volumes::default());
    }
}
