//! The editor's questions to the teacher: "Save your changes?" before
//! leaving (or closing the window) with unsaved edits, and "Delete?" before
//! a question goes. Also the frame every editor dialog is drawn in, and Esc,
//! which closes a dialog, then leaves a text field, then leaves the editor.

use bevy::input_focus::InputFocus;
use bevy::prelude::*;

use super::{EditorAction, EditorSystems, EditorView, send};
use crate::game::Screen;
use crate::game::play::editing::{Editing, EditorCommand, UnsavedPrompt};
use crate::game::theme::{Ink, Theme, size, widgets};
use crate::game::ui::menu::{Activate, DefaultFocus, Modal};

/// Which question a dialog asks.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Unsaved,
    Delete,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, escape.in_set(EditorSystems::Typing))
        .add_systems(Update, draw.in_set(EditorSystems::Draw));
}

/// A dialog over the editor: a shade that takes the keyboard (only the
/// dialog's buttons can be focused) and a panel for `contents`.
pub(super) fn spawn_dialog(
    commands: &mut Commands,
    theme: &Theme,
    marker: impl Bundle,
    contents: impl FnOnce(&mut ChildSpawnerCommands),
) {
    commands
        .spawn((
            marker,
            Modal,
            DespawnOnExit(Screen::Editor),
            widgets::screen_node(),
            BackgroundColor(theme.palette.background.with_alpha(0.92)),
            GlobalZIndex(40),
        ))
        .with_children(|root| {
            root.spawn(widgets::panel(Node {
                width: px(760),
                align_items: AlignItems::Center,
                row_gap: px(14),
                padding: UiRect::all(px(24)),
                ..widgets::panel_node()
            }))
            .with_children(contents);
        });
}

/// A row of a dialog's buttons.
pub(super) fn buttons(d: &mut ChildSpawnerCommands, spawn: impl FnOnce(&mut ChildSpawnerCommands)) {
    d.spawn(Node { column_gap: px(12), ..default() }).with_children(spawn);
}

fn draw(
    prompt: Res<UnsavedPrompt>,
    view: Res<EditorView>,
    editing: Res<Editing>,
    shown: Query<(Entity, &Asking)>,
    theme: Res<Theme>,
    mut commands: Commands,
) {
    let wanted = if prompt.open {
        Some(Asking::Unsaved)
    } else if view.confirm_delete {
        Some(Asking::Delete)
    } else {
        None
    };
    if shown.iter().map(|(_, a)| *a).next() == wanted {
        return;
    }
    for (e, _) in &shown {
        commands.entity(e).despawn();
    }
    match wanted {
        Some(Asking::Unsaved) => {
            let file = editing.session.path.display().to_string();
            spawn_dialog(&mut commands, &theme, Asking::Unsaved, |d| {
                d.spawn(widgets::bold("Save your changes?", size::HEADING, Ink::Text));
                d.spawn(widgets::text(
                    format!("{file} has changes that are not saved."),
                    size::SMALL,
                    Ink::Muted,
                ));
                buttons(d, |b| {
                    let save = EditorCommand::SaveAndLeave;
                    b.spawn((widgets::button("Save", EditorAction::Command(save)), DefaultFocus))
                        .observe(send(save));
                    let discard = EditorCommand::DiscardAndLeave;
                    b.spawn(widgets::button("Don't save", EditorAction::Command(discard)))
                        .observe(send(discard));
                    b.spawn(widgets::button("Cancel", EditorAction::CloseDialog)).observe(keep_editing);
                });
            });
        }
        Some(Asking::Delete) => {
            let id = editing.session.question().map(|q| q.id.clone()).unwrap_or_default();
            spawn_dialog(&mut commands, &theme, Asking::Delete, |d| {
                d.spawn(widgets::bold(format!("Delete `{id}`?"), size::HEADING, Ink::Text));
                d.spawn(widgets::text(
                    "Undo (Ctrl+Z) brings it back until you leave the editor.",
                    size::SMALL,
                    Ink::Muted,
                ));
                buttons(d, |b| {
                    b.spawn(widgets::button("Delete", EditorAction::ConfirmDelete)).observe(delete);
                    b.spawn((widgets::button("Cancel", EditorAction::CloseDialog), DefaultFocus))
                        .observe(keep_editing);
                });
            });
        }
        None => {}
    }
}

fn delete(_: On<Activate>, mut view: ResMut<EditorView>, mut editing: ResMut<Editing>) {
    view.confirm_delete = false;
    editing.change_selected(|s, q| s.delete(q));
}

/// Cancel: every dialog closes, and nothing else changes.
fn keep_editing(_: On<Activate>, mut view: ResMut<EditorView>, mut prompt: ResMut<UnsavedPrompt>) {
    view.confirm_delete = false;
    view.import_open = false;
    view.draft_open = false;
    prompt.open = false;
}

fn escape(
    keys: Res<ButtonInput<KeyCode>>,
    mut focus: ResMut<InputFocus>,
    mut view: ResMut<EditorView>,
    mut prompt: ResMut<UnsavedPrompt>,
    mut commands: MessageWriter<EditorCommand>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    if prompt.open || view.confirm_delete || view.import_open || view.draft_open {
        view.confirm_delete = false;
        view.import_open = false;
        view.draft_open = false;
        prompt.open = false;
    } else if focus.get().is_some() {
        focus.clear();
    } else {
        commands.write(EditorCommand::Leave);
    }
}
