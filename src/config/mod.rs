//! Configuration in three layers: [`Options`] as written in `tact.toml` (every field optional), discovered by walking
//! up from each checked file, then resolved with command-line flags into the [`Resolved`] settings of one file.

mod discovery;
mod options;
pub mod vocab;
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

/// Where a setting was written: errors point at it (`file:line:column`, or the command line).
#[derive(Clone, Copy)]
enum Origin<'a> {
    File(&'a Path),
    CommandLine,
}

impl Origin<'_> {
    /// `file:line:column` of the first place `needle` is written in the file (quoted, else bare; the file alone
    /// when it is not found), or `command line`.
    fn at(&self, needle: &str) -> String {
        match self {
            Origin::CommandLine => "command line".to_string(),
            Origin::File(path) => locate(path, needle),
        }
    }
}

/// `file:line:column` of `needle` in a configuration file: errors about values the TOML parser accepted (an
/// unknown rule id, a bad glob) are found again in the text, which is small and read only on that path.
pub fn locate(path: &Path, needle: &str) -> String {
    let file = path.display().to_string();
    let Ok(text) = std::fs::read_to_string(path) else {
        return file;
    };
    let found = ['"', '\'']
        .iter()
        .find_map(|q| text.find(&format!("{q}{needle}{q}")).map(|at| at + 1))
        .or_else(|| text.find(needle));
    match found {
        Some(offset) => {
            let (line, column) = crate::engine::line_column(&text, offset);
            format!("{file}:{line}:{column}")
        }
        None => file,
    }
}

/// A rule id or a pack's own category named by a selector, and where: checked against the loaded packs once they
/// are known.
struct NamedRule<'a> {
    id: String,
    category: bool,
    origin: Origin<'a>,
}

fn selectors<'a>(list: &[String], origin: Origin<'a>, named: &mut Vec<NamedRule<'a>>) -> Result<Vec<Selector>, String> {
    list.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let selector = Selector::parse(s).map_err(|e| format!("{}: {e}", origin.at(s.trim())))?;
            match &selector {
                Selector::Rule(id) => named.push(NamedRule {
                    id: id.clone(),
                    category: false,
                    origin,
                }),
                Selector::Category(category) if !category.is_builtin() => named.push(NamedRule {
                    id: category.as_str().to_string(),
                    category: true,
                    origin,
                }),
                _ => {}
            }
            Ok(selector)
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    Base,
    Override,
}

/// Folds a layer of options into the draft options and the selection.
fn apply<'a>(
    options: &Options,
    draft: &mut DraftOptions,
    selection: &mut Selection,
    origin: Origin<'a>,
    layer: Layer,
    named: &mut Vec<NamedRule<'a>>,
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
        selection.select = Some(selectors(select, origin, named)?);
    }
    if let Some(extend) = &options.extend_select {
        selection.extend_select.extend(selectors(extend, origin, named)?);
    }
    if let Some(ignore) = &options.ignore {
        let ignored = selectors(ignore, origin, named)?;
        match layer {
            Layer::Override => selection.forced_ignore.extend(ignored),
            Layer::Base => selection.ignore.extend(ignored),
        }
    }
    Ok(())
}

/// The rule that flags a vocabulary's rejected terms.
const REJECTED_TERM_RULE: &str = "spelling.rejected-term";

/// The rule packs a configuration asks for: built-in ones, then those of its `rule_dirs`. `layers` pairs options
/// with the configuration file they come from.
fn load_packs(layers: &[(&Options, &Path)]) -> Result<RuleSet, String> {
    let mut rules = RuleSet::builtin().map_err(|e| e.to_string())?;
    for (options, file) in layers {
        for dir in options.rule_dirs.iter().flatten() {
            let at = || locate(file, &dir.display().to_string());
            let dir = base_of(file).join(dir);
            if !dir.is_dir() {
                return Err(format!("{}: `rule_dirs`: no folder {}", at(), dir.display()));
            }
            for pack in crate::engine::read_rule_dir(&dir)? {
                rules.add_pack(pack);
            }
        }
    }
    Ok(rules)
}

/// Applies the `[rules."ID"]` tables of every layer.
fn configure_rules(rules: &mut RuleSet, layers: &[(&Options, &Path)]) -> Result<(), String> {
    for (options, file) in layers {
        for (id, table) in options.rules.iter().flatten() {
            let at = locate(file, &format!("rules.\"{id}\""));
            if !rules.contains_id(id) {
                let message = rules.unknown_rule(id).unwrap_or_default();
                return Err(format!("{at}: [rules.\"{id}\"]: {message}"));
            }
            rules
                .configure(id, table)
                .map_err(|e| format!("{at}: [rules.\"{id}\"]: {e}"))?;
        }
    }
    let mut rejected = toml::Table::new();
    for (options, file) in layers {
        for name in options.vocab.iter().flatten() {
            for (term, replacement) in vocab::load(base_of(file), name)?.reject {
                rejected.insert(term, toml::Value::String(replacement));
            }
        }
    }
    // The team's rejected terms are the parameters of the built-in substitution rule (unless it was turned off).
    if !rejected.is_empty() && rules.contains_id(REJECTED_TERM_RULE) {
        let mut settings = toml::Table::new();
        settings.insert("swap".into(), toml::Value::Table(rejected));
        rules
            .configure(REJECTED_TERM_RULE, &settings)
            .map_err(|e| format!("vocab: {e}"))?;
    }
    rules.settle()
}

/// The folder a configuration file's relative paths start from.
fn base_of(file: &Path) -> &Path {
    file.parent().unwrap_or(Path::new("."))
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
    for (options, file) in layers {
        let base = base_of(file);
        for word in options.words.iter().flatten() {
            words.insert(word);
        }
        for name in options.vocab.iter().flatten() {
            for term in vocab::load(base, name)?.accept {
                words.insert(&term);
            }
        }
        for list in options.word_lists.iter().flatten() {
            let path: PathBuf = base.join(list);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                let at = locate(file, &list.display().to_string());
                format!("{at}: `word_lists`: {}: {e}", path.display())
            })?;
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
    let mut named = Vec::new();
    let mut layers: Vec<(&Options, &Path)> = Vec::new();
    if let Some((options, path)) = config {
        let base = base_of(path);
        let origin = Origin::File(path);
        apply(options, &mut draft, &mut selection, origin, Layer::Base, &mut named)?;
        layers.push((options, path));
        for (index, over) in options.overrides.iter().flatten().enumerate() {
            if let Some(file) = file {
                let matches = over.matches(base, file).map_err(|e| {
                    let glob = e.glob.as_deref().unwrap_or("files");
                    format!("{}: overrides[{index}]: {}", locate(path, glob), e.message)
                })?;
                if matches {
                    apply(over, &mut draft, &mut selection, origin, Layer::Override, &mut named)?;
                    layers.push((over, path));
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
    apply(
        &cli_options,
        &mut draft,
        &mut selection,
        Origin::CommandLine,
        Layer::Base,
        &mut named,
    )?;
    let mut rules = load_packs(&layers)?;
    // Checked before `[rules."…"]` applies: a rule turned off there may still be named by a selector.
    for unknown in &named {
        let message = if unknown.category {
            rules.unknown_category(&unknown.id)
        } else {
            rules.unknown_rule(&unknown.id)
        };
        if let Some(message) = message {
            return Err(format!("{}: {message}", unknown.origin.at(&unknown.id)));
        }
    }
    configure_rules(&mut rules, &layers)?;
    selection.check_against(&rules)?;
    let rules = rules;
    if let Some(channel) = &draft.channel {
        rules.channel(channel).map_err(|e| {
            let origin = match (&cli.channel, config) {
                (Some(_), _) | (None, None) => "--channel".to_string(),
                (None, Some((_, path))) => locate(path, channel),
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
