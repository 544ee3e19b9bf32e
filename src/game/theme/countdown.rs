//! The countdown: a bar that empties and the seconds left, the same on the
//! solo and classroom question screens. What it shows comes from the
//! `Countdown` resource, which the round or session in play keeps up to date.

use std::time::Duration;

use bevy::prelude::*;

use super::paint::{Fill, Ink};
use super::{size, widgets};
use crate::game::GameSet;
use quorum_core::quiz::QuestionTimer;

/// What the countdown shows now.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct Countdown {
    /// From 1 (just started) to 0 (time is up).
    pub fraction_left: f32,
    /// `None` without a time limit.
    pub remaining: Option<Duration>,
    /// Whether the clock is running, so the window keeps drawing.
    pub running: bool,
}

impl Countdown {
    pub fn of(timer: &QuestionTimer) -> Countdown {
        Countdown {
            fraction_left: timer.fraction_left(),
            remaining: timer.remaining(),
            running: timer.is_running(),
        }
    }

    /// "12 s": whole seconds, rounded up, so 0 s only shows when time is up.
    pub fn seconds_text(&self) -> String {
        self.remaining.map(|r| format!("{} s", r.as_secs_f32().ceil() as u32)).unwrap_or_default()
    }

    /// The last quarter shows in the warning colour.
    pub fn is_low(&self) -> bool {
        self.fraction_left < 0.25
    }
}

#[derive(Component)]
struct CountdownFill;

#[derive(Component)]
struct CountdownText;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Countdown>()
        .add_systems(Update, show.in_set(GameSet::Update).run_if(resource_changed::<Countdown>));
}

/// The countdown row: the bar and the seconds, or `untimed` (a line saying
/// there is no timer) when the question has no limit.
pub fn countdown(parent: &mut ChildSpawnerCommands, timed: bool, untimed: &str) {
    parent.spawn(Node { align_items: AlignItems::Center, column_gap: px(16), ..default() }).with_children(
        |row| {
            if !timed {
                row.spawn(widgets::text(untimed, size::SMALL, Ink::Muted));
                return;
            }
            row.spawn((
                widgets::filled(
                    Node {
                        flex_grow: 1.0,
                        height: px(16),
                        border_radius: BorderRadius::all(px(8)),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                    Fill::Track,
                ),
                children![(
                    CountdownFill,
                    widgets::filled(
                        Node {
                            width: percent(100),
                            height: percent(100),
                            border_radius: BorderRadius::all(px(8)),
                            ..default()
                        },
                        Fill::Timer,
                    ),
                )],
            ));
            row.spawn((
                CountdownText,
                widgets::bold("", size::HEADING, Ink::Text),
                TextLayout::no_wrap(),
                Node { min_width: px(90), ..default() },
            ));
        },
    );
}

fn show(
    countdown: Res<Countdown>,
    mut fills: Query<(&mut Node, &mut Fill), With<CountdownFill>>,
    mut texts: Query<&mut Text, With<CountdownText>>,
) {
    for (mut node, mut fill) in &mut fills {
        node.width = percent(countdown.fraction_left * 100.0);
        fill.set_if_neq(if countdown.is_low() { Fill::TimerLow } else { Fill::Timer });
    }
    let seconds = countdown.seconds_text();
    for mut text in &mut texts {
        if text.0 != seconds {
            text.0 = seconds.clone();
        }
    }
}
