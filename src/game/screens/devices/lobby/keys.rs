//! The lobby's input: the teacher's keys (Enter starts, the arrows pick a
//! name, Delete removes or lets back, L locks, A shows another address, Esc
//! goes back) and clicks on names and buttons, each sent to the server.

use bevy::prelude::*;

use super::{LobbyAction, MAX_NAMES, Picked, Status, columns};
use crate::game::Screen;
use crate::game::play::devices::{AddressShown, Hosted, Shown};
use crate::game::ui::help::HelpShown;
use crate::game::ui::menu::Activated;
use quorum_lan::{Command, Seat};

/// The lobby's keys: Enter starts, the arrows pick a name, Delete removes
/// or lets back, L locks, A shows another address, Esc goes back.
pub(super) fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    help: Res<HelpShown>,
    shown: Option<Res<Shown>>,
    mut picked: ResMut<Picked>,
    mut commands: Commands,
) {
    if help.0 {
        return;
    }
    let pressed = |k: KeyCode| keys.just_pressed(k);
    let mut act = |action: LobbyAction| commands.queue(move |world: &mut World| apply(world, action));
    if pressed(KeyCode::Enter) || pressed(KeyCode::NumpadEnter) {
        act(LobbyAction::Start);
    }
    if pressed(KeyCode::Escape) {
        act(LobbyAction::Back);
    }
    if pressed(KeyCode::KeyL) {
        act(LobbyAction::Lock);
    }
    if pressed(KeyCode::KeyA) {
        act(LobbyAction::OtherAddress);
    }
    let Some(shown) = shown else { return };
    let count = shown.players.len().min(MAX_NAMES);
    if (pressed(KeyCode::Delete) || pressed(KeyCode::Backspace))
        && let Some(seat) = picked.0
    {
        act(LobbyAction::Player(seat));
    }
    let step = match () {
        _ if pressed(KeyCode::ArrowRight) || pressed(KeyCode::Tab) => 1,
        _ if pressed(KeyCode::ArrowLeft) => -1,
        _ if pressed(KeyCode::ArrowDown) => columns(count) as i64,
        _ if pressed(KeyCode::ArrowUp) => -(columns(count) as i64),
        _ => 0,
    };
    if step != 0 && count > 0 {
        let at = match picked.0 {
            Some(Seat(i)) => (i as i64 + step).clamp(0, count as i64 - 1),
            None if step > 0 => 0,
            None => count as i64 - 1,
        };
        picked.0 = Some(Seat(at as usize));
    }
}

/// Clicks on the lobby's names and buttons.
pub(super) fn act(
    mut activated: MessageReader<Activated>,
    actions: Query<&LobbyAction>,
    mut commands: Commands,
) {
    for Activated(e) in activated.read() {
        if let Ok(action) = actions.get(*e).copied() {
            commands.queue(move |world: &mut World| apply(world, action));
        }
    }
}

fn apply(world: &mut World, action: LobbyAction) {
    if action == LobbyAction::Back {
        world.resource_mut::<NextState<Screen>>().set(Screen::Title);
        return;
    }
    let (Some(hosted), Some(shown)) = (world.get_resource::<Hosted>(), world.get_resource::<Shown>()) else {
        return;
    };
    let mut status = String::new();
    match action {
        LobbyAction::Start => {
            if shown.players.iter().all(|p| p.removed) {
                status = "Nobody has joined yet: Enter starts once a player is in.".to_string();
            }
            hosted.send(Command::Start);
        }
        LobbyAction::Lock => hosted.send(if shown.locked { Command::Unlock } else { Command::Lock }),
        LobbyAction::Player(seat) => match shown.player(seat) {
            Some(p) if p.removed => hosted.send(Command::LetBack(seat)),
            Some(_) => hosted.send(Command::Remove(seat)),
            None => {}
        },
        LobbyAction::OtherAddress => world.resource_mut::<AddressShown>().0 += 1,
        LobbyAction::Back => {}
    }
    if let LobbyAction::Player(seat) = action {
        world.resource_mut::<Picked>().0 = Some(seat);
    }
    world.resource_mut::<Status>().0 = status;
}
