//! Buttons that work with the mouse alone and with the keyboard alone.
//!
//! Every clickable thing is a `MenuItem`. A click, or Enter/Space on the
//! focused item, writes `Activated`; screens read it and look up the item's
//! action component. Up/Down/Tab move the focus; Left/Right adjust a focused
//! `Stepper` (or move the focus elsewhere). Hovered and focused items are
//! highlighted.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;

use super::text_field::TextField;
use crate::game::GameSet;
use crate::game::theme::{Fill, Theme};

/// The menu's input systems: anything reading `Activated` or `Adjusted` in
/// `GameSet::RecordInput` runs after them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MenuSystems;

/// Something the player can activate. Keyboard navigation visits items in
/// the order they were spawned, which is the order a screen lays them out.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct MenuItem {
    /// Set when the item appears, from `SpawnOrder`.
    order: u64,
}

/// Counts menu items as they appear, for their keyboard order.
#[derive(Resource, Debug, Default)]
struct SpawnOrder(u64);

/// The item that gets the focus when a screen opens.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct DefaultFocus;

/// An item whose value Left/Right change (a setting).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Stepper;

/// The root of an overlay (pause, help) that takes the keyboard: while one
/// exists, only the items inside it can be focused.
#[derive(Component, Debug, Clone, Copy, Default)]
#[require(bevy::ui::FocusPolicy::Block)]
pub struct Modal;

/// A ‹ or › beside a `Stepper`: clicking it adjusts its sibling stepper.
#[derive(Component, Debug, Clone, Copy)]
pub struct StepArrow {
    pub delta: i32,
}

/// The fills of an item at rest and under the mouse.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ButtonColors {
    pub normal: Fill,
    pub hovered: Fill,
}

impl ButtonColors {
    /// An ordinary button.
    pub const BUTTON: ButtonColors = ButtonColors { normal: Fill::Button, hovered: Fill::ButtonHovered };
}

/// The item with the keyboard focus.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MenuFocus(pub Option<Entity>);

/// A menu item was clicked, or chosen with Enter or Space.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activated(pub Entity);

/// The same as `Activated`, as an event on the item itself, so a button can
/// carry its own observer: `commands.spawn(widgets::button("Play", ..)).observe(..)`.
#[derive(EntityEvent, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activate {
    pub entity: Entity,
}

/// Left (-1) or Right (+1) on a focused `Stepper`.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adjusted {
    pub entity: Entity,
    pub delta: i32,
}

/// While set (a text field or a slider has the keys), menu navigation keys
/// are left alone.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct KeysCaptured(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<MenuFocus>()
        .add_systems(Update, trigger_activate.after(MenuSystems).in_set(GameSet::RecordInput))
        .init_resource::<KeysCaptured>()
        .init_resource::<SpawnOrder>()
        .add_observer(number_new_item)
        .add_observer(paint_new_button)
        .add_message::<Activated>()
        .add_message::<Adjusted>()
        .add_systems(
            Update,
            (forget_despawned_focus, focus_default, pointer_activation, step_arrows, keyboard_navigation)
                .chain()
                .in_set(MenuSystems)
                .in_set(GameSet::RecordInput),
        )
        .add_systems(Update, highlight.in_set(GameSet::Update));
}

fn number_new_item(add: On<Add, MenuItem>, mut next: ResMut<SpawnOrder>, mut items: Query<&mut MenuItem>) {
    if let Ok(mut item) = items.get_mut(add.entity) {
        next.0 += 1;
        item.order = next.0;
    }
}

/// A button has its resting colour from the moment it appears.
fn paint_new_button(
    insert: On<Insert, ButtonColors>,
    theme: Res<Theme>,
    mut buttons: Query<(&ButtonColors, &mut BackgroundColor)>,
) {
    if let Ok((colours, mut background)) = buttons.get_mut(insert.entity) {
        background.0 = theme.palette.fill(colours.normal);
    }
}

/// Every `Activated` message is also an `Activate` event on its item.
fn trigger_activate(mut activated: MessageReader<Activated>, mut commands: Commands) {
    for Activated(entity) in activated.read() {
        commands.trigger(Activate { entity: *entity });
    }
}

fn forget_despawned_focus(mut focus: ResMut<MenuFocus>, items: Query<(), With<MenuItem>>) {
    if let Some(e) = focus.0
        && !items.contains(e)
    {
        focus.0 = None;
    }
}

/// A newly spawned `DefaultFocus` item takes the focus.
fn focus_default(mut focus: ResMut<MenuFocus>, added: Query<Entity, Added<DefaultFocus>>) {
    if let Some(e) = added.iter().last() {
        focus.0 = Some(e);
    }
}

fn pointer_activation(
    items: Query<(Entity, &Interaction), (Changed<Interaction>, With<MenuItem>)>,
    mut focus: ResMut<MenuFocus>,
    mut activated: MessageWriter<Activated>,
) {
    for (entity, interaction) in &items {
        if *interaction == Interaction::Pressed {
            focus.0 = Some(entity);
            activated.write(Activated(entity));
        }
    }
}

fn step_arrows(
    arrows: Query<(&Interaction, &StepArrow, &ChildOf), Changed<Interaction>>,
    children: Query<&Children>,
    steppers: Query<(), With<Stepper>>,
    mut focus: ResMut<MenuFocus>,
    mut adjusted: MessageWriter<Adjusted>,
) {
    for (interaction, arrow, parent) in &arrows {
        if *interaction != Interaction::Pressed {
            continue;
        }
        let sibling =
            children.get(parent.parent()).ok().and_then(|c| c.iter().find(|e| steppers.contains(*e)));
        if let Some(stepper) = sibling {
            focus.0 = Some(stepper);
            adjusted.write(Adjusted { entity: stepper, delta: arrow.delta });
        }
    }
}

fn keyboard_navigation(
    mut keys: MessageReader<KeyboardInput>,
    held: Res<ButtonInput<KeyCode>>,
    captured: Res<KeysCaptured>,
    items: Query<(Entity, &MenuItem, Option<&Stepper>, Has<TextField>)>,
    modals: Query<Entity, With<Modal>>,
    parents: Query<&ChildOf>,
    mut focus: ResMut<MenuFocus>,
    mut activated: MessageWriter<Activated>,
    mut adjusted: MessageWriter<Adjusted>,
) {
    let modal = modals.iter().next();
    let reachable = |e: Entity| modal.is_none_or(|m| parents.iter_ancestors(e).any(|a| a == m));
    let mut ordered: Vec<(u64, Entity, bool)> =
        items.iter().filter(|(e, ..)| reachable(*e)).map(|(e, m, s, _)| (m.order, e, s.is_some())).collect();
    ordered.sort_by_key(|(order, e, _)| (*order, *e));
    // A focused text field keeps Space and the arrow keys for typing, and
    // Enter moves on to the next item.
    let in_text_field = focus.0.and_then(|f| items.get(f).ok()).is_some_and(|(_, _, _, text)| text);
    let shift = held.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    for key in keys.read() {
        if key.state != ButtonState::Pressed || captured.0 {
            continue;
        }
        let position = focus.0.and_then(|f| ordered.iter().position(|(_, e, _)| *e == f));
        let on_stepper = position.is_some_and(|i| ordered[i].2);
        let step = match key.key_code {
            KeyCode::Space | KeyCode::ArrowLeft | KeyCode::ArrowRight if in_text_field => 0,
            KeyCode::Enter | KeyCode::NumpadEnter if in_text_field => 1,
            KeyCode::ArrowDown => 1,
            KeyCode::ArrowUp => -1,
            KeyCode::Tab if shift => -1,
            KeyCode::Tab => 1,
            KeyCode::ArrowRight | KeyCode::ArrowLeft if on_stepper => {
                let delta = if key.key_code == KeyCode::ArrowRight { 1 } else { -1 };
                if let Some(e) = focus.0 {
                    adjusted.write(Adjusted { entity: e, delta });
                }
                0
            }
            KeyCode::ArrowRight => 1,
            KeyCode::ArrowLeft => -1,
            KeyCode::Enter | KeyCode::NumpadEnter | KeyCode::Space => {
                if let Some(e) = focus.0 {
                    activated.write(Activated(e));
                }
                0
            }
            _ => 0,
        };
        if step != 0 && !ordered.is_empty() {
            let n = ordered.len() as i64;
            let next = match position {
                Some(i) => (i as i64 + step).rem_euclid(n) as usize,
                None if step > 0 => 0,
                None => ordered.len() - 1,
            };
            focus.0 = Some(ordered[next].1);
        }
    }
}

/// Hovered items lighten; the focused one wears a ring.
fn highlight(
    theme: Res<Theme>,
    focus: Res<MenuFocus>,
    mut items: Query<(
        Entity,
        &ButtonColors,
        Option<&Interaction>,
        &mut BackgroundColor,
        Option<&mut Outline>,
    )>,
) {
    for (entity, colors, interaction, mut background, outline) in &mut items {
        let hovered = matches!(interaction, Some(Interaction::Hovered | Interaction::Pressed));
        let wanted = theme.palette.fill(if hovered { colors.hovered } else { colors.normal });
        if background.0 != wanted {
            background.0 = wanted;
        }
        if let Some(mut outline) = outline {
            let ring = if focus.0 == Some(entity) { theme.palette.focus_ring } else { Color::NONE };
            if outline.color != ring {
                outline.color = ring;
            }
        }
    }
}
