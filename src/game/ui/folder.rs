//! Opening a folder in the system's file manager (results, shared banks), or
//! a page in the web browser (the fact-check sheet): `xdg-open` on Linux,
//! `open` on macOS, `explorer` on Windows. A failure is a message on screen
//! with the place, never a panic.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::game::ui::banner::Banner;

/// Whether folders are really opened (off in headless tests, which only
/// record what would have been opened).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct FileManager {
    pub pretend: bool,
    /// Every folder (or page) asked for, in order.
    pub opened: Vec<PathBuf>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FileManager>();
}

/// Opens `folder` (made first if needed) in the file manager; says on the
/// banner where it is when that fails.
pub fn open_folder(world: &mut World, folder: &Path) {
    let pretend = {
        let mut manager = world.resource_mut::<FileManager>();
        manager.opened.push(folder.to_path_buf());
        manager.pretend
    };
    let result = std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot make the folder: {}", quorum_core::bank::io_reason(&e)))
        .and_then(|()| if pretend { Ok(()) } else { launch(folder) });
    if let Err(reason) = result {
        world
            .resource_mut::<Banner>()
            .error(format!("Could not open the folder ({reason}). It is {}", folder.display()));
    }
}

/// Opens `page` (a file already written) with the system's program for it:
/// the web browser for an HTML page. Says where the page is when that fails.
pub fn open_page(world: &mut World, page: &Path) {
    let pretend = {
        let mut manager = world.resource_mut::<FileManager>();
        manager.opened.push(page.to_path_buf());
        manager.pretend
    };
    if let Err(reason) = if pretend { Ok(()) } else { launch(page) } {
        world
            .resource_mut::<Banner>()
            .error(format!("Could not open the page ({reason}). It is {}", page.display()));
    }
}

fn launch(folder: &Path) -> Result<(), String> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(program)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{program} could not be started: {e}"))?;
    // Reaped on its own thread: the file manager may take a while, and the
    // game must not wait for it.
    std::thread::spawn(move || match child.wait() {
        Ok(status) if !status.success() && !cfg!(target_os = "windows") => {
            warn!("{program} ended with {status}");
        }
        Err(e) => warn!("{program}: {e}"),
        _ => {}
    });
    Ok(())
}
