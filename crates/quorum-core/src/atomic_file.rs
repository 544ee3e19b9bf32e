//! Files written whole or not at all: write a temporary file beside the
//! target, flush it to disk, then rename it over the target. A crash or a full
//! disk leaves the old file untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A file's new contents, written and synced beside it, not yet in place.
/// Dropping it without `commit` removes the temporary file and leaves the
/// target as it was.
#[derive(Debug)]
pub struct Prepared {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Prepared {
    /// Puts the new contents in place with one rename.
    pub fn commit(self) -> std::io::Result<()> {
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Writes `bytes` to a synced temporary file beside `path` (creating the
/// folder if needed), ready to `commit`.
pub fn prepare(path: &Path, bytes: &[u8]) -> std::io::Result<Prepared> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new().prefix(".quorum-").suffix(".tmp").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(Prepared { temp, target: path.to_path_buf() })
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    prepare(path, bytes)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.txt");
        write(&path, b"first version, longer").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bank.ron");
        write(&path, b"the teacher's work").unwrap();
        let prepared = prepare(&path, b"half a new version").unwrap();
        drop(prepared); // the program stops before the rename
        assert_eq!(std::fs::read(&path).unwrap(), b"the teacher's work");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");
    }
}
