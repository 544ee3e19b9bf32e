//! Files Quorum keeps between runs (personal bests, the last setup, session
//! results), in the user's data directory.
//!
//! A save file that cannot be read is never fatal: it is moved aside with a
//! warning and the program starts afresh. Writes are atomic.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Overrides the data directory (for tests, CI and portable installs).
pub const DATA_DIR_ENV: &str = "QUORUM_DATA_DIR";

/// Where Quorum keeps its files: `$QUORUM_DATA_DIR`, else the platform's
/// data directory (`~/.local/share/quorum` on Linux).
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "quorum")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".quorum"))
}

/// What reading a save file gave: the value (or the default), and a warning
/// for the player when the file had to be set aside.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub warning: Option<String>,
}

/// Reads a RON save file. A missing file gives the default; a corrupt or
/// unreadable one is renamed to `NAME.corrupt-TIMESTAMP` and gives the
/// default with a warning.
pub fn load<T: DeserializeOwned + Default>(path: &Path) -> Loaded<T> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded { value: T::default(), warning: None };
        }
        Err(e) => {
            return Loaded {
                value: T::default(),
                warning: Some(format!("could not read {}: {}; starting afresh", path.display(), e)),
            };
        }
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| ron::from_str::<T>(text).map_err(|e| e.to_string()));
    match parsed {
        Ok(value) => Loaded { value, warning: None },
        Err(reason) => {
            let aside = set_aside(path);
            let kept = match &aside {
                Ok(p) => format!("it was kept as {}", p.display()),
                Err(e) => format!("it could not be moved aside ({e})"),
            };
            Loaded {
                value: T::default(),
                warning: Some(format!(
                    "{} was damaged ({reason}); {kept}, and a fresh one was started",
                    path.display()
                )),
            }
        }
    }
}

fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = jiff::Timestamp::now().as_second();
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".corrupt-{stamp}"));
    let aside = path.with_file_name(name);
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

/// Writes a value as pretty RON, atomically.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    crate::atomic_file::write(path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Data {
        n: u32,
    }

    #[test]
    fn missing_gives_the_default_and_saved_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let l: Loaded<Data> = load(&path);
        assert_eq!((l.value, l.warning), (Data::default(), None));
        save(&path, &Data { n: 3 }).unwrap();
        assert_eq!(load::<Data>(&path).value, Data { n: 3 });
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, b"(n: \xFF garbage").unwrap();
        let l: Loaded<Data> = load(&path);
        assert_eq!(l.value, Data::default());
        assert!(l.warning.unwrap().contains("damaged"));
        assert!(!path.exists());
        let kept: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(kept.len(), 1);
        assert!(kept[0].to_string_lossy().starts_with("d.ron.corrupt-"));
    }
}
