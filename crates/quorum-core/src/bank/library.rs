//! The teacher's banks: the folders they are kept in, the bank that is
//! open and the recent ones (remembered between runs), and opening any file
//! a teacher picks as a bank to play.
//!
//! Opening decides what a file is: a `.ron` bank is opened where it is; a
//! shared `.quorum` package is unpacked into the banks folder (so it can be
//! edited); a spreadsheet or GIFT file goes through `import::import_file`
//! and is saved as a `.ron` bank in the banks folder. Nothing here replaces
//! an existing file, and bad input is an error a teacher can act on, never
//! a panic.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::import::{Format, import_file};
use super::{Checked, check_file, share, write};

/// The file, in the data directory, remembering the open and recent banks.
pub const FILE: &str = "library.ron";
/// The folder, in the data directory, holding imported and copied banks.
pub const BANKS_FOLDER: &str = "banks";
/// How many recent banks are remembered.
pub const MAX_RECENT: usize = 8;

/// Overrides the teacher's documents folder (for tests and CI).
pub const DOCUMENTS_DIR_ENV: &str = "QUORUM_DOCUMENTS_DIR";

/// Where Quorum puts what a teacher looks for (results, shared banks):
/// `$QUORUM_DOCUMENTS_DIR`, else `Quorum` in the system's documents folder
/// (`~/Documents/Quorum`), else the data directory when there is none.
pub fn documents_dir(data_dir: &Path) -> PathBuf {
    if let Some(dir) = std::env::var_os(DOCUMENTS_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let user = directories::UserDirs::new();
    let documents = user.as_ref().and_then(|u| u.document_dir().map(Path::to_path_buf)).or_else(|| {
        // Linux without xdg-user-dirs set up still often has ~/Documents.
        let home = user.as_ref()?.home_dir().join("Documents");
        home.is_dir().then_some(home)
    });
    documents.map_or_else(|| data_dir.to_path_buf(), |d| d.join("Quorum"))
}

/// The open bank and the recent ones, newest first. `open` is `None` for
/// the built-in bank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Library {
    pub open: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
}

impl Library {
    /// Makes `bank` the open bank and the newest recent one.
    pub fn remember(&mut self, bank: &Path) {
        let bank = std::path::absolute(bank).unwrap_or_else(|_| bank.to_path_buf());
        self.recent.retain(|p| *p != bank);
        self.recent.insert(0, bank.clone());
        self.recent.truncate(MAX_RECENT);
        self.open = Some(bank);
    }

    /// The recent banks still on disk, newest first.
    pub fn recent_on_disk(&self) -> Vec<PathBuf> {
        self.recent.iter().filter(|p| p.is_file()).cloned().collect()
    }

    /// The bank to open at start-up: the remembered one, if it is still there.
    pub fn open_on_disk(&self) -> Option<&Path> {
        self.open.as_deref().filter(|p| p.is_file())
    }
}

/// Whether a file's name says it can be opened as a bank (a bank, a shared
/// bank, a spreadsheet or a GIFT file), to offer it in a list. Any other
/// file can still be opened by its path: its contents decide.
pub fn can_open(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    matches!(extension.as_str(), "ron" | "quorum" | "csv" | "xlsx" | "xlsm" | "xls" | "ods" | "gift")
        && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// The banks and shared banks in `folder` and in its subfolders one level
/// down (where shared banks are unpacked), sorted by name.
pub fn banks_in(folder: &Path) -> Vec<PathBuf> {
    let is_bank = |p: &Path| {
        p.is_file()
            && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron") || e == share::EXTENSION)
            && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
    };
    let entries = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    for path in entries(folder) {
        if path.is_dir() {
            found.extend(entries(&path).into_iter().filter(|p| is_bank(p)));
        } else if is_bank(&path) {
            found.push(path);
        }
    }
    found.sort_by_key(|p| (p.file_name().map(|n| n.to_string_lossy().to_lowercase()), p.clone()));
    found
}

/// How a picked file became the bank to play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// A bank file, opened where it is.
    AsIs,
    /// A shared bank, unpacked into this folder.
    Unpacked(PathBuf),
    /// Questions from another format, saved as a new bank; the summary says
    /// what was imported and what was left out.
    Imported { format: Format, summary: String },
}

/// A file opened as a bank: the `.ron` to play and edit from now on, and
/// what its checks say.
#[derive(Debug, Clone)]
pub struct Opened {
    pub bank: PathBuf,
    pub arrival: Arrival,
    pub checked: Checked,
}

impl Opened {
    /// One line for the teacher on what happened.
    pub fn message(&self) -> String {
        let name = file_name(&self.bank);
        let count = self.checked.bank.as_ref().map_or(0, |b| b.questions.len());
        match &self.arrival {
            Arrival::AsIs => format!("Opened {name}: {count} questions"),
            Arrival::Unpacked(folder) => {
                format!("Opened the shared bank: it is now {name}, in {}", folder.display())
            }
            Arrival::Imported { format, summary } => {
                format!("Opened {} and saved it as {name}: {summary}", format.name())
            }
        }
    }
}

/// Why a file could not be opened: one sentence a teacher can act on,
/// naming the file, line and column where there is one.
pub fn teacher_sentence(d: &Diagnostic) -> String {
    let file = file_name(Path::new(&d.file));
    let place = match d.position {
        Some(p) => format!("{file}, line {}, column {}", p.line, p.col),
        None => file,
    };
    let question = d.question.as_ref().map(|q| format!("question \"{q}\": ")).unwrap_or_default();
    let help = d.help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
    format!("{place}: {question}{}{help}", d.message)
}

/// A path as a teacher typed or pasted it: surrounding spaces and quotes
/// (as Windows' "Copy as path" adds) dropped, and `~` for the home folder.
pub fn typed_path(typed: &str) -> PathBuf {
    let trimmed = typed.trim().trim_matches(['"', '\'']).trim();
    if let Some(rest) = trimmed.strip_prefix("~/").or_else(|| trimmed.strip_prefix("~\\"))
        && let Some(user) = directories::UserDirs::new()
    {
        return user.home_dir().join(rest);
    }
    PathBuf::from(trimmed)
}

/// The file's name without its folders, as a teacher sees it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Opens `path` as a bank to play: see the module's comment. A file that
/// has no playable question is an error; the first problem names where.
pub fn open(path: &Path, banks_folder: &Path) -> Result<Opened, String> {
    let shown = path.display().to_string();
    if !path.exists() {
        return Err(format!("{shown}: there is no such file; check the name and the folder"));
    }
    if path.is_dir() {
        return Err(format!("{shown} is a folder: choose a bank file inside it"));
    }
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {shown}: {}", super::io_reason(&e)))?;
    // A workbook is a zip archive too: only its name tells it from a package.
    let workbook = matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods");
    let opened = if extension == share::EXTENSION || (!workbook && share::is_package(&bytes)) {
        let checked = share::check_package(&shown, &bytes);
        playable_or_error(&checked)?;
        let stem = path.file_stem().map_or("shared bank".into(), |s| s.to_string_lossy().into_owned());
        let folder = unused(&banks_folder.join(&stem), "");
        let bank = share::unpack(path, &folder)?;
        Opened { checked: check_file(&bank), bank, arrival: Arrival::Unpacked(folder) }
    } else if extension == "ron" {
        let checked = check_file(path);
        Opened { bank: path.to_path_buf(), arrival: Arrival::AsIs, checked }
    } else {
        let import = import_file(path).map_err(|d| teacher_sentence(&d))?;
        if import.imported.bank.questions.is_empty() {
            let first = import.imported.problems.iter().find(|d| d.is_error());
            return Err(match first {
                Some(d) => format!("no question could be imported. {}", teacher_sentence(d)),
                None => format!("{}: no question could be imported from it", file_name(path)),
            });
        }
        let stem = path.file_stem().map_or("imported".into(), |s| s.to_string_lossy().into_owned());
        let bank = unused(&banks_folder.join(&stem), ".ron");
        let ron = write::to_ron(&import.imported.bank, &Default::default());
        crate::atomic_file::write(&bank, ron.as_bytes()).map_err(|e| {
            format!("cannot save the imported bank as {}: {}", bank.display(), super::io_reason(&e))
        })?;
        let arrival = Arrival::Imported { format: import.format, summary: import.imported.summary() };
        Opened { checked: check_file(&bank), bank, arrival }
    };
    playable_or_error(&opened.checked)?;
    Ok(opened)
}

/// `Err` with the first error's sentence when no question can be played.
fn playable_or_error(checked: &Checked) -> Result<(), String> {
    if checked.playable().is_some_and(|b| !b.questions.is_empty()) {
        return Ok(());
    }
    Err(match checked.diagnostics.iter().find(|d| d.is_error()) {
        Some(d) => teacher_sentence(d),
        None => format!("{}: it has no question to play yet", file_name(Path::new(&checked.file))),
    })
}

/// `base` + `extension`, or `base-2` + `extension`, ...: the first name not
/// taken, so nothing already there is replaced.
fn unused(base: &Path, extension: &str) -> PathBuf {
    let with = |suffix: String| {
        let mut name = base.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        name.push(extension);
        base.with_file_name(name)
    };
    let mut path = with(String::new());
    let mut n = 2;
    while path.exists() {
        path = with(format!("-{n}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    fn shipped(dir: &Path) -> PathBuf {
        std::fs::write(dir.join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
        let bank = dir.join("civics.ron");
        std::fs::write(&bank, builtin::BANK_RON.replace(builtin::ARTICLE_PATH, "article.txt")).unwrap();
        bank
    }

    #[test]
    fn recent_banks_are_newest_first_without_repeats_and_capped() {
        let mut library = Library::default();
        for n in 0..12 {
            library.remember(Path::new(&format!("/b/{n}.ron")));
        }
        library.remember(Path::new("/b/5.ron"));
        assert_eq!(library.recent.len(), MAX_RECENT);
        assert_eq!(library.recent[0], Path::new("/b/5.ron"));
        assert_eq!(library.recent[1], Path::new("/b/11.ron"));
        assert_eq!(library.recent.iter().filter(|p| p.ends_with("5.ron")).count(), 1);
        assert_eq!(library.open.as_deref(), Some(Path::new("/b/5.ron")));
        // Gone from the disk: not offered, and not opened at start-up.
        assert!(library.recent_on_disk().is_empty());
        assert_eq!(library.open_on_disk(), None);
    }

    #[test]
    fn a_bank_opens_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let bank = shipped(dir.path());
        let opened = open(&bank, &dir.path().join("banks")).unwrap();
        assert_eq!((opened.bank.as_path(), &opened.arrival), (bank.as_path(), &Arrival::AsIs));
        assert!(!dir.path().join("banks").exists(), "nothing is copied");
    }

    #[test]
    fn a_shared_bank_is_unpacked_into_the_banks_folder_and_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("from-a-colleague.quorum");
        share::write_package(&shipped(dir.path()), &package).unwrap();
        let banks = dir.path().join("banks");
        let first = open(&package, &banks).unwrap();
        assert_eq!(first.bank, banks.join("from-a-colleague/civics.ron"));
        assert_eq!(first.checked.errors(), 0, "{}", first.checked.report());
        let second = open(&package, &banks).unwrap();
        assert_eq!(second.bank, banks.join("from-a-colleague-2/civics.ron"));
        assert_eq!(banks_in(&banks), [first.bank, second.bank]);
    }

    #[test]
    fn a_spreadsheet_is_imported_and_saved_as_a_bank() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("branches.csv");
        std::fs::write(
            &csv,
            "id,kind,topic,prompt,choice 1,choice 2,choice 3,answer,explanation\n\
             who-passes-laws,MultipleChoice,Branches,Who passes laws?,Parliament,Judges,Police,Parliament,\
             Parliament makes the law.\n",
        )
        .unwrap();
        let banks = dir.path().join("banks");
        let opened = open(&csv, &banks).unwrap();
        assert_eq!(opened.bank, banks.join("branches.ron"));
        assert!(matches!(opened.arrival, Arrival::Imported { format: Format::QuorumSheet, .. }));
        let bank = opened.checked.playable().unwrap();
        assert_eq!(bank.questions.len(), 1);
        assert!(opened.message().contains("saved it as branches.ron"), "{}", opened.message());
        // A second import of the same file never replaces the first bank.
        assert_eq!(open(&csv, &banks).unwrap().bank, banks.join("branches-2.ron"));
    }

    #[test]
    fn a_kahoot_workbook_is_imported_and_saved_as_a_bank() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Year 10 quiz.xlsx");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let headings = [
            "Question - max 120 characters",
            "Answer 1 - max 75 characters",
            "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters",
            "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
            "Correct answer(s) - choose at least one",
        ];
        for (c, h) in headings.iter().enumerate() {
            sheet.write_string(7, c as u16 + 1, *h).unwrap();
        }
        sheet.write_number(8, 0, 1.0).unwrap();
        for (c, t) in ["Who applies the laws?", "Ministers", "Judges", "Police", "Voters"].iter().enumerate()
        {
            sheet.write_string(8, c as u16 + 1, *t).unwrap();
        }
        sheet.write_number(8, 6, 20.0).unwrap();
        sheet.write_number(8, 7, 2.0).unwrap();
        workbook.save(&path).unwrap();
        let banks = dir.path().join("banks");
        let opened = open(&path, &banks).unwrap();
        assert_eq!(opened.bank, banks.join("Year 10 quiz.ron"));
        assert!(matches!(opened.arrival, Arrival::Imported { format: Format::Kahoot, .. }));
        let bank = opened.checked.playable().unwrap();
        assert_eq!(bank.questions.len(), 1);
        assert_eq!(bank.questions[0].answer_text(), "Judges");
        assert!(opened.message().starts_with("Opened a Kahoot quiz spreadsheet"), "{}", opened.message());
    }

    #[test]
    fn a_broken_bank_names_its_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let bank = dir.path().join("broken.ron");
        std::fs::write(&bank, "Bank(\n  title: \"T\",\n  questions: [\n    Choice(,\n  ],\n)\n").unwrap();
        let e = open(&bank, dir.path()).unwrap_err();
        assert!(e.starts_with("broken.ron, line 4, column "), "{e}");
        let missing = open(&dir.path().join("nope.ron"), dir.path()).unwrap_err();
        assert!(missing.contains("no such file"), "{missing}");
        let folder = open(dir.path(), dir.path()).unwrap_err();
        assert!(folder.contains("is a folder"), "{folder}");
    }

    #[test]
    fn only_files_a_bank_can_come_from_are_offered() {
        assert!(can_open(Path::new("a/Quiz.XLSX")));
        assert!(can_open(Path::new("b.quorum")));
        assert!(!can_open(Path::new("photo.png")));
        assert!(!can_open(Path::new("notes.txt")), "a GIFT file saved as .txt opens by its path");
        assert!(!can_open(Path::new(".hidden.ron")));
    }

    #[test]
    fn a_pasted_path_loses_its_quotes_and_spaces() {
        assert_eq!(typed_path("  \"/a b/quiz.xlsx\" "), Path::new("/a b/quiz.xlsx"));
        assert_eq!(typed_path("'/x.ron'"), Path::new("/x.ron"));
    }

    #[test]
    fn the_documents_folder_is_never_empty() {
        let data = Path::new("/data");
        assert!(!documents_dir(data).as_os_str().is_empty());
    }
}
