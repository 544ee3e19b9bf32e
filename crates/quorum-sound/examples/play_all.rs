//! Plays every cue, then the lobby loop, through the real output: the sound check records this from a
//! null sink's monitor to prove that sound comes out (and that `--muted` gives silence). Also prints
//! each cue's length and peak as rendered.
//!
//!   cargo run -p quorum-sound --release --example play_all -- [--muted] [--gap SECONDS] [--lobby SECONDS] [--thinking SECONDS] [--verbose | --trace]

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use quorum_sound::{Cue, Music, OutputState, SAMPLE_RATE, Sound, SoundOptions, Volumes};

/// Prints the crate's log lines with the time since start (the game uses Bevy's logger instead).
struct Stderr;
static START: OnceLock<Instant> = OnceLock::new();

impl log::Log for Stderr {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            let at = START.get_or_init(Instant::now).elapsed().as_secs_f64();
            eprintln!("[{at:6.2} s] {}: {}", record.level(), record.args());
        }
    }

    fn flush(&self) {}
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let level = if args.iter().any(|a| a == "--trace") {
        log::LevelFilter::Trace
    } else if args.iter().any(|a| a == "--verbose") {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Info
    };
    let _ = log::set_logger(&Stderr).map(|()| log::set_max_level(level));
    START.get_or_init(Instant::now);
    let seconds_after = |flag: &str, default: f64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(default)
    };
    let muted = args.iter().any(|a| a == "--muted");
    let lobby = seconds_after("--lobby", 5.0);
    let thinking = seconds_after("--thinking", 0.0);
    let gap = seconds_after("--gap", 1.2);

    for cue in Cue::ALL {
        let samples = cue.render();
        let peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let seconds = samples.len() as f64 / f64::from(SAMPLE_RATE);
        println!("{cue:?}: {seconds:.3} s, peak {peak:.2}");
    }

    let sound = Sound::start(SoundOptions {
        volumes: Volumes { music: 1.0, cues: 1.0 },
        muted,
        ..Default::default()
    });
    let started = Instant::now();
    for cue in Cue::ALL {
        log::debug!("play {cue:?}");
        sound.play(cue);
        // Ticks come a second apart in the game; here every cue gets a moment of its own.
        std::thread::sleep(Duration::from_secs_f64(if cue == Cue::Podium { gap.max(3.0) } else { gap }));
    }
    if lobby > 0.0 {
        sound.set_music(Some(Music::Lobby));
        std::thread::sleep(Duration::from_secs_f64(lobby));
    }
    if thinking > 0.0 {
        sound.set_music(Some(Music::Thinking));
        std::thread::sleep(Duration::from_secs_f64(thinking));
    }
    sound.set_music(None);
    // Let the fade and the server's buffer play out before the process ends.
    std::thread::sleep(Duration::from_millis(900));
    let state = sound.state();
    println!("played for {:.1} s; the output was {state:?} at the end", started.elapsed().as_secs_f64());
    if state == OutputState::Unavailable {
        println!("(no sound server: nothing was heard)");
    }
}
