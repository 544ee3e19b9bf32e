//! A teacher's bank file in the game: loading, hot reload, and errors, none
//! of which may panic or lose the bank in play.

mod common;

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use common::Harness;
use quorum::game::play::bank::BankProblem;
use quorum::game::play::round::CurrentRound;
use quorum::game::ui::banner::{Banner, BannerKind};
use quorum::game::{ActiveBank, BankChoice, Screen};
use quorum_core::bank::{builtin, write};

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

/// Updates, in real time, until the banner says the bank was reloaded, and
/// returns the frame's visible text.
fn until_reloaded(h: &mut Harness) -> String {
    h.wait_until("the reload's banner", |h| {
        h.resource::<Banner>().text().is_some_and(|t| t.starts_with("Reloaded"))
    });
    h.visible_text()
}

#[test]
fn a_reload_on_the_title_screen_shows_the_new_title_in_the_same_frame() {
    let (_dir, path) = bank_folder();
    let mut h = game_on(&path);
    h.wait_until("the bank to load", |h| h.screen() == Screen::Title);
    let old_description = h.resource::<ActiveBank>().bank.description.clone();
    assert!(h.visible_text().contains("Cannabis, pardons and Parliament"));
    assert!(h.visible_text().contains(&old_description));

    let text = bank_text("Pardons, a new title").replacen(
        &old_description,
        "A new description, saved by the teacher.",
        1,
    );
    std::fs::write(&path, text).unwrap();
    // An idle window may draw only this one frame: it must show the new bank.
    let seen = until_reloaded(&mut h);
    assert!(seen.contains("Pardons, a new title"), "{seen}");
    assert!(seen.contains("A new description, saved by the teacher."), "{seen}");
    assert!(!seen.contains("Cannabis, pardons and Parliament"), "the old title is gone: {seen}");
    assert!(!seen.contains(&old_description));
    assert_eq!(h.screen(), Screen::Title);
}

/// What a teacher expects from a save mid-round: the round being played
/// keeps the questions it was dealt (the class is answering them), and the
/// next round is dealt from the saved bank.
#[test]
fn a_reload_mid_round_keeps_the_round_and_the_next_round_uses_the_new_bank() {
    let (_dir, path) = bank_folder();
    let mut h = game_on(&path);
    h.wait_until("the bank to load", |h| h.screen() == Screen::Title);
    h.start_round();
    h.advance(std::time::Duration::from_secs(2));
    let dealt = h.resource::<CurrentRound>().round.questions().to_vec();
    let in_play = h.resource::<CurrentRound>().round.current().unwrap().clone();
    let remaining = h.resource::<CurrentRound>().round.timer().remaining();

    // The teacher saves the bank without this round's questions.
    let mut bank = builtin::check().bank.unwrap();
    bank.title = "The rest of the bank".into();
    bank.article.as_mut().unwrap().path = "article.txt".into();
    bank.questions.retain(|q| !dealt.iter().any(|d| d.question.id == q.id));
    let left = bank.questions.len();
    std::fs::write(&path, write::to_ron(&bank, &Default::default())).unwrap();
    let seen = until_reloaded(&mut h);

    // The round goes on, with the questions it was dealt.
    assert_eq!(h.screen(), Screen::Question);
    assert_eq!(h.resource::<CurrentRound>().round.questions(), dealt.as_slice());
    assert_eq!(h.resource::<CurrentRound>().round.current(), Some(&in_play));
    assert!(seen.contains(in_play.question.prompt()), "the question in play still shows: {seen}");
    assert!(h.resource::<CurrentRound>().round.timer().remaining() < remaining, "its clock ran on");
    assert_eq!(h.resource::<ActiveBank>().bank.questions.len(), left);

    // To the end of the round, then "Play again": dealt from the saved bank.
    while h.screen() != Screen::Results {
        match h.screen() {
            Screen::Question if h.resource::<CurrentRound>().round.current().unwrap().scale().is_some() => {
                h.press(KeyCode::Enter)
            }
            Screen::Question => h.press(KeyCode::Digit1),
            Screen::Reveal => h.press(KeyCode::Enter),
            other => panic!("unexpected screen {other:?}"),
        }
    }
    assert_eq!(
        h.resource::<CurrentRound>().round.records().len(),
        dealt.len(),
        "every dealt question was asked"
    );
    h.press(KeyCode::Enter); // Play again
    assert_eq!(h.screen(), Screen::Question);
    let next = h.resource::<CurrentRound>().round.questions().to_vec();
    assert!(!next.is_empty());
    for q in &next {
        assert!(
            bank.questions.iter().any(|b| b.id == q.question.id),
            "{} is not in the saved bank",
            q.question.id
        );
        assert!(!dealt.iter().any(|d| d.question.id == q.question.id), "{} was removed", q.question.id);
    }
    assert_eq!(h.resource::<CurrentRound>().bank_title, "The rest of the bank");
}

const SENTENCE: &str = "Parliament passes laws which judges apply.";

/// How many shipped questions quote `SENTENCE` as a source.
fn resting_on_the_sentence() -> usize {
    let bank = builtin::check().bank.unwrap();
    let n = bank.questions.iter().filter(|q| q.source.iter().any(|s| s == SENTENCE)).count();
    assert!(n >= 2, "the test wants a plural");
    n
}

#[test]
fn saving_the_article_alone_re_checks_the_bank() {
    let (dir, path) = bank_folder();
    let mut h = game_on(&path);
    h.wait_until("the bank to load", |h| h.screen() == Screen::Title);
    let all = h.resource::<ActiveBank>().bank.questions.len();

    // The teacher edits the article so one question's source is gone from it.
    let article = dir.path().join("article.txt");
    assert!(builtin::ARTICLE_TEXT.contains(SENTENCE));
    std::fs::write(&article, builtin::ARTICLE_TEXT.replace(SENTENCE, "Parliament passes laws.")).unwrap();
    h.wait_until("the bank to be re-checked", |h| h.resource::<ActiveBank>().bank.questions.len() < all);
    let active = h.resource::<ActiveBank>().clone();
    let gone = resting_on_the_sentence();
    assert_eq!(active.bank.questions.len(), all - gone);
    assert!(!active.bank.questions.iter().any(|q| q.source.iter().any(|s| s == SENTENCE)));
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Warning));
    let seen = h.visible_text();
    assert!(seen.contains(&format!("{gone} questions left out of play")), "the title screen says so: {seen}");

    // Putting the sentence back brings the question back.
    std::fs::write(&article, builtin::ARTICLE_TEXT).unwrap();
    h.wait_until("the question to come back", |h| h.resource::<ActiveBank>().bank.questions.len() == all);
}

/// An article outside the bank's folder can't be watched with it (the game
/// watches the bank's folder): the bank is re-checked against it when the
/// bank is next saved.
#[test]
fn an_article_outside_the_banks_folder_is_re_read_when_the_bank_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("banks")).unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    let article = dir.path().join("articles/article.txt");
    std::fs::write(&article, builtin::ARTICLE_TEXT).unwrap();
    let path = dir.path().join("banks/bank.ron");
    let text = bank_text("Outside").replace("\"article.txt\"", "\"../articles/article.txt\"");
    std::fs::write(&path, &text).unwrap();
    let mut h = game_on(&path);
    h.wait_until("the bank to load", |h| h.screen() == Screen::Title);
    let all = h.resource::<ActiveBank>().bank.questions.len();
    assert_eq!(all, builtin::check().bank.unwrap().questions.len());

    std::fs::write(&article, builtin::ARTICLE_TEXT.replace(SENTENCE, "Parliament passes laws.")).unwrap();
    std::fs::write(&path, text.replace("title: \"Outside\"", "title: \"Saved again\"")).unwrap();
    h.wait_until("the bank to be saved", |h| h.resource::<ActiveBank>().bank.title == "Saved again");
    assert_eq!(h.resource::<ActiveBank>().bank.questions.len(), all - resting_on_the_sentence());
}
