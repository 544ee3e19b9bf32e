//! Pause (Esc during a round): the clock stops and the question is hidden
//! behind a menu to resume or leave the round.

use bevy::prelude::*;

use super::classroom::{ClassSession, TeacherCommand};
use super::help::HelpShown;
use super::menu::{Activated, DefaultFocus, MenuFocus, Modal};
use super::round::{CurrentRound, Paused};
use super::theme::{Fonts, Theme, size, widgets};
use super::{GameSet, Screen};

#[derive(Component)]
struct PauseOverlay;

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum PauseAction {
    Resume,
    Leave,
}

pub(super) fn plugin(app: &mut App) {
    let solo = || in_state(Screen::Question).or_else(in_state(Screen::Reveal));
    let pausable = || solo().or_else(in_state(Screen::ClassQuestion));
    app.add_systems(Update, toggle_with_escape.in_set(GameSet::RecordInput).run_if(solo()))
        .add_systems(Update, (act, show_overlay).chain().in_set(GameSet::Update).run_if(pausable()))
        .add_systems(OnExit(Screen::Question), remove_overlay)
        .add_systems(OnExit(Screen::Reveal), remove_overlay)
        .add_systems(OnExit(Screen::ClassQuestion), (remove_overlay, unpause_class));
}

fn toggle_with_escape(keys: Res<ButtonInput<KeyCode>>, help: Res<HelpShown>, mut paused: ResMut<Paused>) {
    if keys.just_pressed(KeyCode::Escape) && !help.0 {
        paused.0 = !paused.0;
    }
}

fn act(
    mut activated: MessageReader<Activated>,
    actions: Query<&PauseAction>,
    screen: Res<State<Screen>>,
    trying: Res<crate::game::editing::Trying>,
    mut paused: ResMut<Paused>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    for Activated(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(PauseAction::Resume) => paused.0 = false,
            // A classroom session ends on its results, with its file written.
            Ok(PauseAction::Leave) if *screen.get() == Screen::ClassQuestion => {
                commands.write(TeacherCommand::End);
            }
            Ok(PauseAction::Leave) if trying.0 => next.set(Screen::Editor),
            Ok(PauseAction::Leave) => next.set(Screen::Title),
            Err(_) => {}
        }
    }
}

/// Keeps the overlay and the round's clock in step with `Paused`.
fn show_overlay(
    paused: Res<Paused>,
    overlays: Query<Entity, With<PauseOverlay>>,
    screen_defaults: Query<Entity, (With<DefaultFocus>, Without<PauseAction>)>,
    round: Option<ResMut<CurrentRound>>,
    class: Option<ResMut<ClassSession>>,
    screen: Res<State<Screen>>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
    mut focus: ResMut<MenuFocus>,
    mut commands: Commands,
) {
    if !paused.is_changed() {
        return;
    }
    if let Some(mut round) = round {
        round.round.set_paused(paused.0);
    }
    if let Some(mut class) = class {
        class.session.set_paused(paused.0);
    }
    if !paused.0 {
        if !overlays.is_empty() {
            for e in &overlays {
                commands.entity(e).despawn();
            }
            // Back to the screen's own default item.
            focus.0 = screen_defaults.iter().next();
        }
        return;
    }
    let p = &theme.palette;
    let (resume, leave) = if *screen.get() == Screen::ClassQuestion {
        ("Resume (Space)", "End the session")
    } else {
        ("Resume (Esc)", "Leave the round")
    };
    commands.spawn((
        PauseOverlay,
        Modal,
        widgets::screen_root(&theme),
        GlobalZIndex(50),
        children![
            (widgets::bold(&fonts, "Paused", size::TITLE, p.text)),
            (widgets::text("The clock is stopped and the question is hidden.", size::BODY, p.text_muted)),
            (widgets::button(&theme, &fonts, resume, 0, PauseAction::Resume), DefaultFocus),
            (widgets::button(&theme, &fonts, leave, 1, PauseAction::Leave)),
        ],
    ));
}

fn remove_overlay(overlays: Query<Entity, With<PauseOverlay>>, mut commands: Commands) {
    for e in &overlays {
        commands.entity(e).despawn();
    }
}

fn unpause_class(mut paused: ResMut<Paused>, class: Option<ResMut<ClassSession>>) {
    paused.set_if_neq(Paused(false));
    if let Some(mut class) = class {
        class.session.set_paused(false);
    }
}
