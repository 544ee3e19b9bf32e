//! The estimate slider on the question screen: moved with the arrows (Shift
//! for bigger steps), Home/End, PageUp/PageDown, or the mouse on its track;
//! Enter or "Lock in" answers. What values it can take is the core's
//! `EstimateScale`.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy::ui::RelativeCursorPosition;

use crate::game::play::pause::PausableSystems;
use crate::game::play::round::AnswerGiven;
use crate::game::theme::{Fill, Ink, size, widgets};
use crate::game::ui::menu::{Activated, DefaultFocus, MenuSystems};
use crate::game::{GameSet, Screen};
use quorum_core::bank::model::format_amount;
use quorum_core::quiz::{Answer, DealtQuestion, EstimateScale};

/// The estimate being set: the question's scale and the slider's value.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Slider {
    pub scale: EstimateScale,
    pub value: f64,
}

impl Slider {
    /// A slider for an estimate question, starting mid-range.
    pub fn for_question(q: &DealtQuestion) -> Option<Slider> {
        q.scale().map(|scale| Slider { value: scale.start(), scale })
    }

    pub fn nudge(&mut self, steps: f64) {
        self.value = self.scale.nudge(self.value, steps);
    }
}

/// The "lock in" button.
#[derive(Component, Debug, Clone, Copy)]
pub struct LockIn;

/// The slider's track; a press on it moves the slider there.
#[derive(Component, Debug, Clone, Copy)]
pub struct SliderTrack;

#[derive(Component)]
struct SliderFill;

#[derive(Component)]
struct SliderValueText;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (slider_keys, slider_pointer, lock_in)
            .in_set(GameSet::RecordInput)
            .in_set(PausableSystems)
            .after(MenuSystems)
            .run_if(in_state(Screen::Question).and_then(resource_exists::<Slider>)),
    )
    .add_systems(
        Update,
        show_slider
            .in_set(GameSet::Update)
            .run_if(in_state(Screen::Question).and_then(resource_exists_and_changed::<Slider>)),
    );
}

/// The value in large type, the track between its ends, and "Lock in".
pub fn controls(root: &mut ChildSpawnerCommands, s: &Slider) {
    let unit = &s.scale.unit;
    root.spawn(widgets::panel(Node {
        align_items: AlignItems::Center,
        row_gap: px(14),
        padding: UiRect::axes(px(40), px(20)),
        ..widgets::panel_node()
    }))
    .with_children(|panel| {
        panel.spawn((SliderValueText, widgets::bold(format_amount(s.value, unit), size::TITLE, Ink::Accent)));
        panel
            .spawn(Node {
                width: percent(100),
                align_items: AlignItems::Center,
                column_gap: px(16),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::text(format_amount(s.scale.min, unit), size::SMALL, Ink::Muted));
                row.spawn((
                    SliderTrack,
                    Button,
                    RelativeCursorPosition::default(),
                    widgets::filled(
                        Node {
                            flex_grow: 1.0,
                            height: px(28),
                            border_radius: BorderRadius::all(px(14)),
                            ..default()
                        },
                        Fill::Track,
                    ),
                    children![(
                        SliderFill,
                        widgets::filled(
                            Node {
                                width: percent(s.scale.fraction(s.value) * 100.0),
                                height: percent(100),
                                border_radius: BorderRadius::all(px(14)),
                                ..default()
                            },
                            Fill::Accent,
                        ),
                        Pickable::IGNORE,
                    )],
                ));
                row.spawn(widgets::text(format_amount(s.scale.max, unit), size::SMALL, Ink::Muted));
            });
        panel.spawn((widgets::button("Lock in (Enter)", LockIn), DefaultFocus));
    });
}

fn slider_keys(
    mut keys: MessageReader<KeyboardInput>,
    held: Res<ButtonInput<KeyCode>>,
    mut slider: ResMut<Slider>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    let fast = if held.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]) { 10.0 } else { 1.0 };
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        match key.key_code {
            KeyCode::ArrowRight | KeyCode::ArrowUp => slider.nudge(fast),
            KeyCode::ArrowLeft | KeyCode::ArrowDown => slider.nudge(-fast),
            KeyCode::PageUp => slider.nudge(10.0),
            KeyCode::PageDown => slider.nudge(-10.0),
            KeyCode::Home => slider.value = slider.scale.min,
            KeyCode::End => slider.value = slider.scale.max,
            KeyCode::Enter | KeyCode::NumpadEnter | KeyCode::Space => {
                answers.write(AnswerGiven(Answer::Estimate(slider.value)));
            }
            _ => {}
        }
    }
}

/// A click on "Lock in" answers with the slider's value.
fn lock_in(
    mut activated: MessageReader<Activated>,
    lock_ins: Query<(), With<LockIn>>,
    slider: Res<Slider>,
    mut answers: MessageWriter<AnswerGiven>,
) {
    for Activated(entity) in activated.read() {
        if lock_ins.contains(*entity) {
            answers.write(AnswerGiven(Answer::Estimate(slider.value)));
        }
    }
}

/// Pressing or dragging on the track moves the slider under the pointer.
fn slider_pointer(
    tracks: Query<(&Interaction, &RelativeCursorPosition), With<SliderTrack>>,
    mut slider: ResMut<Slider>,
) {
    for (interaction, cursor) in &tracks {
        if *interaction == Interaction::Pressed
            && let Some(at) = cursor.normalized
        {
            // `normalized` runs from -0.5 (left edge) to 0.5 (right edge).
            let fraction = f64::from(at.x + 0.5).clamp(0.0, 1.0);
            let value =
                slider.scale.snap(slider.scale.min + fraction * (slider.scale.max - slider.scale.min));
            if value != slider.value {
                slider.value = value;
            }
        }
    }
}

fn show_slider(
    slider: Res<Slider>,
    mut fills: Query<&mut Node, With<SliderFill>>,
    mut texts: Query<&mut Text, With<SliderValueText>>,
) {
    for mut node in &mut fills {
        node.width = percent(slider.scale.fraction(slider.value) * 100.0);
    }
    for mut text in &mut texts {
        text.0 = format_amount(slider.value, &slider.scale.unit);
    }
}
