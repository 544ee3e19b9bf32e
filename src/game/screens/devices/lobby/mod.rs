//! The lobby: the PIN in large type, the address and a QR code that opens
//! the page with the PIN filled in, and the players' names as they join,
//! with a count. The teacher removes a player (click the name, or pick it
//! with the arrows and press Delete) and lets them back the same way, locks
//! the game to new players (L), shows another of this computer's addresses
//! (A), and starts with Enter. A short panel says what to try when a device
//! can't connect. Redrawn whenever the server's snapshot moves on.

use bevy::prelude::*;

mod keys;

use super::players;
use crate::game::play::devices::{AddressShown, Hosted, LobbyProblem, Shown};
use crate::game::theme::control_bar::control_bar;
use crate::game::theme::qr_code::qr_code;
use crate::game::theme::{Fill, Ink, size, widgets};
use crate::game::ui::menu::{ButtonColors, DefaultFocus, KeysCaptured, MenuItem, MenuSystems};
use crate::game::{GameSet, Screen};
use quorum_lan::{Seat, Snapshot};

/// Names shown at most; a class of 100 fits, and more get a "+N more" line.
const MAX_NAMES: usize = 100;

/// What a lobby control does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LobbyAction {
    /// Remove the player, or let them back.
    Player(Seat),
    Start,
    Lock,
    OtherAddress,
    Back,
}

/// A player's name in the lobby, for tests: whose it is, and whether
/// they are removed.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameChip {
    pub seat: Seat,
    pub removed: bool,
}

/// The name picked with the arrow keys, for Delete to remove or let back.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Picked(pub Option<Seat>);

/// A line under the names, such as why Enter did not start.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
struct Status(String);

#[derive(Component)]
struct LobbyRoot;

/// What the lobby was last drawn from, so it redraws only for a change.
#[derive(Debug, Clone, PartialEq)]
struct DrawnFrom {
    version: Option<u64>,
    address: usize,
    picked: Option<Seat>,
    status: String,
    problem: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Picked>()
        .init_resource::<Status>()
        .add_systems(OnEnter(Screen::Lobby), enter)
        .add_systems(OnExit(Screen::Lobby), leave)
        .add_systems(
            Update,
            (keys::keys, keys::act.after(MenuSystems))
                .in_set(GameSet::RecordInput)
                .run_if(in_state(Screen::Lobby)),
        )
        .add_systems(Update, redraw.in_set(GameSet::Update).run_if(in_state(Screen::Lobby)));
}

/// The keyboard is the lobby's own here: arrows pick names, Enter starts.
fn enter(mut captured: ResMut<KeysCaptured>, mut picked: ResMut<Picked>, mut status: ResMut<Status>) {
    captured.0 = true;
    picked.0 = None;
    status.0.clear();
}

fn leave(mut captured: ResMut<KeysCaptured>) {
    captured.0 = false;
}

/// Redraws the lobby when what it shows has changed.
fn redraw(world: &mut World, mut drawn: Local<Option<DrawnFrom>>) {
    let now = DrawnFrom {
        version: world.get_resource::<Shown>().map(|s| s.version),
        address: world.resource::<AddressShown>().0,
        picked: world.resource::<Picked>().0,
        status: world.resource::<Status>().0.clone(),
        problem: world.resource::<LobbyProblem>().0.clone(),
    };
    let on_screen = world.query_filtered::<(), With<LobbyRoot>>().iter(world).next().is_some();
    if on_screen && drawn.as_ref() == Some(&now) {
        return;
    }
    *drawn = Some(now);
    super::super::redraw::<LobbyRoot, _>(world, spawn);
}

/// How the names are set for this many: fewer names, larger type.
#[derive(Debug, Clone, Copy, PartialEq)]
struct NameLayout {
    font: f32,
    width: f32,
    /// Padding above and below a name, and the gap between rows.
    pad: f32,
    gap: f32,
}

/// A class of 100 (twenty rows of five) fits above the lobby's buttons at
/// 720 pixels high: the chips close up as the class grows.
fn name_layout(names: usize) -> NameLayout {
    match names {
        0..=20 => NameLayout { font: size::BODY, width: 238.0, pad: 3.0, gap: 6.0 },
        21..=45 => NameLayout { font: size::SMALL, width: 178.0, pad: 3.0, gap: 6.0 },
        _ => NameLayout { font: size::TINY, width: 142.0, pad: 0.0, gap: 3.0 },
    }
}

/// Names per row, for Up and Down.
fn columns(names: usize) -> usize {
    match names {
        0..=20 => 3,
        21..=45 => 4,
        _ => 5,
    }
}

/// "482 913": easier to read off a wall; the page ignores the space.
fn spaced_pin(pin: &str) -> String {
    let (a, b) = pin.split_at(pin.len() / 2);
    format!("{a} {b}")
}

fn spawn(
    mut commands: Commands,
    hosted: Option<Res<Hosted>>,
    shown: Option<Res<Shown>>,
    address: Res<AddressShown>,
    picked: Res<Picked>,
    status: Res<Status>,
    problem: Res<LobbyProblem>,
    images: Option<ResMut<Assets<Image>>>,
) {
    let root = commands
        .spawn((
            LobbyRoot,
            DespawnOnExit(Screen::Lobby),
            widgets::screen(Node {
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Stretch,
                column_gap: px(30),
                padding: UiRect::axes(px(28), px(18)),
                ..widgets::screen_node()
            }),
        ))
        .id();
    let (Some(hosted), Some(shown)) = (hosted, shown) else {
        let why = problem.0.clone().unwrap_or_else(|| "Starting the students' server…".to_string());
        commands
            .entity(root)
            .insert(Node { flex_direction: FlexDirection::Column, ..widgets::screen_node() });
        commands.entity(root).with_children(|root| {
            root.spawn(widgets::bold("Students' devices", size::HEADING, Ink::Text));
            root.spawn((widgets::text(why, size::BODY, Ink::Wrong), widgets::centred()));
            root.spawn((widgets::button("Back", LobbyAction::Back), DefaultFocus));
        });
        return;
    };
    let host = hosted.host();
    let n = address.0 % host.addresses().len().max(1);
    commands.entity(root).with_children(|root| {
        // Where to go: the address, the QR code, the PIN.
        root.spawn(Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: px(8),
            width: px(440),
            flex_shrink: 0.0,
            ..default()
        })
        .with_children(|join| {
            join.spawn(widgets::text("On a phone, tablet or Chromebook, go to", size::SMALL, Ink::Muted));
            let url = host.join_url(n);
            join.spawn((widgets::bold(url.clone(), size::TILE, Ink::Text), TextLayout::no_wrap()));
            match host.qr(n) {
                Ok(matrix) => {
                    let qr_url = quorum_lan::address::qr_url(host.addresses()[n].ip, host.port(), host.pin());
                    qr_code(join, &matrix, qr_url, 300.0, images.map(|i| i.into_inner()));
                }
                Err(e) => {
                    join.spawn(widgets::text(e, size::SMALL, Ink::Wrong));
                }
            }
            join.spawn(widgets::text("or scan the code, and enter the PIN", size::SMALL, Ink::Muted));
            join.spawn((
                widgets::bold(spaced_pin(&shown.pin), 88.0, Ink::Accent),
                TextLayout::no_wrap(),
                Node { margin: UiRect::top(px(-6)), ..default() },
            ));
            if host.addresses().len() > 1 {
                let candidate = &host.addresses()[n];
                join.spawn(widgets::text(
                    format!(
                        "Address {} of {} ({}): A shows another",
                        n + 1,
                        host.addresses().len(),
                        candidate.interface
                    ),
                    size::TINY,
                    Ink::Muted,
                ));
            }
        });
        // Who has joined.
        root.spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(10),
            flex_grow: 1.0,
            ..default()
        })
        .with_children(|right| {
            names(right, &shown, picked.0);
            if !status.0.is_empty() {
                right.spawn(widgets::bold(status.0.clone(), size::SMALL, Ink::Wrong));
            }
            // Once many have joined, the class can connect: the room goes to names.
            if shown.players.len() <= 45 {
                cant_connect(right);
            }
            let lock = if shown.locked { "Unlock (L)" } else { "Lock (L)" };
            let mut buttons = vec![("Start (Enter)", LobbyAction::Start), (lock, LobbyAction::Lock)];
            if host.addresses().len() > 1 {
                buttons.push(("Other address (A)", LobbyAction::OtherAddress));
            }
            buttons.push(("Back (Esc)", LobbyAction::Back));
            control_bar(right, &buttons);
        });
    });
    // Enter starts; a picked name wears the focus ring instead of Start.
    let focus = picked.0.map(LobbyAction::Player).unwrap_or(LobbyAction::Start);
    commands.queue(move |world: &mut World| {
        let mut q = world.query::<(Entity, &LobbyAction)>();
        if let Some(e) = q.iter(world).find(|(_, a)| **a == focus).map(|(e, _)| e) {
            world.entity_mut(e).insert(DefaultFocus);
        }
    });
}

/// The count, the lock, and every name: removed ones crossed out, those
/// whose device has gone away dimmed.
fn names(right: &mut ChildSpawnerCommands, shown: &Snapshot, picked: Option<Seat>) {
    let present = shown.players.iter().filter(|p| !p.removed).count();
    let away = shown.players.iter().filter(|p| !p.removed && !p.connected).count();
    right.spawn(Node { column_gap: px(18), align_items: AlignItems::Baseline, ..default() }).with_children(
        |head| {
            head.spawn(widgets::bold(players(present), size::HEADING, Ink::Text));
            if away > 0 {
                head.spawn(widgets::text(format!("{away} not connected now"), size::SMALL, Ink::Muted));
            }
            head.spawn(Node { flex_grow: 1.0, ..default() });
            let (lock, ink) = if shown.locked {
                ("Locked: no one else can join", Ink::Wrong)
            } else {
                ("Open: students can join, late too", Ink::Muted)
            };
            head.spawn((widgets::bold(lock, size::SMALL, ink), TextLayout::no_wrap()));
        },
    );
    let layout = name_layout(shown.players.len());
    let (font, width) = (layout.font, layout.width);
    right
        .spawn(Node {
            flex_wrap: FlexWrap::Wrap,
            align_content: AlignContent::Start,
            column_gap: px(8),
            row_gap: px(layout.gap),
            flex_grow: 1.0,
            // Clipped, never pushing the buttons off the screen.
            min_height: px(0),
            flex_basis: px(0),
            overflow: Overflow::clip(),
            ..default()
        })
        .with_children(|grid| {
            if shown.players.is_empty() {
                grid.spawn(widgets::text(
                    "Waiting for the first player… names appear here as students join.",
                    size::BODY,
                    Ink::Muted,
                ));
            }
            for p in shown.players.iter().take(MAX_NAMES) {
                let ink = if p.removed || !p.connected { Ink::Muted } else { Ink::Text };
                grid.spawn((
                    NameChip { seat: p.seat, removed: p.removed },
                    LobbyAction::Player(p.seat),
                    Button,
                    MenuItem::default(),
                    // Darker under the pointer: a dimmed or crossed-out name
                    // keeps its contrast (the palette checks every ink on Panel).
                    ButtonColors { normal: Fill::Raised, hovered: Fill::Panel },
                    Node {
                        width: px(width),
                        padding: UiRect::axes(px(10), px(layout.pad)),
                        column_gap: px(6),
                        align_items: AlignItems::Center,
                        overflow: Overflow::clip(),
                        border_radius: BorderRadius::all(px(8)),
                        ..default()
                    },
                    BackgroundColor::default(),
                    Outline::new(px(4), px(2), Color::NONE),
                ))
                .with_children(|chip| {
                    if p.removed {
                        // Removed: crossed out, not only dimmed.
                        chip.spawn(widgets::symbol("✘", font, Ink::Wrong));
                    }
                    chip.spawn((
                        widgets::bold(p.name.clone(), font, ink),
                        TextLayout::no_wrap(),
                        Pickable::IGNORE,
                    ));
                });
            }
            if shown.players.len() > MAX_NAMES {
                grid.spawn(widgets::bold(
                    format!("+{} more", shown.players.len() - MAX_NAMES),
                    font,
                    Ink::Muted,
                ));
            }
        });
    let hint = match picked.and_then(|s| shown.player(s)) {
        Some(p) if p.removed => format!("{}: Delete lets them back in", p.name),
        Some(p) => format!("{}: Delete removes them (they can't rejoin under another name)", p.name),
        None => {
            "Click a name, or pick it with the arrow keys and press Delete, to remove a player".to_string()
        }
    };
    right.spawn(widgets::text(hint, size::TINY, Ink::Muted));
}

/// What to try when a device can't reach the game.
fn cant_connect(right: &mut ChildSpawnerCommands) {
    right
        .spawn(widgets::panel(Node { row_gap: px(2), padding: UiRect::axes(px(16), px(8)), ..widgets::panel_node() }))
        .with_children(|panel| {
            panel.spawn(widgets::bold("Can't connect?", size::SMALL, Ink::Accent));
            for line in [
                "Same network: the device must be on this computer's Wi-Fi. A phone on mobile data can't reach it: turn mobile data off.",
                "Guest Wi-Fi often keeps devices apart: use the school's main network, or try another address (A).",
                "A firewall question on this computer? Allow Quorum on private networks.",
            ] {
                panel.spawn(widgets::text(line, size::TINY, Ink::Text));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pin_splits_in_half_and_names_shrink_as_the_class_grows() {
        assert_eq!(spaced_pin("482913"), "482 913");
        let font = |n| name_layout(n).font;
        assert!(font(10) > font(30) && font(30) > font(100));
        // 100 names fit: five to a row, twenty rows of small type.
        assert_eq!(columns(100), 5);
    }
}
