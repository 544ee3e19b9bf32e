//! The round in play, as a Bevy resource over `quiz::Round`: the clock ticks
//! it, answers go to it, and the screens follow its phase. No rule of play
//! lives here; they are all in `quorum_core::quiz`.

use bevy::prelude::*;

use super::bank::ActiveBank;
use super::pause::PausableSystems;
use crate::game::settings::setup::SetupChoices;
use crate::game::theme::countdown::Countdown;
use crate::game::{GameSet, Screen};
use quorum_core::quiz::{self, Answer, DealError, Phase, Round};

/// The solo round being played.
#[derive(Resource, Debug, Clone)]
pub struct CurrentRound {
    pub round: Round,
    /// The bank's title, for personal bests.
    pub bank_title: String,
    pub player: String,
    pub seed: u64,
    /// Set once the results are recorded, so a redraw doesn't record twice.
    pub recorded: bool,
}

/// An answer from the question screen's input (a key, a click, the slider).
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct AnswerGiven(pub Answer);

/// The seed for the next round: `--seed` if given, else from the clock.
#[derive(Resource, Debug, Clone, Copy)]
pub struct NextSeed(pub u64);

impl Default for NextSeed {
    fn default() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        NextSeed(nanos)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<AnswerGiven>()
        .init_resource::<NextSeed>()
        .add_systems(
            Update,
            tick_clock
                .in_set(GameSet::TickTimers)
                .in_set(PausableSystems)
                .run_if(in_state(Screen::Question).and_then(resource_exists::<CurrentRound>)),
        )
        .add_systems(
            Update,
            apply_answers
                .in_set(GameSet::Update)
                .in_set(PausableSystems)
                .run_if(in_state(Screen::Question).and_then(resource_exists::<CurrentRound>)),
        )
        .add_systems(OnEnter(Screen::Question), show_countdown)
        .add_systems(OnExit(Screen::Question), stop_countdown);
}

/// Deals a round from the active bank with the player's choices and starts
/// it. The seed advances so "play again" gets a new round.
pub fn start_round(world: &mut World) -> Result<(), DealError> {
    let (bank, title) = {
        let active = world.resource::<ActiveBank>();
        (active.bank.clone(), active.bank.title.clone())
    };
    let choices = world.resource::<SetupChoices>().clone();
    let seed = world.resource::<NextSeed>().0;
    let questions = quiz::deal(&bank, &choices.settings, seed)?;
    world.resource_mut::<NextSeed>().0 = seed.wrapping_add(1);
    world.insert_resource(CurrentRound {
        round: Round::new(questions, choices.settings.clone()),
        bank_title: title,
        player: choices.player_name(),
        seed,
        recorded: false,
    });
    world.resource_mut::<NextState<Screen>>().set(Screen::Question);
    Ok(())
}

fn tick_clock(
    time: Res<Time>,
    mut current: ResMut<CurrentRound>,
    mut countdown: ResMut<Countdown>,
    mut next: ResMut<NextState<Screen>>,
) {
    if current.round.phase() != Phase::Asking {
        return;
    }
    if current.round.tick(time.delta()).is_some() {
        next.set(Screen::Reveal);
    }
    countdown.set_if_neq(Countdown::of(current.round.timer()));
}

fn apply_answers(
    mut answers: MessageReader<AnswerGiven>,
    mut current: ResMut<CurrentRound>,
    mut next: ResMut<NextState<Screen>>,
) {
    for AnswerGiven(answer) in answers.read() {
        if current.round.answer(*answer).is_some() {
            next.set(Screen::Reveal);
        }
    }
}

fn show_countdown(current: Option<Res<CurrentRound>>, mut countdown: ResMut<Countdown>) {
    if let Some(current) = current {
        *countdown = Countdown::of(current.round.timer());
    }
}

fn stop_countdown(mut countdown: ResMut<Countdown>) {
    *countdown = Countdown::default();
}
