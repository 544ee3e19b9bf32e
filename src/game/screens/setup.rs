//! Setting up a solo round: name, number of questions, timer or practice,
//! speed bonus, difficulties, topics, and the high-contrast theme. The
//! choices are remembered for next time.

use bevy::prelude::*;

use crate::game::bank_source::ActiveBank;
use crate::game::menu::{Activated, Adjusted, DefaultFocus, MenuItem};
use crate::game::round::start_round;
use crate::game::setup_choices::{DEFAULT_NAME, MAX_NAME, SetupChoices};
use crate::game::text_field::{self, TextField};
use crate::game::theme::{Fonts, Theme, controls, size, widgets};
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::bank::Difficulty;
use quorum_core::quiz::QuestionCount;
use quorum_core::quiz::scoring::{FULL_POINTS, STREAK_CAP, STREAK_STEP};

/// The question counts offered.
const COUNTS: [QuestionCount; 6] = [
    QuestionCount::Some(5),
    QuestionCount::Some(10),
    QuestionCount::Some(15),
    QuestionCount::Some(20),
    QuestionCount::Some(30),
    QuestionCount::All,
];
/// Seconds per question offered; `None` is practice.
const TIMERS: [Option<u32>; 8] = [Some(10), Some(15), Some(20), Some(30), Some(45), Some(60), Some(90), None];

#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub enum SetupAction {
    Questions,
    Timer,
    SpeedBonus,
    /// `None` is every difficulty.
    Difficulty(Option<Difficulty>),
    /// `None` is every topic.
    Topic(Option<String>),
    HighContrast,
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
            (act, keep_name, back_with_escape).in_set(GameSet::Update).run_if(in_state(Screen::Setup)),
        );
}

fn reset_focus(mut focus: ResMut<FocusAfterRedraw>, mut status: ResMut<SetupStatus>) {
    focus.0 = SetupAction::Start;
    status.0.clear();
}

fn count_label(count: QuestionCount, available: usize) -> String {
    match count {
        QuestionCount::All => format!("All ({available})"),
        QuestionCount::Some(n) if n >= available => format!("{n} (all {available})"),
        QuestionCount::Some(n) => n.to_string(),
    }
}

fn timer_label(seconds: Option<u32>) -> String {
    match seconds {
        Some(s) => format!("{s} seconds"),
        None => "Practice: no timer".to_string(),
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "On" } else { "Off" }
}

/// Hands out keyboard-navigation order numbers in spawn order.
#[derive(Debug, Default)]
pub struct Order(u32);

impl Order {
    pub fn take(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// What the round settings rows show, from the bank.
pub fn topics_of(bank: &quorum_core::bank::Bank) -> Vec<String> {
    let mut topics: Vec<String> = bank.questions.iter().map(|q| q.topic.clone()).collect();
    topics.sort();
    topics.dedup();
    topics
}

/// The rows for a round's stepped settings, shared by the solo and
/// classroom setups: questions, timer, speed bonus and the high-contrast
/// theme. `wrap` turns each setting into the screen's action.
pub fn round_stepper_rows<A: Component>(
    rows: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    choices: &SetupChoices,
    bank: &quorum_core::bank::Bank,
    layout: (f32, f32),
    order: &mut Order,
    focus: Option<&SetupAction>,
    wrap: impl Fn(SetupAction) -> A,
) {
    let s = &choices.settings;
    let available = bank.questions.iter().filter(|q| s.admits(q)).count();
    let (label_width, value_width) = layout;
    let steppers = [
        ("Questions", count_label(s.questions, available), SetupAction::Questions),
        ("Time per question", timer_label(s.seconds), SetupAction::Timer),
        ("Speed bonus", on_off(s.speed_bonus).to_string(), SetupAction::SpeedBonus),
        ("High contrast", on_off(choices.high_contrast).to_string(), SetupAction::HighContrast),
    ];
    for (label, value, action) in steppers {
        controls::setting_row(rows, theme, label, label_width, |r| {
            let focused = focus == Some(&action);
            controls::stepper(
                r,
                theme,
                fonts,
                value,
                value_width,
                order.take(),
                focused,
                wrap(action.clone()),
            );
        });
    }
}

/// The rows choosing which questions a round draws: difficulties and topics.
pub fn round_filter_rows<A: Component>(
    rows: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    choices: &SetupChoices,
    bank: &quorum_core::bank::Bank,
    label_width: f32,
    order: &mut Order,
    focus: Option<&SetupAction>,
    wrap: impl Fn(SetupAction) -> A,
) {
    let s = &choices.settings;
    let focused = |a: &SetupAction| focus == Some(a);
    controls::setting_row(rows, theme, "Difficulty", label_width, |r| {
        let all = std::iter::once((None, "All".to_string(), s.difficulties.is_empty()));
        let each =
            Difficulty::ALL.iter().map(|d| (Some(*d), capitalised(d.name()), s.difficulties.contains(d)));
        for (d, label, on) in all.chain(each) {
            let action = SetupAction::Difficulty(d);
            controls::chip(r, theme, fonts, &label, on, order.take(), focused(&action), wrap(action.clone()));
        }
    });
    controls::setting_row(rows, theme, "Topics", label_width, |r| {
        let action = SetupAction::Topic(None);
        controls::chip(
            r,
            theme,
            fonts,
            "All",
            s.topics.is_empty(),
            order.take(),
            focused(&action),
            wrap(action.clone()),
        );
        for topic in topics_of(bank) {
            let on = s.topics.contains(&topic);
            let action = SetupAction::Topic(Some(topic.clone()));
            controls::chip(r, theme, fonts, &topic, on, order.take(), focused(&action), wrap(action.clone()));
        }
    });
}

/// The scoring rules in a sentence, as they apply to these settings.
pub fn scoring_sentence(speed_bonus: bool) -> String {
    if speed_bonus {
        format!(
            "Scoring: a right answer earns {}–{FULL_POINTS} points, more the faster you answer; each answer in a streak adds +{STREAK_STEP}, up to +{STREAK_CAP}.",
            FULL_POINTS / 2
        )
    } else {
        format!(
            "Scoring: every right answer earns {FULL_POINTS} points; each answer in a streak adds +{STREAK_STEP}, up to +{STREAK_CAP}."
        )
    }
}

fn spawn(
    mut commands: Commands,
    choices: Res<SetupChoices>,
    active: Res<ActiveBank>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
    status: Res<SetupStatus>,
    focus: Res<FocusAfterRedraw>,
) {
    let p = theme.palette.clone();
    let s = &choices.settings;
    let scoring = scoring_sentence(s.speed_bonus && s.seconds.is_some());
    let mut order = Order::default();

    commands.spawn((SetupRoot, DespawnOnExit(Screen::Setup), widgets::screen_root(&theme))).with_children(
        |root| {
            root.spawn(widgets::bold(&fonts, "Set up your round", size::HEADING, p.text));
            root.spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(10),
                width: px(1040),
                ..default()
            })
            .with_children(|rows| {
                controls::setting_row(rows, &theme, "Your name", controls::LABEL_WIDTH, |r| {
                    let mut field = r.spawn((
                        MenuItem { order: order.take() },
                        SetupAction::Name,
                        text_field::field(&theme, &choices.player, MAX_NAME, DEFAULT_NAME, 420.0),
                    ));
                    if focus.0 == SetupAction::Name {
                        field.insert(DefaultFocus);
                    }
                });
                let layout = (controls::LABEL_WIDTH, 280.0);
                round_stepper_rows(
                    rows,
                    &theme,
                    &fonts,
                    &choices,
                    &active.bank,
                    layout,
                    &mut order,
                    Some(&focus.0),
                    |a| a,
                );
                round_filter_rows(
                    rows,
                    &theme,
                    &fonts,
                    &choices,
                    &active.bank,
                    controls::LABEL_WIDTH,
                    &mut order,
                    Some(&focus.0),
                    |a| a,
                );
            });
            root.spawn((
                widgets::text(scoring, size::SMALL, p.text_muted),
                widgets::centred(),
                Node { max_width: px(1040), ..default() },
            ));
            root.spawn(Node { column_gap: px(24), margin: UiRect::top(px(6)), ..default() }).with_children(
                |buttons| {
                    let mut start = buttons.spawn(widgets::button(
                        &theme,
                        &fonts,
                        "Start",
                        order.take(),
                        SetupAction::Start,
                    ));
                    if focus.0 == SetupAction::Start {
                        start.insert(DefaultFocus);
                    }
                    buttons.spawn(widgets::button(&theme, &fonts, "Back", order.take(), SetupAction::Back));
                },
            );
            if !status.0.is_empty() {
                root.spawn(widgets::bold(&fonts, status.0.clone(), size::BODY, p.wrong_text));
            }
        },
    );
}

pub fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn cycle<T: PartialEq + Copy>(options: &[T], current: T, delta: i32) -> T {
    let i = options.iter().position(|o| *o == current).unwrap_or(0) as i32;
    options[(i + delta).rem_euclid(options.len() as i32) as usize]
}

/// Applies a change to the choices; returns whether the screen must redraw.
pub fn change(choices: &mut SetupChoices, action: &SetupAction, delta: i32) -> bool {
    let s = &mut choices.settings;
    match action {
        SetupAction::Questions => s.questions = cycle(&COUNTS, s.questions, delta),
        SetupAction::Timer => s.seconds = cycle(&TIMERS, s.seconds, delta),
        SetupAction::SpeedBonus => s.speed_bonus = !s.speed_bonus,
        SetupAction::HighContrast => choices.high_contrast = !choices.high_contrast,
        SetupAction::Difficulty(None) => s.difficulties.clear(),
        SetupAction::Difficulty(Some(d)) => toggle(&mut s.difficulties, *d),
        SetupAction::Topic(None) => s.topics.clear(),
        SetupAction::Topic(Some(t)) => toggle(&mut s.topics, t.clone()),
        SetupAction::Name | SetupAction::Start | SetupAction::Back => return false,
    }
    true
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(item),
    }
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
        action => {
            let mut choices = world.resource::<SetupChoices>().clone();
            if change(&mut choices, &action, delta) {
                super::apply_theme(world, choices.high_contrast);
                world.insert_resource(choices);
                world.resource_mut::<SetupStatus>().0.clear();
                redraw(world, action);
            }
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

fn back_with_escape(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(cycle(&TIMERS, Some(20), 1), Some(30));
        assert_eq!(cycle(&TIMERS, Some(10), -1), None);
        assert_eq!(cycle(&TIMERS, None, 1), Some(10));
    }

    #[test]
    fn toggles_add_and_remove() {
        let mut c = SetupChoices::default();
        assert!(change(&mut c, &SetupAction::Difficulty(Some(Difficulty::Hard)), 1));
        assert_eq!(c.settings.difficulties, [Difficulty::Hard]);
        change(&mut c, &SetupAction::Difficulty(Some(Difficulty::Hard)), 1);
        assert!(c.settings.difficulties.is_empty());
        change(&mut c, &SetupAction::Topic(Some("Figures".into())), 1);
        change(&mut c, &SetupAction::Topic(None), 1);
        assert!(c.settings.topics.is_empty());
    }
}
