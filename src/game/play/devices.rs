//! Students' devices in the game: the hosted session (`quorum_lan::Host`)
//! as a resource, started when the lobby opens and dropped (the server
//! stopping) when the session is left or the window closes; the server's
//! snapshot choosing the screen; the teacher's keys and buttons forwarded as
//! commands; and a change on the server waking an idle window at once.
//!
//! The rules (joining, timing, scoring, places) are the core's and the
//! server's: nothing here decides who may answer or what an answer scores.

use std::io::{BufRead, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex, Weak};
use std::time::Instant;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::bank::ActiveBank;
use super::classroom::in_devices_session;
use super::pause::Pause;
use super::round::NextSeed;
use super::teacher_keys::{TeacherCommand, teacher_commands};
use crate::game::settings::classroom::ClassChoices;
use crate::game::settings::setup::CommandLineChoices;
use crate::game::theme::countdown::Countdown;
use crate::game::ui::banner::Banner;
use crate::game::ui::help::HelpShown;
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::quiz::deal;
use quorum_lan::host::{DEFAULT_MAX_CONNECTIONS, DEFAULT_PORT};
use quorum_lan::{Command, Host, HostConfig, Reply, Snapshot, Stage, console_line};

/// Where the lobby listens: every IPv4 address, from port 8080 on (the next
/// ones are tried when it is taken). Tests listen on 127.0.0.1, any port.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostAddress {
    pub bind: IpAddr,
    pub port: u16,
    /// Connections at once (`quorum host --max-connections`, for the load
    /// benchmark; a class of 100 fits the default).
    pub max_connections: usize,
}

impl Default for HostAddress {
    fn default() -> Self {
        HostAddress {
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: DEFAULT_PORT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// `quorum host`: open on the lobby once the bank is in, with the command
/// line's question count and time over the remembered classroom setup.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StartInLobby(pub bool);

/// How the server thread wakes the window. In the game it sends winit's
/// wake-up event through the event loop's proxy, so a join redraws a window
/// asleep in low-power mode at once; tests count the calls.
#[derive(Resource, Clone)]
pub struct Waker(pub Arc<dyn Fn() + Send + Sync>);

impl Default for Waker {
    fn default() -> Self {
        Waker(Arc::new(|| {}))
    }
}

/// `quorum host --teacher-stdin`: the console's words (`start`, `reveal`,
/// `next`, `status`, ...) read from standard input beside the window's keys,
/// so scripts and the browser test drive the real window. Test-only; never
/// on the network.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeacherStdin(pub bool);

/// The hosted session the standard-input reader reaches: weakly, so the
/// server still stops when the game drops its session.
#[derive(Resource, Clone, Default)]
struct ConsoleSlot(Arc<Mutex<Weak<Host>>>);

/// The hosted session: the server runs while this resource exists.
#[derive(Resource)]
pub struct Hosted {
    host: Arc<Host>,
    /// How often the leaderboard shows, for the reveal's buttons.
    pub leaderboard_every: Option<usize>,
}

impl Hosted {
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// Sends the teacher's command to the server; the next snapshot shows it.
    pub fn send(&self, command: Command) {
        self.host.send(command);
    }
}

/// The snapshot the screens draw. Replaced (and so marked changed) only
/// when the server's version moves on.
#[derive(Resource, Clone, Deref)]
pub struct Shown(pub Arc<Snapshot>);

/// Which of the host's addresses the lobby shows (a key cycles them).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AddressShown(pub usize);

/// Why the lobby could not open (no port, no questions), for its screen.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct LobbyProblem(pub Option<String>);

/// Problems from the server already put on the banner.
#[derive(Resource, Debug, Default, Clone, Copy)]
struct ProblemsShown(usize);

pub(super) fn plugin(app: &mut App) {
    let in_devices = |screen: Res<State<Screen>>| in_devices_session(*screen.get());
    app.init_resource::<HostAddress>()
        .init_resource::<StartInLobby>()
        .init_resource::<Waker>()
        .init_resource::<AddressShown>()
        .init_resource::<LobbyProblem>()
        .init_resource::<ProblemsShown>()
        .init_resource::<TeacherStdin>()
        .init_resource::<ConsoleSlot>()
        .add_systems(Startup, (wake_through_winit, read_teacher_stdin).chain())
        .add_systems(OnEnter(Screen::Title), open_lobby_at_start)
        .add_systems(OnEnter(Screen::Lobby), open_host)
        .add_systems(
            Update,
            (follow_host, follow_pause)
                .chain()
                .in_set(GameSet::RecordInput)
                .run_if(in_devices.and_then(resource_exists::<Hosted>)),
        )
        .add_systems(
            Update,
            teacher_keys.in_set(GameSet::RecordInput).run_if(|screen: Res<State<Screen>>| {
                in_devices_session(*screen.get()) && *screen.get() != Screen::Lobby
            }),
        )
        .add_systems(
            Update,
            (forward_commands, show_problems)
                .in_set(GameSet::Update)
                .run_if(in_devices.and_then(resource_exists::<Hosted>)),
        )
        .add_systems(
            Update,
            show_countdown
                .in_set(GameSet::TickTimers)
                .run_if(in_state(Screen::DevicesQuestion).and_then(resource_exists::<Shown>)),
        )
        .add_systems(OnExit(Screen::DevicesQuestion), stop_countdown)
        .add_systems(Update, close_when_left.run_if(state_changed::<Screen>))
        .add_systems(Last, close_on_exit);
}

/// In the real window, wakes it through winit's event loop: the proxy is
/// the one thing that can reach a sleeping event loop from another thread.
fn wake_through_winit(proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>, mut waker: ResMut<Waker>) {
    let Some(proxy) = proxy else { return };
    let proxy = Mutex::new((**proxy).clone());
    waker.0 = Arc::new(move || {
        if let Ok(proxy) = proxy.lock() {
            // Fails only once the event loop has gone, when nothing needs drawing.
            let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
        }
    });
}

/// `--teacher-stdin`: a thread answers each line with the console's reply,
/// on standard output. Commands reach the server directly; the window
/// follows the server's snapshot as it does for its own keys.
fn read_teacher_stdin(on: Res<TeacherStdin>, slot: Res<ConsoleSlot>) {
    if !on.0 {
        return;
    }
    let slot = slot.0.clone();
    let reader = std::thread::Builder::new().name("teacher-stdin".into()).spawn(move || {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            let host = slot.lock().map(|weak| weak.upgrade()).unwrap_or(None);
            let reply = match host {
                Some(host) => console_line(&host, &line),
                None => Reply::Line("no hosted session".into()),
            };
            let mut out = std::io::stdout().lock();
            match reply {
                Reply::Line(reply) => {
                    let _ = writeln!(out, "{reply}");
                    let _ = out.flush();
                }
                Reply::Quit => break,
                Reply::Nothing => {}
            }
        }
    });
    if let Err(e) = reader {
        warn!("cannot read the teacher's commands from standard input: {e}");
    }
}

/// `quorum host`: from the title screen (the bank is in) straight to the
/// lobby, once.
fn open_lobby_at_start(
    mut start: ResMut<StartInLobby>,
    overrides: Option<Res<CommandLineChoices>>,
    mut choices: ResMut<ClassChoices>,
    mut next: ResMut<NextState<Screen>>,
) {
    if !start.0 {
        return;
    }
    start.0 = false;
    choices.devices = true;
    if let Some(overrides) = overrides {
        if let Some(n) = overrides.questions {
            choices.round.settings.questions = n;
        }
        if let Some(seconds) = overrides.seconds {
            choices.round.settings.seconds = seconds;
        }
    }
    next.set(Screen::Lobby);
}

/// Deals the questions, starts the server and prints the join line. A
/// failure (the port range taken) is said on the lobby, which offers to go back.
fn open_host(world: &mut World) {
    if world.contains_resource::<Hosted>() {
        return;
    }
    world.resource_mut::<AddressShown>().0 = 0;
    world.resource_mut::<ProblemsShown>().0 = 0;
    match start_host(world) {
        Ok(hosted) => {
            let host = hosted.host();
            // Scripts and tests read this line: `Join at http://IP:PORT/ with PIN NNNNNN`.
            println!("{}", host.join_line());
            use std::io::Write;
            let _ = std::io::stdout().flush();
            info!("students' server listening on {}", host.local_addr());
            let shown = Shown(host.snapshot());
            if let Ok(mut slot) = world.resource::<ConsoleSlot>().0.lock() {
                *slot = Arc::downgrade(&hosted.host);
            }
            world.insert_resource(shown);
            world.insert_resource(hosted);
            world.resource_mut::<LobbyProblem>().0 = None;
        }
        Err(problem) => {
            warn!("{problem}");
            world.resource_mut::<LobbyProblem>().0 = Some(problem);
        }
    }
}

fn start_host(world: &mut World) -> Result<Hosted, String> {
    let choices = world.resource::<ClassChoices>().clone();
    let bank = world.get_resource::<ActiveBank>().ok_or("no bank is loaded")?.bank.clone();
    let seed = world.resource::<NextSeed>().0;
    let questions = deal(&bank, &choices.round.settings, seed).map_err(|e| format!("Cannot start: {e}."))?;
    world.resource_mut::<NextSeed>().0 = seed.wrapping_add(1);
    let address = *world.resource::<HostAddress>();
    let wake = world.resource::<Waker>().0.clone();
    let mut config = HostConfig::new(questions, choices.round.settings.clone(), bank.title.clone());
    config.bind = address.bind;
    config.port = address.port;
    config.max_connections = address.max_connections;
    config.leaderboard_every = choices.leaderboard_every;
    config.data_dir = Some(world.resource::<DataDir>().0.clone());
    config.wake = Box::new(move || wake());
    let host = Host::start(config).map_err(|e| format!("The students' server could not start: {e}."))?;
    Ok(Hosted { host: Arc::new(host), leaderboard_every: choices.leaderboard_every })
}

/// The screen a snapshot's stage is shown on. The end has two screens, the
/// podium and then the final table, which the teacher moves between.
pub fn screen_for(stage: Stage, now: Screen) -> Screen {
    match stage {
        Stage::Lobby => Screen::Lobby,
        Stage::Asking => Screen::DevicesQuestion,
        Stage::Revealing => Screen::DevicesReveal,
        Stage::Leaderboard => Screen::DevicesLeaderboard,
        Stage::Finished if now == Screen::DevicesResults => Screen::DevicesResults,
        Stage::Finished => Screen::DevicesPodium,
    }
}

/// Takes the server's newest snapshot when it has moved on: the screens
/// redraw from it, the screen follows its stage, and another frame is asked
/// for, since a state change shows only on the next one.
fn follow_host(
    hosted: Res<Hosted>,
    mut shown: ResMut<Shown>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let latest = hosted.host.snapshot();
    if latest.version == shown.version {
        return;
    }
    let screen = *screen.get();
    let wanted = screen_for(latest.stage, screen);
    // A new question while one was showing (skipped and moved on at once).
    let new_question = wanted == Screen::DevicesQuestion && latest.number != shown.number;
    if wanted != screen || new_question {
        next.set(wanted);
    }
    shown.0 = latest;
    redraw.write(RequestRedraw);
}

/// The pause screen follows the server's pause, which the teacher's keys
/// and the pause menu toggle.
fn follow_pause(
    shown: Res<Shown>,
    screen: Res<State<Screen>>,
    pause: Option<Res<State<Pause>>>,
    mut next: ResMut<NextState<Pause>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(pause) = pause else { return };
    let paused = shown.paused && shown.stage == Stage::Asking;
    if *screen.get() == Screen::DevicesQuestion && pause.get().0 != paused {
        next.set(Pause(paused));
        redraw.write(RequestRedraw);
    }
}

/// The classroom's teacher keys. No letter is taken here: students answer
/// on their own devices, not on this keyboard.
fn teacher_keys(
    keys: Res<ButtonInput<KeyCode>>,
    help: Res<HelpShown>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    if !help.0 {
        commands.write_batch(teacher_commands(&keys, false, false));
    }
}

/// The teacher's commands, as the classroom mode takes them, sent to the
/// server. Moving from the podium to the final table is the window's alone.
fn forward_commands(
    mut commands: MessageReader<TeacherCommand>,
    screen: Res<State<Screen>>,
    hosted: Res<Hosted>,
    shown: Res<Shown>,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let screen = *screen.get();
    for command in commands.read() {
        let to_host = match (*command, screen) {
            (TeacherCommand::Pause, Screen::DevicesQuestion) if shown.paused => Command::Resume,
            (TeacherCommand::Pause, Screen::DevicesQuestion) => Command::Pause,
            (TeacherCommand::Reveal, Screen::DevicesQuestion) if !shown.paused => Command::Reveal,
            (TeacherCommand::Skip, Screen::DevicesQuestion) if !shown.paused => Command::Skip,
            (TeacherCommand::AddTime(s), Screen::DevicesQuestion) => Command::AddSeconds(s),
            (TeacherCommand::Next, Screen::DevicesReveal | Screen::DevicesLeaderboard) => Command::Next,
            (TeacherCommand::Leaderboard, Screen::DevicesReveal) => Command::ShowLeaderboard,
            (TeacherCommand::SkipLeaderboard, Screen::DevicesReveal) => Command::SkipLeaderboard,
            (
                TeacherCommand::End,
                Screen::DevicesQuestion | Screen::DevicesReveal | Screen::DevicesLeaderboard,
            ) => Command::End,
            (TeacherCommand::Next, Screen::DevicesPodium) => {
                next.set(Screen::DevicesResults);
                redraw.write(RequestRedraw);
                continue;
            }
            _ => continue,
        };
        hosted.send(to_host);
    }
}

/// What the server could not do (the results file failing) goes on the banner.
fn show_problems(shown: Res<Shown>, mut seen: ResMut<ProblemsShown>, mut banner: ResMut<Banner>) {
    if shown.problems.len() > seen.0 {
        if let Some(problem) = shown.problems.last() {
            banner.error(problem.clone());
        }
        seen.0 = shown.problems.len();
    }
}

/// The countdown follows the host's clock: the snapshot says what was left
/// when it was taken, and the time since then is counted here.
fn show_countdown(shown: Res<Shown>, mut countdown: ResMut<Countdown>) {
    let remaining = shown.remaining_at(Instant::now());
    let fraction_left = match (remaining, shown.limit) {
        (Some(r), Some(limit)) if !limit.is_zero() => (r.as_secs_f32() / limit.as_secs_f32()).clamp(0.0, 1.0),
        _ => 1.0,
    };
    let running = shown.stage == Stage::Asking && !shown.paused && remaining.is_some_and(|r| !r.is_zero());
    countdown.set_if_neq(Countdown { fraction_left, remaining, running });
}

fn stop_countdown(mut countdown: ResMut<Countdown>) {
    *countdown = Countdown::default();
}

/// Leaving the session's screens (to the title, a new setup) stops the
/// server: the pages are told the game has closed.
fn close_when_left(screen: Res<State<Screen>>, mut commands: Commands) {
    if !in_devices_session(*screen.get()) {
        commands.remove_resource::<Hosted>();
        commands.remove_resource::<Shown>();
    }
}

/// Closing the window stops the server before the program ends.
fn close_on_exit(mut exits: MessageReader<AppExit>, hosted: Option<Res<Hosted>>, mut commands: Commands) {
    if exits.read().next().is_some() && hosted.is_some() {
        commands.remove_resource::<Hosted>();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_its_screen_and_the_end_has_two() {
        assert_eq!(screen_for(Stage::Lobby, Screen::Lobby), Screen::Lobby);
        assert_eq!(screen_for(Stage::Asking, Screen::Lobby), Screen::DevicesQuestion);
        assert_eq!(screen_for(Stage::Revealing, Screen::DevicesQuestion), Screen::DevicesReveal);
        assert_eq!(screen_for(Stage::Leaderboard, Screen::DevicesReveal), Screen::DevicesLeaderboard);
        assert_eq!(screen_for(Stage::Finished, Screen::DevicesReveal), Screen::DevicesPodium);
        assert_eq!(screen_for(Stage::Finished, Screen::DevicesPodium), Screen::DevicesPodium);
        assert_eq!(screen_for(Stage::Finished, Screen::DevicesResults), Screen::DevicesResults);
    }
}
