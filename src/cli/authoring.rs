//! The teacher's authoring commands: `import` (a spreadsheet, Kahoot or
//! Wayground quiz, or GIFT file, through the core's one `import_file`),
//! `new` (a skeleton bank, for an article or without one).

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use quorum_core::bank::import::{FileImport, import_file};
use quorum_core::bank::model::ArticleRef;
use quorum_core::bank::{self, skeleton, write};

/// `target` as a path relative to the folder `base` (both made absolute),
/// as a bank names its article.
pub fn relative_path(target: &Path, base: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (target, base) = (abs(target), abs(base));
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c);
    }
    rel.to_string_lossy().replace('\\', "/")
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Refuses to replace a file unless `force`, and then keeps it as `.bak`:
/// nothing a teacher wrote is lost.
pub(super) fn guard_existing(out: &Path, force: bool) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} already exists; choose another --out, or add --force (the old file is kept as .bak)",
            out.display()
        ));
    }
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    std::fs::copy(out, out.with_file_name(name))
        .map_err(|e| format!("cannot back up {}: {e}", out.display()))?;
    Ok(())
}

pub fn import(
    file: &Path,
    out: &Path,
    article: Option<&Path>,
    title: Option<&str>,
    force: bool,
) -> Result<ExitCode, String> {
    let shown = file.display().to_string();
    let FileImport { format, mut imported, text } =
        import_file(file).map_err(|d| d.render(None).trim_end().to_string())?;
    if let Some(title) = title {
        imported.bank.title = title.to_string();
    }
    if let Some(a) = article {
        bank::read_text(a).map_err(|e| format!("cannot read the article {}: {e}", a.display()))?;
        imported.bank.article = Some(ArticleRef {
            path: relative_path(a, &folder_of(out)),
            title: imported.bank.title.clone(),
            title_supplied: true,
            publisher: None,
            date: None,
        });
    }
    for d in &imported.problems {
        eprint!("{}", d.render(text.as_deref()));
    }
    println!("{shown} ({}): {}", format.name(), imported.summary());
    if imported.bank.questions.is_empty() {
        return Ok(ExitCode::FAILURE);
    }
    guard_existing(out, force)?;
    let ron = write::to_ron(&imported.bank, &Default::default());
    quorum_core::atomic_file::write(out, ron.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    // The imported bank goes through the normal checks.
    let checked = bank::check_file(out);
    let (errors, warnings) = (checked.errors(), checked.warnings());
    println!(
        "{}: {} errors, {} warnings{}",
        out.display(),
        errors,
        warnings,
        if errors + warnings > 0 {
            format!("; run `quorum check {}` to see them", out.display())
        } else {
            String::new()
        }
    );
    if article.is_none() {
        println!(
            "note: without --article, the bank has no article, so no question is checked against a source; \
             it still plays"
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn new(out: &Path, article: Option<&Path>, title: &str) -> Result<ExitCode, String> {
    if out.exists() {
        return Err(format!("{} already exists; `quorum new` never replaces a bank", out.display()));
    }
    let ron = match article {
        Some(article) => {
            let text = bank::read_text(article)
                .map_err(|e| format!("cannot read the article {}: {e}", article.display()))?;
            if text.trim().is_empty() {
                return Err(format!("the article {} is empty", article.display()));
            }
            skeleton::skeleton(title, Some((&relative_path(article, &folder_of(out)), &text)))
        }
        None => skeleton::skeleton(title, None),
    };
    quorum_core::atomic_file::write(out, ron.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} with one example question of each kind.", out.display());
    println!(
        "next: edit it in the game with `quorum edit {}`, or in a text editor, then `quorum check {}`.",
        out.display(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_paths_are_relative_to_the_bank() {
        assert_eq!(relative_path(Path::new("/a/articles/x.txt"), Path::new("/a/banks")), "../articles/x.txt");
        assert_eq!(relative_path(Path::new("/a/x.txt"), Path::new("/a")), "x.txt");
    }
}
