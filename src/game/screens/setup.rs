//! Setting up a solo round: name, number of questions, timer or practice,
//! speed bonus, difficulties, topics, the high-contrast theme, and the sound
//! (beside the steppers). The choices are remembered for next time.

use bevy::prelude::*;

use crate::game::play::bank::ActiveBank;
use crate::game::play::round::start_round;
use crate::game::settings::setup::{DEFAULT_NAME, MAX_NAME, RoundSetting, SetupChoices};
use crate::game::settings::sound::SoundChoices;
use crate::game::theme::{Ink, controls, round_settings, size, sound_settings, widgets};
use crate::game::ui::menu::{Activated, Adjusted, DefaultFocus, MenuItem};
use crate::game::ui::text_field::{self, TextField};
use crate::game::{DataDir, GameSet, Screen};

#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub enum SetupAction {
    Setting(RoundSetting),
    Name,
    Start,
    Back,
}

#[derive(Component)]
struct SetupRoot;

/// A line under the buttons for what went wrong (no matching questions).
#[derive(Resource, Debug, Default, Clone)]
struct SetupStatus(String);

/// The item to focus when the screen is redrawn after a change.
#[derive(Resource, Debug, Clone)]
struct FocusAfterRedraw(SetupAction);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SetupStatus>()
        .insert_resource(FocusAfterRedraw(SetupAction::Start))
        .add_systems(OnEnter(Screen::Setup), (reset_focus, spawn).chain())
        .add_systems(
            Update,
            (act, keep_name, super::back_to_title_on_escape)
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Setup)),
        )
        .add_systems(
            Update,
            redraw_on_reload
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Setup).and_then(resource_exists_and_changed::<ActiveBank>)),
        );
}

fn reset_focus(mut focus: ResMut<FocusAfterRedraw>, mut status: ResMut<SetupStatus>) {
    focus.0 = SetupAction::Start;
    status.0.clear();
}

/// A reload can change the topics and how many questions there are.
fn redraw_on_reload(world: &mut World) {
    super::redraw::<SetupRoot, _>(world, spawn);
}

fn spawn(
    mut commands: Commands,
    choices: Res<SetupChoices>,
    active: Res<ActiveBank>,
    status: Res<SetupStatus>,
    focus: Res<FocusAfterRedraw>,
    sound: Res<SoundChoices>,
) {
    let s = &choices.settings;
    let scoring = round_settings::scoring_sentence(s.speed_bonus && s.seconds.is_some());
    let setting_focus = match &focus.0 {
        SetupAction::Setting(setting) => Some(setting.clone()),
        _ => None,
    };

    commands.spawn((SetupRoot, DespawnOnExit(Screen::Setup), widgets::screen_root())).with_children(|root| {
        root.spawn(widgets::bold("Set up your round", size::HEADING, Ink::Text));
        root.spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(10),
            width: px(1040),
            ..default()
        })
        .with_children(|rows| {
            controls::setting_row(rows, "Your name", controls::LABEL_WIDTH, |r| {
                let mut field = r.spawn((
                    MenuItem::default(),
                    SetupAction::Name,
                    text_field::field(&choices.player, MAX_NAME, DEFAULT_NAME, 420.0),
                ));
                if focus.0 == SetupAction::Name {
                    field.insert(DefaultFocus);
                }
            });
            let layout = (controls::LABEL_WIDTH, 280.0);
            let focus = setting_focus.as_ref();
            // The sound sits in the room the steppers leave on their right.
            let column = Node { flex_direction: FlexDirection::Column, row_gap: px(10), ..default() };
            rows.spawn(Node { column_gap: px(20), ..default() }).with_children(|beside| {
                beside.spawn(Node { flex_shrink: 0.0, ..column.clone() }).with_children(|left| {
                    round_settings::stepper_rows(
                        left,
                        &choices,
                        &active.bank,
                        layout,
                        focus,
                        SetupAction::Setting,
                    );
                });
                beside
                    .spawn(column)
                    .with_children(|right| sound_settings::sound_rows(right, &sound, false, 140.0));
            });
            round_settings::filter_rows(
                rows,
                &choices,
                &active.bank,
                controls::LABEL_WIDTH,
                focus,
                SetupAction::Setting,
            );
        });
        root.spawn((
            widgets::text(scoring, size::SMALL, Ink::Muted),
            widgets::centred(),
            Node { max_width: px(1040), ..default() },
        ));
        root.spawn(Node { column_gap: px(24), margin: UiRect::top(px(6)), ..default() }).with_children(
            |buttons| {
                let mut start = buttons.spawn(widgets::button("Start", SetupAction::Start));
                if focus.0 == SetupAction::Start {
                    start.insert(DefaultFocus);
                }
                buttons.spawn(widgets::button("Back", SetupAction::Back));
            },
        );
        if !status.0.is_empty() {
            root.spawn(widgets::bold(status.0.clone(), size::BODY, Ink::Wrong));
        }
    });
}

fn act(
    mut activated: MessageReader<Activated>,
    mut adjusted: MessageReader<Adjusted>,
    actions: Query<&SetupAction>,
    mut commands: Commands,
) {
    let changes = activated
        .read()
        .map(|a| (a.0, 1))
        .chain(adjusted.read().map(|a| (a.entity, a.delta)))
        .filter_map(|(e, delta)| actions.get(e).ok().map(|a| (a.clone(), delta)))
        .collect::<Vec<_>>();
    for (action, delta) in changes {
        commands.queue(move |world: &mut World| apply_change(world, action, delta));
    }
}

fn apply_change(world: &mut World, action: SetupAction, delta: i32) {
    match action {
        SetupAction::Start => {
            let choices = world.resource::<SetupChoices>().clone();
            choices.remember(world.resource::<DataDir>());
            if let Err(e) = start_round(world) {
                world.resource_mut::<SetupStatus>().0 = format!("Cannot start: {e}.");
                redraw(world, SetupAction::Start);
            }
        }
        SetupAction::Back => world.resource_mut::<NextState<Screen>>().set(Screen::Title),
        SetupAction::Name => {}
        SetupAction::Setting(setting) => {
            let mut choices = world.resource::<SetupChoices>().clone();
            choices.change(&setting, delta);
            super::apply_theme(world, choices.high_contrast);
            world.insert_resource(choices);
            world.resource_mut::<SetupStatus>().0.clear();
            redraw(world, SetupAction::Setting(setting));
        }
    }
}

fn redraw(world: &mut World, focus: SetupAction) {
    world.resource_mut::<FocusAfterRedraw>().0 = focus;
    super::redraw::<SetupRoot, _>(world, spawn);
}

/// The name field writes straight into the choices.
fn keep_name(
    fields: Query<&TextField, (Changed<TextField>, With<SetupAction>)>,
    mut choices: ResMut<SetupChoices>,
) {
    for field in &fields {
        if choices.player != field.value {
            choices.player = field.value.clone();
        }
    }
}
