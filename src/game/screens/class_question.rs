//! A classroom question on the projector: the prompt, the answer tiles, the
//! countdown, each team's lock-in (never what it chose), and the teacher's
//! controls. In teacher entry, the teacher enters each team's answer here.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use super::class_setup::team_badge;
use super::question::kind_label;
use crate::game::classroom::{BUZZER_LABELS, ClassSession, EntryTeam, TeacherCommand, in_class_session};
use crate::game::menu::{Activated, ButtonColors, KeysCaptured, MenuSystems};
use crate::game::round::Paused;
use crate::game::theme::{Fonts, Theme, size, widgets};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::Answer;
use quorum_core::quiz::classroom::AnsweringStyle;

/// A teacher control: what it asks for.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Control(pub TeacherCommand);

/// A team's lock-in indicator.
#[derive(Component, Debug, Clone, Copy)]
struct LockIn(usize);

/// Teacher entry: the cell setting `team`'s answer to `choice`.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryCell {
    pub team: usize,
    pub choice: usize,
}

/// Teacher entry: a team's row (clicking it picks the team).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRow(pub usize);

/// Teacher entry: the text showing a team's estimate.
#[derive(Component, Debug, Clone, Copy)]
struct EntryValue(usize);

/// Teacher entry: the estimate being typed for the chosen team.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct EntryBuffer(pub String);

#[derive(Component)]
struct TimerFill;

#[derive(Component)]
struct TimerText;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EntryBuffer>()
        .add_systems(OnEnter(Screen::ClassQuestion), (capture_keys, spawn))
        .add_systems(OnExit(Screen::ClassQuestion), release_keys)
        .add_systems(
            Update,
            controls.in_set(GameSet::RecordInput).after(MenuSystems).run_if(in_class_session),
        )
        .add_systems(
            Update,
            (entry_keys, entry_clicks)
                .in_set(GameSet::RecordInput)
                .after(MenuSystems)
                .run_if(in_state(Screen::ClassQuestion).and_then(resource_exists::<ClassSession>)),
        )
        .add_systems(
            Update,
            (show_clock, show_teams)
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::ClassQuestion).and_then(resource_exists::<ClassSession>)),
        );
}

/// The keyboard belongs to the teams and the teacher's keys here, not to
/// menu navigation (Space would press a focused button).
fn capture_keys(mut captured: ResMut<KeysCaptured>, mut buffer: ResMut<EntryBuffer>) {
    captured.0 = true;
    buffer.0.clear();
}

fn release_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}

/// The teacher's row of buttons, each naming its key.
pub fn control_bar(
    root: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    buttons: &[(&str, TeacherCommand)],
) {
    root.spawn(Node {
        column_gap: px(10),
        justify_content: JustifyContent::Center,
        flex_wrap: FlexWrap::Wrap,
        ..default()
    })
    .with_children(|bar| {
        for (i, (label, command)) in buttons.iter().enumerate() {
            bar.spawn(widgets::small_button(theme, fonts, label, 100 + i as u32, Control(*command)));
        }
    });
}

fn controls(
    mut activated: MessageReader<Activated>,
    controls: Query<&Control>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    for Activated(e) in activated.read() {
        if let Ok(Control(command)) = controls.get(*e) {
            commands.write(*command);
        }
    }
}

fn spawn(mut commands: Commands, class: Res<ClassSession>, theme: Res<Theme>, fonts: Res<Fonts>) {
    let Some(q) = class.session.current() else { return };
    let p = theme.palette.clone();
    let session = &class.session;
    let buzzers = session.style == AnsweringStyle::Buzzers;
    commands
        .spawn((
            DespawnOnExit(Screen::ClassQuestion),
            widgets::screen(
                &theme,
                Node {
                    align_items: AlignItems::Stretch,
                    justify_content: JustifyContent::Start,
                    padding: UiRect::axes(px(36), px(16)),
                    row_gap: px(10),
                    ..widgets::screen_node()
                },
            ),
        ))
        .with_children(|root| {
            root.spawn(Node { justify_content: JustifyContent::SpaceBetween, ..default() }).with_children(
                |bar| {
                    bar.spawn(widgets::bold(
                        &fonts,
                        format!("Question {} of {}", session.number(), session.len()),
                        size::SMALL,
                        p.text_muted,
                    ));
                    bar.spawn(widgets::text("F1: the teacher's keys", size::SMALL, p.text_muted));
                },
            );
            root.spawn(Node { align_items: AlignItems::Center, column_gap: px(16), ..default() })
                .with_children(|row| {
                    if q.limit.is_some() {
                        row.spawn((
                            Node {
                                flex_grow: 1.0,
                                height: px(14),
                                border_radius: BorderRadius::all(px(7)),
                                overflow: Overflow::clip(),
                                ..default()
                            },
                            BackgroundColor(p.timer_track),
                        ))
                        .with_child((
                            TimerFill,
                            Node { width: percent(100), height: percent(100), ..default() },
                            BackgroundColor(p.timer),
                        ));
                        row.spawn((
                            TimerText,
                            widgets::bold(&fonts, "", size::HEADING, p.text),
                            TextLayout::no_wrap(),
                            Node { min_width: px(90), ..default() },
                        ));
                    } else {
                        row.spawn(widgets::text(
                            "Untimed: reveal when every team is ready",
                            size::SMALL,
                            p.text_muted,
                        ));
                    }
                });
            root.spawn(Node {
                flex_grow: 1.0,
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                row_gap: px(10),
                ..default()
            })
            .with_children(|middle| {
                middle.spawn(widgets::bold(
                    &fonts,
                    kind_label(&q.question.kind).to_uppercase(),
                    size::TINY,
                    p.accent,
                ));
                middle.spawn((
                    widgets::bold(&fonts, q.question.prompt(), size::PROMPT, p.text),
                    widgets::centred(),
                ));
                if let Some(quote) = q.question.quote() {
                    middle.spawn((
                        widgets::italic(&fonts, format!("\u{201C}{quote}\u{201D}"), size::QUOTE, p.text),
                        widgets::centred(),
                        Node { max_width: px(1100), ..default() },
                    ));
                }
            });
            // The answers, with the keys that choose them.
            root.spawn(Node {
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::Center,
                column_gap: px(12),
                row_gap: px(10),
                ..default()
            })
            .with_children(|grid| {
                for (i, choice) in q.choices.iter().enumerate() {
                    let keys: Vec<&str> = if buzzers {
                        (0..session.teams.len()).map(|t| BUZZER_LABELS[t][i]).collect()
                    } else {
                        vec![crate::game::theme::palette::TILE_KEYS[i]]
                    };
                    grid.spawn((
                        Node {
                            width: percent(48.5),
                            min_height: px(64),
                            padding: UiRect::axes(px(16), px(8)),
                            column_gap: px(14),
                            align_items: AlignItems::Center,
                            border_radius: BorderRadius::all(px(12)),
                            ..default()
                        },
                        BackgroundColor(p.tiles[i % p.tiles.len()]),
                    ))
                    .with_children(|t| {
                        t.spawn(widgets::tile_shape(&fonts, i, 30.0, p.tile_text));
                        t.spawn((
                            widgets::bold(&fonts, choice.clone(), size::TILE, p.tile_text),
                            Node { flex_grow: 1.0, ..default() },
                        ));
                        t.spawn((
                            widgets::bold(&fonts, keys.join(" "), size::SMALL, p.tile_text),
                            TextLayout::no_wrap(),
                        ));
                    });
                }
            });
            if buzzers {
                lock_ins(root, &theme, &fonts, session);
            } else {
                entry_grid(root, &theme, &fonts, session, q.choices.len());
            }
            control_bar(
                root,
                &theme,
                &fonts,
                &[
                    ("Pause (Space)", TeacherCommand::Pause),
                    ("Reveal (R)", TeacherCommand::Reveal),
                    ("Skip (S)", TeacherCommand::Skip),
                    ("-10 s", TeacherCommand::AddTime(-10)),
                    ("+10 s", TeacherCommand::AddTime(10)),
                    ("End session (E)", TeacherCommand::End),
                ],
            );
        });
}

fn lock_ins(
    root: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    session: &quorum_core::quiz::classroom::Session,
) {
    let p = &theme.palette;
    root.spawn(Node { column_gap: px(14), justify_content: JustifyContent::Center, ..default() })
        .with_children(|row| {
            for (team, name) in session.teams.iter().enumerate() {
                row.spawn((
                    Node {
                        column_gap: px(10),
                        align_items: AlignItems::Center,
                        padding: UiRect::axes(px(14), px(6)),
                        border_radius: BorderRadius::all(px(24)),
                        ..default()
                    },
                    BackgroundColor(p.panel),
                ))
                .with_children(|chip| {
                    chip.spawn(team_badge(theme, fonts, team, 32.0));
                    chip.spawn(Node { flex_direction: FlexDirection::Column, ..default() }).with_children(
                        |col| {
                            col.spawn((
                                widgets::bold(fonts, name.clone(), size::SMALL, p.text),
                                TextLayout::no_wrap(),
                            ));
                            col.spawn((
                                LockIn(team),
                                widgets::text("", size::TINY, p.text_muted),
                                TextLayout::no_wrap(),
                            ));
                        },
                    );
                });
            }
        });
}

fn entry_grid(
    root: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    session: &quorum_core::quiz::classroom::Session,
    choices: usize,
) {
    let p = &theme.palette;
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
                Node {
                    width: px(560),
                    column_gap: px(8),
                    align_items: AlignItems::Center,
                    padding: UiRect::axes(px(10), px(4)),
                    border_radius: BorderRadius::all(px(10)),
                    ..default()
                },
                BackgroundColor(p.panel),
                Outline::new(px(3), px(1), Color::NONE),
            ))
            .with_children(|row| {
                row.spawn(team_badge(theme, fonts, team, 28.0));
                row.spawn((
                    widgets::bold(fonts, name.clone(), size::SMALL, p.text),
                    TextLayout::no_wrap(),
                    Node { width: px(180), overflow: Overflow::clip(), ..default() },
                ));
                if choices == 0 {
                    row.spawn((
                        EntryValue(team),
                        widgets::bold(fonts, "", size::SMALL, p.accent),
                        TextLayout::no_wrap(),
                    ));
                }
                for choice in 0..choices {
                    row.spawn((
                        EntryCell { team, choice },
                        Button,
                        ButtonColors { normal: p.panel_raised, hovered: p.button_hovered },
                        Node {
                            width: px(50),
                            height: px(32),
                            justify_content: JustifyContent::Center,
                            align_items: AlignItems::Center,
                            border_radius: BorderRadius::all(px(8)),
                            ..default()
                        },
                        BackgroundColor(p.panel_raised),
                    ))
                    .with_child(widgets::tile_shape(fonts, choice, 20.0, p.tile_text));
                }
            });
        }
    });
}

/// Teacher entry from the keyboard: Up/Down pick the team, 1–6 enter its
/// answer; an estimate is typed and confirmed with Enter.
fn entry_keys(
    mut keys: MessageReader<KeyboardInput>,
    paused: Res<Paused>,
    mut team: ResMut<EntryTeam>,
    mut buffer: ResMut<EntryBuffer>,
    mut class: ResMut<ClassSession>,
) {
    if class.session.style != AnsweringStyle::TeacherEntry || paused.0 {
        keys.clear();
        return;
    }
    let teams = class.session.teams.len();
    let estimate = class.session.current().is_some_and(|q| q.choices.is_empty());
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        match key.key_code {
            KeyCode::ArrowDown | KeyCode::Tab => {
                team.0 = (team.0 + 1) % teams;
                buffer.0.clear();
            }
            KeyCode::ArrowUp => {
                team.0 = (team.0 + teams - 1) % teams;
                buffer.0.clear();
            }
            KeyCode::Enter | KeyCode::NumpadEnter if estimate => {
                if let Ok(value) = buffer.0.trim().parse::<f64>()
                    && class.session.enter(team.0, Some(Answer::Estimate(value)))
                {
                    buffer.0.clear();
                    team.0 = next_unanswered(&class, team.0);
                }
            }
            KeyCode::Backspace if estimate => {
                buffer.0.pop();
            }
            _ if estimate => {
                if let Key::Character(c) = &key.logical_key
                    && c.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                    && buffer.0.len() < 12
                {
                    buffer.0.push_str(c);
                }
            }
            code => {
                let digits = [
                    KeyCode::Digit1,
                    KeyCode::Digit2,
                    KeyCode::Digit3,
                    KeyCode::Digit4,
                    KeyCode::Digit5,
                    KeyCode::Digit6,
                ];
                let numpad = [
                    KeyCode::Numpad1,
                    KeyCode::Numpad2,
                    KeyCode::Numpad3,
                    KeyCode::Numpad4,
                    KeyCode::Numpad5,
                    KeyCode::Numpad6,
                ];
                if let Some(i) =
                    digits.iter().position(|d| *d == code).or_else(|| numpad.iter().position(|d| *d == code))
                    && class.session.enter(team.0, Some(Answer::Choice(i)))
                {
                    team.0 = next_unanswered(&class, team.0);
                }
            }
        }
    }
}

/// The next team (after `from`, wrapping) with no answer yet, or `from`.
fn next_unanswered(class: &ClassSession, from: usize) -> usize {
    let n = class.session.teams.len();
    (1..=n).map(|k| (from + k) % n).find(|t| !class.session.has_answered(*t)).unwrap_or(from)
}

fn entry_clicks(
    cells: Query<(&Interaction, &EntryCell), Changed<Interaction>>,
    rows: Query<(&Interaction, &EntryRow), Changed<Interaction>>,
    paused: Res<Paused>,
    mut team: ResMut<EntryTeam>,
    mut buffer: ResMut<EntryBuffer>,
    mut class: ResMut<ClassSession>,
) {
    if paused.0 {
        return;
    }
    for (interaction, cell) in &cells {
        if *interaction == Interaction::Pressed {
            // Clicking the answer already entered clears it.
            let current = class.session.answer_of(cell.team);
            let answer = if current == Some(Answer::Choice(cell.choice)) {
                None
            } else {
                Some(Answer::Choice(cell.choice))
            };
            class.session.enter(cell.team, answer);
            team.0 = cell.team;
        }
    }
    for (interaction, row) in &rows {
        if *interaction == Interaction::Pressed && team.0 != row.0 {
            team.0 = row.0;
            buffer.0.clear();
        }
    }
}

fn show_clock(
    class: Res<ClassSession>,
    theme: Res<Theme>,
    mut fills: Query<(&mut Node, &mut BackgroundColor), With<TimerFill>>,
    mut texts: Query<&mut Text, With<TimerText>>,
) {
    let timer = class.session.timer();
    let left = timer.fraction_left();
    for (mut node, mut colour) in &mut fills {
        node.width = percent(left * 100.0);
        colour.0 = if left < 0.25 { theme.palette.timer_low } else { theme.palette.timer };
    }
    if let Some(remaining) = timer.remaining() {
        let seconds = format!("{} s", remaining.as_secs_f32().ceil() as u32);
        for mut text in &mut texts {
            if text.0 != seconds {
                text.0 = seconds.clone();
            }
        }
    }
}

/// Lock-ins (never the answer chosen) for buzzers; entries for the teacher.
fn show_teams(
    class: Res<ClassSession>,
    team: Res<EntryTeam>,
    buffer: Res<EntryBuffer>,
    theme: Res<Theme>,
    mut lock_ins: Query<(&LockIn, &mut Text, &mut TextColor), Without<EntryValue>>,
    mut cells: Query<(&EntryCell, &mut ButtonColors)>,
    mut rows: Query<(&EntryRow, &mut Outline)>,
    mut values: Query<(&EntryValue, &mut Text), Without<LockIn>>,
) {
    let p = &theme.palette;
    let s = &class.session;
    for (LockIn(t), mut text, mut colour) in &mut lock_ins {
        let (wanted, c) =
            if s.has_answered(*t) { ("Locked in", p.correct_text) } else { ("Thinking…", p.text_muted) };
        if text.0 != wanted {
            text.0 = wanted.to_string();
            colour.0 = c;
        }
    }
    for (cell, mut colours) in &mut cells {
        let chosen = s.answer_of(cell.team) == Some(Answer::Choice(cell.choice));
        let normal = if chosen { p.tiles[cell.choice % p.tiles.len()] } else { p.panel_raised };
        if colours.normal != normal {
            colours.normal = normal;
            colours.hovered = if chosen { normal } else { p.button_hovered };
        }
    }
    for (row, mut outline) in &mut rows {
        let wanted = if row.0 == team.0 { p.focus_ring } else { Color::NONE };
        if outline.color != wanted {
            outline.color = wanted;
        }
    }
    for (EntryValue(t), mut text) in &mut values {
        let shown = match s.answer_of(*t) {
            _ if *t == team.0 && !buffer.0.is_empty() => format!("{}|", buffer.0),
            Some(Answer::Estimate(v)) => quorum_core::bank::model::format_number(v),
            _ if *t == team.0 => "type a number, then Enter".to_string(),
            _ => "—".to_string(),
        };
        if text.0 != shown {
            text.0 = shown;
        }
    }
}
