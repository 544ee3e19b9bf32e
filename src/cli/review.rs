//! `quorum review`: a bank's fact-check sheet, one printable HTML page.
//!
//! The sheet is made by the core (`quorum_core::bank::review`), from the same
//! check the game and `quorum check` run; this file only reads the command
//! line and writes the page. It must not judge a bank itself.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use quorum_core::bank;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// A bank file. With none, the built-in bank.
    pub bank: Option<PathBuf>,
    /// The HTML file to write (standard output when not given).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
}

/// Writes the sheet, problems and all: a bank with errors is exactly the
/// one a colleague should look at.
pub fn run(args: ReviewArgs) -> Result<ExitCode, String> {
    let checked = super::check_bank(args.bank.as_ref());
    let parsed = super::parsed(&checked)?;
    let html = bank::review::sheet(parsed, checked.article.as_ref(), &checked.diagnostics, &checked.file);
    super::write_output(args.out.as_ref(), html.as_bytes())?;
    if let Some(out) = &args.out {
        let n = parsed.questions.len();
        println!(
            "wrote {}: {n} question{} to check, {} error(s) and {} warning(s) from `quorum check` shown with them.",
            out.display(),
            if n == 1 { "" } else { "s" },
            checked.errors(),
            checked.warnings()
        );
        println!("open it in a web browser, or print it, and tick each question once it holds.");
    }
    Ok(ExitCode::SUCCESS)
}
