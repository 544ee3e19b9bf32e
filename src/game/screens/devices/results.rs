//! The final table of a students' devices session: every player (place,
//! points, right answers, average time), scrolled with the mouse wheel or
//! Page Up and Page Down; the questions hardest first; and where the
//! results file is, by name only, with a button that opens the results folder.

use crate::game::play::library::open_results_folder;
use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

use crate::game::play::devices::Shown;
use crate::game::play::results_copy::SessionCopy;
use crate::game::theme::explanation::share_right_ink;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activated, DefaultFocus};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::scoring::format_points;
use quorum_lan::Seat;

/// A player's line in the final table, for tests.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayerRow(pub Seat);

/// The players' table, which Page Up and Page Down scroll.
#[derive(Component)]
struct PlayerTable;

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum ResultsAction {
    NewSession,
    Title,
}

/// How far Page Up and Page Down scroll, in logical pixels.
const PAGE: f32 = 300.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::DevicesResults), spawn).add_systems(
        Update,
        (act, page_keys).in_set(GameSet::Update).run_if(in_state(Screen::DevicesResults)),
    );
}

/// Where the results are, by the file's name only: no long path on the wall.
/// The copy in the teacher's results folder is named when there is one.
fn file_line(shown: &Shown, copy: Option<&SessionCopy>) -> String {
    let copied = copy.and_then(|c| c.file.as_ref()).and_then(|f| f.as_ref().ok());
    match copied.or(shown.results_file.as_ref()).and_then(|f| f.file_name()) {
        Some(name) => format!("Results saved: {}", name.to_string_lossy()),
        None => "No results file was written".to_string(),
    }
}

fn spawn(mut commands: Commands, shown: Option<Res<Shown>>, copy: Option<Res<SessionCopy>>) {
    let Some(shown) = shown else { return };
    let Some(summary) = shown.summary.as_ref() else { return };
    commands
        .spawn((
            DespawnOnExit(Screen::DevicesResults),
            widgets::screen(Node {
                row_gap: px(10),
                padding: UiRect::axes(px(36), px(18)),
                justify_content: JustifyContent::Start,
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(
                format!("Every player: {}", summary.players.len()),
                size::HEADING,
                Ink::Text,
            ));
            root.spawn(Node {
                width: percent(100),
                flex_grow: 1.0,
                flex_basis: px(0),
                column_gap: px(16),
                ..default()
            })
            .with_children(|columns| {
                let widths = [80.0, 240.0, 110.0, 110.0, 110.0];
                columns
                    .spawn((
                        PlayerTable,
                        ScrollArea,
                        widgets::panel(Node {
                            flex_grow: 3.0,
                            flex_basis: px(0),
                            overflow: Overflow::scroll_y(),
                            row_gap: px(4),
                            ..widgets::panel_node()
                        }),
                    ))
                    .with_children(|table| {
                        let row = |table: &mut ChildSpawnerCommands,
                                   cells: [String; 5],
                                   ink: Ink,
                                   seat: Option<Seat>| {
                            let mut r =
                                table.spawn(Node { column_gap: px(10), flex_shrink: 0.0, ..default() });
                            if let Some(seat) = seat {
                                r.insert(PlayerRow(seat));
                            }
                            r.with_children(|r| {
                                for (cell, width) in cells.into_iter().zip(widths) {
                                    r.spawn((
                                        widgets::bold(cell, size::SMALL, ink),
                                        TextLayout::no_wrap(),
                                        Node { width: px(width), overflow: Overflow::clip(), ..default() },
                                    ));
                                }
                            });
                        };
                        let header = ["Place", "Player", "Points", "Right", "Average"];
                        row(table, header.map(String::from), Ink::Muted, None);
                        for p in &summary.players {
                            let average = p
                                .average_response
                                .map(|d| format!("{:.1} s", d.as_secs_f64()))
                                .unwrap_or_else(|| "—".to_string());
                            let cells = [
                                p.place.label(),
                                p.name.clone(),
                                format_points(p.points),
                                format!("{} of {}", p.correct, p.asked),
                                average,
                            ];
                            row(table, cells, Ink::Text, Some(p.seat));
                        }
                    });
                columns
                    .spawn((
                        ScrollArea,
                        widgets::panel(Node {
                            flex_grow: 2.0,
                            flex_basis: px(0),
                            overflow: Overflow::scroll_y(),
                            row_gap: px(6),
                            ..widgets::panel_node()
                        }),
                    ))
                    .with_children(|list| {
                        list.spawn(widgets::bold("Hardest first: go over these", size::SMALL, Ink::Accent));
                        for q in &summary.questions {
                            list.spawn(Node { column_gap: px(10), flex_shrink: 0.0, ..default() })
                                .with_children(|r| {
                                    r.spawn((
                                        widgets::bold(
                                            format!("{:.0}%", q.share_right() * 100.0),
                                            size::SMALL,
                                            share_right_ink(q.share_right()),
                                        ),
                                        TextLayout::no_wrap(),
                                        Node { width: px(54), flex_shrink: 0.0, ..default() },
                                    ));
                                    r.spawn((
                                        widgets::text(
                                            format!("{}  (answer: {})", q.prompt, q.answer),
                                            size::TINY,
                                            Ink::Text,
                                        ),
                                        Node { flex_grow: 1.0, flex_basis: px(0), ..default() },
                                    ));
                                });
                        }
                    });
            });
            root.spawn((
                widgets::text(file_line(&shown, copy.as_deref()), size::SMALL, Ink::Muted),
                widgets::centred(),
            ));
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

/// Page Up and Page Down scroll the players' table (the wheel does too).
fn page_keys(keys: Res<ButtonInput<KeyCode>>, mut tables: Query<&mut ScrollPosition, With<PlayerTable>>) {
    let delta = if keys.just_pressed(KeyCode::PageDown) {
        PAGE
    } else if keys.just_pressed(KeyCode::PageUp) {
        -PAGE
    } else {
        return;
    };
    for mut position in &mut tables {
        // The layout clamps it to the table's length.
        position.y = (position.y + delta).max(0.0);
    }
}
