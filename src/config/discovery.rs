//! Finding `tact.toml` / `.tact.toml` by walking up from a file, once per directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const CONFIG_NAMES: &[&str] = &["tact.toml", ".tact.toml"];

/// The closest configuration file at or above `dir`.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(dir) = current {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        current = dir.parent();
    }
    None
}

/// Memoises [`find_config`] per directory, shared across threads.
#[derive(Default)]
pub struct ConfigCache {
    found: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl ConfigCache {
    pub fn lookup(&self, dir: &Path) -> Option<PathBuf> {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Ok(found) = self.found.lock() {
            if let Some(hit) = found.get(&dir) {
                return hit.clone();
            }
        }
        let result = find_config(&dir);
        if let Ok(mut found) = self.found.lock() {
            found.insert(dir, result.clone());
        }
        result
    }
}
