//! The teacher's banks in the game: opening any file as the bank in play
//! (through the core's `bank::library`), remembering it and the recent ones
//! for next time, following its saves, sharing the open bank as one
//! `.quorum` file, and where the teacher's documents go. The choice of what a file is, and every check,
//! is the core's; this file only swaps the resources over.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::bank::{ActiveBank, BankChoice, stop_watching};
use crate::game::ui::banner::Banner;
use crate::game::{DataDir, GameSet};
use quorum_core::bank::library::{self, Library};
use quorum_core::bank::{builtin, share};
use quorum_core::quiz::save_file;

/// Where results and shared banks go, for the teacher to find:
/// `Documents/Quorum` (see `library::documents_dir`).
#[derive(Resource, Debug, Clone)]
pub struct DocumentsDir(pub PathBuf);

impl DocumentsDir {
    /// Where results are saved.
    pub fn results(&self) -> PathBuf {
        quorum_core::quiz::results_folder::folder(&self.0)
    }
}

/// The open bank and the recent ones, as remembered in `library.ron`.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Banks(pub Library);

/// The last bank shared, or why it could not be, for the title screen.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct LastShare(pub Option<Result<PathBuf, String>>);

/// A bank opened from the game is followed by its file's modified time (the
/// bank named at start-up has the asset watcher instead): a save is played,
/// and a broken one keeps the last good bank, as at start-up.
#[derive(Resource, Debug)]
struct FollowedFile {
    path: PathBuf,
    modified: Option<std::time::SystemTime>,
    every: Timer,
}

impl FollowedFile {
    fn new(path: &Path) -> FollowedFile {
        FollowedFile {
            path: path.to_path_buf(),
            modified: modified(path),
            every: Timer::from_seconds(1.0, TimerMode::Repeating),
        }
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LastShare>().add_systems(PreStartup, load_library).add_systems(
        Update,
        follow_saves.in_set(GameSet::RecordInput).run_if(resource_exists::<FollowedFile>),
    );
}

fn follow_saves(world: &mut World) {
    let delta = world.resource::<Time>().delta();
    let changed = {
        let mut followed = world.resource_mut::<FollowedFile>();
        if !followed.every.tick(delta).just_finished() {
            return;
        }
        let now = modified(&followed.path);
        (now != followed.modified).then(|| {
            followed.modified = now;
            followed.path.clone()
        })
    };
    let Some(path) = changed else { return };
    let checked = quorum_core::bank::check_file(&path);
    match ActiveBank::from_checked(&checked) {
        Some(active) => {
            let line =
                format!("Reloaded {}: {} questions", library::file_name(&path), active.bank.questions.len());
            let mut banner = world.resource_mut::<Banner>();
            banner.info(line);
            if let Some(summary) = active.left_out_summary() {
                banner.warn(summary);
            }
            world.insert_resource(active);
        }
        None => {
            let first = checked.diagnostics.iter().find(|d| d.is_error());
            let message =
                first.map_or_else(|| format!("{}: no playable questions", checked.file), |d| d.headline());
            world.resource_mut::<Banner>().error(format!("{message} (still playing the last good version)"));
        }
    }
}

/// The folder imported, unpacked and copied banks are saved in.
pub fn banks_folder(dir: &DataDir) -> PathBuf {
    dir.0.join(library::BANKS_FOLDER)
}

/// The bank remembered from the last run, if it is still there (read before
/// the window opens, so its folder can be watched for saves).
pub fn remembered_bank(dir: &DataDir) -> Option<PathBuf> {
    let loaded = save_file::load::<Library>(&dir.0.join(library::FILE));
    loaded.value.open_on_disk().map(Path::to_path_buf)
}

fn load_library(world: &mut World) {
    let dir = world.get_resource::<DataDir>().cloned().unwrap_or_default();
    if !world.contains_resource::<DocumentsDir>() {
        world.insert_resource(DocumentsDir(library::documents_dir(&dir.0)));
    }
    let loaded = save_file::load::<Library>(&dir.0.join(library::FILE));
    if let Some(warning) = loaded.warning {
        world.resource_mut::<Banner>().warn(warning);
    }
    world.insert_resource(Banks(loaded.value));
}

/// Remembers `bank` as the open bank (`None`: the built-in one), for next
/// time. A failure to save is only a warning: play goes on.
pub fn remember(world: &mut World, bank: Option<&Path>) {
    let dir = world.resource::<DataDir>().clone();
    let mut banks = world.get_resource::<Banks>().cloned().unwrap_or_default();
    match bank {
        Some(path) => banks.0.remember(path),
        None => banks.0.open = None,
    }
    if let Err(e) = save_file::save(&dir.0.join(library::FILE), &banks.0) {
        world.resource_mut::<Banner>().warn(format!("The open bank will not be remembered: {e}"));
    }
    world.insert_resource(banks);
}

/// Opens `path` as the bank in play: a bank where it is, a shared bank
/// unpacked, or a spreadsheet imported (see `library::open`). `Ok` is a
/// line for the teacher; `Err` says what is wrong and where, and leaves the
/// bank in play as it was.
pub fn open_bank(world: &mut World, path: &Path) -> Result<String, String> {
    let folder = banks_folder(world.resource::<DataDir>());
    let opened = library::open(path, &folder)?;
    let active = ActiveBank::from_checked(&opened.checked)
        .ok_or_else(|| format!("{}: it has no question to play", library::file_name(path)))?;
    let mut message = opened.message();
    if let Some(left_out) = active.left_out_summary() {
        message.push_str(&format!(". {left_out}"));
    }
    stop_watching(world);
    world.insert_resource(active);
    world.insert_resource(BankChoice::File(opened.bank.clone()));
    world.insert_resource(FollowedFile::new(&opened.bank));
    // "Shared as ..." was about the bank before.
    world.insert_resource(LastShare::default());
    remember(world, Some(&opened.bank));
    Ok(message)
}

/// Follows `bank`'s saves from now on (a bank that became the open bank in
/// the game, such as the editor's copy of the built-in bank).
pub fn follow(world: &mut World, bank: &Path) {
    world.insert_resource(FollowedFile::new(bank));
}

/// Goes back to the built-in bank.
pub fn open_builtin(world: &mut World) {
    if let Some(active) = ActiveBank::from_checked(&builtin::check()) {
        stop_watching(world);
        world.insert_resource(active);
        world.insert_resource(BankChoice::BuiltIn);
        world.remove_resource::<FollowedFile>();
        world.insert_resource(LastShare::default());
        remember(world, None);
    }
}

/// Writes the open bank as one `.quorum` file in the documents folder,
/// under a name not yet taken, and returns its path.
pub fn share_open_bank(world: &mut World) -> Result<PathBuf, String> {
    let documents = world.resource::<DocumentsDir>().0.clone();
    let choice = world.get_resource::<BankChoice>().cloned().unwrap_or(BankChoice::BuiltIn);
    let shared = match choice {
        BankChoice::File(path) => {
            let stem = path.file_stem().map_or("bank".into(), |s| s.to_string_lossy().into_owned());
            share::write_package(&path, &free_name(&documents, &stem))?
        }
        BankChoice::BuiltIn => {
            // The built-in bank is inside the program: package a fresh copy
            // of it, never a copy the teacher may have edited.
            let scratch = tempfile::tempdir().map_err(|e| format!("cannot share the built-in bank: {e}"))?;
            let copy = builtin::copy_to(scratch.path())?;
            let stem = Path::new(builtin::COPY_NAME).file_stem().unwrap_or_default().to_string_lossy();
            share::write_package(copy.path(), &free_name(&documents, &stem))?
        }
    };
    Ok(shared.path)
}

/// Writes the open bank's fact-check sheet (the page `quorum review` writes:
/// every question, its answer, the article's sentences it rests on, the
/// background and its source, a box to tick) into the documents folder, as
/// `NAME fact-check.html`, replacing an older sheet of the same bank: a sheet
/// is made from the bank, so the newest is the one to read.
pub fn write_fact_check_sheet(world: &mut World) -> Result<PathBuf, String> {
    let documents = world.resource::<DocumentsDir>().0.clone();
    let choice = world.get_resource::<BankChoice>().cloned().unwrap_or(BankChoice::BuiltIn);
    let (checked, stem) = match &choice {
        BankChoice::File(path) => (
            quorum_core::bank::check_file(path),
            path.file_stem().map_or("bank".into(), |s| s.to_string_lossy().into_owned()),
        ),
        BankChoice::BuiltIn => (builtin::check(), "built-in bank".to_string()),
    };
    let bank =
        checked.bank.as_ref().ok_or_else(|| format!("the bank can't be read: {}", checked.report()))?;
    let html =
        quorum_core::bank::review::sheet(bank, checked.article.as_ref(), &checked.diagnostics, &checked.file);
    std::fs::create_dir_all(&documents)
        .map_err(|e| format!("cannot make {}: {}", documents.display(), quorum_core::bank::io_reason(&e)))?;
    let path = documents.join(format!("{stem} fact-check.html"));
    quorum_core::atomic_file::write(&path, html.as_bytes())
        .map_err(|e| format!("cannot write {}: {}", path.display(), quorum_core::bank::io_reason(&e)))?;
    Ok(path)
}

/// `folder/stem.quorum`, or `stem-2.quorum`, ...: nothing is replaced.
fn free_name(folder: &Path, stem: &str) -> PathBuf {
    let mut path = folder.join(format!("{stem}.{}", share::EXTENSION));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stem}-{n}.{}", share::EXTENSION));
        n += 1;
    }
    path
}

/// A button's observer: opens the teacher's results folder (Documents/Quorum/results)
/// in the file manager. The title and every results screen offer it.
pub fn open_results_folder(_: On<crate::game::ui::menu::Activate>, mut commands: Commands) {
    commands.queue(|world: &mut World| {
        let folder = world.resource::<DocumentsDir>().results();
        crate::game::ui::folder::open_folder(world, &folder);
    });
}
