//! Classroom sessions through the real game plugins, headless: buzzers,
//! teacher entry, the teacher's keys, rankings and the results file.

mod common;

use std::time::Duration;

use bevy::input::ButtonState;
use bevy::prelude::*;
use common::Harness;
use quorum::game::Screen;
use quorum::game::play::classroom::{BUZZER_ROWS, ClassSession, EntryTeam};
use quorum::game::screens::class_question::EntryBuffer;
use quorum::game::settings::classroom::ClassChoices;
use quorum::game::ui::banner::{Banner, BannerKind};
use quorum_core::bank::QuestionKind;
use quorum_core::quiz::classroom::AnsweringStyle;
use quorum_core::quiz::session_log;
use quorum_core::quiz::{Answer, QuestionCount, Verdict};

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
        h.press(KeyCode::KeyN);
        if h.screen() == Screen::Leaderboard {
            h.press(KeyCode::KeyN);
        }
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

/// Set in the child process of the crash test: the data folder to play in.
const CRASH_CHILD: &str = "QUORUM_TEST_CRASH_CHILD";
/// The child's line saying the session is in the state to be killed in.
const READY: &str = "crash-child-ready";

/// In the child: two questions closed, a third in play with one team's
/// answer in, then the expected rows on standard output and a wait to be
/// killed (bounded, so a parent that never kills can't leave it behind).
fn play_until_killed(data: std::path::PathBuf) -> ! {
    let mut h = Harness::with(|app| {
        app.insert_resource(quorum::game::DataDir(data));
    });
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    let mut closed = Vec::new();
    for _ in 0..2 {
        let q = class(&h).session.current().unwrap().clone();
        let (r, w) = (right(&h), wrong(&h));
        press_together(&mut h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][w]]);
        assert_eq!(h.screen(), Screen::ClassReveal);
        closed.push((q.question.id.clone(), "One", q.choices[r].clone(), "yes"));
        closed.push((q.question.id.clone(), "Two", q.choices[w].clone(), "no"));
        h.press(KeyCode::KeyN);
        if h.screen() == Screen::Leaderboard {
            h.press(KeyCode::KeyN);
        }
    }
    h.press(BUZZER_ROWS[0][right(&h)]);
    assert_eq!(h.screen(), Screen::ClassQuestion, "the third question is still in play");
    let path = class(&h).log.as_ref().unwrap().path.clone();
    let mut out = format!("{READY}\t{}\n", path.display());
    for (id, team, answer, correct) in &closed {
        out += &format!("row\t{id}\t{team}\t{answer}\t{correct}\n");
    }
    out += "end\n";
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes()).unwrap();
    stdout.flush().unwrap();
    // The game stays alive, with the app and its file state in memory.
    for _ in 0..600 {
        h.update();
        std::thread::sleep(Duration::from_millis(100));
    }
    std::process::exit(3)
}

/// The game is killed with SIGKILL mid-session (no destructor, no flush on
/// exit): every closed question's rows must already be on disk, and the
/// file must read as a session.
#[cfg(unix)]
#[test]
fn a_crash_mid_session_leaves_the_rows_written_so_far() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};

    if let Some(data) = std::env::var_os(CRASH_CHILD) {
        play_until_killed(data.into());
    }
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["a_crash_mid_session_leaves_the_rows_written_so_far", "--exact", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(CRASH_CHILD, data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let path = loop {
        let line = lines.next().expect("the child ended before its session was ready").unwrap();
        // libtest may start the line with the test's name.
        if let Some((_, path)) = line.split_once(&format!("{READY}\t")) {
            break std::path::PathBuf::from(path);
        }
    };
    let mut expected = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line == "end" {
            break;
        }
        let fields: Vec<String> = line.split('\t').skip(1).map(String::from).collect();
        expected.push(fields);
    }
    assert_eq!(expected.len(), 4, "two teams, two closed questions");

    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "the game was killed, not ended: {status:?}");

    assert!(path.starts_with(data.path()));
    let rows = session_log::read(&path).unwrap();
    let got: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.question_id.clone(), r.team.clone(), r.answer.clone(), r.correct.clone()])
        .collect();
    assert_eq!(got, expected, "every closed question's rows, and nothing of the one in play");
    assert!(rows.iter().all(|r| r.session == rows[0].session));
    let totals = session_log::totals(&rows);
    assert_eq!(totals[0].team, "One");
    assert_eq!(totals[0].correct, 2);
}

/// Dismisses the banner, as a click on it does.
fn dismiss_banner(h: &mut Harness) {
    h.resource_mut::<Banner>().message = None;
    h.update();
}

/// Both teams answer the open question, then on to the next one.
fn close_question_and_go_on(h: &mut Harness) {
    let r = right(h);
    press_together(h, &[BUZZER_ROWS[0][r], BUZZER_ROWS[1][r]]);
    assert_eq!(h.screen(), Screen::ClassReveal);
    h.press(KeyCode::KeyN);
    if h.screen() == Screen::Leaderboard {
        h.press(KeyCode::KeyN);
    }
    assert_eq!(h.screen(), Screen::ClassQuestion);
}

#[test]
fn a_results_file_that_cannot_be_created_is_told_once_and_made_when_it_can_be() {
    // The data folder's `sessions` is a file, so no results file can be made
    // there (this fails for any user, root included, unlike a read-only mode).
    let mut h = Harness::new();
    std::fs::write(h.data.path().join("sessions"), "not a folder").unwrap();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    assert!(class(&h).log.is_none());
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Error));
    let told = h.resource::<Banner>().text().unwrap().to_string();
    assert!(told.contains("the results file could not be created"), "{told}");
    assert!(told.contains("sessions"), "{told}");
    dismiss_banner(&mut h);
    for _ in 0..3 {
        close_question_and_go_on(&mut h);
        assert_eq!(h.resource::<Banner>().message, None, "told once, not at every question");
    }
    assert_eq!(class(&h).session.results().len(), 3, "the session went on");
    assert!(class(&h).log.is_none());

    // The way is cleared: the next closed question makes the file, with
    // every answer given so far.
    std::fs::remove_file(h.data.path().join("sessions")).unwrap();
    close_question_and_go_on(&mut h);
    let path = class(&h).log.as_ref().expect("the file is made").path.clone();
    assert!(h.resource::<Banner>().text().unwrap().contains(&path.display().to_string()));
    let rows = session_log::read(&path).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.question_id.as_str()).collect();
    let asked: Vec<&str> =
        class(&h).session.results().iter().map(|r| r.question.question.id.as_str()).collect();
    assert_eq!(asked.len(), 4);
    assert_eq!(ids, asked.iter().flat_map(|id| [*id, *id]).collect::<Vec<_>>(), "no answer lost");
    press_with_ctrl(&mut h, KeyCode::KeyE);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::ClassResults);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(h.visible_text().contains(&format!("Results saved: {name}")), "the name, not a long path");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_folder_is_told_once() {
    use std::os::unix::fs::PermissionsExt;
    let mut h = Harness::new();
    let data = h.data.path().to_path_buf();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root (or a capable user) writes anyway: then there is nothing to test.
    if std::fs::write(data.join("probe"), "x").is_ok() {
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can write into a read-only folder");
        return;
    }
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Error));
    assert!(h.visible_text().contains("the results file could not be created"), "on screen");
    dismiss_banner(&mut h);
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().message, None, "told once");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    close_question_and_go_on(&mut h);
    let path = class(&h).log.as_ref().expect("made once the folder can be written").path.clone();
    assert_eq!(session_log::read(&path).unwrap().len(), 4, "both questions' answers, none lost");
}

#[test]
fn a_results_file_deleted_mid_session_is_written_again_and_told_once() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    close_question_and_go_on(&mut h);
    let path = class(&h).log.as_ref().unwrap().path.clone();
    assert_eq!(session_log::read(&path).unwrap().len(), 2);
    std::fs::remove_file(&path).unwrap();
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Warning), "the teacher is told");
    let told = h.resource::<Banner>().text().unwrap().to_string();
    assert!(told.contains(&path.display().to_string()) && told.contains("written again"), "{told}");
    assert_eq!(session_log::read(&path).unwrap().len(), 4, "every question so far is back in the file");
    dismiss_banner(&mut h);
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().message, None, "told once");
    let rows = session_log::read(&path).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.question_id.as_str()).collect();
    let asked: Vec<&str> =
        class(&h).session.results().iter().map(|r| r.question.question.id.as_str()).collect();
    assert_eq!(ids, asked.iter().flat_map(|id| [*id, *id]).collect::<Vec<_>>());
}

#[test]
fn a_results_file_that_cannot_be_appended_to_is_told_once_and_caught_up_later() {
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    close_question_and_go_on(&mut h);
    let path = class(&h).log.as_ref().unwrap().path.clone();
    // A folder takes the file's place: neither appending nor rewriting works.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Error));
    let told = h.resource::<Banner>().text().unwrap().to_string();
    assert!(told.starts_with(&format!("could not write to {}", path.display())), "{told}");
    assert!(h.visible_text().contains(&told), "the problem is on screen");
    dismiss_banner(&mut h);
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().message, None, "told once");
    assert!(class(&h).log_error.is_some());
    // The way is clear again: the next question brings the file up to date.
    std::fs::remove_dir(&path).unwrap();
    close_question_and_go_on(&mut h);
    assert_eq!(session_log::read(&path).unwrap().len(), 8, "all four questions, two teams");
    assert!(class(&h).log_error.is_none());
}

/// The sessions folder and the file turn read-only mid-session (a school
/// drive's permissions changed): told on screen, and once writable again,
/// every question's answers are in the file, in order, none twice.
#[cfg(unix)]
#[test]
fn a_results_file_made_read_only_mid_session_loses_no_answer() {
    use std::os::unix::fs::PermissionsExt;
    let mut h = Harness::new();
    start(&mut h, AnsweringStyle::Buzzers, &["One", "Two"]);
    close_question_and_go_on(&mut h);
    let path = class(&h).log.as_ref().unwrap().path.clone();
    let folder = path.parent().unwrap().to_path_buf();
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(&path, 0o444);
    mode(&folder, 0o555);
    if std::fs::OpenOptions::new().append(true).open(&path).is_ok() {
        mode(&folder, 0o755);
        eprintln!("skipped: this user can write into a read-only file");
        return;
    }
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Error));
    assert!(h.visible_text().contains(&format!("could not write to {}", path.display())), "on screen");
    dismiss_banner(&mut h);
    close_question_and_go_on(&mut h);
    assert_eq!(h.resource::<Banner>().message, None, "told once");
    mode(&folder, 0o755);
    close_question_and_go_on(&mut h);
    let rows = session_log::read(&path).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.question_id.as_str()).collect();
    let asked: Vec<&str> =
        class(&h).session.results().iter().map(|r| r.question.question.id.as_str()).collect();
    assert_eq!(asked.len(), 4);
    assert_eq!(ids, asked.iter().flat_map(|id| [*id, *id]).collect::<Vec<_>>());
}

/// Types `text` as a keyboard does: each character's own key, with its text.
fn type_keys(h: &mut Harness, text: &str) {
    use bevy::input::keyboard::{Key, KeyboardInput};
    for c in text.chars() {
        let code = match c {
            '0'..='9' => [
                KeyCode::Digit0,
                KeyCode::Digit1,
                KeyCode::Digit2,
                KeyCode::Digit3,
                KeyCode::Digit4,
                KeyCode::Digit5,
                KeyCode::Digit6,
                KeyCode::Digit7,
                KeyCode::Digit8,
                KeyCode::Digit9,
            ][c as usize - '0' as usize],
            '.' => KeyCode::Period,
            '-' => KeyCode::Minus,
            '+' => KeyCode::Equal,
            ',' => KeyCode::Comma,
            'e' => KeyCode::KeyE,
            other => panic!("no key for {other:?}"),
        };
        for state in [ButtonState::Pressed, ButtonState::Released] {
            h.app.world_mut().write_message(KeyboardInput {
                key_code: code,
                logical_key: Key::Character(c.to_string().into()),
                state,
                text: (state == ButtonState::Pressed).then(|| c.to_string().into()),
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
            h.update();
        }
    }
}

#[test]
fn malformed_estimates_typed_by_the_teacher_are_refused_with_the_reason() {
    let mut h = Harness::new();
    {
        let mut choices = h.resource_mut::<ClassChoices>();
        choices.round.settings.questions = QuestionCount::All;
        // Time enough to type every attempt.
        choices.round.settings.seconds = Some(240);
    }
    start(&mut h, AnsweringStyle::TeacherEntry, &["One", "Two"]);
    h.resource_mut::<ClassSession>().session.leaderboard_every = None;
    // Skip to an estimate question.
    while class(&h).session.current().unwrap().scale().is_none() {
        h.press(KeyCode::KeyS);
        assert_eq!(h.screen(), Screen::ClassReveal);
        h.press(KeyCode::KeyN);
        assert_eq!(h.screen(), Screen::ClassQuestion);
    }
    let q = class(&h).session.current().unwrap().clone();
    let scale = q.scale().unwrap();
    let QuestionKind::Estimate { answer, .. } = q.question.kind else { unreachable!() };
    // Well outside the range whatever the question's scale, written plainly.
    let far = (scale.min.abs().max(scale.max.abs()) + 10.0 * scale.step + 5.0).floor();
    let (too_big, too_small) = (format!("{}", far), format!("{}", -far));
    let outside = |v: f64| format!("{} is outside the range", quorum_core::bank::model::format_number(v));
    for (typed, reason) in [
        ("1.2.3", "\u{201C}1.2.3\u{201D} is not a number".to_string()),
        ("-", "\u{201C}-\u{201D} is not a number".to_string()),
        ("1e999", "\u{201C}1e999\u{201D} is not a number".to_string()),
        ("12-4", "\u{201C}12-4\u{201D} is not a number".to_string()),
        (too_big.as_str(), outside(far)),
        (too_small.as_str(), outside(-far)),
    ] {
        let before = class(&h).session.timer().remaining().unwrap();
        type_keys(&mut h, typed);
        assert!(h.visible_text().contains(&format!("{typed}|")), "what is typed shows");
        // A minus typed into the number is not the teacher's "take away 10 seconds".
        let after = class(&h).session.timer().remaining().unwrap();
        assert!(
            before - after < Duration::from_secs(5),
            "typing {typed:?} took {:?} off the clock",
            before - after
        );
        h.press(KeyCode::Enter);
        let shown = h.visible_text();
        assert!(shown.contains(&reason), "{typed}: expected {reason:?} on screen:\n{shown}");
        assert!(!class(&h).session.has_answered(0), "{typed}: nothing entered");
        let refusal = h.resource::<EntryBuffer>().refusal.clone().unwrap_or_default();
        assert!(refusal.starts_with(&reason), "{typed}: refused with {refusal:?}");
        // Clear what was typed, as the teacher would with Backspace.
        for _ in 0..typed.chars().count() {
            h.press(KeyCode::Backspace);
        }
        assert_eq!(h.resource::<EntryBuffer>().typed, "");
    }
    assert_eq!(h.screen(), Screen::ClassQuestion);
    assert_eq!(class(&h).session.phase(), quorum_core::quiz::Phase::Asking);
    // A good estimate is entered, and the next team is picked.
    let typed = quorum_core::bank::write::number(answer);
    type_keys(&mut h, &typed);
    h.press(KeyCode::Enter);
    assert!(class(&h).session.has_answered(0), "{typed} was not entered: {}", h.visible_text());
    assert_eq!(class(&h).session.answer_of(0), Some(Answer::Estimate(answer)));
    assert_eq!(h.resource::<EntryTeam>().0, 1);
    assert!(h.visible_text().contains("Entered"));
    assert!(!class(&h).session.has_answered(1));
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
