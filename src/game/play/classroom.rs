//! Classroom sessions in the game: the session resource over
//! `quiz::classroom::Session`, the teams' buzzer keys, the teacher's keys and
//! buttons, and the results file written as each question closes.
//!
//! Rules of play stay in `quorum_core::quiz::classroom`; this file only routes
//! input to it and moves between the classroom screens.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;

use super::bank::ActiveBank;
use super::pause::{PausableSystems, Pause};
use super::round::NextSeed;
use super::teacher_keys::{TeacherCommand, letters_are_taken, teacher_commands, typing_a_number};
use crate::game::settings::classroom::ClassChoices;
use crate::game::theme::countdown::Countdown;
use crate::game::ui::banner::Banner;
use crate::game::ui::help::HelpShown;
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::quiz::classroom::{self, AnsweringStyle, Session};
use quorum_core::quiz::session_log::{Recorded, SessionLog};
use quorum_core::quiz::{Answer, DealError, Phase};

/// Each buzzer team's row of keys, for answers 1 to 6.
pub const BUZZER_ROWS: [[KeyCode; 6]; 4] = [
    [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3, KeyCode::Digit4, KeyCode::Digit5, KeyCode::Digit6],
    [KeyCode::KeyQ, KeyCode::KeyW, KeyCode::KeyE, KeyCode::KeyR, KeyCode::KeyT, KeyCode::KeyY],
    [KeyCode::KeyA, KeyCode::KeyS, KeyCode::KeyD, KeyCode::KeyF, KeyCode::KeyG, KeyCode::KeyH],
    [KeyCode::KeyZ, KeyCode::KeyX, KeyCode::KeyC, KeyCode::KeyV, KeyCode::KeyB, KeyCode::KeyN],
];

/// The key labels of `BUZZER_ROWS`, for the key card.
pub const BUZZER_LABELS: [[&str; 6]; 4] = [
    ["1", "2", "3", "4", "5", "6"],
    ["Q", "W", "E", "R", "T", "Y"],
    ["A", "S", "D", "F", "G", "H"],
    ["Z", "X", "C", "V", "B", "N"],
];

/// Which team and answer a buzzer key is.
pub fn buzzer(key: KeyCode) -> Option<(usize, usize)> {
    BUZZER_ROWS
        .iter()
        .enumerate()
        .find_map(|(team, row)| row.iter().position(|k| *k == key).map(|i| (team, i)))
}

/// The session being played, its results file, and what the screens need
/// between questions.
#[derive(Resource, Debug)]
pub struct ClassSession {
    pub session: Session,
    pub bank_title: String,
    /// The results file; `None` when it could not be created (the reason is
    /// in `log_error` and on screen). Each closed question tries again.
    pub log: Option<SessionLog>,
    pub log_error: Option<String>,
    /// Closed questions when making the file was last tried.
    tried_to_create_at: usize,
    /// Team order at the last leaderboard, to animate rank changes from.
    pub previous_order: Vec<usize>,
}

/// A team's answer is in: its buzzer counted, or the teacher entered its
/// first answer to the question. Written once per team and question, for
/// the lock-in sound; never says what the answer was.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamLockedIn(pub usize);

/// Teacher entry: sets, changes or clears a team's answer (as
/// `Session::enter`), and announces the team when its first answer goes in.
pub fn enter_answer(
    class: &mut ClassSession,
    team: usize,
    answer: Option<Answer>,
    locked_in: &mut MessageWriter<TeamLockedIn>,
) -> bool {
    let before = class.session.has_answered(team);
    let taken = class.session.enter(team, answer);
    if taken && !before && class.session.has_answered(team) {
        locked_in.write(TeamLockedIn(team));
    }
    taken
}

/// A team's buzzer (as `Session::buzz`), announcing the team when it counts.
pub fn buzz(
    class: &mut ClassSession,
    team: usize,
    answer: Answer,
    locked_in: &mut MessageWriter<TeamLockedIn>,
) -> bool {
    let counted = class.session.buzz(team, answer);
    if counted {
        locked_in.write(TeamLockedIn(team));
    }
    counted
}

/// The team whose answer teacher entry is typing.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EntryTeam(pub usize);

pub(super) fn plugin(app: &mut App) {
    let in_session = |screen: Res<State<Screen>>| in_class_session(*screen.get());
    app.add_message::<TeamLockedIn>()
        .init_resource::<EntryTeam>()
        .add_systems(
            Update,
            tick_clock
                .in_set(GameSet::TickTimers)
                .in_set(PausableSystems)
                .run_if(in_state(Screen::ClassQuestion).and_then(resource_exists::<ClassSession>)),
        )
        .add_systems(
            Update,
            buzzers
                .in_set(GameSet::RecordInput)
                .in_set(PausableSystems)
                .run_if(in_state(Screen::ClassQuestion).and_then(resource_exists::<ClassSession>)),
        )
        .add_systems(
            Update,
            teacher_keys
                .in_set(GameSet::RecordInput)
                .run_if(in_session.and_then(resource_exists::<ClassSession>)),
        )
        .add_systems(
            Update,
            (apply_commands, follow_phase, write_results)
                .chain()
                .in_set(GameSet::Update)
                .run_if(resource_exists::<ClassSession>),
        )
        .add_systems(OnEnter(Screen::ClassQuestion), show_countdown)
        .add_systems(OnExit(Screen::ClassQuestion), stop_countdown);
}

/// Whether `screen` is one of a classroom session's screens.
pub fn in_class_session(screen: Screen) -> bool {
    matches!(
        screen,
        Screen::ClassQuestion
            | Screen::ClassReveal
            | Screen::Leaderboard
            | Screen::Podium
            | Screen::ClassResults
    )
}

/// Whether `screen` is one of a students' devices session's screens, the
/// lobby included.
pub fn in_devices_session(screen: Screen) -> bool {
    matches!(
        screen,
        Screen::Lobby
            | Screen::DevicesQuestion
            | Screen::DevicesReveal
            | Screen::DevicesLeaderboard
            | Screen::DevicesPodium
            | Screen::DevicesResults
    )
}

/// Deals the session from the active bank and the classroom choices, opens
/// its results file, and shows the first question.
pub fn start_session(world: &mut World) -> Result<(), DealError> {
    let choices = world.resource::<ClassChoices>().clone();
    let bank = world.resource::<ActiveBank>().bank.clone();
    let seed = world.resource::<NextSeed>().0;
    let questions = classroom::deal_for(&bank, &choices.round.settings, choices.style, seed)?;
    world.resource_mut::<NextSeed>().0 = seed.wrapping_add(1);
    let dir = world.resource::<DataDir>().0.clone();
    let (log, log_error) = match SessionLog::create(&dir, &bank.title) {
        Ok(log) => (Some(log), None),
        Err(e) => {
            let message =
                format!("the results file could not be created in {}: {e}", dir.join("sessions").display());
            world.resource_mut::<Banner>().error(message.clone());
            (None, Some(message))
        }
    };
    let teams = choices.team_names();
    let session = Session::new(questions, choices.round.settings.clone(), choices.style, teams.clone())
        .with_leaderboard(choices.leaderboard_every);
    world.insert_resource(ClassSession {
        previous_order: (0..teams.len()).collect(),
        session,
        bank_title: bank.title.clone(),
        log,
        log_error,
        tried_to_create_at: 0,
    });
    world.insert_resource(EntryTeam(0));
    world.resource_mut::<NextState<Screen>>().set(Screen::ClassQuestion);
    Ok(())
}

fn tick_clock(time: Res<Time>, mut class: ResMut<ClassSession>, mut countdown: ResMut<Countdown>) {
    if class.session.phase() == Phase::Asking {
        class.session.tick(time.delta());
        countdown.set_if_neq(Countdown::of(class.session.timer()));
    }
}

fn show_countdown(class: Option<Res<ClassSession>>, mut countdown: ResMut<Countdown>) {
    if let Some(class) = class {
        *countdown = Countdown::of(class.session.timer());
    }
}

fn stop_countdown(mut countdown: ResMut<Countdown>) {
    *countdown = Countdown::default();
}

/// Buzzer teams' keys: the first press of each team counts. A row whose team
/// is not playing does nothing. Teacher letters need Ctrl during a question.
fn buzzers(
    mut keys: MessageReader<KeyboardInput>,
    held: Res<ButtonInput<KeyCode>>,
    mut class: ResMut<ClassSession>,
    mut locked_in: MessageWriter<TeamLockedIn>,
) {
    if class.session.style != AnsweringStyle::Buzzers {
        keys.clear();
        return;
    }
    let ctrl = held.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    for key in keys.read() {
        if key.state != ButtonState::Pressed || key.repeat || ctrl {
            continue;
        }
        if let Some((team, answer)) = buzzer(key.key_code)
            && team < class.session.teams.len()
        {
            buzz(&mut class, team, Answer::Choice(answer), &mut locked_in);
        }
    }
}

/// The teacher's keys. While letters are taken (see `letters_are_taken`),
/// the teacher holds Ctrl for R, S, N, E, L and K; while typing a number,
/// for + and - too.
fn teacher_keys(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    class: Res<ClassSession>,
    help: Res<HelpShown>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    if help.0 {
        return;
    }
    let screen = *screen.get();
    commands.write_batch(teacher_commands(
        &keys,
        letters_are_taken(&class.session, screen),
        typing_a_number(&class.session, screen),
    ));
}

fn apply_commands(
    mut commands: MessageReader<TeacherCommand>,
    screen: Res<State<Screen>>,
    pause: Option<Res<State<Pause>>>,
    mut next_pause: ResMut<NextState<Pause>>,
    mut class: ResMut<ClassSession>,
    mut next: ResMut<NextState<Screen>>,
) {
    let paused = pause.is_some_and(|p| p.get().0);
    for command in commands.read() {
        let screen = *screen.get();
        match (command, screen) {
            (TeacherCommand::Pause, Screen::ClassQuestion) => next_pause.set(Pause(!paused)),
            (TeacherCommand::Reveal, Screen::ClassQuestion) if !paused => class.session.reveal(),
            (TeacherCommand::Skip, Screen::ClassQuestion) if !paused => class.session.skip(),
            (TeacherCommand::AddTime(s), Screen::ClassQuestion) => class.session.adjust_time(*s),
            (TeacherCommand::Next, Screen::ClassReveal) => {
                if class.session.leaderboard_due() {
                    next.set(Screen::Leaderboard);
                } else {
                    class.session.next();
                }
            }
            (TeacherCommand::Leaderboard, Screen::ClassReveal) => next.set(Screen::Leaderboard),
            (TeacherCommand::SkipLeaderboard, Screen::ClassReveal) => class.session.next(),
            (TeacherCommand::Next, Screen::Leaderboard) => class.session.next(),
            (TeacherCommand::Next, Screen::Podium) => next.set(Screen::ClassResults),
            (TeacherCommand::End, Screen::ClassQuestion | Screen::ClassReveal | Screen::Leaderboard) => {
                class.session.end();
            }
            _ => {}
        }
    }
}

/// Moves the screens along with the session: a closed question is revealed,
/// a new one is asked, a finished session goes to the podium.
fn follow_phase(class: Res<ClassSession>, screen: Res<State<Screen>>, mut next: ResMut<NextState<Screen>>) {
    let screen = *screen.get();
    let wanted = match (class.session.phase(), screen) {
        (Phase::Revealing, Screen::ClassQuestion) => Screen::ClassReveal,
        (Phase::Asking, Screen::ClassReveal | Screen::Leaderboard) => Screen::ClassQuestion,
        (Phase::Finished, Screen::ClassQuestion | Screen::ClassReveal | Screen::Leaderboard) => {
            Screen::Podium
        }
        _ => return,
    };
    next.set(wanted);
}

/// Brings the results file up to date as each question closes. A failure
/// is told once (an error banner), a file written again once (a warning);
/// the session goes on either way and the next question tries again.
fn write_results(mut class: ResMut<ClassSession>, mut banner: ResMut<Banner>, dir: Res<DataDir>) {
    let class = &mut *class;
    if class.log.is_none() {
        // A file that could not be made at the start is tried again as each
        // question closes (quietly: the teacher was told), so the answers
        // reach a file as soon as one can be made.
        let closed = class.session.results().len();
        if closed == class.tried_to_create_at {
            return;
        }
        class.tried_to_create_at = closed;
        let Ok(log) = SessionLog::create(&dir.0, &class.bank_title) else { return };
        banner.info(format!("the results file {} was made, with every question so far", log.path.display()));
        class.log = Some(log);
        class.log_error = None;
    }
    let Some(log) = class.log.as_mut() else { return };
    match log.record(class.session.results(), &class.session.teams) {
        Recorded::UpToDate | Recorded::Appended => {}
        Recorded::Restored { vanished } => {
            let why = if vanished { "it had been deleted or moved" } else { "writing to it works again" };
            banner.warn(format!(
                "the results file {} was written again, with every question so far ({why})",
                log.path.display()
            ));
            class.log_error = None;
        }
        Recorded::Failed { error, first } => {
            let message = format!(
                "could not write to {}: {}; the session goes on and the next question tries again",
                log.path.display(),
                quorum_core::bank::io_reason(&error)
            );
            if first {
                banner.error(message.clone());
            }
            class.log_error = Some(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_buzzer_key_belongs_to_one_team_and_answer() {
        assert_eq!(buzzer(KeyCode::Digit1), Some((0, 0)));
        assert_eq!(buzzer(KeyCode::KeyY), Some((1, 5)));
        assert_eq!(buzzer(KeyCode::KeyS), Some((2, 1)));
        assert_eq!(buzzer(KeyCode::KeyN), Some((3, 5)));
        assert_eq!(buzzer(KeyCode::KeyP), None);
        let all: std::collections::HashSet<KeyCode> = BUZZER_ROWS.iter().flatten().copied().collect();
        assert_eq!(all.len(), 24);
    }
}
