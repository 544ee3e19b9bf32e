//! The reveal: right or wrong, the points and how they were made, the
//! correct answer beside the player's, the explanation, and the article's
//! own words. It stays until the player continues.

use bevy::prelude::*;

use crate::game::play::editing::Trying;
use crate::game::play::pause::{HiddenWhenPaused, PausableSystems};
use crate::game::play::round::CurrentRound;
use crate::game::theme::answer_tile::tile_shape;
use crate::game::theme::explanation::{Layout, explanation, verdict_text};
use crate::game::theme::{Fill, Ink, size, widgets};
use crate::game::ui::menu::{Activated, DefaultFocus};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{Answer, AnswerRecord, DealtQuestion, Phase, Verdict};

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Continue;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Reveal), spawn).add_systems(
        Update,
        act.in_set(GameSet::Update)
            .in_set(PausableSystems)
            .run_if(in_state(Screen::Reveal).and_then(resource_exists::<CurrentRound>)),
    );
}

/// "500 base + 437 speed + 200 streak".
pub fn breakdown(record: &AnswerRecord) -> String {
    let p = record.points;
    if p.total() == 0 {
        return match record.verdict {
            Verdict::TimedOut => "No answer in time: 0 points, and the streak starts again".to_string(),
            _ => "0 points, and the streak starts again".to_string(),
        };
    }
    let mut parts = vec![format!("{} base", format_points(p.base))];
    if p.speed > 0 {
        parts.push(format!("{} speed", format_points(p.speed)));
    }
    if p.streak > 0 {
        parts.push(format!("{} streak bonus ({} in a row)", p.streak, record.streak));
    }
    parts.join(" + ")
}

fn spawn(mut commands: Commands, current: Res<CurrentRound>, trying: Res<Trying>) {
    let (Some(q), Some(record)) = (current.round.current(), current.round.last_record()) else { return };
    let verdict_ink = match record.verdict {
        Verdict::Correct => Ink::Correct,
        Verdict::Close(_) => Ink::Partial,
        _ => Ink::Wrong,
    };
    let next_label = match (current.round.is_last(), trying.0) {
        (true, true) => "Back to the editor",
        (true, false) => "See results",
        _ => "Next question",
    };

    commands
        .spawn((
            DespawnOnExit(Screen::Reveal),
            HiddenWhenPaused,
            widgets::screen(Node {
                justify_content: JustifyContent::Center,
                row_gap: px(12),
                padding: UiRect::axes(px(48), px(20)),
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            // Verdict and points.
            root.spawn(Node { align_items: AlignItems::Baseline, column_gap: px(24), ..default() })
                .with_children(|row| {
                    row.spawn(widgets::bold(verdict_text(record.verdict), size::HEADING, verdict_ink));
                    row.spawn(widgets::bold(
                        format!("+{}", format_points(record.points.total())),
                        size::HEADING,
                        Ink::Accent,
                    ));
                });
            root.spawn(widgets::text(breakdown(record), size::SMALL, Ink::Muted));
            answers(root, q, record);
            explanation(root, &q.question, Layout::Stacked { max_width: 1140.0 });
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(28),
                margin: UiRect::top(px(4)),
                ..default()
            })
            .with_children(|row| {
                row.spawn((widgets::button(next_label, Continue), DefaultFocus));
                row.spawn(widgets::text(
                    format!(
                        "Score {} · {} correct of {}",
                        format_points(current.round.score()),
                        current.round.correct(),
                        current.round.number()
                    ),
                    size::SMALL,
                    Ink::Muted,
                ));
            });
        });
}

/// The player's answer beside the correct one.
fn answers(root: &mut ChildSpawnerCommands, q: &DealtQuestion, record: &AnswerRecord) {
    let correct_index = q.correct_choice();
    root.spawn(Node { column_gap: px(16), width: percent(100), max_width: px(1140), ..default() })
        .with_children(|row| {
            let given = q.describe(record.answer);
            let given_fill = match record.answer {
                Some(Answer::Choice(i)) if Some(i) != correct_index => Fill::Tile(i),
                Some(_) if record.verdict.is_correct() => Fill::Correct,
                Some(_) => Fill::Partial,
                None => Fill::Dimmed,
            };
            let given_index = match record.answer {
                Some(Answer::Choice(i)) => Some(i),
                _ => None,
            };
            if !record.verdict.is_correct() {
                answer_box(row, "Your answer", &given, given_fill, given_index);
            }
            answer_box(row, "Correct answer", &q.question.answer_text(), Fill::Correct, correct_index);
        });
}

fn answer_box(row: &mut ChildSpawnerCommands, label: &str, text: &str, fill: Fill, tile: Option<usize>) {
    row.spawn(widgets::filled(
        Node {
            flex_grow: 1.0,
            flex_basis: px(0),
            padding: UiRect::axes(px(18), px(10)),
            column_gap: px(14),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        fill,
    ))
    .with_children(|b| {
        if let Some(i) = tile {
            b.spawn(tile_shape(i, 28.0, Ink::OnTile));
        }
        b.spawn(Node { flex_direction: FlexDirection::Column, ..default() }).with_children(|col| {
            col.spawn(widgets::text(label, size::SMALL, Ink::OnTile));
            col.spawn(widgets::bold(text, size::BODY, Ink::OnTile));
        });
    });
}

fn act(
    mut activated: MessageReader<Activated>,
    continues: Query<(), With<Continue>>,
    trying: Res<Trying>,
    mut current: ResMut<CurrentRound>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activated(entity) in activated.read() {
        if !continues.contains(*entity) {
            continue;
        }
        current.round.next();
        let done = current.round.phase() == Phase::Finished;
        next.set(match (done, trying.0) {
            // A question tried from the editor goes back there.
            (true, true) => Screen::Editor,
            (true, false) => Screen::Results,
            _ => Screen::Question,
        });
    }
}
