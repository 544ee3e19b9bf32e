//! Windows and macOS output, through cpal (WASAPI and CoreAudio need nothing installed). The device pulls
//! samples from a callback, so the mixer sits behind a mutex the callback shares with the sound thread;
//! both loops are rendered before that, so the callback never waits on a render. The stream is dropped
//! when nothing is audible and rebuilt when something is. This file is compiled only on those systems:
//! it is written against cpal 0.18's documented API and cannot be built on the Linux machines here.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};

use super::{Command, OutputState, Retry, Shared, SoundOptions, apply, apply_waiting};
use crate::mixer::Mixer;
use crate::music::Music;
use crate::synth::SAMPLE_RATE;

/// How often the thread looks in while a stream plays, to close it when the sound has ended.
const CHECK_EVERY: Duration = Duration::from_millis(100);
/// After the last audible sample, keep the stream this long in case another cue follows at once.
const LINGER: Duration = Duration::from_millis(600);

pub(crate) fn run(commands: Receiver<Command>, shared: Arc<Shared>, options: SoundOptions) {
    let mut mixer = Mixer::new(options.volumes);
    mixer.set_muted(options.muted);
    for music in Music::ALL {
        mixer.prepare(music);
    }
    let mixer = Arc::new(Mutex::new(mixer));
    let failed = Arc::new(AtomicBool::new(false));
    let mut retry = Retry::new();
    let mut stream: Option<cpal::Stream> = None;
    let mut quiet_since: Option<Instant> = None;
    shared.set(OutputState::Idle);
    loop {
        let silent = mixer.lock().map(|m| m.is_silent()).unwrap_or(true);
        if stream.is_some() && failed.swap(false, Ordering::Relaxed) {
            stream = None;
            retry.failed("the sound device went away");
            shared.set(OutputState::Unavailable);
        }
        if stream.is_some() {
            quiet_since = if silent { quiet_since.or(Some(Instant::now())) } else { None };
            if quiet_since.is_some_and(|t| t.elapsed() >= LINGER) {
                stream = None;
                quiet_since = None;
                continue;
            }
        } else if !silent && retry.due() {
            shared.set(OutputState::Connecting);
            match open(&mixer, &failed) {
                Ok(opened) => {
                    retry.succeeded();
                    shared.set(OutputState::Playing);
                    stream = Some(opened);
                }
                Err(why) => {
                    retry.failed(&why);
                    shared.set(OutputState::Unavailable);
                }
            }
            continue;
        } else if !silent {
            // No device for now: a cue is a moment, so it is dropped rather than played late.
            if let Ok(mut m) = mixer.lock() {
                m.forget_cues();
            }
        } else {
            shared.set(if retry.is_down() { OutputState::Unavailable } else { OutputState::Idle });
        }
        // Asleep until the game asks for something, or time to look in on a stream or a retry.
        let waited = if stream.is_some() {
            commands.recv_timeout(CHECK_EVERY)
        } else if !silent {
            commands.recv_timeout(retry.wait())
        } else {
            commands.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        let Ok(mut m) = mixer.lock() else { return };
        match waited {
            Ok(command) => apply(&mut m, command),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if !apply_waiting(&commands, &mut m) {
            return;
        }
    }
}

/// Opens the default output device at the mixer's rate, in 32-bit float, every channel carrying the
/// mono mix.
fn open(mixer: &Arc<Mutex<Mixer>>, failed: &Arc<AtomicBool>) -> Result<cpal::Stream, String> {
    let host = cpal::default_host();
    let device = host.default_output_device().ok_or("there is no sound output device")?;
    let default = device.default_output_config().map_err(|e| e.to_string())?;
    let channels = default.channels().max(1);
    let config =
        cpal::StreamConfig { channels, sample_rate: SAMPLE_RATE, buffer_size: cpal::BufferSize::Default };
    let mixer = Arc::clone(mixer);
    let mut mono: Vec<f32> = Vec::new();
    let on_error = Arc::clone(failed);
    let stream = device
        .build_output_stream::<f32, _, _>(
            config,
            move |data: &mut [f32], _: &cpal::OutputCallbackInfo| {
                let frames = data.len() / usize::from(channels);
                mono.resize(frames, 0.0);
                match mixer.try_lock() {
                    Ok(mut m) => m.mix(&mut mono),
                    // The thread holds the mixer only to apply a setting; a moment of silence beats a
                    // late callback.
                    Err(_) => mono.fill(0.0),
                }
                for (frame, s) in data.chunks_mut(usize::from(channels)).zip(&mono) {
                    frame.fill(*s);
                }
            },
            move |error: cpal::Error| match error.kind() {
                cpal::ErrorKind::Xrun | cpal::ErrorKind::DeviceChanged | cpal::ErrorKind::RealtimeDenied => {}
                _ => on_error.store(true, Ordering::Relaxed),
            },
            None,
        )
        .map_err(|e| e.to_string())?;
    stream.play().map_err(|e| e.to_string())?;
    Ok(stream)
}
