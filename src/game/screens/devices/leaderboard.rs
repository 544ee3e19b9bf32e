//! The leaderboard between questions when students answer on their
//! devices: the top ten players in two columns (place, name, right answers
//! and points in one short row), and a "+N more" line for the rest, whose
//! place is on their own page.

use bevy::prelude::*;

use super::players;
use crate::game::Screen;
use crate::game::play::devices::Shown;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::{Fill, Ink, size, widgets};
use quorum_core::quiz::scoring::format_points;
use quorum_lan::Seat;

/// Players on the board; the rest are counted.
const TOP: usize = 10;
const PER_COLUMN: usize = 5;

/// A player's line on the board, for tests.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaderLine {
    pub seat: Seat,
    pub points: u32,
}

/// The "+N more" line, for tests.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoreLine(pub usize);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::DevicesLeaderboard), spawn);
}

fn spawn(mut commands: Commands, shown: Option<Res<Shown>>) {
    let Some(shown) = shown else { return };
    let standings = &shown.standings;
    let closed = shown.last_result.as_ref().map_or(shown.number, |r| r.number);
    commands
        .spawn((
            DespawnOnExit(Screen::DevicesLeaderboard),
            widgets::screen(Node { row_gap: px(14), ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                format!("Leaderboard after question {closed}"),
                size::HEADING,
                Ink::Text,
            ));
            root.spawn(Node { column_gap: px(24), align_items: AlignItems::Start, ..default() })
                .with_children(|board| {
                    for column in standings.iter().take(TOP).collect::<Vec<_>>().chunks(PER_COLUMN) {
                        board
                            .spawn(Node {
                                flex_direction: FlexDirection::Column,
                                row_gap: px(8),
                                ..default()
                            })
                            .with_children(|col| {
                                for s in column {
                                    let name =
                                        shown.player(s.seat).map(|p| p.name.clone()).unwrap_or_default();
                                    line(col, s.place.label(), name, s.correct, s.points, s.place.rank == 1)
                                        .insert(LeaderLine { seat: s.seat, points: s.points });
                                }
                            });
                    }
                });
            if standings.len() > TOP {
                let more = standings.len() - TOP;
                root.spawn((
                    MoreLine(more),
                    widgets::bold(
                        format!("+{} more: your place is on your device", players(more)),
                        size::BODY,
                        Ink::Muted,
                    ),
                ));
            }
            control_bar(
                root,
                &[
                    ("Next question (N)", Control(TeacherCommand::Next)),
                    ("End session (E)", Control(TeacherCommand::End)),
                ],
            );
        });
    commands.queue(|world: &mut World| super::super::focus_control(world, TeacherCommand::Next));
}

/// One player's row: place, name, right answers and points, close together.
fn line<'a>(
    col: &'a mut ChildSpawnerCommands,
    place: String,
    name: String,
    correct: usize,
    points: u32,
    first: bool,
) -> EntityCommands<'a> {
    let mut row = col.spawn((
        Node {
            width: px(560),
            height: px(62),
            column_gap: px(14),
            padding: UiRect::axes(px(16), px(0)),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        BackgroundColor::default(),
        if first { Fill::Raised } else { Fill::Panel },
    ));
    row.with_children(|row| {
        row.spawn((
            widgets::bold(place, size::BODY, Ink::Accent),
            TextLayout::no_wrap(),
            Node { width: px(64), flex_shrink: 0.0, ..default() },
        ));
        row.spawn((
            widgets::bold(name, size::BODY, Ink::Text),
            TextLayout::no_wrap(),
            Node { flex_grow: 1.0, overflow: Overflow::clip(), ..default() },
        ));
        row.spawn((
            widgets::text(format!("{correct} right"), size::SMALL, Ink::Muted),
            TextLayout::no_wrap(),
        ));
        row.spawn((
            widgets::bold(format_points(points), size::BODY, Ink::Text),
            TextLayout::no_wrap(),
            Node { width: px(100), justify_content: JustifyContent::End, flex_shrink: 0.0, ..default() },
        ));
    });
    row
}
