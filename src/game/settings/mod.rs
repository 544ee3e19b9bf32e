//! Settings kept between runs in the data directory: the round setup and the
//! classroom setup. A damaged file is set aside with a warning, never fatal.

pub mod classroom;
pub mod setup;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((setup::plugin, classroom::plugin));
}
