//! Where the game's bank comes from: the built-in one, or a teacher's file
//! loaded as a Bevy asset and hot-reloaded when it is saved.
//!
//! The same `bank::check_bytes` as `quorum check` decides what is playable.
//! A broken edit never replaces a working bank: it shows its error in a
//! banner and the last good bank stays in play. An article inside the bank's
//! folder is a dependency of the bank, so saving it re-checks the bank too.

use std::path::{Component, Path, PathBuf};

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext};
use bevy::prelude::*;

use crate::game::ui::banner::Banner;
use crate::game::{GameSet, Screen};
use quorum_core::bank::{self, Bank, Checked, Diagnostic, builtin};

/// Which bank to play.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub enum BankChoice {
    BuiltIn,
    /// A bank file, as the teacher named it.
    File(PathBuf),
}

/// A bank file after loading and checking.
#[derive(Asset, TypePath, Debug)]
pub struct BankFile {
    pub checked: Checked,
}

/// Loads bank files from the bank's folder (the asset root), reading the
/// article relative to the bank.
#[derive(TypePath)]
pub struct BankFileLoader {
    folder: PathBuf,
}

impl AssetLoader for BankFileLoader {
    type Asset = BankFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<BankFile, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let path = self.folder.join(load_context.path().path());
        let shown = path.display().to_string();
        // The article is read before the check (which wants it synchronously),
        // so the bank is parsed once here just for the article's name.
        let article = match article_named_in(&shown, &bytes) {
            Some(named) => {
                let text = read_article(load_context, &path, &named).await;
                Some((named, text))
            }
            None => None,
        };
        let checked = bank::check_bytes(&shown, &bytes, |named| match article {
            Some((read, text)) if read == named => text,
            _ => bank::read_text(&bank::article_path(&path, named)),
        });
        Ok(BankFile { checked })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The article's path as the bank names it, when the bank can be read.
fn article_named_in(file: &str, bytes: &[u8]) -> Option<String> {
    let text = bank::load::decode(file, bytes).ok()?;
    bank::load::parse(file, &text).ok().and_then(|b| b.article.map(|a| a.path))
}

/// The article's asset path when it is inside the asset root (the bank's
/// folder or below); `None` when it lies outside, where assets can't reach.
pub fn article_asset_path(bank_asset: &Path, named: &str) -> Option<PathBuf> {
    let mut inside = PathBuf::new();
    for part in bank_asset.parent().unwrap_or(Path::new("")).join(named).components() {
        match part {
            Component::Normal(name) => inside.push(name),
            Component::CurDir => {}
            Component::ParentDir if inside.pop() => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(inside)
}

/// Reads the article as `quorum check` does. Inside the bank's folder it is
/// read through the asset server, which makes it a dependency of the bank:
/// saving the article alone reloads and re-checks the bank. Outside the
/// folder it is read from disk, and re-read when the bank is next saved.
async fn read_article(
    load_context: &mut LoadContext<'_>,
    bank: &Path,
    named: &str,
) -> Result<String, String> {
    use bevy::asset::ReadAssetBytesError;
    use bevy::asset::io::AssetReaderError;
    let on_disk = bank::article_path(bank, named);
    let Some(asset) = article_asset_path(load_context.path().path(), named) else {
        return bank::read_text(&on_disk);
    };
    match load_context.read_asset_bytes(asset).await {
        Ok(bytes) => bank::load::decode(&on_disk.display().to_string(), &bytes).map_err(|d| d.message),
        Err(ReadAssetBytesError::AssetReaderError(AssetReaderError::NotFound(_))) => {
            Err(format!("no such file ({})", on_disk.display()))
        }
        Err(e) => Err(format!("{e} ({})", on_disk.display())),
    }
}

/// The bank in play: only its playable questions.
#[derive(Resource, Debug, Clone)]
pub struct ActiveBank {
    pub bank: Bank,
    /// The file as the teacher named it (or the built-in bank's path).
    pub file: String,
    /// How many questions the file holds, playable or not.
    pub total: usize,
    /// The errors of questions left out of play.
    pub left_out: Vec<Diagnostic>,
}

impl ActiveBank {
    pub fn from_checked(checked: &Checked) -> Option<ActiveBank> {
        let bank = checked.playable().filter(|b| !b.questions.is_empty())?;
        let left_out = checked.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        Some(ActiveBank {
            total: checked.bank.as_ref().map_or(0, |b| b.questions.len()),
            file: checked.file.clone(),
            left_out,
            bank,
        })
    }

    /// How many questions are left out, and a line on why.
    pub fn left_out_summary(&self) -> Option<String> {
        let n = self.total - self.bank.questions.len();
        (n > 0).then(|| {
            let first = self.left_out.first().map(|d| d.headline()).unwrap_or_default();
            format!("{n} question{} left out of play: {first}", if n == 1 { "" } else { "s" })
        })
    }
}

/// Why no bank could be played at start-up, for the error screen.
#[derive(Resource, Debug, Clone, Default)]
pub struct BankProblem {
    /// The path tried.
    pub path: String,
    /// Every error, as `quorum check` prints them.
    pub report: String,
}

#[derive(Resource)]
struct BankHandle(Handle<BankFile>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<BankProblem>();
    if app.world().contains_resource::<AssetServer>() {
        let folder = match app.world().get_resource::<BankChoice>() {
            Some(BankChoice::File(path)) => bank_folder(path),
            _ => PathBuf::from("."),
        };
        app.init_asset::<BankFile>()
            .register_asset_loader(BankFileLoader { folder })
            // Before the screens update, so a screen showing the bank redraws
            // in the same frame as the reload (an idle window may not draw again).
            .add_systems(Update, (apply_loaded_bank, report_failed_load).in_set(GameSet::RecordInput));
    }
    app.add_systems(Startup, choose_bank);
}

/// Stops following the file loaded at start-up: another bank was opened,
/// and a later save of the old file must not replace it.
pub fn stop_watching(world: &mut World) {
    world.remove_resource::<BankHandle>();
}

/// The folder holding a bank file, absolute, which becomes the asset root so
/// the file watcher sees the teacher's saves.
pub fn bank_folder(path: &Path) -> PathBuf {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf())
}

fn choose_bank(
    choice: Option<Res<BankChoice>>,
    asset_server: Option<Res<AssetServer>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut problem: ResMut<BankProblem>,
) {
    match choice.as_deref().cloned().unwrap_or(BankChoice::BuiltIn) {
        BankChoice::BuiltIn => {
            let checked = builtin::check();
            match ActiveBank::from_checked(&checked) {
                Some(active) => {
                    commands.insert_resource(active);
                    next.set(Screen::Title);
                }
                None => {
                    *problem = BankProblem { path: checked.file.clone(), report: checked.report() };
                    next.set(Screen::BankError);
                }
            }
        }
        BankChoice::File(path) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let is_ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            match asset_server {
                Some(server) if is_ron && !name.is_empty() => {
                    commands.insert_resource(BankHandle(server.load(name)));
                }
                _ => {
                    *problem = BankProblem {
                        path: path.display().to_string(),
                        report: "a bank is a .ron file (see docs/bank-format.md)".to_string(),
                    };
                    next.set(Screen::BankError);
                }
            }
        }
    }
}

/// A bank file loaded or saved: play it if it is playable, else keep the
/// last good bank and say what is wrong.
fn apply_loaded_bank(
    mut events: MessageReader<AssetEvent<BankFile>>,
    handle: Option<Res<BankHandle>>,
    files: Res<Assets<BankFile>>,
    active: Option<Res<ActiveBank>>,
    screen: Res<State<Screen>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut problem: ResMut<BankProblem>,
    mut banner: ResMut<Banner>,
) {
    let Some(handle) = handle else { return };
    let changed = events.read().any(|e| match e {
        AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id } => *id == handle.0.id(),
        _ => false,
    });
    let Some(file) = changed.then(|| files.get(&handle.0)).flatten() else { return };
    let checked = &file.checked;
    match ActiveBank::from_checked(checked) {
        Some(new) => {
            let reloaded = active.is_some();
            let summary = new.left_out_summary();
            if reloaded {
                banner.info(format!("Reloaded {}: {} questions", new.file, new.bank.questions.len()));
            }
            if let Some(summary) = summary {
                banner.warn(summary);
            }
            commands.insert_resource(new);
            if matches!(screen.get(), Screen::Loading | Screen::BankError) {
                next.set(Screen::Title);
            }
        }
        None => {
            let first = checked.diagnostics.iter().find(|d| d.is_error());
            let message = first
                .map(|d| d.headline())
                .unwrap_or_else(|| format!("{}: no playable questions", checked.file));
            if active.is_some() {
                banner.error(format!("{message} (still playing the last good version)"));
            } else if matches!(screen.get(), Screen::Loading | Screen::BankError) {
                let report = checked.report();
                *problem = BankProblem {
                    path: checked.file.clone(),
                    report: if report.is_empty() { message } else { report },
                };
                next.set(Screen::BankError);
            }
        }
    }
}

fn report_failed_load(
    mut failures: MessageReader<AssetLoadFailedEvent<BankFile>>,
    choice: Option<Res<BankChoice>>,
    active: Option<Res<ActiveBank>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut problem: ResMut<BankProblem>,
    mut banner: ResMut<Banner>,
) {
    for failure in failures.read() {
        let path = match choice.as_deref() {
            Some(BankChoice::File(p)) => p.display().to_string(),
            _ => failure.path.to_string(),
        };
        let reason = load_error_reason(&failure.error);
        if active.is_some() {
            banner.error(format!("{path}: {reason} (still playing the last good version)"));
        } else if matches!(screen.get(), Screen::Loading | Screen::BankError) {
            *problem = BankProblem {
                path: path.clone(),
                report: format!("{path}: error: cannot read the bank: {reason}"),
            };
            next.set(Screen::BankError);
        }
    }
}

/// A teacher-readable reason for an asset load failure.
fn load_error_reason(error: &bevy::asset::AssetLoadError) -> String {
    use bevy::asset::AssetLoadError as E;
    use bevy::asset::io::AssetReaderError;
    match error {
        E::AssetReaderError(AssetReaderError::NotFound(_)) => "no such file".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_is_an_asset_only_inside_the_banks_folder() {
        let at = |named: &str| article_asset_path(Path::new("bank.ron"), named);
        assert_eq!(at("article.txt"), Some(PathBuf::from("article.txt")));
        assert_eq!(at("articles/a.txt"), Some(PathBuf::from("articles/a.txt")));
        assert_eq!(at("./x/../a.txt"), Some(PathBuf::from("a.txt")));
        assert_eq!(at("../articles/a.txt"), None);
        assert_eq!(at("x/../../a.txt"), None);
        assert_eq!(at("/home/t/a.txt"), None);
        assert_eq!(article_asset_path(Path::new("sub/bank.ron"), "../a.txt"), Some(PathBuf::from("a.txt")));
    }
}
