//! Colours and faces by role. A screen says what a thing is (`Ink::Muted`,
//! `Fill::Panel`, `Face::Bold`), never which colour or font it is; the theme
//! paints it when it appears and repaints everything when the theme changes,
//! so switching to high contrast needs no screen to know about it.

use bevy::prelude::*;
use bevy::ui::UiSystems;

use super::{Fonts, Theme};

/// What a text is, for its colour.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    /// Body text on the background or a panel.
    Text,
    /// Secondary text: hints, labels of settings.
    Muted,
    /// Headings' small capitals, highlights.
    Accent,
    Correct,
    Wrong,
    Partial,
    /// Text on a button.
    OnButton,
    /// Text on an answer tile or on the right/wrong/partial fills.
    OnTile,
    /// Text on a team's colour.
    OnTeam,
    /// Text on the accent colour (a chip that is on).
    OnAccent,
    /// Text on a banner.
    OnBanner,
    /// An answer tile's own colour, for its shape drawn on the background.
    Tile(usize),
}

/// What a surface is, for its background colour.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fill {
    Background,
    Panel,
    /// A panel on a panel: steppers, fields, table headers.
    Raised,
    Button,
    ButtonHovered,
    Accent,
    Correct,
    Wrong,
    Partial,
    /// An answer tile, in key order.
    Tile(usize),
    /// An answer tile under the mouse.
    TileHovered(usize),
    /// A tile that was not chosen, on a reveal.
    Dimmed,
    /// A team's colour, in team order.
    Team(usize),
    Timer,
    TimerLow,
    /// The track a countdown or a slider runs along.
    Track,
    /// A translucent shade on a tile (its key badge).
    Shade,
    BannerInfo,
    BannerError,
    /// Nothing: a layout box with no colour of its own.
    Clear,
}

/// Which of the embedded fonts a text uses (the default is Noto Sans regular).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Bold,
    Italic,
    /// Noto Sans Symbols 2: the tiles' and teams' shapes, ticks and crosses.
    Symbols,
}

pub(super) fn plugin(app: &mut App) {
    app.add_observer(paint_new_ink)
        .add_observer(paint_new_fill)
        .add_observer(set_new_face)
        .add_systems(PostUpdate, (repaint_changed, repaint_all).chain().before(UiSystems::Prepare));
}

fn paint_new_ink(insert: On<Insert, Ink>, theme: Res<Theme>, mut inks: Query<(&Ink, &mut TextColor)>) {
    if let Ok((ink, mut colour)) = inks.get_mut(insert.entity) {
        colour.0 = theme.palette.ink(*ink);
    }
}

fn paint_new_fill(
    insert: On<Insert, Fill>,
    theme: Res<Theme>,
    mut fills: Query<(&Fill, &mut BackgroundColor)>,
) {
    if let Ok((fill, mut colour)) = fills.get_mut(insert.entity) {
        colour.0 = theme.palette.fill(*fill);
    }
}

fn set_new_face(insert: On<Insert, Face>, fonts: Res<Fonts>, mut faces: Query<(&Face, &mut TextFont)>) {
    if let Ok((face, mut font)) = faces.get_mut(insert.entity) {
        font.font = fonts.handle(*face).into();
    }
}

/// A role changed in place (rather than re-inserted).
fn repaint_changed(
    theme: Res<Theme>,
    mut inks: Query<(&Ink, &mut TextColor), Changed<Ink>>,
    mut fills: Query<(&Fill, &mut BackgroundColor), Changed<Fill>>,
) {
    for (ink, mut colour) in &mut inks {
        colour.set_if_neq(TextColor(theme.palette.ink(*ink)));
    }
    for (fill, mut colour) in &mut fills {
        colour.set_if_neq(BackgroundColor(theme.palette.fill(*fill)));
    }
}

/// The theme changed: every role is painted again.
fn repaint_all(
    theme: Res<Theme>,
    mut inks: Query<(&Ink, &mut TextColor)>,
    mut fills: Query<(&Fill, &mut BackgroundColor)>,
) {
    if !theme.is_changed() {
        return;
    }
    for (ink, mut colour) in &mut inks {
        colour.set_if_neq(TextColor(theme.palette.ink(*ink)));
    }
    for (fill, mut colour) in &mut fills {
        colour.set_if_neq(BackgroundColor(theme.palette.fill(*fill)));
    }
}
