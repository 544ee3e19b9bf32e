//! `quorum host`: students answer on their own devices. Opens the game
//! window straight on the lobby and prints the join line on standard output
//! once the server is listening.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::game::play::devices::HostAddress;
use crate::game::ui::screenshot::{ScreenshotPlan, ShotScreen};
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
    /// Save the lobby as a PNG once two players have joined, and carry on.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Write each frame's time to this file (for measuring the window under load; see docs/performance.md).
    #[arg(long, value_name = "FILE", hide = true)]
    pub frame_log: Option<PathBuf>,
}

pub fn run(args: HostArgs) -> Result<ExitCode, String> {
    if let Some(out) = &args.screenshot
        && !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(format!("--screenshot {}: the screenshot is saved as PNG, so name it .png", out.display()));
    }
    let launch = crate::game::Launch {
        bank: args.bank,
        seed: args.seed,
        choices: crate::game::CommandLineChoices {
            questions: args.questions.map(|n| QuestionCount::Some(n as usize)),
            seconds: args.seconds.map(Some),
        },
        screenshot: args.screenshot.map(|path| ScreenshotPlan { path, frames: 10, screen: ShotScreen::Lobby }),
        size: args.size,
        edit: false,
        host: Some(HostAddress { bind: args.bind, port: args.port }),
        frame_log: args.frame_log,
    };
    Ok(super::exit_code(crate::game::run(launch)))
}
