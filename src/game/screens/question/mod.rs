//! The question screen: the prompt in large type, answer tiles with colours,
//! shapes and keys (or the estimate slider, in `estimate.rs`), and the
//! countdown.

mod estimate;

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;

use crate::game::play::pause::{HiddenWhenPaused, PausableSystems};
use crate::game::play::round::{AnswerGiven, CurrentRound};
use crate::game::theme::answer_tile::{TileWidth, answer_button, answer_grid};
use crate::game::theme::countdown::countdown;
use crate::game::theme::palette::TILE_KEYS;
use crate::game::theme::prompt::prompt_block;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::answer_keys::solo_answer;
use crate::game::ui::menu::{Activated, DefaultFocus, KeysCaptured, MenuSystems};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{Answer, DealtQuestion};

pub use estimate::Slider;

/// An answer tile; the index is the choice's position as shown.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile(pub usize);

#[derive(Component)]
struct ScoreText;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(estimate::plugin)
        .add_systems(OnEnter(Screen::Question), spawn)
        .add_systems(OnExit(Screen::Question), release_keys)
        .add_systems(
            Update,
            (answer_keys, act)
                .in_set(GameSet::RecordInput)
                .in_set(PausableSystems)
                .after(MenuSystems)
                .run_if(in_state(Screen::Question).and_then(resource_exists::<CurrentRound>)),
        );
}

fn spawn(mut commands: Commands, current: Res<CurrentRound>, mut captured: ResMut<KeysCaptured>) {
    let Some(q) = current.round.current() else { return };
    let slider = Slider::for_question(q);
    captured.0 = slider.is_some();
    match &slider {
        Some(s) => commands.insert_resource(s.clone()),
        None => commands.remove_resource::<Slider>(),
    }

    commands
        .spawn((
            DespawnOnExit(Screen::Question),
            HiddenWhenPaused,
            widgets::screen(Node {
                align_items: AlignItems::Stretch,
                justify_content: JustifyContent::Start,
                padding: UiRect::axes(px(40), px(22)),
                row_gap: px(14),
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            status_bar(root, &current);
            countdown(root, q.limit.is_some(), "Practice: no timer");
            prompt_block(root, &q.question);
            let keys = match &slider {
                Some(s) => {
                    estimate::controls(root, s);
                    "Left and Right arrows move the slider (hold Shift for bigger steps) · Enter locks in · Esc pauses"
                        .to_string()
                }
                None => {
                    tiles(root, q);
                    let n = q.choices.len().max(1);
                    let letter = char::from(b'A' + (n - 1) as u8);
                    format!("Press 1–{n} (or A–{letter}), or click an answer · Esc pauses")
                }
            };
            root.spawn((widgets::text(keys, size::TINY, Ink::Muted), widgets::centred()));
        });
}

fn status_bar(root: &mut ChildSpawnerCommands, current: &CurrentRound) {
    root.spawn(Node {
        justify_content: JustifyContent::SpaceBetween,
        align_items: AlignItems::Center,
        ..default()
    })
    .with_children(|bar| {
        bar.spawn(widgets::bold(
            format!("Question {} of {}", current.round.number(), current.round.len()),
            size::SMALL,
            Ink::Muted,
        ));
        bar.spawn((ScoreText, widgets::bold(score_line(current), size::SMALL, Ink::Text)));
    });
}

/// "Score 2,350 · 2 correct · streak 2": the correct count always sits
/// beside the points.
pub fn score_line(current: &CurrentRound) -> String {
    let r = &current.round;
    let streak = r.streak().current;
    let streak = if streak >= 2 { format!(" · streak {streak}") } else { String::new() };
    format!("Score {} · {} correct{streak}", format_points(r.score()), r.correct())
}

fn tiles(root: &mut ChildSpawnerCommands, q: &DealtQuestion) {
    let n = q.choices.len();
    let half = n >= 2 || q.choices.iter().any(|c| c.chars().count() > 24);
    let width = if half { TileWidth::Half } else { TileWidth::Whole };
    let height = if n > 4 { 74.0 } else { 88.0 };
    root.spawn(answer_grid(14.0)).with_children(|grid| {
        for (i, choice) in q.choices.iter().enumerate() {
            let mut tile =
                grid.spawn(answer_button(i, choice, TILE_KEYS[i % TILE_KEYS.len()], width, height, Tile(i)));
            if i == 0 {
                tile.insert(DefaultFocus);
            }
        }
    });
}

/// 1–6 or A–F answer directly.
fn answer_keys(
    mut keys: MessageReader<KeyboardInput>,
    current: Res<CurrentRound>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    let n = current.round.current().map_or(0, |q| q.choices.len());
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        if let Some(index) = solo_answer(key.key_code).filter(|i| *i < n) {
            answers.write(AnswerGiven(Answer::Choice(index)));
        }
    }
}

/// A clicked tile (or Enter on the focused one) answers.
fn act(
    mut activated: MessageReader<Activated>,
    tiles: Query<&Tile>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    for Activated(entity) in activated.read() {
        if let Ok(Tile(i)) = tiles.get(*entity) {
            answers.write(AnswerGiven(Answer::Choice(*i)));
        }
    }
}

fn release_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}
