//! Buzzer teams on the classroom question: a chip per team saying "Locked
//! in" or "Thinking…", never which answer a team chose.

use bevy::prelude::*;

use crate::game::play::classroom::ClassSession;
use crate::game::theme::team::team_badge;
use crate::game::theme::{Ink, size, widgets};
use crate::game::{GameSet, Screen};
use quorum_core::quiz::classroom::Session;

/// A team's lock-in indicator.
#[derive(Component, Debug, Clone, Copy)]
struct LockIn(usize);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        show_lock_ins
            .in_set(GameSet::Update)
            .run_if(in_state(Screen::ClassQuestion).and_then(resource_exists::<ClassSession>)),
    );
}

/// A chip per team: its badge, its name, and whether it has answered.
pub(super) fn lock_ins(root: &mut ChildSpawnerCommands, session: &Session) {
    root.spawn(Node { column_gap: px(14), justify_content: JustifyContent::Center, ..default() })
        .with_children(|row| {
            for (team, name) in session.teams.iter().enumerate() {
                row.spawn(widgets::panel(Node {
                    column_gap: px(10),
                    align_items: AlignItems::Center,
                    padding: UiRect::axes(px(14), px(6)),
                    border_radius: BorderRadius::all(px(24)),
                    ..default()
                }))
                .with_children(|chip| {
                    chip.spawn(team_badge(team, 32.0));
                    chip.spawn(Node { flex_direction: FlexDirection::Column, ..default() }).with_children(
                        |col| {
                            col.spawn((
                                widgets::bold(name.clone(), size::SMALL, Ink::Text),
                                TextLayout::no_wrap(),
                            ));
                            col.spawn((
                                LockIn(team),
                                widgets::bold("", size::SMALL, Ink::Muted),
                                TextLayout::no_wrap(),
                            ));
                        },
                    );
                });
            }
        });
}

fn show_lock_ins(class: Res<ClassSession>, mut lock_ins: Query<(&LockIn, &mut Text, &mut Ink)>) {
    for (LockIn(t), mut text, mut ink) in &mut lock_ins {
        let (wanted, wanted_ink) = if class.session.has_answered(*t) {
            ("Locked in", Ink::Correct)
        } else {
            ("Thinking…", Ink::Muted)
        };
        if text.0 != wanted {
            text.0 = wanted.to_string();
        }
        ink.set_if_neq(wanted_ink);
    }
}
