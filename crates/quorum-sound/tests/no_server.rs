//! The game's calls never wait on the sound: with no sound server at all, and with one that accepts the
//! connection and then never answers. Neither may panic or hang.
#![cfg(target_os = "linux")]

use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use quorum_sound::{Cue, Music, OutputState, Sound, SoundOptions, Volumes};

/// Waits (at most `limit`) for the sound thread to reach `state`.
fn reaches(sound: &Sound, state: OutputState, limit: Duration) -> bool {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if sound.state() == state {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

fn every_call(sound: &Sound, times: usize) {
    for i in 0..times {
        sound.play(Cue::ALL[i % Cue::ALL.len()]);
        sound.set_music(Some(if i % 2 == 0 { Music::Lobby } else { Music::Thinking }));
        sound.set_volumes(Volumes { music: (i % 11) as f32 / 10.0, cues: 0.5 });
        sound.set_muted(i % 3 == 0);
    }
    sound.set_muted(false);
}

#[test]
fn with_no_server_every_call_returns_and_the_sound_goes_silent() {
    let nowhere = PathBuf::from("/nonexistent/quorum-test/pulse/native");
    let sound = Sound::start(SoundOptions { server: Some(nowhere), ..Default::default() });
    every_call(&sound, 1_000);
    assert!(
        reaches(&sound, OutputState::Unavailable, Duration::from_secs(30)),
        "the sound thread should give up on a missing server, it is {:?}",
        sound.state()
    );
    // Still nothing to connect to: more calls, while it waits to try again, change nothing.
    every_call(&sound, 1_000);
    assert_eq!(sound.state(), OutputState::Unavailable);
    drop(sound);
}

#[test]
fn a_server_that_never_answers_cannot_hold_up_the_game() {
    let dir = std::env::temp_dir().join(format!("quorum-sound-stuck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("native");
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path).unwrap();
    // The thread gets a long timeout, so it is certainly still stuck in the handshake while the game's
    // calls are made: if any call waited for the thread, this test would hang rather than pass.
    let options = SoundOptions {
        server: Some(path.clone()),
        server_timeout: Duration::from_secs(600),
        ..Default::default()
    };
    let sound = Sound::start(options);
    sound.play(Cue::Question);
    let (connection, _) = listener.accept().unwrap();
    assert!(reaches(&sound, OutputState::Connecting, Duration::from_secs(30)));
    every_call(&sound, 10_000);
    assert_eq!(sound.state(), OutputState::Connecting, "the handshake is still waiting on the server");
    // The server goes away: the thread sees the connection close and goes silent.
    drop(connection);
    drop(listener);
    let _ = std::fs::remove_file(&path);
    assert!(reaches(&sound, OutputState::Unavailable, Duration::from_secs(30)), "{:?}", sound.state());
    drop(sound);
    let _ = std::fs::remove_dir_all(&dir);
}
