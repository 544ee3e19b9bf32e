//! One file per screen. Each spawns its UI when its `Screen` state is
//! entered, tags it `DespawnOnExit`, and runs its systems only in that state.

pub mod bank_error;
pub mod class_question;
pub mod class_results;
pub mod class_reveal;
pub mod class_setup;
pub mod editor;
pub mod leaderboard;
pub mod podium;
pub mod question;
pub mod results;
pub mod reveal;
pub mod setup;
pub mod title;

use bevy::prelude::*;

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
        editor::plugin,
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

/// Switches the theme when the high-contrast setting changed.
fn apply_theme(world: &mut World, high_contrast: bool) {
    if high_contrast != world.resource::<crate::game::theme::Theme>().high_contrast {
        world.insert_resource(crate::game::theme::Theme::new(high_contrast));
    }
}

/// Gives the keyboard focus to the teacher control that sends `command`, so
/// Enter does what the screen's main button says.
fn focus_control(world: &mut World, command: crate::game::classroom::TeacherCommand) {
    let mut controls = world.query::<(Entity, &class_question::Control)>();
    let found = controls.iter(world).find(|(_, c)| c.0 == command).map(|(e, _)| e);
    if let Some(e) = found {
        world.entity_mut(e).insert(crate::game::menu::DefaultFocus);
    }
}
