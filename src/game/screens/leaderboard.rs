//! The leaderboard between questions: teams by points with their correct
//! answers, rows sliding from their old places to their new ones.

use std::time::Duration;

use bevy::prelude::*;

use crate::game::play::classroom::ClassSession;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::team::team_badge;
use crate::game::theme::{Fill, Ink, size, widgets};
use crate::game::ui::window::KeepDrawing;
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

fn spawn(
    mut commands: Commands,
    class: Res<ClassSession>,
    time: Res<Time<Real>>,
    mut keep: ResMut<KeepDrawing>,
) {
    let standings = class.session.standings();
    let n = standings.len();
    commands.insert_resource(SlideStart(time.elapsed()));
    keep.animation = true;
    commands
        .spawn((
            DespawnOnExit(Screen::Leaderboard),
            widgets::screen(Node { row_gap: px(14), ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                format!("Leaderboard after question {}", class.session.number()),
                size::HEADING,
                Ink::Text,
            ));
            root.spawn(Node { width: px(900), height: px(ROW_HEIGHT * n as f32), ..default() })
                .with_children(|board| {
                    for (to, s) in standings.iter().enumerate() {
                        let from = class.previous_order.iter().position(|t| *t == s.team).unwrap_or(to);
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
                                BackgroundColor::default(),
                                if to == 0 { Fill::Raised } else { Fill::Panel },
                            ))
                            .with_children(|row| {
                                row.spawn((
                                    widgets::bold(s.place().label(), size::BODY, Ink::Accent),
                                    Node { width: px(70), ..default() },
                                ));
                                row.spawn(team_badge(s.team, 40.0));
                                row.spawn((
                                    widgets::bold(class.session.teams[s.team].clone(), size::BODY, Ink::Text),
                                    TextLayout::no_wrap(),
                                    Node { flex_grow: 1.0, ..default() },
                                ));
                                row.spawn((
                                    widgets::bold(format!("{} correct", s.correct), size::TILE, Ink::Text),
                                    TextLayout::no_wrap(),
                                ));
                                row.spawn((
                                    widgets::bold(format_points(s.points), size::BODY, Ink::Text),
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
                &[
                    ("Next question (N)", Control(TeacherCommand::Next)),
                    ("End session (E)", Control(TeacherCommand::End)),
                ],
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
