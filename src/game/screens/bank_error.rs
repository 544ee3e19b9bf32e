//! No bank could be played: the message and the path tried. Saving a fixed
//! bank file reloads it and moves on to the title screen; or the teacher
//! opens another bank, or plays the built-in one.

use bevy::prelude::*;

use crate::game::play::bank::BankProblem;
use crate::game::play::library::open_builtin;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activate, Activated, DefaultFocus};
use crate::game::{GameSet, Screen};

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
struct Quit;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::BankError), spawn)
        .add_systems(Update, act.in_set(GameSet::Update).run_if(in_state(Screen::BankError)));
}

fn spawn(mut commands: Commands, problem: Res<BankProblem>) {
    commands.spawn((DespawnOnExit(Screen::BankError), widgets::screen_root())).with_children(|root| {
        root.spawn(widgets::bold("This bank cannot be played", size::HEADING, Ink::Wrong));
        root.spawn(widgets::text(format!("Tried: {}", problem.path), size::BODY, Ink::Text));
        root.spawn(widgets::panel(Node {
            max_width: px(1180),
            width: percent(100),
            ..widgets::panel_node()
        }))
        .with_children(|panel| {
            // The report keeps compiler-style columns: show it as it is.
            let report: String = problem.report.lines().take(24).collect::<Vec<_>>().join("\n");
            panel.spawn(widgets::text(report, size::TINY, Ink::Text));
        });
        root.spawn(widgets::text(
            "Fix the file and save it: Quorum reloads it by itself. `quorum check FILE` lists every problem.",
            size::SMALL,
            Ink::Muted,
        ));
        root.spawn(Node { column_gap: px(20), ..default() }).with_children(|row| {
            row.spawn((widgets::button("Open another bank…", ()), DefaultFocus))
                .observe(|_: On<Activate>, mut next: ResMut<NextState<Screen>>| next.set(Screen::OpenBank));
            row.spawn(widgets::button("Play the built-in bank", ())).observe(
                |_: On<Activate>, mut commands: Commands| {
                    commands.queue(|world: &mut World| {
                        open_builtin(world);
                        world.resource_mut::<NextState<Screen>>().set(Screen::Title);
                    });
                },
            );
            row.spawn(widgets::button("Quit", Quit));
        });
    });
}

fn act(
    mut activated: MessageReader<Activated>,
    quits: Query<(), With<Quit>>,
    mut exit: MessageWriter<AppExit>,
) {
    if activated.read().any(|a| quits.contains(a.0)) {
        exit.write(AppExit::Success);
    }
}
