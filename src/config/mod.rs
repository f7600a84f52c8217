//! Configuration in three layers: [`Options`] as written in `tact.toml` (every field optional), discovered by walking
//! up from each checked file, then resolved with command-line flags into the [`Resolved`] settings of one file.

mod discovery;
mod options;
pub mod words_file;

pub use discovery::{find_config, ConfigCache, CONFIG_NAMES};
pub use options::{ConfigError, LangChoice, Options};
pub use words_file::find_word_files;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::registry::{RuleSet, Selection, Selector};
use crate::lint::DraftOptions;
use crate::spell::WordSet;

/// What the command line says, which wins over every file.
#[derive(Clone, Debug, Default)]
pub struct CliOverrides {
    pub lang: Option<LangChoice>,
    pub role: Option<crate::model::Role>,
    pub author: Option<crate::model::Author>,
    pub channel: Option<String>,
    pub fail_on: Option<crate::model::FailOn>,
    pub min_score: Option<u8>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// Everything needed to check the drafts of one file.
#[derive(Clone)]
pub struct Resolved {
    pub draft: DraftOptions,
    pub selection: Selection,
    pub rules: Arc<RuleSet>,
    pub words: Arc<WordSet>,
}

fn selectors(list: &[String], origin: &str) -> Result<Vec<Selector>, String> {
    list.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(|s| Selector::parse(s).map_err(|e| format!("{origin}: {e}")))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    Base,
    Override,
}

/// Folds a layer of options into the draft options and the selection.
fn apply(
    options: &Options,
    draft: &mut DraftOptions,
    selection: &mut Selection,
    origin: &str,
    layer: Layer,
) -> Result<(), String> {
    if let Some(lang) = options.lang {
        match lang {
            LangChoice::Auto => draft.lang = None,
            LangChoice::En => draft.lang = Some(crate::model::Lang::En),
            LangChoice::Fr => draft.lang = Some(crate::model::Lang::Fr),
        }
    }
    if let Some(role) = options.role {
        draft.role = role;
    }
    if let Some(author) = options.author {
        draft.author = author;
    }
    if let Some(channel) = &options.channel {
        draft.channel = Some(channel.clone());
    }
    if let Some(fail_on) = options.fail_on {
        draft.fail_on = fail_on;
    }
    if let Some(min_score) = options.min_score {
        draft.min_score = Some(min_score);
    }
    if let Some(select) = &options.select {
        selection.select = Some(selectors(select, origin)?);
    }
    if let Some(extend) = &options.extend_select {
        selection.extend_select.extend(selectors(extend, origin)?);
    }
    if let Some(ignore) = &options.ignore {
        let ignored = selectors(ignore, origin)?;
        match layer {
            Layer::Override => selection.forced_ignore.extend(ignored),
            Layer::Base => selection.ignore.extend(ignored),
        }
    }
    Ok(())
}

/// Builds the rule set a configuration asks for: built-in packs, user packs, configured rules.
pub fn build_rules(layers: &[(&Options, &Path)]) -> Result<RuleSet, String> {
    let mut rules = RuleSet::builtin().map_err(|e| e.to_string())?;
    for (options, base) in layers {
        for dir in options.rule_dirs.iter().flatten() {
            let dir = base.join(dir);
            for (pack, channels) in crate::engine::read_rule_dir(&dir)? {
                rules.extend(pack);
                rules.extend_channels(channels);
            }
        }
    }
    for (options, base) in layers {
        for (id, table) in options.rules.iter().flatten() {
            rules
                .configure(id, table)
                .map_err(|e| format!("{}: [rules.\"{id}\"]: {e}", base.display()))?;
        }
    }
    Ok(rules)
}

pub fn build_words(layers: &[(&Options, &Path)], word_files: &[PathBuf]) -> Result<WordSet, String> {
    let mut words = WordSet::default();
    for path in word_files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        match words_file::words_file_lang(path) {
            Some(lang) => words.extend_from_text_for(lang, &text),
            None => words.extend_from_text(&text),
        }
    }
    for (options, base) in layers {
        for word in options.words.iter().flatten() {
            words.insert(word);
        }
        for list in options.word_lists.iter().flatten() {
            let path: PathBuf = base.join(list);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            words.extend_from_text(&text);
        }
    }
    Ok(words)
}

/// Resolves the settings for `file` (relative to the configuration's directory for `[[overrides]]` globs).
pub fn resolve(
    config: Option<&(Options, PathBuf)>,
    file: Option<&Path>,
    word_files: &[PathBuf],
    cli: &CliOverrides,
) -> Result<Resolved, String> {
    let mut draft = DraftOptions::default();
    let mut selection = Selection::default();
    let mut layers: Vec<(&Options, &Path)> = Vec::new();
    if let Some((options, path)) = config {
        let base = path.parent().unwrap_or(Path::new("."));
        let origin = path.display().to_string();
        apply(options, &mut draft, &mut selection, &origin, Layer::Base)?;
        layers.push((options, base));
        for (index, over) in options.overrides.iter().flatten().enumerate() {
            if let Some(file) = file {
                if over
                    .matches(base, file)
                    .map_err(|e| format!("{origin}: overrides[{index}]: {e}"))?
                {
                    apply(over, &mut draft, &mut selection, &origin, Layer::Override)?;
                    layers.push((over, base));
                }
            }
        }
    }
    let cli_options = Options {
        lang: cli.lang,
        role: cli.role,
        author: cli.author,
        channel: cli.channel.clone(),
        fail_on: cli.fail_on,
        min_score: cli.min_score,
        select: cli.select.clone(),
        extend_select: Some(cli.extend_select.clone()),
        ignore: Some(cli.ignore.clone()),
        ..Options::default()
    };
    apply(&cli_options, &mut draft, &mut selection, "command line", Layer::Base)?;
    let rules = build_rules(&layers)?;
    if let Some(channel) = &draft.channel {
        rules.channel(channel).map_err(|e| {
            let origin = match (&cli.channel, config) {
                (Some(_), _) | (None, None) => "--channel".to_string(),
                (None, Some((_, path))) => path.display().to_string(),
            };
            format!("{origin}: {e}")
        })?;
    }
    let words = build_words(&layers, word_files)?;
    Ok(Resolved {
        draft,
        selection,
        rules: Arc::new(rules),
        words: Arc::new(words),
    })
}
