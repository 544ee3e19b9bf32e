//! The question list: a search box and kind and topic filters over the
//! questions, each shown by its prompt (or a who-said-it question's quote)
//! with its id small beneath (after "DRAFT" for a draft not yet checked),
//! and the buttons that add, copy, delete and move questions. Which
//! questions match a search is the core's rule.

use bevy::prelude::*;
use bevy::text::EditableText;
use bevy::ui_widgets::ScrollArea;

use super::fields::{text_input, value_of};
use super::{EditorAction, EditorSystems, EditorView, SearchField, edit, relabel};
use crate::game::play::editing::Editing;
use crate::game::theme::{Fill, Ink, Theme, size, widgets};
use crate::game::ui::menu::{Activate, ButtonColors, MenuItem};
use quorum_core::bank::Question;
use quorum_core::bank::model::{KIND_NAMES, QuestionKind};

/// The scrolling column of questions.
#[derive(Component)]
struct ListPanel;

/// Everything the list is drawn from: it is redrawn when any of it differs
/// from what it was drawn for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListKey {
    generation: u64,
    selected: usize,
    search: String,
    kind_filter: usize,
    topic_filter: Option<String>,
}

/// The mark before a draft's id: drafted, not yet checked by the teacher.
const DRAFT_TAG: &str = "DRAFT";

/// How much of a prompt a row shows: two lines of the list.
const HEADLINE_CHARS: usize = 70;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, follow_search.in_set(EditorSystems::Typing))
        .add_systems(Update, draw.in_set(EditorSystems::Draw));
}

pub(super) fn spawn(main: &mut ChildSpawnerCommands, theme: &Theme) {
    main.spawn(widgets::panel(Node {
        width: px(340),
        flex_shrink: 0.0,
        padding: UiRect::all(px(8)),
        row_gap: px(6),
        ..widgets::panel_node()
    }))
    .with_children(|left| {
        left.spawn(widgets::text("Search the questions", size::TINY, Ink::Muted));
        left.spawn((SearchField, text_input(theme, "", 1.0, 0)));
        left.spawn(Node { column_gap: px(6), flex_wrap: FlexWrap::Wrap, row_gap: px(4), ..default() })
            .with_children(|filters| {
                filters
                    .spawn(widgets::small_button("Kind: all", EditorAction::FilterKind))
                    .observe(next_kind);
                filters
                    .spawn(widgets::small_button("Topic: all", EditorAction::FilterTopic))
                    .observe(next_topic);
            });
        left.spawn((
            ListPanel,
            ScrollArea,
            Node {
                flex_direction: FlexDirection::Column,
                flex_grow: 1.0,
                flex_basis: px(0),
                overflow: Overflow::scroll_y(),
                row_gap: px(3),
                ..default()
            },
        ));
        left.spawn(Node { column_gap: px(4), flex_wrap: FlexWrap::Wrap, row_gap: px(4), ..default() })
            .with_children(|b| {
                b.spawn(widgets::small_button("Add", EditorAction::AddQuestion)).observe(add_question);
                b.spawn(widgets::small_button(kind_short(KIND_NAMES[0]), EditorAction::NextKindToAdd))
                    .observe(next_kind_to_add);
                b.spawn(widgets::small_button("Duplicate", EditorAction::Duplicate))
                    .observe(edit(|s, i| s.duplicate(i)));
                b.spawn(widgets::small_button("Delete", EditorAction::Delete)).observe(ask_to_delete);
                b.spawn(widgets::small_button("Up", EditorAction::MoveUp))
                    .observe(edit(|s, i| s.move_question(i, -1)));
                b.spawn(widgets::small_button("Down", EditorAction::MoveDown))
                    .observe(edit(|s, i| s.move_question(i, 1)));
            });
    });
}

/// The short name of a kind, for the filter and the rows.
pub(super) fn kind_short(kind: &str) -> &'static str {
    match kind {
        "MultipleChoice" => "Choice",
        "WhoSaidIt" => "Quote",
        "TrueFalse" => "True/false",
        "Figure" => "Figure",
        _ => "Estimate",
    }
}

fn next_kind(
    activate: On<Activate>,
    mut view: ResMut<EditorView>,
    children: Query<&Children>,
    mut texts: Query<&mut Text>,
) {
    view.kind_filter = (view.kind_filter + 1) % (KIND_NAMES.len() + 1);
    let label = match view.kind_filter {
        0 => "Kind: all".to_string(),
        n => format!("Kind: {}", kind_short(KIND_NAMES[n - 1])),
    };
    relabel(activate.entity, &label, &children, &mut texts);
}

/// The next of the bank's topics (in the core's order), then all again.
fn next_topic(
    activate: On<Activate>,
    editing: Res<Editing>,
    mut view: ResMut<EditorView>,
    children: Query<&Children>,
    mut texts: Query<&mut Text>,
) {
    let topics = editing.session.bank.topics();
    let next = match &view.topic_filter {
        None => topics.first().cloned(),
        Some(t) => topics.iter().position(|x| x == t).and_then(|i| topics.get(i + 1)).cloned(),
    };
    let label = format!("Topic: {}", next.as_deref().unwrap_or("all"));
    view.topic_filter = next;
    relabel(activate.entity, &label, &children, &mut texts);
}

fn add_question(_: On<Activate>, view: Res<EditorView>, mut editing: ResMut<Editing>) {
    let kind = KIND_NAMES[view.add_kind % KIND_NAMES.len()];
    editing.change_selected(|s, _| s.add_question(kind));
}

fn next_kind_to_add(
    activate: On<Activate>,
    mut view: ResMut<EditorView>,
    children: Query<&Children>,
    mut texts: Query<&mut Text>,
) {
    view.add_kind = (view.add_kind + 1) % KIND_NAMES.len();
    relabel(activate.entity, kind_short(KIND_NAMES[view.add_kind]), &children, &mut texts);
}

/// Deleting asks first (dialogs.rs).
fn ask_to_delete(_: On<Activate>, editing: Res<Editing>, mut view: ResMut<EditorView>) {
    if editing.session.question().is_some() {
        view.confirm_delete = true;
    }
}

/// Typing in the search box filters as it happens.
fn follow_search(
    search: Query<&EditableText, (With<SearchField>, Changed<EditableText>)>,
    mut view: ResMut<EditorView>,
) {
    for text in &search {
        let value = value_of(text);
        if view.search != value {
            view.search = value;
        }
    }
}

/// Whether a question passes the view's filters and search.
fn shown(view: &EditorView, q: &Question) -> bool {
    let kind_ok = view.kind_filter == 0 || KIND_NAMES.get(view.kind_filter - 1) == Some(&q.kind_name());
    let topic_ok = view.topic_filter.as_ref().is_none_or(|t| *t == q.topic);
    kind_ok && topic_ok && q.matches(&view.search)
}

/// What a row says: the quote of a who-said-it question, else its prompt,
/// cut at a word to fit two lines.
fn headline(q: &Question) -> String {
    let text = match &q.kind {
        QuestionKind::WhoSaidIt { quote, .. } if !quote.trim().is_empty() => {
            format!("\u{201C}{quote}\u{201D}")
        }
        _ => q.prompt().to_string(),
    };
    let text = text.trim();
    if text.is_empty() {
        return "(no prompt yet)".to_string();
    }
    if text.chars().count() <= HEADLINE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(HEADLINE_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

fn draw(
    editing: Res<Editing>,
    mut view: ResMut<EditorView>,
    panels: Query<Entity, With<ListPanel>>,
    mut commands: Commands,
) {
    let key = ListKey {
        generation: editing.generation,
        selected: editing.session.selected,
        search: view.search.clone(),
        kind_filter: view.kind_filter,
        topic_filter: view.topic_filter.clone(),
    };
    if view.drawn_list.as_ref() == Some(&key) {
        return;
    }
    view.drawn_list = Some(key);
    for panel in &panels {
        commands.entity(panel).despawn_children().with_children(|list| {
            for (i, q) in editing.session.bank.questions.iter().enumerate() {
                if shown(&view, q) {
                    row(list, &editing, i, q);
                }
            }
        });
    }
}

fn row(list: &mut ChildSpawnerCommands, editing: &Editing, i: usize, q: &Question) {
    let fill = if i == editing.session.selected { Fill::Button } else { Fill::Raised };
    let (mark, ink) = if editing.has_errors(i) { ("✘", Ink::Wrong) } else { ("✔", Ink::Correct) };
    list.spawn((
        EditorAction::Select(i),
        MenuItem::default(),
        Button,
        ButtonColors { normal: fill, hovered: Fill::ButtonHovered },
        Node {
            column_gap: px(6),
            padding: UiRect::axes(px(6), px(4)),
            border_radius: BorderRadius::all(px(6)),
            flex_shrink: 0.0,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor::default(),
    ))
    .observe(edit(move |s, _| s.select(i)))
    .with_children(|row| {
        row.spawn(widgets::symbol(mark, size::TINY, ink));
        // A long id is cut at the row's edge rather than wrapped.
        let column = Node {
            flex_direction: FlexDirection::Column,
            flex_shrink: 1.0,
            min_width: px(0),
            overflow: Overflow::clip(),
            ..default()
        };
        row.spawn((column, Pickable::IGNORE)).with_children(|col| {
            col.spawn((widgets::text(headline(q), size::TINY, Ink::Text), Pickable::IGNORE));
            col.spawn((Node { column_gap: px(6), ..default() }, Pickable::IGNORE)).with_children(|line| {
                if q.draft {
                    line.spawn((
                        widgets::bold(DRAFT_TAG, 14.0, Ink::Partial),
                        TextLayout::no_wrap(),
                        Pickable::IGNORE,
                    ));
                }
                line.spawn((
                    widgets::text(q.id.clone(), 14.0, Ink::Muted),
                    TextLayout::no_wrap(),
                    Pickable::IGNORE,
                ));
            });
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_prompt_is_cut_at_a_word() {
        let mut q = quorum_core::bank::builtin::check().bank.unwrap().questions[0].clone();
        q.kind = QuestionKind::TrueFalse { statement: "word ".repeat(40), answer: true };
        let shown = headline(&q);
        assert!(shown.ends_with("word…"), "{shown}");
        assert!(shown.chars().count() <= HEADLINE_CHARS + 1);
    }
}
