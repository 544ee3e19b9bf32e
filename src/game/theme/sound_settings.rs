//! The sound rows of the setup screens: music and effects levels, music
//! under questions (in the classroom, also the quiet room), and mute. Each
//! stepper carries its `SoundSetting` as its action (`ui/sound_controls.rs`
//! acts on it), and its value follows `SoundChoices` in place, so `M`
//! pressed on a setup screen shows at once without redrawing the screen.

use bevy::prelude::*;

use super::controls;
use crate::game::GameSet;
use crate::game::settings::sound::{SoundChoices, SoundSetting};

/// The width of a level's value (the widest is "100%").
const LEVEL_WIDTH: f32 = 80.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, show.in_set(GameSet::Update).run_if(resource_changed::<SoundChoices>));
}

/// On a stepper whose row label already names its setting ("Mute (M)"), so
/// its value can be a bare "On" or "Off".
#[derive(Component, Debug, Clone, Copy, Default)]
struct NamedByRow;

/// What a setting's stepper shows.
fn value(choices: &SoundChoices, setting: SoundSetting, named_by_row: bool) -> String {
    let on_off = |on: bool| if on { "On" } else { "Off" }.to_string();
    match setting {
        SoundSetting::MusicVolume => SoundChoices::level_text(choices.music),
        SoundSetting::CueVolume => SoundChoices::level_text(choices.cues),
        SoundSetting::Muted if named_by_row => on_off(choices.muted),
        SoundSetting::Muted if choices.muted => "Muted (M)".to_string(),
        SoundSetting::Muted => "Sound on (M)".to_string(),
        SoundSetting::InQuestions => on_off(choices.music_in_questions),
        SoundSetting::ClassMusic if choices.quiet_room => "Quiet room".to_string(),
        SoundSetting::ClassMusic if choices.music_in_questions => "In questions too".to_string(),
        SoundSetting::ClassMusic => "Not in questions".to_string(),
    }
}

/// The sound rows. Solo play has room for a narrow column of one stepper a
/// row, each named by its row; the classroom has room for two short rows of
/// two, where the music row also offers the quiet room.
pub fn sound_rows(
    rows: &mut ChildSpawnerCommands,
    choices: &SoundChoices,
    classroom: bool,
    label_width: f32,
) {
    use SoundSetting::*;
    let lines: &[(&str, &[SoundSetting])] = if classroom {
        &[("Music", &[MusicVolume, ClassMusic]), ("Effects", &[CueVolume, Muted])]
    } else {
        &[
            ("Music", &[MusicVolume]),
            ("In questions", &[InQuestions]),
            ("Effects", &[CueVolume]),
            ("Mute (M)", &[Muted]),
        ]
    };
    let named_by_row = !classroom;
    for (label, settings) in lines {
        controls::setting_row(rows, label, label_width, |r| {
            for setting in *settings {
                let width = if named_by_row || matches!(setting, MusicVolume | CueVolume) {
                    LEVEL_WIDTH
                } else {
                    0.0
                };
                let shown = value(choices, *setting, named_by_row);
                if named_by_row {
                    controls::stepper(r, shown, width, false, (*setting, NamedByRow));
                } else {
                    controls::stepper(r, shown, width, false, *setting);
                }
            }
        });
    }
}

/// Keeps every sound stepper's value up to date.
fn show(
    choices: Res<SoundChoices>,
    steppers: Query<(&SoundSetting, Has<NamedByRow>, &Children)>,
    mut texts: Query<&mut Text>,
) {
    for (setting, named_by_row, children) in &steppers {
        let shown = value(&choices, *setting, named_by_row);
        for child in children.iter() {
            if let Ok(mut text) = texts.get_mut(child)
                && text.0 != shown
            {
                text.0 = shown.clone();
            }
        }
    }
}
