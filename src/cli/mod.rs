//! The command line: playing, and the teacher's commands over the same core
//! the game uses (`check`, `stats`, `export`, ...).

mod check;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::bank::{self, Checked};

#[derive(Debug, Parser)]
#[command(
    name = "quorum",
    version,
    about = "A civics quiz game whose every fact is checked against its source article.",
    long_about = "A civics quiz game whose every fact is checked against its source article.\n\n\
        Run with no command to play the built-in bank. Teachers: `quorum check BANK.ron` \
        reports every problem in a bank; docs/bank-format.md describes the format."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check banks for errors, like a compiler: every problem, with its line.
    Check {
        /// Bank files (.ron). With none, checks the built-in bank.
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
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
        None => {
            use clap::CommandFactory;
            Cli::command().print_help().map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { banks }) => Ok(check::run(&banks)),
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
            };
            write_output(out.as_ref(), text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The parsed bank, or the reason it could not be read.
fn parsed(checked: &Checked) -> Result<&bank::Bank, String> {
    checked.bank.as_ref().ok_or_else(|| format!("cannot read the bank:\n{}", checked.report()))
}

/// Writes to a file atomically, or to standard output.
pub fn write_output(out: Option<&PathBuf>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => crate::atomic_file::write(path, bytes)
            .map_err(|e| format!("cannot write {}: {}", path.display(), bank::io_reason(&e))),
        None => {
            use std::io::Write;
            std::io::stdout().write_all(bytes).map_err(|e| e.to_string())
        }
    }
}
