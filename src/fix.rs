//! Applying fixes: edits to text, repeated until nothing more applies, and atomic rewrites of files.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Edit};

/// Applies non-overlapping edits (the first of two overlapping ones wins); returns the text and how many applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut edits: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.start <= e.end && e.end <= text.len())
        .collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for edit in edits {
        if edit.start < cursor || !text.is_char_boundary(edit.start) || !text.is_char_boundary(edit.end) {
            continue;
        }
        out.push_str(&text[cursor..edit.start]);
        out.push_str(&edit.replacement);
        cursor = edit.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

pub fn allowed(applicability: Applicability, unsafe_fixes: bool) -> bool {
    applicability == Applicability::Safe || unsafe_fixes
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file is read-only for its owner: tact does not override that.
    ReadOnly,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ReadOnly => write!(f, "the file is read-only; not fixed"),
            WriteError::Io(err) => write!(f, "cannot write the fixed file: {err}"),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(err: std::io::Error) -> WriteError {
        WriteError::Io(err)
    }
}

/// Writes a fixed file so that it stays what it was: through a symbolic link to its target, in place when it has
/// other hard links or belongs to someone tact cannot give it back to, otherwise atomically (a temporary file in
/// the same folder with the original's mode and owner, renamed over it). A read-only file is refused.
pub fn write_fixed(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    if must_write_in_place(&metadata) {
        return Ok(write_in_place(&target, contents)?);
    }
    Ok(write_atomically(&target, contents)?)
}

#[cfg(unix)]
fn must_write_in_place(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let euid = unsafe { libc::geteuid() };
    metadata.nlink() > 1 || (metadata.uid() != euid && euid != 0)
}

#[cfg(not(unix))]
fn must_write_in_place(_: &std::fs::Metadata) -> bool {
    false
}

/// Rewrites the file's own inode: its links, owner and mode stay; not atomic, so only where renaming would change
/// what the file is.
fn write_in_place(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(contents)?;
    file.set_len(contents.len() as u64)?;
    file.sync_all()
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, fsync, the original's
/// permissions and owner, then a rename over the original. The temporary file is removed if tact is interrupted.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err),
    };
    let temp = tempfile::Builder::new().prefix(".tact-fix-").tempfile_in(dir)?;
    let guard = interrupt::Pending::register(temp.path());
    let mut temp = temp;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    match &metadata {
        Some(metadata) => {
            temp.as_file().set_permissions(metadata.permissions())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                // Only root may give a file away; for anyone else the owner is already right (see
                // `must_write_in_place`).
                if let Err(err) = std::os::unix::fs::fchown(temp.as_file(), Some(metadata.uid()), Some(metadata.gid()))
                {
                    if err.kind() != std::io::ErrorKind::PermissionDenied {
                        return Err(err);
                    }
                }
            }
        }
        // A temporary file is private (0600); a new file gets the usual permissions of a file in a repository.
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        None => {}
    }
    temp.persist(path).map_err(|e| e.error)?;
    drop(guard);
    Ok(())
}

/// Temporary files of fixes under way, removed when SIGINT, SIGTERM or SIGHUP ends the process: they would
/// otherwise be left beside the user's files.
mod interrupt {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, Once};

    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static HANDLER: Once = Once::new();

    /// A temporary file that is removed if the process is interrupted before this guard drops.
    pub struct Pending(PathBuf);

    impl Pending {
        pub fn register(path: &Path) -> Pending {
            HANDLER.call_once(|| {
                // The handler runs on a thread of its own, so it may take the lock and remove files.
                let _ = ctrlc::set_handler(|| {
                    if let Ok(pending) = PENDING.lock() {
                        for path in pending.iter() {
                            let _ = std::fs::remove_file(path);
                        }
                    }
                    std::process::exit(130);
                });
            });
            if let Ok(mut pending) = PENDING.lock() {
                pending.push(path.to_path_buf());
            }
            Pending(path.to_path_buf())
        }
    }

    impl Drop for Pending {
        fn drop(&mut self) {
            if let Ok(mut pending) = PENDING.lock() {
                pending.retain(|p| *p != self.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            start,
            end,
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_overlaps_are_skipped() {
        let (out, applied) = apply_edits("the the cat", &[edit(3, 7, ""), edit(0, 1, "T"), edit(4, 6, "x")]);
        assert_eq!((out.as_str(), applied), ("The cat", 2));
    }

    #[test]
    fn atomic_write_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
