//! A banner across the top of every screen for news about the bank: a
//! reload, questions left out, a broken edit. Info fades after a few seconds;
//! an error stays until it is fixed or clicked away.

use std::time::Duration;

use bevy::prelude::*;

use crate::game::theme::{Fill, Ink, size, widgets};

const SHOW_FOR: Duration = Duration::from_secs(8);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BannerMessage {
    pub text: String,
    pub kind: BannerKind,
    /// When it went up, in real seconds since start.
    shown_at: Option<Duration>,
}

#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Banner {
    pub message: Option<BannerMessage>,
}

impl Banner {
    fn show(&mut self, kind: BannerKind, text: String) {
        self.message = Some(BannerMessage { text, kind, shown_at: None });
    }

    pub fn info(&mut self, text: String) {
        self.show(BannerKind::Info, text);
    }

    /// A warning given before the last one reached the screen joins it (two
    /// damaged settings files at start-up), so neither goes untold.
    pub fn warn(&mut self, text: String) {
        match self.message.as_mut() {
            Some(m) if m.kind == BannerKind::Warning && m.shown_at.is_none() => {
                m.text = format!("{}\n{text}", m.text);
            }
            _ => self.show(BannerKind::Warning, text),
        }
    }

    pub fn error(&mut self, text: String) {
        self.show(BannerKind::Error, text);
    }

    pub fn text(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    pub fn kind(&self) -> Option<BannerKind> {
        self.message.as_ref().map(|m| m.kind)
    }
}

#[derive(Component)]
struct BannerRoot;

#[derive(Component)]
struct BannerText;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Banner>()
        .add_systems(Startup, spawn_banner)
        .add_systems(Update, (expire, dismiss_on_click, show).chain());
}

fn spawn_banner(mut commands: Commands) {
    commands.spawn((
        BannerRoot,
        Button,
        Node {
            position_type: PositionType::Absolute,
            top: px(0),
            left: px(0),
            right: px(0),
            padding: UiRect::axes(px(24), px(8)),
            justify_content: JustifyContent::Center,
            display: Display::None,
            ..default()
        },
        GlobalZIndex(100),
        BackgroundColor::default(),
        Fill::BannerInfo,
        children![(
            BannerText,
            widgets::text("", size::SMALL, Ink::OnBanner),
            widgets::centred(),
            Pickable::IGNORE
        )],
    ));
}

fn expire(time: Res<Time<Real>>, mut banner: ResMut<Banner>) {
    let now = time.elapsed();
    let Some((shown_at, kind)) = banner.message.as_ref().map(|m| (m.shown_at, m.kind)) else { return };
    match shown_at {
        // Noting the time is not a change anyone needs to redraw for.
        None => {
            if let Some(m) = banner.bypass_change_detection().message.as_mut() {
                m.shown_at = Some(now);
            }
        }
        Some(at) if kind != BannerKind::Error && now.saturating_sub(at) > SHOW_FOR => banner.message = None,
        _ => {}
    }
}

fn dismiss_on_click(
    roots: Query<&Interaction, (Changed<Interaction>, With<BannerRoot>)>,
    mut banner: ResMut<Banner>,
) {
    if roots.iter().any(|i| *i == Interaction::Pressed) {
        banner.message = None;
    }
}

fn show(
    banner: Res<Banner>,
    mut roots: Query<(&mut Node, &mut Fill), With<BannerRoot>>,
    mut texts: Query<&mut Text, With<BannerText>>,
) {
    if !banner.is_changed() {
        return;
    }
    for (mut node, mut fill) in &mut roots {
        node.display = if banner.message.is_some() { Display::Flex } else { Display::None };
        fill.set_if_neq(match banner.kind() {
            Some(BannerKind::Error) => Fill::BannerError,
            Some(BannerKind::Warning) => Fill::Partial,
            _ => Fill::BannerInfo,
        });
    }
    for mut text in &mut texts {
        let prefix = match banner.kind() {
            Some(BannerKind::Error) => "Error: ",
            Some(BannerKind::Warning) => "Warning: ",
            _ => "",
        };
        text.0 = banner.text().map(|t| format!("{prefix}{t}  (click to dismiss)")).unwrap_or_default();
    }
}
