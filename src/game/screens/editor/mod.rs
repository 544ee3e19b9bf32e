//! The bank editor: a header with the bank's state and commands, the
//! questions on the left (filters and search), the selected question's form
//! in the middle with each problem under its field, and the article on the
//! right, where clicking a sentence makes it the question's source.
//!
//! Each part is a file with its own plugin; this one lays the parts out and
//! holds what they share. Every change goes through `play::editing` to the
//! core's `EditSession`: no rule about a bank or a file is written here.

mod article;
mod dialogs;
mod draft;
mod fields;
mod form;
mod header;
mod import;
mod list;
mod unopened;

use bevy::input_focus::tab_navigation::TabGroup;
use bevy::prelude::*;

use crate::game::play::editing::{Editing, EditorCommand, EditorCommands};
use crate::game::theme::{Theme, widgets};
use crate::game::ui::menu::{Activate, KeysCaptured};
use crate::game::{GameSet, Screen};
use quorum_core::bank::Difficulty;
use quorum_core::bank::edit::{EditSession, TextField};

/// What an editor button is. Tests and the article's marks find buttons by
/// it; what a button does is the observer spawned with it.
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
    OpenDraft,
    RunDraft,
    MarkChecked,
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

/// The article's path box of the "New bank from an article" dialog.
#[derive(Component, Debug, Clone, Copy)]
pub struct ArticlePath;

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
    pub draft_open: bool,
    /// Why the last "New bank from an article" made no bank.
    pub draft_message: String,
    /// Typed values the bank refused (a number that isn't one), by field.
    pub refused: Vec<(TextField, String)>,
    /// What the form and list were last drawn for; `None` draws them afresh.
    drawn_form: Option<(u64, usize)>,
    drawn_list: Option<list::ListKey>,
}

#[derive(Component)]
struct EditorRoot;

/// The order of the editor's work in a frame, after the buttons' observers
/// have run: lay out, take what was typed, then draw what changed.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum EditorSystems {
    Layout,
    Typing,
    Draw,
}

pub(super) fn plugin(app: &mut App) {
    let bank_open = in_state(Screen::Editor).and_then(resource_exists::<Editing>);
    app.init_resource::<EditorView>()
        .configure_sets(
            Update,
            (EditorSystems::Layout, EditorSystems::Typing, EditorSystems::Draw)
                .chain()
                .in_set(GameSet::Update)
                .after(EditorCommands)
                .run_if(bank_open),
        )
        .add_systems(OnEnter(Screen::Editor), reset_view)
        .add_systems(OnExit(Screen::Editor), release_keys)
        // The bank is opened on entering (play/editing.rs); lay out once it is.
        .add_systems(Update, spawn.in_set(EditorSystems::Layout))
        .add_plugins((
            header::plugin,
            list::plugin,
            form::plugin,
            fields::plugin,
            article::plugin,
            dialogs::plugin,
            draft::plugin,
            import::plugin,
            unopened::plugin,
        ));
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

/// The header above three panels: the list, the form and the article.
fn spawn(
    mut commands: Commands,
    mut editing: ResMut<Editing>,
    roots: Query<(), With<EditorRoot>>,
    theme: Res<Theme>,
    mut view: ResMut<EditorView>,
) {
    if !roots.is_empty() {
        return;
    }
    // Everything is drawn afresh into the new layout (also on coming back
    // from trying a question, when nothing in the bank has changed).
    editing.set_changed();
    view.drawn_form = None;
    view.drawn_list = None;
    let sentences = article::sentences(&editing.session);
    let mut root = commands.spawn((
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
    ));
    root.with_children(|root| {
        header::spawn(root);
        root.spawn(Node { flex_grow: 1.0, flex_basis: px(0), column_gap: px(10), ..default() })
            .with_children(|main| {
                list::spawn(main, &theme);
                form::spawn(main);
                article::spawn(main, &sentences);
            });
    });
    commands.insert_resource(sentences);
}

/// A button's observer that sends `command` to the editor.
fn send(command: EditorCommand) -> impl Fn(On<Activate>, MessageWriter<EditorCommand>) {
    move |_, mut commands| {
        commands.write(command);
    }
}

/// A button's observer that changes the selected question (`change` gets
/// the session and the question's index), then redraws the form.
fn edit(
    change: impl Fn(&mut EditSession, usize) + Send + Sync + 'static,
) -> impl Fn(On<Activate>, ResMut<Editing>) {
    move |_, mut editing| editing.change_selected(&change)
}

/// Sets the label of the button `button` (its text child).
fn relabel(button: Entity, label: &str, children: &Query<&Children>, texts: &mut Query<&mut Text>) {
    for child in children.iter_descendants(button) {
        if let Ok(mut text) = texts.get_mut(child) {
            text.0 = label.to_string();
        }
    }
}
