//! "New bank from an article": a dialog that takes the path of an article
//! saved as text, has the core draft a bank from it beside the article
//! (`draft::draft_file`, the same as `quorum draft`), and opens that bank in
//! the editor, every question marked as a draft to check. What is drafted,
//! and where the file goes, are the core's rules; this only asks and shows.

use bevy::prelude::*;
use bevy::text::EditableText;

use super::dialogs::{buttons, spawn_dialog};
use super::fields::{text_input, typed_path};
use super::{ArticlePath, EditorAction, EditorRoot, EditorSystems, EditorView};
use crate::game::play::bank::BankChoice;
use crate::game::play::editing::Editing;
use crate::game::theme::{Ink, Theme, size, widgets};
use crate::game::ui::banner::Banner;
use crate::game::ui::menu::Activate;
use quorum_core::bank::draft;
use quorum_core::bank::edit::EditSession;

/// The dialog's root.
#[derive(Component)]
struct DraftDialog;

/// Why the last try did not make a bank.
#[derive(Component)]
struct DraftReport;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw.in_set(EditorSystems::Draw));
}

/// The header's "New from an article" button.
pub(super) fn open(_: On<Activate>, mut view: ResMut<EditorView>) {
    view.draft_open = true;
    view.draft_message.clear();
}

/// Drafts the bank and opens it, or says why not. Unsaved work is never
/// replaced: the teacher saves or undoes it first.
fn run(
    _: On<Activate>,
    paths: Query<&EditableText, With<ArticlePath>>,
    roots: Query<Entity, With<EditorRoot>>,
    mut editing: ResMut<Editing>,
    mut view: ResMut<EditorView>,
    mut banner: ResMut<Banner>,
    mut commands: Commands,
) {
    if editing.session.is_dirty() {
        view.draft_message = format!(
            "{} has unsaved changes: save them (Ctrl+S) first, then make the new bank.",
            editing.session.path.display()
        );
        return;
    }
    let article = paths.iter().next().map(typed_path).unwrap_or_default();
    if article.as_os_str().is_empty() {
        view.draft_message = "Type the path of the article first.".to_string();
        return;
    }
    let out = draft::bank_path_beside(&article);
    let written = match draft::draft_file(&article, &out, None, false) {
        Ok(written) => written,
        Err(e) => {
            view.draft_message = format!("No bank was made: {e}.");
            return;
        }
    };
    let session = match EditSession::open(&written.path) {
        Ok(session) => session,
        Err(report) => {
            view.draft_message = format!("{} was written but cannot be opened: {report}", out.display());
            return;
        }
    };
    let n = written.drafted.summary.total();
    banner.info(format!(
        "Drafted {n} question{} from {} into {}: check each against the article, then mark it as checked",
        if n == 1 { "" } else { "s" },
        article.display(),
        out.display()
    ));
    *editing = Editing::drafted(session);
    // Coming back to the editor opens the new bank.
    commands.insert_resource(BankChoice::File(written.path));
    // Everything is laid out afresh: the new bank's article, no filters.
    let add_kind = view.add_kind;
    *view = EditorView { add_kind, ..default() };
    for root in &roots {
        commands.entity(root).despawn();
    }
}

/// Opens and closes the dialog with the view, and shows why the last try
/// failed; the typed path stays as it is.
fn draw(
    view: Res<EditorView>,
    dialogs: Query<Entity, With<DraftDialog>>,
    mut reports: Query<&mut Text, With<DraftReport>>,
    theme: Res<Theme>,
    mut commands: Commands,
) {
    if !view.is_changed() {
        return;
    }
    match (view.draft_open, dialogs.iter().next()) {
        (true, None) => spawn_dialog(&mut commands, &theme, DraftDialog, |d| {
            d.spawn(widgets::bold("New bank from an article", size::HEADING, Ink::Text));
            d.spawn(widgets::text(
                "The path of the article, saved as a text file (.txt). Quorum drafts questions from it: \
                 who said each quote, its figures, people's roles. Each rests on the article's own \
                 sentence and is marked as a draft for you to check. The new bank is saved beside the \
                 article and opens here.",
                size::SMALL,
                Ink::Muted,
            ));
            d.spawn((ArticlePath, text_input(&theme, "", 1.0, 1)));
            d.spawn((DraftReport, widgets::text("", size::SMALL, Ink::Wrong)));
            buttons(d, |b| {
                b.spawn(widgets::button("Draft the bank", EditorAction::RunDraft)).observe(run);
                b.spawn(widgets::button("Close", EditorAction::CloseDialog)).observe(close);
            });
        }),
        (false, Some(dialog)) => commands.entity(dialog).despawn(),
        _ => {}
    }
    for mut text in &mut reports {
        if text.0 != view.draft_message {
            text.0.clone_from(&view.draft_message);
        }
    }
}

fn close(_: On<Activate>, mut view: ResMut<EditorView>) {
    view.draft_open = false;
}
