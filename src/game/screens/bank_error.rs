//! No bank could be played: the message and the path tried. Saving a fixed
//! bank file reloads it and moves on to the title screen.

use bevy::prelude::*;

use crate::game::play::bank::BankProblem;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activated, DefaultFocus};
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
        root.spawn((widgets::button("Quit", Quit), DefaultFocus));
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
