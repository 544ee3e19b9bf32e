//! When the bank cannot be opened in the editor (a file that does not
//! parse): what is wrong with it, and a way back. The report is the core's.

use bevy::prelude::*;

use super::{EditorAction, EditorRoot};
use crate::game::play::bank::{ActiveBank, BankChoice, BankProblem};
use crate::game::play::editing::{Editing, EditorCommand, EditorProblem};
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activate, DefaultFocus};
use crate::game::{GameSet, Screen};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        spawn
            .in_set(GameSet::Update)
            .run_if(in_state(Screen::Editor).and_then(not(resource_exists::<Editing>))),
    );
}

fn spawn(problem: Res<EditorProblem>, roots: Query<(), With<EditorRoot>>, mut commands: Commands) {
    let Some(report) = problem.0.clone().filter(|_| roots.is_empty()) else { return };
    commands.spawn((EditorRoot, DespawnOnExit(Screen::Editor), widgets::screen_root())).with_children(
        |root| {
            root.spawn(widgets::bold("This bank cannot be opened in the editor", size::HEADING, Ink::Wrong));
            root.spawn(widgets::panel(Node { max_width: px(1180), ..widgets::panel_node() }))
                .with_child(widgets::text(report, size::TINY, Ink::Text));
            root.spawn(widgets::text(
                "Fix it in a text editor (quorum check lists every problem), then open the editor again.",
                size::SMALL,
                Ink::Muted,
            ));
            root.spawn((widgets::button("Back", EditorAction::Command(EditorCommand::Leave)), DefaultFocus))
                .observe(back);
        },
    );
}

/// Back to the title, or, with nothing playable either, to the error
/// screen, which says why.
fn back(
    _: On<Activate>,
    active: Option<Res<ActiveBank>>,
    editor_problem: Res<EditorProblem>,
    choice: Option<Res<BankChoice>>,
    mut problem: ResMut<BankProblem>,
    mut next: ResMut<NextState<Screen>>,
) {
    if active.is_some() {
        next.set(Screen::Title);
        return;
    }
    let path = match choice.as_deref() {
        Some(BankChoice::File(p)) => p.display().to_string(),
        _ => String::new(),
    };
    *problem = BankProblem { path, report: editor_problem.0.clone().unwrap_or_default() };
    next.set(Screen::BankError);
}
