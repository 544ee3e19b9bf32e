//! Settings kept between runs in the data directory: the round setup, the
//! classroom setup and the sound. A damaged file is set aside with a warning, never fatal.

pub mod classroom;
pub mod setup;
pub mod sound;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((setup::plugin, classroom::plugin, sound::plugin));
}
