//! The bank built into the binary, so `quorum` works from any folder.

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
