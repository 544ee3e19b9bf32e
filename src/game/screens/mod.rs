//! One file (or folder) per screen. Each spawns its UI when its `Screen`
//! state is entered, tags it `DespawnOnExit`, and runs its systems only in
//! that state. A screen imports from `theme/`, `play/`, `settings/`, `ui/`
//! and the core, never from another screen.

pub mod bank_error;
pub mod class_question;
pub mod class_results;
pub mod class_reveal;
pub mod class_setup;
pub mod devices;
pub mod editor;
pub mod leaderboard;
pub mod open_bank;
pub mod podium;
pub mod question;
pub mod results;
pub mod reveal;
pub mod setup;
pub mod title;

use bevy::prelude::*;

use crate::game::Screen;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::Theme;
use crate::game::ui::menu::DefaultFocus;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        bank_error::plugin,
        title::plugin,
        setup::plugin,
        question::plugin,
        reveal::plugin,
        results::plugin,
    ))
    .add_plugins((
        class_setup::plugin,
        class_question::plugin,
        class_reveal::plugin,
        leaderboard::plugin,
        podium::plugin,
        class_results::plugin,
        devices::plugin,
        editor::plugin,
        open_bank::plugin,
    ));
}

/// Redraws a screen after a change: despawns its root and runs its spawn
/// system again.
fn redraw<Root: Component, M>(
    world: &mut World,
    spawn: impl IntoSystem<(), (), M> + Copy + Send + Sync + 'static,
) {
    let roots: Vec<Entity> = world.query_filtered::<Entity, With<Root>>().iter(world).collect();
    for e in roots {
        world.entity_mut(e).despawn();
    }
    if let Err(e) = world.run_system_cached(spawn) {
        warn!("could not redraw the screen: {e}");
    }
}

/// Switches the theme when the high-contrast setting changed; the theme
/// repaints every role.
fn apply_theme(world: &mut World, high_contrast: bool) {
    if high_contrast != world.resource::<Theme>().high_contrast {
        world.insert_resource(Theme::new(high_contrast));
    }
}

/// Gives the keyboard focus to the teacher control that sends `command`, so
/// Enter does what the screen's main button says.
fn focus_control(world: &mut World, command: TeacherCommand) {
    let mut controls = world.query::<(Entity, &Control)>();
    let found = controls.iter(world).find(|(_, c)| c.0 == command).map(|(e, _)| e);
    if let Some(e) = found {
        world.entity_mut(e).insert(DefaultFocus);
    }
}

/// Esc goes back to the title screen (from the setup screens).
fn back_to_title_on_escape(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}
