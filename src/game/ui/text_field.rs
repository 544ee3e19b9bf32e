//! A one-line text field for the menu (the player's name): type while it has
//! the focus, Backspace to delete.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use super::menu::{ButtonColors, MenuFocus};
use crate::game::GameSet;
use crate::game::theme::{Fill, Ink, size, widgets};

/// The field's value. Its first child `Text` shows it.
#[derive(Component, Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    pub value: String,
    pub max_chars: usize,
    /// Shown, dimmed, while the field is empty.
    pub placeholder: String,
}

/// The text showing a field's value.
#[derive(Component, Debug, Clone, Copy)]
pub struct TextFieldDisplay;

/// A text field's look: a rounded box whose first child shows the value.
/// Add a `MenuItem` (and an action) to make it focusable.
pub fn field(value: &str, max_chars: usize, placeholder: &str, width: f32) -> impl Bundle {
    (
        Button,
        ButtonColors { normal: Fill::Raised, hovered: Fill::ButtonHovered },
        TextField { value: value.to_string(), max_chars, placeholder: placeholder.to_string() },
        Node {
            width: px(width),
            padding: UiRect::axes(px(16), px(8)),
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor::default(),
        Outline::new(px(4), px(2), Color::NONE),
        children![(
            TextFieldDisplay,
            widgets::text("", size::BODY, Ink::Text),
            TextLayout::no_wrap(),
            Pickable::IGNORE
        )],
    )
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, type_into_focused_field.in_set(GameSet::RecordInput))
        .add_systems(Update, show_fields.in_set(GameSet::Update));
}

fn type_into_focused_field(
    mut keys: MessageReader<KeyboardInput>,
    focus: Res<MenuFocus>,
    mut fields: Query<&mut TextField>,
) {
    let Some(mut field) = focus.0.and_then(|e| fields.get_mut(e).ok()) else {
        keys.clear();
        return;
    };
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        match &key.logical_key {
            Key::Backspace => {
                field.value.pop();
            }
            _ => {
                let typed = key.text.as_deref().unwrap_or_default();
                for c in typed.chars().filter(|c| !c.is_control()) {
                    if field.value.chars().count() < field.max_chars {
                        field.value.push(c);
                    }
                }
            }
        }
    }
}

fn show_fields(
    focus: Res<MenuFocus>,
    fields: Query<(Entity, Ref<TextField>, &Children)>,
    mut texts: Query<(&mut Text, &mut Ink), With<TextFieldDisplay>>,
) {
    for (entity, field, children) in &fields {
        if !field.is_changed() && !focus.is_changed() {
            continue;
        }
        let focused = focus.0 == Some(entity);
        for child in children.iter() {
            if let Ok((mut text, mut ink)) = texts.get_mut(child) {
                let caret = if focused { "|" } else { "" };
                if field.value.is_empty() && !focused {
                    text.0 = field.placeholder.clone();
                    ink.set_if_neq(Ink::Muted);
                } else {
                    text.0 = format!("{}{caret}", field.value);
                    ink.set_if_neq(Ink::Text);
                }
            }
        }
    }
}
