//! The bank editor through the real plugins, headless: adding and filling in
//! a question, undo and redo, errors at their field, the list and its
//! filters, import (agreeing with `quorum import`) and export, background,
//! a new bank drafted from an article and checking its drafts, saving (and
//! failing to), and never losing unsaved work when leaving or closing the
//! window.

mod common;

use std::path::{Path, PathBuf};

use bevy::input::ButtonState;
use bevy::prelude::*;
use bevy::text::EditableText;
use bevy::window::WindowCloseRequested;
use common::Harness;
use quorum::game::play::editing::{Editing, EditorCommand, StartInEditor};
use quorum::game::screens::editor::{ArticlePath, EditorAction, FormField, ImportPath, SearchField};
use quorum::game::screens::setup::SetupAction;
use quorum::game::settings::setup::RoundSetting;
use quorum::game::ui::banner::{Banner, BannerKind};
use quorum::game::{BankChoice, Screen};
use quorum_core::bank::edit::{EditSession, TextField};
use quorum_core::bank::model::KIND_NAMES;
use quorum_core::bank::model::QuestionKind;
use quorum_core::bank::{Background, builtin, spreadsheet};

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
    set_text(h, e, text);
}

fn set_text(h: &mut Harness, e: Entity, text: &str) {
    h.app.world_mut().get_mut::<EditableText>(e).unwrap().editor_mut().set_text(text);
    h.update();
    h.update();
}

fn command(h: &mut Harness, c: EditorCommand) {
    click_action(h, EditorAction::Command(c));
}

/// The questions the list shows, by index, in order.
fn listed(h: &mut Harness) -> Vec<usize> {
    let world = h.app.world_mut();
    let mut rows = world.query::<&EditorAction>();
    let mut shown: Vec<usize> = rows
        .iter(world)
        .filter_map(|a| match a {
            EditorAction::Select(i) => Some(*i),
            _ => None,
        })
        .collect();
    shown.sort();
    shown
}

fn exit_requested(h: &Harness) -> bool {
    h.app.should_exit().is_some()
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
fn saving_an_unchanged_bank_gives_the_same_bytes_and_a_changed_one_is_written() {
    let (_dir, path) = bank_file();
    let before = std::fs::read(&path).unwrap();
    let mut h = editor_on(&path);
    assert!(h.screen_text().contains("Saved"), "the header says the bank is saved");
    command(&mut h, EditorCommand::Save);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A change is written by the same button, and only then is it saved.
    type_into(&mut h, TextField::Topic, "A topic typed in the editor");
    assert!(h.screen_text().contains("Unsaved changes"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "typing alone writes nothing");
    command(&mut h, EditorCommand::Save);
    assert!(!editing(&h).session.is_dirty());
    assert_ne!(std::fs::read(&path).unwrap(), before);
    let reopened = EditSession::open(&path).unwrap();
    assert_eq!(reopened.bank.questions[0].topic, "A topic typed in the editor");
    assert_eq!(reopened.bank, editing(&h).session.bank);
    assert!(h.screen_text().contains("Saved"));
}

/// Makes a folder impossible to write in for the test's life: read-only,
/// and, since root ignores permission bits, with a folder standing where
/// the bank's backup would go (a file cannot be renamed over a folder).
struct Unwritable {
    dir: PathBuf,
    blocked_backup: Option<PathBuf>,
}

impl Unwritable {
    fn new(dir: &Path, bank: &Path) -> Unwritable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.join(".probe");
        let blocked_backup = if std::fs::write(&probe, b"").is_ok() {
            std::fs::remove_file(&probe).unwrap();
            let backup = bank.with_file_name("bank.ron.bak");
            std::fs::create_dir_all(backup.join("in-the-way")).unwrap();
            Some(backup)
        } else {
            None
        };
        Unwritable { dir: dir.to_path_buf(), blocked_backup }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o755));
        if let Some(backup) = &self.blocked_backup {
            let _ = std::fs::remove_dir_all(backup);
        }
    }
}

#[test]
fn a_save_that_fails_says_so_keeps_the_changes_and_still_asks_before_leaving() {
    let (dir, path) = bank_file();
    let before = std::fs::read(&path).unwrap();
    let mut h = editor_on(&path);
    type_into(&mut h, TextField::Topic, "Typed before the folder went read-only");
    let unwritable = Unwritable::new(dir.path(), &path);
    command(&mut h, EditorCommand::Save);
    h.update();
    let banner = h.resource::<Banner>().clone();
    assert_eq!(banner.kind(), Some(BannerKind::Error), "{banner:?}");
    let said = banner.text().unwrap().to_string();
    assert!(said.contains("bank.ron"), "the banner names the file: {said}");
    assert!(h.screen_text().contains(&said), "the banner is on screen");
    assert!(editing(&h).session.is_dirty(), "the bank is still unsaved");
    assert!(h.screen_text().contains("Unsaved changes"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
    // Leaving still asks, and saving from the question fails the same way
    // without leaving.
    command(&mut h, EditorCommand::Leave);
    assert_eq!(h.screen(), Screen::Editor);
    assert!(h.screen_text().contains("Save your changes?"));
    command(&mut h, EditorCommand::SaveAndLeave);
    h.update();
    assert_eq!(h.screen(), Screen::Editor, "not gone: the changes are not saved");
    assert!(editing(&h).session.is_dirty());
    // Once the folder can be written again, the same button saves and leaves.
    drop(unwritable);
    command(&mut h, EditorCommand::SaveAndLeave);
    h.update();
    assert_eq!(h.screen(), Screen::Title);
    let saved = EditSession::open(&path).unwrap();
    assert_eq!(saved.bank.questions[0].topic, "Typed before the folder went read-only");
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_first_then_quits_after_dont_save() {
    let (_dir, path) = bank_file();
    let before = std::fs::read(&path).unwrap();
    let mut h = editor_on(&path);
    type_into(&mut h, TextField::Topic, "Changed");
    h.app.world_mut().write_message(WindowCloseRequested { window: Entity::PLACEHOLDER });
    h.update();
    h.update();
    assert!(!exit_requested(&h), "the game does not quit with unsaved edits");
    assert!(h.screen_text().contains("Save your changes?"));
    command(&mut h, EditorCommand::DiscardAndLeave);
    assert!(exit_requested(&h), "\"Don't save\" quits");
    assert_eq!(std::fs::read(&path).unwrap(), before, "and the file is as it was");
}

#[test]
fn closing_the_window_with_nothing_unsaved_quits_at_once() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    h.app.world_mut().write_message(WindowCloseRequested { window: Entity::PLACEHOLDER });
    h.update();
    assert!(exit_requested(&h));
    assert!(!h.screen_text().contains("Save your changes?"));
}

#[test]
fn switching_between_topics_of_the_same_length_redraws_the_list() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    // Two topics with names of equal length, one question each.
    type_into(&mut h, TextField::Topic, "Aaaa");
    click_action(&mut h, EditorAction::Select(1));
    type_into(&mut h, TextField::Topic, "Aaab");
    let total = editing(&h).session.bank.questions.len();
    assert_eq!(listed(&mut h).len(), total);
    click_action(&mut h, EditorAction::FilterTopic);
    assert!(h.screen_text().contains("Topic: Aaaa"));
    assert_eq!(listed(&mut h), [0]);
    click_action(&mut h, EditorAction::FilterTopic);
    assert!(h.screen_text().contains("Topic: Aaab"));
    assert_eq!(listed(&mut h), [1], "the list follows the new topic");
}

#[test]
fn the_kind_filter_and_the_search_narrow_the_list() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    let bank = editing(&h).session.bank.clone();
    let all: Vec<usize> = (0..bank.questions.len()).collect();
    let which = |keep: &dyn Fn(&quorum_core::bank::Question) -> bool| -> Vec<usize> {
        bank.questions.iter().enumerate().filter(|(_, q)| keep(q)).map(|(i, _)| i).collect()
    };
    click_action(&mut h, EditorAction::FilterKind);
    assert!(h.screen_text().contains("Kind: Choice"));
    let choices = which(&|q| q.kind_name() == KIND_NAMES[0]);
    assert!(!choices.is_empty() && choices.len() < all.len());
    assert_eq!(listed(&mut h), choices);
    // The search narrows it further, as the core's search rule says.
    let search = h.find::<SearchField>(|_| true).unwrap();
    set_text(&mut h, search, "pardon");
    let both = which(&|q| q.kind_name() == KIND_NAMES[0] && q.matches("pardon"));
    assert!(!both.is_empty() && both.len() < choices.len(), "{both:?}");
    assert_eq!(listed(&mut h), both);
    // Another search of the same length redraws too.
    set_text(&mut h, search, "judges");
    let judges = which(&|q| q.kind_name() == KIND_NAMES[0] && q.matches("judges"));
    assert_ne!(judges, both);
    assert_eq!(listed(&mut h), judges);
    set_text(&mut h, search, "");
    for _ in 0..KIND_NAMES.len() {
        click_action(&mut h, EditorAction::FilterKind);
    }
    assert!(h.screen_text().contains("Kind: all"));
    assert_eq!(listed(&mut h), all);
}

#[test]
fn the_list_shows_each_prompt_or_quote_with_its_id_beneath() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    let bank = editing(&h).session.bank.clone();
    let text = h.screen_text();
    let quoted = bank.questions.iter().find(|q| q.quote().is_some()).unwrap();
    let start: String = quoted.quote().unwrap().chars().take(30).collect();
    assert!(text.contains(&format!("\u{201C}{start}")), "the quote is shown: {start}");
    assert!(text.contains(&format!("\n{}\n", quoted.id)), "with its id beneath");
    let asked = bank.questions.iter().find(|q| q.kind_name() == "MultipleChoice").unwrap();
    let start: String = asked.prompt().chars().take(30).collect();
    assert!(text.contains(&start), "the prompt is shown: {start}");
}

#[test]
fn export_writes_a_spreadsheet_and_a_moodle_file_beside_the_bank() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    click_action(&mut h, EditorAction::Export);
    let (csv, gift) = (path.with_extension("csv"), path.with_extension("gift"));
    let said = h.resource::<Banner>().text().unwrap_or_default().to_string();
    assert!(
        said.contains(&csv.display().to_string()) && said.contains(&gift.display().to_string()),
        "{said}"
    );
    let bank = &editing(&h).session.bank;
    let article = bank.article.clone();
    let back = spreadsheet::import("b.csv", &std::fs::read_to_string(&csv).unwrap(), "t", article.clone());
    let ids = |b: &quorum_core::bank::Bank| b.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&back.bank), ids(bank));
    let back =
        quorum_core::bank::gift::import("b.gift", &std::fs::read_to_string(&gift).unwrap(), "t", article);
    assert_eq!(ids(&back.bank), ids(bank));
}

#[test]
fn import_adds_a_spreadsheets_questions_through_the_dialog() {
    let (dir, path) = bank_file();
    let sheet = dir.path().join("extra.csv");
    std::fs::write(
        &sheet,
        "kind,topic,prompt,choice 1,choice 2,answer,explanation,source\n\
         MultipleChoice,Imported,Who applies the laws?,Judges,Ministers,Judges,Judges apply them.,\
         Parliament passes laws which judges apply.\n\
         MultipleChoice,Imported,Who passes the laws?,Parliament,Judges,Parliament,Parliament does.,\
         Parliament passes laws which judges apply.\n",
    )
    .unwrap();
    let mut h = editor_on(&path);
    let n = editing(&h).session.bank.questions.len();
    click_action(&mut h, EditorAction::OpenImport);
    assert!(h.screen_text().contains("Import questions"));
    // A path that isn't there is said so, and nothing is added.
    let field = h.find::<ImportPath>(|_| true).expect("the dialog has a path box");
    set_text(&mut h, field, &dir.path().join("missing.csv").display().to_string());
    click_action(&mut h, EditorAction::RunImport);
    let said = h.screen_text();
    assert!(said.contains("Cannot import") && said.contains("missing.csv"), "{said}");
    assert_eq!(editing(&h).session.bank.questions.len(), n);
    set_text(&mut h, field, &sheet.display().to_string());
    click_action(&mut h, EditorAction::RunImport);
    let said = h.screen_text();
    assert!(said.contains("(a Quorum spreadsheet): imported 2 questions"), "{said}");
    let questions = &editing(&h).session.bank.questions;
    assert_eq!(questions.len(), n + 2);
    assert_eq!(questions[n].prompt(), "Who applies the laws?");
    assert_eq!(questions[n + 1].answer_text(), "Parliament");
    assert!(editing(&h).session.is_dirty(), "imported questions wait to be saved");
    click_action(&mut h, EditorAction::CloseDialog);
    assert!(h.find::<ImportPath>(|_| true).is_none(), "the dialog is closed");
    assert!(h.screen_text().contains("Who passes the laws?"), "the list shows them");
    assert_eq!(listed(&mut h).len(), n + 2);
}

#[test]
fn background_and_its_cite_go_from_the_form_to_the_saved_file() {
    let (_dir, path) = bank_file();
    let mut h = editor_on(&path);
    let index = editing(&h).session.bank.questions.iter().position(|q| q.background.is_none()).unwrap();
    click_action(&mut h, EditorAction::Select(index));
    assert!(h.screen_text().contains("Background (optional): facts from outside the article"));
    let text = "New Zealand's Parliament has one chamber, the House of Representatives.";
    type_into(&mut h, TextField::Background, text);
    assert!(
        h.screen_text().contains("the background has no `cite`"),
        "a background without a source is flagged under its field"
    );
    let cite = "New Zealand Parliament, \"How Parliament works\", https://www.parliament.nz/";
    type_into(&mut h, TextField::Cite, cite);
    assert!(!h.screen_text().contains("the background has no `cite`"));
    ctrl(&mut h, KeyCode::KeyS);
    let saved = EditSession::open(&path).unwrap();
    assert_eq!(
        saved.bank.questions[index].background,
        Some(Background { text: text.to_string(), cite: Some(cite.to_string()) })
    );
    let checked = quorum_core::bank::check_file(&path);
    assert!(
        !checked.diagnostics.iter().any(|d| d.index == Some(index) && d.field.as_deref() == Some("cite")),
        "the saved file's check finds nothing wrong with the cite"
    );
}

#[test]
fn leaving_with_unsaved_changes_asks_first() {
    let (_dir, path) = bank_file();
    let before = std::fs::read(&path).unwrap();
    let mut h = editor_on(&path);
    type_into(&mut h, TextField::Topic, "Changed");
    click_action(&mut h, EditorAction::Command(EditorCommand::Leave));
    assert_eq!(h.screen(), Screen::Editor, "not gone yet");
    assert!(h.screen_text().contains("Save your changes?"));
    click_action(&mut h, EditorAction::Command(EditorCommand::DiscardAndLeave));
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
    click_action(&mut h, EditorAction::Command(EditorCommand::TryIt));
    h.update();
    assert_eq!(h.screen(), Screen::Question);
    let current = h.resource::<quorum::game::CurrentRound>();
    assert_eq!(current.round.current().unwrap().question.id, id);
    h.press(KeyCode::Digit1);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Editor, "back to the editor after trying");
    assert_eq!(editing(&h).session.bank.questions.len(), n - 1, "the edit is still there");
    let text = h.screen_text();
    assert!(text.contains("Unsaved changes"), "the header is drawn again: {text}");
    assert!(text.contains(&format!("\n{id}\n")), "and so is the list");
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
    click_action(&mut h, EditorAction::Command(EditorCommand::Leave));
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
    click_action(&mut h, EditorAction::Command(EditorCommand::Leave));
    h.update();
    assert_eq!(h.screen(), Screen::BankError);
}

#[test]
fn a_gift_file_named_txt_imports_in_the_editor_as_quorum_import_reads_it() {
    let (dir, path) = bank_file();
    let gift = dir.path().join("moodle-export.txt");
    std::fs::write(
        &gift,
        "::who-applies::Who applies the laws? {=Judges ~Ministers ~The police}\n\n\
         ::one-chamber::New Zealand's Parliament has one chamber. {T}\n",
    )
    .unwrap();
    let out = dir.path().join("from-cli.ron");
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["import", gift.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let said_by_cli = String::from_utf8_lossy(&cli.stdout).to_string();
    assert!(cli.status.success(), "{said_by_cli}{}", String::from_utf8_lossy(&cli.stderr));
    assert!(said_by_cli.contains("(a Moodle GIFT file): imported 2 questions"), "{said_by_cli}");
    let by_cli = EditSession::open(&out).unwrap().bank.questions;

    let mut h = editor_on(&path);
    let n = editing(&h).session.bank.questions.len();
    click_action(&mut h, EditorAction::OpenImport);
    let field = h.find::<ImportPath>(|_| true).unwrap();
    // Pasted with quotes, as "copy as path" gives it.
    set_text(&mut h, field, &format!("\"{}\"", gift.display()));
    click_action(&mut h, EditorAction::RunImport);
    let said = h.screen_text();
    assert!(said.contains("(a Moodle GIFT file): imported 2 questions"), "{said}");
    let imported = &editing(&h).session.bank.questions[n..];
    assert_eq!(imported.len(), 2);
    assert_eq!(imported, by_cli.as_slice(), "the editor and `quorum import` read the file alike");
    assert!(matches!(imported[1].kind, QuestionKind::TrueFalse { answer: true, .. }));
}

/// An article of a few paragraphs, with quotes, figures and roles.
const ARTICLE: &str = "Council votes to keep the library open\n\n\
    The city council voted on Tuesday to keep the central library open, after more than 4,000 \
    residents signed a petition.\n\n\
    \"A library is the one place anyone can go without paying,\" said Mayor Ana Torres.\n\n\
    Councillor Ben Okafor said the building needed repairs costing $2 million.\n\n\
    \"We cannot keep patching the roof,\" Okafor said.\n";

/// Draws the editor on the shipped bank, then drafts a new bank from
/// `ARTICLE` (saved beside it) through the dialog.
fn drafted_in_editor() -> (tempfile::TempDir, Harness, PathBuf) {
    let (dir, path) = bank_file();
    let article = dir.path().join("library-vote.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let mut h = editor_on(&path);
    click_action(&mut h, EditorAction::OpenDraft);
    let field = h.find::<ArticlePath>(|_| true).expect("the dialog has a path box");
    set_text(&mut h, field, &article.display().to_string());
    click_action(&mut h, EditorAction::RunDraft);
    for _ in 0..3 {
        h.update();
    }
    (dir, h, article)
}

#[test]
fn a_new_bank_from_an_article_opens_in_the_editor_with_its_drafts_marked() {
    let (dir, path) = bank_file();
    let mut h = editor_on(&path);
    click_action(&mut h, EditorAction::OpenDraft);
    assert!(h.screen_text().contains("New bank from an article"));

    // An article that isn't there: said so, naming it, and nothing changes.
    let field = h.find::<ArticlePath>(|_| true).unwrap();
    set_text(&mut h, field, &dir.path().join("no-such-article.txt").display().to_string());
    click_action(&mut h, EditorAction::RunDraft);
    let said = h.screen_text();
    assert!(said.contains("No bank was made") && said.contains("no-such-article.txt"), "{said}");
    assert_eq!(editing(&h).session.path, path, "the bank being edited stays open");
    click_action(&mut h, EditorAction::CloseDialog);

    // Unsaved work is never replaced by a draft.
    type_into(&mut h, TextField::Topic, "Changed");
    let article = dir.path().join("library-vote.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    click_action(&mut h, EditorAction::OpenDraft);
    let field = h.find::<ArticlePath>(|_| true).unwrap();
    set_text(&mut h, field, &article.display().to_string());
    click_action(&mut h, EditorAction::RunDraft);
    assert!(h.screen_text().contains("has unsaved changes"), "{}", h.screen_text());
    assert!(!dir.path().join("library-vote.ron").exists());
    ctrl(&mut h, KeyCode::KeyS);

    click_action(&mut h, EditorAction::RunDraft);
    for _ in 0..3 {
        h.update();
    }
    let drafted = dir.path().join("library-vote.ron");
    assert_eq!(editing(&h).session.path, drafted, "the drafted bank is open, saved beside the article");
    assert!(h.find::<ArticlePath>(|_| true).is_none(), "the dialog is closed");
    assert_eq!(
        *h.resource::<BankChoice>(),
        BankChoice::File(drafted.clone()),
        "coming back to the editor opens it"
    );
    let bank = &editing(&h).session.bank;
    assert!(bank.questions.len() >= 3, "quotes, figures and roles: {}", bank.questions.len());
    assert!(bank.questions.iter().all(|q| q.draft && !q.source.is_empty()));
    let torres = bank
        .questions
        .iter()
        .find(|q| q.quote().is_some_and(|t| t.contains("without paying")))
        .expect("a who-said-it question on the mayor's quote");
    assert_eq!(torres.answer_text(), "Ana Torres");
    assert_eq!(quorum_core::bank::check_file(&drafted).errors(), 0);

    let n = bank.questions.len();
    let text = h.screen_text();
    assert_eq!(text.matches("\nDRAFT\n").count(), n, "every row is marked as a draft: {text}");
    assert!(text.contains(&format!("{n} drafts left to check")), "{text}");
    assert!(text.contains("Draft \u{2014} check it against the article"), "{text}");
    assert!(text.contains("library-vote.txt"), "the article is read beside the bank: {text}");
    assert!(!text.contains("cannot be read"), "{text}");
}

#[test]
fn marking_a_draft_as_checked_counts_down_and_is_saved() {
    let (_dir, mut h, _article) = drafted_in_editor();
    let n = editing(&h).session.drafts_left();
    assert!(n >= 3);
    assert_eq!(n, editing(&h).session.bank.questions.len(), "every question starts as a draft");
    let first = editing(&h).session.selected;
    click_action(&mut h, EditorAction::MarkChecked);
    assert!(!editing(&h).session.bank.questions[first].draft);
    assert_eq!(editing(&h).session.drafts_left(), n - 1);
    let text = h.screen_text();
    assert!(text.contains(&format!("{} drafts left to check", n - 1)), "{text}");
    assert_eq!(text.matches("\nDRAFT\n").count(), n - 1, "its mark is gone from the list");
    assert!(!text.contains("Draft \u{2014} check it"), "the form no longer says it is a draft");
    // Undo brings the mark back; redo checks it again.
    ctrl(&mut h, KeyCode::KeyZ);
    assert_eq!(editing(&h).session.drafts_left(), n);
    ctrl(&mut h, KeyCode::KeyY);
    assert_eq!(editing(&h).session.drafts_left(), n - 1);
    ctrl(&mut h, KeyCode::KeyS);
    let path = editing(&h).session.path.clone();
    let saved = EditSession::open(&path).unwrap();
    assert_eq!(saved.drafts_left(), n - 1, "the saved file keeps which are checked");
    assert!(!saved.bank.questions[first].draft);
}

#[test]
fn try_it_plays_a_draft_but_a_round_plays_drafts_only_when_chosen() {
    let (_dir, mut h, _article) = drafted_in_editor();
    let id = editing(&h).session.question().unwrap().id.clone();
    assert!(editing(&h).session.question().unwrap().draft);
    click_action(&mut h, EditorAction::Command(EditorCommand::TryIt));
    h.update();
    assert_eq!(h.screen(), Screen::Question, "a draft can be tried");
    assert_eq!(h.resource::<quorum::game::CurrentRound>().round.current().unwrap().question.id, id);
    h.press(KeyCode::Digit1);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Editor);

    // Leaving plays the drafted bank, and its questions are all drafts.
    click_action(&mut h, EditorAction::Command(EditorCommand::Leave));
    h.update();
    assert_eq!(h.screen(), Screen::Title);
    let drafts = h.resource::<quorum::game::ActiveBank>().bank.questions.len();
    assert!(h.resource::<quorum::game::ActiveBank>().bank.questions.iter().all(|q| q.draft));
    h.press(KeyCode::Enter); // Play
    assert_eq!(h.screen(), Screen::Setup);
    let label = format!("Play draft questions ({drafts})");
    let text = h.screen_text();
    assert!(text.contains(&label) && text.contains("Leave out"), "{text}");
    assert!(!h.resource::<quorum::game::SetupChoices>().settings.include_drafts, "left out unless chosen");
    let start = h.find::<SetupAction>(|a| *a == SetupAction::Start).unwrap();
    h.click(start);
    assert_eq!(h.screen(), Screen::Setup, "no round of unchecked drafts unless chosen");
    assert!(h.screen_text().contains("choose to play drafts"), "{}", h.screen_text());

    let play = h.find::<SetupAction>(|a| *a == SetupAction::Setting(RoundSetting::Drafts(true))).unwrap();
    h.click(play);
    assert!(h.resource::<quorum::game::SetupChoices>().settings.include_drafts);
    let start = h.find::<SetupAction>(|a| *a == SetupAction::Start).unwrap();
    h.click(start);
    assert_eq!(h.screen(), Screen::Question, "chosen, the drafts are played");
    assert!(h.resource::<quorum::game::CurrentRound>().round.current().unwrap().question.draft);
    let remembered = std::fs::read_to_string(h.data.path().join("setup.ron")).unwrap();
    assert!(remembered.contains("include_drafts: true"), "remembered for next time: {remembered}");
}

#[test]
fn a_bank_without_an_article_says_so_where_the_article_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let gift = dir.path().join("quiz.gift");
    std::fs::write(&gift, "::who-applies::Who applies the laws? {=Judges ~Ministers}\n").unwrap();
    let out = dir.path().join("imported.ron");
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["import", gift.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    let mut h = editor_on(&out);
    assert!(editing(&h).session.bank.article.is_none());
    let text = h.screen_text();
    assert!(text.contains("This bank has no article"), "{text}");
    assert!(!text.contains("cannot be read"), "{text}");
}
