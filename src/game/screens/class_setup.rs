//! Setting up a classroom session: teams (named in place, each with a
//! colour and a shape), the answering style with its key card, the
//! leaderboard's frequency, and the round settings shared with solo play.

use bevy::prelude::*;

use super::setup::{self, Order, SetupAction};
use crate::game::bank_source::ActiveBank;
use crate::game::classroom::{
    BUZZER_LABELS, ClassChoices, LEADERBOARD_OPTIONS, MAX_TEAM_NAME, default_team_name, start_session,
};
use crate::game::menu::{Activated, Adjusted, DefaultFocus, MenuItem};
use crate::game::text_field::{self, TextField};
use crate::game::theme::palette::{TEAM_SHAPES, TILE_SHAPES};
use crate::game::theme::{Fonts, Theme, controls, size, widgets};
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::quiz::classroom::{AnsweringStyle, MIN_TEAMS};
use quorum_core::quiz::save_file;

#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub enum ClassAction {
    Style,
    Teams,
    Leaderboard,
    TeamName(usize),
    Setting(SetupAction),
    Start,
    Back,
}

#[derive(Component)]
struct ClassSetupRoot;

#[derive(Resource, Debug, Clone)]
struct FocusAfterRedraw(ClassAction);

#[derive(Resource, Debug, Default, Clone)]
struct Status(String);

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(FocusAfterRedraw(ClassAction::Start))
        .init_resource::<Status>()
        .add_systems(OnEnter(Screen::ClassSetup), (reset, spawn).chain())
        .add_systems(
            Update,
            (act, keep_names, back_with_escape).in_set(GameSet::Update).run_if(in_state(Screen::ClassSetup)),
        );
}

fn reset(mut focus: ResMut<FocusAfterRedraw>, mut status: ResMut<Status>) {
    focus.0 = ClassAction::Start;
    status.0.clear();
}

fn style_label(style: AnsweringStyle) -> &'static str {
    match style {
        AnsweringStyle::Buzzers => "Buzzers: one keyboard",
        AnsweringStyle::TeacherEntry => "Teacher entry: paper",
    }
}

fn leaderboard_label(every: Option<usize>) -> String {
    match every {
        Some(1) => "After every question".to_string(),
        Some(n) => format!("Every {n} questions"),
        None => "Only at the end".to_string(),
    }
}

/// A team's colour and shape, as a round badge.
pub fn team_badge(theme: &Theme, fonts: &Fonts, team: usize, diameter: f32) -> impl Bundle {
    let p = &theme.palette;
    (
        Node {
            width: px(diameter),
            height: px(diameter),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::MAX,
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(p.teams[team % p.teams.len()]),
        Pickable::IGNORE,
        children![widgets::symbol(
            fonts,
            TEAM_SHAPES[team % TEAM_SHAPES.len()],
            diameter * 0.55,
            p.team_text
        )],
    )
}

fn spawn(
    mut commands: Commands,
    choices: Res<ClassChoices>,
    active: Res<ActiveBank>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
    focus: Res<FocusAfterRedraw>,
    status: Res<Status>,
) {
    let p = theme.palette.clone();
    let mut order = Order::default();
    let focused = |a: &ClassAction| focus.0 == *a;
    let setting_focus = match &focus.0 {
        ClassAction::Setting(s) => Some(s.clone()),
        _ => None,
    };
    let label_width = 220.0;

    commands
        .spawn((
            ClassSetupRoot,
            DespawnOnExit(Screen::ClassSetup),
            widgets::screen(
                &theme,
                Node { row_gap: px(12), padding: UiRect::axes(px(36), px(18)), ..widgets::screen_node() },
            ),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold(&fonts, "Classroom session", size::HEADING, p.text));
            // The teams, named in place.
            root.spawn(Node {
                column_gap: px(12),
                row_gap: px(8),
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::Center,
                ..default()
            })
            .with_children(|teams| {
                for (i, name) in choices.teams.iter().enumerate() {
                    teams
                        .spawn(Node { align_items: AlignItems::Center, column_gap: px(6), ..default() })
                        .with_children(|t| {
                            t.spawn(team_badge(&theme, &fonts, i, 34.0));
                            let mut field = t.spawn((
                                MenuItem { order: order.take() },
                                ClassAction::TeamName(i),
                                text_field::field(
                                    &theme,
                                    name,
                                    MAX_TEAM_NAME,
                                    &default_team_name(i + 1),
                                    160.0,
                                ),
                            ));
                            if focused(&ClassAction::TeamName(i)) {
                                field.insert(DefaultFocus);
                            }
                        });
                }
            });
            root.spawn(Node {
                column_gap: px(28),
                width: percent(100),
                justify_content: JustifyContent::Center,
                ..default()
            })
            .with_children(|columns| {
                columns
                    .spawn(Node { flex_direction: FlexDirection::Column, row_gap: px(8), ..default() })
                    .with_children(|rows| {
                        let steppers = [
                            ("Answering", style_label(choices.style).to_string(), ClassAction::Style),
                            ("Teams", format!("{} teams", choices.teams.len()), ClassAction::Teams),
                            (
                                "Leaderboard",
                                leaderboard_label(choices.leaderboard_every),
                                ClassAction::Leaderboard,
                            ),
                        ];
                        for (label, value, action) in steppers {
                            controls::setting_row(rows, &theme, label, label_width, |r| {
                                controls::stepper(
                                    r,
                                    &theme,
                                    &fonts,
                                    value,
                                    260.0,
                                    order.take(),
                                    focused(&action),
                                    action.clone(),
                                );
                            });
                        }
                        let layout = (label_width, 260.0);
                        setup::round_stepper_rows(
                            rows,
                            &theme,
                            &fonts,
                            &choices.round,
                            &active.bank,
                            layout,
                            &mut order,
                            setting_focus.as_ref(),
                            ClassAction::Setting,
                        );
                    });
                columns
                    .spawn(Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(8),
                        width: px(530),
                        ..default()
                    })
                    .with_children(|rows| {
                        setup::round_filter_rows(
                            rows,
                            &theme,
                            &fonts,
                            &choices.round,
                            &active.bank,
                            110.0,
                            &mut order,
                            setting_focus.as_ref(),
                            ClassAction::Setting,
                        );
                        key_card(rows, &theme, &fonts, &choices);
                    });
            });
            let s = &choices.round.settings;
            let timed = choices.style == AnsweringStyle::Buzzers && s.speed_bonus && s.seconds.is_some();
            root.spawn((
                widgets::text(setup::scoring_sentence(timed), size::TINY, p.text_muted),
                widgets::centred(),
            ));
            root.spawn(Node { column_gap: px(24), ..default() }).with_children(|buttons| {
                let mut start = buttons.spawn(widgets::button(
                    &theme,
                    &fonts,
                    "Start the session",
                    order.take(),
                    ClassAction::Start,
                ));
                if focused(&ClassAction::Start) {
                    start.insert(DefaultFocus);
                }
                buttons.spawn(widgets::button(&theme, &fonts, "Back", order.take(), ClassAction::Back));
            });
            if !status.0.is_empty() {
                root.spawn(widgets::bold(&fonts, status.0.clone(), size::BODY, p.wrong_text));
            }
        });
}

/// The key card for buzzers (which key answers what, per team), or how
/// teacher entry works.
fn key_card(rows: &mut ChildSpawnerCommands, theme: &Theme, fonts: &Fonts, choices: &ClassChoices) {
    let p = &theme.palette;
    rows.spawn(widgets::panel(theme, Node { row_gap: px(6), padding: UiRect::axes(px(16), px(10)), ..widgets::panel_node() }))
        .with_children(|card| match choices.style {
            AnsweringStyle::Buzzers => {
                card.spawn(widgets::bold(fonts, "Key card: each team's first press counts", size::SMALL, p.text));
                card.spawn(Node { column_gap: px(8), margin: UiRect::left(px(46)), ..default() }).with_children(|head| {
                    for (i, shape) in TILE_SHAPES.iter().enumerate() {
                        head.spawn((Node { width: px(52), justify_content: JustifyContent::Center, ..default() },))
                            .with_child(widgets::symbol(fonts, shape, size::SMALL, p.tiles[i]));
                    }
                });
                for (team, name) in choices.team_names().iter().enumerate() {
                    card.spawn(Node { column_gap: px(8), align_items: AlignItems::Center, ..default() }).with_children(|row| {
                        row.spawn(team_badge(theme, fonts, team, 30.0));
                        row.spawn(Node { width: px(8), ..default() });
                        for key in BUZZER_LABELS[team] {
                            row.spawn((
                                Node { width: px(52), height: px(30), justify_content: JustifyContent::Center, align_items: AlignItems::Center, border_radius: BorderRadius::all(px(6)), ..default() },
                                BackgroundColor(p.panel_raised),
                            ))
                            .with_child(widgets::bold(fonts, key, size::SMALL, p.text));
                        }
                        row.spawn((widgets::text(name.clone(), size::TINY, p.text_muted), TextLayout::no_wrap()));
                    });
                }
                card.spawn(widgets::text("Estimate questions are left out: a slider needs its own keyboard.", size::TINY, p.text_muted));
            }
            AnsweringStyle::TeacherEntry => {
                card.spawn(widgets::bold(fonts, "Teacher entry", size::SMALL, p.text));
                card.spawn(widgets::text(
                    "Teams answer on paper or mini-whiteboards. Click each team's answer, or pick the team with Up/Down and press 1–6; for an estimate, type the number and press Enter. Then press R to reveal. Up to six teams; no speed bonus, since the time you enter an answer is not the team's.",
                    size::TINY,
                    p.text_muted,
                ));
            }
        });
}

fn cycle<T: PartialEq + Copy>(options: &[T], current: T, delta: i32) -> T {
    let i = options.iter().position(|o| *o == current).unwrap_or(0) as i32;
    options[(i + delta).rem_euclid(options.len() as i32) as usize]
}

/// Applies a change; returns whether the screen must redraw.
fn change(choices: &mut ClassChoices, action: &ClassAction, delta: i32) -> bool {
    match action {
        ClassAction::Style => {
            choices.style = match choices.style {
                AnsweringStyle::Buzzers => AnsweringStyle::TeacherEntry,
                AnsweringStyle::TeacherEntry => AnsweringStyle::Buzzers,
            };
            choices.fit_teams();
        }
        ClassAction::Teams => {
            let max = choices.style.max_teams();
            let n = choices.teams.len() as i32 + delta;
            let n = if n > max as i32 {
                MIN_TEAMS
            } else if n < MIN_TEAMS as i32 {
                max
            } else {
                n as usize
            };
            choices.teams.resize_with(n, String::new);
            for (i, t) in choices.teams.iter_mut().enumerate() {
                if t.trim().is_empty() {
                    *t = default_team_name(i + 1);
                }
            }
        }
        ClassAction::Leaderboard => {
            choices.leaderboard_every = cycle(&LEADERBOARD_OPTIONS, choices.leaderboard_every, delta)
        }
        ClassAction::Setting(s) => return setup::change(&mut choices.round, s, delta),
        ClassAction::TeamName(_) | ClassAction::Start | ClassAction::Back => return false,
    }
    true
}

fn act(
    mut activated: MessageReader<Activated>,
    mut adjusted: MessageReader<Adjusted>,
    actions: Query<&ClassAction>,
    mut commands: Commands,
) {
    let changes: Vec<(ClassAction, i32)> = activated
        .read()
        .map(|a| (a.0, 1))
        .chain(adjusted.read().map(|a| (a.entity, a.delta)))
        .filter_map(|(e, delta)| actions.get(e).ok().map(|a| (a.clone(), delta)))
        .collect();
    for (action, delta) in changes {
        commands.queue(move |world: &mut World| apply(world, action, delta));
    }
}

fn apply(world: &mut World, action: ClassAction, delta: i32) {
    match action {
        ClassAction::Start => {
            let choices = world.resource::<ClassChoices>().clone();
            let dir = world.resource::<DataDir>().0.join(crate::game::classroom::FILE);
            if let Err(e) = save_file::save(&dir, &choices) {
                warn!("{e}");
            }
            if let Err(e) = start_session(world) {
                world.resource_mut::<Status>().0 = format!("Cannot start: {e}.");
                redraw(world, ClassAction::Start);
            }
        }
        ClassAction::Back => world.resource_mut::<NextState<Screen>>().set(Screen::Title),
        action => {
            let mut choices = world.resource::<ClassChoices>().clone();
            if change(&mut choices, &action, delta) {
                super::apply_theme(world, choices.round.high_contrast);
                world.insert_resource(choices);
                world.resource_mut::<Status>().0.clear();
                redraw(world, action);
            }
        }
    }
}

fn redraw(world: &mut World, focus: ClassAction) {
    world.resource_mut::<FocusAfterRedraw>().0 = focus;
    super::redraw::<ClassSetupRoot, _>(world, spawn);
}

/// Team names are edited in place and kept as they are typed.
fn keep_names(
    fields: Query<(&TextField, &ClassAction), Changed<TextField>>,
    mut choices: ResMut<ClassChoices>,
) {
    for (field, action) in &fields {
        if let ClassAction::TeamName(i) = action
            && choices.teams.get(*i).is_some_and(|t| *t != field.value)
        {
            choices.teams[*i] = field.value.clone();
        }
    }
}

fn back_with_escape(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_count_wraps_within_the_style() {
        let mut c = ClassChoices::default();
        assert_eq!(c.teams.len(), 4);
        change(&mut c, &ClassAction::Teams, 1);
        assert_eq!(c.teams.len(), 2, "buzzers stop at four");
        change(&mut c, &ClassAction::Style, 1);
        change(&mut c, &ClassAction::Teams, -1);
        assert_eq!(c.teams.len(), 6, "teacher entry allows six");
        assert_eq!(c.teams[5], "Team 6");
        change(&mut c, &ClassAction::Style, 1);
        assert_eq!(c.teams.len(), 4, "back to buzzers, back to four");
    }
}
