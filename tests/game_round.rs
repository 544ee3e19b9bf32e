//! Whole rounds through the real game plugins, headless.

mod common;

use std::time::Duration;

use bevy::prelude::*;
use common::Harness;
use quorum::game::play::round::CurrentRound;
use quorum::game::screens::question::{Slider, Tile};
use quorum::game::screens::results::BestOutcome;
use quorum::game::screens::setup::SetupAction;
use quorum::game::{Screen, SetupChoices};
use quorum_core::bank::QuestionKind;
use quorum_core::quiz::bests::{self, PersonalBests, Recorded};
use quorum_core::quiz::{Answer, QuestionCount, Verdict, save_file};

const DIGITS: [KeyCode; 6] =
    [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3, KeyCode::Digit4, KeyCode::Digit5, KeyCode::Digit6];

fn round(h: &Harness) -> &CurrentRound {
    h.resource::<CurrentRound>()
}

/// The shown index of the right choice, or `None` for an estimate.
fn right_choice(h: &Harness) -> Option<usize> {
    round(h).round.current().unwrap().correct_choice()
}

fn last_verdict(h: &Harness) -> Verdict {
    round(h).round.records().last().unwrap().verdict
}

/// Skips ahead (answering by key) until the open question is a choice
/// question, so a test can answer it with a number key.
fn until_choice_question(h: &mut Harness) {
    while right_choice(h).is_none() {
        h.press(KeyCode::Enter); // lock in the estimate as it stands
        assert_eq!(h.screen(), Screen::Reveal);
        h.press(KeyCode::Enter); // next question
        assert_eq!(h.screen(), Screen::Question);
    }
}

#[test]
fn a_correct_answer_by_key() {
    let mut h = Harness::new();
    h.start_round();
    until_choice_question(&mut h);
    let before = round(&h).round.score();
    h.advance(Duration::from_millis(900));
    let right = right_choice(&h).unwrap();
    h.press(DIGITS[right]);
    assert_eq!(h.screen(), Screen::Reveal);
    assert_eq!(last_verdict(&h), Verdict::Correct);
    let record = round(&h).round.records().last().unwrap().clone();
    // Answered about a second into 20: close to, but under, the full 1000.
    assert!(
        record.points.base == 500 && record.points.speed > 400 && record.points.speed < 500,
        "{record:?}"
    );
    assert_eq!(round(&h).round.score(), before + record.points.total());
    assert!(h.screen_text().contains("Correct!"));
}

#[test]
fn a_correct_answer_by_click() {
    let mut h = Harness::new();
    h.start_round();
    until_choice_question(&mut h);
    let right = right_choice(&h).unwrap();
    let tile = h.find::<Tile>(|t| t.0 == right).expect("a tile for the right answer");
    h.click(tile);
    assert_eq!(h.screen(), Screen::Reveal);
    assert_eq!(last_verdict(&h), Verdict::Correct);
    // Letters work too: on to the next choice question and answer with A–F.
    h.press(KeyCode::Enter);
    until_choice_question(&mut h);
    let right = right_choice(&h).unwrap();
    let letters = [KeyCode::KeyA, KeyCode::KeyB, KeyCode::KeyC, KeyCode::KeyD, KeyCode::KeyE, KeyCode::KeyF];
    h.press(letters[right]);
    assert_eq!(last_verdict(&h), Verdict::Correct);
}

#[test]
fn a_wrong_answer_scores_nothing_and_shows_both_answers() {
    let mut h = Harness::new();
    h.start_round();
    until_choice_question(&mut h);
    let q = round(&h).round.current().unwrap().clone();
    let right = q.correct_choice().unwrap();
    let wrong = (right + 1) % q.choices.len();
    h.press(DIGITS[wrong]);
    assert_eq!(h.screen(), Screen::Reveal);
    assert_eq!(last_verdict(&h), Verdict::Wrong);
    assert_eq!(round(&h).round.records().last().unwrap().points.total(), 0);
    let text = h.screen_text();
    assert!(text.contains("Your answer") && text.contains(&q.choices[wrong]), "{text}");
    assert!(text.contains("Correct answer") && text.contains(&q.choices[right]), "{text}");
    assert!(text.contains(&q.question.explanation), "the explanation is shown");
    assert!(text.contains(q.question.source[0].trim()), "the source is shown");
}

#[test]
fn running_out_of_time_counts_as_no_answer() {
    let mut h = Harness::new();
    h.start_round();
    let limit = round(&h).round.timer().limit().unwrap();
    h.advance(limit - Duration::from_millis(500));
    assert_eq!(h.screen(), Screen::Question);
    h.advance(Duration::from_millis(800));
    assert_eq!(h.screen(), Screen::Reveal);
    assert_eq!(last_verdict(&h), Verdict::TimedOut);
    assert!(h.screen_text().contains("Time's up"));
    // Reveal waits for the player however long it takes.
    h.advance(Duration::from_secs(60));
    assert_eq!(h.screen(), Screen::Reveal);
}

#[test]
fn streak_bonus_grows_and_caps_at_500() {
    let mut h = Harness::new();
    h.resource_mut::<SetupChoices>().settings.questions = QuestionCount::All;
    h.start_round();
    let mut bonuses = Vec::new();
    for _ in 0..9 {
        // Answer every question right, estimates with their exact answer.
        match right_choice(&h) {
            Some(i) => h.press(DIGITS[i]),
            None => {
                let answer = match round(&h).round.current().unwrap().question.kind {
                    QuestionKind::Estimate { answer, .. } => answer,
                    _ => unreachable!(),
                };
                let mut slider = h.resource_mut::<Slider>();
                slider.value = slider.scale.snap(answer);
                h.press(KeyCode::Enter);
            }
        }
        assert_eq!(h.screen(), Screen::Reveal);
        let record = round(&h).round.records().last().unwrap().clone();
        assert_eq!(record.verdict, Verdict::Correct);
        bonuses.push(record.points.streak);
        h.press(KeyCode::Enter);
    }
    assert_eq!(bonuses, [0, 100, 200, 300, 400, 500, 500, 500, 500]);
    assert_eq!(round(&h).round.streak().best, 9);
}

#[test]
fn an_estimate_is_set_with_the_arrow_keys() {
    let mut h = Harness::new();
    h.resource_mut::<SetupChoices>().settings.questions = QuestionCount::All;
    h.start_round();
    while right_choice(&h).is_some() {
        h.press(KeyCode::Digit1);
        h.press(KeyCode::Enter);
    }
    let (answer, step, tolerance) = match round(&h).round.current().unwrap().question.kind {
        QuestionKind::Estimate { answer, step, tolerance, .. } => (answer, step, tolerance),
        _ => unreachable!(),
    };
    let start = h.resource::<Slider>().value;
    h.press(KeyCode::ArrowRight);
    assert!((h.resource::<Slider>().value - (start + step)).abs() < 1e-9);
    h.press(KeyCode::ArrowLeft);
    h.press(KeyCode::ArrowLeft);
    assert!((h.resource::<Slider>().value - (start - step)).abs() < 1e-9);
    // Arrow keys move the slider, not the focus: still on the question.
    assert_eq!(h.screen(), Screen::Question);
    // Walk to about one and a half tolerances off: partial credit.
    let target = answer + 1.5 * tolerance;
    while h.resource::<Slider>().value < target - step / 2.0 {
        h.press(KeyCode::ArrowRight);
    }
    while h.resource::<Slider>().value > target + step / 2.0 {
        h.press(KeyCode::ArrowLeft);
    }
    let set = h.resource::<Slider>().value;
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Reveal);
    let record = round(&h).round.records().last().unwrap().clone();
    // Credit falls linearly from 1 at one tolerance away to 0 at two.
    let expected = 1.0 - ((set - answer).abs() - tolerance) / tolerance;
    assert!(expected > 0.0 && expected < 1.0, "{set} is not in the partial band");
    match record.verdict {
        Verdict::Close(credit) => assert!((credit - expected).abs() < 1e-6, "{credit} vs {expected}"),
        other => panic!("expected partial credit, got {other:?}"),
    }
    assert!(matches!(record.answer, Some(Answer::Estimate(_))));
    assert!(h.screen_text().contains("credit"));
}

#[test]
fn pause_stops_the_clock_and_hides_the_question() {
    let mut h = Harness::new();
    h.start_round();
    let prompt = round(&h).round.current().unwrap().question.prompt().to_string();
    h.advance(Duration::from_secs(2));
    assert!(h.visible_text().contains(&prompt));
    h.press(KeyCode::Escape);
    assert!(h.paused());
    let remaining = round(&h).round.timer().remaining();
    h.advance(Duration::from_secs(30));
    assert_eq!(h.screen(), Screen::Question, "the clock is stopped");
    assert_eq!(round(&h).round.timer().remaining(), remaining);
    let seen = h.visible_text();
    assert!(seen.contains("Paused"));
    assert!(!seen.contains(&prompt), "the question is hidden while paused: {seen}");
    // Answer keys do nothing while paused.
    h.press(KeyCode::Digit1);
    assert_eq!(h.screen(), Screen::Question);
    assert!(round(&h).round.records().is_empty());
    h.press(KeyCode::Escape);
    assert!(!h.paused());
    assert!(!h.visible_text().contains("Paused"));
    assert!(h.visible_text().contains(&prompt));
    h.advance(Duration::from_secs(1));
    assert!(round(&h).round.timer().remaining() < remaining);
}

#[test]
fn the_results_add_up_and_a_personal_best_is_saved() {
    let mut h = Harness::new();
    h.resource_mut::<SetupChoices>().settings.questions = QuestionCount::Some(5);
    h.resource_mut::<SetupChoices>().player = "Aroha".into();
    h.start_round();
    for n in 0..5 {
        h.advance(Duration::from_millis(300 * n));
        // Right on even questions, a time-out on the last.
        match (right_choice(&h), n) {
            (_, 4) => h.advance(Duration::from_secs(25)),
            (Some(i), n) if n % 2 == 0 => h.press(DIGITS[i]),
            (Some(i), _) => {
                let len = round(&h).round.current().unwrap().choices.len();
                h.press(DIGITS[(i + 1) % len]);
            }
            (None, _) => h.press(KeyCode::Enter),
        }
        assert_eq!(h.screen(), Screen::Reveal);
        h.press(KeyCode::Enter);
    }
    assert_eq!(h.screen(), Screen::Results);
    let current = round(&h).clone();
    let results = current.round.results();
    let records = current.round.records();
    assert_eq!(results.asked, 5);
    assert_eq!(results.score, records.iter().map(|r| r.points.total()).sum::<u32>());
    assert_eq!(results.correct, records.iter().filter(|r| r.verdict.is_correct()).count());
    assert_eq!(records[4].verdict, Verdict::TimedOut);
    let text = h.screen_text();
    assert!(text.contains(&quorum_core::quiz::scoring::format_points(results.score)), "{text}");
    assert!(text.contains(&format!("{} of 5", results.correct)), "{text}");
    // Saved as a personal best, in the data directory, under the bank's title.
    assert_eq!(h.resource::<BestOutcome>().recorded, Some(Recorded::NewBest { previous: None }));
    let saved = save_file::load::<PersonalBests>(&h.data.path().join(bests::FILE)).value;
    let best = saved.best("Aroha", &current.bank_title).expect("saved");
    assert_eq!(best.score, results.score);
    // Play again deals a new round of the same size.
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Question);
    assert_eq!(round(&h).round.len(), 5);
    assert_ne!(round(&h).seed, current.seed);
}

#[test]
fn setup_remembers_the_last_choices() {
    let mut h = Harness::new();
    h.press(KeyCode::Enter); // Play
    assert_eq!(h.screen(), Screen::Setup);
    let name = h.find::<SetupAction>(|a| *a == SetupAction::Name).unwrap();
    h.click(name);
    h.type_text("Tama");
    h.press(KeyCode::ArrowDown); // Questions
    h.press(KeyCode::ArrowRight); // 10 -> 15
    assert_eq!(h.resource::<SetupChoices>().settings.questions, QuestionCount::Some(15));
    assert_eq!(h.resource::<SetupChoices>().player, "Tama");
    let start = h.find::<SetupAction>(|a| *a == SetupAction::Start).unwrap();
    h.click(start);
    assert_eq!(h.screen(), Screen::Question);
    assert_eq!(round(&h).round.len(), 15);
    assert_eq!(round(&h).player, "Tama");

    // A new run of the game with the same data directory starts from them.
    let dir = h.data.path().to_path_buf();
    let h2 = Harness::with(|app| {
        app.insert_resource(quorum::game::DataDir(dir));
    });
    assert_eq!(h2.resource::<SetupChoices>().settings.questions, QuestionCount::Some(15));
    assert_eq!(h2.resource::<SetupChoices>().player, "Tama");
}

#[test]
fn escape_leaves_setup_and_the_pause_menu_can_leave_a_round() {
    let mut h = Harness::new();
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Setup);
    h.press(KeyCode::Escape);
    assert_eq!(h.screen(), Screen::Title);
    h.start_round();
    h.press(KeyCode::Escape);
    h.press(KeyCode::ArrowDown); // Leave the round
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Title);
    assert!(!h.paused());
}

#[test]
fn a_damaged_personal_best_file_is_set_aside_with_a_warning() {
    let mut h = Harness::new();
    std::fs::write(h.data.path().join(bests::FILE), b"(entries: [ this is not RON").unwrap();
    h.resource_mut::<SetupChoices>().settings.questions = QuestionCount::Some(5);
    h.start_round();
    for _ in 0..5 {
        match right_choice(&h) {
            Some(i) => h.press(DIGITS[i]),
            None => h.press(KeyCode::Enter),
        }
        h.press(KeyCode::Enter);
    }
    assert_eq!(h.screen(), Screen::Results);
    let outcome = h.resource::<BestOutcome>().clone();
    assert!(outcome.warning.as_deref().is_some_and(|w| w.contains("damaged")), "{outcome:?}");
    assert!(h.screen_text().contains("Warning:"));
    // The damaged file was kept aside, and a fresh one holds this score.
    let names: Vec<String> = std::fs::read_dir(h.data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("personal-bests.ron.corrupt-")), "{names:?}");
    assert_eq!(save_file::load::<PersonalBests>(&h.data.path().join(bests::FILE)).value.entries.len(), 1);
}
