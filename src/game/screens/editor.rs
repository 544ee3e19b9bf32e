//! The bank editor: the questions on the left (filter and search), the
//! selected question's form in the middle with each problem beside its
//! field, and the article on the right, where clicking a sentence makes it
//! the question's source. Text fields are Bevy's `EditableText`.

use bevy::input_focus::InputFocus;
use bevy::input_focus::tab_navigation::{TabGroup, TabIndex};
use bevy::prelude::*;
use bevy::text::{EditableText, TextCursorStyle, TextEdit};
use bevy::ui_widgets::ScrollArea;

use crate::game::play::editing::{Editing, EditorCommand, EditorProblem, UnsavedPrompt};
use crate::game::theme::prompt::kind_label;
use crate::game::theme::{Fill, Ink, Theme, size, widgets};
use crate::game::ui::banner::Banner;
use crate::game::ui::menu::{Activated, ButtonColors, DefaultFocus, KeysCaptured, MenuItem, Modal};
use crate::game::{GameSet, Screen};
use quorum_core::bank::edit::{TextField, field_text};
use quorum_core::bank::model::{KIND_NAMES, QuestionKind};
use quorum_core::bank::{Article, Difficulty, article_path, gift, read_text, spreadsheet};

/// What an editor button does.
#[derive(Component, Debug, Clone, PartialEq)]
pub enum EditorAction {
    Command(EditorCommand),
    Select(usize),
    AddQuestion,
    NextKindToAdd,
    Duplicate,
    Delete,
    ConfirmDelete,
    CloseDialog,
    MoveUp,
    MoveDown,
    Difficulty(Difficulty),
    Correct(usize),
    AddChoice,
    RemoveChoice(usize),
    ChoiceUp(usize),
    ChoiceDown(usize),
    RemoveSource(usize),
    AddSentence(usize),
    FilterKind,
    FilterTopic,
    Export,
    OpenImport,
    RunImport,
}

/// A text field of the form.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField(pub TextField);

/// The search box over the list.
#[derive(Component, Debug, Clone, Copy)]
pub struct SearchField;

/// The path box of the import dialog.
#[derive(Component, Debug, Clone, Copy)]
pub struct ImportPath;

#[derive(Component)]
struct EditorRoot;

#[derive(Component)]
struct ListPanel;

#[derive(Component)]
struct FormPanel;

#[derive(Component)]
struct ArticlePanel;

#[derive(Component)]
struct StatusText;

#[derive(Component)]
struct DialogRoot;

/// The problems shown under a field (by the field's name in the format).
#[derive(Component, Debug, Clone)]
struct FieldProblems(&'static str);

/// Filters and dialogs of the editor's view.
#[derive(Resource, Debug, Clone, Default)]
pub struct EditorView {
    /// 0 for every kind, else the kind `KIND_NAMES[n - 1]`.
    pub kind_filter: usize,
    pub topic_filter: Option<String>,
    pub search: String,
    /// The kind the Add button adds (index into `KIND_NAMES`).
    pub add_kind: usize,
    pub confirm_delete: bool,
    pub import_open: bool,
    pub import_message: String,
    /// What the form and list were last drawn for.
    drawn_form: Option<(u64, usize)>,
    drawn_list: Option<ListKey>,
    /// Typed values the bank refused (a number that isn't one), by field.
    pub refused: Vec<(TextField, String)>,
}

/// The article's sentences, for the panel.
#[derive(Resource, Debug, Clone)]
struct ArticleSentences(Result<Vec<String>, String>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EditorView>()
        .insert_resource(ArticleSentences(Ok(Vec::new())))
        .add_systems(OnEnter(Screen::Editor), reset_view)
        // The bank is opened on entering (editing.rs); lay out once it is.
        .add_systems(
            Update,
            spawn
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Editor).and_then(resource_exists::<Editing>))
                .before(act),
        )
        .add_systems(OnExit(Screen::Editor), release_keys)
        .add_systems(
            Update,
            (act, sync_fields, escape)
                .chain()
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Editor).and_then(resource_exists::<Editing>)),
        )
        .add_systems(
            Update,
            (draw_list, draw_form, draw_problems, draw_status, draw_dialogs, draw_article_marks)
                .chain()
                .after(act)
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Editor).and_then(resource_exists::<Editing>)),
        )
        .add_systems(
            Update,
            (show_problem, act_without_bank)
                .run_if(in_state(Screen::Editor).and_then(not(resource_exists::<Editing>))),
        );
}

fn reset_view(mut view: ResMut<EditorView>, mut captured: ResMut<KeysCaptured>) {
    let add_kind = view.add_kind;
    *view = EditorView { add_kind, ..default() };
    // Arrow keys belong to the text fields here.
    captured.0 = true;
}

fn release_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}

/// A text field bound to a form field (or the search or import box).
fn text_input(theme: &Theme, value: &str, lines: f32, tab: i32) -> impl Bundle {
    let p = &theme.palette;
    (
        Node {
            width: percent(100),
            padding: UiRect::axes(px(10), px(6)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        {
            let mut text = EditableText {
                visible_lines: Some(lines),
                allow_newlines: false,
                ..EditableText::new(value)
            };
            // Show the start of a long text, not its end.
            text.queue_edit(TextEdit::TextStart(false));
            text
        },
        TextLayout { linebreak: LineBreak::WordBoundary, ..default() },
        TextFont::from_font_size(size::SMALL),
        TextColor::default(),
        Ink::Text,
        TextCursorStyle { color: p.accent, selection_color: p.button_hovered, ..default() },
        (BackgroundColor::default(), Fill::Raised),
        TabIndex(tab),
    )
}

fn small(label: &str, action: EditorAction) -> impl Bundle {
    widgets::small_button(label, action)
}

fn spawn(
    mut commands: Commands,
    editing: Res<Editing>,
    roots: Query<(), With<EditorRoot>>,
    theme: Res<Theme>,
    mut sentences: ResMut<ArticleSentences>,
    mut view: ResMut<EditorView>,
) {
    if !roots.is_empty() {
        return;
    }
    // Everything is drawn afresh into the new layout.
    view.drawn_form = None;
    view.drawn_list = None;
    let session = &editing.session;
    let article = session.bank.article.as_ref().map_or("", |a| a.path.as_str());
    sentences.0 = read_text(&article_path(&session.path, article))
        .map(|text| Article::new(&text).sentences)
        .map_err(|e| format!("The article \"{article}\" cannot be read: {e}"));
    commands
        .spawn((
            EditorRoot,
            DespawnOnExit(Screen::Editor),
            TabGroup::new(0),
            widgets::screen(Node {
                align_items: AlignItems::Stretch,
                justify_content: JustifyContent::Start,
                padding: UiRect::all(px(12)),
                row_gap: px(8),
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            // The bar: what is open, its state, and the commands.
            root.spawn(Node { align_items: AlignItems::Center, column_gap: px(8), ..default() })
                .with_children(|bar| {
                    bar.spawn((
                        StatusText,
                        widgets::bold("", size::SMALL, Ink::Text),
                        Node { flex_grow: 1.0, ..default() },
                    ));
                    for (label, action) in [
                        ("Save (Ctrl+S)", EditorAction::Command(EditorCommand::Save)),
                        ("Undo", EditorAction::Command(EditorCommand::Undo)),
                        ("Redo", EditorAction::Command(EditorCommand::Redo)),
                        ("Try it", EditorAction::Command(EditorCommand::TryIt)),
                        ("Import", EditorAction::OpenImport),
                        ("Export", EditorAction::Export),
                        ("Back", EditorAction::Command(EditorCommand::Leave)),
                    ] {
                        bar.spawn(small(label, action));
                    }
                });
            root.spawn(Node { flex_grow: 1.0, flex_basis: px(0), column_gap: px(10), ..default() })
                .with_children(|main| {
                    // The questions.
                    main.spawn(widgets::panel(Node {
                        width: px(290),
                        flex_shrink: 0.0,
                        padding: UiRect::all(px(8)),
                        row_gap: px(6),
                        ..widgets::panel_node()
                    }))
                    .with_children(|left| {
                        left.spawn(widgets::text("Search the questions", size::TINY, Ink::Muted));
                        left.spawn((SearchField, text_input(&theme, "", 1.0, 0)));
                        left.spawn(Node {
                            column_gap: px(6),
                            flex_wrap: FlexWrap::Wrap,
                            row_gap: px(4),
                            ..default()
                        })
                        .with_children(|f| {
                            f.spawn(small("Kind: all", EditorAction::FilterKind));
                            f.spawn(small("Topic: all", EditorAction::FilterTopic));
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
                        left.spawn(Node {
                            column_gap: px(4),
                            flex_wrap: FlexWrap::Wrap,
                            row_gap: px(4),
                            ..default()
                        })
                        .with_children(|b| {
                            b.spawn(small("Add", EditorAction::AddQuestion));
                            b.spawn(small(KIND_NAMES[0], EditorAction::NextKindToAdd));
                            b.spawn(small("Duplicate", EditorAction::Duplicate));
                            b.spawn(small("Delete", EditorAction::Delete));
                            b.spawn(small("Up", EditorAction::MoveUp));
                            b.spawn(small("Down", EditorAction::MoveDown));
                        });
                    });
                    // The form.
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
                    // The article.
                    main.spawn(widgets::panel(Node {
                        width: px(330),
                        flex_shrink: 0.0,
                        padding: UiRect::all(px(8)),
                        row_gap: px(4),
                        ..widgets::panel_node()
                    }))
                    .with_children(|right| {
                        right.spawn(widgets::bold(
                            "The article: click a sentence to make it a source",
                            size::TINY,
                            Ink::Accent,
                        ));
                        right
                            .spawn((
                                ArticlePanel,
                                ScrollArea,
                                Node {
                                    flex_direction: FlexDirection::Column,
                                    flex_grow: 1.0,
                                    flex_basis: px(0),
                                    overflow: Overflow::scroll_y(),
                                    row_gap: px(4),
                                    ..default()
                                },
                            ))
                            .with_children(|list| match &sentences.0 {
                                Ok(all) => {
                                    for (i, sentence) in all.iter().enumerate() {
                                        list.spawn((
                                            EditorAction::AddSentence(i),
                                            MenuItem::default(),
                                            Button,
                                            ButtonColors {
                                                normal: Fill::Raised,
                                                hovered: Fill::ButtonHovered,
                                            },
                                            Node {
                                                padding: UiRect::axes(px(8), px(4)),
                                                border_radius: BorderRadius::all(px(6)),
                                                flex_shrink: 0.0,
                                                ..default()
                                            },
                                            BackgroundColor::default(),
                                            Outline::new(px(2), px(0), Color::NONE),
                                        ))
                                        .with_child((
                                            widgets::text(sentence.clone(), size::TINY, Ink::Text),
                                            Pickable::IGNORE,
                                        ));
                                    }
                                }
                                Err(e) => {
                                    list.spawn(widgets::text(e.clone(), size::TINY, Ink::Wrong));
                                }
                            });
                    });
                });
        });
}

/// The editor could not open the bank: say why.
fn show_problem(problem: Res<EditorProblem>, roots: Query<(), With<EditorRoot>>, mut commands: Commands) {
    let Some(report) = problem.0.clone().filter(|_| roots.is_empty()) else { return };
    commands.spawn((EditorRoot, DespawnOnExit(Screen::Editor), widgets::screen_root())).with_children(
        |root| {
            root.spawn(widgets::bold("This bank cannot be opened in the editor", size::HEADING, Ink::Wrong));
            root.spawn(widgets::panel(Node { max_width: px(1180), ..widgets::panel_node() }))
                .with_child(widgets::text(report, size::TINY, Ink::Text));
            root.spawn(widgets::text(
                "Fix it in a text editor (quorum check lists every problem), then open the editor again.",
                size::SMALL,
                Ink::Muted,
            ));
            root.spawn((widgets::button("Back", EditorAction::Command(EditorCommand::Leave)), DefaultFocus));
        },
    );
}

fn kind_short(kind: &str) -> &'static str {
    match kind {
        "MultipleChoice" => "Choice",
        "WhoSaidIt" => "Quote",
        "TrueFalse" => "T/F",
        "Figure" => "Figure",
        _ => "Estimate",
    }
}

/// Whether question `i` passes the view's filters and search.
fn shown(view: &EditorView, q: &quorum_core::bank::Question) -> bool {
    let kind_ok = view.kind_filter == 0 || KIND_NAMES.get(view.kind_filter - 1) == Some(&q.kind_name());
    let topic_ok = view.topic_filter.as_ref().is_none_or(|t| *t == q.topic);
    kind_ok && topic_ok && q.matches(&view.search)
}

/// Everything the question list is drawn from: it is redrawn when any of
/// it differs from what it was drawn for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ListKey {
    generation: u64,
    selected: usize,
    search: String,
    kind_filter: usize,
    topic_filter: Option<String>,
}

fn draw_list(
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
                if !shown(&view, q) {
                    continue;
                }
                let selected = i == editing.session.selected;
                let fill = if selected { Fill::Button } else { Fill::Raised };
                list.spawn((
                    EditorAction::Select(i),
                    MenuItem::default(),
                    Button,
                    ButtonColors { normal: fill, hovered: Fill::ButtonHovered },
                    Node {
                        column_gap: px(6),
                        padding: UiRect::axes(px(6), px(3)),
                        border_radius: BorderRadius::all(px(6)),
                        flex_shrink: 0.0,
                        align_items: AlignItems::Center,
                        ..default()
                    },
                    BackgroundColor::default(),
                ))
                .with_children(|row| {
                    let (mark, ink) =
                        if editing.has_errors(i) { ("✘", Ink::Wrong) } else { ("✔", Ink::Correct) };
                    row.spawn(widgets::symbol(mark, size::TINY, ink));
                    row.spawn((
                        Node { flex_direction: FlexDirection::Column, ..default() },
                        Pickable::IGNORE,
                    ))
                    .with_children(|col| {
                        col.spawn((widgets::bold(q.id.clone(), size::TINY, Ink::Text), Pickable::IGNORE));
                        col.spawn((
                            widgets::text(
                                format!(
                                    "{} · {} · {}",
                                    kind_short(q.kind_name()),
                                    q.difficulty.name(),
                                    q.topic
                                ),
                                14.0,
                                Ink::Muted,
                            ),
                            Pickable::IGNORE,
                        ));
                    });
                });
            }
        });
    }
}

/// A labelled field, with the problems for it underneath.
fn field(
    form: &mut ChildSpawnerCommands,
    theme: &Theme,
    label: &str,
    value: String,
    f: TextField,
    lines: f32,
    tab: &mut i32,
) {
    form.spawn(widgets::text(label, size::TINY, Ink::Muted));
    *tab += 1;
    form.spawn((FormField(f), text_input(theme, &value, lines, *tab)));
    form.spawn((
        FieldProblems(f.name()),
        widgets::text("", size::TINY, Ink::Wrong),
        Node { display: Display::None, ..default() },
    ));
}

fn draw_form(
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
    let Some(q) = editing.session.question().cloned() else {
        for panel in &panels {
            commands.entity(panel).despawn_children().with_child(widgets::text(
                "No questions yet: add one with the Add button.",
                size::SMALL,
                Ink::Muted,
            ));
        }
        return;
    };
    let mut tab = 10;
    for panel in &panels {
        commands.entity(panel).despawn_children().with_children(|form| {
            form.spawn(widgets::bold(kind_label(&q.kind), size::BODY, Ink::Accent));
            field(
                form,
                &theme,
                "Id (a stable name: lower-case words and hyphens)",
                q.id.clone(),
                TextField::Id,
                1.0,
                &mut tab,
            );
            field(form, &theme, "Topic", q.topic.clone(), TextField::Topic, 1.0, &mut tab);
            form.spawn(widgets::text("Difficulty", size::TINY, Ink::Muted));
            form.spawn(Node { column_gap: px(6), ..default() }).with_children(|row| {
                for d in Difficulty::ALL {
                    let on = q.difficulty == d;
                    row.spawn(choice_chip(&capitalised(d.name()), on, EditorAction::Difficulty(d)));
                }
            });
            field(
                form,
                &theme,
                "Time limit in seconds (empty: the round's setting)",
                field_text(&q, TextField::TimeLimit),
                TextField::TimeLimit,
                1.0,
                &mut tab,
            );
            match &q.kind {
                QuestionKind::TrueFalse { answer, .. } => {
                    field(
                        form,
                        &theme,
                        "Statement",
                        field_text(&q, TextField::Prompt),
                        TextField::Prompt,
                        2.0,
                        &mut tab,
                    );
                    form.spawn(widgets::text("The statement is", size::TINY, Ink::Muted));
                    form.spawn(Node { column_gap: px(6), ..default() }).with_children(|row| {
                        row.spawn(choice_chip("True", *answer, EditorAction::Correct(0)));
                        row.spawn(choice_chip("False", !*answer, EditorAction::Correct(1)));
                    });
                }
                QuestionKind::Estimate { .. } => {
                    field(
                        form,
                        &theme,
                        "Prompt",
                        field_text(&q, TextField::Prompt),
                        TextField::Prompt,
                        2.0,
                        &mut tab,
                    );
                    for (label, f) in [
                        ("Slider minimum", TextField::Min),
                        ("Slider maximum", TextField::Max),
                        ("Step", TextField::Step),
                        ("Unit (%, people, or empty)", TextField::Unit),
                        ("Answer", TextField::Answer),
                        ("Tolerance (full points within it, some up to twice it)", TextField::Tolerance),
                    ] {
                        field(form, &theme, label, field_text(&q, f), f, 1.0, &mut tab);
                    }
                }
                kind => {
                    if let QuestionKind::WhoSaidIt { .. } = kind {
                        field(
                            form,
                            &theme,
                            "Prompt (empty: \"Who said this?\")",
                            field_text(&q, TextField::Prompt),
                            TextField::Prompt,
                            1.0,
                            &mut tab,
                        );
                        field(
                            form,
                            &theme,
                            "Quote, word for word from the article",
                            field_text(&q, TextField::Quote),
                            TextField::Quote,
                            3.0,
                            &mut tab,
                        );
                    } else {
                        field(
                            form,
                            &theme,
                            "Prompt",
                            field_text(&q, TextField::Prompt),
                            TextField::Prompt,
                            2.0,
                            &mut tab,
                        );
                    }
                    let choices = q.choices();
                    let right = q.answer_text();
                    form.spawn(widgets::text(
                        "Choices (the one marked Right is the answer)",
                        size::TINY,
                        Ink::Muted,
                    ));
                    for (i, c) in choices.iter().enumerate() {
                        form.spawn(Node { column_gap: px(6), align_items: AlignItems::Center, ..default() })
                            .with_children(|row| {
                                row.spawn(choice_chip(
                                    if *c == right { "Right" } else { "Wrong" },
                                    *c == right,
                                    EditorAction::Correct(i),
                                ));
                                tab += 1;
                                row.spawn((Node { flex_grow: 1.0, ..default() },)).with_child((
                                    FormField(TextField::Choice(i)),
                                    text_input(&theme, c, 1.0, tab),
                                ));
                                row.spawn(small("Up", EditorAction::ChoiceUp(i)));
                                row.spawn(small("Down", EditorAction::ChoiceDown(i)));
                                row.spawn(small("Remove", EditorAction::RemoveChoice(i)));
                            });
                    }
                    form.spawn((
                        FieldProblems("choices"),
                        widgets::text("", size::TINY, Ink::Wrong),
                        Node { display: Display::None, ..default() },
                    ));
                    form.spawn((
                        FieldProblems("answer"),
                        widgets::text("", size::TINY, Ink::Wrong),
                        Node { display: Display::None, ..default() },
                    ));
                    if choices.len() < quorum_core::bank::validate::MAX_CHOICES {
                        form.spawn(Node::default())
                            .with_child(small("Add a choice", EditorAction::AddChoice));
                    }
                }
            }
            field(
                form,
                &theme,
                "Explanation: why the answer is right",
                q.explanation.clone(),
                TextField::Explanation,
                3.0,
                &mut tab,
            );
            if !matches!(q.kind, QuestionKind::WhoSaidIt { .. }) {
                field(
                    form,
                    &theme,
                    "Speaker, if the question is about a quote",
                    field_text(&q, TextField::Speaker),
                    TextField::Speaker,
                    1.0,
                    &mut tab,
                );
            }
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
                form.spawn(Node { column_gap: px(6), align_items: AlignItems::Center, ..default() })
                    .with_children(|row| {
                        row.spawn((
                            widgets::italic(format!("\u{201C}{s}\u{201D}"), size::TINY, Ink::Text),
                            Node { flex_grow: 1.0, flex_basis: px(0), ..default() },
                        ));
                        row.spawn(small("Remove", EditorAction::RemoveSource(i)));
                    });
            }
            form.spawn((
                FieldProblems("source"),
                widgets::text("", size::TINY, Ink::Wrong),
                Node { display: Display::None, ..default() },
            ));
        });
    }
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn choice_chip(label: &str, on: bool, action: EditorAction) -> impl Bundle {
    let (normal, text) = if on { (Fill::Accent, Ink::OnAccent) } else { (Fill::Raised, Ink::Text) };
    (
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
        children![(widgets::bold(label, size::SMALL, text), TextLayout::no_wrap(), Pickable::IGNORE)],
    )
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

fn draw_status(editing: Res<Editing>, mut texts: Query<&mut Text, With<StatusText>>) {
    if !editing.is_changed() {
        return;
    }
    let s = &editing.session;
    let errors = editing.diagnostics.iter().filter(|d| d.is_error()).count();
    let state = if s.is_dirty() { "unsaved changes" } else { "saved" };
    let line = format!(
        "{} · {} · {} questions · {} error{} · {state}",
        s.bank.title,
        s.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        s.bank.questions.len(),
        errors,
        if errors == 1 { "" } else { "s" }
    );
    for mut text in &mut texts {
        text.0 = line.clone();
    }
}

/// Sentences already a source of the selected question are outlined.
fn draw_article_marks(
    editing: Res<Editing>,
    sentences: Res<ArticleSentences>,
    theme: Res<Theme>,
    mut items: Query<(&EditorAction, &mut Outline)>,
) {
    if !editing.is_changed() {
        return;
    }
    let Ok(all) = &sentences.0 else { return };
    let used: Vec<&String> =
        editing.session.question().map(|q| q.source.iter().collect()).unwrap_or_default();
    for (action, mut outline) in &mut items {
        if let EditorAction::AddSentence(i) = action {
            let on = all.get(*i).is_some_and(|s| {
                used.iter().any(|u| {
                    quorum_core::bank::provenance::normalize(u) == quorum_core::bank::provenance::normalize(s)
                })
            });
            outline.color = if on { theme.palette.accent } else { Color::NONE };
        }
    }
}

fn draw_dialogs(
    view: Res<EditorView>,
    prompt: Res<UnsavedPrompt>,
    editing: Res<Editing>,
    dialogs: Query<Entity, With<DialogRoot>>,
    theme: Res<Theme>,
    mut commands: Commands,
) {
    if !view.is_changed() && !prompt.is_changed() {
        return;
    }
    for d in &dialogs {
        commands.entity(d).despawn();
    }
    let open = prompt.open || view.confirm_delete || view.import_open;
    if !open {
        return;
    }
    commands.spawn((DialogRoot, Modal, widgets::screen_node(), BackgroundColor(theme.palette.background.with_alpha(0.92)), GlobalZIndex(40))).with_children(|root| {
        root.spawn(widgets::panel(Node { width: px(760), align_items: AlignItems::Center, row_gap: px(14), padding: UiRect::all(px(24)), ..widgets::panel_node() }))
            .with_children(|d| {
                if prompt.open {
                    d.spawn(widgets::bold("Save your changes?", size::HEADING, Ink::Text));
                    d.spawn(widgets::text(format!("{} has changes that are not saved.", editing.session.path.display()), size::SMALL, Ink::Muted));
                    d.spawn(Node { column_gap: px(12), ..default() }).with_children(|b| {
                        b.spawn((widgets::button("Save", EditorAction::Command(EditorCommand::SaveAndLeave)), DefaultFocus));
                        b.spawn(widgets::button("Don't save", EditorAction::Command(EditorCommand::DiscardAndLeave)));
                        b.spawn(widgets::button("Cancel", EditorAction::CloseDialog));
                    });
                } else if view.confirm_delete {
                    let id = editing.session.question().map(|q| q.id.clone()).unwrap_or_default();
                    d.spawn(widgets::bold(format!("Delete `{id}`?"), size::HEADING, Ink::Text));
                    d.spawn(widgets::text("Undo (Ctrl+Z) brings it back until you leave the editor.", size::SMALL, Ink::Muted));
                    d.spawn(Node { column_gap: px(12), ..default() }).with_children(|b| {
                        b.spawn(widgets::button("Delete", EditorAction::ConfirmDelete));
                        b.spawn((widgets::button("Cancel", EditorAction::CloseDialog), DefaultFocus));
                    });
                } else {
                    d.spawn(widgets::bold("Import questions", size::HEADING, Ink::Text));
                    d.spawn(widgets::text("The path of a spreadsheet (.csv) or Moodle file (.gift). Its questions are added to the end of this bank.", size::SMALL, Ink::Muted));
                    d.spawn((ImportPath, text_input(&theme, "", 1.0, 1)));
                    if !view.import_message.is_empty() {
                        d.spawn(widgets::text(view.import_message.clone(), size::TINY, Ink::Text));
                    }
                    d.spawn(Node { column_gap: px(12), ..default() }).with_children(|b| {
                        b.spawn(widgets::button("Import", EditorAction::RunImport));
                        b.spawn(widgets::button("Close", EditorAction::CloseDialog));
                    });
                }
            });
    });
}

fn value_of(text: &EditableText) -> String {
    text.value().into_iter().collect()
}

/// Typing goes into the bank as it happens.
fn sync_fields(
    fields: Query<(&EditableText, &FormField), Changed<EditableText>>,
    search: Query<&EditableText, (With<SearchField>, Changed<EditableText>)>,
    mut editing: ResMut<Editing>,
    mut view: ResMut<EditorView>,
) {
    for text in &search {
        let value = value_of(text);
        if view.search != value {
            view.search = value;
        }
    }
    let index = editing.session.selected;
    let mut any = false;
    for (text, FormField(f)) in &fields {
        let value = value_of(text);
        if editing.session.question().is_some_and(|q| field_text(q, *f) == value) {
            view.refused.retain(|(g, _)| g != f);
            continue;
        }
        match editing.session.set_text(index, *f, &value) {
            Ok(()) => {
                view.refused.retain(|(g, _)| g != f);
                any = true;
            }
            Err(e) => {
                view.refused.retain(|(g, _)| g != f);
                view.refused.push((*f, e.0));
            }
        }
    }
    if any {
        editing.changed(false);
    }
}

fn escape(
    keys: Res<ButtonInput<KeyCode>>,
    mut focus: ResMut<InputFocus>,
    mut view: ResMut<EditorView>,
    mut commands: MessageWriter<EditorCommand>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    if view.confirm_delete || view.import_open {
        view.confirm_delete = false;
        view.import_open = false;
    } else if focus.get().is_some() {
        focus.clear();
    } else {
        commands.write(EditorCommand::Leave);
    }
}

fn act(
    mut activated: MessageReader<Activated>,
    actions: Query<&EditorAction>,
    import_paths: Query<&EditableText, With<ImportPath>>,
    sentences: Res<ArticleSentences>,
    mut editing: ResMut<Editing>,
    mut view: ResMut<EditorView>,
    mut prompt: ResMut<UnsavedPrompt>,
    mut banner: ResMut<Banner>,
    mut commands: MessageWriter<EditorCommand>,
    mut labels: Query<(&EditorAction, &Children)>,
    mut texts: Query<&mut Text>,
) {
    for Activated(entity) in activated.read() {
        let Ok(action) = actions.get(*entity) else { continue };
        let index = editing.session.selected;
        let session = &mut editing.session;
        match action.clone() {
            EditorAction::Command(c) => {
                commands.write(c);
                continue;
            }
            EditorAction::Select(i) => session.select(i),
            EditorAction::AddQuestion => session.add_question(KIND_NAMES[view.add_kind % KIND_NAMES.len()]),
            EditorAction::NextKindToAdd => {
                view.add_kind = (view.add_kind + 1) % KIND_NAMES.len();
                relabel(&mut labels, &mut texts, &EditorAction::NextKindToAdd, KIND_NAMES[view.add_kind]);
                continue;
            }
            EditorAction::Duplicate => session.duplicate(index),
            EditorAction::Delete => {
                if session.question().is_some() {
                    view.confirm_delete = true;
                }
                continue;
            }
            EditorAction::ConfirmDelete => {
                session.delete(index);
                view.confirm_delete = false;
            }
            EditorAction::CloseDialog => {
                view.confirm_delete = false;
                view.import_open = false;
                prompt.open = false;
                continue;
            }
            EditorAction::MoveUp => session.move_question(index, -1),
            EditorAction::MoveDown => session.move_question(index, 1),
            EditorAction::Difficulty(d) => session.set_difficulty(index, d),
            EditorAction::Correct(i) => session.set_correct(index, i),
            EditorAction::AddChoice => session.add_choice(index),
            EditorAction::RemoveChoice(i) => session.remove_choice(index, i),
            EditorAction::ChoiceUp(i) => session.move_choice(index, i, -1),
            EditorAction::ChoiceDown(i) => session.move_choice(index, i, 1),
            EditorAction::RemoveSource(i) => session.remove_source(index, i),
            EditorAction::AddSentence(i) => {
                if let Ok(all) = &sentences.0
                    && let Some(s) = all.get(i)
                {
                    session.add_source(index, s);
                }
            }
            EditorAction::FilterKind => {
                view.kind_filter = (view.kind_filter + 1) % (KIND_NAMES.len() + 1);
                let label = if view.kind_filter == 0 {
                    "Kind: all".to_string()
                } else {
                    format!("Kind: {}", kind_short(KIND_NAMES[view.kind_filter - 1]))
                };
                relabel(&mut labels, &mut texts, &EditorAction::FilterKind, &label);
                continue;
            }
            EditorAction::FilterTopic => {
                let mut topics: Vec<String> =
                    session.bank.questions.iter().map(|q| q.topic.clone()).collect();
                topics.sort();
                topics.dedup();
                let next = match &view.topic_filter {
                    None => topics.first().cloned(),
                    Some(t) => topics.iter().position(|x| x == t).and_then(|i| topics.get(i + 1)).cloned(),
                };
                let label = format!("Topic: {}", next.as_deref().unwrap_or("all"));
                view.topic_filter = next;
                relabel(&mut labels, &mut texts, &EditorAction::FilterTopic, &label);
                continue;
            }
            EditorAction::Export => {
                let csv = session.path.with_extension("csv");
                let gift_path = session.path.with_extension("gift");
                let result =
                    quorum_core::atomic_file::write(&csv, spreadsheet::export(&session.bank).as_bytes())
                        .and_then(|()| {
                            quorum_core::atomic_file::write(
                                &gift_path,
                                gift::export(&session.bank).as_bytes(),
                            )
                        });
                match result {
                    Ok(()) => banner.info(format!("Exported {} and {}", csv.display(), gift_path.display())),
                    Err(e) => banner.error(format!("Export failed: {e}")),
                }
                continue;
            }
            EditorAction::OpenImport => {
                view.import_open = true;
                view.import_message.clear();
                continue;
            }
            EditorAction::RunImport => {
                let path = import_paths.iter().next().map(value_of).unwrap_or_default();
                let path = std::path::PathBuf::from(path.trim());
                view.import_message = match read_text(&path) {
                    Err(e) => format!("Cannot read {}: {e}", path.display()),
                    Ok(text) => {
                        let shown = path.display().to_string();
                        let article = session.bank.article.clone();
                        let title = session.bank.title.clone();
                        let imported = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gift")) {
                            gift::import(&shown, &text, &title, article)
                        } else {
                            spreadsheet::import(&shown, &text, &title, article)
                        };
                        let summary = imported.summary();
                        session.append(imported.bank.questions);
                        summary
                    }
                };
            }
        }
        editing.changed(true);
    }
}

/// With no bank open, the only button is Back.
fn act_without_bank(
    mut activated: MessageReader<Activated>,
    actions: Query<&EditorAction>,
    active: Option<Res<crate::game::ActiveBank>>,
    editor_problem: Res<EditorProblem>,
    choice: Option<Res<crate::game::BankChoice>>,
    mut problem: ResMut<crate::game::play::bank::BankProblem>,
    mut next: ResMut<NextState<Screen>>,
) {
    if !activated.read().any(|a| actions.get(a.0).is_ok()) {
        return;
    }
    if active.is_some() {
        next.set(Screen::Title);
    } else {
        // Nothing can be played either: say why on the error screen.
        let path = match choice.as_deref() {
            Some(crate::game::BankChoice::File(p)) => p.display().to_string(),
            _ => String::new(),
        };
        *problem = crate::game::play::bank::BankProblem {
            path,
            report: editor_problem.0.clone().unwrap_or_default(),
        };
        next.set(Screen::BankError);
    }
}

/// Changes the label of the button with `action`.
fn relabel(
    labels: &mut Query<(&EditorAction, &Children)>,
    texts: &mut Query<&mut Text>,
    action: &EditorAction,
    label: &str,
) {
    for (a, children) in labels.iter_mut() {
        if a == action {
            for child in children.iter() {
                if let Ok(mut text) = texts.get_mut(child) {
                    text.0 = label.to_string();
                }
            }
        }
    }
}
