//! A sound server that goes away mid-game (a headset unplugged, a server restarted) and comes back: the
//! sound goes silent with one log line, and returns by itself. The server here is a small stand-in that
//! speaks just enough of the PulseAudio protocol, built on the same crate's wire format.
#![cfg(target_os = "linux")]

use std::io::{BufReader, Cursor, Read};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pulseaudio::protocol::{
    self, AuthReply, Command, CreatePlaybackStreamReply, Request, SetClientNameReply,
};
use quorum_sound::{Cue, Music, OutputState, Sound, SoundOptions};

/// Counts the crate's warnings (this test file is its own process, with one sound thread).
struct Counter;
static WARNINGS: AtomicUsize = AtomicUsize::new(0);
static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

impl log::Log for Counter {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }

    fn log(&self, record: &log::Record) {
        if record.level() == log::Level::Warn {
            WARNINGS.fetch_add(1, Ordering::SeqCst);
        }
        if record.level() <= log::Level::Info {
            LINES.lock().unwrap().push(format!("{}: {}", record.level(), record.args()));
        }
    }

    fn flush(&self) {}
}

/// What the stand-in server heard: how many audio bytes, and whether any was not silence.
struct Heard {
    bytes: usize,
    loud: bool,
}

/// Accepts one client, lets it open a stream, asks it for `requests` blocks of audio, then hangs up.
fn serve_once(listener: &UnixListener, requests: usize) -> std::io::Result<Heard> {
    let (socket, _) = listener.accept()?;
    socket.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut reader = BufReader::new(socket.try_clone()?);
    let mut writer = socket;
    let version = protocol::MAX_VERSION;
    let mut heard = Heard { bytes: 0, loud: false };
    let channel = 7;
    let block = 4 * 960;
    let mut asked = 0;
    loop {
        let descriptor = protocol::read_descriptor(&mut reader).map_err(std::io::Error::other)?;
        let mut body = vec![0u8; descriptor.length as usize];
        reader.read_exact(&mut body)?;
        if descriptor.channel == channel {
            heard.bytes += body.len();
            heard.loud |= body.chunks(2).any(|s| i16::from_le_bytes([s[0], s[1]]) != 0);
            if asked == requests {
                return Ok(heard);
            }
            asked += 1;
            let request = Command::Request(Request { channel, length: block });
            protocol::write_command_message(&mut writer, u32::MAX, &request, version)
                .map_err(std::io::Error::other)?;
            continue;
        }
        let (sequence, command) =
            Command::read_tag_prefixed(&mut Cursor::new(body), version).map_err(std::io::Error::other)?;
        let written = match command {
            Command::Auth(_) => protocol::write_reply_message(
                &mut writer,
                sequence,
                &AuthReply { version, ..Default::default() },
                version,
            ),
            Command::SetClientName(_) => protocol::write_reply_message(
                &mut writer,
                sequence,
                &SetClientNameReply { client_id: 1 },
                version,
            ),
            Command::CreatePlaybackStream(params) => {
                let reply = CreatePlaybackStreamReply {
                    channel,
                    requested_bytes: block,
                    buffer_attr: params.buffer_attr,
                    sample_spec: params.sample_spec,
                    channel_map: params.channel_map,
                    ..Default::default()
                };
                protocol::write_reply_message(&mut writer, sequence, &reply, version)
            }
            Command::DeletePlaybackStream(_) => protocol::write_ack_message(&mut writer, sequence),
            _ => Ok(()),
        };
        written.map_err(std::io::Error::other)?;
    }
}

fn listen(path: &Path) -> UnixListener {
    let _ = std::fs::remove_file(path);
    UnixListener::bind(path).unwrap()
}

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

#[test]
fn sound_survives_its_server_going_away_and_comes_back_by_itself() {
    log::set_logger(&Counter).unwrap();
    log::set_max_level(log::LevelFilter::Debug);
    let dir = std::env::temp_dir().join(format!("quorum-sound-away-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("native");

    let (heard_tx, heard_rx) = mpsc::channel();
    let server_path = path.clone();
    let listener = listen(&path);
    std::thread::spawn(move || {
        let first = serve_once(&listener, 20);
        drop(listener);
        // The server is gone for a while: nothing at the socket path.
        let _ = std::fs::remove_file(&server_path);
        heard_tx.send(first.map(|h| (h.bytes, h.loud))).unwrap();
    });

    let sound = Sound::start(SoundOptions { server: Some(path.clone()), ..Default::default() });
    sound.set_music(Some(Music::Lobby));
    sound.play(Cue::Question);
    let (bytes, loud) = heard_rx.recv_timeout(Duration::from_secs(60)).unwrap().unwrap();
    assert!(bytes >= 20 * 4 * 960, "the server should have been sent audio, got {bytes} bytes");
    assert!(loud, "the audio sent was all silence");

    assert!(reaches(&sound, OutputState::Unavailable, Duration::from_secs(30)), "{:?}", sound.state());
    // Let it fail to reconnect a few times (after 1 s, then 2 s more): still one warning only.
    std::thread::sleep(Duration::from_millis(3_500));
    sound.play(Cue::Tick);
    assert_eq!(WARNINGS.load(Ordering::SeqCst), 1, "log: {:?}", LINES.lock().unwrap());

    // The server comes back; the music is still wanted, so the thread reconnects on its own.
    let listener = listen(&path);
    let again = std::thread::spawn(move || serve_once(&listener, 5).map(|h| (h.bytes, h.loud)));
    let (bytes, loud) = again.join().unwrap().unwrap();
    assert!(bytes > 0 && loud, "after reconnecting the music plays again");
    assert!(reaches(&sound, OutputState::Unavailable, Duration::from_secs(30)), "{:?}", sound.state());
    let lines = LINES.lock().unwrap().clone();
    assert_eq!(WARNINGS.load(Ordering::SeqCst), 1 + 1, "the second hang-up warns once more: {lines:?}");
    assert!(lines.iter().any(|l| l.contains("Sound is back on")), "{lines:?}");
    drop(sound);
    let _ = std::fs::remove_dir_all(&dir);
}
