//! Classroom sessions through the real game plugins, headless: buzzers,
//! teacher entry, the teacher's keys, rankings and the results file.

mod common;

use std::time::Duration;

use bevy::input::ButtonState;
use bevy::prelude::*;
use common::Harness;
use quorum::game::Screen;
use quorum::game::play::classroom::{BUZZER_ROWS, ClassSession};
use quorum::game::settings::classroom::ClassChoices;
use quorum_core::quiz::Verdict;
use quorum_core::quiz::classroom::AnsweringStyle;
use quorum_core::quiz::session_log;

/// From the title screen to the first question of a session.
fn start(h: &mut Harness, style: AnsweringStyle, teams: &[&str]) {
    {
        let mut choices = h.resource_mut::<ClassChoices>();
        choices.style = style;
        choices.teams = teams.iter().map(|t| t.to_string()).collect();
        choices.leaderboard_every = Some(1);
    }
    assert_eq!(h.screen(), Screen::Title);
    h.press(KeyCode::ArrowDown); // Classroom
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::ClassSetup);
    h.press(KeyCode::Enter); // Start the session
    assert_eq!(h.screen(), Screen::ClassQuestion);
}

fn class(h: &Harness) -> &ClassSession {
    h.resource::<ClassSession>()
}

fn right(h: &Harness) -> usize {
    class(h).session.current().unwrap().correct_choice().unwrap()
}

fn wrong(h: &Harness) -> usize {
    let q = class(h).session.current().unwrap();
    (q.correct_choice().unwrap() + 1) % q.choices.len()
}

/// Presses several keys in the same frame.
fn press_together(h: &mut Harness, keys: &[KeyCode]) {
    for k in keys {
        h.key(*k, ButtonState::Pressed);
    }
    h.update();
    for k in keys {
        h.key(*k, ButtonState::Released);
    }
    h.update();
}

/// A teacher letter while buzzer teams are answering: with Ctrl.
fn press_with_ctrl(h: &mut Harness, key: KeyCode) {
    h.key(KeyCode::ControlLeft, ButtonState::Pressed);
    h.update();
    h.press(key);
    h.key(KeyCode::ControlLeft, ButtonState::Released);
    h.update();
}

fn verdicts(h: &Harness) -> Vec<Verdict> {
    class(h).session.results().last().unwrap().teams.iter().map(|t| t.record.verdict).collect()
}

#[test]
fn three_teams_answering_in_the_same_frame_all_count() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["Kererū", "Tūī", "Kōtare"]);
    let (r, w) = (right(&h), wrong(&h));
    h.advance(Duration::from_secs(2));
    press_together(&mut h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][w], BUZZER_ROWS[2][r]]);
    // Every team answered, so the question closed before its time was up.
    assert_eq!(h.screen(), Screen::ClassReveal);
    assert_eq!(verdicts(&h), [Verdict::Correct, Verdict::Wrong, Verdict::Correct]);
    let result = class(&h).session.results().last().unwrap().clone();
    assert_eq!(result.teams[0].record.response, result.teams[2].record.response, "same frame, same time");
    assert!(result.teams[0].record.points.total() > 900);
    // The reveal's bars count the teams per choice.
    assert_eq!(class(&h).session.tallies()[r], 2);
    assert_eq!(class(&h).session.tallies()[w], 1);
}

#[test]
fn a_teams_first_press_counts_and_other_rows_do_nothing() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    let (r, w) = (right(&h), wrong(&h));
    h.press(BUZZER_ROWS[0][w]);
    h.press(BUZZER_ROWS[0][r]); // a change of mind: ignored
    assert!(class(&h).session.has_answered(0));
    // Rows 3 and 4 belong to teams that are not playing.
    h.press(BUZZER_ROWS[2][r]);
    h.press(BUZZER_ROWS[3][r]);
    assert!(!class(&h).session.has_answered(1), "another row's key is not team 2's answer");
    assert_eq!(h.screen(), Screen::ClassQuestion);
    h.press(BUZZER_ROWS[1][r]);
    assert_eq!(h.screen(), Screen::ClassReveal);
    assert_eq!(verdicts(&h), [Verdict::Wrong, Verdict::Correct]);
    // The lock-in screen never showed what a team chose; the reveal does.
    assert!(h.screen_text().contains("Not quite"));
}

#[test]
fn the_question_shows_who_has_locked_in_but_not_what_they_chose() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two", "Three"]);
    let r = right(&h);
    let choice = class(&h).session.current().unwrap().choices[r].clone();
    let before = h.screen_text();
    h.press(BUZZER_ROWS[0][r]);
    h.update();
    let text = h.screen_text();
    assert_eq!(text.matches("Locked in").count(), 1, "{text}");
    assert_eq!(text.matches("Thinking").count(), 2);
    // The choice's text appears exactly as often as before (on its tile).
    assert_eq!(text.matches(&choice).count(), before.matches(&choice).count());
}

#[test]
fn pause_freezes_the_clock_hides_the_question_and_ignores_buzzers() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    let prompt = class(&h).session.current().unwrap().question.prompt().to_string();
    h.advance(Duration::from_secs(3));
    assert!(h.visible_text().contains(&prompt));
    h.press(KeyCode::Space);
    assert!(h.paused());
    let remaining = class(&h).session.timer().remaining();
    h.advance(Duration::from_secs(40));
    assert_eq!(class(&h).session.timer().remaining(), remaining);
    assert_eq!(h.screen(), Screen::ClassQuestion);
    h.press(BUZZER_ROWS[0][0]);
    assert!(!class(&h).session.has_answered(0), "no answers while paused");
    let seen = h.visible_text();
    assert!(seen.contains("Paused"));
    assert!(!seen.contains(&prompt), "the question is hidden while paused: {seen}");
    h.press(KeyCode::Space);
    assert!(!h.paused());
    assert!(h.visible_text().contains(&prompt));
    h.advance(Duration::from_secs(1));
    assert!(class(&h).session.timer().remaining() < remaining);
}

#[test]
fn teacher_keys_reveal_skip_add_time_and_end_early() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two", "Three"]);
    // +/- change the time left by ten seconds.
    let before = class(&h).session.timer().remaining().unwrap();
    h.press(KeyCode::Equal);
    let after = class(&h).session.timer().remaining().unwrap();
    assert!(after > before + Duration::from_secs(9), "{before:?} -> {after:?}");
    h.press(KeyCode::Minus);
    // S alone is team 3's second answer key, not a skip.
    h.press(KeyCode::KeyS);
    assert!(class(&h).session.has_answered(2));
    assert_eq!(h.screen(), Screen::ClassQuestion);
    // With Ctrl it is the teacher's: skip, no points.
    press_with_ctrl(&mut h, KeyCode::KeyS);
    assert_eq!(h.screen(), Screen::ClassReveal);
    assert!(class(&h).session.results()[0].skipped);
    assert_eq!(class(&h).session.points(2), 0);
    // N: the leaderboard (due after every question), then the next question.
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::Leaderboard);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::ClassQuestion);
    assert_eq!(class(&h).session.number(), 2);
    // R reveals now, with Ctrl during a buzzer question.
    h.press(BUZZER_ROWS[0][right(&h)]);
    press_with_ctrl(&mut h, KeyCode::KeyR);
    assert_eq!(h.screen(), Screen::ClassReveal);
    assert_eq!(verdicts(&h), [Verdict::Correct, Verdict::TimedOut, Verdict::TimedOut]);
    // E ends the session: the podium, then the table.
    h.press(KeyCode::KeyE);
    assert_eq!(h.screen(), Screen::Podium);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::ClassResults);
    let text = h.screen_text();
    assert!(text.contains("Results saved: "), "{text}");
    assert!(text.contains("1st"));
}

#[test]
fn ties_share_a_place_in_teacher_entry() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::TeacherEntry, &["A", "B", "C", "D", "E", "F"]);
    // Enter by keyboard: each entry moves on to the next team.
    let (r, w) = (right(&h), wrong(&h));
    let digits = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
    ];
    for answer in [r, w, r, w, w, w] {
        h.press(digits[answer]);
    }
    assert!(class(&h).session.all_answered());
    assert_eq!(h.screen(), Screen::ClassQuestion, "teacher entry waits for the reveal");
    h.press(KeyCode::KeyR);
    assert_eq!(h.screen(), Screen::ClassReveal);
    let ranks: Vec<(usize, usize)> = class(&h).session.standings().iter().map(|s| (s.team, s.rank)).collect();
    assert_eq!(ranks, [(0, 1), (2, 1), (1, 3), (3, 3), (4, 3), (5, 3)]);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::Leaderboard);
    let text = h.screen_text();
    assert_eq!(text.matches("=1st").count(), 2, "{text}");
    assert_eq!(text.matches("=3rd").count(), 4);
}

#[test]
fn the_results_file_holds_every_team_and_question() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["Ngā Toa, \"the brave\"", "Kōwhai"]);
    let mut expected = Vec::new();
    for _ in 0..3 {
        let q = class(&h).session.current().unwrap().clone();
        let (r, w) = (right(&h), wrong(&h));
        h.advance(Duration::from_millis(1500));
        press_together(&mut h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][w]]);
        expected.push((q.question.id.clone(), q.choices[r].clone(), q.choices[w].clone()));
        h.press(KeyCode::KeyN); // leaderboard
        h.press(KeyCode::KeyN); // next question
    }
    press_with_ctrl(&mut h, KeyCode::KeyE);
    assert_eq!(h.screen(), Screen::Podium);
    let path = class(&h).log.as_ref().unwrap().path.clone();
    assert!(path.starts_with(h.data.path()));
    let rows = session_log::read(&path).unwrap();
    assert_eq!(rows.len(), 6, "two teams, three questions");
    for (i, (id, right_text, wrong_text)) in expected.iter().enumerate() {
        let (a, b) = (&rows[2 * i], &rows[2 * i + 1]);
        assert_eq!((&a.question_id, &b.question_id), (id, id));
        assert_eq!(a.team, "Ngā Toa, \"the brave\"");
        assert_eq!(b.team, "Kōwhai");
        assert_eq!((a.answer.as_str(), a.correct.as_str()), (right_text.as_str(), "yes"));
        assert_eq!((b.answer.as_str(), b.correct.as_str()), (wrong_text.as_str(), "no"));
        assert_eq!(b.points, 0);
        let seconds: f64 = a.seconds.parse().unwrap();
        assert!((1.3..=1.8).contains(&seconds), "{seconds}");
    }
    let totals = session_log::totals(&rows);
    assert_eq!(totals[0].team, "Ngā Toa, \"the brave\"");
    assert_eq!(totals[0].points, class(&h).session.points(0));
}

#[test]
fn a_crash_mid_session_leaves_the_rows_written_so_far() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    let r = right(&h);
    press_together(&mut h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][r]]);
    assert_eq!(h.screen(), Screen::ClassReveal);
    h.press(KeyCode::KeyN);
    h.press(KeyCode::KeyN);
    h.press(BUZZER_ROWS[0][right(&h)]); // the second question is in play
    let path = class(&h).log.as_ref().unwrap().path.clone();
    // The game dies here (its data folder stays), and a write was cut off
    // mid-row.
    let Harness { app, data: _data } = h;
    drop(app);
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(b"2026-11-26_10-00-00,2026-11-26 10:00,Cannabis").unwrap();
    drop(file);
    let rows = session_log::read(&path).unwrap();
    assert_eq!(rows.len(), 2, "the first question's rows are intact");
    assert!(rows.iter().all(|r| r.correct == "yes"));
}

#[test]
fn the_leaderboard_can_be_shown_or_skipped() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    h.resource_mut::<ClassSession>().session.leaderboard_every = Some(2);
    let r = right(&h);
    press_together(&mut h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][r]]);
    // Not due after one question, but L shows it anyway.
    h.press(KeyCode::KeyL);
    assert_eq!(h.screen(), Screen::Leaderboard);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::ClassQuestion);
    let r = right(&h);
    press_together(&mut h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][r]]);
    // Due after two; K skips it.
    h.press(KeyCode::KeyK);
    assert_eq!(h.screen(), Screen::ClassQuestion);
    assert_eq!(class(&h).session.number(), 3);
}
