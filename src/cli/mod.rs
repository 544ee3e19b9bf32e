//! The command line: playing, and the teacher's commands over the same core
//! the game uses (`check`, `stats`, `export`, ...).

mod authoring;
mod check;
mod draft;
mod host;
mod results;
mod review;
mod share;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::game::ui::screenshot::{Arrival, ScreenshotPlan, ShotScreen};
use quorum_core::bank::{self, Checked};
use quorum_core::quiz::QuestionCount;

#[derive(Debug, Parser)]
#[command(
    name = "quorum",
    version,
    about = "A civics quiz game whose every fact is checked against its source article.",
    long_about = "A civics quiz game whose every fact is checked against its source article.\n\n\
        Run with no command to play the built-in bank. Teachers: `quorum check BANK.ron` \
        reports every problem in a bank; docs/bank-format.md describes the format."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(flatten)]
    pub play: PlayArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How to play: the bank, the round, and screenshots for documentation.
#[derive(Debug, Clone, Default, Args)]
pub struct PlayArgs {
    /// A bank file to play instead of the built-in bank. It reloads when saved.
    #[arg(long, value_name = "PATH")]
    pub bank: Option<PathBuf>,
    /// Seed for drawing questions and shuffling choices: the same seed gives the same round.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Questions per round (overrides the remembered setting).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub questions: Option<u32>,
    /// Seconds per question, 5 to 240 (overrides the remembered setting).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(5..=240))]
    pub seconds: Option<u32>,
    /// The window's size in pixels, such as 1920x1080 for a projector.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Render the real window, save it as a PNG and exit.
    #[arg(long, value_name = "OUT.png", group = "driven")]
    pub screenshot: Option<PathBuf>,
    /// Frames to render on the chosen screen before the screenshot.
    #[arg(long, value_name = "N", default_value_t = 30, requires = "screenshot")]
    pub frames: u32,
    /// Play the game by itself to the chosen screen, with sound, stay there this long and exit
    /// (for checking the sound).
    #[arg(long, value_name = "SECONDS", group = "driven", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub play_for: Option<u32>,
    /// The screen to photograph (or to play to, with --play-for).
    #[arg(long, value_enum, default_value_t = ShotScreen::Title, requires = "driven")]
    pub screen: ShotScreen,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play (the same as running with no command).
    Play(PlayArgs),
    /// Check banks for errors, like a compiler: every problem, with its line.
    Check {
        /// Bank files (.ron, or shared .quorum). With none, checks the built-in bank.
        banks: Vec<PathBuf>,
    },
    /// Count a bank's questions by kind, topic and difficulty.
    Stats {
        /// A bank file. With none, the built-in bank.
        bank: Option<PathBuf>,
    },
    /// Write a bank in another format, for spreadsheets and other tools.
    Export {
        /// A bank file. With none, the built-in bank.
        bank: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of to standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Import questions into a new bank: a spreadsheet (Quorum's columns, or a Kahoot or
    /// Wayground/Quizizz quiz, as .xlsx or .csv) or a Moodle GIFT file.
    Import {
        /// The .xlsx, .csv or .gift file (its format is told from what it holds).
        file: PathBuf,
        /// The bank to write.
        #[arg(long)]
        out: PathBuf,
        /// The article the questions come from, so they can be checked against it.
        #[arg(long)]
        article: Option<PathBuf>,
        /// The bank's title (the file's name when not given).
        #[arg(long)]
        title: Option<String>,
        /// Replace --out if it exists (the old file is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Write a new bank, for an article or without one: a commented example of each question kind.
    New {
        /// The bank to create (it must not exist).
        bank: PathBuf,
        /// The article's text file (UTF-8). Without one, nothing is checked against a source.
        #[arg(long)]
        article: Option<PathBuf>,
        /// The bank's title.
        #[arg(long)]
        title: String,
    },
    /// Write a bank and its article as one .quorum file to give to a colleague.
    Share {
        /// The bank file (.ron).
        bank: PathBuf,
        /// The file to write (BANK.quorum beside the bank when not given).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace --out if it exists (the old file is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Draft a bank from a news article: who said it, figures and roles, each marked as a draft to review.
    Draft {
        /// The article's text file (UTF-8).
        article: PathBuf,
        /// The bank to write.
        #[arg(long)]
        out: PathBuf,
        /// The bank's title (the article file's name when not given).
        #[arg(long)]
        title: Option<String>,
        /// Replace --out if it exists (the old file is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Edit a bank in the game's editor.
    Edit {
        /// The bank file.
        bank: PathBuf,
    },
    /// Write a printable fact-check sheet (HTML): every question, its answer, the article's words, the background.
    Review(review::ReviewArgs),
    /// Students answer on their own phones, tablets or Chromebooks: open the game on its lobby.
    /// Prints `Join at http://IP:PORT/ with PIN NNNNNN` once listening.
    Host(host::HostArgs),
    /// List past classroom sessions, or print one session's summary table.
    Results {
        /// A session id (as listed), a results file's name, or its path.
        session: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Gift,
}

/// Checks the named bank, or the built-in one.
pub fn check_bank(path: Option<&PathBuf>) -> Checked {
    match path {
        Some(path) => bank::check_file(path),
        None => bank::builtin::check(),
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("quorum: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a parsed command line; `Err` is a message for standard error.
pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        None => play(cli.play, false),
        Some(Command::Play(args)) => play(args, false),
        Some(Command::Check { banks }) => Ok(check::run(&banks)),
        Some(Command::Import { file, out, article, title, force }) => {
            authoring::import(&file, &out, article.as_deref(), title.as_deref(), force)
        }
        Some(Command::New { bank, article, title }) => authoring::new(&bank, article.as_deref(), &title),
        Some(Command::Share { bank, out, force }) => share::run(&bank, out.as_deref(), force),
        Some(Command::Draft { article, out, title, force }) => {
            draft::run(&article, &out, title.as_deref(), force)
        }
        Some(Command::Edit { bank }) => {
            if !bank.exists() {
                return Err(format!(
                    "{} does not exist; make one with `quorum new {} --article ARTICLE.txt --title \"...\"`",
                    bank.display(),
                    bank.display()
                ));
            }
            play(PlayArgs { bank: Some(bank), ..PlayArgs::default() }, true)
        }
        Some(Command::Review(args)) => review::run(args),
        Some(Command::Host(args)) => host::run(args),
        Some(Command::Results { session }) => {
            print!("{}", results::run(session.as_deref())?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Stats { bank }) => {
            let checked = check_bank(bank.as_ref());
            let bank = parsed(&checked)?;
            print!("{}\n{}", bank.title, bank::stats::Stats::of(bank));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { bank, format, out }) => {
            let checked = check_bank(bank.as_ref());
            let parsed_bank = parsed(&checked)?;
            if checked.errors() > 0 {
                eprintln!(
                    "quorum: warning: {} has {} error(s); exporting it as it is (run `quorum check` to see them)",
                    checked.file,
                    checked.errors()
                );
            }
            let text = match format {
                ExportFormat::Json => bank::export::to_json(parsed_bank),
                ExportFormat::Csv => bank::spreadsheet::export(parsed_bank),
                ExportFormat::Gift => bank::gift::export(parsed_bank),
            };
            write_output(out.as_ref(), text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `1920x1080` -> (1920, 1080).
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text.split_once(['x', 'X']).ok_or("write the size as WIDTHxHEIGHT, such as 1920x1080")?;
    let w: u32 = w.trim().parse().map_err(|_| format!("`{w}` is not a width in pixels"))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("`{h}` is not a height in pixels"))?;
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err("the size must be between 320x240 and 8192x8192".to_string());
    }
    Ok((w, h))
}

/// Opens the game window, on the editor when `edit` is set.
fn play(args: PlayArgs, edit: bool) -> Result<ExitCode, String> {
    if let Some(out) = &args.screenshot
        && !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(format!(
            "--screenshot {}: the screenshot is saved as PNG, so name it .png",
            out.display()
        ));
    }
    // Students' devices screens need students: `quorum host` listens on an
    // address the caller chooses and waits for them.
    if args.screen.is_devices() && (args.screenshot.is_some() || args.play_for.is_some()) {
        return Err(
            "the students' devices screens are photographed with `quorum host --screenshot OUT.png --screen ...`, \
             with students joining from their browsers"
                .to_string(),
        );
    }
    let launch = crate::game::Launch {
        bank: args.bank,
        seed: args.seed,
        choices: crate::game::CommandLineChoices {
            questions: args.questions.map(|n| QuestionCount::Some(n as usize)),
            seconds: args.seconds.map(Some),
        },
        screenshot: match (args.screenshot, args.play_for) {
            (Some(path), _) => Some(Arrival::Screenshot { path, frames: args.frames }),
            (None, Some(seconds)) => Some(Arrival::PlayFor(std::time::Duration::from_secs(seconds.into()))),
            (None, None) => None,
        }
        .map(|arrival| ScreenshotPlan { screen: args.screen, arrival }),
        size: args.size,
        edit,
        host: None,
        frame_log: None,
        teacher_stdin: false,
    };
    Ok(exit_code(crate::game::run(launch)))
}

fn exit_code(exit: bevy::app::AppExit) -> ExitCode {
    match exit {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// The parsed bank, or the reason it could not be read.
fn parsed(checked: &Checked) -> Result<&bank::Bank, String> {
    checked.bank.as_ref().ok_or_else(|| format!("cannot read the bank:\n{}", checked.report()))
}

/// Writes to a file atomically, or to standard output.
pub fn write_output(out: Option<&PathBuf>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => quorum_core::atomic_file::write(path, bytes)
            .map_err(|e| format!("cannot write {}: {}", path.display(), bank::io_reason(&e))),
        None => {
            use std::io::Write;
            std::io::stdout().write_all(bytes).map_err(|e| e.to_string())
        }
    }
}
