//! `--screenshot OUT.png --frames N --screen S`: drive the real game to a
//! screen, let it render N frames, save the window as a PNG and exit. Used
//! for the README's pictures and CI's smoke test under Xvfb. Screenshots are
//! silent. `--play-for SECONDS --screen S` drives the game the same way with
//! its sound on, stays on the screen that long and exits: CI records it.
//! The students' lobby (`quorum host --screenshot`) is taken once two
//! players have joined from their own devices, and the game carries on.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::window::KeepDrawing;
use crate::game::Screen;
use crate::game::play::classroom::{ClassSession, TeamLockedIn, start_session};
use crate::game::play::devices::{Hosted, Shown};
use crate::game::play::round::{AnswerGiven, CurrentRound, start_round};
use crate::game::play::teacher_keys::TeacherCommand;
use crate::game::settings::classroom::ClassChoices;
use quorum_core::bank::QuestionKind;
use quorum_core::quiz::classroom::AnsweringStyle;
use quorum_core::quiz::{Answer, DealtQuestion, Phase};
use quorum_lan::Command;

/// How long the screenshot driver "thinks" before answering.
const THINKING_TIME: Duration = Duration::from_millis(1200);
/// Classroom screenshots play this many questions before the podium.
const CLASS_QUESTIONS: usize = 4;
/// Students' devices: the lobby is ready once no one has joined for this long.
const JOINS_SETTLED: Duration = Duration::from_millis(1500);
/// Students' devices screenshots play this many questions before the podium.
const DEVICES_QUESTIONS: usize = 3;

/// Which screen to photograph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ShotScreen {
    #[default]
    Title,
    Setup,
    Question,
    Reveal,
    Results,
    /// Classroom screens: a four-team buzzer session…
    ClassSetup,
    ClassQuestion,
    ClassReveal,
    Leaderboard,
    Podium,
    ClassResults,
    /// …and a six-team teacher-entry question.
    ClassEntry,
    /// The bank editor.
    Editor,
    /// Students' devices (`quorum host`, with students joining from their
    /// own browsers): the lobby once they have stopped arriving…
    Lobby,
    /// …and, the game played by the window's driver from there, the
    /// question with half the class answered, the reveal and leaderboard of
    /// the first question, and the end after three.
    DevicesQuestion,
    DevicesReveal,
    DevicesLeaderboard,
    DevicesPodium,
    DevicesResults,
    /// "Open a bank…".
    OpenBank,
}

impl ShotScreen {
    fn screen(self) -> Screen {
        match self {
            ShotScreen::Title => Screen::Title,
            ShotScreen::Setup => Screen::Setup,
            ShotScreen::Question => Screen::Question,
            ShotScreen::Reveal => Screen::Reveal,
            ShotScreen::Results => Screen::Results,
            ShotScreen::ClassSetup => Screen::ClassSetup,
            ShotScreen::ClassQuestion | ShotScreen::ClassEntry => Screen::ClassQuestion,
            ShotScreen::ClassReveal => Screen::ClassReveal,
            ShotScreen::Leaderboard => Screen::Leaderboard,
            ShotScreen::Podium => Screen::Podium,
            ShotScreen::ClassResults => Screen::ClassResults,
            ShotScreen::Editor => Screen::Editor,
            ShotScreen::Lobby => Screen::Lobby,
            ShotScreen::DevicesQuestion => Screen::DevicesQuestion,
            ShotScreen::DevicesReveal => Screen::DevicesReveal,
            ShotScreen::DevicesLeaderboard => Screen::DevicesLeaderboard,
            ShotScreen::DevicesPodium => Screen::DevicesPodium,
            ShotScreen::DevicesResults => Screen::DevicesResults,
            ShotScreen::OpenBank => Screen::OpenBank,
        }
    }

    /// A students' devices screen, played with students from outside.
    pub fn is_devices(self) -> bool {
        matches!(
            self,
            ShotScreen::Lobby
                | ShotScreen::DevicesQuestion
                | ShotScreen::DevicesReveal
                | ShotScreen::DevicesLeaderboard
                | ShotScreen::DevicesPodium
                | ShotScreen::DevicesResults
        )
    }

    fn is_classroom(self) -> bool {
        !matches!(
            self,
            ShotScreen::Title
                | ShotScreen::Setup
                | ShotScreen::Question
                | ShotScreen::Reveal
                | ShotScreen::Results
                | ShotScreen::Editor
                | ShotScreen::OpenBank
        ) && !self.is_devices()
    }
}

#[derive(Resource, Debug, Clone)]
pub struct ScreenshotPlan {
    pub screen: ShotScreen,
    pub arrival: Arrival,
}

/// What the driver does once the game is on the planned screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// Render this many frames, save the window as a PNG there, and exit.
    Screenshot { path: PathBuf, frames: u32 },
    /// Stay this long (real time), then exit: `--play-for`, with sound.
    PlayFor(Duration),
}

impl ScreenshotPlan {
    /// Whether the run should make sound: only `--play-for` does, so
    /// taking pictures never touches a sound server.
    pub fn makes_sound(&self) -> bool {
        matches!(self.arrival, Arrival::PlayFor(_))
    }
}

#[derive(Resource, Debug, Default)]
struct Progress {
    arrived: bool,
    arrived_at: Option<Instant>,
    frames: u32,
    requested: bool,
    /// Students' devices: players in the lobby, and since when that many.
    players: usize,
    players_since: Option<Instant>,
    /// The snapshot a command was last sent on, so it is sent once.
    sent_at_version: Option<u64>,
}

/// Added by `game::run` only when a screenshot was asked for.
pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Progress>()
        .add_systems(Startup, keep_drawing)
        .add_systems(Update, (drive, shoot, stay).chain());
}

fn keep_drawing(plan: Res<ScreenshotPlan>, mut keep: ResMut<KeepDrawing>) {
    // The lobby waits for players without drawing continuously: an idle
    // window must wake for a join on its own.
    keep.screenshot = plan.screen != ShotScreen::Lobby;
}

/// An answer, right or wrong as asked; estimates half a tolerance or one and
/// a half tolerances off.
fn answer(q: &DealtQuestion, right: bool) -> Answer {
    match (q.correct_choice(), &q.question.kind) {
        (Some(i), _) => Answer::Choice(if right { i } else { (i + 1) % q.choices.len() }),
        (None, QuestionKind::Estimate { answer, tolerance, min, .. }) => {
            Answer::Estimate(if right { *answer } else { (*answer - 1.5 * tolerance).max(*min) })
        }
        (None, _) => Answer::Choice(0),
    }
}

/// Plays the game forward to the planned screen, answering deterministically
/// after a moment's thought.
fn drive(world: &mut World) {
    let plan = world.resource::<ScreenshotPlan>().clone();
    let screen = *world.resource::<State<Screen>>().get();
    if world.resource::<Progress>().arrived {
        return;
    }
    let target = plan.screen.screen();
    let arrived = screen == target
        && match plan.screen {
            // Show some teams locked in (or entered), not all.
            ShotScreen::ClassQuestion | ShotScreen::ClassEntry => {
                world.get_resource::<ClassSession>().is_some_and(|c| {
                    (0..c.session.teams.len()).filter(|t| c.session.has_answered(*t)).count() >= 2
                })
            }
            // After the rows have slid into place.
            ShotScreen::Leaderboard => !world.resource::<KeepDrawing>().animation,
            // With names to show, once they have stopped arriving.
            ShotScreen::Lobby => joins_settled(world),
            // Half the class answered: the count is part of the picture.
            ShotScreen::DevicesQuestion => {
                world.get_resource::<Shown>().is_some_and(|s| s.answered >= 1 && s.answered * 2 >= s.expected)
            }
            _ => true,
        };
    if arrived || screen == Screen::BankError {
        world.resource_mut::<Progress>().arrived = true;
        world.resource_mut::<KeepDrawing>().screenshot = true;
        // A picture of the screen, not of news about the bank.
        world.resource_mut::<super::banner::Banner>().message = None;
        return;
    }
    // On the planned screen but not ready (rows still sliding): wait, except
    // on a question, where the teams still have to answer.
    if screen == target && !matches!(screen, Screen::ClassQuestion | Screen::DevicesQuestion) {
        return;
    }
    if !matches!(*world.resource::<NextState<Screen>>(), NextState::Unchanged) {
        return;
    }
    match screen {
        Screen::Title if plan.screen.is_devices() => {
            let mut choices = world.resource_mut::<ClassChoices>();
            choices.devices = true;
            choices.leaderboard_every = Some(1);
            world.resource_mut::<NextState<Screen>>().set(Screen::Lobby);
        }
        // The teacher's part; the students answer from their own devices.
        Screen::Lobby if joins_settled(world) => send(world, Command::Start),
        Screen::Lobby => {}
        Screen::DevicesQuestion => {}
        Screen::DevicesReveal | Screen::DevicesLeaderboard => {
            let done = world.get_resource::<Shown>().and_then(|s| s.last_result.as_ref().map(|r| r.number));
            let end = done.is_some_and(|n| n >= DEVICES_QUESTIONS) && screen == Screen::DevicesReveal;
            send(world, if end { Command::End } else { Command::Next });
        }
        Screen::DevicesPodium => {
            world.write_message(TeacherCommand::Next);
        }
        Screen::Title if matches!(target, Screen::Setup | Screen::Editor | Screen::OpenBank) => {
            world.resource_mut::<NextState<Screen>>().set(target)
        }
        Screen::Title if plan.screen.is_classroom() => {
            set_up_class(world, plan.screen);
            if target == Screen::ClassSetup {
                world.resource_mut::<NextState<Screen>>().set(Screen::ClassSetup);
            } else if let Err(e) = start_session(world) {
                error!("screenshot: cannot start a session: {e}");
                world.resource_mut::<Progress>().arrived = true;
            }
        }
        Screen::Title => {
            if let Err(e) = start_round(world) {
                error!("screenshot: cannot start a round: {e}");
                world.resource_mut::<Progress>().arrived = true;
            }
        }
        // Solo: the first question wrong (so the reveal shows both answers),
        // then three right for every one wrong.
        Screen::Question => {
            let Some(current) = world.get_resource::<CurrentRound>() else { return };
            let Some(q) = current.round.current() else { return };
            if current.round.timer().elapsed() < THINKING_TIME {
                return;
            }
            let given = answer(q, current.round.number() % 4 != 1);
            world.write_message(AnswerGiven(given));
        }
        Screen::Reveal => {
            let mut current = world.resource_mut::<CurrentRound>();
            current.round.next();
            let next =
                if current.round.phase() == Phase::Finished { Screen::Results } else { Screen::Question };
            world.resource_mut::<NextState<Screen>>().set(next);
        }
        Screen::ClassQuestion => play_class_question(world, plan.screen),
        Screen::ClassReveal | Screen::Leaderboard => {
            let done = world.resource::<ClassSession>().session.results().len();
            let command = if done >= CLASS_QUESTIONS { TeacherCommand::End } else { TeacherCommand::Next };
            world.write_message(command);
        }
        Screen::Podium => {
            world.write_message(TeacherCommand::Next);
        }
        _ => {}
    }
}

/// Whether two or more players are in the lobby and none has joined for a
/// moment.
fn joins_settled(world: &mut World) -> bool {
    let players =
        world.get_resource::<Shown>().map_or(0, |s| s.players.iter().filter(|p| !p.removed).count());
    let mut progress = world.resource_mut::<Progress>();
    if players != progress.players || progress.players_since.is_none() {
        progress.players = players;
        progress.players_since = Some(Instant::now());
    }
    // Until two are in, the window sleeps and a join must wake it (the
    // server's wake-up); then it keeps looking until the joins settle.
    if players >= 2 {
        world.write_message(bevy::window::RequestRedraw);
    }
    let progress = world.resource::<Progress>();
    players >= 2 && progress.players_since.is_some_and(|t| t.elapsed() >= JOINS_SETTLED)
}

/// A teacher's command to the students' server, once per new snapshot (the
/// screen follows the server, a frame or two later).
fn send(world: &mut World, command: Command) {
    let Some(version) = world.get_resource::<Shown>().map(|s| s.version) else { return };
    if world.resource::<Progress>().sent_at_version == Some(version) {
        return;
    }
    world.resource_mut::<Progress>().sent_at_version = Some(version);
    if let Some(hosted) = world.get_resource::<Hosted>() {
        hosted.send(command);
    }
}

/// Named teams (New Zealand birds, so the macrons show), buzzers with four
/// teams or teacher entry with six.
fn set_up_class(world: &mut World, shot: ShotScreen) {
    let mut choices = world.resource::<ClassChoices>().clone();
    let birds = ["Kererū", "Tūī", "Kōtare", "Pīwakawaka", "Kākā", "Hoiho"];
    let (style, teams) = if shot == ShotScreen::ClassEntry {
        (AnsweringStyle::TeacherEntry, 6)
    } else {
        (AnsweringStyle::Buzzers, 4)
    };
    choices.style = style;
    choices.devices = false;
    choices.teams = birds[..teams].iter().map(|b| b.to_string()).collect();
    choices.leaderboard_every = Some(1);
    world.insert_resource(choices);
}

/// Teams answer one by one after a moment's thought; each team is right on
/// most questions but not all, so the standings move.
fn play_class_question(world: &mut World, shot: ShotScreen) {
    let mut class = world.resource_mut::<ClassSession>();
    let session = &mut class.session;
    let mut locked_in = None;
    let Some(q) = session.current().cloned() else { return };
    let number = session.number();
    let elapsed = session.timer().elapsed();
    for team in 0..session.teams.len() {
        let at = THINKING_TIME + Duration::from_millis(400 * team as u64);
        let stop_early = matches!(shot, ShotScreen::ClassQuestion | ShotScreen::ClassEntry) && team >= 2;
        if session.has_answered(team) || elapsed < at || stop_early {
            continue;
        }
        let given = answer(&q, !(team + number).is_multiple_of(3));
        let taken = match session.style {
            AnsweringStyle::Buzzers => session.buzz(team, given),
            AnsweringStyle::TeacherEntry => session.enter(team, Some(given)),
        };
        // As a team's key or the teacher's entry would, for the lock-in sound.
        locked_in = taken.then_some(team);
        break;
    }
    if session.style == AnsweringStyle::TeacherEntry && session.all_answered() {
        session.reveal();
    }
    if let Some(team) = locked_in {
        world.write_message(TeamLockedIn(team));
    }
}

fn shoot(plan: Res<ScreenshotPlan>, mut progress: ResMut<Progress>, mut commands: Commands) {
    let Arrival::Screenshot { path, frames } = &plan.arrival else { return };
    if !progress.arrived || progress.requested {
        return;
    }
    progress.frames += 1;
    if progress.frames < (*frames).max(1) {
        return;
    }
    progress.requested = true;
    let path = path.clone();
    // The lobby's picture is taken during a real game, which goes on.
    let carry_on = plan.screen == ShotScreen::Lobby;
    commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone())).observe(
        move |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>, mut keep: ResMut<KeepDrawing>| {
            info!("screenshot of the window taken for {}", path.display());
            if carry_on {
                keep.screenshot = false;
            } else {
                exit.write(AppExit::Success);
            }
        },
    );
}

/// `--play-for`: exits once the game has stayed on the screen long enough.
fn stay(plan: Res<ScreenshotPlan>, mut progress: ResMut<Progress>, mut exit: MessageWriter<AppExit>) {
    let Arrival::PlayFor(how_long) = plan.arrival else { return };
    if !progress.arrived {
        return;
    }
    let arrived_at = *progress.arrived_at.get_or_insert_with(Instant::now);
    if arrived_at.elapsed() >= how_long && !progress.requested {
        progress.requested = true;
        info!("played for {:.1} s on the {:?} screen", how_long.as_secs_f32(), plan.screen);
        exit.write(AppExit::Success);
    }
}
