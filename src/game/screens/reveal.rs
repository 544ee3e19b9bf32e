//! The reveal: right or wrong, the points and how they were made, the
//! correct answer beside the player's, the explanation, and the article's
//! own words. It stays until the player continues.

use bevy::prelude::*;

use crate::game::menu::{Activated, DefaultFocus};
use crate::game::round::{CurrentRound, Paused};
use crate::game::theme::{Fonts, Theme, size, widgets};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{Answer, AnswerRecord, DealtQuestion, Phase, Verdict};

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Continue;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Reveal), spawn).add_systems(
        Update,
        act.in_set(GameSet::Update)
            .run_if(in_state(Screen::Reveal).and_then(resource_exists::<CurrentRound>)),
    );
}

/// A question's sources as the article's own words, each in quotation marks.
pub fn quoted_sources(q: &quorum_core::bank::Question) -> String {
    q.source.iter().map(|s| format!("\u{201C}{}\u{201D}", s.trim())).collect::<Vec<_>>().join(" … ")
}

/// The headline for a verdict.
pub fn verdict_text(verdict: Verdict) -> String {
    match verdict {
        Verdict::Correct => "Correct!".to_string(),
        Verdict::Close(credit) => format!("Close! {:.0}% credit", credit * 100.0),
        Verdict::Wrong => "Not quite".to_string(),
        Verdict::TimedOut => "Time's up".to_string(),
    }
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

fn spawn(
    mut commands: Commands,
    current: Res<CurrentRound>,
    trying: Res<crate::game::editing::Trying>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
) {
    let (Some(q), Some(record)) = (current.round.current(), current.round.last_record()) else { return };
    let p = theme.palette.clone();
    let colour = match record.verdict {
        Verdict::Correct => p.correct_text,
        Verdict::Close(_) => p.partial_text,
        _ => p.wrong_text,
    };
    let next_label = match (current.round.is_last(), trying.0) {
        (true, true) => "Back to the editor",
        (true, false) => "See results",
        _ => "Next question",
    };

    commands
        .spawn((
            DespawnOnExit(Screen::Reveal),
            widgets::screen(
                &theme,
                Node {
                    justify_content: JustifyContent::Center,
                    row_gap: px(12),
                    padding: UiRect::axes(px(48), px(20)),
                    ..widgets::screen_node()
                },
            ),
        ))
        .with_children(|root| {
            // Verdict and points.
            root.spawn(Node { align_items: AlignItems::Baseline, column_gap: px(24), ..default() })
                .with_children(|row| {
                    row.spawn(widgets::bold(&fonts, verdict_text(record.verdict), size::HEADING, colour));
                    row.spawn(widgets::bold(
                        &fonts,
                        format!("+{}", format_points(record.points.total())),
                        size::HEADING,
                        p.accent,
                    ));
                });
            root.spawn(widgets::text(breakdown(record), size::SMALL, p.text_muted));
            answers(root, &theme, &fonts, q, record);
            // The explanation teaches.
            root.spawn(widgets::panel(
                &theme,
                Node { width: percent(100), max_width: px(1140), ..widgets::panel_node() },
            ))
            .with_children(|panel| {
                panel.spawn(widgets::bold(&fonts, "Why", size::TINY, p.accent));
                panel.spawn(widgets::text(q.question.explanation.clone(), size::BODY, p.text));
            });
            // The article's own words.
            if !q.question.source.is_empty() {
                root.spawn(widgets::panel(
                    &theme,
                    Node { width: percent(100), max_width: px(1140), ..widgets::panel_node() },
                ))
                .with_children(|panel| {
                    panel.spawn(widgets::bold(&fonts, "From the article", size::TINY, p.accent));
                    let quoted = quoted_sources(&q.question);
                    panel.spawn(widgets::italic(&fonts, quoted, size::SMALL, p.text));
                    if let Some(speaker) = q.question.speaker() {
                        panel.spawn((
                            widgets::text(format!("— {speaker}"), size::SMALL, p.text_muted),
                            Node { align_self: AlignSelf::End, ..default() },
                        ));
                    }
                });
            }
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(28),
                margin: UiRect::top(px(4)),
                ..default()
            })
            .with_children(|row| {
                row.spawn((widgets::button(&theme, &fonts, next_label, 0, Continue), DefaultFocus));
                row.spawn(widgets::text(
                    format!(
                        "Score {} · {} correct of {}",
                        format_points(current.round.score()),
                        current.round.correct(),
                        current.round.number()
                    ),
                    size::SMALL,
                    p.text_muted,
                ));
            });
        });
}

/// The player's answer beside the correct one.
fn answers(
    root: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    q: &DealtQuestion,
    record: &AnswerRecord,
) {
    let p = &theme.palette;
    let correct_index = q.correct_choice();
    root.spawn(Node { column_gap: px(16), width: percent(100), max_width: px(1140), ..default() })
        .with_children(|row| {
            let given = q.describe(record.answer);
            let given_colour = match record.answer {
                Some(Answer::Choice(i)) if Some(i) != correct_index => p.tiles[i % p.tiles.len()],
                Some(_) if record.verdict.is_correct() => p.correct,
                Some(_) => p.partial,
                None => p.tile_dimmed,
            };
            let given_index = match record.answer {
                Some(Answer::Choice(i)) => Some(i),
                _ => None,
            };
            if !record.verdict.is_correct() {
                answer_box(row, fonts, "Your answer", &given, given_colour, given_index, p.tile_text);
            }
            answer_box(
                row,
                fonts,
                "Correct answer",
                &q.question.answer_text(),
                p.correct,
                correct_index,
                p.tile_text,
            );
        });
}

fn answer_box(
    row: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    label: &str,
    text: &str,
    colour: Color,
    tile: Option<usize>,
    text_colour: Color,
) {
    row.spawn((
        Node {
            flex_grow: 1.0,
            flex_basis: px(0),
            padding: UiRect::axes(px(18), px(10)),
            column_gap: px(14),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        BackgroundColor(colour),
    ))
    .with_children(|b| {
        if let Some(i) = tile {
            b.spawn(widgets::tile_shape(fonts, i, 28.0, text_colour));
        }
        b.spawn(Node { flex_direction: FlexDirection::Column, ..default() }).with_children(|col| {
            col.spawn(widgets::text(label, size::TINY, text_colour));
            col.spawn(widgets::bold(fonts, text, size::BODY, text_colour));
        });
    });
}

fn act(
    mut activated: MessageReader<Activated>,
    continues: Query<(), With<Continue>>,
    paused: Res<Paused>,
    trying: Res<crate::game::editing::Trying>,
    mut current: ResMut<CurrentRound>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activated(entity) in activated.read() {
        if paused.0 || !continues.contains(*entity) {
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
