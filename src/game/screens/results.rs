//! The results: score, correct answers, accuracy, best streak, average
//! response time, the personal best, a review of every question, and the
//! round's results file in the results folder (named, with a button to
//! open the folder).

use crate::game::play::library::{DocumentsDir, open_results_folder};
use bevy::input::mouse::MouseScrollUnit;
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

use crate::game::play::round::{CurrentRound, start_round};
use crate::game::theme::explanation::verdict_mark;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activated, DefaultFocus};
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::bank::library::file_name;
use quorum_core::quiz::bests::{self, PersonalBest, Recorded};
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{RoundResults, results_folder};

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsAction {
    PlayAgain,
    Title,
}

#[derive(Component)]
struct ReviewList;

/// Where a round's results were saved, or why they could not be; `seed`
/// tells which round (a question tried from the editor saves nothing).
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct RoundSaved {
    pub seed: u64,
    pub file: Result<std::path::PathBuf, String>,
}

/// What happened to the personal best when the round was recorded.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct BestOutcome {
    pub recorded: Option<Recorded>,
    /// A problem with the save file, for the player.
    pub warning: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Results), (record_best, spawn).chain()).add_systems(
        Update,
        (act, scroll_with_keys).in_set(GameSet::Update).run_if(in_state(Screen::Results)),
    );
}

/// Keeps the score as a personal best if it is one, and saves the round in
/// the results folder. Once per round.
fn record_best(
    mut current: ResMut<CurrentRound>,
    dir: Res<DataDir>,
    documents: Option<Res<DocumentsDir>>,
    mut commands: Commands,
) {
    if current.recorded {
        return;
    }
    current.recorded = true;
    let results = current.round.results();
    if let Some(documents) = documents {
        let saved =
            results_folder::write_round(&documents.results(), &results, &current.bank_title, &current.player);
        commands.insert_resource(RoundSaved { seed: current.seed, file: saved });
    }
    let kept = bests::keep(
        &dir.0,
        PersonalBest {
            name: current.player.clone(),
            bank: current.bank_title.clone(),
            score: results.score,
            correct: results.correct,
            asked: results.asked,
            date: bests::today(),
        },
    );
    commands.insert_resource(BestOutcome { recorded: Some(kept.recorded), warning: kept.warning });
}

fn seconds(d: std::time::Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn spawn(
    mut commands: Commands,
    current: Res<CurrentRound>,
    best: Option<Res<BestOutcome>>,
    saved: Option<Res<RoundSaved>>,
) {
    let results: RoundResults = current.round.results();
    let best_line = match best.as_ref().and_then(|b| b.recorded) {
        Some(Recorded::NewBest { previous: Some(old) }) => {
            format!("New personal best for {}! (was {})", current.player, format_points(old))
        }
        Some(Recorded::NewBest { previous: None }) => {
            format!("First score for {} on this bank: a personal best.", current.player)
        }
        Some(Recorded::Short { best }) => {
            format!("{}'s best on this bank: {}", current.player, format_points(best))
        }
        None => String::new(),
    };

    commands
        .spawn((
            DespawnOnExit(Screen::Results),
            widgets::screen(Node {
                justify_content: JustifyContent::Start,
                row_gap: px(12),
                padding: UiRect::axes(px(48), px(24)),
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold("Round complete", size::HEADING, Ink::Text));
            root.spawn(Node { column_gap: px(16), ..default() }).with_children(|cards| {
                let accuracy = format!("{:.0}%", results.accuracy() * 100.0);
                let average = results.average_response.map(seconds).unwrap_or_else(|| "—".to_string());
                let items = [
                    ("Score", format_points(results.score)),
                    ("Correct", format!("{} of {}", results.correct, results.asked)),
                    ("Accuracy", accuracy),
                    ("Best streak", results.best_streak.to_string()),
                    ("Average time", average),
                ];
                for (label, value) in items {
                    cards
                        .spawn(widgets::panel(Node {
                            align_items: AlignItems::Center,
                            min_width: px(180),
                            ..widgets::panel_node()
                        }))
                        .with_children(|card| {
                            card.spawn(widgets::text(label, size::TINY, Ink::Muted));
                            card.spawn(widgets::bold(value, size::HEADING, Ink::Accent));
                        });
                }
            });
            if !best_line.is_empty() {
                root.spawn(widgets::bold(best_line, size::BODY, Ink::Text));
            }
            if let Some(warning) = best.as_ref().and_then(|b| b.warning.clone()) {
                root.spawn((
                    widgets::text(format!("Warning: {warning}"), size::TINY, Ink::Partial),
                    widgets::centred(),
                ));
            }
            // The review: every question, scrollable with the wheel or PageUp/PageDown.
            root.spawn((
                ReviewList,
                ScrollArea,
                widgets::panel(Node {
                    width: percent(100),
                    max_width: px(1180),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    overflow: Overflow::scroll_y(),
                    row_gap: px(6),
                    ..widgets::panel_node()
                }),
            ))
            .with_children(|list| {
                for (n, item) in results.review.iter().enumerate() {
                    let (mark, ink) = verdict_mark(item.verdict);
                    list.spawn(Node {
                        column_gap: px(14),
                        align_items: AlignItems::Start,
                        flex_shrink: 0.0,
                        ..default()
                    })
                    .with_children(|row| {
                        row.spawn((
                            widgets::symbol(mark, 22.0, ink),
                            Node { width: px(28), flex_shrink: 0.0, ..default() },
                        ));
                        row.spawn(Node {
                            flex_direction: FlexDirection::Column,
                            flex_grow: 1.0,
                            flex_basis: px(0),
                            ..default()
                        })
                        .with_children(|col| {
                            col.spawn(widgets::bold(
                                format!("{}. {}", n + 1, item.prompt),
                                size::SMALL,
                                Ink::Text,
                            ));
                            let answer = if item.verdict.is_correct() {
                                format!("You answered {} in {}", item.given, seconds(item.response))
                            } else {
                                format!("You: {} · Correct: {}", item.given, item.correct_answer)
                            };
                            col.spawn(widgets::text(answer, size::TINY, Ink::Muted));
                        });
                        row.spawn((
                            widgets::bold(
                                format!("+{}", format_points(item.points)),
                                size::SMALL,
                                Ink::Accent,
                            ),
                            Node {
                                width: px(90),
                                flex_shrink: 0.0,
                                justify_content: JustifyContent::End,
                                ..default()
                            },
                            TextLayout::justify(Justify::Right),
                        ));
                    });
                }
            });
            // A round tried from the editor is not saved: say nothing then.
            let saved = saved.as_ref().filter(|s| s.seed == current.seed);
            let saved_line = saved.map(|s| match &s.file {
                Ok(path) => (format!("Results saved: {}", file_name(path)), Ink::Muted),
                Err(e) => (format!("The results could not be saved: {e}"), Ink::Wrong),
            });
            if let Some((line, ink)) = &saved_line {
                root.spawn((widgets::text(line.clone(), size::SMALL, *ink), widgets::centred()));
            }
            root.spawn(Node { column_gap: px(24), ..default() }).with_children(|buttons| {
                buttons.spawn((widgets::button("Play again", ResultsAction::PlayAgain), DefaultFocus));
                buttons.spawn(widgets::button("Back to title", ResultsAction::Title));
                if saved_line.is_some() {
                    buttons
                        .spawn(widgets::button("Open the results folder", ()))
                        .observe(open_results_folder);
                }
            });
        });
}

fn act(
    mut activated: MessageReader<Activated>,
    keys: Res<ButtonInput<KeyCode>>,
    actions: Query<&ResultsAction>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
    for Activated(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(ResultsAction::PlayAgain) => commands.queue(|world: &mut World| {
                // The same settings dealt again with the next seed.
                if let Err(e) = start_round(world) {
                    warn!("cannot start another round: {e}");
                    world.resource_mut::<NextState<Screen>>().set(Screen::Setup);
                }
            }),
            Ok(ResultsAction::Title) => next.set(Screen::Title),
            Err(_) => {}
        }
    }
}

/// PageUp/PageDown scroll the review for keyboard-only players.
fn scroll_with_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut lists: Query<&mut ScrollPosition, With<ReviewList>>,
) {
    let step = MouseScrollUnit::SCROLL_UNIT_CONVERSION_FACTOR * 6.0;
    let delta = if keys.just_pressed(KeyCode::PageDown) {
        step
    } else if keys.just_pressed(KeyCode::PageUp) {
        -step
    } else {
        return;
    };
    for mut position in &mut lists {
        position.y = (position.y + delta).max(0.0);
    }
}
