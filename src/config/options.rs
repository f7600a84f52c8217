//! `tact.toml` as written: every field optional, unknown keys collected for a warning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Author, FailOn, Role};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LangChoice {
    Auto,
    En,
    Fr,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Options {
    /// Only inside `[[overrides]]`: the globs of the files the override applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<LangChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Where the drafts are sent: a channel id (`messenger`, `chat`, `email`, `social`, `sms` or a pack's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "score_threshold"
    )]
    pub min_score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_dirs: Option<Vec<PathBuf>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_lists: Option<Vec<PathBuf>>,
    /// Team vocabularies: folders `.tact/vocab/NAME/` beside this file, with `accept.txt` and `reject.txt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vocab: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extend_select: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<BTreeMap<String, toml::Table>>,
    /// The baseline file of known findings (`--baseline`), relative to this file's folder; read from the
    /// configuration of the working directory only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overrides: Option<Vec<Options>>,
}

/// `min_score`: a score, 0 to 100, as on the command line.
fn score_threshold<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let value = i64::deserialize(deserializer)?;
    match u8::try_from(value) {
        Ok(score) if score <= 100 => Ok(Some(score)),
        _ => Err(serde::de::Error::custom(format!(
            "`min_score` is a score from 0 to 100, not {value}"
        ))),
    }
}

/// A glob of `[[overrides]] files` that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobError {
    pub glob: Option<String>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl Options {
    /// Parses a configuration file's text; returns the options and a warning per unknown key.
    pub fn parse(file: &str, text: &str) -> Result<(Options, Vec<String>), ConfigError> {
        let mut unknown = Vec::new();
        let deserializer = toml::Deserializer::new(text);
        let options: Options = serde_ignored::deserialize(deserializer, |path| unknown.push(path.to_string()))
            .map_err(|err: toml::de::Error| {
                let (line, column) = crate::engine::line_column(text, err.span().map_or(0, |s| s.start));
                ConfigError {
                    file: file.to_string(),
                    line,
                    column,
                    message: crate::engine::plain_type_names(err.message().trim()),
                }
            })?;
        let mut warnings: Vec<String> = unknown
            .into_iter()
            .map(|key| format!("{file}: unknown key `{key}` ignored"))
            .collect();
        if options.files.is_some() {
            warnings.push(format!("{file}: `files` only has a meaning inside [[overrides]]"));
        }
        for over in options.overrides.iter().flatten() {
            if over.files.as_ref().is_none_or(|f| f.is_empty()) {
                warnings.push(format!(
                    "{file}: an [[overrides]] entry without `files` applies to nothing"
                ));
            }
            if over.overrides.is_some() || over.rule_dirs.is_some() {
                warnings.push(format!(
                    "{file}: `overrides` and `rule_dirs` are ignored inside [[overrides]]"
                ));
            }
        }
        Ok((options, warnings))
    }

    pub fn load(path: &Path) -> Result<(Options, Vec<String>), ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
        Options::parse(&file, &text)
    }

    /// Whether this override's `files` globs match `file`, taken relative to `base` when it lies inside it.
    pub fn matches(&self, base: &Path, file: &Path) -> Result<bool, GlobError> {
        let Some(globs) = &self.files else {
            return Ok(false);
        };
        let mut builder = globset::GlobSetBuilder::new();
        for glob in globs {
            builder.add(globset::Glob::new(glob).map_err(|e| GlobError {
                glob: Some(glob.clone()),
                message: format!("invalid glob `{glob}`: {}", e.kind()),
            })?);
        }
        let set = builder.build().map_err(|e| GlobError {
            glob: None,
            message: e.to_string(),
        })?;
        let relative = file.strip_prefix(base).unwrap_or(file);
        let relative = relative.strip_prefix("./").unwrap_or(relative);
        Ok(set.is_match(relative) || set.is_match(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_warn_and_bad_values_error_with_position() {
        let (options, warnings) = Options::parse(
            "tact.toml",
            "lang = \"fr\"\nmin_scroe = 3\n[rules.\"tone.sarcasm\"]\nseverity = \"error\"\n",
        )
        .unwrap();
        assert_eq!(options.lang, Some(LangChoice::Fr));
        assert_eq!(warnings, vec!["tact.toml: unknown key `min_scroe` ignored"]);
        let err = Options::parse("tact.toml", "lang = \"fr\"\nrole = \"boss\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        let err = Options::parse("tact.toml", "lang = \n").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn override_globs() {
        let (options, _) = Options::parse(
            "t",
            "[[overrides]]\nfiles = [\"snippets/**\"]\nignore = [\"greeting\"]\n",
        )
        .unwrap();
        let over = &options.overrides.unwrap()[0];
        assert!(over.matches(Path::new("/p"), Path::new("/p/snippets/a.txt")).unwrap());
        assert!(!over.matches(Path::new("/p"), Path::new("/p/macros/a.txt")).unwrap());
    }
}
