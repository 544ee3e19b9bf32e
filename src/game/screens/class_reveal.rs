//! The classroom reveal: how many teams chose each answer (a bar per
//! choice), each team's answer with right or wrong, points and streak, then
//! the correct answer, the explanation and the article's words.

use bevy::prelude::*;

use super::class_question::control_bar;
use super::class_setup::team_badge;
use super::reveal::verdict_text;
use crate::game::Screen;
use crate::game::classroom::{ClassSession, TeacherCommand, leaderboard_due};
use crate::game::theme::{Fonts, Theme, size, widgets};
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{Answer, Verdict};

/// A choice's bar, for tests and screenshots: how many teams chose it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceBar {
    pub choice: usize,
    pub teams: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::ClassReveal), spawn);
}

fn spawn(mut commands: Commands, class: Res<ClassSession>, theme: Res<Theme>, fonts: Res<Fonts>) {
    let Some(result) = class.session.last_result() else { return };
    let p = theme.palette.clone();
    let q = &result.question;
    let tallies = class.session.tallies();
    let teams = class.session.teams.len();
    let correct = q.correct_choice();
    let next_label = if class.session.is_last() {
        "Final results (N)"
    } else if leaderboard_due(&class) {
        "Leaderboard (N)"
    } else {
        "Next question (N)"
    };

    commands
        .spawn((
            DespawnOnExit(Screen::ClassReveal),
            widgets::screen(
                &theme,
                Node {
                    row_gap: px(10),
                    padding: UiRect::axes(px(36), px(16)),
                    justify_content: JustifyContent::Start,
                    ..widgets::screen_node()
                },
            ),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                &fonts,
                format!("Question {} of {}", class.session.number(), class.session.len()),
                size::SMALL,
                p.text_muted,
            ));
            let headline = if result.skipped {
                "Skipped: no points this time".to_string()
            } else {
                format!("The answer: {}", q.question.answer_text())
            };
            root.spawn((
                widgets::bold(
                    &fonts,
                    headline,
                    size::HEADING,
                    if result.skipped { p.text_muted } else { p.correct_text },
                ),
                widgets::centred(),
            ));
            root.spawn(Node { column_gap: px(28), width: percent(100), ..default() }).with_children(
                |columns| {
                    // How the class split, a bar per choice.
                    if !q.choices.is_empty() && !result.skipped {
                        columns
                            .spawn(Node {
                                flex_direction: FlexDirection::Column,
                                row_gap: px(10),
                                flex_grow: 1.0,
                                flex_basis: px(0),
                                ..default()
                            })
                            .with_children(|bars| {
                                for (i, choice) in q.choices.iter().enumerate() {
                                    let count = tallies.get(i).copied().unwrap_or(0);
                                    let is_right = Some(i) == correct;
                                    bars.spawn(Node {
                                        column_gap: px(10),
                                        align_items: AlignItems::Center,
                                        ..default()
                                    })
                                    .with_children(|row| {
                                        row.spawn(widgets::tile_shape(
                                            &fonts,
                                            i,
                                            26.0,
                                            p.tiles[i % p.tiles.len()],
                                        ));
                                        let colour = if is_right { p.text } else { p.text_muted };
                                        // A sized box around the text: text given a width directly is
                                        // measured as if much narrower.
                                        row.spawn(Node { width: px(250), flex_shrink: 0.0, ..default() })
                                            .with_child(widgets::bold(
                                                &fonts,
                                                choice.clone(),
                                                size::SMALL,
                                                colour,
                                            ));
                                        row.spawn(Node { flex_grow: 1.0, height: px(30), ..default() })
                                            .with_children(|track| {
                                                track.spawn((
                                                    ChoiceBar { choice: i, teams: count },
                                                    Node {
                                                        width: percent(if teams == 0 {
                                                            0.0
                                                        } else {
                                                            100.0 * count as f32 / teams as f32
                                                        }),
                                                        min_width: px(6),
                                                        height: percent(100),
                                                        border_radius: BorderRadius::all(px(6)),
                                                        ..default()
                                                    },
                                                    BackgroundColor(p.tiles[i % p.tiles.len()]),
                                                    Outline::new(
                                                        px(3),
                                                        px(1),
                                                        if is_right { p.correct } else { Color::NONE },
                                                    ),
                                                ));
                                            });
                                        let label =
                                            format!("{count} team{}", if count == 1 { "" } else { "s" });
                                        row.spawn((
                                            widgets::bold(&fonts, label, size::SMALL, p.text),
                                            TextLayout::no_wrap(),
                                            Node { width: px(80), ..default() },
                                        ));
                                        if is_right {
                                            row.spawn(widgets::symbol(
                                                &fonts,
                                                "✔",
                                                size::SMALL,
                                                p.correct_text,
                                            ));
                                        }
                                    });
                                }
                            });
                    }
                    // Each team: its answer, right or wrong, points and streak.
                    if !result.skipped {
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
                                    let r = &record.record;
                                    let (mark, colour) = match r.verdict {
                                        Verdict::Correct => ("✔", p.correct_text),
                                        Verdict::Close(_) => ("◐", p.partial_text),
                                        _ => ("✘", p.wrong_text),
                                    };
                                    rows.spawn((
                                        Node {
                                            column_gap: px(10),
                                            align_items: AlignItems::Center,
                                            padding: UiRect::axes(px(10), px(6)),
                                            border_radius: BorderRadius::all(px(8)),
                                            ..default()
                                        },
                                        BackgroundColor(p.panel),
                                    ))
                                    .with_children(|row| {
                                        row.spawn(team_badge(&theme, &fonts, team, 30.0));
                                        row.spawn((
                                            widgets::bold(
                                                &fonts,
                                                class.session.teams[team].clone(),
                                                size::SMALL,
                                                p.text,
                                            ),
                                            TextLayout::no_wrap(),
                                            Node { width: px(160), ..default() },
                                        ));
                                        match r.answer {
                                            Some(Answer::Choice(i)) => {
                                                row.spawn(widgets::tile_shape(
                                                    &fonts,
                                                    i,
                                                    22.0,
                                                    p.tiles[i % p.tiles.len()],
                                                ));
                                            }
                                            Some(a) => {
                                                row.spawn(widgets::text(
                                                    q.describe(Some(a)),
                                                    size::SMALL,
                                                    p.text,
                                                ));
                                            }
                                            None => {
                                                row.spawn(widgets::text(
                                                    "no answer",
                                                    size::SMALL,
                                                    p.text_muted,
                                                ));
                                            }
                                        }
                                        row.spawn(widgets::symbol(&fonts, mark, size::BODY, colour));
                                        row.spawn((
                                            widgets::text(verdict_text(r.verdict), size::SMALL, colour),
                                            TextLayout::no_wrap(),
                                        ));
                                        row.spawn(Node { flex_grow: 1.0, ..default() });
                                        let streak = if r.streak >= 2 {
                                            format!("streak {}", r.streak)
                                        } else {
                                            String::new()
                                        };
                                        row.spawn((
                                            widgets::text(streak, size::SMALL, p.text_muted),
                                            TextLayout::no_wrap(),
                                        ));
                                        row.spawn((
                                            widgets::bold(
                                                &fonts,
                                                format!("+{}", format_points(r.points.total())),
                                                size::BODY,
                                                p.accent,
                                            ),
                                            TextLayout::no_wrap(),
                                            Node { width: px(80), ..default() },
                                        ));
                                    });
                                }
                            });
                    }
                },
            );
            root.spawn(widgets::panel(
                &theme,
                Node {
                    width: percent(100),
                    padding: UiRect::axes(px(20), px(10)),
                    row_gap: px(4),
                    ..widgets::panel_node()
                },
            ))
            .with_children(|panel| {
                panel.spawn(widgets::bold(&fonts, "Why", size::TINY, p.accent));
                panel.spawn(widgets::text(q.question.explanation.clone(), size::BODY, p.text));
                if !q.question.source.is_empty() {
                    let quoted = super::reveal::quoted_sources(&q.question);
                    let speaker = q.question.speaker().map(|s| format!("  — {s}")).unwrap_or_default();
                    panel.spawn(widgets::italic(
                        &fonts,
                        format!("From the article: {quoted}{speaker}"),
                        size::SMALL,
                        p.text_muted,
                    ));
                }
            });
            let mut buttons = vec![(next_label, TeacherCommand::Next)];
            if leaderboard_due(&class) {
                buttons.push(("Skip it: next question (K)", TeacherCommand::SkipLeaderboard));
            } else if !class.session.is_last() {
                buttons.push(("Leaderboard (L)", TeacherCommand::Leaderboard));
            }
            buttons.push(("End session (E)", TeacherCommand::End));
            control_bar(root, &theme, &fonts, &buttons);
        });
    // Enter or a click continues, as on every screen.
    commands.queue(|world: &mut World| super::focus_control(world, TeacherCommand::Next));
}
