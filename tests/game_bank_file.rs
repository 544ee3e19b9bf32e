//! A teacher's bank file in the game: loading, hot reload, and errors, none
//! of which may panic or lose the bank in play.

mod common;

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use common::Harness;
use quorum::game::play::bank::BankProblem;
use quorum::game::ui::banner::{Banner, BannerKind};
use quorum::game::{ActiveBank, BankChoice, Screen};
use quorum_core::bank::builtin;

/// A folder with the shipped bank and its article side by side.
fn bank_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let path = dir.path().join("bank.ron");
    std::fs::write(&path, bank_text("Cannabis, pardons and Parliament")).unwrap();
    (dir, path)
}

fn bank_text(title: &str) -> String {
    builtin::BANK_RON
        .replace(builtin::ARTICLE_PATH, "article.txt")
        .replace("title: \"Cannabis, pardons and Parliament\"", &format!("title: \"{title}\""))
}

fn game_on(path: &Path) -> Harness {
    let assets = AssetPlugin {
        file_path: path.parent().unwrap().display().to_string(),
        watch_for_changes_override: Some(true),
        ..default()
    };
    let choice = BankChoice::File(path.to_path_buf());
    Harness::with_assets(assets, move |app| {
        app.insert_resource(choice);
    })
}

fn title(h: &Harness) -> String {
    h.resource::<ActiveBank>().bank.title.clone()
}

#[test]
fn a_saved_edit_is_played_and_a_broken_one_keeps_the_last_good_bank() {
    let (_dir, path) = bank_folder();
    let mut h = game_on(&path);
    h.wait_until("the bank to load", |h| h.screen() == Screen::Title);
    assert_eq!(title(&h), "Cannabis, pardons and Parliament");
    let questions = h.resource::<ActiveBank>().bank.questions.len();

    // A broken save: an unclosed list. The old bank stays, the error shows.
    let broken = bank_text("Half-typed").replacen("choices: [", "choices: [\"x\",,", 1);
    std::fs::write(&path, &broken).unwrap();
    h.wait_until("the error banner", |h| h.resource::<Banner>().kind() == Some(BannerKind::Error));
    let message = h.resource::<Banner>().text().unwrap().to_string();
    assert!(message.starts_with(&format!("{}:", path.display())), "{message}");
    assert!(message.contains("still playing the last good version"), "{message}");
    let line_col = message[path.display().to_string().len() + 1..].split(':').take(2).collect::<Vec<_>>();
    assert!(line_col.iter().all(|n| n.parse::<usize>().is_ok()), "FILE:LINE:COL in {message}");
    assert_eq!(title(&h), "Cannabis, pardons and Parliament");
    assert_eq!(h.resource::<ActiveBank>().bank.questions.len(), questions);
    assert_eq!(h.screen(), Screen::Title);

    // The fix is picked up and played.
    std::fs::write(&path, bank_text("Edited by the teacher")).unwrap();
    h.wait_until("the fixed bank", |h| title(h) == "Edited by the teacher");
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Info));
    h.update();
    h.update();
    assert!(h.screen_text().contains("Edited by the teacher"), "the title screen redraws");
}

#[test]
fn a_question_failing_provenance_is_left_out_with_a_warning() {
    let (_dir, path) = bank_folder();
    let text = bank_text("T").replacen(
        "Parliament passes laws which judges apply.",
        "Parliament passes laws which police apply.",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let mut h = game_on(&path);
    h.wait_until("the bank to load", |h| h.screen() == Screen::Title);
    let active = h.resource::<ActiveBank>().clone();
    assert_eq!(active.bank.questions.len(), active.total - 1);
    assert!(!active.bank.questions.iter().any(|q| q.id == "who-said-judges-apply"));
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Warning));
    assert!(h.screen_text().contains("1 question left out of play"));
}

#[test]
fn a_missing_bank_shows_the_error_screen_with_the_path_tried() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-bank.ron");
    let mut h = game_on(&path);
    h.wait_until("the error screen", |h| h.screen() == Screen::BankError);
    let problem = h.resource::<BankProblem>().clone();
    assert_eq!(problem.path, path.display().to_string());
    assert!(problem.report.contains("no such file"), "{}", problem.report);
    assert!(h.screen_text().contains(&format!("Tried: {}", path.display())));
}

#[test]
fn a_broken_bank_at_start_up_shows_its_errors() {
    let (_dir, path) = bank_folder();
    std::fs::write(&path, "Bank(\n    title: \"T\",\n    questions: [\n").unwrap();
    let mut h = game_on(&path);
    h.wait_until("the error screen", |h| h.screen() == Screen::BankError);
    let report = h.resource::<BankProblem>().report.clone();
    assert!(report.starts_with(&format!("{}:", path.display())), "{report}");
    assert!(report.contains("error"), "{report}");
    // Fixing it moves on to the title screen by itself.
    std::fs::write(&path, bank_text("Fixed")).unwrap();
    h.wait_until("the title screen", |h| h.screen() == Screen::Title);
    assert_eq!(title(&h), "Fixed");
}

#[test]
fn a_bank_that_is_not_ron_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.txt");
    std::fs::write(&path, "hello").unwrap();
    let mut h = game_on(&path);
    h.wait_until("the error screen", |h| h.screen() == Screen::BankError);
    assert!(h.resource::<BankProblem>().report.contains(".ron"));
}
