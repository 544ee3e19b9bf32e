//! The window: full screen on F11, the UI scaled to the window's size, and
//! drawing only when something changes (a countdown or an animation keeps
//! it drawing).

use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{PrimaryWindow, WindowMode};
use bevy::winit::{UpdateMode, WinitSettings};

use crate::game::GameSet;
use crate::game::theme::countdown::Countdown;

/// The size the UI is designed at; other sizes scale it.
pub const DESIGN_WIDTH: f32 = 1280.0;
pub const DESIGN_HEIGHT: f32 = 720.0;

/// A countdown bar needs no more than this to look smooth.
const ANIMATION_FRAME: Duration = Duration::from_millis(33);

/// Set while something on screen moves on its own (an animation, or a
/// screenshot being taken), so the window keeps drawing.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct KeepDrawing {
    pub animation: bool,
    pub screenshot: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<KeepDrawing>()
        .add_systems(Update, (toggle_full_screen, scale_ui_to_window).in_set(GameSet::RecordInput))
        .add_systems(Last, choose_update_mode);
}

fn toggle_full_screen(keys: Res<ButtonInput<KeyCode>>, mut windows: Query<&mut Window, With<PrimaryWindow>>) {
    if !keys.just_pressed(KeyCode::F11) {
        return;
    }
    for mut window in &mut windows {
        window.mode = match window.mode {
            WindowMode::Windowed => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
            _ => WindowMode::Windowed,
        };
    }
}

/// The whole UI is laid out for 1280×720 and scaled to fit the window, so a
/// projector at 1920×1080 shows the same screen, larger.
fn scale_ui_to_window(
    windows: Query<&Window, (With<PrimaryWindow>, Changed<Window>)>,
    scale: Option<ResMut<UiScale>>,
) {
    let (Ok(window), Some(mut scale)) = (windows.single(), scale) else { return };
    let fit = (window.width() / DESIGN_WIDTH).min(window.height() / DESIGN_HEIGHT).clamp(0.5, 4.0);
    if (scale.0 - fit).abs() > 0.001 {
        scale.0 = fit;
    }
}

/// Reactive (idle) updates, except while a countdown runs or something
/// animates.
fn choose_update_mode(
    settings: Option<ResMut<WinitSettings>>,
    countdown: Res<Countdown>,
    keep: Res<KeepDrawing>,
) {
    let Some(mut settings) = settings else { return };
    let counting_down = countdown.running;
    let wanted = if keep.screenshot {
        WinitSettings::game()
    } else if counting_down || keep.animation {
        WinitSettings {
            focused_mode: UpdateMode::reactive(ANIMATION_FRAME),
            unfocused_mode: UpdateMode::reactive_low_power(ANIMATION_FRAME),
        }
    } else {
        WinitSettings::desktop_app()
    };
    if settings.focused_mode != wanted.focused_mode || settings.unfocused_mode != wanted.unfocused_mode {
        *settings = wanted;
    }
}
