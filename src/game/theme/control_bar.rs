//! The teacher's row of buttons along the bottom of a classroom screen, each
//! naming its key.

use bevy::prelude::*;

use super::widgets;

/// A row of small buttons: each label with the action it sends.
pub fn control_bar<A: Component + Clone>(parent: &mut ChildSpawnerCommands, buttons: &[(&str, A)]) {
    parent
        .spawn(Node {
            column_gap: px(10),
            row_gap: px(8),
            justify_content: JustifyContent::Center,
            flex_wrap: FlexWrap::Wrap,
            ..default()
        })
        .with_children(|bar| {
            for (label, action) in buttons {
                bar.spawn(widgets::small_button(*label, action.clone()));
            }
        });
}
