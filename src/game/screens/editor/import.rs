//! Import: a dialog that takes the path of a spreadsheet (`.csv`) or a
//! Moodle file (`.gift`) and adds its questions to the end of the bank,
//! saying what was imported and what was skipped.

use std::path::Path;

use bevy::prelude::*;
use bevy::text::EditableText;

use super::dialogs::{buttons, spawn_dialog};
use super::fields::{text_input, value_of};
use super::{EditorAction, EditorSystems, EditorView, ImportPath};
use crate::game::play::editing::Editing;
use crate::game::theme::{Ink, Theme, size, widgets};
use crate::game::ui::menu::Activate;
use quorum_core::bank::edit::EditSession;
use quorum_core::bank::{gift, read_text, spreadsheet};

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
    let typed = paths.iter().next().map(value_of).unwrap_or_default();
    view.import_message = append_file(&mut editing.session, Path::new(typed.trim()));
    editing.changed(true);
}

/// Adds the questions of the file at `path` to the session; says what was
/// imported and skipped, or why the file cannot be read.
fn append_file(session: &mut EditSession, path: &Path) -> String {
    let text = match read_text(path) {
        Ok(text) => text,
        Err(e) => return format!("Cannot read {}: {e}", path.display()),
    };
    let shown = path.display().to_string();
    let (title, article) = (session.bank.title.clone(), session.bank.article.clone());
    let imported = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gift")) {
        gift::import(&shown, &text, &title, article)
    } else {
        spreadsheet::import(&shown, &text, &title, article)
    };
    let summary = imported.summary();
    session.append(imported.bank.questions);
    summary
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
                "The path of a spreadsheet (.csv) or Moodle file (.gift). Its questions are added to the end \
                 of this bank.",
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
