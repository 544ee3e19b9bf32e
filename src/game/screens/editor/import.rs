//! Import: a dialog that takes the path of a file of questions (a
//! spreadsheet, a Kahoot or Wayground quiz, a Moodle GIFT file) and adds
//! its questions to the end of the bank, saying what the file was, what
//! was imported and what was skipped. Telling the format and reading it are
//! the core's `import_file`, the same as `quorum import`.

use std::path::Path;

use bevy::prelude::*;
use bevy::text::EditableText;

use super::dialogs::{buttons, spawn_dialog};
use super::fields::{text_input, typed_path};
use super::{EditorAction, EditorSystems, EditorView, ImportPath};
use crate::game::play::editing::Editing;
use crate::game::theme::{Ink, Theme, size, widgets};
use crate::game::ui::menu::Activate;
use quorum_core::bank::edit::EditSession;
use quorum_core::bank::import::import_file;

/// The import dialog's root.
#[derive(Component)]
struct ImportDialog;

/// What the last import did.
#[derive(Component)]
struct ImportReport;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw.in_set(EditorSystems::Draw));
}

/// The header's Import button.
pub(super) fn open(_: On<Activate>, mut view: ResMut<EditorView>) {
    view.import_open = true;
    view.import_message.clear();
}

fn run(
    _: On<Activate>,
    paths: Query<&EditableText, With<ImportPath>>,
    mut editing: ResMut<Editing>,
    mut view: ResMut<EditorView>,
) {
    let typed = paths.iter().next().map(typed_path).unwrap_or_default();
    view.import_message = append_file(&mut editing.session, &typed);
    editing.changed(true);
}

/// Adds the questions of the file at `path` to the session; says what the
/// file was and what was imported and skipped, as `quorum import` does, or
/// why it cannot be imported.
fn append_file(session: &mut EditSession, path: &Path) -> String {
    if path.as_os_str().is_empty() {
        return "Type the path of the file to import first.".to_string();
    }
    let shown = path.display();
    match import_file(path) {
        Ok(file) => {
            let line = format!("{shown} ({}): {}", file.format.name(), file.imported.summary());
            // The bank's article stays its own: imported questions have none.
            session.append(file.imported.bank.questions);
            line
        }
        Err(d) => match &d.help {
            Some(help) => format!("Cannot import {shown}: {} ({help})", d.message),
            None => format!("Cannot import {shown}: {}", d.message),
        },
    }
}

/// Opens and closes the dialog with the view, and shows what the last
/// import did; the typed path stays as it is.
fn draw(
    view: Res<EditorView>,
    dialogs: Query<Entity, With<ImportDialog>>,
    mut reports: Query<&mut Text, With<ImportReport>>,
    theme: Res<Theme>,
    mut commands: Commands,
) {
    if !view.is_changed() {
        return;
    }
    match (view.import_open, dialogs.iter().next()) {
        (true, None) => spawn_dialog(&mut commands, &theme, ImportDialog, |d| {
            d.spawn(widgets::bold("Import questions", size::HEADING, Ink::Text));
            d.spawn(widgets::text(
                "The path of a spreadsheet (.csv or .xlsx: Quorum's columns, a Kahoot or Wayground quiz) or \
                 a Moodle GIFT file. Its questions are added to the end of this bank.",
                size::SMALL,
                Ink::Muted,
            ));
            d.spawn((ImportPath, text_input(&theme, "", 1.0, 1)));
            d.spawn((ImportReport, widgets::text("", size::TINY, Ink::Text)));
            buttons(d, |b| {
                b.spawn(widgets::button("Import", EditorAction::RunImport)).observe(run);
                b.spawn(widgets::button("Close", EditorAction::CloseDialog)).observe(close);
            });
        }),
        (false, Some(dialog)) => commands.entity(dialog).despawn(),
        _ => {}
    }
    for mut text in &mut reports {
        if text.0 != view.import_message {
            text.0.clone_from(&view.import_message);
        }
    }
}

fn close(_: On<Activate>, mut view: ResMut<EditorView>) {
    view.import_open = false;
}
