//! What the game asks of its sound as play goes on, headless: every request
//! the game sends to its (silent) sound output is also written to a
//! `SoundLog`, which these tests read. Also `M`, the sound settings and
//! their file, and the classroom's quiet room.

mod common;

use std::path::Path;
use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use common::Harness;
use quorum::game::play::classroom::{BUZZER_ROWS, ClassSession};
use quorum::game::play::round::CurrentRound;
use quorum::game::play::sound::{SoundAsked, SoundLog};
use quorum::game::screens::class_setup::ClassAction;
use quorum::game::settings::classroom::ClassChoices;
use quorum::game::settings::sound::{self, SoundChoices, SoundSetting};
use quorum::game::ui::text_field::TextField;
use quorum::game::{DataDir, Screen};
use quorum_core::quiz::classroom::AnsweringStyle;
use quorum_core::quiz::save_file;
use quorum_sound::{Cue, Music, Volumes};

const DIGITS: [KeyCode; 6] =
    [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3, KeyCode::Digit4, KeyCode::Digit5, KeyCode::Digit6];

/// The game, on its title screen, with its sound requests logged.
fn listening() -> Harness {
    Harness::with(|app| {
        app.init_resource::<SoundLog>();
    })
}

/// The same, with its save files in `dir` (to see what a second run reads).
fn listening_in(dir: &Path) -> Harness {
    let dir = dir.to_path_buf();
    Harness::with(move |app| {
        app.init_resource::<SoundLog>().insert_resource(DataDir(dir));
    })
}

/// Everything asked since the last call.
fn asked(h: &mut Harness) -> Vec<SoundAsked> {
    std::mem::take(&mut h.resource_mut::<SoundLog>().0)
}

fn cues(asked: &[SoundAsked]) -> Vec<Cue> {
    asked.iter().filter_map(|a| if let SoundAsked::Cue(c) = a { Some(*c) } else { None }).collect()
}

fn music(asked: &[SoundAsked]) -> Vec<Option<Music>> {
    asked.iter().filter_map(|a| if let SoundAsked::Music(m) = a { Some(*m) } else { None }).collect()
}

fn saved(dir: &Path) -> SoundChoices {
    let loaded = save_file::load::<SoundChoices>(&dir.join(sound::FILE));
    assert_eq!(loaded.warning, None);
    loaded.value
}

/// The right and a wrong choice of the solo question on show (None for an estimate).
fn solo_choices(h: &Harness) -> Option<(usize, usize)> {
    let q = h.resource::<CurrentRound>().round.current().unwrap();
    q.correct_choice().map(|r| (r, (r + 1) % q.choices.len()))
}

/// A key press carrying its text, as a real keyboard sends it.
fn press_letter(h: &mut Harness, key: KeyCode, letter: &str) {
    for state in [ButtonState::Pressed, ButtonState::Released] {
        h.app.world_mut().write_message(KeyboardInput {
            key_code: key,
            logical_key: Key::Character(letter.into()),
            state,
            text: (state == ButtonState::Pressed).then(|| letter.into()),
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        h.update();
    }
}

/// The text on the sound stepper for `setting`.
fn stepper_text(h: &mut Harness, setting: SoundSetting) -> String {
    let world = h.app.world_mut();
    let mut steppers = world.query::<(&SoundSetting, &Children)>();
    let children: Vec<Entity> = steppers
        .iter(world)
        .find(|(s, _)| **s == setting)
        .map(|(_, c)| c.iter().collect())
        .unwrap_or_else(|| panic!("no stepper for {setting:?} on this screen"));
    let mut texts = world.query::<&Text>();
    children.iter().find_map(|c| texts.get(world, *c).ok()).map(|t| t.0.clone()).unwrap()
}

fn stepper(h: &mut Harness, setting: SoundSetting) -> Entity {
    h.find::<SoundSetting>(|s| *s == setting).unwrap()
}

#[test]
fn the_title_plays_the_lobby_loop_at_the_remembered_levels() {
    let mut h = listening();
    assert_eq!(h.screen(), Screen::Title);
    let at_start = asked(&mut h);
    let first_music = at_start.iter().position(|a| matches!(a, SoundAsked::Music(Some(_))));
    assert_eq!(music(&at_start).last(), Some(&Some(Music::Lobby)));
    // The levels and mute go first, so nothing is heard at the wrong level.
    let levels = at_start.iter().position(|a| *a == SoundAsked::Volumes(Volumes::default()));
    let muted = at_start.iter().position(|a| *a == SoundAsked::Muted(false));
    assert!(levels < first_music && muted < first_music, "{at_start:?}");
    assert!(cues(&at_start).is_empty(), "no cue on the title: {at_start:?}");
    // Setup keeps the same loop: nothing new is asked.
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Setup);
    assert_eq!(music(&asked(&mut h)), []);
}

#[test]
fn a_solo_round_sounds_each_question_and_each_verdict() {
    let mut h = listening();
    asked(&mut h);
    h.start_round();
    let question = asked(&mut h);
    assert_eq!(cues(&question), [Cue::Question]);
    assert_eq!(music(&question), [None], "the lobby loop stops and the thinking bed is off by default");

    let mut heard = Vec::new();
    let mut expected = Vec::new();
    for n in 0..4 {
        h.advance(Duration::from_millis(600));
        let right = n % 2 == 0;
        let choices = solo_choices(&h);
        match choices {
            Some((r, w)) => h.press(DIGITS[if right { r } else { w }]),
            // An estimate: the slider locked in where it starts.
            None => h.press(KeyCode::Enter),
        }
        assert_eq!(h.screen(), Screen::Reveal);
        let verdict = h.resource::<CurrentRound>().round.last_record().unwrap().verdict;
        if choices.is_some() {
            assert_eq!(verdict.is_correct(), right);
        }
        expected.push(if verdict.is_correct() { Cue::Right } else { Cue::Wrong });
        h.press(KeyCode::Enter);
        assert_eq!(h.screen(), Screen::Question);
        expected.push(Cue::Question);
        heard.extend(cues(&asked(&mut h)));
    }
    assert_eq!(heard, expected);
    assert!(expected.contains(&Cue::Right) && expected.contains(&Cue::Wrong));
}

#[test]
fn the_countdown_ticks_on_each_of_its_last_five_seconds() {
    let mut h = listening();
    h.start_round();
    let limit = h.resource::<CurrentRound>().round.timer().limit().unwrap();
    asked(&mut h);
    h.advance(limit - Duration::from_millis(5200));
    assert_eq!(cues(&asked(&mut h)), [], "no tick before the last five seconds");
    h.advance(Duration::from_millis(5500));
    assert_eq!(h.screen(), Screen::Reveal);
    let end = cues(&asked(&mut h));
    assert_eq!(
        end,
        [Cue::Tick, Cue::Tick, Cue::Tick, Cue::Tick, Cue::Tick, Cue::Wrong],
        "time's up is wrong"
    );
}

#[test]
fn the_thinking_bed_plays_under_a_question_and_stops_while_paused() {
    let mut h = listening();
    h.resource_mut::<SoundChoices>().music_in_questions = true;
    h.start_round();
    assert_eq!(music(&asked(&mut h)).last(), Some(&Some(Music::Thinking)));
    h.press(KeyCode::Escape);
    assert!(h.paused());
    assert_eq!(music(&asked(&mut h)), [None]);
    h.press(KeyCode::Escape);
    assert!(!h.paused());
    assert_eq!(music(&asked(&mut h)), [Some(Music::Thinking)]);
    match solo_choices(&h) {
        Some((r, _)) => h.press(DIGITS[r]),
        None => h.press(KeyCode::Enter),
    }
    assert_eq!(h.screen(), Screen::Reveal);
    assert_eq!(music(&asked(&mut h)), [None], "no music on the reveal");
}

#[test]
fn m_mutes_and_unmutes_from_any_screen_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = listening_in(dir.path());
    asked(&mut h);
    press_letter(&mut h, KeyCode::KeyM, "m");
    assert_eq!(asked(&mut h), [SoundAsked::Muted(true)]);
    assert!(saved(dir.path()).muted);
    h.start_round();
    asked(&mut h);
    press_letter(&mut h, KeyCode::KeyM, "m");
    assert_eq!(asked(&mut h), [SoundAsked::Muted(false)]);
    assert!(!saved(dir.path()).muted);
    press_letter(&mut h, KeyCode::KeyM, "m");
    assert!(saved(dir.path()).muted);
    drop(h);

    // The next run starts muted, before any music is asked for.
    let mut again = listening_in(dir.path());
    let at_start = asked(&mut again);
    assert_eq!(at_start.iter().find(|a| matches!(a, SoundAsked::Muted(_))), Some(&SoundAsked::Muted(true)));
    let muted_at = at_start.iter().position(|a| *a == SoundAsked::Muted(true));
    let music_at = at_start.iter().position(|a| matches!(a, SoundAsked::Music(Some(_))));
    assert!(muted_at < music_at, "{at_start:?}");
}

#[test]
fn m_in_a_name_field_is_a_letter() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = listening_in(dir.path());
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Setup);
    let field = h.find::<TextField>(|_| true).unwrap();
    h.click(field);
    asked(&mut h);
    press_letter(&mut h, KeyCode::KeyM, "m");
    assert!(h.app.world().get::<TextField>(field).unwrap().value.ends_with('m'));
    assert!(!h.resource::<SoundChoices>().muted);
    assert_eq!(asked(&mut h), []);
}

#[test]
fn the_setup_rows_change_the_levels_and_they_are_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = listening_in(dir.path());
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::Setup);
    assert_eq!(stepper_text(&mut h, SoundSetting::MusicVolume), "60%");
    assert_eq!(stepper_text(&mut h, SoundSetting::Muted), "Off");
    asked(&mut h);
    // A click steps forward; Left steps back, and stops at off.
    let music_stepper = stepper(&mut h, SoundSetting::MusicVolume);
    h.click(music_stepper);
    assert_eq!(stepper_text(&mut h, SoundSetting::MusicVolume), "70%");
    for _ in 0..9 {
        h.press(KeyCode::ArrowLeft);
    }
    assert_eq!(stepper_text(&mut h, SoundSetting::MusicVolume), "Off");
    h.press(KeyCode::ArrowRight);
    h.press(KeyCode::ArrowRight);
    let cue_stepper = stepper(&mut h, SoundSetting::CueVolume);
    h.click(cue_stepper);
    h.click(cue_stepper);
    h.click(cue_stepper);
    assert_eq!(stepper_text(&mut h, SoundSetting::CueVolume), "100%");
    let levels: Vec<Volumes> = asked(&mut h)
        .iter()
        .filter_map(|a| if let SoundAsked::Volumes(v) = a { Some(*v) } else { None })
        .collect();
    assert_eq!(levels.last(), Some(&Volumes { music: 0.2, cues: 1.0 }));
    assert_eq!((saved(dir.path()).music, saved(dir.path()).cues), (20, 100));
    // M shows on the row at once.
    press_letter(&mut h, KeyCode::KeyM, "m");
    assert_eq!(stepper_text(&mut h, SoundSetting::Muted), "On");
    drop(h);

    let mut again = listening_in(dir.path());
    let at_start = asked(&mut again);
    assert!(at_start.contains(&SoundAsked::Volumes(Volumes { music: 0.2, cues: 1.0 })), "{at_start:?}");
    assert!(at_start.contains(&SoundAsked::Muted(true)));
    again.press(KeyCode::Enter);
    assert_eq!(stepper_text(&mut again, SoundSetting::MusicVolume), "20%");
}

#[test]
fn a_damaged_sound_file_is_set_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(sound::FILE), "(music: 40, cues: \u{FFFD}").unwrap();
    let h = listening_in(dir.path());
    assert_eq!(*h.resource::<SoundChoices>(), SoundChoices::default());
    let banner = h.resource::<quorum::game::ui::banner::Banner>().text().unwrap_or_default().to_string();
    assert!(banner.contains("sound.ron") && banner.contains("damaged"), "{banner}");
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("sound.ron.corrupt-"));
    assert!(kept, "the damaged file is kept beside");
}

#[test]
fn the_keys_overlay_lists_m_and_shows_the_sound() {
    let mut h = listening();
    h.press(KeyCode::F1);
    let text = h.screen_text();
    assert!(text.contains("Mute or unmute all sound"), "{text}");
    assert!(text.contains("Sound on: music 60%, effects 80%, music in questions off"), "{text}");
    press_letter(&mut h, KeyCode::KeyM, "m");
    let text = h.screen_text();
    assert!(text.contains("Sound muted (M to unmute)"), "{text}");
}

/// From the title to the first question of a buzzer session.
fn start_session(h: &mut Harness, style: AnsweringStyle, teams: usize) {
    {
        let mut choices = h.resource_mut::<ClassChoices>();
        choices.style = style;
        choices.teams = (1..=teams).map(|n| format!("Team {n}")).collect();
        choices.leaderboard_every = Some(1);
    }
    h.press(KeyCode::ArrowDown); // Classroom
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::ClassSetup);
    h.press(KeyCode::Enter); // Start the session
    assert_eq!(h.screen(), Screen::ClassQuestion);
}

fn class_right_wrong(h: &Harness) -> (usize, usize) {
    let q = h.resource::<ClassSession>().session.current().unwrap();
    let r = q.correct_choice().unwrap();
    (r, (r + 1) % q.choices.len())
}

#[test]
fn a_classroom_session_sounds_lock_ins_verdicts_leaderboard_and_podium() {
    let mut h = listening();
    start_session(&mut h, AnsweringStyle::Buzzers, 3);
    assert_eq!(cues(&asked(&mut h)), [Cue::Question]);
    // One quiet cue per team as it locks in; a second press counts for nothing.
    let (r, w) = class_right_wrong(&h);
    h.advance(Duration::from_millis(800));
    h.press(BUZZER_ROWS[0][w]);
    h.press(BUZZER_ROWS[0][r]);
    assert_eq!(cues(&asked(&mut h)), [Cue::LockedIn]);
    h.press(BUZZER_ROWS[1][w]);
    // The last team closes the question: nobody was right.
    h.press(BUZZER_ROWS[2][w]);
    assert_eq!(h.screen(), Screen::ClassReveal);
    assert_eq!(cues(&asked(&mut h)), [Cue::LockedIn, Cue::LockedIn, Cue::Wrong]);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::Leaderboard);
    assert_eq!(cues(&asked(&mut h)), [Cue::Leaderboard]);
    h.press(KeyCode::KeyN);
    assert_eq!(cues(&asked(&mut h)), [Cue::Question]);
    // One team right of three: the room hears "right".
    let (r, w) = class_right_wrong(&h);
    h.press(BUZZER_ROWS[0][w]);
    h.press(BUZZER_ROWS[1][r]);
    h.press(BUZZER_ROWS[2][w]);
    assert_eq!(cues(&asked(&mut h)), [Cue::LockedIn, Cue::LockedIn, Cue::LockedIn, Cue::Right]);
    h.press(KeyCode::KeyE);
    assert_eq!(h.screen(), Screen::Podium);
    assert_eq!(cues(&asked(&mut h)), [Cue::Podium]);
}

#[test]
fn teacher_entry_sounds_each_team_once_and_a_skip_has_no_verdict() {
    let mut h = listening();
    start_session(&mut h, AnsweringStyle::TeacherEntry, 3);
    asked(&mut h);
    let (r, w) = class_right_wrong(&h);
    h.press(DIGITS[r]); // team 1, then the entry moves to team 2
    h.press(KeyCode::ArrowUp); // back to team 1: change its answer
    h.press(DIGITS[w]);
    assert_eq!(cues(&asked(&mut h)), [Cue::LockedIn], "a changed answer is not a second lock-in");
    h.press(KeyCode::KeyS);
    assert_eq!(h.screen(), Screen::ClassReveal);
    assert_eq!(cues(&asked(&mut h)), [], "a skipped question is neither right nor wrong");
}

#[test]
fn a_quiet_room_asks_for_no_music_but_keeps_the_cues() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = listening_in(dir.path());
    h.resource_mut::<SoundChoices>().music_in_questions = true;
    {
        let mut choices = h.resource_mut::<ClassChoices>();
        choices.style = AnsweringStyle::Buzzers;
        choices.teams = vec!["One".into(), "Two".into()];
    }
    h.press(KeyCode::ArrowDown);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::ClassSetup);
    assert_eq!(stepper_text(&mut h, SoundSetting::ClassMusic), "In questions too");
    asked(&mut h);
    // Choose the quiet room on the classroom setup's music row.
    let class_music = stepper(&mut h, SoundSetting::ClassMusic);
    h.click(class_music);
    assert_eq!(stepper_text(&mut h, SoundSetting::ClassMusic), "Quiet room");
    assert!(saved(dir.path()).quiet_room);
    assert_eq!(music(&asked(&mut h)), [None], "the lobby loop stops at once");
    // The session: cues, and never music, not even the thinking bed.
    let start = h.find::<ClassAction>(|a| *a == ClassAction::Start).unwrap();
    h.click(start);
    assert_eq!(h.screen(), Screen::ClassQuestion);
    let (r, w) = class_right_wrong(&h);
    h.press(BUZZER_ROWS[0][r]);
    h.press(BUZZER_ROWS[1][w]);
    h.press(KeyCode::KeyN);
    h.press(KeyCode::KeyN);
    h.press(KeyCode::KeyM);
    h.press(KeyCode::KeyM);
    let session = asked(&mut h);
    assert_eq!(
        cues(&session),
        [Cue::Question, Cue::LockedIn, Cue::LockedIn, Cue::Right, Cue::Leaderboard, Cue::Question]
    );
    assert!(music(&session).iter().all(Option::is_none), "{session:?}");
    // Unmuting brings back no music either.
    assert!(session.contains(&SoundAsked::Muted(false)));
}
