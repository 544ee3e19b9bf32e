//! What the game plays when. Cues follow moments of play (a screen entered,
//! a team locking in, the countdown passing a second), music follows the
//! screen, pause and the sound settings, and the levels and mute follow the
//! settings. Everything goes to the `SoundOutput`, whose calls never wait.
//!
//! Nothing here is run every frame for its own sake: each system runs on a
//! state transition, a message, or a change to the resource it follows. No
//! sound is made here either: `quorum_sound` does that, off the main thread.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::classroom::{ClassSession, TeamLockedIn};
use super::pause::Pause;
use super::round::CurrentRound;
use crate::game::settings::sound::SoundChoices;
use crate::game::theme::countdown::Countdown;
use crate::game::{GameSet, Screen};
use quorum_sound::{Cue, Music, Sound, SoundOptions, Volumes};

/// The game's hold on its sound thread. Headless apps and screenshot runs
/// keep the default, a handle that plays nothing and touches no sound server;
/// `game::run` starts a real one.
#[derive(Resource)]
pub struct SoundOutput(Sound);

impl Default for SoundOutput {
    fn default() -> Self {
        SoundOutput(Sound::off())
    }
}

impl SoundOutput {
    /// Starts the sound thread. It connects when there is something to play;
    /// with no sound server the game plays on silently.
    pub fn start() -> SoundOutput {
        SoundOutput(Sound::start(SoundOptions::default()))
    }
}

/// One thing the game asked of its sound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SoundAsked {
    Cue(Cue),
    Music(Option<Music>),
    Volumes(Volumes),
    Muted(bool),
}

/// When present (tests insert it), every request sent to the `SoundOutput`
/// is also written here, in order.
#[derive(Resource, Debug, Default)]
pub struct SoundLog(pub Vec<SoundAsked>);

/// What systems ask for sound through: it sends to the output, and notes
/// the request in the `SoundLog` if there is one.
#[derive(SystemParam)]
pub struct Speaker<'w> {
    output: Res<'w, SoundOutput>,
    log: Option<ResMut<'w, SoundLog>>,
}

impl Speaker<'_> {
    pub fn ask(&mut self, asked: SoundAsked) {
        let sound = &self.output.0;
        match asked {
            SoundAsked::Cue(cue) => sound.play(cue),
            SoundAsked::Music(music) => sound.set_music(music),
            SoundAsked::Volumes(volumes) => sound.set_volumes(volumes),
            SoundAsked::Muted(muted) => sound.set_muted(muted),
        }
        if let Some(log) = self.log.as_mut() {
            log.0.push(asked);
        }
    }

    pub fn play(&mut self, cue: Cue) {
        self.ask(SoundAsked::Cue(cue));
    }
}

/// The countdown ticks on each of its last seconds.
const TICKING_SECONDS: u32 = 5;

pub(super) fn plugin(app: &mut App) {
    let music_may_change =
        state_changed::<Screen>.or_eager(state_changed::<Pause>).or_eager(resource_changed::<SoundChoices>);
    app.init_resource::<SoundOutput>()
        .add_systems(OnEnter(Screen::Question), |mut speaker: Speaker| speaker.play(Cue::Question))
        .add_systems(OnEnter(Screen::ClassQuestion), |mut speaker: Speaker| speaker.play(Cue::Question))
        .add_systems(OnEnter(Screen::Reveal), solo_verdict)
        .add_systems(OnEnter(Screen::ClassReveal), class_verdict)
        .add_systems(OnEnter(Screen::Leaderboard), |mut speaker: Speaker| speaker.play(Cue::Leaderboard))
        // The solo round's standings: its score against the personal best.
        .add_systems(OnEnter(Screen::Results), |mut speaker: Speaker| speaker.play(Cue::Leaderboard))
        .add_systems(OnEnter(Screen::Podium), |mut speaker: Speaker| speaker.play(Cue::Podium))
        .add_systems(
            Update,
            (
                last_seconds.run_if(resource_changed::<Countdown>),
                locked_in.run_if(on_message::<TeamLockedIn>),
                (
                    apply_settings.run_if(resource_changed::<SoundChoices>),
                    choose_music.run_if(music_may_change),
                )
                    .chain(),
            )
                .in_set(GameSet::Update),
        );
}

/// Right or wrong, for the player's own answer. A close estimate earns part
/// of the points but is not right, as the reveal says.
fn solo_verdict(current: Option<Res<CurrentRound>>, mut speaker: Speaker) {
    let Some(record) = current.as_ref().and_then(|c| c.round.last_record()) else { return };
    speaker.play(if record.verdict.is_correct() { Cue::Right } else { Cue::Wrong });
}

/// The room hears one verdict: right if any team was right. A projector's
/// "wrong" while some teams cheer their right answer would tell them they
/// were wrong; the wrong sound is kept for a question nobody got, which is
/// the one worth dwelling on. A skipped question has no verdict.
fn class_verdict(class: Option<Res<ClassSession>>, mut speaker: Speaker) {
    let Some(result) = class.as_ref().and_then(|c| c.session.last_result()) else { return };
    if result.skipped {
        return;
    }
    let anyone_right = result.teams.iter().any(|t| t.record.verdict.is_correct());
    speaker.play(if anyone_right { Cue::Right } else { Cue::Wrong });
}

/// One quiet cue per team as its answer goes in (the mixer merges cues that
/// start together, so six teams in one frame don't stack up).
fn locked_in(mut teams: MessageReader<TeamLockedIn>, mut speaker: Speaker) {
    for _ in teams.read() {
        speaker.play(Cue::LockedIn);
    }
}

/// A tick as the countdown shows each of its last five seconds.
fn last_seconds(countdown: Res<Countdown>, mut shown: Local<Option<u32>>, mut speaker: Speaker) {
    // Whole seconds rounded up, as the countdown shows them.
    let seconds = countdown.remaining.map(|r| r.as_secs_f32().ceil() as u32);
    let before = std::mem::replace(&mut *shown, seconds);
    if let (Some(now), Some(before)) = (seconds, before)
        && countdown.running
        && now < before
        && (1..=TICKING_SECONDS).contains(&now)
    {
        speaker.play(Cue::Tick);
    }
}

/// The levels and mute, sent when they change (and once at start).
fn apply_settings(
    choices: Res<SoundChoices>,
    mut sent: Local<Option<(Volumes, bool)>>,
    mut speaker: Speaker,
) {
    let (volumes, muted) = (choices.volumes(), choices.muted);
    if sent.is_none_or(|(v, _)| v != volumes) {
        speaker.ask(SoundAsked::Volumes(volumes));
    }
    if sent.is_none_or(|(_, m)| m != muted) {
        speaker.ask(SoundAsked::Muted(muted));
    }
    *sent = Some((volumes, muted));
}

/// The music for a screen: the lobby loop while waiting (title and setup),
/// the thinking bed under a question if chosen and not paused, and none
/// elsewhere or in a quiet classroom.
pub fn music_for(screen: Screen, paused: bool, choices: &SoundChoices) -> Option<Music> {
    let classroom = matches!(
        screen,
        Screen::ClassSetup
            | Screen::ClassQuestion
            | Screen::ClassReveal
            | Screen::Leaderboard
            | Screen::Podium
            | Screen::ClassResults
    );
    if classroom && choices.quiet_room {
        return None;
    }
    match screen {
        Screen::Title | Screen::Setup | Screen::ClassSetup => Some(Music::Lobby),
        Screen::Question | Screen::ClassQuestion if choices.music_in_questions && !paused => {
            Some(Music::Thinking)
        }
        _ => None,
    }
}

fn choose_music(
    screen: Res<State<Screen>>,
    pause: Option<Res<State<Pause>>>,
    choices: Res<SoundChoices>,
    mut playing: Local<Option<Option<Music>>>,
    mut speaker: Speaker,
) {
    let paused = pause.is_some_and(|p| p.get().0);
    let wanted = music_for(*screen.get(), paused, &choices);
    if *playing != Some(wanted) {
        speaker.ask(SoundAsked::Music(wanted));
        *playing = Some(wanted);
    }
}
