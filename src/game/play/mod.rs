//! The game's hold on the core: the bank in play, the solo round, the
//! classroom session, students' devices (the hosted server), the bank being
//! edited, pause, and the sound that follows them. Each wraps a core type in
//! a resource, turns input into
//! calls on it, and moves the screens along with what it says. No rule of
//! play is written here.

pub mod bank;
pub mod classroom;
pub mod devices;
pub mod editing;
pub mod library;
pub mod pause;
pub mod results_copy;
pub mod round;
pub mod sound;
pub mod teacher_keys;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        bank::plugin,
        round::plugin,
        pause::plugin,
        classroom::plugin,
        devices::plugin,
        editing::plugin,
        library::plugin,
        results_copy::plugin,
        sound::plugin,
        teacher_keys::plugin,
    ));
}
