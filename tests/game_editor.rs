//! The bank editor through the real plugins, headless: adding and filling in
//! a question, undo and redo, errors at their field, and saving.

mod common;

use std::path::{Path, PathBuf};

use bevy::input::ButtonState;
use bevy::prelude::*;
use bevy::text::EditableText;
use common::Harness;
use quorum::game::play::editing::{Editing, StartInEditor};
use quorum::game::screens::editor::{EditorAction, FormField};
use quorum::game::{BankChoice, Screen};
use quorum_core::bank::builtin;
use quorum_core::bank::edit::{EditSession, TextField};
use quorum_core::bank::model::QuestionKind;

/// A folder with the shipped bank (pointing at its article beside it).
fn bank_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let path = dir.path().join("bank.ron");
    std::fs::write(&path, builtin::BANK_RON.replace(builtin::ARTICLE_PATH, "article.txt")).unwrap();
    (dir, path)
}

fn editor_on(path: &Path) -> Harness {
    let choice = BankChoice::File(path.to_path_buf());
    let mut h = Harness::with(move |app| {
        app.insert_resource(choice).insert_resource(StartInEditor(true));
    });
    for _ in 0..5 {
        h.update();
    }
    assert_eq!(h.screen(), Screen::Editor);
    assert!(h.app.world().contains_resource::<Editing>());
    h
}

fn editing(h: &Harness) -> &Editing {
    h.resource::<Editing>()
}

fn click_action(h: &mut Harness, action: EditorAction) {
    let e = h.find::<EditorAction>(|a| *a == action).unwrap_or_else(|| panic!("no button for {action:?}"));
    h.click(e);
}

/// Types into a form field: the field's text changes as a keystroke would
/// change it.
fn type_into(h: &mut Harness, field: TextField, text: &str) {
    let e = h.find::<FormField>(|f| f.0 == field).unwrap_or_else(|| panic!("no field {field:?}"));
    h.app.world_mut().get_mut::<EditableText>(e).unwrap().editor_mut().set_text(text);
    h.update();
    h.update();
}

fn ctrl(h: &mut Harness, key: KeyCode) {
    h.key(KeyCode::ControlLeft, ButtonState::Pressed);
    h.update();
    h.press(key);
    h.key(KeyCode::ControlLeft, ButtonState::Released);
    h.update();
}

#[test]
fn a_new_question_filled_in_and_saved_reads_back_equal() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    let before = editing(&h).session.bank.questions.len();
    click_action(&mut h, EditorAction::AddQuestion);
    h.update();
    assert_eq!(editing(&h).session.bank.questions.len(), before + 1);
    let index = editing(&h).session.selected;
    assert!(matches!(editing(&h).session.bank.questions[index].kind, QuestionKind::MultipleChoice { .. }));
    type_into(&mut h, TextField::Id, "who-applies-the-laws");
    type_into(&mut h, TextField::Prompt, "According to Andrew Little, who applies the laws?");
    type_into(&mut h, TextField::Choice(0), "Ministers");
    type_into(&mut h, TextField::Choice(1), "Judges");
    click_action(&mut h, EditorAction::Correct(1));
    type_into(
        &mut h,
        TextField::Explanation,
        "Parliament makes the laws and judges apply them to each case.",
    );
    // The article's sentence is picked with a click, so it is word for word.
    let sentence = quorum_core::bank::Article::new(builtin::ARTICLE_TEXT)
        .sentences
        .iter()
        .position(|s| s.starts_with("Parliament passes laws which judges apply."))
        .unwrap();
    click_action(&mut h, EditorAction::AddSentence(sentence));
    let q = editing(&h).session.bank.questions[index].clone();
    assert_eq!(q.answer_text(), "Judges");
    assert_eq!(q.source, ["Parliament passes laws which judges apply."]);
    assert!(!editing(&h).has_errors(index), "{:?}", editing(&h).problems(index, None).collect::<Vec<_>>());
    ctrl(&mut h, KeyCode::KeyS);
    assert!(!editing(&h).session.is_dirty());
    let reopened = EditSession::open(&path).unwrap();
    assert_eq!(reopened.bank, editing(&h).session.bank);
    assert!(path.with_file_name("bank.ron.bak").exists(), "the previous version is kept");
    // The game's own check agrees: the saved bank has no errors.
    assert_eq!(quorum_core::bank::check_file(&path).errors(), 0);
}

#[test]
fn undo_and_redo_with_the_keyboard() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    let original = editing(&h).session.bank.clone();
    type_into(&mut h, TextField::Topic, "Renamed topic");
    click_action(&mut h, EditorAction::Difficulty(quorum_core::bank::Difficulty::Hard));
    assert_ne!(editing(&h).session.bank, original);
    ctrl(&mut h, KeyCode::KeyZ);
    ctrl(&mut h, KeyCode::KeyZ);
    assert_eq!(editing(&h).session.bank, original);
    assert!(!editing(&h).session.is_dirty());
    ctrl(&mut h, KeyCode::KeyY);
    assert_eq!(editing(&h).session.bank.questions[0].topic, "Renamed topic");
    // The form shows what undo and redo restored.
    let e = h.find::<FormField>(|f| f.0 == TextField::Topic).unwrap();
    let shown: String = h.app.world().get::<EditableText>(e).unwrap().value().into_iter().collect();
    assert_eq!(shown, "Renamed topic");
}

#[test]
fn an_invalid_edit_shows_its_error_at_the_field() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    assert!(!editing(&h).has_errors(0));
    type_into(&mut h, TextField::Explanation, "");
    assert!(editing(&h).has_errors(0));
    let text = h.screen_text();
    assert!(text.contains("the explanation is empty"), "the error is shown on screen");
    // A number that isn't one is refused and said so, and the bank keeps its value.
    let estimate =
        editing(&h).session.bank.questions.iter().position(|q| q.kind_name() == "Estimate").unwrap();
    click_action(&mut h, EditorAction::Select(estimate));
    let max =
        quorum_core::bank::edit::field_text(&editing(&h).session.bank.questions[estimate], TextField::Max);
    type_into(&mut h, TextField::Max, "1OO");
    assert!(h.screen_text().contains("\"1OO\" is not a number"));
    assert_eq!(
        quorum_core::bank::edit::field_text(&editing(&h).session.bank.questions[estimate], TextField::Max),
        max
    );
    // A source not in the article is an error at the source.
    type_into(&mut h, TextField::Answer, "99");
    assert!(h.screen_text().contains("the answer 99 does not appear in the question's source"));
}

#[test]
fn saving_an_unchanged_bank_gives_the_same_bytes() {
    let (_dir, path) = bank_file();
    let before = std::fs::read(&path).unwrap();
    let mut h = editor_on(&path);
    click_action(&mut h, EditorAction::Command(quorum::game::play::editing::EditorCommand::Save));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn leaving_with_unsaved_changes_asks_first() {
    let (_dir, path) = bank_file();
    let before = std::fs::read(&path).unwrap();
    let mut h = editor_on(&path);
    type_into(&mut h, TextField::Topic, "Changed");
    click_action(&mut h, EditorAction::Command(quorum::game::play::editing::EditorCommand::Leave));
    assert_eq!(h.screen(), Screen::Editor, "not gone yet");
    assert!(h.screen_text().contains("Save your changes?"));
    click_action(&mut h, EditorAction::Command(quorum::game::play::editing::EditorCommand::DiscardAndLeave));
    assert_eq!(std::fs::read(&path).unwrap(), before, "discarded, the file is as it was");
    assert!(!h.app.world().contains_resource::<Editing>());
}

#[test]
fn deleting_asks_first_and_try_it_plays_the_question() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    let n = editing(&h).session.bank.questions.len();
    click_action(&mut h, EditorAction::Delete);
    assert_eq!(editing(&h).session.bank.questions.len(), n, "asks first");
    click_action(&mut h, EditorAction::ConfirmDelete);
    assert_eq!(editing(&h).session.bank.questions.len(), n - 1);
    let id = editing(&h).session.question().unwrap().id.clone();
    click_action(&mut h, EditorAction::Command(quorum::game::play::editing::EditorCommand::TryIt));
    h.update();
    assert_eq!(h.screen(), Screen::Question);
    let current = h.resource::<quorum::game::CurrentRound>();
    assert_eq!(current.round.current().unwrap().question.id, id);
    h.press(KeyCode::Digit1);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Editor, "back to the editor after trying");
    assert_eq!(editing(&h).session.bank.questions.len(), n - 1, "the edit is still there");
}

#[test]
fn editing_the_built_in_bank_edits_a_copy_that_is_then_played() {
    let mut h = Harness::new();
    h.press(KeyCode::ArrowDown);
    h.press(KeyCode::ArrowDown); // Edit bank
    h.press(KeyCode::Enter);
    for _ in 0..3 {
        h.update();
    }
    assert_eq!(h.screen(), Screen::Editor);
    let path = editing(&h).session.path.clone();
    assert!(path.starts_with(h.data.path()), "a copy in the data directory: {}", path.display());
    let first = editing(&h).session.bank.questions[0].id.clone();
    click_action(&mut h, EditorAction::Delete);
    click_action(&mut h, EditorAction::ConfirmDelete);
    ctrl(&mut h, KeyCode::KeyS);
    click_action(&mut h, EditorAction::Command(quorum::game::play::editing::EditorCommand::Leave));
    h.update();
    assert_eq!(h.screen(), Screen::Title);
    let active = h.resource::<quorum::game::ActiveBank>();
    let shipped = quorum_core::bank::builtin::check().bank.unwrap().questions.len();
    assert_eq!(active.bank.questions.len(), shipped - 1, "the edited copy is in play");
    assert!(!active.bank.questions.iter().any(|q| q.id == first));
}

#[test]
fn a_bank_that_does_not_parse_is_explained_not_opened() {
    let (_dir, path) = bank_file();
    std::fs::write(&path, "Bank(\n    title: \"T\",\n    questions: [\n").unwrap();
    let choice = BankChoice::File(path.clone());
    let mut h = Harness::with(move |app| {
        app.insert_resource(choice).insert_resource(StartInEditor(true));
    });
    for _ in 0..5 {
        h.update();
    }
    assert_eq!(h.screen(), Screen::Editor);
    assert!(!h.app.world().contains_resource::<Editing>());
    let text = h.screen_text();
    assert!(text.contains("This bank cannot be opened in the editor"), "{text}");
    assert!(text.contains(&format!("{}:", path.display())), "the report names the file: {text}");
    // Back: with nothing playable either, the error screen says why.
    click_action(&mut h, EditorAction::Command(quorum::game::play::editing::EditorCommand::Leave));
    h.update();
    assert_eq!(h.screen(), Screen::BankError);
}
