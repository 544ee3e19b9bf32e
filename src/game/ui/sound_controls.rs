//! Changing the sound: `M` mutes and unmutes from any screen (except while
//! something is being typed), and the sound rows' steppers on the setup
//! screens change the levels and options. Every change is remembered at once
//! (`sound.ron`), so a muted game stays muted next time. What is then heard
//! is `play/sound.rs`'s business.

use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::text::EditableText;

use super::menu::{Activated, Adjusted, MenuFocus};
use super::text_field::TextField;
use crate::game::play::classroom::ClassSession;
use crate::game::play::teacher_keys::letters_are_taken;
use crate::game::settings::sound::{SoundChoices, SoundSetting};
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::quiz::classroom::AnsweringStyle;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, mute_key.in_set(GameSet::RecordInput))
        .add_systems(Update, step_settings.in_set(GameSet::Update));
}

/// Whether a key press is text being typed: into a name field, an editor
/// field, or a team's estimate on the teacher's entry grid.
fn typing(
    menu_focus: &MenuFocus,
    text_fields: &Query<(), With<TextField>>,
    input_focus: Option<&InputFocus>,
    editable: &Query<(), With<EditableText>>,
    screen: Screen,
    class: Option<&ClassSession>,
) -> bool {
    let in_field = menu_focus.0.is_some_and(|e| text_fields.contains(e));
    let in_editor = input_focus.and_then(|f| f.get()).is_some_and(|e| editable.contains(e));
    let entering_a_number = class.is_some_and(|c| {
        c.session.style == AnsweringStyle::TeacherEntry && letters_are_taken(&c.session, screen)
    });
    in_field || in_editor || entering_a_number
}

fn mute_key(
    keys: Res<ButtonInput<KeyCode>>,
    menu_focus: Res<MenuFocus>,
    text_fields: Query<(), With<TextField>>,
    input_focus: Option<Res<InputFocus>>,
    editable: Query<(), With<EditableText>>,
    screen: Res<State<Screen>>,
    class: Option<Res<ClassSession>>,
    mut choices: ResMut<SoundChoices>,
    dir: Res<DataDir>,
) {
    if !keys.just_pressed(KeyCode::KeyM) {
        return;
    }
    if typing(&menu_focus, &text_fields, input_focus.as_deref(), &editable, *screen.get(), class.as_deref()) {
        return;
    }
    choices.change(SoundSetting::Muted, 1);
    choices.remember(&dir);
}

/// The sound rows' steppers: Enter or a click steps forward, Left/Right and
/// the arrows step either way.
fn step_settings(
    mut activated: MessageReader<Activated>,
    mut adjusted: MessageReader<Adjusted>,
    settings: Query<&SoundSetting>,
    mut choices: ResMut<SoundChoices>,
    dir: Res<DataDir>,
) {
    let steps: Vec<(SoundSetting, i32)> = activated
        .read()
        .map(|a| (a.0, 1))
        .chain(adjusted.read().map(|a| (a.entity, a.delta)))
        .filter_map(|(e, delta)| settings.get(e).ok().map(|s| (*s, delta)))
        .collect();
    if steps.is_empty() {
        return;
    }
    for (setting, delta) in steps {
        choices.change(setting, delta);
    }
    choices.remember(&dir);
}
