//! One file per screen. Each spawns its UI when its `Screen` state is
//! entered, tags it `DespawnOnExit`, and runs its systems only in that state.

pub mod bank_error;
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
    ));
}
