//! Writing a drafted bank to disk: the one call the command line and the
//! editor share. The bank names its article relative to itself; the file
//! is written whole or not at all, and an existing file is replaced only
//! when asked, with the old one kept as `.bak`.

use std::path::{Component, Path, PathBuf};

use super::{Drafted, draft, title_from_file_name};
use crate::bank::{Checked, check_file, io_reason, read_text};

/// What `draft_file` wrote.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub drafted: Drafted,
    /// The old bank, kept when `replace` allowed overwriting it.
    pub backup: Option<PathBuf>,
    /// `quorum check` on the new file: warnings only (a draft has no
    /// errors), the uncertain speakers among them, each with its line.
    pub checked: Checked,
}

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

/// Where the editor's "New bank from an article" writes: beside the
/// article, named after it (`my-article.txt` -> `my-article.ron`), with a
/// number added when that name is taken, so no file is ever replaced.
pub fn bank_path_beside(article: &Path) -> PathBuf {
    let stem = article.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = if stem.trim().is_empty() { "drafted".to_string() } else { stem };
    let free = |name: String| Some(article.with_file_name(name)).filter(|p| !p.exists());
    free(format!("{stem}.ron"))
        .or_else(|| (2..10_000).find_map(|n| free(format!("{stem}-{n}.ron"))))
        // Ten thousand drafts of one article: a timestamp is as good a name.
        .unwrap_or_else(|| {
            let secs =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            article.with_file_name(format!("{stem}-{secs}.ron"))
        })
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Drafts a bank from the article at `article` and writes it to `out`.
/// `title` defaults to the article file's name. An existing `out` is an
/// error unless `replace`, and is then kept as `out.bak`.
pub fn draft_file(article: &Path, out: &Path, title: Option<&str>, replace: bool) -> Result<Written, String> {
    let shown = out.display();
    if out.exists() && !replace {
        return Err(format!(
            "{shown} already exists; choose another name, or replace it (the old bank is then kept as .bak)"
        ));
    }
    let text =
        read_text(article).map_err(|e| format!("cannot read the article {}: {e}", article.display()))?;
    if text.trim().is_empty() {
        return Err(format!("the article {} is empty", article.display()));
    }
    let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => title_from_file_name(&article.file_stem().unwrap_or_default().to_string_lossy()),
    };
    let drafted = draft(&text, &relative_path(article, &folder_of(out)), &title);
    if drafted.bank.questions.is_empty() {
        return Err(format!(
            "found nothing to ask in {}: no quotes with a speaker, no figures, no roles",
            article.display()
        ));
    }
    let backup = if out.exists() {
        let mut name = out.file_name().unwrap_or_default().to_os_string();
        name.push(".bak");
        let backup = out.with_file_name(name);
        std::fs::copy(out, &backup).map_err(|e| format!("cannot back up {shown}: {}", io_reason(&e)))?;
        Some(backup)
    } else {
        None
    };
    crate::atomic_file::write(out, drafted.to_ron().as_bytes())
        .map_err(|e| format!("cannot write {shown}: {}", io_reason(&e)))?;
    let checked = check_file(out);
    Ok(Written { path: out.to_path_buf(), drafted, backup, checked })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    #[test]
    fn writes_a_bank_beside_the_article_and_never_over_one_unasked() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("articles");
        std::fs::create_dir(&articles).unwrap();
        let article = articles.join("nz-cannabis.txt");
        std::fs::write(&article, builtin::ARTICLE_TEXT).unwrap();
        let out = dir.path().join("banks").join("draft.ron");
        std::fs::create_dir(out.parent().unwrap()).unwrap();

        let written = draft_file(&article, &out, None, false).unwrap();
        assert_eq!(written.drafted.bank.article.as_ref().unwrap().path, "../articles/nz-cannabis.txt");
        assert_eq!(written.drafted.bank.title, "NZ cannabis");
        assert_eq!(written.checked.errors(), 0, "{}", written.checked.report());
        assert_eq!(check_file(&out).diagnostics, written.checked.diagnostics);
        assert!(written.backup.is_none());

        std::fs::write(&out, "my own work").unwrap();
        let err = draft_file(&article, &out, Some("T"), false).unwrap_err();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own work");
        let written = draft_file(&article, &out, Some("T"), true).unwrap();
        assert_eq!(std::fs::read_to_string(written.backup.unwrap()).unwrap(), "my own work");
    }

    #[test]
    fn the_editors_new_bank_goes_beside_the_article_under_a_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("my-article.txt");
        std::fs::write(&article, "text").unwrap();
        assert_eq!(bank_path_beside(&article), dir.path().join("my-article.ron"));
        std::fs::write(dir.path().join("my-article.ron"), "taken").unwrap();
        assert_eq!(bank_path_beside(&article), dir.path().join("my-article-2.ron"));
        std::fs::write(dir.path().join("my-article-2.ron"), "taken").unwrap();
        assert_eq!(bank_path_beside(&article), dir.path().join("my-article-3.ron"));
        // An article that is itself a .ron file is never the bank's path.
        let odd = dir.path().join("notes.ron");
        std::fs::write(&odd, "text").unwrap();
        assert_eq!(bank_path_beside(&odd), dir.path().join("notes-2.ron"));
    }

    #[test]
    fn a_missing_or_empty_article_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b.ron");
        let err = draft_file(&dir.path().join("none.txt"), &out, None, false).unwrap_err();
        assert!(err.contains("cannot read the article") && err.contains("no such file"), "{err}");
        std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
        let err = draft_file(&dir.path().join("empty.txt"), &out, None, false).unwrap_err();
        assert!(err.contains("is empty"), "{err}");
        assert!(!out.exists());
    }
}
