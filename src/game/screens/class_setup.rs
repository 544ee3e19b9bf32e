//! Setting up a classroom session: teams (named in place, each with a
//! colour and a shape), the answering style with its key card (or students
//! on their own devices, which opens the lobby), the leaderboard's
//! frequency, the round settings shared with solo play, and the sound (with
//! the quiet room).

use bevy::prelude::*;

use crate::game::play::bank::ActiveBank;
use crate::game::play::classroom::{BUZZER_LABELS, start_session};
use crate::game::settings::classroom::{ClassChoices, ClassSetting};
use crate::game::settings::setup::RoundSetting;
use crate::game::settings::sound::SoundChoices;
use crate::game::theme::palette::TILE_SHAPES;
use crate::game::theme::team::team_badge;
use crate::game::theme::{Fill, Ink, controls, round_settings, size, sound_settings, widgets};
use crate::game::ui::menu::{Activated, Adjusted, DefaultFocus, MenuItem};
use crate::game::ui::text_field::{self, TextField};
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::quiz::classroom::{AnsweringStyle, MAX_TEAM_NAME, default_team_name};

#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub enum ClassAction {
    Class(ClassSetting),
    TeamName(usize),
    Setting(RoundSetting),
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
            (act, keep_names, super::back_to_title_on_escape)
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::ClassSetup)),
        )
        .add_systems(
            Update,
            redraw_on_reload
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::ClassSetup).and_then(resource_exists_and_changed::<ActiveBank>)),
        );
}

fn reset(mut focus: ResMut<FocusAfterRedraw>, mut status: ResMut<Status>) {
    focus.0 = ClassAction::Start;
    status.0.clear();
}

/// A reload can change the topics and how many questions there are.
fn redraw_on_reload(world: &mut World) {
    super::redraw::<ClassSetupRoot, _>(world, spawn);
}

fn style_label(style: AnsweringStyle) -> &'static str {
    match style {
        AnsweringStyle::Buzzers => "Buzzers: one keyboard",
        AnsweringStyle::TeacherEntry => "Teacher entry: paper",
    }
}

/// The answering row's value: a team style, or students' devices.
fn answering_label(choices: &ClassChoices) -> &'static str {
    if choices.devices { "Students' devices" } else { style_label(choices.style) }
}

fn leaderboard_label(every: Option<usize>) -> String {
    match every {
        Some(1) => "After every question".to_string(),
        Some(n) => format!("Every {n} questions"),
        None => "Only at the end".to_string(),
    }
}

fn spawn(
    mut commands: Commands,
    choices: Res<ClassChoices>,
    active: Res<ActiveBank>,
    focus: Res<FocusAfterRedraw>,
    status: Res<Status>,
    sound: Res<SoundChoices>,
) {
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
            widgets::screen(Node {
                row_gap: px(12),
                padding: UiRect::axes(px(36), px(18)),
                ..widgets::screen_node()
            }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold("Classroom session", size::HEADING, Ink::Text));
            // The teams, named in place (students' devices have players instead).
            root.spawn(Node {
                column_gap: px(12),
                row_gap: px(8),
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::Center,
                ..default()
            })
            .with_children(|teams| {
                for (i, name) in choices.teams.iter().enumerate().filter(|_| !choices.devices) {
                    teams
                        .spawn(Node { align_items: AlignItems::Center, column_gap: px(6), ..default() })
                        .with_children(|t| {
                            t.spawn(team_badge(i, 34.0));
                            let mut field = t.spawn((
                                MenuItem::default(),
                                ClassAction::TeamName(i),
                                text_field::field(name, MAX_TEAM_NAME, &default_team_name(i + 1), 160.0),
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
                            ("Answering", answering_label(&choices).to_string(), ClassSetting::Style),
                            ("Teams", format!("{} teams", choices.teams.len()), ClassSetting::Teams),
                            (
                                "Leaderboard",
                                leaderboard_label(choices.leaderboard_every),
                                ClassSetting::Leaderboard,
                            ),
                        ];
                        let teams = !choices.devices;
                        for (label, value, setting) in
                            steppers.into_iter().filter(|s| teams || s.2 != ClassSetting::Teams)
                        {
                            let action = ClassAction::Class(setting);
                            controls::setting_row(rows, label, label_width, |r| {
                                controls::stepper(r, value, 260.0, focused(&action), action.clone());
                            });
                        }
                        round_settings::stepper_rows(
                            rows,
                            &choices.round,
                            &active.bank,
                            (label_width, 260.0),
                            setting_focus.as_ref(),
                            ClassAction::Setting,
                        );
                        sound_settings::sound_rows(rows, &sound, true, 90.0);
                    });
                columns
                    .spawn(Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(8),
                        width: px(530),
                        ..default()
                    })
                    .with_children(|rows| {
                        round_settings::filter_rows(
                            rows,
                            &choices.round,
                            &active.bank,
                            110.0,
                            setting_focus.as_ref(),
                            ClassAction::Setting,
                        );
                        key_card(rows, &choices);
                    });
            });
            let s = &choices.round.settings;
            let timed = (choices.devices || choices.style == AnsweringStyle::Buzzers)
                && s.speed_bonus
                && s.seconds.is_some();
            root.spawn((
                widgets::text(round_settings::scoring_sentence(timed), size::TINY, Ink::Muted),
                widgets::centred(),
            ));
            root.spawn(Node { column_gap: px(24), ..default() }).with_children(|buttons| {
                let label = if choices.devices { "Open the lobby" } else { "Start the session" };
                let mut start = buttons.spawn(widgets::button(label, ClassAction::Start));
                if focused(&ClassAction::Start) {
                    start.insert(DefaultFocus);
                }
                buttons.spawn(widgets::button("Back", ClassAction::Back));
            });
            if !status.0.is_empty() {
                root.spawn(widgets::bold(status.0.clone(), size::BODY, Ink::Wrong));
            }
        });
}

/// The key card for buzzers (which key answers what, per team), or how
/// teacher entry works.
fn key_card(rows: &mut ChildSpawnerCommands, choices: &ClassChoices) {
    rows.spawn(widgets::panel(Node { row_gap: px(6), padding: UiRect::axes(px(16), px(10)), ..widgets::panel_node() }))
        .with_children(|card| match choices.style {
            _ if choices.devices => {
                card.spawn(widgets::bold("Students' devices", size::SMALL, Ink::Text));
                card.spawn(widgets::text(
                    "Every student answers on their own phone, tablet or Chromebook, in a browser on the classroom network: no app, no account, no internet. The lobby shows the address, a QR code and a PIN; students join with a nickname, and Enter starts the game. Estimates included; the game times every answer.",
                    size::TINY,
                    Ink::Muted,
                ));
            }
            AnsweringStyle::Buzzers => {
                card.spawn(widgets::bold("Key card: each team's first press counts", size::SMALL, Ink::Text));
                card.spawn(Node { column_gap: px(8), margin: UiRect::left(px(46)), ..default() }).with_children(|head| {
                    for (i, shape) in TILE_SHAPES.iter().enumerate() {
                        head.spawn(Node { width: px(52), justify_content: JustifyContent::Center, ..default() })
                            .with_child(widgets::symbol(shape, size::SMALL, Ink::Tile(i)));
                    }
                });
                for (team, name) in choices.team_names().iter().enumerate() {
                    card.spawn(Node { column_gap: px(8), align_items: AlignItems::Center, ..default() }).with_children(|row| {
                        row.spawn(team_badge(team, 30.0));
                        row.spawn(Node { width: px(8), ..default() });
                        for key in BUZZER_LABELS[team] {
                            row.spawn(widgets::filled(
                                Node {
                                    width: px(52),
                                    height: px(30),
                                    justify_content: JustifyContent::Center,
                                    align_items: AlignItems::Center,
                                    border_radius: BorderRadius::all(px(6)),
                                    ..default()
                                },
                                Fill::Raised,
                            ))
                            .with_child(widgets::bold(key, size::SMALL, Ink::Text));
                        }
                        row.spawn((widgets::text(name.clone(), size::TINY, Ink::Muted), TextLayout::no_wrap()));
                    });
                }
                card.spawn(widgets::text(
                    "Estimate questions are left out: a slider needs its own keyboard.",
                    size::TINY,
                    Ink::Muted,
                ));
            }
            AnsweringStyle::TeacherEntry => {
                card.spawn(widgets::bold("Teacher entry", size::SMALL, Ink::Text));
                card.spawn(widgets::text(
                    "Teams answer on paper or mini-whiteboards. Click each team's answer, or pick the team with Up/Down and press 1–6; for an estimate, type the number and press Enter. Then press R to reveal. Up to six teams; no speed bonus, since the time you enter an answer is not the team's.",
                    size::TINY,
                    Ink::Muted,
                ));
            }
        });
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
            world.resource::<ClassChoices>().remember(world.resource::<DataDir>());
            if world.resource::<ClassChoices>().devices {
                world.resource_mut::<NextState<Screen>>().set(Screen::Lobby);
            } else if let Err(e) = start_session(world) {
                world.resource_mut::<Status>().0 = format!("Cannot start: {e}.");
                redraw(world, ClassAction::Start);
            }
        }
        ClassAction::Back => world.resource_mut::<NextState<Screen>>().set(Screen::Title),
        ClassAction::TeamName(_) => {}
        ClassAction::Class(setting) => {
            world.resource_mut::<ClassChoices>().change(setting, delta);
            world.resource_mut::<Status>().0.clear();
            redraw(world, ClassAction::Class(setting));
        }
        ClassAction::Setting(setting) => {
            let mut choices = world.resource::<ClassChoices>().clone();
            choices.round.change(&setting, delta);
            super::apply_theme(world, choices.round.high_contrast);
            world.insert_resource(choices);
            world.resource_mut::<Status>().0.clear();
            redraw(world, ClassAction::Setting(setting));
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
