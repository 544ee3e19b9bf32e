//! Teacher entry on the classroom question: a row per team, where the
//! teacher clicks the team's answer, or picks the team with Up/Down and
//! presses 1–6 (an estimate is typed, then Enter). The projector shows only
//! that a team's answer is entered, never which, until the reveal.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use crate::game::play::classroom::{ClassSession, EntryTeam, TeamLockedIn, enter_answer};
use crate::game::play::pause::PausableSystems;
use crate::game::theme::answer_tile::tile_shape;
use crate::game::theme::team::team_badge;
use crate::game::theme::{Fill, Ink, size, widgets};
use crate::game::ui::answer_keys::digit_answer;
use crate::game::ui::menu::{ButtonColors, MenuSystems};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::Answer;
use quorum_core::quiz::classroom::{AnsweringStyle, Session};

/// The cell setting `team`'s answer to `choice`.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryCell {
    pub team: usize,
    pub choice: usize,
}

/// A team's row (clicking it picks the team).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRow(pub usize);

/// The text saying whether a team's answer is in (or the number being typed).
#[derive(Component, Debug, Clone, Copy)]
struct EntryState(usize);

/// The estimate being typed for the chosen team, and why the last one was
/// refused.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct EntryBuffer {
    pub typed: String,
    pub refusal: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    let entering = || {
        in_state(Screen::ClassQuestion)
            .and_then(resource_exists::<ClassSession>)
            .and_then(|class: Res<ClassSession>| class.session.style == AnsweringStyle::TeacherEntry)
    };
    app.init_resource::<EntryBuffer>()
        .add_systems(OnEnter(Screen::ClassQuestion), clear_buffer)
        .add_systems(
            Update,
            (entry_keys, entry_clicks)
                .in_set(GameSet::RecordInput)
                .in_set(PausableSystems)
                .after(MenuSystems)
                .run_if(entering()),
        )
        .add_systems(Update, show_entries.in_set(GameSet::Update).run_if(entering()));
}

fn clear_buffer(mut buffer: ResMut<EntryBuffer>) {
    *buffer = EntryBuffer::default();
}

/// A row per team: badge, name, whether its answer is in, and a cell per
/// choice (shapes only, so the row doesn't show which was entered).
pub(super) fn entry_grid(root: &mut ChildSpawnerCommands, session: &Session, choices: usize) {
    root.spawn(Node {
        flex_wrap: FlexWrap::Wrap,
        column_gap: px(12),
        row_gap: px(6),
        justify_content: JustifyContent::Center,
        ..default()
    })
    .with_children(|grid| {
        for (team, name) in session.teams.iter().enumerate() {
            grid.spawn((
                EntryRow(team),
                Button,
                widgets::panel(Node {
                    width: px(590),
                    column_gap: px(8),
                    align_items: AlignItems::Center,
                    padding: UiRect::axes(px(10), px(4)),
                    border_radius: BorderRadius::all(px(10)),
                    ..default()
                }),
                Outline::new(px(3), px(1), Color::NONE),
            ))
            .with_children(|row| {
                row.spawn(team_badge(team, 28.0));
                row.spawn((
                    widgets::bold(name.clone(), size::SMALL, Ink::Text),
                    TextLayout::no_wrap(),
                    Node { width: px(170), overflow: Overflow::clip(), ..default() },
                ));
                row.spawn((
                    EntryState(team),
                    widgets::bold("", size::SMALL, Ink::Muted),
                    TextLayout::no_wrap(),
                    Node { width: px(150), ..default() },
                ));
                for choice in 0..choices {
                    row.spawn((
                        EntryCell { team, choice },
                        Button,
                        ButtonColors { normal: Fill::Raised, hovered: Fill::ButtonHovered },
                        Node {
                            width: px(40),
                            height: px(32),
                            justify_content: JustifyContent::Center,
                            align_items: AlignItems::Center,
                            border_radius: BorderRadius::all(px(8)),
                            ..default()
                        },
                        BackgroundColor::default(),
                    ))
                    .with_child(tile_shape(choice, 20.0, Ink::Tile(choice)));
                }
            });
        }
    });
}

/// Up/Down pick the team, 1–6 enter its answer; an estimate is typed and
/// confirmed with Enter, and read on the question's own scale.
fn entry_keys(
    mut keys: MessageReader<KeyboardInput>,
    mut team: ResMut<EntryTeam>,
    mut buffer: ResMut<EntryBuffer>,
    mut class: ResMut<ClassSession>,
    mut locked_in: MessageWriter<TeamLockedIn>,
) {
    let teams = class.session.teams.len();
    let scale = class.session.current().and_then(|q| q.scale());
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        match key.key_code {
            KeyCode::ArrowDown | KeyCode::Tab => {
                team.0 = (team.0 + 1) % teams;
                *buffer = EntryBuffer::default();
            }
            KeyCode::ArrowUp => {
                team.0 = (team.0 + teams - 1) % teams;
                *buffer = EntryBuffer::default();
            }
            KeyCode::Enter | KeyCode::NumpadEnter => {
                let Some(scale) = &scale else { continue };
                match scale.parse(&buffer.typed) {
                    Ok(value)
                        if enter_answer(
                            &mut class,
                            team.0,
                            Some(Answer::Estimate(value)),
                            &mut locked_in,
                        ) =>
                    {
                        *buffer = EntryBuffer::default();
                        team.0 = next_unanswered(&class.session, team.0);
                    }
                    Ok(_) => {}
                    Err(refusal) => buffer.refusal = Some(refusal.to_string()),
                }
            }
            KeyCode::Backspace if scale.is_some() => {
                buffer.typed.pop();
                buffer.refusal = None;
            }
            _ if scale.is_some() => {
                // Typing is checked on Enter; only the length is capped here.
                if let Key::Character(c) = &key.logical_key
                    && buffer.typed.chars().count() < 16
                {
                    buffer.typed.push_str(c);
                    buffer.refusal = None;
                }
            }
            code => {
                if let Some(i) = digit_answer(code)
                    && enter_answer(&mut class, team.0, Some(Answer::Choice(i)), &mut locked_in)
                {
                    team.0 = next_unanswered(&class.session, team.0);
                }
            }
        }
    }
}

/// The next team (after `from`, wrapping) with no answer yet, or `from`.
fn next_unanswered(session: &Session, from: usize) -> usize {
    let n = session.teams.len();
    (1..=n).map(|k| (from + k) % n).find(|t| !session.has_answered(*t)).unwrap_or(from)
}

fn entry_clicks(
    cells: Query<(&Interaction, &EntryCell), Changed<Interaction>>,
    rows: Query<(&Interaction, &EntryRow), Changed<Interaction>>,
    mut team: ResMut<EntryTeam>,
    mut buffer: ResMut<EntryBuffer>,
    mut class: ResMut<ClassSession>,
    mut locked_in: MessageWriter<TeamLockedIn>,
) {
    for (interaction, cell) in &cells {
        if *interaction == Interaction::Pressed {
            // Clicking the answer already entered clears it.
            let current = class.session.answer_of(cell.team);
            let answer = if current == Some(Answer::Choice(cell.choice)) {
                None
            } else {
                Some(Answer::Choice(cell.choice))
            };
            enter_answer(&mut class, cell.team, answer, &mut locked_in);
            team.0 = cell.team;
        }
    }
    for (interaction, row) in &rows {
        if *interaction == Interaction::Pressed && team.0 != row.0 {
            team.0 = row.0;
            *buffer = EntryBuffer::default();
        }
    }
}

/// Which team is being entered (a ring), and for each team whether its
/// answer is in: "entered", the number being typed, or why it was refused.
fn show_entries(
    class: Res<ClassSession>,
    team: Res<EntryTeam>,
    buffer: Res<EntryBuffer>,
    mut rows: Query<(&EntryRow, &mut Outline)>,
    mut states: Query<(&EntryState, &mut Text, &mut Ink)>,
    palette: Res<crate::game::theme::Theme>,
) {
    let s = &class.session;
    for (row, mut outline) in &mut rows {
        let wanted = if row.0 == team.0 { palette.palette.focus_ring } else { Color::NONE };
        if outline.color != wanted {
            outline.color = wanted;
        }
    }
    let estimate = s.current().is_some_and(|q| q.scale().is_some());
    for (EntryState(t), mut text, mut ink) in &mut states {
        let (shown, wanted_ink) = match (&buffer.refusal, s.has_answered(*t)) {
            (Some(refusal), _) if *t == team.0 => (refusal.clone(), Ink::Wrong),
            _ if *t == team.0 && !buffer.typed.is_empty() => (format!("{}|", buffer.typed), Ink::Accent),
            (_, true) => ("Entered".to_string(), Ink::Correct),
            _ if *t == team.0 && estimate => ("Type, then Enter".to_string(), Ink::Muted),
            _ => ("Waiting".to_string(), Ink::Muted),
        };
        if text.0 != shown {
            text.0 = shown;
        }
        ink.set_if_neq(wanted_ink);
    }
}
