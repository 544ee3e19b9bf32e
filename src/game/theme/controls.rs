//! Setting controls shared by the setup screens: labelled rows, steppers
//! (‹ value ›) and toggle chips. Each takes the screen's own action
//! component, which the screen reads back from `Activated`/`Adjusted`.

use bevy::prelude::*;

use super::paint::{Fill, Ink};
use super::{size, widgets};
use crate::game::ui::menu::{ButtonColors, DefaultFocus, MenuItem, StepArrow, Stepper};

/// The width of a row's label column.
pub const LABEL_WIDTH: f32 = 240.0;

/// A labelled row; `content` spawns the controls beside the label.
pub fn setting_row(
    parent: &mut ChildSpawnerCommands,
    label: &str,
    label_width: f32,
    content: impl FnOnce(&mut ChildSpawnerCommands),
) {
    parent.spawn(Node { align_items: AlignItems::Center, column_gap: px(16), ..default() }).with_children(
        |r| {
            r.spawn((
                widgets::text(label, size::BODY, Ink::Muted),
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
    value: String,
    width: f32,
    focused: bool,
    action: impl Bundle,
) {
    arrow(parent, "‹", -1);
    let mut item = parent.spawn((
        MenuItem::default(),
        Stepper,
        action,
        Button,
        ButtonColors { normal: Fill::Raised, hovered: Fill::ButtonHovered },
        Node {
            min_width: px(width),
            padding: UiRect::axes(px(16), px(8)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor::default(),
        Outline::new(px(4), px(2), Color::NONE),
        children![(widgets::bold(value, size::BODY, Ink::Text), TextLayout::no_wrap(), Pickable::IGNORE)],
    ));
    if focused {
        item.insert(DefaultFocus);
    }
    arrow(parent, "›", 1);
}

/// A ‹ or › for the mouse; it adjusts the stepper beside it.
fn arrow(parent: &mut ChildSpawnerCommands, label: &str, delta: i32) {
    parent.spawn((
        StepArrow { delta },
        Button,
        ButtonColors::BUTTON,
        Node {
            width: px(44),
            padding: UiRect::vertical(px(6)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor::default(),
        children![(widgets::bold(label, size::BODY, Ink::OnButton), Pickable::IGNORE)],
    ));
}

/// A toggle chip: filled and ticked when on.
pub fn chip(parent: &mut ChildSpawnerCommands, label: &str, on: bool, focused: bool, action: impl Component) {
    let (normal, ink) = if on { (Fill::Accent, Ink::OnAccent) } else { (Fill::Raised, Ink::Text) };
    let mut item = parent.spawn((
        MenuItem::default(),
        action,
        Button,
        ButtonColors { normal, hovered: if on { normal } else { Fill::ButtonHovered } },
        Node {
            padding: UiRect::axes(px(14), px(6)),
            column_gap: px(6),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(18)),
            ..default()
        },
        BackgroundColor::default(),
        Outline::new(px(4), px(2), Color::NONE),
    ));
    if focused {
        item.insert(DefaultFocus);
    }
    item.with_children(|c| {
        // The tick, not only the colour, says the chip is on.
        if on {
            c.spawn(widgets::symbol("✓", size::SMALL, ink));
        }
        c.spawn((widgets::bold(label, size::SMALL, ink), TextLayout::no_wrap(), Pickable::IGNORE));
    });
}
