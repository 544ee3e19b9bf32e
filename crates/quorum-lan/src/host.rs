//! The game's handle on a hosted session: `Host::start` listens and runs
//! the server on a thread of its own; the game sends `Command`s in and reads
//! a `Snapshot` of everything the projector draws. A wake-up callback tells
//! the game at once when something changed, so a window asleep in
//! low-power mode redraws for a join without waiting for the mouse.
//! Dropping the handle stops the server. Nothing here knows about Bevy.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use quorum_core::quiz::players::{self, Seat, Stage};
use quorum_core::quiz::{DealtQuestion, RoundSettings};
use tokio::sync::mpsc;

use crate::address::{self, Candidate};
use crate::qr::QrMatrix;
use crate::room::{Inbound, Room, RoomSetup};
use crate::roster::new_pin;
use crate::server;

/// The port tried first.
pub const DEFAULT_PORT: u16 = 8080;
/// Ports tried, from the one asked for, when it is taken.
pub const PORT_TRIES: u16 = 20;
/// Connections at once, by default: a class of 100 with two devices each,
/// and some to spare.
pub const DEFAULT_MAX_CONNECTIONS: usize = 250;

/// What the teacher does, from the game window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Command {
    /// From the lobby to the first question (needs a player).
    Start,
    Pause,
    Resume,
    TogglePause,
    /// Close the open question now and show the answer.
    Reveal,
    /// On from the reveal: the leaderboard when due, then the next question.
    Next,
    /// Close the open question with no points.
    Skip,
    /// Add (or with a negative number, take away) seconds on the open question.
    AddSeconds(i64),
    ShowLeaderboard,
    SkipLeaderboard,
    /// End the game: the podium and final table. The server keeps serving
    /// the pages their final rank until the handle is dropped.
    End,
    /// Remove a player: out of the game, and their browser and address kept
    /// out, until let back.
    Remove(Seat),
    LetBack(Seat),
    /// No new players.
    Lock,
    Unlock,
}

/// One player, as the projector lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerLine {
    pub seat: Seat,
    pub name: String,
    pub connected: bool,
    pub removed: bool,
    /// Whether they have answered the open question (never what).
    pub answered: bool,
    pub points: u32,
    pub correct: usize,
}

/// Everything the projector draws, as of `taken_at`.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Rises with every change the projector would show.
    pub version: u64,
    pub taken_at: Instant,
    pub title: String,
    pub pin: String,
    pub port: u16,
    /// Where students can reach the game, the likeliest first.
    pub addresses: Vec<Candidate>,
    pub stage: Stage,
    pub paused: bool,
    pub locked: bool,
    /// The open (or last shown) question's number, from 1, and how many.
    pub number: usize,
    pub total: usize,
    /// Time left on the open question at `taken_at`; see `remaining_at`.
    pub remaining: Option<Duration>,
    pub limit: Option<Duration>,
    /// Every player in join order, removed ones included (so the teacher
    /// can let them back).
    pub players: Vec<PlayerLine>,
    /// "answered: 17 of 24".
    pub answered: usize,
    pub expected: usize,
    /// The closed question on show, with each player's result.
    pub last_result: Option<players::QuestionResult>,
    /// How many chose each choice of the question on show.
    pub tallies: Vec<usize>,
    pub standings: Vec<players::Standing>,
    /// At the end: players in rank order, questions hardest first.
    pub summary: Option<players::Summary>,
    pub results_file: Option<PathBuf>,
    /// Things the teacher should know (the results file failing).
    pub problems: Vec<String>,
    /// Open connections, joined or not.
    pub connections: usize,
}

impl Snapshot {
    /// The open question's time left at `now`, for a smooth countdown.
    pub fn remaining_at(&self, now: Instant) -> Option<Duration> {
        let running = self.stage == Stage::Asking && !self.paused;
        let gone = if running { now.saturating_duration_since(self.taken_at) } else { Duration::ZERO };
        self.remaining.map(|r| r.saturating_sub(gone))
    }

    pub fn player(&self, seat: Seat) -> Option<&PlayerLine> {
        self.players.get(seat.0)
    }

    /// Whether the projector would draw the same from both: everything but
    /// the version and the clock's reading (a running countdown is drawn
    /// from `remaining_at`, so its passing needs no new snapshot).
    pub fn shows_same(&self, other: &Snapshot) -> bool {
        self.title == other.title
            && self.pin == other.pin
            && self.port == other.port
            && self.addresses == other.addresses
            && self.stage == other.stage
            && self.paused == other.paused
            && self.locked == other.locked
            && self.number == other.number
            && self.total == other.total
            && self.limit == other.limit
            && self.players == other.players
            && self.answered == other.answered
            && self.expected == other.expected
            && self.last_result == other.last_result
            && self.tallies == other.tallies
            && self.standings == other.standings
            && self.summary == other.summary
            && self.results_file == other.results_file
            && self.problems == other.problems
            && self.connections == other.connections
    }
}

/// What a hosted session is made with.
pub struct HostConfig {
    /// From `quorum_core::quiz::deal`; must not be empty.
    pub questions: Vec<DealtQuestion>,
    pub settings: RoundSettings,
    /// Show the leaderboard after every `n` questions; `None`: only at the end.
    pub leaderboard_every: Option<usize>,
    /// The bank's title, for the pages and the results file.
    pub title: String,
    /// `0.0.0.0` listens on every IPv4 address.
    pub bind: IpAddr,
    /// Tried first; the next ones are tried when it is taken. 0: any free port.
    pub port: u16,
    /// The data directory; the results file goes in its `sessions/`. `None`
    /// writes no file.
    pub data_dir: Option<PathBuf>,
    pub max_connections: usize,
    /// Called from the server thread whenever the snapshot changed.
    pub wake: Box<dyn Fn() + Send + Sync>,
}

impl HostConfig {
    pub fn new(
        questions: Vec<DealtQuestion>,
        settings: RoundSettings,
        title: impl Into<String>,
    ) -> HostConfig {
        HostConfig {
            questions,
            settings,
            leaderboard_every: Some(1),
            title: title.into(),
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: DEFAULT_PORT,
            data_dir: None,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            wake: Box::new(|| {}),
        }
    }
}

/// Why a session could not be hosted. Each reads as a sentence for the teacher.
#[derive(Debug)]
pub enum HostError {
    NoQuestions,
    /// No port in the range could be listened on.
    Listen {
        bind: IpAddr,
        first: u16,
        last: u16,
        error: std::io::Error,
    },
    /// The server thread could not be started.
    Thread(std::io::Error),
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostError::NoQuestions => f.write_str("there are no questions to host"),
            HostError::Listen { bind, first, last, error } if first == last => {
                write!(f, "could not listen on {bind} port {first}: {error}")
            }
            HostError::Listen { bind, first, last, error } => {
                write!(f, "could not listen on {bind} ports {first}–{last}: {error}")
            }
            HostError::Thread(e) => write!(f, "could not start the server: {e}"),
        }
    }
}

impl std::error::Error for HostError {}

/// What the game's commands and the handle's end travel as.
pub(crate) enum Control {
    Command(Command),
    Stop,
}

/// A hosted session, running while this handle lives.
pub struct Host {
    control: mpsc::UnboundedSender<Control>,
    snapshot: Arc<Mutex<Arc<Snapshot>>>,
    thread: Option<JoinHandle<()>>,
    local_addr: SocketAddr,
    pin: String,
    addresses: Vec<Candidate>,
    questions: Vec<DealtQuestion>,
}

/// Listens on `bind`, from `port` up through the next ones while taken.
fn listen(bind: IpAddr, port: u16) -> Result<TcpListener, HostError> {
    let tries = if port == 0 { 1 } else { PORT_TRIES.min(u16::MAX - port + 1) };
    let mut last_error = None;
    for p in (0..tries).map(|i| port + i) {
        match TcpListener::bind(SocketAddr::new(bind, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last_error = Some(e),
        }
    }
    Err(HostError::Listen {
        bind,
        first: port,
        last: port + tries - 1,
        error: last_error.unwrap_or_else(|| std::io::Error::other("no port to try")),
    })
}

impl Host {
    /// Listens and starts serving, in the lobby. Returns once the port is
    /// bound: the address shown is the one really in use.
    pub fn start(config: HostConfig) -> Result<Host, HostError> {
        if config.questions.is_empty() {
            return Err(HostError::NoQuestions);
        }
        let listener = listen(config.bind, config.port)?;
        let local_addr = listener.local_addr().map_err(HostError::Thread)?;
        listener.set_nonblocking(true).map_err(HostError::Thread)?;
        let addresses = address::candidates(config.bind);
        let pin = new_pin();
        let questions = config.questions.clone();
        let room = Room::new(RoomSetup {
            questions: config.questions,
            settings: config.settings,
            leaderboard_every: config.leaderboard_every,
            title: config.title,
            pin: pin.clone(),
            port: local_addr.port(),
            addresses: addresses.clone(),
            data_dir: config.data_dir,
        });
        let snapshot = Arc::new(Mutex::new(Arc::new(room.snapshot(Instant::now()))));
        let (control, commands) = mpsc::unbounded_channel();
        let published = Arc::clone(&snapshot);
        let wake = config.wake;
        let max_connections = config.max_connections;
        let thread = std::thread::Builder::new()
            .name("quorum-lan".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    Ok(runtime) => runtime,
                    Err(_) => return,
                };
                runtime.block_on(run(listener, room, commands, published, wake, max_connections));
                // Dropping the runtime ends every connection's task and closes its socket.
            })
            .map_err(HostError::Thread)?;
        Ok(Host { control, snapshot, thread: Some(thread), local_addr, pin, addresses, questions })
    }

    /// Sends the teacher's command; the snapshot shows its effect.
    pub fn send(&self, command: Command) {
        let _ = self.control.send(Control::Command(command));
    }

    /// Everything to draw, as of the last change.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The questions as dealt, for drawing them: `snapshot.number` is the
    /// one on show, counting from 1.
    pub fn questions(&self) -> &[DealtQuestion] {
        &self.questions
    }

    /// The address and port really listened on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    pub fn port(&self) -> u16 {
        self.local_addr.port()
    }

    pub fn pin(&self) -> &str {
        &self.pin
    }

    /// Where students can reach the game, the likeliest classroom network
    /// first, for the lobby's "other address" key.
    pub fn addresses(&self) -> &[Candidate] {
        &self.addresses
    }

    /// The page's address on the `n`th candidate (wrapping round).
    pub fn join_url(&self, n: usize) -> String {
        let ip = self.addresses[n % self.addresses.len()].ip;
        address::join_url(ip, self.port())
    }

    /// The QR code for the `n`th candidate: the page with the PIN filled in.
    pub fn qr(&self, n: usize) -> Result<QrMatrix, String> {
        let ip = self.addresses[n % self.addresses.len()].ip;
        QrMatrix::new(&address::qr_url(ip, self.port(), &self.pin))
    }

    /// The line to print on standard output once listening:
    /// `Join at http://192.168.1.20:8080/ with PIN 482913`.
    pub fn join_line(&self) -> String {
        address::join_line(&self.join_url(0), &self.pin)
    }

    /// Stops the server: the pages are told the game has closed, and the
    /// port is free once this returns.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.control.send(Control::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Inbound messages handled before the snapshot is published: a burst of
/// answers costs one snapshot, not one each.
const BATCH: usize = 64;

/// The server thread's loop: connections and commands in, pages and
/// snapshot out, until told to stop.
async fn run(
    listener: TcpListener,
    mut room: Room,
    mut commands: mpsc::UnboundedReceiver<Control>,
    published: Arc<Mutex<Arc<Snapshot>>>,
    wake: Box<dyn Fn() + Send + Sync>,
    max_connections: usize,
) {
    let (inbox, mut inbound) = mpsc::channel::<Inbound>(1024);
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    tokio::spawn(server::serve(listener, inbox, max_connections));
    loop {
        let deadline = room.deadline();
        tokio::select! {
            control = commands.recv() => match control {
                Some(Control::Command(command)) => room.command(command, Instant::now()),
                Some(Control::Stop) | None => break,
            },
            message = inbound.recv() => {
                let Some(message) = message else { break };
                room.inbound(message);
                for _ in 1..BATCH {
                    match inbound.try_recv() {
                        Ok(message) => room.inbound(message),
                        Err(_) => break,
                    }
                }
            }
            _ = sleep_until(deadline), if deadline.is_some() => room.tick(Instant::now()),
        }
        let now = Instant::now();
        room.flush(now);
        // Only a change the projector would show wakes the game: a page's
        // ping every ten seconds must not keep a sleeping window busy.
        let mut next = room.snapshot(now);
        let mut current = published.lock().unwrap_or_else(|e| e.into_inner());
        if !next.shows_same(&current) {
            next.version = current.version + 1;
            *current = Arc::new(next);
            drop(current);
            wake();
        }
    }
    room.close_all();
    // A moment for the pages' close frames to go out.
    tokio::time::sleep(Duration::from_millis(100)).await;
}

async fn sleep_until(deadline: Option<Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(deadline.into()).await;
    }
}
