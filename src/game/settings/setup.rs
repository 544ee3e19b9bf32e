//! The player's round settings, remembered between runs in the data
//! directory (`setup.ron`), and how each setting changes when stepped.
//! The solo and classroom setup screens both change them through here.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::game::DataDir;
use crate::game::theme::Theme;
use crate::game::ui::banner::Banner;
use quorum_core::bank::Difficulty;
use quorum_core::quiz::{QuestionCount, RoundSettings, save_file};

/// The file's name in the data directory.
pub const FILE: &str = "setup.ron";
pub const MAX_NAME: usize = 24;
pub const DEFAULT_NAME: &str = "Player";

/// The question counts offered.
pub const COUNTS: [QuestionCount; 6] = [
    QuestionCount::Some(5),
    QuestionCount::Some(10),
    QuestionCount::Some(15),
    QuestionCount::Some(20),
    QuestionCount::Some(30),
    QuestionCount::All,
];
/// Seconds per question offered; `None` is practice.
pub const TIMERS: [Option<u32>; 8] =
    [Some(10), Some(15), Some(20), Some(30), Some(45), Some(60), Some(90), None];

#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SetupChoices {
    pub settings: RoundSettings,
    pub player: String,
    pub high_contrast: bool,
}

/// One of a round's settings, as a setup screen offers it.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub enum RoundSetting {
    Questions,
    Timer,
    SpeedBonus,
    /// `None` is every difficulty.
    Difficulty(Option<Difficulty>),
    /// `None` is every topic.
    Topic(Option<String>),
    HighContrast,
    /// Whether to play questions `quorum draft` proposed that no one has
    /// checked yet.
    Drafts(bool),
}

impl SetupChoices {
    /// The name results are recorded under.
    pub fn player_name(&self) -> String {
        let name = self.player.trim();
        if name.is_empty() { DEFAULT_NAME.to_string() } else { name.to_string() }
    }

    /// Saves the choices for next time. A failure is only logged: losing a
    /// remembered setting must not interrupt play.
    pub fn remember(&self, dir: &DataDir) {
        if let Err(e) = save_file::save(&dir.0.join(FILE), self) {
            warn!("{e}");
        }
    }

    /// Steps a setting (`delta` is +1 or -1; toggles ignore it).
    pub fn change(&mut self, setting: &RoundSetting, delta: i32) {
        let s = &mut self.settings;
        match setting {
            RoundSetting::Questions => s.questions = cycle(&COUNTS, s.questions, delta),
            RoundSetting::Timer => s.seconds = cycle(&TIMERS, s.seconds, delta),
            RoundSetting::SpeedBonus => s.speed_bonus = !s.speed_bonus,
            RoundSetting::HighContrast => self.high_contrast = !self.high_contrast,
            RoundSetting::Drafts(play) => s.include_drafts = *play,
            RoundSetting::Difficulty(None) => s.difficulties.clear(),
            RoundSetting::Difficulty(Some(d)) => toggle(&mut s.difficulties, *d),
            RoundSetting::Topic(None) => s.topics.clear(),
            RoundSetting::Topic(Some(t)) => toggle(&mut s.topics, t.clone()),
        }
    }
}

/// The next (or, with a negative `delta`, previous) option, wrapping.
pub fn cycle<T: PartialEq + Copy>(options: &[T], current: T, delta: i32) -> T {
    let i = options.iter().position(|o| *o == current).unwrap_or(0) as i32;
    options[(i + delta).rem_euclid(options.len() as i32) as usize]
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(item),
    }
}

/// Overrides from the command line (`--questions`, `--seconds`), applied
/// over the remembered choices.
#[derive(Resource, Debug, Clone, Default)]
pub struct CommandLineChoices {
    pub questions: Option<QuestionCount>,
    pub seconds: Option<Option<u32>>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load_choices);
}

fn load_choices(world: &mut World) {
    let dir = world.get_resource::<DataDir>().cloned().unwrap_or_default();
    let loaded = save_file::load::<SetupChoices>(&dir.0.join(FILE));
    let mut choices = loaded.value;
    if let Some(warning) = loaded.warning {
        world.resource_mut::<Banner>().warn(warning);
    }
    if let Some(overrides) = world.get_resource::<CommandLineChoices>() {
        if let Some(n) = overrides.questions {
            choices.settings.questions = n;
        }
        if let Some(seconds) = overrides.seconds {
            choices.settings.seconds = seconds;
        }
    }
    world.insert_resource(Theme::new(choices.high_contrast));
    world.insert_resource(choices);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(cycle(&TIMERS, Some(20), 1), Some(30));
        assert_eq!(cycle(&TIMERS, Some(10), -1), None);
        assert_eq!(cycle(&TIMERS, None, 1), Some(10));
    }

    #[test]
    fn playing_drafts_is_off_until_chosen_and_remembered_with_the_rest() {
        let mut c = SetupChoices::default();
        assert!(!c.settings.include_drafts, "drafts are played only when asked for");
        c.change(&RoundSetting::Drafts(true), 1);
        assert!(c.settings.include_drafts);
        c.change(&RoundSetting::Drafts(true), 1);
        assert!(c.settings.include_drafts, "choosing it again keeps it chosen");
        let dir = tempfile::tempdir().unwrap();
        c.remember(&DataDir(dir.path().to_path_buf()));
        let loaded = save_file::load::<SetupChoices>(&dir.path().join(FILE));
        assert!(loaded.value.settings.include_drafts, "remembered for next time");
        c.change(&RoundSetting::Drafts(false), 1);
        assert!(!c.settings.include_drafts);
    }

    #[test]
    fn toggles_add_and_remove() {
        let mut c = SetupChoices::default();
        c.change(&RoundSetting::Difficulty(Some(Difficulty::Hard)), 1);
        assert_eq!(c.settings.difficulties, [Difficulty::Hard]);
        c.change(&RoundSetting::Difficulty(Some(Difficulty::Hard)), 1);
        assert!(c.settings.difficulties.is_empty());
        c.change(&RoundSetting::Topic(Some("Figures".into())), 1);
        c.change(&RoundSetting::Topic(None), 1);
        assert!(c.settings.topics.is_empty());
    }
}
