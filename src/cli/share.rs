//! `quorum share`: a bank and its article as one `.quorum` file, to hand to
//! a colleague. The packaging itself is the core's (`bank::share`).

use std::path::Path;
use std::process::ExitCode;

use quorum_core::bank::share;

pub fn run(bank: &Path, out: Option<&Path>, force: bool) -> Result<ExitCode, String> {
    if bank.extension().is_some_and(|e| e == share::EXTENSION) {
        return Err(format!(
            "{} is already a shared bank; give it to your colleague as it is",
            bank.display()
        ));
    }
    let out = out.map_or_else(|| bank.with_extension(share::EXTENSION), Path::to_path_buf);
    super::authoring::guard_existing(&out, force)?;
    let shared = share::write_package(bank, &out)?;
    match &shared.article_entry {
        Some(article) => println!(
            "wrote {}: the bank {} and its article {}, in one file to share.",
            out.display(),
            shared.bank_entry,
            article
        ),
        None => println!(
            "wrote {}: the bank {} (it has no article), in one file to share.",
            out.display(),
            shared.bank_entry
        ),
    }
    println!("check it with `quorum check {}`.", out.display());
    Ok(ExitCode::SUCCESS)
}
