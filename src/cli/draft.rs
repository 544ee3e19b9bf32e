//! `quorum draft`: a first draft of a bank from a news article, written
//! beside the teacher's chosen path, with a summary of what was drafted and
//! what to check first. The drafting itself is in the core
//! (`quorum_core::bank::draft`), shared with the editor.

use std::path::Path;
use std::process::ExitCode;

use quorum_core::bank::draft;

pub fn run(article: &Path, out: &Path, title: Option<&str>, force: bool) -> Result<ExitCode, String> {
    if out.exists() && !force {
        return Err(format!(
            "{} already exists; choose another --out, or add --force (the old file is kept as .bak)",
            out.display()
        ));
    }
    let written = draft::draft_file(article, out, title, force)?;
    let summary = &written.drafted.summary;
    println!(
        "wrote {} with {} draft question{} from {}:",
        out.display(),
        summary.total(),
        if summary.total() == 1 { "" } else { "s" },
        article.display()
    );
    for line in summary.lines() {
        println!("{line}");
    }
    if let Some(backup) = &written.backup {
        println!("the old {} is kept as {}", out.display(), backup.display());
    }
    // The uncertain speakers, as `quorum check` reports them: with their line.
    let uncertain: Vec<String> = written
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("uncertain speaker"))
        .map(|d| d.headline())
        .collect();
    if !uncertain.is_empty() {
        println!("check these speakers first:");
        for line in uncertain {
            println!("  {line}");
        }
    }
    println!(
        "next: review every question in the editor (`quorum edit {}`); the game plays drafts only when asked to.",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
