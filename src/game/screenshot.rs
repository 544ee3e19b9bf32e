//! `--screenshot OUT.png --frames N --screen S`: drive the real game to a
//! screen, let it render N frames, save the window as a PNG and exit. Used
//! for the README's pictures and CI's smoke test under Xvfb.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::Screen;
use super::round::{AnswerGiven, CurrentRound, start_round};
use super::window::KeepDrawing;
use crate::quiz::{Answer, Phase};

/// How long the screenshot driver "thinks" before answering.
const THINKING_TIME: std::time::Duration = std::time::Duration::from_millis(1200);

/// Which screen to photograph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ShotScreen {
    #[default]
    Title,
    Setup,
    Question,
    Reveal,
    Results,
}

#[derive(Resource, Debug, Clone)]
pub struct ScreenshotPlan {
    pub path: PathBuf,
    /// Frames to render on the chosen screen before saving.
    pub frames: u32,
    pub screen: ShotScreen,
}

#[derive(Resource, Debug, Default)]
struct Progress {
    arrived: bool,
    frames: u32,
    requested: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Progress>()
        .add_systems(Startup, keep_drawing)
        .add_systems(Update, (drive, shoot).chain());
}

fn keep_drawing(mut keep: ResMut<KeepDrawing>) {
    keep.screenshot = true;
}

/// Plays the game forward to the planned screen, answering deterministically
/// after a moment's thought: the first question wrongly (so the reveal shows
/// both answers), then three right for every one wrong.
fn drive(world: &mut World) {
    let plan = world.resource::<ScreenshotPlan>().clone();
    let screen = *world.resource::<State<Screen>>().get();
    if world.resource::<Progress>().arrived {
        return;
    }
    let target = match plan.screen {
        ShotScreen::Title => Screen::Title,
        ShotScreen::Setup => Screen::Setup,
        ShotScreen::Question => Screen::Question,
        ShotScreen::Reveal => Screen::Reveal,
        ShotScreen::Results => Screen::Results,
    };
    if screen == target {
        world.resource_mut::<Progress>().arrived = true;
        return;
    }
    if screen == Screen::BankError {
        // The error screen is what there is to see.
        world.resource_mut::<Progress>().arrived = true;
        return;
    }
    if !matches!(*world.resource::<NextState<Screen>>(), NextState::Unchanged) {
        return;
    }
    match screen {
        Screen::Title if target == Screen::Setup => {
            world.resource_mut::<NextState<Screen>>().set(Screen::Setup)
        }
        Screen::Title => {
            if let Err(e) = start_round(world) {
                error!("screenshot: cannot start a round: {e}");
                world.resource_mut::<Progress>().arrived = true;
            }
        }
        Screen::Question => {
            let Some(current) = world.get_resource::<CurrentRound>() else { return };
            let Some(q) = current.round.current() else { return };
            if current.round.timer().elapsed() < THINKING_TIME {
                return;
            }
            let right = current.round.number() % 4 != 1;
            let answer = match (q.correct_choice(), &q.question.kind) {
                (Some(i), _) => Answer::Choice(if right { i } else { (i + 1) % q.choices.len() }),
                (None, crate::bank::QuestionKind::Estimate { answer, tolerance, min, .. }) => {
                    Answer::Estimate(if right { *answer } else { (*answer - 1.5 * tolerance).max(*min) })
                }
                (None, _) => Answer::Choice(0),
            };
            world.write_message(AnswerGiven(answer));
        }
        Screen::Reveal => {
            let mut current = world.resource_mut::<CurrentRound>();
            current.round.next();
            let next =
                if current.round.phase() == Phase::Finished { Screen::Results } else { Screen::Question };
            world.resource_mut::<NextState<Screen>>().set(next);
        }
        _ => {}
    }
}

fn shoot(plan: Res<ScreenshotPlan>, mut progress: ResMut<Progress>, mut commands: Commands) {
    if !progress.arrived || progress.requested {
        return;
    }
    progress.frames += 1;
    if progress.frames < plan.frames.max(1) {
        return;
    }
    progress.requested = true;
    let path = plan.path.clone();
    commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone())).observe(
        move |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            info!("screenshot of the window taken for {}", path.display());
            exit.write(AppExit::Success);
        },
    );
}
