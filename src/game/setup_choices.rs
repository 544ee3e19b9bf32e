//! The player's choices on the setup screen, remembered between runs in the
//! data directory (`setup.ron`).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::DataDir;
use super::theme::Theme;
use quorum_core::quiz::RoundSettings;
use quorum_core::quiz::save_file;

/// The file's name in the data directory.
pub const FILE: &str = "setup.ron";
pub const MAX_NAME: usize = 24;
pub const DEFAULT_NAME: &str = "Player";

#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SetupChoices {
    pub settings: RoundSettings,
    pub player: String,
    pub high_contrast: bool,
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
}

/// Overrides from the command line (`--questions`, `--seconds`), applied
/// over the remembered choices.
#[derive(Resource, Debug, Clone, Default)]
pub struct CommandLineChoices {
    pub questions: Option<quorum_core::quiz::QuestionCount>,
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
        world.resource_mut::<super::banner::Banner>().warn(warning);
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
