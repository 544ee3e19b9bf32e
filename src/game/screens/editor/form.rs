//! The selected question's form: its fields for its kind, the choices with
//! the right one marked, the explanation, the article sentences it rests
//! on, and background from outside the article with where it comes from.
//! A drafted question says so at the top, with "Mark as checked". The form
//! is rebuilt when the question's shape changes, not on typing.

use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

use super::fields::{TabOrder, field, problems, text_input};
use super::{EditorAction, EditorSystems, EditorView, FormField, edit, send};
use crate::game::play::editing::{Editing, EditorCommand};
use crate::game::theme::prompt::kind_label;
use crate::game::theme::{Fill, Ink, Theme, size, widgets};
use crate::game::ui::menu::{ButtonColors, MenuItem};
use quorum_core::bank::edit::{EditSession, TextField};
use quorum_core::bank::model::QuestionKind;
use quorum_core::bank::validate::MAX_CHOICES;
use quorum_core::bank::{Difficulty, Question};

/// The scrolling panel the form is drawn into.
#[derive(Component)]
struct FormPanel;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw.in_set(EditorSystems::Draw));
}

pub(super) fn spawn(main: &mut ChildSpawnerCommands) {
    main.spawn((
        FormPanel,
        ScrollArea,
        widgets::panel(Node {
            flex_grow: 1.0,
            flex_basis: px(0),
            overflow: Overflow::scroll_y(),
            padding: UiRect::all(px(12)),
            row_gap: px(6),
            ..widgets::panel_node()
        }),
    ));
}

fn draw(
    editing: Res<Editing>,
    mut view: ResMut<EditorView>,
    panels: Query<Entity, With<FormPanel>>,
    theme: Res<Theme>,
    mut commands: Commands,
) {
    let key = (editing.form_generation, editing.session.selected);
    if view.drawn_form == Some(key) {
        return;
    }
    view.drawn_form = Some(key);
    view.refused.clear();
    for panel in &panels {
        let mut panel = commands.entity(panel);
        panel.despawn_children();
        match editing.session.question() {
            Some(q) => panel.with_children(|form| question_form(form, &theme, q)),
            None => panel.with_child(widgets::text(
                "No questions yet: add one with the Add button.",
                size::SMALL,
                Ink::Muted,
            )),
        };
    }
}

fn question_form(form: &mut ChildSpawnerCommands, theme: &Theme, q: &Question) {
    let mut tab = TabOrder::new();
    form.spawn(Node { align_items: AlignItems::Center, column_gap: px(8), ..default() }).with_children(
        |top| {
            top.spawn((
                widgets::bold(kind_label(&q.kind), size::BODY, Ink::Accent),
                Node { flex_grow: 1.0, ..default() },
            ));
            let try_it = EditorCommand::TryIt;
            top.spawn(widgets::small_button("Try this question", EditorAction::Command(try_it)))
                .observe(send(try_it));
        },
    );
    if q.draft || q.draft_note.is_some() {
        draft_notice(form, q);
    }
    field(form, theme, "Id (a stable name: lower-case words and hyphens)", q, TextField::Id, 1.0, &mut tab);
    field(form, theme, "Topic", q, TextField::Topic, 1.0, &mut tab);
    form.spawn(widgets::text("Difficulty", size::TINY, Ink::Muted));
    form.spawn(Node { column_gap: px(6), ..default() }).with_children(|row| {
        for d in Difficulty::ALL {
            let on = q.difficulty == d;
            chip(row, &capitalised(d.name()), on, EditorAction::Difficulty(d), move |s, q| {
                s.set_difficulty(q, d)
            });
        }
    });
    let time = "Time limit in seconds (empty: the round's setting)";
    field(form, theme, time, q, TextField::TimeLimit, 1.0, &mut tab);
    match &q.kind {
        QuestionKind::TrueFalse { answer, .. } => {
            field(form, theme, "Statement", q, TextField::Prompt, 2.0, &mut tab);
            form.spawn(widgets::text("The statement is", size::TINY, Ink::Muted));
            form.spawn(Node { column_gap: px(6), ..default() }).with_children(|row| {
                chip(row, "True", *answer, EditorAction::Correct(0), |s, q| s.set_correct(q, 0));
                chip(row, "False", !*answer, EditorAction::Correct(1), |s, q| s.set_correct(q, 1));
            });
        }
        QuestionKind::Estimate { .. } => {
            field(form, theme, "Prompt", q, TextField::Prompt, 2.0, &mut tab);
            for (label, f) in [
                ("Slider minimum", TextField::Min),
                ("Slider maximum", TextField::Max),
                ("Step", TextField::Step),
                ("Unit (%, people, or empty)", TextField::Unit),
                ("Answer", TextField::Answer),
                ("Tolerance (full points within it, some up to twice it)", TextField::Tolerance),
            ] {
                field(form, theme, label, q, f, 1.0, &mut tab);
            }
        }
        QuestionKind::WhoSaidIt { .. } => {
            let prompt = "Prompt (empty: \"Who said this?\")";
            field(form, theme, prompt, q, TextField::Prompt, 1.0, &mut tab);
            let quote = "Quote, word for word from the article";
            field(form, theme, quote, q, TextField::Quote, 3.0, &mut tab);
            choices(form, theme, q, &mut tab);
        }
        QuestionKind::MultipleChoice { .. } | QuestionKind::Figure { .. } => {
            field(form, theme, "Prompt", q, TextField::Prompt, 2.0, &mut tab);
            choices(form, theme, q, &mut tab);
        }
    }
    let explanation = "Explanation: why the answer is right, in the article's words";
    field(form, theme, explanation, q, TextField::Explanation, 3.0, &mut tab);
    if !matches!(q.kind, QuestionKind::WhoSaidIt { .. }) {
        let speaker = "Speaker, if the question is about a quote";
        field(form, theme, speaker, q, TextField::Speaker, 1.0, &mut tab);
    }
    sources(form, q);
    background(form, theme, q, &mut tab);
}

/// A question drafted from the article that no one has checked yet: what
/// to check (the drafter's note, when it was unsure), and the button that
/// marks it as checked.
fn draft_notice(form: &mut ChildSpawnerCommands, q: &Question) {
    form.spawn((
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            padding: UiRect::all(px(8)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        (BackgroundColor::default(), Fill::Raised),
    ))
    .with_children(|notice| {
        notice.spawn(Node { align_items: AlignItems::Center, column_gap: px(8), ..default() }).with_children(
            |top| {
                top.spawn((
                    widgets::bold("Draft \u{2014} check it against the article", size::SMALL, Ink::Partial),
                    Node { flex_grow: 1.0, ..default() },
                ));
                top.spawn(widgets::small_button("Mark as checked", EditorAction::MarkChecked))
                    .observe(edit(|s, i| s.mark_reviewed(i)));
            },
        );
        let what = match &q.draft_note {
            Some(note) => format!("Check this first: {note}."),
            None => "Drafted from the article by rules, not by a person: check the answer, the wrong \
                     choices and the explanation against the sentence it rests on."
                .to_string(),
        };
        notice.spawn(widgets::text(what, size::TINY, Ink::Text));
    });
}

/// The choices, each with Right/Wrong, its text, and buttons to move or
/// remove it.
fn choices(form: &mut ChildSpawnerCommands, theme: &Theme, q: &Question, tab: &mut TabOrder) {
    let choices = q.choices();
    let right = q.answer_text();
    form.spawn(widgets::text("Choices (the one marked Right is the answer)", size::TINY, Ink::Muted));
    for (i, c) in choices.iter().enumerate() {
        form.spawn(Node { column_gap: px(6), align_items: AlignItems::Center, ..default() }).with_children(
            |row| {
                let on = *c == right;
                let label = if on { "Right" } else { "Wrong" };
                chip(row, label, on, EditorAction::Correct(i), move |s, q| s.set_correct(q, i));
                row.spawn(Node { flex_grow: 1.0, ..default() })
                    .with_child((FormField(TextField::Choice(i)), text_input(theme, c, 1.0, tab.next())));
                row.spawn(widgets::small_button("Up", EditorAction::ChoiceUp(i)))
                    .observe(edit(move |s, q| s.move_choice(q, i, -1)));
                row.spawn(widgets::small_button("Down", EditorAction::ChoiceDown(i)))
                    .observe(edit(move |s, q| s.move_choice(q, i, 1)));
                row.spawn(widgets::small_button("Remove", EditorAction::RemoveChoice(i)))
                    .observe(edit(move |s, q| s.remove_choice(q, i)));
            },
        );
    }
    problems(form, "choices");
    problems(form, "answer");
    if choices.len() < MAX_CHOICES {
        form.spawn(Node::default()).with_children(|row| {
            row.spawn(widgets::small_button("Add a choice", EditorAction::AddChoice))
                .observe(edit(|s, q| s.add_choice(q)));
        });
    }
}

/// The article's sentences the question rests on, picked on the right.
fn sources(form: &mut ChildSpawnerCommands, q: &Question) {
    form.spawn(widgets::text(
        "Source: the article's sentences this question rests on (click them on the right)",
        size::TINY,
        Ink::Muted,
    ));
    if q.source.is_empty() {
        form.spawn(widgets::text(
            "No source yet: without one the question cannot be checked against the article.",
            size::TINY,
            Ink::Partial,
        ));
    }
    for (i, s) in q.source.iter().enumerate() {
        form.spawn(Node { column_gap: px(6), align_items: AlignItems::Center, ..default() }).with_children(
            |row| {
                row.spawn((
                    widgets::italic(format!("\u{201C}{s}\u{201D}"), size::TINY, Ink::Text),
                    Node { flex_grow: 1.0, flex_basis: px(0), ..default() },
                ));
                row.spawn(widgets::small_button("Remove", EditorAction::RemoveSource(i)))
                    .observe(edit(move |s, q| s.remove_source(q, i)));
            },
        );
    }
    problems(form, "source");
}

/// Facts from outside the article: shown to players apart from the
/// explanation, labelled as background, with where they come from.
fn background(form: &mut ChildSpawnerCommands, theme: &Theme, q: &Question, tab: &mut TabOrder) {
    form.spawn((
        widgets::bold("Background (optional): facts from outside the article", size::SMALL, Ink::Accent),
        Node { margin: UiRect::top(px(8)), ..default() },
    ));
    form.spawn(widgets::text(
        "Anything the article does not say goes here, not in the explanation. Players see it apart, \
         marked as background, with its source.",
        size::TINY,
        Ink::Muted,
    ));
    let text = "Background: the outside fact, in a sentence or two";
    field(form, theme, text, q, TextField::Background, 2.0, tab);
    let cite = "Where it comes from: the law, official page or publication, with its address";
    field(form, theme, cite, q, TextField::Cite, 2.0, tab);
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A chip that is on or off: the difficulty, the right answer.
fn chip(
    row: &mut ChildSpawnerCommands,
    label: &str,
    on: bool,
    action: EditorAction,
    change: impl Fn(&mut EditSession, usize) + Send + Sync + 'static,
) {
    let (normal, ink) = if on { (Fill::Accent, Ink::OnAccent) } else { (Fill::Raised, Ink::Text) };
    row.spawn((
        action,
        MenuItem::default(),
        Button,
        ButtonColors { normal, hovered: if on { normal } else { Fill::ButtonHovered } },
        Node {
            min_width: px(40),
            padding: UiRect::axes(px(12), px(4)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(14)),
            ..default()
        },
        BackgroundColor::default(),
        children![(widgets::bold(label, size::SMALL, ink), TextLayout::no_wrap(), Pickable::IGNORE)],
    ))
    .observe(edit(change));
}
