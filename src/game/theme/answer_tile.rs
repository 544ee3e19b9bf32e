//! Answer tiles: a colour, a shape and the keys that choose them, the same
//! on every screen (and on the students' phones), so colour is never the
//! only way to tell answers apart.

use bevy::prelude::*;

use super::paint::{Fill, Ink};
use super::palette::TILE_SHAPES;
use super::{size, widgets};
use crate::game::ui::menu::{ButtonColors, MenuItem};

/// The coloured shape that marks answer `index`.
pub fn tile_shape(index: usize, font_size: f32, ink: Ink) -> impl Bundle {
    widgets::symbol(TILE_SHAPES[index % TILE_SHAPES.len()], font_size, ink)
}

/// How much room a tile takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileWidth {
    /// Two tiles to a row.
    Half,
    /// One tile to a row (a few short answers).
    Whole,
}

/// The row of tiles, wrapping.
pub fn answer_grid(gap: f32) -> Node {
    Node {
        flex_wrap: FlexWrap::Wrap,
        justify_content: JustifyContent::Center,
        column_gap: px(gap),
        row_gap: px(gap),
        ..default()
    }
}

fn tile_node(width: TileWidth, min_height: f32) -> Node {
    Node {
        width: match width {
            TileWidth::Half => percent(48.5),
            TileWidth::Whole => percent(100),
        },
        min_height: px(min_height),
        padding: UiRect::axes(px(18), px(10)),
        column_gap: px(16),
        align_items: AlignItems::Center,
        border_radius: BorderRadius::all(px(14)),
        ..default()
    }
}

/// Answer `index` as a tile to look at: its shape, its text, and the keys
/// that choose it (one key, or one per buzzer team).
pub fn answer_tile(index: usize, choice: &str, keys: &str, width: TileWidth, min_height: f32) -> impl Bundle {
    (
        widgets::filled(tile_node(width, min_height), Fill::Tile(index)),
        children![
            tile_shape(index, 30.0, Ink::OnTile),
            (widgets::bold(choice, size::TILE, Ink::OnTile), Node { flex_grow: 1.0, ..default() }),
            (widgets::bold(keys, size::SMALL, Ink::OnTile), TextLayout::no_wrap()),
        ],
    )
}

/// Answer `index` as a tile to press: a click, Enter while it has the
/// focus, or its key badge's key chooses it.
pub fn answer_button(
    index: usize,
    choice: &str,
    key: &str,
    width: TileWidth,
    min_height: f32,
    action: impl Component,
) -> impl Bundle {
    (
        Button,
        MenuItem::default(),
        ButtonColors { normal: Fill::Tile(index), hovered: Fill::TileHovered(index) },
        action,
        tile_node(width, min_height),
        BackgroundColor::default(),
        Outline::new(px(5), px(3), Color::NONE),
        children![
            // A fixed-width slot, so every tile's text starts at the same place.
            (
                Node {
                    width: px(40),
                    flex_shrink: 0.0,
                    justify_content: JustifyContent::Center,
                    ..default()
                },
                Pickable::IGNORE,
                children![tile_shape(index, 34.0, Ink::OnTile)],
            ),
            (
                widgets::bold(choice, size::TILE, Ink::OnTile),
                Node { flex_grow: 1.0, ..default() },
                Pickable::IGNORE
            ),
            widgets::key_badge(key, Fill::Shade, Ink::OnTile),
        ],
    )
}
