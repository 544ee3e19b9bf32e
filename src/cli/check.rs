//! `quorum check`: every problem in every bank, then a summary line each.

use std::path::PathBuf;
use std::process::ExitCode;

use super::check_bank;

/// Checks each bank (the built-in one when none is named). Exits 1 when any
/// bank has an error, 0 when there are warnings only.
pub fn run(banks: &[PathBuf]) -> ExitCode {
    let paths: Vec<Option<&PathBuf>> =
        if banks.is_empty() { vec![None] } else { banks.iter().map(Some).collect() };
    let mut any_errors = false;
    for path in paths {
        let checked = check_bank(path);
        let report = checked.report();
        if !report.is_empty() {
            println!("{report}");
        }
        let questions = checked.bank.as_ref().map_or(0, |b| b.questions.len());
        let (errors, warnings) = (checked.errors(), checked.warnings());
        any_errors |= errors > 0;
        let playable = checked.playable().map_or(0, |b| b.questions.len());
        println!(
            "{}: {questions} question{}, {errors} error{}, {warnings} warning{}; {playable} playable",
            checked.file,
            plural(questions),
            plural(errors),
            plural(warnings),
        );
    }
    if any_errors { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
