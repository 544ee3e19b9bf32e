//! The bank being edited, over `bank::edit::EditSession`: which bank, the
//! shortcuts (Ctrl+S, Ctrl+Z, Ctrl+Y), trying a question, and never losing
//! unsaved work when leaving or closing the window.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::WindowCloseRequested;

use super::bank::{ActiveBank, BankChoice, BankProblem};
use super::round::{CurrentRound, NextSeed};
use crate::game::settings::setup::SetupChoices;
use crate::game::ui::banner::Banner;
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::bank::edit::EditSession;
use quorum_core::bank::{Diagnostic, builtin};
use quorum_core::quiz::{QuestionCount, Round, RoundSettings, deal};

/// The bank open in the editor, and what the checks say about it now.
#[derive(Resource, Debug)]
pub struct Editing {
    pub session: EditSession,
    /// Every problem in the bank as it stands (the validator and provenance
    /// of `quorum check`).
    pub diagnostics: Vec<Diagnostic>,
    /// Bumped by every change that reshapes the form (not by typing), so
    /// the form is rebuilt then and only then.
    pub form_generation: u64,
    /// Bumped by every change, so the list and problems are redrawn.
    pub generation: u64,
    /// A bank drafted in this editor from an article: leaving plays it,
    /// rather than the bank that was in play before.
    pub drafted_here: bool,
}

impl Editing {
    pub fn new(session: EditSession) -> Editing {
        let diagnostics = session.check().diagnostics;
        Editing { session, diagnostics, form_generation: 0, generation: 0, drafted_here: false }
    }

    /// A bank just drafted from an article, opened in place of the last.
    pub fn drafted(session: EditSession) -> Editing {
        Editing { drafted_here: true, ..Editing::new(session) }
    }

    /// After a change: check again, and mark what must be redrawn.
    pub fn changed(&mut self, reshape: bool) {
        self.diagnostics = self.session.check().diagnostics;
        self.generation += 1;
        if reshape {
            self.form_generation += 1;
        }
    }

    /// Changes the selected question with `change` (given the session and
    /// the question's index), then checks again and redraws the form.
    pub fn change_selected(&mut self, change: impl FnOnce(&mut EditSession, usize)) {
        let index = self.session.selected;
        change(&mut self.session, index);
        self.changed(true);
    }

    /// Problems of question `index`, field `field` (all of the question's
    /// with `None`).
    pub fn problems(&self, index: usize, field: Option<&str>) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.index == Some(index) && (field.is_none() || d.field.as_deref() == field))
    }

    pub fn has_errors(&self, index: usize) -> bool {
        self.problems(index, None).any(|d| d.is_error())
    }
}

/// Why the editor could not open its bank (a file that does not parse).
#[derive(Resource, Debug, Clone, Default)]
pub struct EditorProblem(pub Option<String>);

/// Set while "try it" plays a question from the editor, so the round comes
/// back to the editor.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Trying(pub bool);

/// A question for the teacher before leaving with unsaved changes.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnsavedPrompt {
    pub open: bool,
    /// Quit the program (rather than go back to the title) once answered.
    pub then_quit: bool,
}

/// What the teacher asks of the editor.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorCommand {
    Save,
    Undo,
    Redo,
    TryIt,
    /// Leave for the title screen (asking first if there are unsaved changes).
    Leave,
    /// After the unsaved-changes question.
    SaveAndLeave,
    DiscardAndLeave,
}

/// Where the editor's commands are carried out (and the bank may be put
/// away): the editor's screen draws after them, on what is left.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EditorCommands;

/// Start on the editor (`quorum edit BANK.ron`).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StartInEditor(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EditorProblem>()
        .init_resource::<bevy::input_focus::InputFocus>()
        .init_resource::<Trying>()
        .init_resource::<UnsavedPrompt>()
        .init_resource::<StartInEditor>()
        .add_message::<EditorCommand>()
        .add_systems(Startup, start_in_editor)
        .add_systems(OnEnter(Screen::Editor), (stop_trying, open_bank))
        .add_systems(Update, shortcuts.in_set(GameSet::RecordInput).run_if(in_state(Screen::Editor)))
        .add_systems(
            Update,
            (apply_commands, close_requested).chain().in_set(EditorCommands).in_set(GameSet::Update),
        );
}

/// Back in the editor, a try is over: leaving a later round goes to the
/// title, not here.
fn stop_trying(mut trying: ResMut<Trying>) {
    trying.set_if_neq(Trying(false));
}

fn start_in_editor(start: Res<StartInEditor>, mut next: ResMut<NextState<Screen>>) {
    if start.0 {
        next.set(Screen::Editor);
    }
}

/// Where the built-in bank is copied to be edited: it is inside the program
/// and cannot be changed in place.
pub fn builtin_copy_folder(dir: &DataDir) -> PathBuf {
    dir.0.join("banks")
}

/// Opens the bank in play: a teacher's file as it is, or a copy of the
/// built-in bank (with its article) in the data directory.
fn open_bank(
    editing: Option<Res<Editing>>,
    choice: Option<Res<BankChoice>>,
    dir: Res<DataDir>,
    mut problem: ResMut<EditorProblem>,
    mut banner: ResMut<Banner>,
    mut commands: Commands,
) {
    if editing.is_some() {
        return;
    }
    let path = match choice.as_deref() {
        Some(BankChoice::File(path)) => path.clone(),
        _ => match builtin::copy_to(&builtin_copy_folder(&dir)) {
            Ok(builtin::Copy::Made(path)) => {
                banner.info(format!(
                    "The built-in bank can't be changed, so this is your copy: {}",
                    path.display()
                ));
                path
            }
            Ok(builtin::Copy::AlreadyThere(path)) => path,
            Err(e) => {
                problem.0 = Some(e);
                return;
            }
        },
    };
    match EditSession::open(&path) {
        Ok(session) => {
            problem.0 = None;
            commands.insert_resource(Editing::new(session));
        }
        Err(report) => problem.0 = Some(report),
    }
}

fn shortcuts(keys: Res<ButtonInput<KeyCode>>, mut commands: MessageWriter<EditorCommand>) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if !ctrl {
        return;
    }
    if keys.just_pressed(KeyCode::KeyS) {
        commands.write(EditorCommand::Save);
    }
    if keys.just_pressed(KeyCode::KeyZ) {
        commands.write(if shift { EditorCommand::Redo } else { EditorCommand::Undo });
    }
    if keys.just_pressed(KeyCode::KeyY) {
        commands.write(EditorCommand::Redo);
    }
}

fn apply_commands(mut commands: MessageReader<EditorCommand>, mut world_commands: Commands) {
    for command in commands.read() {
        let command = *command;
        world_commands.queue(move |world: &mut World| apply(world, command));
    }
}

fn save(world: &mut World) -> bool {
    let Some(mut editing) = world.get_resource_mut::<Editing>() else { return false };
    let result = editing.session.save();
    editing.changed(false);
    let mut banner = world.resource_mut::<Banner>();
    match result {
        Ok(saved) if saved.errors == 0 => {
            banner.info(format!("Saved {}", saved.path.display()));
            true
        }
        Ok(saved) => {
            banner.warn(format!(
                "Saved {} with {} error{}: those questions are left out of play until fixed",
                saved.path.display(),
                saved.errors,
                if saved.errors == 1 { "" } else { "s" }
            ));
            true
        }
        Err(e) => {
            banner.error(e);
            false
        }
    }
}

fn apply(world: &mut World, command: EditorCommand) {
    match command {
        EditorCommand::Save => {
            save(world);
        }
        EditorCommand::Undo | EditorCommand::Redo => {
            if let Some(mut editing) = world.get_resource_mut::<Editing>() {
                let done = if command == EditorCommand::Undo {
                    editing.session.undo()
                } else {
                    editing.session.redo()
                };
                if done {
                    editing.changed(true);
                }
            }
        }
        EditorCommand::TryIt => try_it(world),
        EditorCommand::Leave => {
            let dirty = world.get_resource::<Editing>().is_some_and(|e| e.session.is_dirty());
            if dirty {
                *world.resource_mut::<UnsavedPrompt>() = UnsavedPrompt { open: true, then_quit: false };
            } else {
                leave(world, false);
            }
        }
        EditorCommand::SaveAndLeave => {
            let then_quit = world.resource::<UnsavedPrompt>().then_quit;
            if save(world) {
                leave(world, then_quit);
            }
        }
        EditorCommand::DiscardAndLeave => {
            let then_quit = world.resource::<UnsavedPrompt>().then_quit;
            leave(world, then_quit);
        }
    }
}

fn leave(world: &mut World, quit: bool) {
    *world.resource_mut::<UnsavedPrompt>() = UnsavedPrompt::default();
    let edited = world.remove_resource::<Editing>().map(|e| (e.session.path, e.drafted_here));
    if quit {
        world.write_message(AppExit::Success);
        return;
    }
    // Play what was just edited, checked now rather than waiting for a
    // reload (a bank opened from the title screen has none). A copy of the
    // built-in bank, or a bank drafted here, becomes the open bank.
    let builtin = !matches!(world.get_resource::<BankChoice>(), Some(BankChoice::File(_)));
    let next = match edited {
        Some((path, drafted)) => {
            let checked = quorum_core::bank::check_file(&path);
            match ActiveBank::from_checked(&checked) {
                Some(active) => {
                    if drafted || builtin {
                        world.resource_mut::<Banner>().info(if drafted {
                            format!("Playing {}: it is now the open bank", path.display())
                        } else {
                            format!("Your copy of the built-in bank is now the open bank: {}", path.display())
                        });
                        super::bank::stop_watching(world);
                        world.insert_resource(BankChoice::File(path.clone()));
                        super::library::remember(world, Some(&path));
                        super::library::follow(world, &path);
                    }
                    world.insert_resource(active);
                    Screen::Title
                }
                None if world.contains_resource::<ActiveBank>() => {
                    world
                        .resource_mut::<Banner>()
                        .warn(format!("{} has no playable question yet", path.display()));
                    Screen::Title
                }
                None => {
                    *world.resource_mut::<BankProblem>() =
                        BankProblem { path: checked.file.clone(), report: checked.report() };
                    Screen::BankError
                }
            }
        }
        _ => Screen::Title,
    };
    world.resource_mut::<NextState<Screen>>().set(next);
}

/// Plays the question being edited, as it stands (a draft too), then comes
/// back.
fn try_it(world: &mut World) {
    let Some(editing) = world.get_resource::<Editing>() else { return };
    let index = editing.session.selected;
    let Some(question) = editing.session.question().cloned() else { return };
    let blocking = editing.problems(index, None).find(|d| d.stops_a_try()).map(|d| d.message.clone());
    if let Some(reason) = blocking {
        world.resource_mut::<Banner>().warn(format!("Fix this question first: {reason}"));
        return;
    }
    let mut bank = editing.session.bank.clone();
    bank.questions = vec![question];
    let seconds = world.get_resource::<SetupChoices>().map_or(Some(20), |c| c.settings.seconds);
    let settings = RoundSettings {
        questions: QuestionCount::All,
        seconds,
        include_drafts: true,
        ..RoundSettings::default()
    };
    let seed = world.resource::<NextSeed>().0;
    match deal(&bank, &settings, seed) {
        Ok(questions) => {
            world.insert_resource(CurrentRound {
                round: Round::new(questions, settings),
                bank_title: bank.title.clone(),
                player: "Teacher".to_string(),
                seed,
                // A try is not a score to keep.
                recorded: true,
            });
            world.insert_resource(Trying(true));
            world.resource_mut::<NextState<Screen>>().set(Screen::Question);
        }
        Err(e) => world.resource_mut::<Banner>().warn(format!("Cannot try this question: {e}")),
    }
}

/// Closing the window with unsaved edits asks first (back in the editor,
/// if a question was being tried); otherwise it quits.
fn close_requested(
    mut requests: MessageReader<WindowCloseRequested>,
    editing: Option<Res<Editing>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut prompt: ResMut<UnsavedPrompt>,
    mut exit: MessageWriter<AppExit>,
) {
    if requests.read().count() == 0 {
        return;
    }
    if editing.is_some_and(|e| e.session.is_dirty()) {
        *prompt = UnsavedPrompt { open: true, then_quit: true };
        if *screen.get() != Screen::Editor {
            next.set(Screen::Editor);
        }
    } else {
        exit.write(AppExit::Success);
    }
}
