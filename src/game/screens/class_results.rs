//! The end of a session, then the full table: every team's points, correct
//! answers, accuracy and average time; the questions hardest first; and
//! the results file's name (never a long path on the projector), with a
//! button to open the results folder.

use crate::game::play::library::open_results_folder;
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

use crate::game::play::classroom::ClassSession;
use crate::game::play::results_copy::SessionCopy;
use crate::game::theme::explanation::share_right_ink;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activated, DefaultFocus};
use crate::game::{GameSet, Screen};
use quorum_core::bank::library::file_name;
use quorum_core::quiz::scoring::format_points;

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum ResultsAction {
    NewSession,
    Title,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::ClassResults), spawn)
        .add_systems(Update, act.in_set(GameSet::Update).run_if(in_state(Screen::ClassResults)));
}

fn spawn(mut commands: Commands, class: Res<ClassSession>, copy: Option<Res<SessionCopy>>) {
    let summary = class.session.summary();
    let copied = copy.as_ref().and_then(|c| c.file.clone());
    let file = match (&class.log, &class.log_error, copied) {
        (_, Some(error), _) => format!("Results file: {error}"),
        (Some(_), None, Some(Ok(copy))) => format!("Results saved: {}", file_name(&copy)),
        (Some(log), None, _) => format!("Results saved: {}", file_name(&log.path)),
        (None, None, _) => "No results file was written".to_string(),
    };
    commands
        .spawn((
            DespawnOnExit(Screen::ClassResults),
            widgets::screen(Node {
                row_gap: px(10),
                padding: UiRect::axes(px(36), px(18)),
                justify_content: JustifyContent::Start,
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold("Every team", size::HEADING, Ink::Text));
            root.spawn(widgets::panel(Node { width: percent(100), row_gap: px(4), ..widgets::panel_node() }))
                .with_children(|table| {
                    let header = ["Place", "Team", "Points", "Correct", "Accuracy", "Average time"];
                    let widths = [90.0, 380.0, 140.0, 140.0, 140.0, 160.0];
                    let row = |table: &mut ChildSpawnerCommands, cells: [String; 6], bold: bool| {
                        table.spawn(Node { column_gap: px(10), ..default() }).with_children(|r| {
                            for (cell, width) in cells.into_iter().zip(widths) {
                                let colour = if bold { Ink::Muted } else { Ink::Text };
                                r.spawn((
                                    widgets::bold(cell, size::SMALL, colour),
                                    TextLayout::no_wrap(),
                                    Node { width: px(width), overflow: Overflow::clip(), ..default() },
                                ));
                            }
                        });
                    };
                    row(table, header.map(String::from), true);
                    for t in &summary.teams {
                        let average = t
                            .average_response
                            .map(|d| format!("{:.1} s", d.as_secs_f64()))
                            .unwrap_or_else(|| "—".to_string());
                        row(
                            table,
                            [
                                t.place().label(),
                                t.name.clone(),
                                format_points(t.points),
                                format!("{} of {}", t.correct, t.asked),
                                format!("{:.0}%", t.accuracy() * 100.0),
                                average,
                            ],
                            false,
                        );
                    }
                });
            root.spawn(widgets::bold("Questions, hardest first: go over these", size::SMALL, Ink::Accent));
            root.spawn((
                ScrollArea,
                widgets::panel(Node {
                    width: percent(100),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    overflow: Overflow::scroll_y(),
                    row_gap: px(4),
                    ..widgets::panel_node()
                }),
            ))
            .with_children(|list| {
                for q in &summary.questions {
                    list.spawn(Node { column_gap: px(14), flex_shrink: 0.0, ..default() }).with_children(
                        |r| {
                            let colour = share_right_ink(q.share_right());
                            r.spawn((
                                widgets::bold(
                                    format!("{:.0}% right", q.share_right() * 100.0),
                                    size::SMALL,
                                    colour,
                                ),
                                TextLayout::no_wrap(),
                                Node { width: px(120), ..default() },
                            ));
                            r.spawn((
                                widgets::text(
                                    format!("{}  (answer: {})", q.prompt, q.answer),
                                    size::SMALL,
                                    Ink::Text,
                                ),
                                Node { flex_grow: 1.0, flex_basis: px(0), ..default() },
                            ));
                        },
                    );
                }
            });
            root.spawn((widgets::text(file, size::SMALL, Ink::Muted), widgets::centred()));
            root.spawn(Node { column_gap: px(24), ..default() }).with_children(|buttons| {
                buttons.spawn((widgets::button("Back to title", ResultsAction::Title), DefaultFocus));
                buttons.spawn(widgets::button("New session", ResultsAction::NewSession));
                buttons.spawn(widgets::button("Open the results folder", ())).observe(open_results_folder);
            });
        });
}

fn act(
    mut activated: MessageReader<Activated>,
    actions: Query<&ResultsAction>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activated(e) in activated.read() {
        match actions.get(*e) {
            Ok(ResultsAction::Title) => next.set(Screen::Title),
            Ok(ResultsAction::NewSession) => next.set(Screen::ClassSetup),
            Err(_) => {}
        }
    }
}
