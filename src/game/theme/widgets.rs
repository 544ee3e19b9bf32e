//! Small widget constructors returning bundles, so every screen looks the
//! same. They take what they show and a role (`Ink`, `Fill`); the theme
//! paints the role (see `paint.rs`).

use bevy::prelude::*;
use bevy::text::LineHeight;

use super::paint::{Face, Fill, Ink};
use super::size;
use crate::game::ui::menu::{ButtonColors, MenuItem};

/// Plain text in the default (regular) font.
pub fn text(content: impl Into<String>, font_size: f32, ink: Ink) -> impl Bundle {
    (
        Text::new(content),
        TextFont::from_font_size(font_size),
        TextColor::default(),
        ink,
        LineHeight::RelativeToFont(1.25),
    )
}

/// Bold text.
pub fn bold(content: impl Into<String>, font_size: f32, ink: Ink) -> impl Bundle {
    (
        Text::new(content),
        TextFont::from_font_size(font_size),
        Face::Bold,
        TextColor::default(),
        ink,
        LineHeight::RelativeToFont(1.2),
    )
}

/// Italic text, for quotations.
pub fn italic(content: impl Into<String>, font_size: f32, ink: Ink) -> impl Bundle {
    (
        Text::new(content),
        TextFont::from_font_size(font_size),
        Face::Italic,
        TextColor::default(),
        ink,
        LineHeight::RelativeToFont(1.3),
    )
}

/// A glyph from the symbols font (shapes, ticks and crosses, which Noto
/// Sans lacks).
pub fn symbol(glyph: &str, font_size: f32, ink: Ink) -> impl Bundle {
    (
        Text::new(glyph),
        TextFont::from_font_size(font_size),
        Face::Symbols,
        TextColor::default(),
        ink,
        TextLayout::no_wrap(),
        Pickable::IGNORE,
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
pub fn screen_root() -> impl Bundle {
    screen(screen_node())
}

/// A whole-window screen with its own layout.
pub fn screen(node: Node) -> impl Bundle {
    (node, BackgroundColor::default(), Fill::Background)
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
pub fn panel(node: Node) -> impl Bundle {
    (node, BackgroundColor::default(), Fill::Panel)
}

/// A box filled with a role's colour.
pub fn filled(node: Node, fill: Fill) -> impl Bundle {
    (node, BackgroundColor::default(), fill)
}

/// A button the mouse and the keyboard can both use; `action` is what it
/// does, read by its screen. Keyboard order follows the order of spawning.
pub fn button(label: impl Into<String>, action: impl Bundle) -> impl Bundle {
    sized_button(
        label.into(),
        action,
        ButtonSize { min_width: 260.0, padding: (28.0, 12.0), text: size::BODY },
    )
}

/// A smaller button, for a toolbar or the teacher's controls.
pub fn small_button(label: impl Into<String>, action: impl Bundle) -> impl Bundle {
    sized_button(
        label.into(),
        action,
        ButtonSize { min_width: 48.0, padding: (16.0, 6.0), text: size::SMALL },
    )
}

/// One of the title screen's main choices: a large button with a line
/// under its label saying who it is for. Equal choices get equal buttons.
pub fn big_button(label: impl Into<String>, hint: impl Into<String>, action: impl Bundle) -> impl Bundle {
    (
        Button,
        MenuItem::default(),
        ButtonColors::BUTTON,
        action,
        Node {
            width: px(400),
            flex_direction: FlexDirection::Column,
            padding: UiRect::axes(px(24), px(16)),
            row_gap: px(2),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(18)),
            ..default()
        },
        BackgroundColor::default(),
        Outline::new(px(4), px(3), Color::NONE),
        children![
            (bold(label, size::HEADING, Ink::OnButton), TextLayout::no_wrap(), Pickable::IGNORE),
            (text(hint, size::SMALL, Ink::OnButton), TextLayout::no_wrap(), Pickable::IGNORE),
        ],
    )
}

struct ButtonSize {
    min_width: f32,
    padding: (f32, f32),
    text: f32,
}

fn sized_button(label: String, action: impl Bundle, s: ButtonSize) -> impl Bundle {
    (
        Button,
        MenuItem::default(),
        ButtonColors::BUTTON,
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
        BackgroundColor::default(),
        Outline::new(px(4), px(3), Color::NONE),
        children![(bold(label, s.text, Ink::OnButton), TextLayout::no_wrap(), Pickable::IGNORE)],
    )
}

/// A round badge with a key's name, so players know what to press.
pub fn key_badge(key: &str, fill: Fill, ink: Ink) -> impl Bundle {
    (
        filled(
            Node {
                width: px(38),
                height: px(38),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                border_radius: BorderRadius::MAX,
                flex_shrink: 0.0,
                ..default()
            },
            fill,
        ),
        Pickable::IGNORE,
        children![(bold(key, size::SMALL, ink), TextLayout::no_wrap(), Pickable::IGNORE)],
    )
}
