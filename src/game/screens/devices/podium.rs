//! The end of a students' devices session, first a podium for the top three
//! players; N goes on to the final table with every player.

use bevy::prelude::*;

use super::players;
use crate::game::Screen;
use crate::game::play::devices::Shown;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::{Fill, Ink, size, widgets};
use quorum_core::quiz::scoring::format_points;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::DevicesPodium), spawn);
}

fn spawn(mut commands: Commands, shown: Option<Res<Shown>>) {
    let Some(shown) = shown else { return };
    let standings = &shown.standings;
    // Second on the left, first in the middle, third on the right.
    let order: Vec<usize> = [1, 0, 2].into_iter().filter(|i| *i < standings.len()).collect();
    commands
        .spawn((
            DespawnOnExit(Screen::DevicesPodium),
            widgets::screen(Node { row_gap: px(16), ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold("Final results", size::TITLE, Ink::Text));
            if standings.is_empty() {
                root.spawn(widgets::text("No one was playing at the end.", size::BODY, Ink::Muted));
            }
            root.spawn(Node {
                align_items: AlignItems::End,
                column_gap: px(18),
                height: px(400),
                ..default()
            })
            .with_children(|podium| {
                for i in order {
                    let s = &standings[i];
                    let name = shown.player(s.seat).map(|p| p.name.clone()).unwrap_or_default();
                    let height = [300.0, 220.0, 160.0][i];
                    let (fill, ink) = if s.place.rank == 1 {
                        (Fill::Accent, Ink::OnAccent)
                    } else {
                        (Fill::Raised, Ink::Text)
                    };
                    podium
                        .spawn(Node {
                            flex_direction: FlexDirection::Column,
                            align_items: AlignItems::Center,
                            row_gap: px(8),
                            width: px(300),
                            ..default()
                        })
                        .with_children(|col| {
                            col.spawn((widgets::bold(name, size::HEADING, Ink::Text), widgets::centred()));
                            col.spawn(widgets::filled(
                                Node {
                                    width: percent(100),
                                    height: px(height),
                                    flex_direction: FlexDirection::Column,
                                    align_items: AlignItems::Center,
                                    padding: UiRect::top(px(14)),
                                    row_gap: px(4),
                                    border_radius: BorderRadius::top(px(14)),
                                    ..default()
                                },
                                fill,
                            ))
                            .with_children(|block| {
                                block.spawn(widgets::bold(s.place.label(), size::HEADING, ink));
                                block.spawn(widgets::bold(format_points(s.points), size::TILE, ink));
                                block.spawn(widgets::bold(format!("{} right", s.correct), size::TILE, ink));
                            });
                        });
                }
            });
            root.spawn(widgets::text(
                "Every player sees their own place and score on their device.",
                size::SMALL,
                Ink::Muted,
            ));
            let label = format!("Every player and question: {} (N)", players(standings.len()));
            control_bar(root, &[(label.as_str(), Control(TeacherCommand::Next))]);
        });
    commands.queue(|world: &mut World| super::super::focus_control(world, TeacherCommand::Next));
}
