//! Classroom sessions in the game: the session resource over
//! `quiz::classroom::Session`, the teams' buzzer keys, the teacher's keys and
//! buttons, and the results file written as each question closes.
//!
//! Rules of play stay in `quorum_core::quiz::classroom`; this file only routes
//! input to it and moves between the classroom screens.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::bank_source::ActiveBank;
use super::banner::Banner;
use super::round::{NextSeed, Paused};
use super::setup_choices::SetupChoices;
use super::{DataDir, GameSet, Screen};
use quorum_core::quiz::classroom::{AnsweringStyle, MIN_TEAMS, Session};
use quorum_core::quiz::session_log::SessionLog;
use quorum_core::quiz::{self, Answer, DealError, Phase, save_file};

/// The file, in the data directory, remembering the classroom setup.
pub const FILE: &str = "classroom.ron";
pub const MAX_TEAM_NAME: usize = 20;

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

/// The leaderboard's frequency: after every `n` questions, or only at the end.
pub const LEADERBOARD_OPTIONS: [Option<usize>; 5] = [Some(1), Some(2), Some(3), Some(5), None];

/// The classroom setup, remembered between lessons.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassChoices {
    /// The round's settings and the theme, as in solo play.
    pub round: SetupChoices,
    pub style: AnsweringStyle,
    /// The teams' names; their number is the number of teams.
    pub teams: Vec<String>,
    pub leaderboard_every: Option<usize>,
}

impl Default for ClassChoices {
    fn default() -> Self {
        ClassChoices {
            round: SetupChoices::default(),
            style: AnsweringStyle::Buzzers,
            teams: (1..=4).map(default_team_name).collect(),
            leaderboard_every: Some(1),
        }
    }
}

pub fn default_team_name(n: usize) -> String {
    format!("Team {n}")
}

impl ClassChoices {
    /// The names to play with: blanks become "Team N".
    pub fn team_names(&self) -> Vec<String> {
        self.teams
            .iter()
            .enumerate()
            .map(|(i, t)| if t.trim().is_empty() { default_team_name(i + 1) } else { t.trim().to_string() })
            .collect()
    }

    /// Keeps the team count within what the answering style allows.
    pub fn fit_teams(&mut self) {
        let max = self.style.max_teams();
        self.teams.truncate(max);
        while self.teams.len() < MIN_TEAMS {
            let n = self.teams.len() + 1;
            self.teams.push(default_team_name(n));
        }
    }
}

/// The session being played, its results file, and what the screens need
/// between questions.
#[derive(Resource, Debug)]
pub struct ClassSession {
    pub session: Session,
    pub bank_title: String,
    pub leaderboard_every: Option<usize>,
    /// The results file; `None` when it could not be created (the reason is
    /// in `log_error` and on screen).
    pub log: Option<SessionLog>,
    pub log_error: Option<String>,
    /// Questions already written to the file.
    logged: usize,
    /// Team order at the last leaderboard, to animate rank changes from.
    pub previous_order: Vec<usize>,
}

/// What the teacher asks for, by key or by button.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeacherCommand {
    Pause,
    Reveal,
    Next,
    Skip,
    AddTime(i64),
    End,
    Leaderboard,
    /// When the leaderboard is due, go straight to the next question.
    SkipLeaderboard,
}

/// The team whose answer teacher entry is typing.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EntryTeam(pub usize);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<TeacherCommand>()
        .init_resource::<EntryTeam>()
        .add_systems(PreStartup, load_choices)
        .add_systems(
            Update,
            tick_clock
                .in_set(GameSet::TickTimers)
                .run_if(in_state(Screen::ClassQuestion).and_then(resource_exists::<ClassSession>)),
        )
        .add_systems(
            Update,
            (buzzers, teacher_keys)
                .in_set(GameSet::RecordInput)
                .run_if(in_class_session.and_then(resource_exists::<ClassSession>)),
        )
        .add_systems(
            Update,
            (apply_commands, follow_phase, write_results)
                .chain()
                .in_set(GameSet::Update)
                .run_if(resource_exists::<ClassSession>),
        );
}

/// Whether a classroom session screen is showing.
pub fn in_class_session(screen: Res<State<Screen>>) -> bool {
    matches!(
        screen.get(),
        Screen::ClassQuestion
            | Screen::ClassReveal
            | Screen::Leaderboard
            | Screen::Podium
            | Screen::ClassResults
    )
}

fn load_choices(world: &mut World) {
    let dir = world.get_resource::<DataDir>().cloned().unwrap_or_default();
    let loaded = save_file::load::<ClassChoices>(&dir.0.join(FILE));
    if let Some(warning) = loaded.warning {
        world.resource_mut::<Banner>().warn(warning);
    }
    let mut choices = loaded.value;
    choices.fit_teams();
    world.insert_resource(choices);
}

/// Deals the session from the active bank and the classroom choices, opens
/// its results file, and shows the first question.
pub fn start_session(world: &mut World) -> Result<(), DealError> {
    let choices = world.resource::<ClassChoices>().clone();
    let active = world.resource::<ActiveBank>().clone();
    let mut bank = active.bank.clone();
    if choices.style == AnsweringStyle::Buzzers {
        // A slider needs a keyboard of its own: buzzer teams get choice questions.
        bank.questions.retain(|q| !matches!(q.kind, quorum_core::bank::QuestionKind::Estimate { .. }));
    }
    let seed = world.resource::<NextSeed>().0;
    let questions = quiz::deal(&bank, &choices.round.settings, seed)?;
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
    world.insert_resource(ClassSession {
        previous_order: (0..teams.len()).collect(),
        session: Session::new(questions, choices.round.settings.clone(), choices.style, teams),
        bank_title: bank.title.clone(),
        leaderboard_every: choices.leaderboard_every,
        log,
        log_error,
        logged: 0,
    });
    world.insert_resource(EntryTeam(0));
    world.resource_mut::<NextState<Screen>>().set(Screen::ClassQuestion);
    Ok(())
}

fn tick_clock(time: Res<Time>, paused: Res<Paused>, mut class: ResMut<ClassSession>) {
    if !paused.0 && class.session.phase() == Phase::Asking {
        class.session.tick(time.delta());
    }
}

/// Buzzer teams' keys: the first press of each team counts. A row whose team
/// is not playing does nothing. Teacher letters need Ctrl during a question.
fn buzzers(
    mut keys: MessageReader<KeyboardInput>,
    held: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    paused: Res<Paused>,
    mut class: ResMut<ClassSession>,
) {
    if class.session.style != AnsweringStyle::Buzzers || *screen.get() != Screen::ClassQuestion || paused.0 {
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
            class.session.buzz(team, Answer::Choice(answer));
        }
    }
}

/// The teacher's keys. While buzzer teams are answering, their letters
/// belong to the teams, so the teacher holds Ctrl for R, S, N and E.
fn teacher_keys(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    class: Res<ClassSession>,
    help: Res<super::help::HelpShown>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    if help.0 {
        return;
    }
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let letters_are_buzzers =
        class.session.style == AnsweringStyle::Buzzers && *screen.get() == Screen::ClassQuestion;
    let letter = |k: KeyCode| keys.just_pressed(k) && (ctrl || !letters_are_buzzers);
    let pressed = |k: KeyCode| keys.just_pressed(k);
    if pressed(KeyCode::Space) || pressed(KeyCode::Escape) {
        commands.write(TeacherCommand::Pause);
    }
    if letter(KeyCode::KeyR) {
        commands.write(TeacherCommand::Reveal);
    }
    if letter(KeyCode::KeyN) || pressed(KeyCode::ArrowRight) {
        commands.write(TeacherCommand::Next);
    }
    if letter(KeyCode::KeyS) {
        commands.write(TeacherCommand::Skip);
    }
    if letter(KeyCode::KeyE) {
        commands.write(TeacherCommand::End);
    }
    if letter(KeyCode::KeyL) {
        commands.write(TeacherCommand::Leaderboard);
    }
    if letter(KeyCode::KeyK) {
        commands.write(TeacherCommand::SkipLeaderboard);
    }
    if pressed(KeyCode::Equal) || pressed(KeyCode::NumpadAdd) {
        commands.write(TeacherCommand::AddTime(10));
    }
    if pressed(KeyCode::Minus) || pressed(KeyCode::NumpadSubtract) {
        commands.write(TeacherCommand::AddTime(-10));
    }
}

/// Whether the leaderboard comes after the question just revealed.
pub fn leaderboard_due(class: &ClassSession) -> bool {
    let done = class.session.results().len();
    !class.session.is_last() && class.leaderboard_every.is_some_and(|n| n > 0 && done.is_multiple_of(n))
}

fn apply_commands(
    mut commands: MessageReader<TeacherCommand>,
    screen: Res<State<Screen>>,
    mut paused: ResMut<Paused>,
    mut class: ResMut<ClassSession>,
    mut next: ResMut<NextState<Screen>>,
) {
    for command in commands.read() {
        let screen = *screen.get();
        match (command, screen) {
            (TeacherCommand::Pause, Screen::ClassQuestion) => paused.0 = !paused.0,
            (TeacherCommand::Reveal, Screen::ClassQuestion) if !paused.0 => class.session.reveal(),
            (TeacherCommand::Skip, Screen::ClassQuestion) if !paused.0 => class.session.skip(),
            (TeacherCommand::AddTime(s), Screen::ClassQuestion) => class.session.adjust_time(*s),
            (TeacherCommand::Next, Screen::ClassReveal) => {
                if leaderboard_due(&class) {
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
                paused.0 = false;
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

/// Appends each closed question to the results file as soon as it closes.
fn write_results(mut class: ResMut<ClassSession>, mut banner: ResMut<Banner>) {
    let class = &mut *class;
    while class.logged < class.session.results().len() {
        let result = &class.session.results()[class.logged];
        if let Some(log) = class.log.as_mut()
            && let Err(e) = log.append(result, &class.session.teams)
        {
            let message = format!("could not write to {}: {e}", log.path.display());
            banner.error(message.clone());
            class.log_error = Some(message);
        }
        class.logged += 1;
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

    #[test]
    fn team_counts_fit_the_answering_style() {
        let mut c = ClassChoices { teams: (1..=6).map(default_team_name).collect(), ..Default::default() };
        c.fit_teams();
        assert_eq!(c.teams.len(), 4, "buzzers allow four teams");
        c.teams = vec!["  ".into()];
        c.fit_teams();
        assert_eq!(c.team_names(), ["Team 1", "Team 2"]);
    }
}
