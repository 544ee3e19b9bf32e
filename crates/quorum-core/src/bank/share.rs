//! Sharing a bank as one file. A `.quorum` package is a zip archive holding
//! the bank's `.ron` file and its article side by side, the bank's article
//! `path` pointing at the article beside it: a colleague gets one file, and
//! unzipped it is a bank folder like any other.
//!
//! A zip rather than a text container of our own: any computer opens it
//! without Quorum, and the `zip` crate is already here for reading `.xlsx`.
//! Opening a package checks it as `quorum check` checks a bank, with the
//! article read from inside. Writing is atomic. A damaged package is an
//! error, never a panic; nothing is ever unpacked onto the disk by `open`.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;
use super::model::Bank;
use super::{Checked, article_path, check_bytes, in_place, io_reason, load, read_text, write};

/// The extension of a shared bank.
pub const EXTENSION: &str = "quorum";

/// Nothing in a package is read past this size: a bank or an article is
/// far smaller, and a damaged or hostile archive cannot fill the memory.
const MAX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;

/// Whether these bytes are a package (a zip archive) rather than RON text.
pub fn is_package(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// What sharing wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub path: PathBuf,
    /// The names inside the package: the bank, and its article if it has one.
    pub bank_entry: String,
    pub article_entry: Option<String>,
}

/// Writes the bank at `bank_path`, with its article, as one package at
/// `out`, atomically. The bank must read (errors in its questions are kept:
/// the colleague sees them as `check` would) and its article must be there.
pub fn write_package(bank_path: &Path, out: &Path) -> Result<Shared, String> {
    let shown = bank_path.display().to_string();
    let bytes = std::fs::read(bank_path).map_err(|e| format!("cannot read {shown}: {}", io_reason(&e)))?;
    let text = load::decode(&shown, &bytes).map_err(|d| d.render(None))?;
    let bank = load::parse(&shown, &text).map_err(|d| {
        format!("{shown} cannot be read as a bank, so it cannot be shared yet:\n{}", d.render(Some(&text)))
    })?;
    let bank_entry = entry_name(bank_path, "bank.ron");
    let (text, article) = match &bank.article {
        None => (text, None),
        Some(named) => {
            let from = article_path(bank_path, &named.path);
            let article_text = read_text(&from)
                .map_err(|e| format!("cannot read the article \"{}\" that {shown} names: {e}", named.path))?;
            let mut entry = entry_name(&from, "article.txt");
            if entry == bank_entry {
                entry = "article.txt".to_string();
            }
            // The packaged bank names its article by the name it has inside.
            let mut renamed = bank.clone();
            if let Some(a) = renamed.article.as_mut() {
                a.path = entry.clone();
            }
            let origins: Vec<Option<usize>> = (0..bank.questions.len()).map(Some).collect();
            let text = in_place::save_text(&text, &bank, &renamed, &origins).unwrap_or_else(|| {
                write::to_ron(&renamed, &super::outline::Comments::of(&text, &ids(&bank)))
            });
            (text, Some((entry, article_text)))
        }
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, contents: &str| -> Result<(), String> {
        zip.start_file(name, options).map_err(|e| format!("cannot write the package: {e}"))?;
        zip.write_all(contents.as_bytes()).map_err(|e| format!("cannot write the package: {e}"))
    };
    add(&bank_entry, &text)?;
    if let Some((entry, article_text)) = &article {
        add(entry, article_text)?;
    }
    let bytes = zip.finish().map_err(|e| format!("cannot write the package: {e}"))?.into_inner();
    crate::atomic_file::write(out, &bytes)
        .map_err(|e| format!("cannot write {}: {}", out.display(), io_reason(&e)))?;
    Ok(Shared { path: out.to_path_buf(), bank_entry, article_entry: article.map(|(entry, _)| entry) })
}

fn ids(bank: &Bank) -> Vec<&str> {
    bank.questions.iter().map(|q| q.id.as_str()).collect()
}

/// A file's name as an entry in a package, or `fallback` when it has none
/// that travels well.
fn entry_name(path: &Path, fallback: &str) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .filter(|n| !n.is_empty() && !n.starts_with('.') && !n.contains(['/', '\\']))
        .unwrap_or_else(|| fallback.to_string())
}

/// Opens and checks a package on disk, as `check_file` checks a bank.
pub fn open(path: &Path) -> Checked {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => check_package(&file, &bytes),
        Err(e) => Checked::failed(
            &file,
            Diagnostic::error(&file, format!("cannot read the bank: {}", io_reason(&e))),
        ),
    }
}

/// Checks a package's bytes: its bank, against the article inside it.
/// `file` names the package in every problem.
pub fn check_package(file: &str, bytes: &[u8]) -> Checked {
    let damaged = |reason: String| {
        Checked::failed(
            file,
            Diagnostic::error(file, format!("this shared bank is damaged: {reason}"))
                .with_help("ask for the file again, or share the bank again with `quorum share`"),
        )
    };
    if !is_package(bytes) {
        return damaged("it is not a Quorum package (a .quorum file is a zip archive)".to_string());
    }
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(e) => return damaged(e.to_string()),
    };
    let names: Vec<String> = match archive.file_names().map(|n| n.map(|n| n.to_string())).collect() {
        Ok(names) => names,
        Err(e) => return damaged(e.to_string()),
    };
    let banks: Vec<&String> = names.iter().filter(|n| n.ends_with(".ron") && !n.contains('/')).collect();
    let bank_entry = match banks.as_slice() {
        [one] => one.to_string(),
        [] => return damaged("it holds no bank (.ron file)".to_string()),
        _ => return damaged(format!("it holds {} banks; a package holds one", banks.len())),
    };
    let bank_bytes = match read_entry(&mut archive, &bank_entry) {
        Ok(bytes) => bytes,
        Err(reason) => return damaged(reason),
    };
    check_bytes(file, &bank_bytes, |article| {
        let wanted = article.trim_start_matches("./");
        if !names.iter().any(|n| n == wanted) {
            return Err(format!("the shared file does not hold it (it holds {})", names.join(", ")));
        }
        let bytes = read_entry(&mut archive, wanted)?;
        load::decode(wanted, &bytes).map_err(|d| d.message)
    })
}

/// Unpacks a package into `folder` (made if needed): its bank and article
/// side by side, ready to edit. Returns the bank's path. Refuses to replace
/// a file already there, and writes nothing from a damaged package.
pub fn unpack(package: &Path, folder: &Path) -> Result<PathBuf, String> {
    let shown = package.display().to_string();
    let bytes = std::fs::read(package).map_err(|e| format!("cannot read {shown}: {}", io_reason(&e)))?;
    let checked = check_package(&shown, &bytes);
    let bank = checked.bank.as_ref().ok_or_else(|| checked.report())?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(|e| e.to_string())?;
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.to_string()))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let bank_entry = names.iter().find(|n| n.ends_with(".ron") && !n.contains('/')).ok_or("no bank")?;
    let mut entries = vec![bank_entry.clone()];
    entries.extend(bank.article.as_ref().map(|a| a.path.trim_start_matches("./").to_string()));
    let mut files = Vec::new();
    for entry in &entries {
        // Only plain names: nothing is written outside the folder.
        if entry.contains(['/', '\\']) || entry.starts_with('.') {
            return Err(format!("{shown} holds a file named \"{entry}\", which is not unpacked"));
        }
        let to = folder.join(entry);
        if to.exists() {
            return Err(format!("{} already exists; unpack into another folder", to.display()));
        }
        files.push((to, read_entry(&mut archive, entry)?));
    }
    for (to, bytes) in &files {
        crate::atomic_file::write(to, bytes)
            .map_err(|e| format!("cannot write {}: {}", to.display(), io_reason(&e)))?;
    }
    Ok(folder.join(bank_entry))
}

fn read_entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, String> {
    let entry = archive.by_name(name).map_err(|e| format!("cannot read {name}: {e}"))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(format!("{name} is larger than any bank or article"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    fn shipped(dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        std::fs::create_dir_all(dir.join("banks")).unwrap();
        std::fs::write(dir.join("articles/nz-cannabis-decriminalisation.txt"), builtin::ARTICLE_TEXT)
            .unwrap();
        let bank = dir.join("banks/nz-cannabis-decriminalisation.ron");
        std::fs::write(&bank, builtin::BANK_RON).unwrap();
        bank
    }

    #[test]
    fn a_shared_bank_opens_with_its_article_and_the_same_questions() {
        let dir = tempfile::tempdir().unwrap();
        let bank = shipped(dir.path());
        let out = dir.path().join("elsewhere/shared.quorum");
        let shared = write_package(&bank, &out).unwrap();
        assert_eq!(shared.bank_entry, "nz-cannabis-decriminalisation.ron");
        assert_eq!(shared.article_entry.as_deref(), Some("nz-cannabis-decriminalisation.txt"));
        // The article's folder is gone: only the package travels.
        std::fs::remove_dir_all(dir.path().join("articles")).unwrap();
        let checked = open(&out);
        assert_eq!(checked.errors(), 0, "{}", checked.report());
        assert_eq!(checked.article.as_ref().unwrap().text, builtin::ARTICLE_TEXT);
        let original = builtin::check().bank.unwrap();
        let opened = checked.bank.unwrap();
        assert_eq!(opened.questions, original.questions);
        assert_eq!(opened.article.unwrap().path, "nz-cannabis-decriminalisation.txt");
        // Only the article's path changed in the bank's text: comments and layout travel.
        assert!(checked.text.starts_with("// Quorum question bank"));
        assert_eq!(checked.text.lines().count(), builtin::BANK_RON.lines().count());
    }

    #[test]
    fn an_unpacked_package_is_a_bank_folder_that_edits() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b.quorum");
        write_package(&shipped(dir.path()), &out).unwrap();
        let folder = dir.path().join("unpacked");
        let bank = unpack(&out, &folder).unwrap();
        assert_eq!(bank, folder.join("nz-cannabis-decriminalisation.ron"));
        let session = crate::bank::edit::EditSession::open(&bank).unwrap();
        assert_eq!(session.check().errors(), 0);
        assert!(unpack(&out, &folder).unwrap_err().contains("already exists"), "nothing is replaced");
    }

    #[test]
    fn a_damaged_package_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b.quorum");
        write_package(&shipped(dir.path()), &out).unwrap();
        let bytes = std::fs::read(&out).unwrap();
        for broken in [&bytes[..bytes.len() / 2], &bytes[..10], b"PK\x03\x04 nothing else", b"Bank(title: 1)"]
        {
            let checked = check_package("b.quorum", broken);
            assert!(checked.bank.is_none());
            assert_eq!(checked.errors(), 1);
            assert!(
                checked.diagnostics[0].message.starts_with("this shared bank is damaged"),
                "{}",
                checked.report()
            );
        }
    }
}
