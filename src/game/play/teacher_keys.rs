//! The teacher's commands in a classroom or students' devices session: the
//! keys (R reveal, N next, S skip, +/- time, E end, L and K the leaderboard,
//! Space or Esc pause) and the on-screen buttons that send the same commands.
//!
//! Which keys are the teacher's on a screen is decided here, once, for both
//! kinds of session; what a command does is up to the session it reaches.

use bevy::prelude::*;

use super::classroom::{in_class_session, in_devices_session};
use crate::game::GameSet;
use crate::game::Screen;
use crate::game::ui::menu::{Activated, MenuSystems};
use quorum_core::quiz::classroom::{AnsweringStyle, Session};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<TeacherCommand>()
        // The teacher's buttons work the same on students' devices' screens.
        .add_systems(
            Update,
            controls.after(MenuSystems).in_set(GameSet::RecordInput).run_if(|screen: Res<State<Screen>>| {
                in_class_session(*screen.get()) || in_devices_session(*screen.get())
            }),
        );
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

/// A teacher control on screen: the command it sends.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Control(pub TeacherCommand);

/// Whether letter keys belong to the teams or to typing on this screen:
/// while buzzer teams answer (the letters are their keys) and while the
/// teacher types an estimate. Then the teacher's letters need Ctrl.
pub fn letters_are_taken(session: &Session, screen: Screen) -> bool {
    screen == Screen::ClassQuestion
        && (session.style == AnsweringStyle::Buzzers
            || session.current().is_some_and(|q| q.scale().is_some()))
}

/// Whether the teacher is typing a number: teacher entry on an estimate,
/// where `-` (and `+`) belong to the number being typed.
pub fn typing_a_number(session: &Session, screen: Screen) -> bool {
    screen == Screen::ClassQuestion
        && session.style == AnsweringStyle::TeacherEntry
        && session.current().is_some_and(|q| q.scale().is_some())
}

/// The teacher's keys pressed this frame, as commands. While `letters_taken`,
/// R, N, S, E, L and K count only with Ctrl held; while `signs_taken`, + and - too.
pub fn teacher_commands(
    keys: &ButtonInput<KeyCode>,
    letters_taken: bool,
    signs_taken: bool,
) -> Vec<TeacherCommand> {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let letter = |k: KeyCode| keys.just_pressed(k) && (ctrl || !letters_taken);
    let pressed = |k: KeyCode| keys.just_pressed(k);
    let sign = |k: KeyCode| keys.just_pressed(k) && (ctrl || !signs_taken);
    let mut commands = Vec::new();
    if pressed(KeyCode::Space) || pressed(KeyCode::Escape) {
        commands.push(TeacherCommand::Pause);
    }
    if letter(KeyCode::KeyR) {
        commands.push(TeacherCommand::Reveal);
    }
    if letter(KeyCode::KeyN) || pressed(KeyCode::ArrowRight) {
        commands.push(TeacherCommand::Next);
    }
    if letter(KeyCode::KeyS) {
        commands.push(TeacherCommand::Skip);
    }
    if letter(KeyCode::KeyE) {
        commands.push(TeacherCommand::End);
    }
    if letter(KeyCode::KeyL) {
        commands.push(TeacherCommand::Leaderboard);
    }
    if letter(KeyCode::KeyK) {
        commands.push(TeacherCommand::SkipLeaderboard);
    }
    if sign(KeyCode::Equal) || sign(KeyCode::NumpadAdd) {
        commands.push(TeacherCommand::AddTime(10));
    }
    if sign(KeyCode::Minus) || sign(KeyCode::NumpadSubtract) {
        commands.push(TeacherCommand::AddTime(-10));
    }
    commands
}

/// A click on a teacher control sends its command.
fn controls(
    mut activated: MessageReader<Activated>,
    controls: Query<&Control>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    for Activated(e) in activated.read() {
        if let Ok(Control(command)) = controls.get(*e) {
            commands.write(*command);
        }
    }
}
