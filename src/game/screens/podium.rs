//! The end of a session, first a podium for the top three.

use bevy::prelude::*;

use crate::game::Screen;
use crate::game::play::classroom::ClassSession;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::team::team_badge;
use crate::game::theme::{Fill, Ink, size, widgets};
use quorum_core::quiz::scoring::format_points;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Podium), spawn);
}

fn spawn(mut commands: Commands, class: Res<ClassSession>) {
    let standings = class.session.standings();
    // Second on the left, first in the middle, third on the right.
    let order: Vec<usize> = [1, 0, 2].into_iter().filter(|i| *i < standings.len()).collect();
    commands
        .spawn((
            DespawnOnExit(Screen::Podium),
            widgets::screen(Node { row_gap: px(16), ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold("Final results", size::TITLE, Ink::Text));
            root.spawn(Node {
                align_items: AlignItems::End,
                column_gap: px(18),
                height: px(420),
                ..default()
            })
            .with_children(|podium| {
                for i in order {
                    let s = &standings[i];
                    let height = [320.0, 240.0, 180.0][i];
                    podium
                        .spawn(Node {
                            flex_direction: FlexDirection::Column,
                            align_items: AlignItems::Center,
                            row_gap: px(8),
                            width: px(280),
                            ..default()
                        })
                        .with_children(|col| {
                            col.spawn(team_badge(s.team, 64.0));
                            col.spawn((
                                widgets::bold(class.session.teams[s.team].clone(), size::BODY, Ink::Text),
                                widgets::centred(),
                            ));
                            col.spawn((
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
                                (BackgroundColor::default(), Fill::Team(s.team)),
                            ))
                            .with_children(|block| {
                                block.spawn(widgets::bold(s.place().label(), size::HEADING, Ink::OnTeam));
                                block.spawn(widgets::bold(format_points(s.points), size::TILE, Ink::OnTeam));
                                block.spawn(widgets::bold(
                                    format!("{} correct", s.correct),
                                    size::TILE,
                                    Ink::OnTeam,
                                ));
                            });
                        });
                }
            });
            control_bar(root, &[("Every team and question (N)", Control(TeacherCommand::Next))]);
        });
    commands.queue(|world: &mut World| super::focus_control(world, TeacherCommand::Next));
}
