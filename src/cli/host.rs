//! `quorum host`: students answer on their own devices. Opens the game
//! window straight on the lobby and prints the join line on standard output
//! once the server is listening.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::game::play::devices::HostAddress;
use crate::game::ui::screenshot::{Arrival, ScreenshotPlan, ShotScreen};
use quorum_core::quiz::QuestionCount;

#[derive(Debug, Clone, Args)]
pub struct HostArgs {
    /// A bank file to play instead of the built-in bank.
    #[arg(long, value_name = "PATH")]
    pub bank: Option<PathBuf>,
    /// The port to listen on; when it is taken, the next ones are tried. 0: any free port.
    #[arg(long, value_name = "N", default_value_t = quorum_lan::host::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on. 0.0.0.0 (the default) is every network this computer is on.
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0")]
    pub bind: IpAddr,
    /// Questions in the game (overrides the remembered classroom setting).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub questions: Option<u32>,
    /// Seconds per question, 5 to 240 (overrides the remembered classroom setting).
    #[arg(long, value_name = "S", value_parser = clap::value_parser!(u32).range(5..=240))]
    pub seconds: Option<u32>,
    /// Seed for drawing questions and shuffling choices: the same seed gives the same game.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// The window's size in pixels, such as 1920x1080 for a projector.
    #[arg(long, value_name = "WxH", value_parser = super::parse_size)]
    pub size: Option<(u32, u32)>,
    /// Save a screen as a PNG once students have joined from their devices
    /// (the lobby: once two are in, and the game carries on; the others:
    /// the game plays itself there, then exits).
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// The screen for --screenshot: lobby, devices-question, devices-reveal,
    /// devices-leaderboard, devices-podium or devices-results.
    #[arg(long, value_enum, default_value_t = ShotScreen::Lobby, requires = "screenshot")]
    pub screen: ShotScreen,
    /// Read the teacher's console words (start, reveal, next, status, ...) on
    /// standard input beside the window's keys, each answered with a status line.
    #[arg(long, hide = true)]
    pub teacher_stdin: bool,
    /// Connections at once (for the load benchmark).
    #[arg(long, value_name = "N", hide = true, default_value_t = quorum_lan::host::DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,
    /// Write each frame's time to this file (for measuring the window under load; see docs/performance.md).
    #[arg(long, value_name = "FILE", hide = true)]
    pub frame_log: Option<PathBuf>,
}

pub fn run(args: HostArgs) -> Result<ExitCode, String> {
    if let Some(out) = &args.screenshot
        && !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(format!(
            "--screenshot {}: the screenshot is saved as PNG, so name it .png",
            out.display()
        ));
    }
    if !args.screen.is_devices() {
        return Err(format!(
            "--screen {}: quorum host photographs the students' devices screens (lobby, devices-question, devices-reveal, devices-leaderboard, devices-podium, devices-results)",
            args.screen.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
        ));
    }
    let launch = crate::game::Launch {
        bank: args.bank,
        seed: args.seed,
        choices: crate::game::CommandLineChoices {
            questions: args.questions.map(|n| QuestionCount::Some(n as usize)),
            seconds: args.seconds.map(Some),
        },
        screenshot: args.screenshot.map(|path| ScreenshotPlan {
            screen: args.screen,
            arrival: Arrival::Screenshot { path, frames: 10 },
        }),
        size: args.size,
        edit: false,
        host: Some(HostAddress { bind: args.bind, port: args.port, max_connections: args.max_connections }),
        frame_log: args.frame_log,
        teacher_stdin: args.teacher_stdin,
    };
    Ok(super::exit_code(crate::game::run(launch)))
}
