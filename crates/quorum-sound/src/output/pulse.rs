//! Linux output: the sound thread speaking the PulseAudio protocol over its Unix socket, in pure Rust
//! (the `pulseaudio` crate's wire format), to PulseAudio or to PipeWire's Pulse server. The server asks
//! for samples and the thread mixes exactly that much. When nothing is audible the stream is closed and
//! the thread sleeps on its channel; when the server is missing, stuck or gone, it goes silent and tries
//! again later. Nothing here may panic or wait without a timeout.

use std::ffi::CString;
use std::io::{BufReader, Cursor, Read};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};

use pulseaudio::protocol::stream::{BufferAttr, StreamFlags};
use pulseaudio::protocol::{
    self, AuthParams, AuthReply, ChannelMap, ChannelVolume, Command as Message, CreatePlaybackStreamReply,
    PlaybackStreamParams, Prop, Props, SampleFormat, SampleSpec, SetClientNameReply, TagStructRead,
    TagStructReader,
};

use super::{Command, OutputState, Retry, Shared, SoundOptions, apply, apply_waiting};
use crate::mixer::Mixer;
use crate::synth::SAMPLE_RATE;

/// Stereo 16-bit frames.
const FRAME_BYTES: u32 = 4;
/// The server keeps about this much queued: short enough that a cue follows its moment closely.
const TARGET_LATENCY_MS: u32 = 80;
const REQUEST_MS: u32 = 20;
/// After the last audible sample, keep the stream this long (sending silence) in case another cue
/// follows at once, then close it so an idle game costs nothing.
const LINGER_MS: u32 = 600;
/// No message from the server is this big; a larger length means the connection is garbage.
const LARGEST_MESSAGE: u32 = 1 << 20;

fn bytes_for_ms(ms: u32) -> u32 {
    SAMPLE_RATE / 1000 * ms * FRAME_BYTES
}

pub(crate) fn run(commands: Receiver<Command>, shared: Arc<Shared>, options: SoundOptions) {
    let mut mixer = Mixer::new(options.volumes);
    mixer.set_muted(options.muted);
    let mut retry = Retry::new();
    let mut connection: Option<Connection> = None;
    let mut stream: Option<Stream> = None;
    shared.set(OutputState::Idle);
    loop {
        if stream.is_none() && mixer.is_silent() {
            shared.set(if retry.is_down() { OutputState::Unavailable } else { OutputState::Idle });
            // Asleep until the game asks for something.
            match commands.recv() {
                Ok(command) => apply(&mut mixer, command),
                Err(_) => return,
            }
            if !apply_waiting(&commands, &mut mixer) {
                return;
            }
            continue;
        }
        if stream.is_none() {
            if !retry.due() {
                // No server for now: a cue is a moment, so it is dropped rather than played late.
                mixer.forget_cues();
                match commands.recv_timeout(retry.wait()) {
                    Ok(command) => apply(&mut mixer, command),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                if !apply_waiting(&commands, &mut mixer) {
                    return;
                }
                continue;
            }
            shared.set(OutputState::Connecting);
            let asked = std::time::Instant::now();
            match open_stream(&mut connection, &options) {
                Ok((opened, requested)) => {
                    log::debug!("sound: stream open in {:?}, {requested} bytes wanted", asked.elapsed());
                    retry.succeeded();
                    shared.set(OutputState::Playing);
                    let mut opened = opened;
                    let Some(link) = connection.as_mut() else { continue };
                    if let Err(why) = opened.feed(link, &mut mixer, requested) {
                        connection = None;
                        retry.failed(&why);
                        continue;
                    }
                    stream = Some(opened);
                }
                Err(why) => {
                    connection = None;
                    retry.failed(&why);
                    shared.set(OutputState::Unavailable);
                }
            }
            continue;
        }
        let (Some(link), Some(open)) = (connection.as_mut(), stream.as_mut()) else {
            stream = None;
            continue;
        };
        match open.serve(link, &mut mixer, &commands) {
            Ok(Served::Playing) => {}
            Ok(Served::Quiet) => {
                log::debug!("sound: quiet, closing the stream");
                // Closing politely; if that fails, the connection is dropped and made again next time.
                if link.delete_stream(open.channel).is_err() {
                    connection = None;
                }
                stream = None;
            }
            Ok(Served::Killed) => {
                // Waiting before the next stream keeps a server that keeps refusing from spinning us.
                stream = None;
                retry.failed("the sound server closed the stream (its device went away)");
                shared.set(OutputState::Unavailable);
            }
            Ok(Served::GameGone) => {
                let _ = link.delete_stream(open.channel);
                return;
            }
            Err(why) => {
                connection = None;
                stream = None;
                retry.failed(&format!("lost the sound server ({why})"));
                shared.set(OutputState::Unavailable);
            }
        }
    }
}

/// The socket the environment points at, as libpulse finds it: `PULSE_SERVER` if set, otherwise the
/// user's runtime folder.
fn server_path(options: &SoundOptions) -> Result<PathBuf, String> {
    if let Some(path) = &options.server {
        return Ok(path.clone());
    }
    if let Ok(servers) = std::env::var("PULSE_SERVER") {
        return servers
            .split_whitespace()
            .filter_map(|s| s.strip_prefix("unix:").or(s.starts_with('/').then_some(s)))
            .map(PathBuf::from)
            .next()
            .ok_or_else(|| format!("PULSE_SERVER ({servers}) names no local sound server"));
    }
    let mut candidates = Vec::new();
    if let Ok(dir) = std::env::var("PULSE_RUNTIME_PATH") {
        candidates.push(PathBuf::from(dir).join("native"));
    }
    if let Ok(dir) = std::env::var("XDG_RUNTIME_DIR") {
        candidates.push(PathBuf::from(dir).join("pulse/native"));
    }
    if let Ok(me) = std::fs::metadata("/proc/self") {
        candidates.push(PathBuf::from(format!("/run/user/{}/pulse/native", me.uid())));
    }
    candidates
        .iter()
        .find(|path| path.exists())
        .cloned()
        .ok_or_else(|| "no PulseAudio or PipeWire sound server is running".to_string())
}

/// Opens a playback stream, on the open connection if there is one that still works, otherwise on a
/// new one. Returns the stream and how many bytes the server wants at once.
fn open_stream(connection: &mut Option<Connection>, options: &SoundOptions) -> Result<(Stream, u32), String> {
    if let Some(link) = connection.as_mut() {
        match link.create_stream() {
            Ok(opened) => return Ok(opened),
            // The server may have restarted while the game was quiet: try once more from scratch.
            Err(_) => *connection = None,
        }
    }
    let path = server_path(options)?;
    let mut link = Connection::open(&path, options)?;
    let opened = link.create_stream()?;
    *connection = Some(link);
    Ok(opened)
}

struct Connection {
    socket: BufReader<UnixStream>,
    version: u16,
    sequence: u32,
}

/// One message from the server: its sequence number, the command, and what follows it (a reply's body).
struct Received {
    sequence: u32,
    message: Message,
    rest: Cursor<Vec<u8>>,
}

impl Connection {
    fn open(path: &Path, options: &SoundOptions) -> Result<Connection, String> {
        let socket =
            UnixStream::connect(path).map_err(|e| format!("no sound server at {} ({e})", path.display()))?;
        let timeout = Some(options.server_timeout.max(std::time::Duration::from_millis(1)));
        socket.set_read_timeout(timeout).map_err(|e| e.to_string())?;
        socket.set_write_timeout(timeout).map_err(|e| e.to_string())?;
        let mut link =
            Connection { socket: BufReader::new(socket), version: protocol::MAX_VERSION, sequence: 0 };
        let cookie =
            pulseaudio::cookie_path_from_env().and_then(|path| std::fs::read(path).ok()).unwrap_or_default();
        let auth =
            AuthParams { version: protocol::MAX_VERSION, supports_shm: false, supports_memfd: false, cookie };
        let reply: AuthReply = link.ask(&Message::Auth(auth))?;
        link.version = reply.version.min(protocol::MAX_VERSION);
        let mut props = Props::new();
        props.set(Prop::ApplicationName, c"Quorum");
        let _: SetClientNameReply = link.ask(&Message::SetClientName(props))?;
        Ok(link)
    }

    fn create_stream(&mut self) -> Result<(Stream, u32), String> {
        let mut props = Props::new();
        props.set(Prop::MediaName, c"Quorum");
        props.set(Prop::MediaRole, c"game");
        let params = PlaybackStreamParams {
            sample_spec: SampleSpec { format: SampleFormat::S16Le, channels: 2, sample_rate: SAMPLE_RATE },
            channel_map: ChannelMap::stereo(),
            sink_name: Some(CString::from(protocol::DEFAULT_SINK)),
            buffer_attr: BufferAttr {
                max_length: u32::MAX,
                target_length: bytes_for_ms(TARGET_LATENCY_MS),
                pre_buffering: u32::MAX,
                minimum_request_length: bytes_for_ms(REQUEST_MS),
                fragment_size: u32::MAX,
            },
            cvolume: Some(ChannelVolume::norm(2)),
            props,
            flags: StreamFlags { adjust_latency: true, ..Default::default() },
            ..Default::default()
        };
        let reply: CreatePlaybackStreamReply = self.ask(&Message::CreatePlaybackStream(params))?;
        log::trace!("sound: stream buffer {:?}, latency {} us", reply.buffer_attr, reply.stream_latency);
        let stream = Stream { channel: reply.channel, quiet_bytes: 0, mono: Vec::new(), bytes: Vec::new() };
        Ok((stream, reply.requested_bytes))
    }

    fn delete_stream(&mut self, channel: u32) -> Result<(), String> {
        self.send(&Message::DeletePlaybackStream(channel)).map(|_| ())?;
        // The reply has no body; anything else on the way (late requests) is for the stream just closed.
        let sequence = self.sequence;
        loop {
            let received = self.receive()?;
            match received.message {
                Message::Reply if received.sequence == sequence => return Ok(()),
                Message::Error(error) if received.sequence == sequence => {
                    return Err(format!("the sound server refused: {error:?}"));
                }
                _ => {}
            }
        }
    }

    /// Sends a command and waits for its reply, skipping anything else the server says meanwhile.
    fn ask<T: TagStructRead>(&mut self, message: &Message) -> Result<T, String> {
        let sequence = self.send(message)?;
        loop {
            let mut received = self.receive()?;
            match received.message {
                Message::Reply if received.sequence == sequence => {
                    let mut reader = TagStructReader::new(&mut received.rest, self.version);
                    return reader
                        .read::<T>()
                        .map_err(|e| format!("the sound server's reply made no sense ({e})"));
                }
                Message::Error(error) if received.sequence == sequence => {
                    return Err(format!("the sound server refused: {error:?}"));
                }
                _ => {}
            }
        }
    }

    fn send(&mut self, message: &Message) -> Result<u32, String> {
        self.sequence = self.sequence.wrapping_add(1);
        protocol::write_command_message(self.socket.get_mut(), self.sequence, message, self.version)
            .map_err(|e| e.to_string())?;
        Ok(self.sequence)
    }

    /// Reads one whole message. The body is read in full before it is parsed, so a message this client
    /// doesn't understand is skipped without losing its place in the stream.
    fn receive(&mut self) -> Result<Received, String> {
        loop {
            let descriptor = protocol::read_descriptor(&mut self.socket).map_err(|e| e.to_string())?;
            if descriptor.length > LARGEST_MESSAGE {
                return Err(format!("the sound server sent a {} byte message", descriptor.length));
            }
            let mut body = vec![0u8; descriptor.length as usize];
            self.socket.read_exact(&mut body).map_err(|e| e.to_string())?;
            if descriptor.channel != u32::MAX {
                continue; // audio data, which a playback-only client never asked for
            }
            let mut rest = Cursor::new(body);
            if let Ok((sequence, message)) = Message::read_tag_prefixed(&mut rest, self.version) {
                return Ok(Received { sequence, message, rest });
            }
        }
    }
}

struct Stream {
    channel: u32,
    /// Silence sent since the last audible sample.
    quiet_bytes: u32,
    mono: Vec<f32>,
    bytes: Vec<u8>,
}

enum Served {
    Playing,
    /// Nothing audible for a while: close the stream.
    Quiet,
    /// The server closed the stream (its device went away); a new one is opened if still needed.
    Killed,
    GameGone,
}

impl Stream {
    /// Waits for the server's next message and answers it.
    fn serve(
        &mut self,
        link: &mut Connection,
        mixer: &mut Mixer,
        commands: &Receiver<Command>,
    ) -> Result<Served, String> {
        let received = link.receive()?;
        match received.message {
            Message::Request(request) if request.channel == self.channel => {
                log::trace!("sound: {} bytes requested", request.length);
                if !apply_waiting(commands, mixer) {
                    return Ok(Served::GameGone);
                }
                self.feed(link, mixer, request.length)?;
                if self.quiet_bytes >= bytes_for_ms(LINGER_MS) {
                    return Ok(Served::Quiet);
                }
                Ok(Served::Playing)
            }
            Message::PlaybackStreamKilled(channel) if channel == self.channel => Ok(Served::Killed),
            other => {
                log::trace!("sound: the server says {other:?}");
                Ok(Served::Playing)
            }
        }
    }

    /// Mixes and sends `length` bytes (rounded down to whole frames).
    fn feed(&mut self, link: &mut Connection, mixer: &mut Mixer, length: u32) -> Result<(), String> {
        let frames = (length / FRAME_BYTES) as usize;
        if frames == 0 {
            return Ok(());
        }
        let silent = mixer.is_silent();
        self.mono.resize(frames, 0.0);
        mixer.mix(&mut self.mono);
        self.quiet_bytes = if silent { self.quiet_bytes.saturating_add(length) } else { 0 };
        to_s16_stereo(&self.mono, &mut self.bytes);
        protocol::write_memblock(link.socket.get_mut(), self.channel, &self.bytes, 0)
            .map_err(|e| e.to_string())
    }
}

/// Converts mono samples to interleaved stereo 16-bit little-endian bytes.
fn to_s16_stereo(mono: &[f32], bytes: &mut Vec<u8>) {
    bytes.clear();
    for s in mono {
        let v = (s.clamp(-1.0, 1.0) * 32767.0).round() as i16;
        let [a, b] = v.to_le_bytes();
        bytes.extend_from_slice(&[a, b, a, b]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stereo_bytes_carry_each_sample_twice_and_never_wrap() {
        let mut bytes = Vec::new();
        to_s16_stereo(&[0.0, 1.0, -1.5], &mut bytes);
        let values: Vec<i16> = bytes.chunks(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect();
        assert_eq!(values, [0, 0, 32767, 32767, -32767, -32767]);
    }
}
