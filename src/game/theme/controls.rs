//! Setting controls shared by the setup screens: labelled rows, steppers
//! (‹ value ›) and toggle chips. Each takes the screen's own action
//! component, which the screen reads back from `Activated`/`Adjusted`.

use bevy::prelude::*;

use super::{Fonts, Theme, size, widgets};
use crate::game::menu::{ButtonColors, DefaultFocus, MenuItem, StepArrow, Stepper};

/// The width of a row's label column.
pub const LABEL_WIDTH: f32 = 240.0;

/// A labelled row; `content` spawns the controls beside the label.
pub fn setting_row(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    label: &str,
    label_width: f32,
    content: impl FnOnce(&mut ChildSpawnerCommands),
) {
    parent.spawn(Node { align_items: AlignItems::Center, column_gap: px(16), ..default() }).with_children(
        |r| {
            r.spawn((
                widgets::text(label, size::BODY, theme.palette.text_muted),
                TextLayout::no_wrap(),
                Node { width: px(label_width), flex_shrink: 0.0, ..default() },
            ));
            r.spawn(Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(10),
                row_gap: px(8),
                align_items: AlignItems::Center,
                ..default()
            })
            .with_children(content);
        },
    );
}

/// A value changed with its ‹ › arrows, Left/Right while focused, or a click
/// on it (which steps forward).
pub fn stepper(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    value: String,
    width: f32,
    order: u32,
    focused: bool,
    action: impl Component,
) {
    let p = &theme.palette;
    arrow(parent, theme, fonts, "‹", -1);
    let mut item = parent.spawn((
        MenuItem { order },
        Stepper,
        action,
        Button,
        ButtonColors { normal: p.panel_raised, hovered: p.button_hovered },
        Node {
            min_width: px(width),
            padding: UiRect::axes(px(16), px(8)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(p.panel_raised),
        Outline::new(px(4), px(2), Color::NONE),
        children![(widgets::bold(fonts, value, size::BODY, p.text), TextLayout::no_wrap(), Pickable::IGNORE)],
    ));
    if focused {
        item.insert(DefaultFocus);
    }
    arrow(parent, theme, fonts, "›", 1);
}

/// A ‹ or › for the mouse; it adjusts the stepper beside it.
fn arrow(parent: &mut ChildSpawnerCommands, theme: &Theme, fonts: &Fonts, label: &str, delta: i32) {
    let p = &theme.palette;
    parent.spawn((
        StepArrow { delta },
        Button,
        ButtonColors { normal: p.button, hovered: p.button_hovered },
        Node {
            width: px(44),
            padding: UiRect::vertical(px(6)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(p.button),
        children![(widgets::bold(fonts, label, size::BODY, p.button_text), Pickable::IGNORE)],
    ));
}

/// A toggle chip: filled and ticked when on.
pub fn chip(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    label: &str,
    on: bool,
    order: u32,
    focused: bool,
    action: impl Component,
) {
    let p = &theme.palette;
    let (normal, text) = if on { (p.accent, p.background) } else { (p.panel_raised, p.text) };
    let mut item = parent.spawn((
        MenuItem { order },
        action,
        Button,
        ButtonColors { normal, hovered: if on { normal } else { p.button_hovered } },
        Node {
            padding: UiRect::axes(px(14), px(6)),
            column_gap: px(6),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(18)),
            ..default()
        },
        BackgroundColor(normal),
        Outline::new(px(4), px(2), Color::NONE),
    ));
    if focused {
        item.insert(DefaultFocus);
    }
    item.with_children(|c| {
        // The tick, not only the colour, says the chip is on.
        if on {
            c.spawn(widgets::symbol(fonts, "✓", size::SMALL, text));
        }
        c.spawn((widgets::bold(fonts, label, size::SMALL, text), TextLayout::no_wrap(), Pickable::IGNORE));
    });
}
