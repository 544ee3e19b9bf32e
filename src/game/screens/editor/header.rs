//! The editor's header, one line at 1280×720: the bank's title and whether
//! it is saved, its counts (questions, errors, drafts left to check) and
//! file in small type beneath, and the commands on the bank (save, undo,
//! redo, import, export, a new bank from an article, back). Trying a
//! question is the form's. Exporting is the core's; this only reports it.

use bevy::prelude::*;

use super::{EditorAction, EditorSystems, draft, import, send};
use crate::game::play::editing::{Editing, EditorCommand};
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::banner::Banner;
use crate::game::ui::menu::Activate;
use quorum_core::bank::export;

/// The bank's title.
#[derive(Component)]
struct BankTitle;

/// The file, and how many questions and errors it has.
#[derive(Component)]
struct BankFacts;

/// "Saved" or "Unsaved changes".
#[derive(Component)]
struct SaveState;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw.in_set(EditorSystems::Draw));
}

pub(super) fn spawn(root: &mut ChildSpawnerCommands) {
    root.spawn(Node { align_items: AlignItems::Center, column_gap: px(8), flex_shrink: 0.0, ..default() })
        .with_children(|bar| {
            // The text gives way (clipped) before the buttons do.
            bar.spawn(Node {
                flex_direction: FlexDirection::Column,
                flex_grow: 1.0,
                flex_shrink: 1.0,
                min_width: px(0),
                overflow: Overflow::clip(),
                ..default()
            })
            .with_children(|text| {
                text.spawn(Node { column_gap: px(12), align_items: AlignItems::Baseline, ..default() })
                    .with_children(|line| {
                        // Whether the work is saved comes first: a long title is what gets cut.
                        line.spawn((
                            SaveState,
                            widgets::bold("", size::TINY, Ink::Correct),
                            TextLayout::no_wrap(),
                        ));
                        line.spawn((
                            BankTitle,
                            widgets::bold("", size::SMALL, Ink::Text),
                            TextLayout::no_wrap(),
                        ));
                    });
                text.spawn((BankFacts, widgets::text("", size::TINY, Ink::Muted), TextLayout::no_wrap()));
            });
            for (label, command) in [
                ("Save (Ctrl+S)", EditorCommand::Save),
                ("Undo", EditorCommand::Undo),
                ("Redo", EditorCommand::Redo),
            ] {
                bar.spawn(widgets::small_button(label, EditorAction::Command(command)))
                    .observe(send(command));
            }
            bar.spawn(widgets::small_button("Import", EditorAction::OpenImport)).observe(import::open);
            bar.spawn(widgets::small_button("Export", EditorAction::Export)).observe(export_beside);
            bar.spawn(widgets::small_button("New from an article", EditorAction::OpenDraft))
                .observe(draft::open);
            bar.spawn(widgets::small_button("Back", EditorAction::Command(EditorCommand::Leave)))
                .observe(send(EditorCommand::Leave));
        });
}

/// Writes the bank as `.csv` and `.gift` beside its file.
fn export_beside(_: On<Activate>, editing: Res<Editing>, mut banner: ResMut<Banner>) {
    match export::beside(&editing.session.bank, &editing.session.path) {
        Ok([csv, gift]) => banner.info(format!("Exported {} and {}", csv.display(), gift.display())),
        Err(e) => banner.error(format!("Export failed: {e}")),
    }
}

fn draw(
    editing: Res<Editing>,
    mut titles: Query<&mut Text, (With<BankTitle>, Without<BankFacts>, Without<SaveState>)>,
    mut facts: Query<&mut Text, (With<BankFacts>, Without<SaveState>)>,
    mut states: Query<(&mut Text, &mut Ink), With<SaveState>>,
) {
    if !editing.is_changed() {
        return;
    }
    let s = &editing.session;
    let errors = editing.diagnostics.iter().filter(|d| d.is_error()).count();
    let file = s.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = s.bank.questions.len();
    let drafts = match s.drafts_left() {
        0 => String::new(),
        1 => "1 draft left to check · ".to_string(),
        d => format!("{d} drafts left to check · "),
    };
    // The drafts and counts first: a long file name is what gets cut.
    let line = format!(
        "{drafts}{n} question{} · {errors} error{} · {file}",
        if n == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" }
    );
    for mut text in &mut titles {
        text.0.clone_from(&s.bank.title);
    }
    for mut text in &mut facts {
        text.0.clone_from(&line);
    }
    let (state, ink) = if s.is_dirty() { ("Unsaved changes", Ink::Partial) } else { ("Saved", Ink::Correct) };
    for (mut text, mut shown) in &mut states {
        text.0 = state.to_string();
        shown.set_if_neq(ink);
    }
}
