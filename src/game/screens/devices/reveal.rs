//! The reveal when students answer on their devices: the right answer, a
//! bar per choice with how many players chose it, how the class did and
//! the fastest right answers, then the explanation and the article's words
//! (and any background, with its source). Each student's own result is on
//! their page.

use bevy::prelude::*;

use crate::game::Screen;
use crate::game::play::devices::{Hosted, Shown};
use crate::game::play::teacher_keys::{Control, TeacherCommand};
use crate::game::theme::choice_bars::{Counted, choice_bars};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::explanation::{Layout, explanation, verdict_mark};
use crate::game::theme::{Ink, size, widgets};
use quorum_core::quiz::classroom::leaderboard_due;
use quorum_core::quiz::players::QuestionResult;
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{Verdict, players::Closing};
use quorum_lan::Snapshot;

/// Fastest right answers named on the projector: three, so the reveal
/// keeps room for the explanation and the article's words.
const FASTEST: usize = 3;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::DevicesReveal), spawn);
}

fn spawn(mut commands: Commands, hosted: Option<Res<Hosted>>, shown: Option<Res<Shown>>) {
    let (Some(hosted), Some(shown)) = (hosted, shown) else { return };
    let Some(result) = shown.last_result.as_ref() else { return };
    let q = &result.question;
    let is_last = result.number >= shown.total;
    let due = leaderboard_due(result.number, shown.total, hosted.leaderboard_every);
    let next_label = if is_last {
        "Final results (N)"
    } else if due {
        "Leaderboard (N)"
    } else {
        "Next question (N)"
    };
    commands
        .spawn((
            DespawnOnExit(Screen::DevicesReveal),
            widgets::screen(Node {
                row_gap: px(10),
                padding: UiRect::axes(px(36), px(16)),
                justify_content: JustifyContent::Start,
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                format!("Question {} of {}", result.number, shown.total),
                size::SMALL,
                Ink::Muted,
            ));
            let skipped = result.closing == Closing::Skipped;
            let (headline, ink) = if skipped {
                ("Skipped: no points this time".to_string(), Ink::Muted)
            } else {
                (format!("The answer: {}", q.question.answer_text()), Ink::Correct)
            };
            root.spawn((widgets::bold(headline, size::HEADING, ink), widgets::centred()));
            if !skipped {
                root.spawn(Node { column_gap: px(28), width: percent(100), ..default() }).with_children(
                    |columns| {
                        if !q.choices.is_empty() {
                            let players = result.entries.len();
                            choice_bars(columns, q, &shown.tallies, players, Counted::PLAYERS);
                        }
                        how_the_class_did(columns, result, &shown);
                    },
                );
            }
            explanation(root, &q.question, Layout::Columns);
            let mut buttons = vec![(next_label, Control(TeacherCommand::Next))];
            if due {
                buttons.push(("Skip the leaderboard (K)", Control(TeacherCommand::SkipLeaderboard)));
            } else if !is_last {
                buttons.push(("Leaderboard (L)", Control(TeacherCommand::Leaderboard)));
            }
            buttons.push(("End session (E)", Control(TeacherCommand::End)));
            control_bar(root, &buttons);
        });
    commands.queue(|world: &mut World| super::super::focus_control(world, TeacherCommand::Next));
}

/// Right, close, wrong and unanswered counts, and the fastest right answers.
fn how_the_class_did(columns: &mut ChildSpawnerCommands, result: &QuestionResult, shown: &Snapshot) {
    let records: Vec<_> =
        result.entries.iter().filter_map(|e| e.record.as_ref().map(|r| (e.seat, r))).collect();
    let right = records.iter().filter(|(_, r)| r.verdict.is_correct()).count();
    let close = records.iter().filter(|(_, r)| matches!(r.verdict, Verdict::Close(_))).count();
    let silent = records.iter().filter(|(_, r)| r.answer.is_none()).count();
    let wrong = records.len() - right - close - silent;
    let mut fastest: Vec<_> = records.iter().filter(|(_, r)| r.verdict.is_correct()).collect();
    fastest.sort_by_key(|(_, r)| r.response);
    columns
        .spawn(widgets::panel(Node {
            flex_grow: 1.0,
            flex_basis: px(0),
            row_gap: px(2),
            padding: UiRect::axes(px(20), px(8)),
            ..widgets::panel_node()
        }))
        .with_children(|panel| {
            let mut counts = format!("{right} of {} right", records.len());
            if close > 0 {
                counts.push_str(&format!(", {close} close"));
            }
            counts.push_str(&format!(", {wrong} wrong"));
            if silent > 0 {
                counts.push_str(&format!(", {silent} no answer"));
            }
            panel.spawn(widgets::bold(counts, size::TILE, Ink::Text));
            if fastest.is_empty() {
                return;
            }
            panel.spawn(widgets::bold("Fastest right answers", size::SMALL, Ink::Accent));
            for (seat, record) in fastest.into_iter().take(FASTEST) {
                let name = shown.player(*seat).map(|p| p.name.clone()).unwrap_or_default();
                let (mark, ink) = verdict_mark(record.verdict);
                panel
                    .spawn(Node { column_gap: px(10), align_items: AlignItems::Center, ..default() })
                    .with_children(|row| {
                        row.spawn(widgets::symbol(mark, size::SMALL, ink));
                        // Sized boxes around the text, which is measured as if
                        // much narrower when given a width itself.
                        row.spawn(Node { width: px(220), overflow: Overflow::clip(), ..default() })
                            .with_child((widgets::bold(name, size::SMALL, Ink::Text), TextLayout::no_wrap()));
                        row.spawn(Node { width: px(80), ..default() }).with_child((
                            widgets::text(
                                format!("{:.1} s", record.response.as_secs_f64()),
                                size::SMALL,
                                Ink::Muted,
                            ),
                            TextLayout::no_wrap(),
                        ));
                        row.spawn(widgets::bold(
                            format!("+{}", format_points(record.points.total())),
                            size::SMALL,
                            Ink::Accent,
                        ));
                    });
            }
        });
}
