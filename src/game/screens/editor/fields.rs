//! The form's text fields: Bevy's `EditableText` bound to a field of the
//! question, what is typed going into the bank as it is typed, and each
//! field's problems shown under it. Whether a value is valid is the core's
//! to say (`EditSession::set_text`, the checks of `quorum check`).

use bevy::input_focus::tab_navigation::TabIndex;
use bevy::prelude::*;
use bevy::text::{EditableText, TextCursorStyle, TextEdit};

use super::{EditorSystems, EditorView, FormField};
use crate::game::play::editing::Editing;
use crate::game::theme::{Fill, Ink, Theme, size, widgets};
use quorum_core::bank::edit::{TextField, field_text};

/// The problems shown under a field (by the field's name in the format).
#[derive(Component, Debug, Clone)]
pub(super) struct FieldProblems(pub &'static str);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, follow_typing.in_set(EditorSystems::Typing))
        .add_systems(Update, draw_problems.in_set(EditorSystems::Draw));
}

/// A box to type in, `lines` high, starting with `value`.
pub(super) fn text_input(theme: &Theme, value: &str, lines: f32, tab: i32) -> impl Bundle {
    let p = &theme.palette;
    let mut text =
        EditableText { visible_lines: Some(lines), allow_newlines: false, ..EditableText::new(value) };
    // Show the start of a long text, not its end.
    text.queue_edit(TextEdit::TextStart(false));
    (
        Node {
            width: percent(100),
            padding: UiRect::axes(px(10), px(6)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        text,
        TextLayout { linebreak: LineBreak::WordBoundary, ..default() },
        TextFont::from_font_size(size::SMALL),
        TextColor::default(),
        Ink::Text,
        TextCursorStyle { color: p.accent, selection_color: p.button_hovered, ..default() },
        (BackgroundColor::default(), Fill::Raised),
        TabIndex(tab),
    )
}

pub(super) fn value_of(text: &EditableText) -> String {
    text.value().into_iter().collect()
}

/// A path typed or pasted into a box: without the spaces around it, nor
/// the quotes a file manager's "copy as path" adds.
pub(super) fn typed_path(text: &EditableText) -> std::path::PathBuf {
    let value = value_of(text);
    let trimmed = value.trim();
    let unquoted = trimmed
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| trimmed.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
        .unwrap_or(trimmed);
    std::path::PathBuf::from(unquoted.trim())
}

/// The keyboard order of the form's fields, after the search box.
#[derive(Debug)]
pub(super) struct TabOrder(i32);

impl TabOrder {
    pub(super) fn new() -> TabOrder {
        TabOrder(10)
    }

    pub(super) fn next(&mut self) -> i32 {
        self.0 += 1;
        self.0
    }
}

/// A labelled field of question `q`, with its problems underneath.
pub(super) fn field(
    form: &mut ChildSpawnerCommands,
    theme: &Theme,
    label: &str,
    q: &quorum_core::bank::Question,
    f: TextField,
    lines: f32,
    tab: &mut TabOrder,
) {
    form.spawn(widgets::text(label, size::TINY, Ink::Muted));
    form.spawn((FormField(f), text_input(theme, &field_text(q, f), lines, tab.next())));
    problems(form, f.name());
}

/// The (hidden while empty) list of problems filed under `name`.
pub(super) fn problems(form: &mut ChildSpawnerCommands, name: &'static str) {
    form.spawn((
        FieldProblems(name),
        widgets::text("", size::TINY, Ink::Wrong),
        Node { display: Display::None, ..default() },
    ));
}

/// Typing goes into the bank as it happens; a value the bank refuses is
/// kept in the box and said so under it.
fn follow_typing(
    fields: Query<(&EditableText, &FormField), Changed<EditableText>>,
    mut editing: ResMut<Editing>,
    mut view: ResMut<EditorView>,
) {
    let index = editing.session.selected;
    let mut any = false;
    for (text, FormField(f)) in &fields {
        let value = value_of(text);
        view.refused.retain(|(g, _)| g != f);
        if editing.session.question().is_some_and(|q| field_text(q, *f) == value) {
            continue;
        }
        match editing.session.set_text(index, *f, &value) {
            Ok(()) => any = true,
            Err(e) => view.refused.push((*f, e.0)),
        }
    }
    if any {
        editing.changed(false);
    }
}

/// Each field's problems, shown under it; refused typing first.
fn draw_problems(
    editing: Res<Editing>,
    view: Res<EditorView>,
    mut labels: Query<(&FieldProblems, &mut Text, &mut Node)>,
) {
    if !editing.is_changed() && !view.is_changed() {
        return;
    }
    let index = editing.session.selected;
    for (FieldProblems(name), mut text, mut node) in &mut labels {
        let refused = view.refused.iter().filter(|(f, _)| f.name() == *name).map(|(_, m)| m.clone());
        let found = editing.problems(index, Some(name)).map(|d| {
            let help = d.help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
            let kind = if d.is_error() { "" } else { "Warning: " };
            format!("{kind}{}{help}", d.message)
        });
        let all: Vec<String> = refused.chain(found).collect();
        let shown = all.join("\n");
        if text.0 != shown {
            text.0 = shown;
        }
        let display = if all.is_empty() { Display::None } else { Display::Flex };
        if node.display != display {
            node.display = display;
        }
    }
}
