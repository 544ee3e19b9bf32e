//! The bank built into the binary, so `quorum` works from any folder.

use std::path::{Path, PathBuf};

use super::{Checked, check_bytes};

/// Where the built-in bank lives in the source tree, as shown to teachers.
pub const BANK_PATH: &str = "assets/banks/nz-cannabis-decriminalisation.ron";
/// The built-in bank's article, as the bank's `path` names it.
pub const ARTICLE_PATH: &str = "../articles/nz-cannabis-decriminalisation.txt";

pub const BANK_RON: &str = include_str!("../../../../assets/banks/nz-cannabis-decriminalisation.ron");
pub const ARTICLE_TEXT: &str = include_str!("../../../../assets/articles/nz-cannabis-decriminalisation.txt");

/// Checks the built-in bank against its built-in article.
pub fn check() -> Checked {
    check_bytes(BANK_PATH, BANK_RON.as_bytes(), |path| {
        if path == ARTICLE_PATH {
            Ok(ARTICLE_TEXT.to_string())
        } else {
            Err(format!("the built-in bank can only use its own article, {ARTICLE_PATH}"))
        }
    })
}

/// The file names the built-in bank and its article get when copied out.
pub const COPY_NAME: &str = "nz-cannabis-decriminalisation.ron";
pub const COPY_ARTICLE_NAME: &str = "nz-cannabis-decriminalisation.txt";

/// Where an editable copy of the built-in bank is, and whether it was made
/// just now (so the teacher can be told once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copy {
    Made(PathBuf),
    AlreadyThere(PathBuf),
}

impl Copy {
    pub fn path(&self) -> &Path {
        match self {
            Copy::Made(p) | Copy::AlreadyThere(p) => p,
        }
    }
}

/// Makes an editable copy of the built-in bank and its article in `folder`
/// (the built-in bank is inside the program and can't change). An earlier
/// copy is kept as it is: it may hold the teacher's edits.
pub fn copy_to(folder: &Path) -> Result<Copy, String> {
    let bank = folder.join(COPY_NAME);
    if bank.exists() {
        return Ok(Copy::AlreadyThere(bank));
    }
    let article = folder.join(COPY_ARTICLE_NAME);
    let fail = |e: std::io::Error| format!("cannot copy the built-in bank to {}: {e}", folder.display());
    if !article.exists() {
        crate::atomic_file::write(&article, ARTICLE_TEXT.as_bytes()).map_err(fail)?;
    }
    let text = BANK_RON.replace(ARTICLE_PATH, COPY_ARTICLE_NAME);
    crate::atomic_file::write(&bank, text.as_bytes()).map_err(fail)?;
    Ok(Copy::Made(bank))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_checks_like_the_original_and_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let made = copy_to(dir.path()).unwrap();
        assert!(matches!(made, Copy::Made(_)));
        let checked = crate::bank::check_file(made.path());
        assert_eq!(checked.errors(), 0, "{}", checked.report());
        assert_eq!(
            checked.bank,
            check().bank.map(|mut b| {
                if let Some(article) = b.article.as_mut() {
                    article.path = COPY_ARTICLE_NAME.to_string();
                }
                b
            })
        );
        std::fs::write(made.path(), "the teacher's edits").unwrap();
        assert_eq!(copy_to(dir.path()).unwrap(), Copy::AlreadyThere(made.path().to_path_buf()));
        assert_eq!(std::fs::read_to_string(made.path()).unwrap(), "the teacher's edits");
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "x").unwrap();
        let e = copy_to(&blocked.join("banks")).unwrap_err();
        assert!(e.contains("cannot copy the built-in bank"), "{e}");
    }
}
