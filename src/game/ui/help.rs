//! The keys overlay (F1 or ?): every key for the screen in use, so nothing a
//! teacher needs is hidden, and how the sound is set.

use bevy::prelude::*;

use super::menu::{Activated, DefaultFocus, MenuSystems, Modal};
use crate::game::play::classroom::{ClassSession, in_class_session};
use crate::game::settings::sound::SoundChoices;
use crate::game::theme::{Ink, size, widgets};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::classroom::AnsweringStyle;

/// Whether the keys overlay is showing.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HelpShown(pub bool);

#[derive(Component)]
struct HelpOverlay;

#[derive(Component)]
struct CloseHelp;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HelpShown>()
        .add_systems(Update, toggle.in_set(GameSet::RecordInput).before(MenuSystems))
        .add_systems(Update, (close_on_click, show).chain().in_set(GameSet::Update))
        .add_systems(StateTransition, hide_on_screen_change.run_if(state_changed::<Screen>));
}

fn toggle(
    mut keys: ResMut<ButtonInput<KeyCode>>,
    focus: Option<Res<bevy::input_focus::InputFocus>>,
    editable: Query<(), With<bevy::text::EditableText>>,
    mut shown: ResMut<HelpShown>,
) {
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    // A "?" typed into a text field is text.
    let typing = focus.and_then(|f| f.get()).is_some_and(|e| editable.contains(e));
    if keys.just_pressed(KeyCode::F1) || (shift && keys.just_pressed(KeyCode::Slash) && !typing) {
        shown.0 = !shown.0;
    } else if shown.0 && keys.just_pressed(KeyCode::Escape) {
        shown.0 = false;
        // The Esc that closed the keys must not also pause or go back.
        keys.clear_just_pressed(KeyCode::Escape);
    }
}

fn close_on_click(
    mut activated: MessageReader<Activated>,
    closers: Query<(), With<CloseHelp>>,
    mut shown: ResMut<HelpShown>,
) {
    if activated.read().any(|a| closers.contains(a.0)) {
        shown.0 = false;
    }
}

fn hide_on_screen_change(mut shown: ResMut<HelpShown>) {
    shown.set_if_neq(HelpShown(false));
}

/// The keys for the current screen, as (keys, what they do).
fn keys_for(screen: Screen, class: Option<&ClassSession>) -> Vec<(&'static str, &'static str)> {
    let mut keys = Vec::new();
    match (screen, class) {
        (Screen::ClassQuestion | Screen::ClassReveal | Screen::Leaderboard | Screen::Podium, Some(class)) => {
            let buzzers = class.session.style == AnsweringStyle::Buzzers;
            if buzzers {
                keys.push((
                    "1–6, Q–Y, A–H, Z–N",
                    "Teams 1, 2, 3 and 4 answer: each team's first press counts",
                ));
            } else {
                keys.push(("Up / Down", "Choose the team whose answer you are entering"));
                keys.push(("1–6", "Enter that team's answer (type the number for an estimate, then Enter)"));
            }
            keys.push(("Space or Esc", "Pause and resume: the clock stops and the question is hidden"));
            keys.push(("R", "Reveal the answer now"));
            keys.push(("N or Right", "Next: the leaderboard when it is due, else the next question"));
            keys.push(("L", "Show the leaderboard now (on the reveal)"));
            keys.push(("K", "Skip the leaderboard when it is due (on the reveal)"));
            keys.push(("S", "Skip the question: no points for anyone"));
            keys.push(("+ / -", "Add or take away 10 seconds"));
            keys.push(("E", "End the session and go to the final results"));
            if buzzers {
                keys.push((
                    "Ctrl + letter",
                    "While teams are answering, R, S, N and E need Ctrl: the letters are team keys",
                ));
            } else {
                keys.push((
                    "Ctrl + key",
                    "On an estimate question, R, S, N, E, + and - need Ctrl: they go into the number being typed",
                ));
            }
        }
        _ => {
            keys.push(("Up / Down / Tab", "Move between buttons and settings"));
            keys.push(("Left / Right", "Change the setting in focus"));
            keys.push(("Enter or Space", "Choose"));
            keys.push(("1–6 or A–F", "Answer a question"));
            keys.push(("Left / Right, Enter", "Set an estimate's slider and lock it in"));
            keys.push(("Esc", "Pause a round, or go back"));
        }
    }
    keys.push(("M", "Mute or unmute all sound (remembered)"));
    keys.push(("F11", "Full screen on and off"));
    keys.push(("F1 or ?", "Show or hide these keys"));
    keys
}

/// The sound settings in a line, as the setup screens set them.
fn sound_line(sound: &SoundChoices) -> String {
    let level = SoundChoices::level_text;
    let state = if sound.muted { "muted (M to unmute)" } else { "on" };
    let questions = if sound.music_in_questions { "on" } else { "off" };
    let quiet = if sound.quiet_room { "; classroom: quiet room, no music" } else { "" };
    format!(
        "Sound {state}: music {}, effects {}, music in questions {questions}{quiet}. Set them on the setup screens.",
        level(sound.music),
        level(sound.cues)
    )
}

fn show(
    shown: Res<HelpShown>,
    screen: Res<State<Screen>>,
    class: Option<Res<ClassSession>>,
    sound: Res<SoundChoices>,
    overlays: Query<Entity, With<HelpOverlay>>,
    mut commands: Commands,
) {
    // Redrawn when opened or closed, and when M is pressed while it shows.
    let redraw = shown.is_changed() || (shown.0 && sound.is_changed());
    if !redraw {
        return;
    }
    for e in &overlays {
        commands.entity(e).despawn();
    }
    if !shown.0 {
        return;
    }
    let class = class.as_deref().filter(|_| in_class_session(*screen.get()));
    let keys = keys_for(*screen.get(), class);
    commands.spawn((HelpOverlay, Modal, widgets::screen_root(), GlobalZIndex(60))).with_children(|root| {
        root.spawn(widgets::bold("Keys", size::HEADING, Ink::Text));
        root.spawn(widgets::panel(Node { row_gap: px(6), max_width: px(1100), ..widgets::panel_node() }))
            .with_children(|panel| {
                for (key, what) in keys {
                    panel.spawn(Node { column_gap: px(20), ..default() }).with_children(|row| {
                        row.spawn((
                            widgets::bold(key, size::SMALL, Ink::Accent),
                            Node { width: px(250), flex_shrink: 0.0, ..default() },
                        ));
                        row.spawn(widgets::text(what, size::SMALL, Ink::Text));
                    });
                }
            });
        root.spawn((
            widgets::text(sound_line(&sound), size::SMALL, Ink::Muted),
            widgets::centred(),
            Node { max_width: px(1100), ..default() },
        ));
        root.spawn((widgets::button("Close (Esc)", CloseHelp), DefaultFocus));
    });
}
