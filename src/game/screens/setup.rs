//! Setting up a solo round: name, number of questions, timer or practice,
//! speed bonus, difficulties, topics, and the high-contrast theme. The
//! choices are remembered for next time.

use bevy::prelude::*;

use crate::bank::Difficulty;
use crate::game::bank_source::ActiveBank;
use crate::game::menu::{Activated, Adjusted, ButtonColors, DefaultFocus, MenuItem, Stepper};
use crate::game::round::start_round;
use crate::game::setup_choices::{DEFAULT_NAME, MAX_NAME, SetupChoices};
use crate::game::text_field::{TextField, TextFieldDisplay};
use crate::game::theme::{Fonts, Theme, size, widgets};
use crate::game::{DataDir, GameSet, Screen};
use crate::quiz::QuestionCount;
use crate::quiz::scoring::{FULL_POINTS, STREAK_CAP, STREAK_STEP};

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

/// A ‹ or › beside a setting, for the mouse.
#[derive(Component, Debug, Clone)]
struct StepArrow {
    action: SetupAction,
    delta: i32,
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
            (click_arrows, act, keep_name, back_with_escape)
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Setup)),
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
    let mut topics: Vec<String> = active.bank.questions.iter().map(|q| q.topic.clone()).collect();
    topics.sort();
    topics.dedup();
    let available = active.bank.questions.iter().filter(|q| s.admits(q)).count();
    let scoring = if s.speed_bonus && s.seconds.is_some() {
        format!(
            "Scoring: a right answer earns {}–{FULL_POINTS} points, more the faster you answer; each answer in a streak adds +{STREAK_STEP}, up to +{STREAK_CAP}.",
            FULL_POINTS / 2
        )
    } else {
        format!(
            "Scoring: every right answer earns {FULL_POINTS} points; each answer in a streak adds +{STREAK_STEP}, up to +{STREAK_CAP}."
        )
    };
    let mut order = 0u32;
    let mut next_order = || {
        order += 1;
        order
    };
    let focus_on = |action: &SetupAction| focus.0 == *action;

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
                // Name
                row(rows, &theme, "Your name", |r| {
                    let mut field = r.spawn((
                        MenuItem { order: next_order() },
                        SetupAction::Name,
                        Button,
                        ButtonColors { normal: p.panel_raised, hovered: p.button_hovered },
                        TextField {
                            value: choices.player.clone(),
                            max_chars: MAX_NAME,
                            placeholder: DEFAULT_NAME.to_string(),
                        },
                        Node {
                            width: px(420),
                            padding: UiRect::axes(px(16), px(8)),
                            border_radius: BorderRadius::all(px(10)),
                            ..default()
                        },
                        BackgroundColor(p.panel_raised),
                        Outline::new(px(4), px(2), Color::NONE),
                        children![(
                            TextFieldDisplay,
                            widgets::text("", size::BODY, p.text),
                            Pickable::IGNORE
                        )],
                    ));
                    if focus_on(&SetupAction::Name) {
                        field.insert(DefaultFocus);
                    }
                });
                stepper(
                    rows,
                    &theme,
                    &fonts,
                    "Questions",
                    count_label(s.questions, available),
                    SetupAction::Questions,
                    next_order(),
                    &focus.0,
                );
                stepper(
                    rows,
                    &theme,
                    &fonts,
                    "Time per question",
                    timer_label(s.seconds),
                    SetupAction::Timer,
                    next_order(),
                    &focus.0,
                );
                stepper(
                    rows,
                    &theme,
                    &fonts,
                    "Speed bonus",
                    on_off(s.speed_bonus).to_string(),
                    SetupAction::SpeedBonus,
                    next_order(),
                    &focus.0,
                );
                row(rows, &theme, "Difficulty", |r| {
                    let all = std::iter::once((None, "All".to_string(), s.difficulties.is_empty()));
                    let each = Difficulty::ALL
                        .iter()
                        .map(|d| (Some(*d), capitalised(d.name()), s.difficulties.contains(d)));
                    for (d, label, on) in all.chain(each) {
                        chip(
                            r,
                            &theme,
                            &fonts,
                            &label,
                            on,
                            SetupAction::Difficulty(d),
                            next_order(),
                            &focus.0,
                        );
                    }
                });
                row(rows, &theme, "Topics", |r| {
                    chip(
                        r,
                        &theme,
                        &fonts,
                        "All",
                        s.topics.is_empty(),
                        SetupAction::Topic(None),
                        next_order(),
                        &focus.0,
                    );
                    for topic in &topics {
                        let on = s.topics.contains(topic);
                        chip(
                            r,
                            &theme,
                            &fonts,
                            topic,
                            on,
                            SetupAction::Topic(Some(topic.clone())),
                            next_order(),
                            &focus.0,
                        );
                    }
                });
                stepper(
                    rows,
                    &theme,
                    &fonts,
                    "High contrast",
                    on_off(choices.high_contrast).to_string(),
                    SetupAction::HighContrast,
                    next_order(),
                    &focus.0,
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
                        next_order(),
                        SetupAction::Start,
                    ));
                    if focus_on(&SetupAction::Start) {
                        start.insert(DefaultFocus);
                    }
                    buttons.spawn(widgets::button(&theme, &fonts, "Back", next_order(), SetupAction::Back));
                },
            );
            if !status.0.is_empty() {
                root.spawn(widgets::bold(&fonts, status.0.clone(), size::BODY, p.wrong));
            }
        },
    );
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A labelled row.
fn row(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    label: &str,
    content: impl FnOnce(&mut ChildSpawnerCommands),
) {
    parent.spawn(Node { align_items: AlignItems::Center, column_gap: px(16), ..default() }).with_children(
        |r| {
            r.spawn((
                widgets::text(label, size::BODY, theme.palette.text_muted),
                TextLayout::no_wrap(),
                Node { width: px(240), flex_shrink: 0.0, ..default() },
            ));
            r.spawn(Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(10),
                row_gap: px(8),
                align_items: AlignItems::Center,
                ..default()
            })
            .with_children(content);
        },
    );
}

/// A setting changed with ‹ ›, Left/Right, or a click on its value.
fn stepper(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    label: &str,
    value: String,
    action: SetupAction,
    order: u32,
    focus: &SetupAction,
) {
    let p = &theme.palette;
    row(parent, theme, label, |r| {
        arrow(r, theme, fonts, "‹", action.clone(), -1);
        let mut item = r.spawn((
            MenuItem { order },
            Stepper,
            action.clone(),
            Button,
            ButtonColors { normal: p.panel_raised, hovered: p.button_hovered },
            Node {
                min_width: px(280),
                padding: UiRect::axes(px(16), px(8)),
                justify_content: JustifyContent::Center,
                border_radius: BorderRadius::all(px(10)),
                ..default()
            },
            BackgroundColor(p.panel_raised),
            Outline::new(px(4), px(2), Color::NONE),
            children![(widgets::bold(fonts, value, size::BODY, p.text), Pickable::IGNORE)],
        ));
        if *focus == action {
            item.insert(DefaultFocus);
        }
        arrow(r, theme, fonts, "›", action, 1);
    });
}

fn arrow(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    label: &str,
    action: SetupAction,
    delta: i32,
) {
    let p = &theme.palette;
    parent.spawn((
        StepArrow { action, delta },
        Button,
        ButtonColors { normal: p.button, hovered: p.button_hovered },
        Node {
            width: px(44),
            padding: UiRect::vertical(px(6)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(p.button),
        children![(widgets::bold(fonts, label, size::BODY, p.button_text), Pickable::IGNORE)],
    ));
}

/// A toggle chip: highlighted when on.
fn chip(
    parent: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    label: &str,
    on: bool,
    action: SetupAction,
    order: u32,
    focus: &SetupAction,
) {
    let p = &theme.palette;
    let (normal, text) = if on { (p.accent, p.background) } else { (p.panel_raised, p.text) };
    let mut item = parent.spawn((
        MenuItem { order },
        action.clone(),
        Button,
        ButtonColors { normal, hovered: if on { normal } else { p.button_hovered } },
        Node {
            padding: UiRect::axes(px(14), px(6)),
            column_gap: px(6),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(18)),
            ..default()
        },
        BackgroundColor(normal),
        Outline::new(px(4), px(2), Color::NONE),
    ));
    item.with_children(|c| {
        // The tick (not only the colour) says the chip is on.
        if on {
            c.spawn(widgets::symbol(fonts, "✓", size::SMALL, text));
        }
        c.spawn((widgets::bold(fonts, label, size::SMALL, text), TextLayout::no_wrap(), Pickable::IGNORE));
    });
    if *focus == action {
        item.insert(DefaultFocus);
    }
}

fn cycle<T: PartialEq + Copy>(options: &[T], current: T, delta: i32) -> T {
    let i = options.iter().position(|o| *o == current).unwrap_or(0) as i32;
    options[(i + delta).rem_euclid(options.len() as i32) as usize]
}

/// Applies a change to the choices; returns whether the screen must redraw.
fn change(choices: &mut SetupChoices, action: &SetupAction, delta: i32) -> bool {
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

fn click_arrows(arrows: Query<(&Interaction, &StepArrow), Changed<Interaction>>, mut commands: Commands) {
    for (interaction, arrow) in &arrows {
        if *interaction == Interaction::Pressed {
            let (action, delta) = (arrow.action.clone(), arrow.delta);
            commands.queue(move |world: &mut World| apply_change(world, action, delta));
        }
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
                if choices.high_contrast != world.resource::<Theme>().high_contrast {
                    world.insert_resource(Theme::new(choices.high_contrast));
                }
                world.insert_resource(choices);
                world.resource_mut::<SetupStatus>().0.clear();
                redraw(world, action);
            }
        }
    }
}

fn redraw(world: &mut World, focus: SetupAction) {
    world.resource_mut::<FocusAfterRedraw>().0 = focus;
    let roots: Vec<Entity> = world.query_filtered::<Entity, With<SetupRoot>>().iter(world).collect();
    for e in roots {
        world.entity_mut(e).despawn();
    }
    if let Err(e) = world.run_system_cached(spawn) {
        warn!("could not redraw the setup screen: {e}");
    }
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
