//! The UI's machinery, shared by every screen but drawing nothing of its
//! own: focus and activation by mouse or keyboard, text fields, the banner,
//! the keys overlay, the window's scaling and update mode, the answer keys,
//! the sound controls (`M`, the sound rows), and the screenshot driver.

pub mod answer_keys;
pub mod banner;
pub mod folder;
pub mod frame_log;
pub mod help;
pub mod menu;
pub mod screenshot;
pub mod sound_controls;
pub mod text_field;
pub mod window;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        banner::plugin,
        folder::plugin,
        menu::plugin,
        text_field::plugin,
        window::plugin,
        help::plugin,
        sound_controls::plugin,
    ));
}
