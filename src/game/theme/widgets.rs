//! Small widget constructors returning bundles, so every screen looks the same.

use bevy::prelude::*;
use bevy::text::{FontSize, LineHeight};

use super::{Fonts, Theme, palette::TILE_SHAPES, size};
use crate::game::menu::{ButtonColors, MenuItem};

/// Plain text in the default (regular) font.
pub fn text(content: impl Into<String>, font_size: f32, color: Color) -> impl Bundle {
    (
        Text::new(content),
        TextFont::from_font_size(font_size),
        TextColor(color),
        LineHeight::RelativeToFont(1.25),
    )
}

/// Bold text.
pub fn bold(fonts: &Fonts, content: impl Into<String>, font_size: f32, color: Color) -> impl Bundle {
    (
        Text::new(content),
        TextFont { font: fonts.bold.clone().into(), font_size: FontSize::Px(font_size), ..default() },
        TextColor(color),
        LineHeight::RelativeToFont(1.2),
    )
}

/// Italic text, for quotations.
pub fn italic(fonts: &Fonts, content: impl Into<String>, font_size: f32, color: Color) -> impl Bundle {
    (
        Text::new(content),
        TextFont { font: fonts.italic.clone().into(), font_size: FontSize::Px(font_size), ..default() },
        TextColor(color),
        LineHeight::RelativeToFont(1.3),
    )
}

/// Centred text.
pub fn centred() -> TextLayout {
    TextLayout::justify(Justify::Center)
}

/// The layout of a whole-window screen: a centred column. Callers adjust it
/// with `Node { row_gap: .., ..screen_node() }`.
pub fn screen_node() -> Node {
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        padding: UiRect::axes(px(48), px(28)),
        row_gap: px(16),
        ..default()
    }
}

/// A whole-window screen on the background colour.
pub fn screen_root(theme: &Theme) -> impl Bundle {
    screen(theme, screen_node())
}

/// A whole-window screen with its own layout.
pub fn screen(theme: &Theme, node: Node) -> impl Bundle {
    (node, BackgroundColor(theme.palette.background))
}

/// The layout of a panel: a padded, rounded column. Callers adjust it with
/// `Node { max_width: .., ..panel_node() }`.
pub fn panel_node() -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        padding: UiRect::axes(px(24), px(16)),
        row_gap: px(8),
        border_radius: BorderRadius::all(px(14)),
        ..default()
    }
}

/// A rounded panel for grouping text.
pub fn panel(theme: &Theme, node: Node) -> impl Bundle {
    (node, BackgroundColor(theme.palette.panel))
}

/// A button the mouse and the keyboard can both use. `order` places it in
/// keyboard navigation; `action` is what it does, read by its screen.
pub fn button(theme: &Theme, fonts: &Fonts, label: &str, order: u32, action: impl Component) -> impl Bundle {
    sized_button(
        theme,
        fonts,
        label,
        order,
        action,
        ButtonSize { min_width: 260.0, padding: (28.0, 12.0), text: size::BODY },
    )
}

/// A smaller button, for the arrows of a setting or a toolbar.
pub fn small_button(
    theme: &Theme,
    fonts: &Fonts,
    label: &str,
    order: u32,
    action: impl Component,
) -> impl Bundle {
    sized_button(
        theme,
        fonts,
        label,
        order,
        action,
        ButtonSize { min_width: 48.0, padding: (16.0, 6.0), text: size::SMALL },
    )
}

struct ButtonSize {
    min_width: f32,
    padding: (f32, f32),
    text: f32,
}

fn sized_button(
    theme: &Theme,
    fonts: &Fonts,
    label: &str,
    order: u32,
    action: impl Component,
    s: ButtonSize,
) -> impl Bundle {
    let p = &theme.palette;
    (
        Button,
        MenuItem { order },
        ButtonColors { normal: p.button, hovered: p.button_hovered },
        action,
        Node {
            min_width: px(s.min_width),
            flex_shrink: 0.0,
            padding: UiRect::axes(px(s.padding.0), px(s.padding.1)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(s.padding.1 + 4.0)),
            ..default()
        },
        BackgroundColor(p.button),
        Outline::new(px(4), px(3), Color::NONE),
        children![(bold(fonts, label, s.text, p.button_text), TextLayout::no_wrap(), Pickable::IGNORE)],
    )
}

/// A glyph from the symbols font (shapes, ticks and crosses, which Noto
/// Sans lacks).
pub fn symbol(fonts: &Fonts, glyph: &str, font_size: f32, color: Color) -> impl Bundle {
    (
        Text::new(glyph),
        TextFont { font: fonts.symbols.clone().into(), font_size: FontSize::Px(font_size), ..default() },
        TextColor(color),
        TextLayout::no_wrap(),
        Pickable::IGNORE,
    )
}

/// The coloured shape that marks answer tile `index`.
pub fn tile_shape(fonts: &Fonts, index: usize, font_size: f32, color: Color) -> impl Bundle {
    symbol(fonts, TILE_SHAPES[index % TILE_SHAPES.len()], font_size, color)
}

/// A round badge with a key's name, so players know what to press.
pub fn key_badge(fonts: &Fonts, key: &str, background: Color, foreground: Color) -> impl Bundle {
    (
        Node {
            width: px(38),
            height: px(38),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::MAX,
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(background),
        Pickable::IGNORE,
        children![(bold(fonts, key, size::SMALL, foreground), TextLayout::no_wrap(), Pickable::IGNORE)],
    )
}
