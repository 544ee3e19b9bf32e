//! The end of a session, first a podium for the top three.

use bevy::prelude::*;

use super::class_question::control_bar;
use super::class_setup::team_badge;
use super::leaderboard::place;
use crate::game::Screen;
use crate::game::classroom::{ClassSession, TeacherCommand};
use crate::game::theme::{Fonts, Theme, size, widgets};
use quorum_core::quiz::scoring::format_points;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Podium), spawn);
}

fn spawn(mut commands: Commands, class: Res<ClassSession>, theme: Res<Theme>, fonts: Res<Fonts>) {
    let p = theme.palette.clone();
    let standings = class.session.standings();
    // Second on the left, first in the middle, third on the right.
    let order: Vec<usize> = [1, 0, 2].into_iter().filter(|i| *i < standings.len()).collect();
    commands
        .spawn((
            DespawnOnExit(Screen::Podium),
            widgets::screen(&theme, Node { row_gap: px(16), ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(&fonts, "Final results", size::TITLE, p.text));
            root.spawn(Node {
                align_items: AlignItems::End,
                column_gap: px(18),
                height: px(420),
                ..default()
            })
            .with_children(|podium| {
                for i in order {
                    let s = &standings[i];
                    let shared = standings.iter().filter(|o| o.rank == s.rank).count() > 1;
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
                            col.spawn(team_badge(&theme, &fonts, s.team, 64.0));
                            col.spawn((
                                widgets::bold(
                                    &fonts,
                                    class.session.teams[s.team].clone(),
                                    size::BODY,
                                    p.text,
                                ),
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
                                BackgroundColor(p.teams[s.team % p.teams.len()]),
                            ))
                            .with_children(|block| {
                                block.spawn(widgets::bold(
                                    &fonts,
                                    place(s.rank, shared),
                                    size::HEADING,
                                    p.team_text,
                                ));
                                block.spawn(widgets::bold(
                                    &fonts,
                                    format_points(s.points),
                                    size::BODY,
                                    p.team_text,
                                ));
                                block.spawn(widgets::text(
                                    format!("{} correct", s.correct),
                                    size::SMALL,
                                    p.team_text,
                                ));
                            });
                        });
                }
            });
            control_bar(root, &theme, &fonts, &[("Every team and question (N)", TeacherCommand::Next)]);
        });
    commands.queue(|world: &mut World| super::focus_control(world, TeacherCommand::Next));
}
