//! The question screen: the prompt in large type, answer tiles with colours,
//! shapes and keys (or the estimate slider), and the countdown.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy::ui::RelativeCursorPosition;

use crate::game::menu::{Activated, ButtonColors, DefaultFocus, KeysCaptured, MenuItem, MenuSystems};
use crate::game::round::{AnswerGiven, CurrentRound, Paused};
use crate::game::theme::palette::TILE_KEYS;
use crate::game::theme::{Fonts, Theme, size, widgets};
use crate::game::{GameSet, Screen};
use quorum_core::bank::QuestionKind;
use quorum_core::bank::model::format_amount;
use quorum_core::quiz::scoring::format_points;
use quorum_core::quiz::{Answer, DealtQuestion};

/// An answer tile; the index is the choice's position as shown.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile(pub usize);

/// The estimate's "lock in" button.
#[derive(Component, Debug, Clone, Copy)]
pub struct LockIn;

/// The slider's track; a press on it moves the slider there.
#[derive(Component, Debug, Clone, Copy)]
pub struct SliderTrack;

#[derive(Component)]
struct SliderFill;

#[derive(Component)]
struct SliderValueText;

#[derive(Component)]
struct TimerFill;

#[derive(Component)]
struct TimerText;

#[derive(Component)]
struct ScoreText;

/// The value the estimate slider is set to.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Slider {
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl Slider {
    fn for_question(q: &DealtQuestion) -> Option<Slider> {
        match q.question.kind {
            QuestionKind::Estimate { min, max, step, .. } => {
                let mut s = Slider { value: min, min, max, step };
                // Start in the middle, on a step, so the start gives nothing away.
                s.set(min + (max - min) / 2.0);
                Some(s)
            }
            _ => None,
        }
    }

    /// Sets the value, snapped to a step and kept in range.
    pub fn set(&mut self, value: f64) {
        let steps = ((value - self.min) / self.step).round();
        self.value = (self.min + steps * self.step).clamp(self.min, self.max);
    }

    pub fn nudge(&mut self, steps: f64) {
        self.set(self.value + steps * self.step);
    }

    fn fraction(&self) -> f32 {
        ((self.value - self.min) / (self.max - self.min)) as f32
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Question), spawn)
        .add_systems(OnExit(Screen::Question), release_keys)
        .add_systems(
            Update,
            (answer_keys, act, slider_keys, slider_pointer)
                .in_set(GameSet::RecordInput)
                .after(MenuSystems)
                .run_if(in_state(Screen::Question).and_then(resource_exists::<CurrentRound>)),
        )
        .add_systems(
            Update,
            (show_clock, show_slider)
                .in_set(GameSet::Update)
                .run_if(in_state(Screen::Question).and_then(resource_exists::<CurrentRound>)),
        );
}

/// What kind of question this is, in words.
pub fn kind_label(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::MultipleChoice { .. } => "Multiple choice",
        QuestionKind::WhoSaidIt { .. } => "Who said it?",
        QuestionKind::TrueFalse { .. } => "True or false?",
        QuestionKind::Figure { .. } => "Which figure is right?",
        QuestionKind::Estimate { .. } => "Estimate",
    }
}

fn spawn(
    mut commands: Commands,
    current: Res<CurrentRound>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
    mut captured: ResMut<KeysCaptured>,
) {
    let Some(q) = current.round.current() else { return };
    let p = theme.palette.clone();
    let slider = Slider::for_question(q);
    captured.0 = slider.is_some();
    if let Some(s) = slider {
        commands.insert_resource(s);
    } else {
        commands.remove_resource::<Slider>();
    }

    commands
        .spawn((
            DespawnOnExit(Screen::Question),
            widgets::screen(
                &theme,
                Node {
                    align_items: AlignItems::Stretch,
                    justify_content: JustifyContent::Start,
                    padding: UiRect::axes(px(40), px(22)),
                    row_gap: px(14),
                    ..widgets::screen_node()
                },
            ),
        ))
        .with_children(|root| {
            status_bar(root, &theme, &fonts, &current);
            clock(root, &theme, &fonts, q);
            // The prompt, centred in the space above the answers.
            root.spawn(Node {
                flex_grow: 1.0,
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                row_gap: px(14),
                ..default()
            })
            .with_children(|middle| {
                middle.spawn(widgets::bold(&fonts, kind_label(&q.question.kind).to_uppercase(), size::TINY, p.accent));
                middle.spawn((widgets::bold(&fonts, q.question.prompt(), size::PROMPT, p.text), widgets::centred()));
                if let Some(quote) = q.question.quote() {
                    middle
                        .spawn(widgets::panel(
                            &theme,
                            Node { max_width: px(1080), padding: UiRect::axes(px(32), px(18)), ..widgets::panel_node() },
                        ))
                        .with_children(|panel| {
                            panel.spawn((
                                widgets::italic(&fonts, format!("\u{201C}{quote}\u{201D}"), size::QUOTE, p.text),
                                widgets::centred(),
                            ));
                        });
                }
            });
            match slider {
                Some(s) => estimate_controls(root, &theme, &fonts, q, s),
                None => tiles(root, &theme, &fonts, q),
            }
            let n = q.choices.len().max(1);
            let keys = if slider.is_some() {
                "Left and Right arrows move the slider (hold Shift for bigger steps) · Enter locks in · Esc pauses".to_string()
            } else {
                let letter = char::from(b'A' + (n - 1) as u8);
                format!("Press 1–{n} (or A–{letter}), or click an answer · Esc pauses")
            };
            root.spawn((widgets::text(keys, size::TINY, p.text_muted), widgets::centred()));
        });
}

fn status_bar(root: &mut ChildSpawnerCommands, theme: &Theme, fonts: &Fonts, current: &CurrentRound) {
    let p = &theme.palette;
    root.spawn(Node {
        justify_content: JustifyContent::SpaceBetween,
        align_items: AlignItems::Center,
        ..default()
    })
    .with_children(|bar| {
        bar.spawn(widgets::bold(
            fonts,
            format!("Question {} of {}", current.round.number(), current.round.len()),
            size::SMALL,
            p.text_muted,
        ));
        bar.spawn((ScoreText, widgets::bold(fonts, score_line(current), size::SMALL, p.text)));
    });
}

/// "Score 2,350 · 2 correct · streak 2": the correct count always sits
/// beside the points.
pub fn score_line(current: &CurrentRound) -> String {
    let r = &current.round;
    let streak = r.streak().current;
    let streak = if streak >= 2 { format!(" · streak {streak}") } else { String::new() };
    format!("Score {} · {} correct{streak}", format_points(r.score()), r.correct())
}

fn clock(root: &mut ChildSpawnerCommands, theme: &Theme, fonts: &Fonts, q: &DealtQuestion) {
    let p = &theme.palette;
    root.spawn(Node { align_items: AlignItems::Center, column_gap: px(16), ..default() }).with_children(
        |row| {
            if q.limit.is_some() {
                row.spawn((
                    Node {
                        flex_grow: 1.0,
                        height: px(16),
                        border_radius: BorderRadius::all(px(8)),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                    BackgroundColor(p.timer_track),
                ))
                .with_children(|track| {
                    track.spawn((
                        TimerFill,
                        Node {
                            width: percent(100),
                            height: percent(100),
                            border_radius: BorderRadius::all(px(8)),
                            ..default()
                        },
                        BackgroundColor(p.timer),
                    ));
                });
                row.spawn((
                    TimerText,
                    widgets::bold(fonts, "", size::HEADING, p.text),
                    TextLayout::no_wrap(),
                    Node { min_width: px(90), ..default() },
                ));
            } else {
                row.spawn(widgets::text("Practice: no timer", size::SMALL, p.text_muted));
            }
        },
    );
}

fn tiles(root: &mut ChildSpawnerCommands, theme: &Theme, fonts: &Fonts, q: &DealtQuestion) {
    let p = &theme.palette;
    let two_column = q.choices.len() > 2 || q.choices.iter().any(|c| c.chars().count() > 24);
    root.spawn(Node {
        flex_wrap: FlexWrap::Wrap,
        justify_content: JustifyContent::Center,
        column_gap: px(14),
        row_gap: px(14),
        ..default()
    })
    .with_children(|grid| {
        for (i, choice) in q.choices.iter().enumerate() {
            let colour = p.tiles[i % p.tiles.len()];
            let mut tile = grid.spawn((
                Tile(i),
                Button,
                MenuItem { order: i as u32 },
                ButtonColors { normal: colour, hovered: colour.lighter(0.08) },
                Node {
                    width: if two_column || q.choices.len() == 2 { percent(48.5) } else { percent(100) },
                    min_height: px(if q.choices.len() > 4 { 74.0 } else { 88.0 }),
                    padding: UiRect::axes(px(18), px(10)),
                    column_gap: px(16),
                    align_items: AlignItems::Center,
                    border_radius: BorderRadius::all(px(14)),
                    ..default()
                },
                BackgroundColor(colour),
                Outline::new(px(5), px(3), Color::NONE),
            ));
            if i == 0 {
                tile.insert(DefaultFocus);
            }
            tile.with_children(|t| {
                // A fixed-width slot, so every tile's text starts at the same place.
                t.spawn((
                    Node {
                        width: px(40),
                        flex_shrink: 0.0,
                        justify_content: JustifyContent::Center,
                        ..default()
                    },
                    Pickable::IGNORE,
                ))
                .with_child(widgets::tile_shape(fonts, i, 34.0, p.tile_text));
                t.spawn((
                    widgets::bold(fonts, choice.clone(), size::TILE, p.tile_text),
                    Node { flex_grow: 1.0, ..default() },
                    Pickable::IGNORE,
                ));
                t.spawn(widgets::key_badge(
                    fonts,
                    TILE_KEYS[i % TILE_KEYS.len()],
                    Color::srgba(0.0, 0.0, 0.0, 0.35),
                    p.tile_text,
                ));
            });
        }
    });
}

fn estimate_controls(
    root: &mut ChildSpawnerCommands,
    theme: &Theme,
    fonts: &Fonts,
    q: &DealtQuestion,
    s: Slider,
) {
    let p = &theme.palette;
    let unit = match &q.question.kind {
        QuestionKind::Estimate { unit, .. } => unit.clone(),
        _ => String::new(),
    };
    root.spawn(widgets::panel(
        theme,
        Node {
            align_items: AlignItems::Center,
            row_gap: px(14),
            padding: UiRect::axes(px(40), px(20)),
            ..widgets::panel_node()
        },
    ))
    .with_children(|panel| {
        panel.spawn((
            SliderValueText,
            widgets::bold(fonts, format_amount(s.value, &unit), size::TITLE, p.accent),
        ));
        panel
            .spawn(Node {
                width: percent(100),
                align_items: AlignItems::Center,
                column_gap: px(16),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::text(format_amount(s.min, &unit), size::SMALL, p.text_muted));
                row.spawn((
                    SliderTrack,
                    Button,
                    RelativeCursorPosition::default(),
                    Node {
                        flex_grow: 1.0,
                        height: px(28),
                        border_radius: BorderRadius::all(px(14)),
                        ..default()
                    },
                    BackgroundColor(p.timer_track),
                ))
                .with_children(|track| {
                    track.spawn((
                        SliderFill,
                        Node {
                            width: percent(50),
                            height: percent(100),
                            border_radius: BorderRadius::all(px(14)),
                            ..default()
                        },
                        BackgroundColor(p.accent),
                        Pickable::IGNORE,
                    ));
                });
                row.spawn(widgets::text(format_amount(s.max, &unit), size::SMALL, p.text_muted));
            });
        panel.spawn((widgets::button(theme, fonts, "Lock in (Enter)", 0, LockIn), DefaultFocus));
    });
}

/// 1–6 or A–F answer directly.
fn answer_keys(
    mut keys: MessageReader<KeyboardInput>,
    current: Res<CurrentRound>,
    paused: Res<Paused>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    let n = current.round.current().map_or(0, |q| q.choices.len());
    for key in keys.read() {
        if key.state != ButtonState::Pressed || paused.0 {
            continue;
        }
        let index = match key.key_code {
            KeyCode::Digit1 | KeyCode::Numpad1 | KeyCode::KeyA => 0,
            KeyCode::Digit2 | KeyCode::Numpad2 | KeyCode::KeyB => 1,
            KeyCode::Digit3 | KeyCode::Numpad3 | KeyCode::KeyC => 2,
            KeyCode::Digit4 | KeyCode::Numpad4 | KeyCode::KeyD => 3,
            KeyCode::Digit5 | KeyCode::Numpad5 | KeyCode::KeyE => 4,
            KeyCode::Digit6 | KeyCode::Numpad6 | KeyCode::KeyF => 5,
            _ => continue,
        };
        if index < n {
            answers.write(AnswerGiven(Answer::Choice(index)));
        }
    }
}

/// A clicked tile (or Enter on the focused one) answers; so does "lock in".
fn act(
    mut activated: MessageReader<Activated>,
    tiles: Query<&Tile>,
    lock_ins: Query<(), With<LockIn>>,
    slider: Option<Res<Slider>>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    for Activated(entity) in activated.read() {
        if let Ok(Tile(i)) = tiles.get(*entity) {
            answers.write(AnswerGiven(Answer::Choice(*i)));
        } else if lock_ins.contains(*entity)
            && let Some(s) = &slider
        {
            answers.write(AnswerGiven(Answer::Estimate(s.value)));
        }
    }
}

fn slider_keys(
    mut keys: MessageReader<KeyboardInput>,
    held: Res<ButtonInput<KeyCode>>,
    paused: Res<Paused>,
    slider: Option<ResMut<Slider>>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    let Some(mut slider) = slider else { return };
    let fast = if held.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]) { 10.0 } else { 1.0 };
    for key in keys.read() {
        if key.state != ButtonState::Pressed || paused.0 {
            continue;
        }
        match key.key_code {
            KeyCode::ArrowRight | KeyCode::ArrowUp => slider.nudge(fast),
            KeyCode::ArrowLeft | KeyCode::ArrowDown => slider.nudge(-fast),
            KeyCode::PageUp => slider.nudge(10.0),
            KeyCode::PageDown => slider.nudge(-10.0),
            KeyCode::Home => {
                let min = slider.min;
                slider.set(min);
            }
            KeyCode::End => {
                let max = slider.max;
                slider.set(max);
            }
            KeyCode::Enter | KeyCode::NumpadEnter | KeyCode::Space => {
                answers.write(AnswerGiven(Answer::Estimate(slider.value)));
            }
            _ => {}
        }
    }
}

/// Pressing or dragging on the track moves the slider under the pointer.
fn slider_pointer(
    tracks: Query<(&Interaction, &RelativeCursorPosition), With<SliderTrack>>,
    slider: Option<ResMut<Slider>>,
) {
    let Some(mut slider) = slider else { return };
    for (interaction, cursor) in &tracks {
        if *interaction == Interaction::Pressed
            && let Some(at) = cursor.normalized
        {
            // `normalized` runs from -0.5 (left edge) to 0.5 (right edge).
            let fraction = f64::from(at.x + 0.5).clamp(0.0, 1.0);
            let value = slider.min + fraction * (slider.max - slider.min);
            if (value - slider.value).abs() >= slider.step / 2.0 {
                slider.set(value);
            }
        }
    }
}

fn show_slider(
    slider: Option<Res<Slider>>,
    current: Res<CurrentRound>,
    mut fills: Query<&mut Node, With<SliderFill>>,
    mut texts: Query<&mut Text, With<SliderValueText>>,
) {
    let Some(slider) = slider.filter(|s| s.is_changed()) else { return };
    let unit = match current.round.current().map(|q| &q.question.kind) {
        Some(QuestionKind::Estimate { unit, .. }) => unit.as_str(),
        _ => "",
    };
    for mut node in &mut fills {
        node.width = percent(slider.fraction() * 100.0);
    }
    for mut text in &mut texts {
        text.0 = format_amount(slider.value, unit);
    }
}

fn show_clock(
    current: Res<CurrentRound>,
    theme: Res<Theme>,
    mut fills: Query<(&mut Node, &mut BackgroundColor), With<TimerFill>>,
    mut texts: Query<&mut Text, (With<TimerText>, Without<ScoreText>)>,
) {
    let timer = current.round.timer();
    let left = timer.fraction_left();
    let p = &theme.palette;
    for (mut node, mut colour) in &mut fills {
        node.width = percent(left * 100.0);
        colour.0 = if left < 0.25 { p.timer_low } else { p.timer };
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

fn release_keys(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slider_snaps_to_steps_and_stays_in_range() {
        let mut s = Slider { value: 0.0, min: 30.0, max: 70.0, step: 0.1 };
        s.set(50.66);
        assert!((s.value - 50.7).abs() < 1e-9);
        s.nudge(-1000.0);
        assert_eq!(s.value, 30.0);
        s.set(1e9);
        assert_eq!(s.value, 70.0);
    }
}
