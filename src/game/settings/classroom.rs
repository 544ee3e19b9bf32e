//! The classroom setup, remembered between lessons (`classroom.ron`): the
//! round settings, how the class answers (teams on buzzers, teams on paper,
//! or students on their own devices), the teams' names, and how often the
//! leaderboard shows. The team and leaderboard rules are the core's.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::setup::{SetupChoices, cycle};
use crate::game::DataDir;
use crate::game::ui::banner::Banner;
use quorum_core::quiz::classroom::{
    AnsweringStyle, LEADERBOARD_OPTIONS, MIN_TEAMS, default_team_name, fit_teams, team_names,
};
use quorum_core::quiz::save_file;

/// The file, in the data directory, remembering the classroom setup.
pub const FILE: &str = "classroom.ron";

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassChoices {
    /// The round's settings and the theme, as in solo play.
    pub round: SetupChoices,
    pub style: AnsweringStyle,
    /// Students answer on their own devices (a lobby they join by PIN)
    /// instead of as teams; `style` is kept for the next team session.
    pub devices: bool,
    /// The teams' names; their number is the number of teams.
    pub teams: Vec<String>,
    pub leaderboard_every: Option<usize>,
}

impl Default for ClassChoices {
    fn default() -> Self {
        ClassChoices {
            round: SetupChoices::default(),
            style: AnsweringStyle::Buzzers,
            devices: false,
            teams: (1..=4).map(default_team_name).collect(),
            leaderboard_every: Some(1),
        }
    }
}

/// One of the classroom's own settings, as the setup screen offers it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassSetting {
    Style,
    Teams,
    Leaderboard,
}

impl ClassChoices {
    /// The names to play with: blanks become "Team N".
    pub fn team_names(&self) -> Vec<String> {
        team_names(&self.teams)
    }

    /// Steps a setting (`delta` is +1 or -1).
    pub fn change(&mut self, setting: ClassSetting, delta: i32) {
        match setting {
            ClassSetting::Style => {
                // The three ways to answer in turn; `None` is students' devices.
                let styles = [Some(AnsweringStyle::Buzzers), Some(AnsweringStyle::TeacherEntry), None];
                let now = if self.devices { None } else { Some(self.style) };
                let next = cycle(&styles, now, delta);
                self.devices = next.is_none();
                if let Some(style) = next {
                    self.style = style;
                    fit_teams(&mut self.teams, style);
                }
            }
            ClassSetting::Teams => {
                let max = self.style.max_teams() as i32;
                let n = self.teams.len() as i32 + delta;
                // Past either end wraps round to the other.
                let n = if n > max {
                    MIN_TEAMS
                } else if n < MIN_TEAMS as i32 {
                    max as usize
                } else {
                    n as usize
                };
                self.teams.resize_with(n, String::new);
                for (i, t) in self.teams.iter_mut().enumerate() {
                    if t.trim().is_empty() {
                        *t = default_team_name(i + 1);
                    }
                }
            }
            ClassSetting::Leaderboard => {
                self.leaderboard_every = cycle(&LEADERBOARD_OPTIONS, self.leaderboard_every, delta)
            }
        }
    }

    /// Saves the setup for the next lesson. A failure is only logged.
    pub fn remember(&self, dir: &DataDir) {
        if let Err(e) = save_file::save(&dir.0.join(FILE), self) {
            warn!("{e}");
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load_choices);
}

fn load_choices(world: &mut World) {
    let dir = world.get_resource::<DataDir>().cloned().unwrap_or_default();
    let loaded = save_file::load::<ClassChoices>(&dir.0.join(FILE));
    if let Some(warning) = loaded.warning {
        world.resource_mut::<Banner>().warn(warning);
    }
    let mut choices = loaded.value;
    fit_teams(&mut choices.teams, choices.style);
    world.insert_resource(choices);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_count_wraps_within_the_style() {
        let mut c = ClassChoices::default();
        assert_eq!(c.teams.len(), 4);
        c.change(ClassSetting::Teams, 1);
        assert_eq!(c.teams.len(), 2, "buzzers stop at four");
        c.change(ClassSetting::Style, 1);
        c.change(ClassSetting::Teams, -1);
        assert_eq!(c.teams.len(), 6, "teacher entry allows six");
        assert_eq!(c.teams[5], "Team 6");
        c.change(ClassSetting::Style, 1);
        assert!(c.devices, "students' devices come after teacher entry");
        assert_eq!(c.teams.len(), 6, "the teams wait for the next team session");
        c.change(ClassSetting::Style, 1);
        assert!(!c.devices);
        assert_eq!(c.teams.len(), 4, "back to buzzers, back to four");
        c.change(ClassSetting::Style, -1);
        assert!(c.devices, "and backwards from buzzers to students' devices");
    }
}
