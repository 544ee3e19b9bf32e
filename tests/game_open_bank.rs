//! What a teacher meets in the game, headless: opening a bank from the
//! title screen (a bank, a shared bank, a spreadsheet, a broken file), the
//! recent banks remembered between runs, results saved in the documents
//! folder with a button to open it, and sharing the open bank.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::prelude::*;
use common::Harness;
use quorum::game::play::library::{Banks, remembered_bank};
use quorum::game::screens::open_bank::{BankEntry, PathField};
use quorum::game::settings::classroom::ClassChoices;
use quorum::game::settings::setup::SetupChoices;
use quorum::game::ui::banner::Banner;
use quorum::game::ui::folder::FileManager;
use quorum::game::ui::text_field::TextField;
use quorum::game::{ActiveBank, BankChoice, DataDir, Screen};
use quorum_core::bank::library::{self, Library};
use quorum_core::bank::{builtin, share};
use quorum_core::quiz::QuestionCount;
use quorum_core::quiz::classroom::AnsweringStyle;
use quorum_core::quiz::save_file;

/// A bank and its article side by side, titled `title`.
fn bank_in(dir: &Path, name: &str, title: &str) -> PathBuf {
    std::fs::write(dir.join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let path = dir.join(name);
    let text = builtin::BANK_RON
        .replace(builtin::ARTICLE_PATH, "article.txt")
        .replace("title: \"Cannabis, pardons and Parliament\"", &format!("title: \"{title}\""));
    std::fs::write(&path, text).unwrap();
    path
}

/// Clicks the button whose label is `label`.
fn click_label(h: &mut Harness, label: &str) {
    let world = h.app.world_mut();
    let mut texts = world.query::<(&Text, &ChildOf)>();
    let button = texts.iter(world).find(|(t, _)| t.0 == label).map(|(_, c)| c.parent());
    let button = button.unwrap_or_else(|| panic!("no button \"{label}\" on {:?}", h.screen()));
    h.click(button);
}

/// From the title screen to "Open a bank…".
fn to_open_screen(h: &mut Harness) {
    assert_eq!(h.screen(), Screen::Title);
    click_label(h, "Open a bank…");
    assert_eq!(h.screen(), Screen::OpenBank);
}

/// Types a path into the field, as a teacher would, and opens it.
fn open_typed(h: &mut Harness, path: &Path) {
    to_open_screen(h);
    let field = h.find::<PathField>(|_| true).expect("the path field");
    h.click(field);
    h.type_text(&path.display().to_string());
    assert_eq!(h.find::<TextField>(|f| f.value == path.display().to_string()), Some(field));
    click_label(h, "Open this file");
}

fn open_choice(h: &Harness) -> Option<PathBuf> {
    match h.app.world().get_resource::<BankChoice>() {
        Some(BankChoice::File(path)) => Some(path.clone()),
        Some(BankChoice::BuiltIn) | None => None,
    }
}

fn remembered(h: &Harness) -> Library {
    save_file::load::<Library>(&h.data.path().join(library::FILE)).value
}

#[test]
fn a_typed_bank_is_opened_played_and_remembered() {
    let mut h = Harness::new();
    let dir = tempfile::tempdir().unwrap();
    let bank = bank_in(dir.path(), "civics.ron", "Our own civics bank");
    open_typed(&mut h, &bank);
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(h.resource::<ActiveBank>().bank.title, "Our own civics bank");
    assert_eq!(open_choice(&h).as_deref(), Some(bank.as_path()));
    assert!(h.resource::<Banner>().text().unwrap().starts_with("Opened civics.ron"));
    h.update();
    let text = h.screen_text();
    assert!(text.contains("Open bank: civics.ron"), "the title screen names it: {text}");
    // Remembered for the next start, and Play deals from it.
    assert_eq!(remembered(&h).open.as_deref(), Some(bank.as_path()));
    assert_eq!(remembered_bank(h.resource::<DataDir>()).as_deref(), Some(bank.as_path()));
    h.start_round();
    assert_eq!(h.resource::<quorum::game::CurrentRound>().bank_title, "Our own civics bank");
}

#[test]
fn a_shared_bank_in_the_documents_folder_is_listed_and_unpacked_to_edit() {
    let mut h = Harness::new();
    let documents = h.data.path().join("Documents");
    std::fs::create_dir_all(&documents).unwrap();
    let source = tempfile::tempdir().unwrap();
    let package = documents.join("from-Mere.quorum");
    share::write_package(&bank_in(source.path(), "civics.ron", "Mere's bank"), &package).unwrap();
    to_open_screen(&mut h);
    let entry = h.find::<BankEntry>(|e| e.0.as_deref() == Some(package.as_path())).expect("listed");
    h.click(entry);
    assert_eq!(h.screen(), Screen::Title);
    let unpacked = h.data.path().join("banks/from-Mere/civics.ron");
    assert_eq!(open_choice(&h).as_deref(), Some(unpacked.as_path()));
    assert_eq!(h.resource::<ActiveBank>().bank.title, "Mere's bank");
    assert_eq!(
        h.resource::<ActiveBank>().bank.questions.len(),
        builtin::check().playable().unwrap().questions.len()
    );
    // The editor opens the unpacked bank, not the package.
    click_label(&mut h, "Edit bank");
    for _ in 0..3 {
        h.update();
    }
    let editing = h.resource::<quorum::game::play::editing::Editing>();
    assert_eq!(editing.session.path, unpacked);
}

#[test]
fn a_spreadsheet_is_imported_into_the_banks_folder_and_played() {
    let mut h = Harness::new();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("three branches.csv");
    std::fs::write(
        &csv,
        "id,kind,topic,prompt,choice 1,choice 2,choice 3,answer,explanation\n\
         who-passes-laws,MultipleChoice,Branches,Who passes laws?,Parliament,Judges,Police,Parliament,Parliament makes the law.\n\
         who-applies-laws,MultipleChoice,Branches,Who applies laws in court?,Parliament,Judges,Police,Judges,Judges apply the law.\n",
    )
    .unwrap();
    open_typed(&mut h, &csv);
    assert_eq!(h.screen(), Screen::Title, "{}", h.screen_text());
    let saved = h.data.path().join("banks/three branches.ron");
    assert!(saved.is_file());
    assert_eq!(open_choice(&h).as_deref(), Some(saved.as_path()));
    let active = h.resource::<ActiveBank>();
    assert_eq!(active.bank.questions.len(), 2);
    assert!(active.bank.article.is_none());
    let banner = h.resource::<Banner>().text().unwrap().to_string();
    assert!(banner.contains("saved it as three branches.ron"), "{banner}");
    h.update();
    assert!(h.screen_text().contains("not checked against a source"), "an article-less bank says so");
}

#[test]
fn a_broken_file_names_its_line_and_column_and_keeps_the_bank_in_play() {
    let mut h = Harness::new();
    let before = h.resource::<ActiveBank>().bank.title.clone();
    let dir = tempfile::tempdir().unwrap();
    let broken = bank_in(dir.path(), "broken.ron", "Half typed");
    let text = std::fs::read_to_string(&broken).unwrap().replacen("choices: [", "choices: [\"x\",,", 1);
    std::fs::write(&broken, text).unwrap();
    open_typed(&mut h, &broken);
    assert_eq!(h.screen(), Screen::OpenBank, "it stays, to try another file");
    let shown = h.screen_text();
    let line = shown.lines().find(|l| l.starts_with("Could not open it.")).expect("the problem is on screen");
    assert!(line.contains("broken.ron, line "), "{line}");
    assert!(line.contains(", column "), "{line}");
    assert_eq!(h.resource::<ActiveBank>().bank.title, before);
    assert_eq!(open_choice(&h), None);
    // A file that is not there says so.
    click_label(&mut h, "Back");
    open_typed(&mut h, &dir.path().join("missing.xlsx"));
    assert!(h.screen_text().contains("there is no such file"));
}

#[test]
fn recent_banks_are_remembered_and_listed_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let older = bank_in(dir.path(), "older.ron", "Older");
    let newer = bank_in(dir.path(), "newer.ron", "Newer");
    let gone = dir.path().join("deleted.ron");
    // Last run's library: `newer` opened last; `deleted` since removed.
    let mut last_run = Library::default();
    last_run.remember(&gone);
    last_run.remember(&older);
    last_run.remember(&newer);
    let mut h = Harness::with(|app| {
        let data = app.world().resource::<DataDir>().0.clone();
        save_file::save(&data.join(library::FILE), &last_run).unwrap();
    });
    assert_eq!(h.resource::<Banks>().0.open.as_deref(), Some(newer.as_path()));
    assert_eq!(remembered_bank(h.resource::<DataDir>()).as_deref(), Some(newer.as_path()));
    to_open_screen(&mut h);
    let listed: Vec<Option<PathBuf>> = {
        let world = h.app.world_mut();
        let mut entries = world.query::<&BankEntry>();
        entries.iter(world).map(|e| e.0.clone()).collect()
    };
    assert_eq!(listed, [None, Some(newer.clone()), Some(older.clone())], "built-in, then newest first");
    // Opening the older one with the keyboard makes it the newest.
    h.press(KeyCode::ArrowDown);
    h.press(KeyCode::ArrowDown);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(h.resource::<ActiveBank>().bank.title, "Older");
    assert_eq!(remembered(&h).recent[..2], [older, newer]);
}

#[test]
fn a_round_is_saved_in_the_documents_folder_and_the_folder_opens() {
    let mut h = Harness::new();
    h.resource_mut::<SetupChoices>().settings.questions = QuestionCount::Some(2);
    h.resource_mut::<SetupChoices>().player = "Aroha".into();
    h.start_round();
    for _ in 0..2 {
        h.advance(Duration::from_secs(60));
        assert_eq!(h.screen(), Screen::Reveal);
        h.press(KeyCode::Enter);
    }
    assert_eq!(h.screen(), Screen::Results);
    let folder = h.data.path().join("Documents/results");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    let name = library::file_name(&files[0]);
    assert!(name.ends_with("_aroha.csv"), "{name}");
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap().lines().count(), 3, "a header and two questions");
    let text = h.screen_text();
    assert!(text.contains(&format!("Results saved: {name}")), "{text}");
    assert!(!text.contains(&folder.display().to_string()), "no long path: {text}");
    click_label(&mut h, "Open the results folder");
    assert_eq!(h.resource::<FileManager>().opened, [folder]);
}

#[test]
fn a_class_session_is_copied_to_the_documents_folder_as_it_goes() {
    let mut h = Harness::new();
    {
        let mut choices = h.resource_mut::<ClassChoices>();
        choices.style = AnsweringStyle::Buzzers;
        choices.teams = vec!["Kōwhai".into(), "Tōtara".into()];
        choices.leaderboard_every = None;
    }
    click_label(&mut h, "Classroom");
    assert_eq!(h.screen(), Screen::ClassSetup);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::ClassQuestion);
    h.advance(Duration::from_secs(60));
    assert_eq!(h.screen(), Screen::ClassReveal);
    h.update();
    let log = h.resource::<quorum::game::play::classroom::ClassSession>().log.as_ref().unwrap().path.clone();
    let copy = h.data.path().join("Documents/results").join(log.file_name().unwrap());
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&log).unwrap(), "the copy follows the file");
    assert_eq!(std::fs::read_to_string(&copy).unwrap().lines().count(), 3, "a header and a row per team");
    h.press(KeyCode::KeyE);
    assert_eq!(h.screen(), Screen::Podium);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::ClassResults);
    let text = h.screen_text();
    assert!(text.contains(&format!("Results saved: {}", library::file_name(&copy))), "{text}");
    assert!(!text.contains(&h.data.path().display().to_string()), "no long path on the projector");
    click_label(&mut h, "Open the results folder");
    assert_eq!(h.resource::<FileManager>().opened, [h.data.path().join("Documents/results")]);
}

#[test]
fn sharing_writes_one_file_that_opens_with_its_article() {
    let mut h = Harness::new();
    click_label(&mut h, "Share this bank");
    h.update();
    let package = h.data.path().join("Documents/nz-cannabis-decriminalisation.quorum");
    let checked = share::open(&package);
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert!(checked.article.is_some());
    assert!(h.screen_text().contains("Shared as nz-cannabis-decriminalisation.quorum"));
    // Again: a second file, never the first replaced.
    click_label(&mut h, "Share this bank");
    h.update();
    assert!(h.data.path().join("Documents/nz-cannabis-decriminalisation-2.quorum").is_file());
    click_label(&mut h, "Open that folder");
    assert_eq!(h.resource::<FileManager>().opened, [h.data.path().join("Documents")]);
    // The shared file opens as a bank; the title no longer speaks of sharing.
    open_typed(&mut h, &package);
    assert_eq!(h.screen(), Screen::Title);
    h.update();
    assert!(!h.screen_text().contains("Shared as"));
    assert_eq!(
        open_choice(&h).as_deref(),
        Some(
            h.data
                .path()
                .join("banks/nz-cannabis-decriminalisation/nz-cannabis-decriminalisation.ron")
                .as_path()
        )
    );
}

#[test]
fn editing_the_built_in_bank_makes_a_copy_that_becomes_the_open_bank() {
    let mut h = Harness::new();
    click_label(&mut h, "Edit bank");
    for _ in 0..3 {
        h.update();
    }
    assert_eq!(h.screen(), Screen::Editor);
    let copy = h.data.path().join("banks").join(builtin::COPY_NAME);
    assert!(h.resource::<Banner>().text().unwrap().contains("this is your copy"));
    h.app.world_mut().write_message(quorum::game::play::editing::EditorCommand::Leave);
    for _ in 0..3 {
        h.update();
    }
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(open_choice(&h).as_deref(), Some(copy.as_path()));
    assert_eq!(remembered(&h).open.as_deref(), Some(copy.as_path()));
}

#[test]
fn a_results_folder_that_cannot_be_made_is_said_on_screen() {
    let mut h = Harness::new();
    // A file where the folder should be, and folders really opened: the
    // folder cannot be made, so nothing is launched and the banner says why.
    let documents = h.data.path().join("Documents");
    std::fs::create_dir_all(&documents).unwrap();
    std::fs::write(documents.join("results"), "not a folder").unwrap();
    h.resource_mut::<FileManager>().pretend = false;
    click_label(&mut h, "Open the results folder");
    assert_eq!(h.screen(), Screen::Title);
    let banner = h.resource::<Banner>().text().unwrap().to_string();
    assert!(banner.starts_with("Could not open the folder"), "{banner}");
    assert!(banner.contains(&documents.join("results").display().to_string()), "it says where: {banner}");
}

#[test]
fn a_bank_opened_in_the_game_follows_its_saves() {
    let mut h = Harness::new();
    let dir = tempfile::tempdir().unwrap();
    let bank = bank_in(dir.path(), "civics.ron", "Before");
    open_typed(&mut h, &bank);
    assert_eq!(h.resource::<ActiveBank>().bank.title, "Before");
    // A save a second later (file times are not finer everywhere).
    std::thread::sleep(Duration::from_millis(1100));
    let text = std::fs::read_to_string(&bank).unwrap();
    std::fs::write(&bank, text.replace("title: \"Before\"", "title: \"After\"")).unwrap();
    h.advance(Duration::from_secs(2));
    assert_eq!(h.resource::<ActiveBank>().bank.title, "After");
    // A broken save keeps the last good bank and says where the problem is.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&bank, "Bank(\n  title: \"Broken\",,\n)\n").unwrap();
    h.advance(Duration::from_secs(2));
    assert_eq!(h.resource::<ActiveBank>().bank.title, "After");
    let banner = h.resource::<Banner>().text().unwrap().to_string();
    assert!(banner.contains("civics.ron:2:"), "{banner}");
    assert!(banner.ends_with("(still playing the last good version)"), "{banner}");
}

#[test]
fn the_fact_check_sheet_is_written_for_the_open_bank_and_opened_in_the_browser() {
    let mut h = Harness::new();
    click_label(&mut h, "Fact-check sheet");
    h.update();
    let page = h.data.path().join("Documents/built-in bank fact-check.html");
    let html = std::fs::read_to_string(&page).expect("the sheet is written in the documents folder");
    // Every question of the bank is on it, with a box to tick.
    let bank = builtin::check().bank.unwrap();
    assert_eq!(html.matches("type=\"checkbox\"").count(), bank.questions.len(), "a box per question");
    assert!(html.contains("Misuse of Drugs Act"), "the article's sentences are on it");
    assert_eq!(h.resource::<FileManager>().opened, vec![page], "the page is opened, nothing else");
    let said = h.resource::<Banner>().text().unwrap_or_default().to_string();
    assert!(
        said.contains("built-in bank fact-check.html")
            && !said.contains(&h.data.path().display().to_string()),
        "{said}"
    );

    // An opened bank gets its own sheet, named after its file.
    let folder = h.data.path().join("mine");
    std::fs::create_dir_all(&folder).unwrap();
    let mine = builtin::copy_to(&folder).unwrap().path().to_path_buf();
    open_typed(&mut h, &mine);
    click_label(&mut h, "Fact-check sheet");
    h.update();
    let stem = mine.file_stem().unwrap().to_string_lossy();
    assert!(h.data.path().join(format!("Documents/{stem} fact-check.html")).is_file());
}
