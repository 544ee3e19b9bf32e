//! The leaderboard between questions: teams by points with their correct
//! answers, rows sliding from their old places to their new ones.

use std::time::Duration;

use bevy::prelude::*;

use super::class_question::control_bar;
use super::class_setup::team_badge;
use crate::game::classroom::{ClassSession, TeacherCommand};
use crate::game::theme::{Fonts, Theme, size, widgets};
use crate::game::window::KeepDrawing;
use crate::game::{GameSet, Screen};
use quorum_core::quiz::scoring::format_points;

const ROW_HEIGHT: f32 = 68.0;
const SLIDE: Duration = Duration::from_millis(900);

/// A team's row, sliding from its old place to its new one.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct LeaderRow {
    pub team: usize,
    pub from: usize,
    pub to: usize,
}

/// When the rows started moving.
#[derive(Resource, Debug, Clone, Copy)]
struct SlideStart(Duration);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Leaderboard), spawn)
        .add_systems(OnExit(Screen::Leaderboard), remember_order)
        .add_systems(Update, slide.in_set(GameSet::Update).run_if(in_state(Screen::Leaderboard)));
}

/// "1st", "=2nd" (a shared place).
pub fn place(rank: usize, shared: bool) -> String {
    let suffix = match (rank % 10, rank % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{}{rank}{suffix}", if shared { "=" } else { "" })
}

fn spawn(
    mut commands: Commands,
    class: Res<ClassSession>,
    time: Res<Time<Real>>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
    mut keep: ResMut<KeepDrawing>,
) {
    let p = theme.palette.clone();
    let standings = class.session.standings();
    let n = standings.len();
    commands.insert_resource(SlideStart(time.elapsed()));
    keep.animation = true;
    commands
        .spawn((
            DespawnOnExit(Screen::Leaderboard),
            widgets::screen(&theme, Node { row_gap: px(14), ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                &fonts,
                format!("Leaderboard after question {}", class.session.number()),
                size::HEADING,
                p.text,
            ));
            root.spawn(Node { width: px(900), height: px(ROW_HEIGHT * n as f32), ..default() })
                .with_children(|board| {
                    for (to, s) in standings.iter().enumerate() {
                        let from = class.previous_order.iter().position(|t| *t == s.team).unwrap_or(to);
                        let shared = standings.iter().filter(|o| o.rank == s.rank).count() > 1;
                        board
                            .spawn((
                                LeaderRow { team: s.team, from, to },
                                Node {
                                    position_type: PositionType::Absolute,
                                    top: px(ROW_HEIGHT * from as f32),
                                    left: px(0),
                                    right: px(0),
                                    height: px(ROW_HEIGHT - 8.0),
                                    column_gap: px(18),
                                    padding: UiRect::axes(px(20), px(0)),
                                    align_items: AlignItems::Center,
                                    border_radius: BorderRadius::all(px(12)),
                                    ..default()
                                },
                                BackgroundColor(if to == 0 { p.panel_raised } else { p.panel }),
                            ))
                            .with_children(|row| {
                                row.spawn((
                                    widgets::bold(&fonts, place(s.rank, shared), size::BODY, p.accent),
                                    Node { width: px(70), ..default() },
                                ));
                                row.spawn(team_badge(&theme, &fonts, s.team, 40.0));
                                row.spawn((
                                    widgets::bold(
                                        &fonts,
                                        class.session.teams[s.team].clone(),
                                        size::BODY,
                                        p.text,
                                    ),
                                    TextLayout::no_wrap(),
                                    Node { flex_grow: 1.0, ..default() },
                                ));
                                row.spawn((
                                    widgets::text(
                                        format!("{} correct", s.correct),
                                        size::SMALL,
                                        p.text_muted,
                                    ),
                                    TextLayout::no_wrap(),
                                ));
                                row.spawn((
                                    widgets::bold(&fonts, format_points(s.points), size::BODY, p.text),
                                    TextLayout::no_wrap(),
                                    Node {
                                        width: px(120),
                                        justify_content: JustifyContent::End,
                                        ..default()
                                    },
                                ));
                            });
                    }
                });
            control_bar(
                root,
                &theme,
                &fonts,
                &[("Next question (N)", TeacherCommand::Next), ("End session (E)", TeacherCommand::End)],
            );
        });
    commands.queue(|world: &mut World| super::focus_control(world, TeacherCommand::Next));
}

/// Rows ease from their old place to their new one, then drawing stops.
fn slide(
    time: Res<Time<Real>>,
    start: Option<Res<SlideStart>>,
    mut rows: Query<(&LeaderRow, &mut Node)>,
    mut keep: ResMut<KeepDrawing>,
) {
    let Some(start) = start else { return };
    if !keep.animation {
        return;
    }
    let t = (time.elapsed().saturating_sub(start.0).as_secs_f32() / SLIDE.as_secs_f32()).min(1.0);
    let eased = 1.0 - (1.0 - t).powi(3);
    for (row, mut node) in &mut rows {
        let place = row.from as f32 + (row.to as f32 - row.from as f32) * eased;
        node.top = px(ROW_HEIGHT * place);
    }
    if t >= 1.0 {
        keep.animation = false;
    }
}

fn remember_order(mut class: ResMut<ClassSession>, mut keep: ResMut<KeepDrawing>) {
    class.previous_order = class.session.standings().iter().map(|s| s.team).collect();
    keep.animation = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_english() {
        assert_eq!(place(1, false), "1st");
        assert_eq!(place(2, true), "=2nd");
        assert_eq!(place(3, false), "3rd");
        assert_eq!(place(4, false), "4th");
        assert_eq!(place(11, false), "11th");
        assert_eq!(place(22, false), "22nd");
    }
}
