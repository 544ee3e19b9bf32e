//! A team's badge: its colour and its shape, so a team is never told apart
//! by colour alone.

use bevy::prelude::*;

use super::paint::{Fill, Ink};
use super::palette::TEAM_SHAPES;
use super::widgets;

/// Team `team`'s colour and shape, as a round badge `diameter` across.
pub fn team_badge(team: usize, diameter: f32) -> impl Bundle {
    (
        widgets::filled(
            Node {
                width: px(diameter),
                height: px(diameter),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                border_radius: BorderRadius::MAX,
                flex_shrink: 0.0,
                ..default()
            },
            Fill::Team(team),
        ),
        Pickable::IGNORE,
        children![widgets::symbol(TEAM_SHAPES[team % TEAM_SHAPES.len()], diameter * 0.55, Ink::OnTeam)],
    )
}
