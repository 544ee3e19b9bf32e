//! Writing a bank in other formats for other tools.

use std::path::{Path, PathBuf};

use super::model::Bank;
use super::{gift, io_reason, spreadsheet};

/// The bank as pretty JSON with the same field names as the RON.
pub fn to_json(bank: &Bank) -> String {
    // Serialising plain data to JSON cannot fail: every key is a string.
    let mut json = serde_json::to_string_pretty(bank).unwrap_or_default();
    json.push('\n');
    json
}

/// Reads a bank back from its JSON form.
pub fn from_json(text: &str) -> Result<Bank, String> {
    serde_json::from_str(text).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))
}

/// Writes the bank as a spreadsheet (`.csv`) and a Moodle file (`.gift`)
/// beside its file (`banks/x.ron` gives `banks/x.csv` and `banks/x.gift`),
/// each atomically, and returns their paths. The editor's Export does this.
pub fn beside(bank: &Bank, bank_file: &Path) -> Result<[PathBuf; 2], String> {
    let csv = bank_file.with_extension("csv");
    let gift_file = bank_file.with_extension("gift");
    for (path, text) in [(&csv, spreadsheet::export(bank)), (&gift_file, gift::export(bank))] {
        crate::atomic_file::write(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {}", path.display(), io_reason(&e)))?;
    }
    Ok([csv, gift_file])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    #[test]
    fn beside_writes_both_files_that_read_back_as_the_same_questions() {
        let bank = builtin::check().bank.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let [csv, gift_file] = beside(&bank, &dir.path().join("my-bank.ron")).unwrap();
        assert_eq!(csv, dir.path().join("my-bank.csv"));
        assert_eq!(gift_file, dir.path().join("my-bank.gift"));
        // Read back without an article, as an imported file is.
        let article = None;
        let ids = |b: &Bank| b.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        let from_csv = spreadsheet::import("x.csv", &read(&csv), "t", article.clone());
        assert_eq!(ids(&from_csv.bank), ids(&bank));
        let from_gift = gift::import("x.gift", &read(&gift_file), "t", article);
        assert_eq!(ids(&from_gift.bank), ids(&bank));
    }

    #[test]
    fn beside_names_the_file_it_cannot_write() {
        let bank = builtin::check().bank.unwrap();
        let dir = tempfile::tempdir().unwrap();
        // A folder where the spreadsheet goes: no permission bits involved,
        // so this fails for every user, root included.
        std::fs::create_dir_all(dir.path().join("b.csv/inside")).unwrap();
        let e = beside(&bank, &dir.path().join("b.ron")).unwrap_err();
        assert!(e.starts_with(&format!("cannot write {}", dir.path().join("b.csv").display())), "{e}");
    }
}
