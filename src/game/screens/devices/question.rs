//! A question while students answer on their devices: the prompt, the
//! answer tiles lettered as on the students' page (or the estimate's range),
//! the countdown, "answered: 17 of 24", and the teacher's controls. Never
//! who chose what: only how many have answered.

use bevy::prelude::*;

use crate::game::GameSet;
use crate::game::Screen;
use crate::game::play::devices::{Hosted, Shown};
use crate::game::play::pause::HiddenWhenPaused;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::answer_tile::{TileWidth, answer_grid, answer_tile};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::countdown::countdown;
use crate::game::theme::palette::TILE_LETTERS;
use crate::game::theme::prompt::prompt_block;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::KeysCaptured;
use quorum_core::quiz::Answer;

/// The "answered: 17 of 24" line, kept up to date as answers come in.
#[derive(Component, Debug, Clone, Copy)]
pub struct AnsweredCount;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::DevicesQuestion), (capture_keys, spawn))
        .add_systems(OnExit(Screen::DevicesQuestion), release_keys)
        .add_systems(
            Update,
            count_answers
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::DevicesQuestion).and_then(resource_changed::<Shown>)),
        );
}

/// The keyboard is the teacher's here (Space pauses; it must not press a button).
fn capture_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = true;
}

fn release_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}

fn answered_text(shown: &Shown) -> String {
    format!("Answered: {} of {}", shown.answered, shown.expected)
}

fn spawn(mut commands: Commands, hosted: Option<Res<Hosted>>, shown: Option<Res<Shown>>) {
    let (Some(hosted), Some(shown)) = (hosted, shown) else { return };
    let Some(q) = hosted.host().questions().get(shown.number.wrapping_sub(1)) else { return };
    commands
        .spawn((
            DespawnOnExit(Screen::DevicesQuestion),
            HiddenWhenPaused,
            widgets::screen(Node {
                align_items: AlignItems::Stretch,
                justify_content: JustifyContent::Start,
                padding: UiRect::axes(px(36), px(16)),
                row_gap: px(10),
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(Node { justify_content: JustifyContent::SpaceBetween, ..default() }).with_children(
                |bar| {
                    bar.spawn(widgets::bold(
                        format!("Question {} of {}", shown.number, shown.total),
                        size::SMALL,
                        Ink::Muted,
                    ));
                    bar.spawn(widgets::text(
                        format!("PIN {}  ·  F1: the teacher's keys", shown.pin),
                        size::SMALL,
                        Ink::Muted,
                    ));
                },
            );
            countdown(root, q.limit.is_some(), "Untimed: reveal when everyone is ready");
            prompt_block(root, &q.question);
            match q.scale() {
                Some(scale) => {
                    let from = q.describe(Some(Answer::Estimate(scale.min)));
                    let to = q.describe(Some(Answer::Estimate(scale.max)));
                    root.spawn((
                        widgets::bold(
                            format!("Estimate on your device: a number from {from} to {to}"),
                            size::TILE,
                            Ink::Text,
                        ),
                        widgets::centred(),
                    ));
                }
                None => {
                    root.spawn(answer_grid(12.0)).with_children(|grid| {
                        for (i, choice) in q.choices.iter().enumerate() {
                            let letter = TILE_LETTERS[i % TILE_LETTERS.len()];
                            grid.spawn(answer_tile(i, choice, letter, TileWidth::Half, 64.0));
                        }
                    });
                }
            }
            root.spawn((
                AnsweredCount,
                widgets::bold(answered_text(&shown), size::HEADING, Ink::Accent),
                widgets::centred(),
            ));
            control_bar(
                root,
                &[
                    ("Pause (Space)", Control(TeacherCommand::Pause)),
                    ("Reveal (R)", Control(TeacherCommand::Reveal)),
                    ("Skip the question (S)", Control(TeacherCommand::Skip)),
                    ("-10 s", Control(TeacherCommand::AddTime(-10))),
                    ("+10 s", Control(TeacherCommand::AddTime(10))),
                    ("End session (E)", Control(TeacherCommand::End)),
                ],
            );
        });
}

fn count_answers(shown: Res<Shown>, mut texts: Query<&mut Text, With<AnsweredCount>>) {
    let line = answered_text(&shown);
    for mut text in &mut texts {
        if text.0 != line {
            text.0 = line.clone();
        }
    }
}
