//! A bare Bevy app with Quorum's Bevy features: one window, one camera, one
//! line of text. The yardstick for Quorum's start-up time, memory and CPU
//! use (see docs/performance.md).
//!
//! `cargo run --release --example bare_window -- [--continuous] [--screenshot OUT.png]`

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::WindowResolution;
use bevy::winit::WinitSettings;

fn main() -> AppExit {
    let args: Vec<String> = std::env::args().collect();
    let continuous = args.iter().any(|a| a == "--continuous");
    let screenshot = args.iter().position(|a| a == "--screenshot").and_then(|i| args.get(i + 1)).cloned();
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "bare".into(),
            resolution: WindowResolution::new(1280, 720),
            ..default()
        }),
        ..default()
    }))
    .insert_resource(if continuous || screenshot.is_some() {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
        commands.spawn(Text::new("A bare Bevy window"));
    });
    if let Some(path) = screenshot {
        app.add_systems(Update, move |mut commands: Commands, mut done: Local<bool>| {
            if !*done {
                *done = true;
                commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone())).observe(
                    |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                        exit.write(AppExit::Success);
                    },
                );
            }
        });
    }
    app.run()
}
