//! How the class split on a question: a bar per choice, as long as the share
//! who chose it, with the right answer ticked. The classroom reveal counts
//! teams; the students' devices reveal counts players.

use bevy::prelude::*;

use super::answer_tile::tile_shape;
use super::paint::{Fill, Ink};
use super::{size, widgets};
use quorum_core::quiz::DealtQuestion;

/// How tall a bar is: thick enough to see from the back of a classroom,
/// thin enough that six choices fit above the explanation.
const BAR_HEIGHT: f32 = 18.0;

/// A choice's bar, for tests and screenshots: how many chose it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceBar {
    pub choice: usize,
    pub count: usize,
}

/// What is counted, as "1 team" and "2 teams".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub one: &'static str,
    pub many: &'static str,
}

impl Counted {
    pub const TEAMS: Counted = Counted { one: "team", many: "teams" };
    pub const PLAYERS: Counted = Counted { one: "player", many: "players" };

    pub fn label(self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.one } else { self.many })
    }
}

/// A bar per choice of `q`: `tallies[i]` chose choice `i`, out of `total`.
/// A choice nobody chose has no bar at all.
pub fn choice_bars(
    columns: &mut ChildSpawnerCommands,
    q: &DealtQuestion,
    tallies: &[usize],
    total: usize,
    counted: Counted,
) {
    let correct = q.correct_choice();
    let side_by_side = q.choices.len() > 4;
    columns
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(if side_by_side { 6 } else { 8 }),
            flex_grow: 1.0,
            flex_basis: px(0),
            ..default()
        })
        .with_children(|bars| {
            for (i, choice) in q.choices.iter().enumerate() {
                let count = tallies.get(i).copied().unwrap_or(0);
                let is_right = Some(i) == correct;
                // The choice and its count on one line, the bar the column's
                // whole width beneath: a narrow track beside the text showed
                // every share as a small square, unreadable from the back row.
                // Five or six choices don't fit stacked, so each takes one line,
                // its bar in the line's right half.
                let choice_row = if side_by_side {
                    Node { column_gap: px(12), align_items: AlignItems::Center, ..default() }
                } else {
                    Node { flex_direction: FlexDirection::Column, row_gap: px(3), ..default() }
                };
                bars.spawn(choice_row).with_children(|choice_row| {
                    choice_row
                        .spawn(Node {
                            column_gap: px(10),
                            align_items: AlignItems::Center,
                            flex_grow: if side_by_side { 3.0 } else { 0.0 },
                            flex_basis: if side_by_side { px(0) } else { Val::Auto },
                            ..default()
                        })
                        .with_children(|line| {
                            line.spawn(tile_shape(i, 26.0, Ink::Tile(i)));
                            // A growing box around the text: text given a width
                            // directly is measured as if much narrower.
                            line.spawn(Node { flex_grow: 1.0, flex_basis: px(0), ..default() }).with_child(
                                widgets::bold(
                                    choice.clone(),
                                    size::SMALL,
                                    if is_right { Ink::Text } else { Ink::Muted },
                                ),
                            );
                            line.spawn((
                                widgets::bold(counted.label(count), size::SMALL, Ink::Text),
                                TextLayout::no_wrap(),
                            ));
                            // The right answer is marked by a tick, not only by colour.
                            let (mark, ink) =
                                if is_right { ("✔", Ink::Correct) } else { (" ", Ink::Muted) };
                            line.spawn((
                                widgets::symbol(mark, size::BODY, ink),
                                Node { width: px(26), ..default() },
                            ));
                        });
                    // The track shows the whole class, so a bar reads as a share of it.
                    choice_row
                        .spawn(widgets::filled(
                            Node {
                                height: px(BAR_HEIGHT),
                                border_radius: BorderRadius::all(px(6)),
                                flex_grow: if side_by_side { 2.0 } else { 0.0 },
                                flex_basis: if side_by_side { px(0) } else { Val::Auto },
                                ..default()
                            },
                            Fill::Track,
                        ))
                        .with_children(|track| {
                            let share = if total == 0 { 0.0 } else { 100.0 * count as f32 / total as f32 };
                            track.spawn((
                                ChoiceBar { choice: i, count },
                                widgets::filled(
                                    Node {
                                        width: percent(share.min(100.0)),
                                        height: percent(100),
                                        border_radius: BorderRadius::all(px(6)),
                                        display: if count == 0 { Display::None } else { Display::Flex },
                                        ..default()
                                    },
                                    Fill::Tile(i),
                                ),
                            ));
                        });
                });
            }
        });
}
