//! What the editor asks for (`initializationOptions`, `workspace/didChangeConfiguration`) on top of the `tact.toml`
//! that `tact check` would find for each document, and the resolved settings cached until a configuration or words
//! file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::config::{find_config, find_word_files, resolve, CliOverrides, LangChoice, Options, Resolved};
use crate::model::{Author, FailOn, Role};

/// The client's settings: the command line's options, as an editor writes them (camelCase). Every field optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientSettings {
    pub lang: Option<LangChoice>,
    pub role: Option<Role>,
    pub author: Option<Author>,
    pub channel: Option<String>,
    pub select: Option<Vec<String>>,
    pub extend_select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub fail_on: Option<FailOn>,
    pub min_score: Option<u8>,
    /// A configuration file to use instead of discovering one (relative to the workspace root).
    pub config: Option<PathBuf>,
    pub no_config: Option<bool>,
    /// How long to wait after the last keystroke before checking [default: 50 ms].
    pub debounce_ms: Option<u64>,
}

impl ClientSettings {
    /// Reads settings given bare or under a `tact` key (how most clients send a section); `null` is no settings.
    pub fn from_value(value: Option<&serde_json::Value>) -> Result<ClientSettings, String> {
        let value = match value {
            None | Some(serde_json::Value::Null) => return Ok(ClientSettings::default()),
            Some(value) => value.get("tact").unwrap_or(value),
        };
        ClientSettings::deserialize(value).map_err(|e| format!("invalid tact settings: {e}"))
    }

    fn overrides(&self) -> CliOverrides {
        CliOverrides {
            lang: self.lang,
            role: self.role,
            author: self.author,
            channel: self.channel.clone(),
            fail_on: self.fail_on,
            min_score: self.min_score,
            select: self.select.clone(),
            extend_select: self.extend_select.clone().unwrap_or_default(),
            ignore: self.ignore.clone().unwrap_or_default(),
        }
    }
}

type SettingsKey = (Option<PathBuf>, Vec<bool>, Vec<PathBuf>);

/// Settings per (configuration file, overrides that match, words files), built once.
#[derive(Default)]
pub struct SettingsStore {
    pub client: ClientSettings,
    /// Where a relative `config` setting is found from.
    pub root: Option<PathBuf>,
    loaded: HashMap<PathBuf, Arc<Options>>,
    resolved: HashMap<SettingsKey, Arc<Resolved>>,
    /// Warnings (unknown keys) not yet shown to the user.
    pub warnings: Vec<String>,
}

impl SettingsStore {
    /// Forgets every file read: a configuration or words file changed.
    pub fn invalidate(&mut self) {
        self.loaded.clear();
        self.resolved.clear();
    }

    pub fn set_client(&mut self, client: ClientSettings) {
        self.client = client;
        self.invalidate();
    }

    fn config_path(&self, dir: &Path) -> Option<PathBuf> {
        if self.client.no_config == Some(true) {
            return None;
        }
        match &self.client.config {
            Some(path) if path.is_relative() => Some(self.root.as_deref().unwrap_or(Path::new(".")).join(path)),
            Some(path) => Some(path.clone()),
            None => find_config(dir),
        }
    }

    fn load(&mut self, path: &Path) -> Result<Arc<Options>, String> {
        if let Some(options) = self.loaded.get(path) {
            return Ok(options.clone());
        }
        let (options, warnings) = Options::load(path).map_err(|e| e.to_string())?;
        self.warnings.extend(warnings);
        let options = Arc::new(options);
        self.loaded.insert(path.to_path_buf(), options.clone());
        Ok(options)
    }

    /// The settings for a document at `file` (or an unsaved one checked from `dir`).
    pub fn settings(&mut self, file: Option<&Path>, dir: &Path) -> Result<Arc<Resolved>, String> {
        let config = match self.config_path(dir) {
            Some(path) => Some((self.load(&path)?, path)),
            None => None,
        };
        let overrides: Vec<bool> = match (&config, file) {
            (Some((options, path)), Some(file)) => {
                let base = path.parent().unwrap_or(Path::new("."));
                options
                    .overrides
                    .iter()
                    .flatten()
                    .map(|o| o.matches(base, file).unwrap_or(false))
                    .collect()
            }
            _ => Vec::new(),
        };
        let word_files = find_word_files(dir);
        let key = (config.as_ref().map(|c| c.1.clone()), overrides, word_files.clone());
        if let Some(hit) = self.resolved.get(&key) {
            return Ok(hit.clone());
        }
        let owned = config.map(|(options, path)| ((*options).clone(), path));
        let resolved = Arc::new(resolve(owned.as_ref(), file, &word_files, &self.client.overrides())?);
        self.resolved.insert(key, resolved.clone());
        Ok(resolved)
    }
}

/// Whether a changed file is one the settings are read from: a configuration, a words file or a word list.
pub fn affects_settings(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let in_tact_folder = path.parent().and_then(|p| p.file_name()).is_some_and(|n| n == ".tact");
    crate::config::CONFIG_NAMES.contains(&name) || (in_tact_folder && name.ends_with(".txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_come_bare_or_under_tact() {
        let bare = serde_json::json!({"lang": "fr", "extendSelect": ["tone"]});
        let settings = ClientSettings::from_value(Some(&bare)).unwrap();
        assert_eq!(settings.lang, Some(LangChoice::Fr));
        let nested = serde_json::json!({"tact": {"role": "first", "debounceMs": 10}});
        let settings = ClientSettings::from_value(Some(&nested)).unwrap();
        assert_eq!((settings.role, settings.debounce_ms), (Some(Role::First), Some(10)));
        let wrong = serde_json::json!({"lnag": "fr"});
        assert!(ClientSettings::from_value(Some(&wrong)).is_err());
    }

    #[test]
    fn configuration_and_words_files_are_recognised() {
        assert!(affects_settings(Path::new("/p/tact.toml")));
        assert!(affects_settings(Path::new("/p/.tact/words.fr.txt")));
        assert!(!affects_settings(Path::new("/p/replies/a.txt")));
    }
}
