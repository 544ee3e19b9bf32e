//! A classroom question on the projector: the prompt, the answer tiles, the
//! countdown, and the teacher's controls; under the tiles, each buzzer
//! team's lock-in (`buzzers.rs`) or the teacher's entry grid (`entry.rs`).
//! Never what a team chose before the reveal.

mod buzzers;
mod entry;

use bevy::prelude::*;

use crate::game::Screen;
use crate::game::play::classroom::{BUZZER_LABELS, ClassSession};
use crate::game::play::pause::HiddenWhenPaused;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::answer_tile::{TileWidth, answer_grid, answer_tile};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::countdown::countdown;
use crate::game::theme::palette::TILE_KEYS;
use crate::game::theme::prompt::prompt_block;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::KeysCaptured;
use quorum_core::quiz::classroom::AnsweringStyle;

pub use entry::{EntryBuffer, EntryCell, EntryRow};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((buzzers::plugin, entry::plugin))
        .add_systems(OnEnter(Screen::ClassQuestion), (capture_keys, spawn))
        .add_systems(OnExit(Screen::ClassQuestion), release_keys);
}

/// The keyboard belongs to the teams and the teacher's keys here, not to
/// menu navigation (Space would press a focused button).
fn capture_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = true;
}

fn release_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}

fn spawn(mut commands: Commands, class: Res<ClassSession>) {
    let Some(q) = class.session.current() else { return };
    let session = &class.session;
    let buzzers = session.style == AnsweringStyle::Buzzers;
    commands
        .spawn((
            DespawnOnExit(Screen::ClassQuestion),
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
                        format!("Question {} of {}", session.number(), session.len()),
                        size::SMALL,
                        Ink::Muted,
                    ));
                    bar.spawn(widgets::text("F1: the teacher's keys", size::SMALL, Ink::Muted));
                },
            );
            countdown(root, q.limit.is_some(), "Untimed: reveal when every team is ready");
            prompt_block(root, &q.question);
            // The answers, with the keys that choose them.
            root.spawn(answer_grid(12.0)).with_children(|grid| {
                for (i, choice) in q.choices.iter().enumerate() {
                    let keys: Vec<&str> = if buzzers {
                        (0..session.teams.len()).map(|t| BUZZER_LABELS[t][i]).collect()
                    } else {
                        vec![TILE_KEYS[i]]
                    };
                    grid.spawn(answer_tile(i, choice, &keys.join(" "), TileWidth::Half, 64.0));
                }
            });
            if buzzers {
                buzzers::lock_ins(root, session);
            } else {
                entry::entry_grid(root, session, q.choices.len());
            }
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
