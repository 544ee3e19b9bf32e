//! The handle the game holds, and the thread behind it. Calls become messages on a channel, so they never
//! wait for the sound thread, which may itself be waiting on a slow or missing sound server. The thread
//! owns the mixer and the connection; which kind of connection depends on the system (see `pulse` and
//! `cpal_out`). This module must never block its caller.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::cues::Cue;
use crate::mixer::{Mixer, Volumes};
use crate::music::Music;

#[cfg(target_os = "linux")]
mod pulse;
#[cfg(target_os = "linux")]
use pulse::run;

#[cfg(any(target_os = "windows", target_os = "macos"))]
mod cpal_out;
#[cfg(any(target_os = "windows", target_os = "macos"))]
use cpal_out::run;

#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
fn run(commands: Receiver<Command>, state: Arc<Shared>, _options: SoundOptions) {
    log::warn!("Sound is off: this system has no sound output in Quorum yet. The game plays on silently.");
    state.set(OutputState::Unavailable);
    while commands.recv().is_ok() {}
}

/// How the sound starts: the player's remembered settings, and (for tests and odd set-ups) where the
/// sound server is and how long to wait for it.
#[derive(Clone, Debug)]
pub struct SoundOptions {
    pub volumes: Volumes,
    pub muted: bool,
    /// A PulseAudio socket to use instead of the one the environment names (`PULSE_SERVER`,
    /// `XDG_RUNTIME_DIR`). Linux only.
    pub server: Option<PathBuf>,
    /// How long the sound server may take to answer before the thread gives up on it and goes silent.
    pub server_timeout: Duration,
}

impl Default for SoundOptions {
    fn default() -> SoundOptions {
        SoundOptions {
            volumes: Volumes::default(),
            muted: false,
            server: None,
            server_timeout: Duration::from_secs(2),
        }
    }
}

/// What the sound thread is doing, for a status line or a test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputState {
    /// Rendering the cues, or nothing asked for yet.
    Starting,
    /// Connected or ready, with nothing to play: the thread is asleep.
    Idle,
    /// Opening the connection to the sound server.
    Connecting,
    /// Sound is coming out.
    Playing,
    /// No sound server or device; it will be tried again later.
    Unavailable,
    /// `Sound::off`, or the thread could not be started.
    Off,
}

pub(crate) enum Command {
    Play(Cue),
    Music(Option<Music>),
    Volumes(Volumes),
    Muted(bool),
}

/// What the thread tells the handle.
pub(crate) struct Shared {
    state: AtomicU8,
}

impl Shared {
    pub(crate) fn set(&self, state: OutputState) {
        self.state.store(state as u8, Ordering::Relaxed);
    }

    fn get(&self) -> OutputState {
        use OutputState::*;
        [Starting, Idle, Connecting, Playing, Unavailable, Off]
            .into_iter()
            .find(|s| *s as u8 == self.state.load(Ordering::Relaxed))
            .unwrap_or(Off)
    }
}

/// The game's handle on its sound. Every method returns at once. Dropping it ends the sound thread.
pub struct Sound {
    commands: Option<Sender<Command>>,
    shared: Arc<Shared>,
}

impl Sound {
    /// Starts the sound thread: it renders the cues, then waits for something to play. Never fails:
    /// without a thread or a server the game gets a handle that plays nothing.
    pub fn start(options: SoundOptions) -> Sound {
        let (commands, receiver) = mpsc::channel();
        let shared = Arc::new(Shared { state: AtomicU8::new(OutputState::Starting as u8) });
        let thread_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("quorum-sound".into())
            .spawn(move || run(receiver, thread_shared, options));
        match spawned {
            Ok(_) => Sound { commands: Some(commands), shared },
            Err(error) => {
                log::warn!("Sound is off: could not start its thread ({error}). The game plays on silently.");
                Sound::off()
            }
        }
    }

    /// A handle that plays nothing, for headless runs and tests.
    pub fn off() -> Sound {
        let shared = Arc::new(Shared { state: AtomicU8::new(OutputState::Off as u8) });
        Sound { commands: None, shared }
    }

    /// Plays a cue over whatever is playing.
    pub fn play(&self, cue: Cue) {
        self.send(Command::Play(cue));
    }

    /// Changes the music loop (crossfading), or fades it out with `None`. Asking for the loop that is
    /// already playing changes nothing, so the game may call this on every screen change.
    pub fn set_music(&self, music: Option<Music>) {
        self.send(Command::Music(music));
    }

    pub fn set_volumes(&self, volumes: Volumes) {
        self.send(Command::Volumes(volumes));
    }

    pub fn set_muted(&self, muted: bool) {
        self.send(Command::Muted(muted));
    }

    pub fn state(&self) -> OutputState {
        self.shared.get()
    }

    fn send(&self, command: Command) {
        // An unbounded channel: sending never waits. If the thread has gone, there is nothing to tell.
        if let Some(commands) = &self.commands {
            let _ = commands.send(command);
        }
    }
}

pub(crate) fn apply(mixer: &mut Mixer, command: Command) {
    match command {
        Command::Play(cue) => mixer.play(cue),
        Command::Music(music) => mixer.set_music(music),
        Command::Volumes(volumes) => mixer.set_volumes(volumes),
        Command::Muted(muted) => mixer.set_muted(muted),
    }
}

/// Applies every command waiting, without blocking. False when the game has dropped its handle.
pub(crate) fn apply_waiting(commands: &Receiver<Command>, mixer: &mut Mixer) -> bool {
    loop {
        match commands.try_recv() {
            Ok(command) => apply(mixer, command),
            Err(TryRecvError::Empty) => return true,
            Err(TryRecvError::Disconnected) => return false,
        }
    }
}

/// When to try the sound server again after it failed: 1 s, then twice as long each time up to 30 s.
/// It logs one line when sound goes and one when it comes back, never a line per attempt.
pub(crate) struct Retry {
    at: Instant,
    delay: Duration,
    down: bool,
}

impl Retry {
    const FIRST: Duration = Duration::from_secs(1);
    const LONGEST: Duration = Duration::from_secs(30);

    pub(crate) fn new() -> Retry {
        Retry { at: Instant::now(), delay: Retry::FIRST, down: false }
    }

    pub(crate) fn due(&self) -> bool {
        Instant::now() >= self.at
    }

    pub(crate) fn wait(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    pub(crate) fn failed(&mut self, why: &str) {
        if self.down {
            log::debug!("Sound is still off: {why}");
        } else {
            log::warn!("Sound is off: {why}. The game plays on silently and will try again.");
            self.down = true;
        }
        self.at = Instant::now() + self.delay;
        self.delay = (self.delay * 2).min(Retry::LONGEST);
    }

    pub(crate) fn succeeded(&mut self) {
        if self.down {
            log::info!("Sound is back on.");
        }
        self.down = false;
        self.delay = Retry::FIRST;
    }

    pub(crate) fn is_down(&self) -> bool {
        self.down
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handle_can_live_in_a_bevy_resource() {
        fn send_and_sync<T: Send + Sync + 'static>() {}
        send_and_sync::<Sound>();
    }

    #[test]
    fn an_off_handle_takes_every_call() {
        let sound = Sound::off();
        sound.play(Cue::Right);
        sound.set_music(Some(Music::Lobby));
        sound.set_volumes(Volumes { music: 2.0, cues: f32::NAN });
        sound.set_muted(true);
        assert_eq!(sound.state(), OutputState::Off);
    }
}
