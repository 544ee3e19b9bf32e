//! The classroom reveal: how many teams chose each answer (a bar per
//! choice), each team's answer with right or wrong, points and streak, then
//! the correct answer, the explanation and the article's words.

use bevy::prelude::*;

use crate::game::Screen;
use crate::game::play::classroom::ClassSession;
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::answer_tile::tile_shape;
use crate::game::theme::choice_bars::{Counted, choice_bars};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::explanation::{Layout, explanation, verdict_mark, verdict_text};
use crate::game::theme::team::team_badge;
use crate::game::theme::{Ink, size, widgets};
use quorum_core::quiz::Answer;
use quorum_core::quiz::classroom::{QuestionResult, TeamRecord};
use quorum_core::quiz::scoring::format_points;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::ClassReveal), spawn);
}

fn spawn(mut commands: Commands, class: Res<ClassSession>) {
    let Some(result) = class.session.last_result() else { return };
    let q = &result.question;
    let due = class.session.leaderboard_due();
    let next_label = if class.session.is_last() {
        "Final results (N)"
    } else if due {
        "Leaderboard (N)"
    } else {
        "Next question (N)"
    };

    commands
        .spawn((
            DespawnOnExit(Screen::ClassReveal),
            widgets::screen(Node {
                row_gap: px(10),
                padding: UiRect::axes(px(36), px(16)),
                justify_content: JustifyContent::Start,
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                format!("Question {} of {}", class.session.number(), class.session.len()),
                size::SMALL,
                Ink::Muted,
            ));
            let (headline, ink) = if result.skipped {
                ("Skipped: no points this time".to_string(), Ink::Muted)
            } else {
                (format!("The answer: {}", q.question.answer_text()), Ink::Correct)
            };
            root.spawn((widgets::bold(headline, size::HEADING, ink), widgets::centred()));
            if !result.skipped {
                root.spawn(Node { column_gap: px(28), width: percent(100), ..default() }).with_children(
                    |columns| {
                        if !q.choices.is_empty() {
                            let teams = class.session.teams.len();
                            choice_bars(columns, q, &class.session.tallies(), teams, Counted::TEAMS);
                        }
                        team_rows(columns, result, &class.session.teams);
                    },
                );
            }
            explanation(root, &q.question, Layout::Columns);
            let mut buttons = vec![(next_label, Control(TeacherCommand::Next))];
            if due {
                buttons.push(("Skip the leaderboard (K)", Control(TeacherCommand::SkipLeaderboard)));
            } else if !class.session.is_last() {
                buttons.push(("Leaderboard (L)", Control(TeacherCommand::Leaderboard)));
            }
            buttons.push(("End session (E)", Control(TeacherCommand::End)));
            control_bar(root, &buttons);
        });
    // Enter or a click continues, as on every screen.
    commands.queue(|world: &mut World| super::focus_control(world, TeacherCommand::Next));
}

/// Each team: its answer, right or wrong, points and streak.
fn team_rows(columns: &mut ChildSpawnerCommands, result: &QuestionResult, names: &[String]) {
    columns
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            flex_grow: 1.0,
            flex_basis: px(0),
            ..default()
        })
        .with_children(|rows| {
            for (team, record) in result.teams.iter().enumerate() {
                team_row(rows, result, team, record, &names[team]);
            }
        });
}

fn team_row(
    rows: &mut ChildSpawnerCommands,
    result: &QuestionResult,
    team: usize,
    record: &TeamRecord,
    name: &str,
) {
    let r = &record.record;
    let (mark, ink) = verdict_mark(r.verdict);
    rows.spawn(widgets::panel(Node {
        column_gap: px(10),
        align_items: AlignItems::Center,
        padding: UiRect::axes(px(10), px(6)),
        border_radius: BorderRadius::all(px(8)),
        ..default()
    }))
    .with_children(|row| {
        row.spawn(team_badge(team, 30.0));
        row.spawn((
            widgets::bold(name, size::SMALL, Ink::Text),
            TextLayout::no_wrap(),
            Node { width: px(160), ..default() },
        ));
        match r.answer {
            Some(Answer::Choice(i)) => {
                row.spawn(tile_shape(i, 30.0, Ink::Tile(i)));
            }
            Some(a) => {
                row.spawn(widgets::text(result.question.describe(Some(a)), size::SMALL, Ink::Text));
            }
            None => {
                row.spawn(widgets::text("no answer", size::SMALL, Ink::Muted));
            }
        }
        row.spawn(widgets::symbol(mark, size::TILE, ink));
        row.spawn((widgets::bold(verdict_text(r.verdict), size::TILE, ink), TextLayout::no_wrap()));
        row.spawn(Node { flex_grow: 1.0, ..default() });
        let streak = if r.streak >= 2 { format!("streak {}", r.streak) } else { String::new() };
        row.spawn((widgets::text(streak, size::SMALL, Ink::Muted), TextLayout::no_wrap()));
        row.spawn((
            widgets::bold(format!("+{}", format_points(r.points.total())), size::BODY, Ink::Accent),
            TextLayout::no_wrap(),
            Node { width: px(80), ..default() },
        ));
    });
}
