//! The Bevy layer: windows, screens and input over the engine-free core.
//!
//! - `play/`: the game's resources over the core (the bank in play, the
//!   round, the classroom session, the editor's bank, pause);
//! - `settings/`: what is remembered between runs;
//! - `ui/`: the machinery every screen uses (focus, fields, banner, keys
//!   overlay, window);
//! - `theme/`: the palette and every widget shared by screens;
//! - `screens/`: one file (or folder) per `Screen` state.
//!
//! Each file is one plugin (`pub(super) fn plugin(app: &mut App)`) and its
//! parent adds it. Rules of play are not written here: systems call
//! `quorum_core` and draw what it says.

pub mod play;
pub mod screens;
pub mod settings;
pub mod theme;
pub mod ui;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};

pub use play::bank::{ActiveBank, BankChoice};
pub use play::round::CurrentRound;
pub use settings::setup::{CommandLineChoices, SetupChoices};

/// The screens, in the order a player meets them.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Waiting for a bank file to load.
    #[default]
    Loading,
    /// No bank could be played: the error and the path tried.
    BankError,
    Title,
    Setup,
    Question,
    Reveal,
    Results,
    /// Classroom: teams, answering style, settings.
    ClassSetup,
    ClassQuestion,
    ClassReveal,
    Leaderboard,
    /// The top three, then `ClassResults`: every team and question.
    Podium,
    ClassResults,
    /// Students' devices: students join by PIN from their own browsers…
    Lobby,
    DevicesQuestion,
    DevicesReveal,
    DevicesLeaderboard,
    /// The top three, then `DevicesResults`: every player.
    DevicesPodium,
    DevicesResults,
    /// The bank editor.
    Editor,
    /// Choosing a bank to open: the banks folder, recent banks, a typed path.
    OpenBank,
}

/// The order of work in a frame, set once here: the clock ticks, then input
/// is read, then the world is updated and drawn.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GameSet {
    TickTimers,
    RecordInput,
    Update,
}

/// Where save files go (personal bests, the last setup).
#[derive(Resource, Debug, Clone)]
pub struct DataDir(pub PathBuf);

impl Default for DataDir {
    fn default() -> Self {
        DataDir(quorum_core::quiz::save_file::data_dir())
    }
}

/// Everything about the game except the engine's own plugins, so headless
/// tests can run the real screens without a window.
pub fn plugin(app: &mut App) {
    // Registered here too so headless apps (no window plugin) can read it.
    app.add_message::<bevy::window::WindowCloseRequested>();
    app.add_message::<bevy::window::RequestRedraw>();
    app.init_state::<Screen>()
        .init_resource::<DataDir>()
        .configure_sets(Update, (GameSet::TickTimers, GameSet::RecordInput, GameSet::Update).chain())
        .add_plugins((theme::plugin, ui::plugin, settings::plugin, play::plugin, screens::plugin));
}

/// How the game was started from the command line.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub bank: Option<PathBuf>,
    pub seed: Option<u64>,
    pub choices: CommandLineChoices,
    /// Drive the game to a screen, then take a screenshot or play on for a while.
    pub screenshot: Option<ui::screenshot::ScreenshotPlan>,
    /// The window's size; 1280×720 when not given.
    pub size: Option<(u32, u32)>,
    /// Open the bank in the editor rather than on the title screen.
    pub edit: bool,
    /// Open on the students' lobby, listening here (`quorum host`).
    pub host: Option<play::devices::HostAddress>,
    /// Write each frame's time here (`quorum host --frame-log`), to measure
    /// the window while students answer.
    pub frame_log: Option<PathBuf>,
    /// Read the teacher's console words on standard input (`quorum host
    /// --teacher-stdin`), for scripts and the browser test.
    pub teacher_stdin: bool,
}

/// Opens the window and plays until it is closed.
pub fn run(launch: Launch) -> AppExit {
    let mut app = App::new();
    // No bank named: the one opened last time, if it is still there.
    let mut launch = launch;
    if launch.bank.is_none() && !launch.edit {
        launch.bank = play::library::remembered_bank(&DataDir::default());
    }
    let (asset_root, watch) = match &launch.bank {
        Some(path) => (play::bank::bank_folder(path), true),
        None => (std::env::temp_dir(), false),
    };
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Quorum".into(),
                    resolution: {
                        let (w, h) = launch.size.unwrap_or((1280, 720));
                        WindowResolution::new(w, h)
                    },
                    present_mode: PresentMode::AutoVsync,
                    ..default()
                }),
                // Closing with unsaved edits asks first (see play/editing.rs).
                close_when_requested: false,
                ..default()
            })
            .set(AssetPlugin {
                file_path: asset_root.display().to_string(),
                watch_for_changes_override: Some(watch && asset_root.is_dir()),
                ..default()
            }),
    );
    app.add_plugins(bevy::input_focus::tab_navigation::TabNavigationPlugin);
    app.insert_resource(bevy::winit::WinitSettings::desktop_app());
    app.insert_resource(play::editing::StartInEditor(launch.edit));
    if let Some(address) = launch.host {
        app.insert_resource(address).insert_resource(play::devices::StartInLobby(true));
    }
    app.insert_resource(play::devices::TeacherStdin(launch.teacher_stdin));
    app.insert_resource(match &launch.bank {
        Some(path) => BankChoice::File(path.clone()),
        None => BankChoice::BuiltIn,
    });
    app.insert_resource(launch.choices.clone());
    if let Some(seed) = launch.seed {
        app.insert_resource(play::round::NextSeed(seed));
    }
    // Sound, unless taking pictures: a screenshot run must not touch a sound
    // server. Headless apps (tests) never get here and keep a silent handle.
    if launch.screenshot.as_ref().is_none_or(|plan| plan.makes_sound()) {
        app.insert_resource(play::sound::SoundOutput::start());
    }
    app.add_plugins(plugin);
    app.add_systems(Startup, spawn_camera);
    if let Some(path) = launch.frame_log {
        app.insert_resource(ui::frame_log::FrameLogPath(path));
        app.add_plugins(ui::frame_log::plugin);
    }
    if let Some(plan) = launch.screenshot {
        app.insert_resource(plan);
        app.add_plugins(ui::screenshot::plugin);
    }
    app.run()
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
