//! Pause is a state. While `Pause(true)`, the systems in `PausableSystems`
//! (the clock, answering, moving on) don't run, the core's clock is stopped,
//! the question is hidden, and a menu offers to resume or leave. Entering
//! and leaving the state is the one place the core's pause is driven from.

use bevy::prelude::*;

use super::classroom::ClassSession;
use super::editing::Trying;
use super::round::CurrentRound;
use super::teacher_keys::TeacherCommand;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::help::HelpShown;
use crate::game::ui::menu::{Activated, DefaultFocus, MenuFocus, Modal};
use crate::game::{GameSet, Screen};

/// Whether play is paused. It exists only on the screens that can be
/// paused, so leaving one (to the title, to the podium) always resumes.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(Screen = Screen::Question | Screen::Reveal | Screen::ClassQuestion | Screen::DevicesQuestion)]
pub struct Pause(pub bool);

/// The systems that stop while paused: clocks, answers, moving on.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PausableSystems;

/// A screen root hidden while paused (a question must not be read and
/// worked on with the clock stopped).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct HiddenWhenPaused;

#[derive(Component)]
struct PauseOverlay;

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum PauseAction {
    Resume,
    Leave,
}

pub(super) fn plugin(app: &mut App) {
    app.add_sub_state::<Pause>()
        .configure_sets(Update, PausableSystems.run_if(in_state(Pause(false))))
        .add_systems(OnEnter(Pause(true)), (stop_the_clocks, hide_the_question, show_the_menu))
        .add_systems(OnExit(Pause(true)), (start_the_clocks, show_the_question, hide_the_menu))
        .add_systems(
            Update,
            toggle_with_escape
                .in_set(GameSet::RecordInput)
                .run_if(in_state(Screen::Question).or_else(in_state(Screen::Reveal))),
        )
        .add_systems(Update, act.in_set(GameSet::Update).run_if(in_state(Pause(true))));
}

/// Esc pauses and resumes solo play (the classroom uses its teacher keys).
fn toggle_with_escape(
    keys: Res<ButtonInput<KeyCode>>,
    help: Res<HelpShown>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
) {
    if keys.just_pressed(KeyCode::Escape) && !help.0 {
        next.set(Pause(!pause.get().0));
    }
}

fn stop_the_clocks(round: Option<ResMut<CurrentRound>>, class: Option<ResMut<ClassSession>>) {
    set_clocks(round, class, true);
}

fn start_the_clocks(round: Option<ResMut<CurrentRound>>, class: Option<ResMut<ClassSession>>) {
    set_clocks(round, class, false);
}

fn set_clocks(round: Option<ResMut<CurrentRound>>, class: Option<ResMut<ClassSession>>, paused: bool) {
    if let Some(mut round) = round {
        round.round.set_paused(paused);
    }
    if let Some(mut class) = class {
        class.session.set_paused(paused);
    }
}

fn hide_the_question(mut roots: Query<&mut Visibility, With<HiddenWhenPaused>>) {
    for mut visibility in &mut roots {
        *visibility = Visibility::Hidden;
    }
}

fn show_the_question(mut roots: Query<&mut Visibility, With<HiddenWhenPaused>>) {
    for mut visibility in &mut roots {
        *visibility = Visibility::Inherited;
    }
}

fn show_the_menu(screen: Res<State<Screen>>, mut commands: Commands) {
    let (resume, leave) = if matches!(screen.get(), Screen::ClassQuestion | Screen::DevicesQuestion) {
        ("Resume (Space)", "End the session")
    } else {
        ("Resume (Esc)", "Leave the round")
    };
    commands.spawn((
        PauseOverlay,
        Modal,
        widgets::screen_root(),
        GlobalZIndex(50),
        children![
            widgets::bold("Paused", size::TITLE, Ink::Text),
            widgets::text("The clock is stopped and the question is hidden.", size::BODY, Ink::Muted),
            (widgets::button(resume, PauseAction::Resume), DefaultFocus),
            widgets::button(leave, PauseAction::Leave),
        ],
    ));
}

fn hide_the_menu(
    overlays: Query<Entity, With<PauseOverlay>>,
    screen_defaults: Query<Entity, (With<DefaultFocus>, Without<PauseAction>)>,
    mut focus: ResMut<MenuFocus>,
    mut commands: Commands,
) {
    for e in &overlays {
        commands.entity(e).despawn();
    }
    // Back to the screen's own default item.
    focus.0 = screen_defaults.iter().next();
}

fn act(
    mut activated: MessageReader<Activated>,
    actions: Query<&PauseAction>,
    screen: Res<State<Screen>>,
    trying: Res<Trying>,
    mut pause: ResMut<NextState<Pause>>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: MessageWriter<TeacherCommand>,
) {
    for Activated(entity) in activated.read() {
        match actions.get(*entity) {
            // Students' devices pause on the server; this screen follows it.
            Ok(PauseAction::Resume) if *screen.get() == Screen::DevicesQuestion => {
                commands.write(TeacherCommand::Pause);
            }
            Ok(PauseAction::Resume) => pause.set(Pause(false)),
            // A classroom session ends on its results, with its file written.
            Ok(PauseAction::Leave)
                if matches!(screen.get(), Screen::ClassQuestion | Screen::DevicesQuestion) =>
            {
                commands.write(TeacherCommand::End);
            }
            Ok(PauseAction::Leave) if trying.0 => next.set(Screen::Editor),
            Ok(PauseAction::Leave) => next.set(Screen::Title),
            Err(_) => {}
        }
    }
}
