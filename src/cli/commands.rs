//! `tact rules`, `explain`, `test`, `init`, `print-config`, `words add`.

use std::path::Path;

use super::{ExitStatus, RulesArgs, RulesFormat};
use crate::config::{find_config, resolve, CliOverrides, Options};
use crate::conversation::{ConversationView, Speaker};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::registry::RuleSet;
use crate::engine::{Channel, Context, Rule};
use crate::model::{Author, Lang, Role};
use crate::spell::WordSet;

/// The rules in force for the current directory's configuration.
fn rules_in_force() -> Result<RuleSet, String> {
    let config = match find_config(Path::new(".")) {
        Some(path) => Some((Options::load(&path).map_err(|e| e.to_string())?.0, path)),
        None => None,
    };
    let resolved = resolve(config.as_ref(), None, &[], &CliOverrides::default())?;
    std::sync::Arc::try_unwrap(resolved.rules).map_err(|_| "rule set still shared".to_string())
}

pub fn rules(args: RulesArgs) -> ExitStatus {
    let rules = match rules_in_force() {
        Ok(rules) => rules,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitStatus::Error;
        }
    };
    let infos = crate::rule_docs::grouped(&rules);
    match args.format {
        RulesFormat::Json => match serde_json::to_string_pretty(&infos) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("error: {err}");
                return ExitStatus::Error;
            }
        },
        RulesFormat::Text => {
            for info in &infos {
                let severity = if info.opt_in {
                    format!("{}*", info.severity)
                } else {
                    info.severity.to_string()
                };
                println!(
                    "{:<38} {:<8} {:<6} {}",
                    info.id,
                    severity,
                    info.languages.join(","),
                    info.summary
                );
            }
            if !rules.categories.is_empty() {
                println!("\nCategories declared by rule packs (* opt-in: select them by name):");
                for category in &rules.categories {
                    let mark = if category.opt_in { "*" } else { " " };
                    println!(
                        "  {:<20}{mark} weight {:<4} {}",
                        category.id.as_str(),
                        category.weight,
                        category.description
                    );
                }
            }
        }
    }
    ExitStatus::Success
}

pub fn explain(id: &str) -> ExitStatus {
    let rules = match rules_in_force() {
        Ok(rules) => rules,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitStatus::Error;
        }
    };
    match crate::rule_docs::explain(&rules, id) {
        Some(text) => {
            print!("{text}");
            ExitStatus::Success
        }
        None => {
            eprintln!("error: no rule `{id}` (see `tact rules`)");
            ExitStatus::Error
        }
    }
}

/// Runs one rule over a text (or one message of a conversation), as `tact test` and the test suite do for rule
/// examples.
pub fn run_rule(
    rule: &Rule,
    text: &str,
    lang: Lang,
    role: Role,
    author: Author,
    channel: &Channel,
    conversation: Option<ConversationView<'_>>,
) -> Vec<Diagnostic> {
    // Examples are judged with the built-in vocabulary only, never a team's words.
    let words = WordSet::default();
    let words = &words;
    let doc = Document::new(text, lang);
    let speaker = conversation.map_or(Speaker::Agent, |v| v.message().speaker);
    let unchecked_lang = crate::lang::identify(&doc.masked).unchecked();
    if !rule.meets_language(unchecked_lang) {
        return Vec::new();
    }
    let cx = Context {
        doc: &doc,
        role,
        author,
        lang,
        channel,
        unchecked_lang,
        words,
        conversation,
    };
    let mut out = Vec::new();
    let applies = if speaker.is_outgoing() {
        rule.applies(lang, role, author, channel)
    } else {
        true
    };
    if applies && rule.check.target().covers(speaker) {
        rule.run(&cx, &mut out);
    }
    out
}

/// A failed example: the rule, the text, what was expected and what was found.
pub struct ExampleFailure {
    pub rule: String,
    pub origin: String,
    pub text: String,
    pub expected: usize,
    pub found: Vec<String>,
}

/// Runs every example of every rule of the set; returns the number that passed and the failures.
pub fn run_examples(set: &RuleSet) -> (usize, Vec<ExampleFailure>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    for rule in &set.rules {
        for example in &rule.examples {
            let channel = match example.channel.as_deref().map(|id| set.channel(id)) {
                None => Channel::unspecified(),
                Some(Ok(channel)) => channel,
                Some(Err(err)) => {
                    failures.push(ExampleFailure {
                        rule: rule.id.to_string(),
                        origin: rule.origin.clone(),
                        text: example.text.clone(),
                        expected: example.expect,
                        found: vec![err],
                    });
                    continue;
                }
            };
            let lang = example
                .lang
                .or_else(|| rule.langs.first().copied())
                .or_else(|| crate::lang::detect(&example.text))
                .unwrap_or(Lang::En);
            let role = example
                .role
                .or_else(|| rule.roles.first().copied())
                .unwrap_or(Role::Complete);
            let author = example
                .author
                .or_else(|| rule.authors.first().copied())
                .unwrap_or(Author::Agent);
            let view = example.conversation.as_ref().map(|(c, index)| ConversationView {
                conversation: c,
                index: *index,
            });
            let author = view.and_then(|v| v.message().speaker.author()).unwrap_or(author);
            // An example run with other parameters runs a copy of the rule built with them.
            let configured = match &example.with {
                None => None,
                Some(with) => {
                    let mut table = rule.table.clone();
                    table.extend(with.clone());
                    match crate::engine::lazy_regex::compiling_eagerly(|| {
                        crate::engine::build_rule(&rule.origin, table)
                    }) {
                        Ok(built) => Some(built),
                        Err(err) => {
                            failures.push(ExampleFailure {
                                rule: rule.id.to_string(),
                                origin: rule.origin.clone(),
                                text: example.text.clone(),
                                expected: example.expect,
                                found: vec![format!("`with`: {}", err.message)],
                            });
                            continue;
                        }
                    }
                }
            };
            let found = run_rule(
                configured.as_ref().unwrap_or(rule),
                &example.text,
                lang,
                role,
                author,
                channel,
                view,
            );
            if found.len() == example.expect {
                passed += 1;
            } else {
                failures.push(ExampleFailure {
                    rule: rule.id.to_string(),
                    origin: rule.origin.clone(),
                    text: example.text.clone(),
                    expected: example.expect,
                    found: found.iter().map(|d| example.text[d.span.clone()].to_string()).collect(),
                });
            }
        }
    }
    (passed, failures)
}

pub fn test(dir: Option<&Path>) -> ExitStatus {
    let mut set = match RuleSet::builtin() {
        Ok(set) => set,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitStatus::Error;
        }
    };
    if let Some(dir) = dir {
        // The directory's own rules, with the built-in channels and its own.
        set.rules.clear();
        match crate::engine::read_rule_dir(dir) {
            Ok(packs) => {
                for pack in packs {
                    set.add_pack(pack);
                }
                if let Err(err) = set.settle() {
                    eprintln!("error: {err}");
                    return ExitStatus::Error;
                }
            }
            Err(err) => {
                eprintln!("error: {err}");
                return ExitStatus::Error;
            }
        }
    }
    let (passed, failures) = run_examples(&set);
    for failure in &failures {
        println!(
            "FAIL {} ({}): expected {} diagnostic(s), found {} {:?}\n     {}",
            failure.rule,
            failure.origin,
            failure.expected,
            failure.found.len(),
            failure.found,
            failure.text.replace('\n', "\\n")
        );
    }
    println!("examples: {passed} passed, {} failed", failures.len());
    if failures.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

const INIT_TEMPLATE: &str = r#"# tact configuration. Every key is optional; see `tact print-config` for what is in force.

# Language of drafts: "auto" (detect per draft), "en" or "fr".
# lang = "auto"

# A lone draft's position in its conversation: "complete" (greet and close), "first", "middle" or "last".
# role = "complete"

# "agent" or "bot".
# author = "agent"

# A draft fails on a diagnostic at or above this severity: "error", "warning", "info" or "never".
# fail_on = "warning"

# A draft scoring below this fails.
# min_score = 70

# Rule selection by id or category.
# select = ["ALL"]
# ignore = ["length.too-many-sentences"]
# The opt-in support QA pack: promises, blaming colleagues, internal jargon, competitors, apologies with no next step.
# extend_select = ["support-qa"]

# Folders of your own rule packs (TOML); a rule with a built-in id replaces it.
# rule_dirs = ["tact-rules"]

# Words the spell checker accepts, and files of them (one a line).
# words = ["Acme", "Zenbox"]
# word_lists = [".tact/words.txt"]

# Team vocabularies: .tact/vocab/NAME/accept.txt (accepted terms) and reject.txt (`e-mail -> email`).
# vocab = ["Acme"]

# Known findings of an existing library: only new ones are reported (write it with --update-baseline).
# baseline = "tact-baseline.json"

# Severity ("off" disables) and parameters of one rule.
# [rules."length.long-sentence"]
# max = 30

# Settings for some files only.
# [[overrides]]
# files = ["snippets/**"]
# ignore = ["greeting", "sign-off"]
"#;

pub fn init(force: bool) -> ExitStatus {
    let path = Path::new("tact.toml");
    if path.exists() && !force {
        eprintln!("error: tact.toml already exists (use --force to overwrite it)");
        return ExitStatus::Error;
    }
    match std::fs::write(path, INIT_TEMPLATE) {
        Ok(()) => {
            println!("wrote tact.toml");
            ExitStatus::Success
        }
        Err(err) => {
            eprintln!("error: tact.toml: {err}");
            ExitStatus::Error
        }
    }
}

pub fn print_config(file: Option<&Path>, config: Option<&Path>) -> ExitStatus {
    let dir = file
        .and_then(|f| f.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = config.map(Path::to_path_buf).or_else(|| find_config(dir));
    let loaded = match &path {
        Some(path) => match Options::load(path) {
            Ok((options, warnings)) => {
                for warning in warnings {
                    eprintln!("warning: {warning}");
                }
                Some((options, path.clone()))
            }
            Err(err) => {
                eprintln!("error: {err}");
                return ExitStatus::Error;
            }
        },
        None => None,
    };
    let resolved = match resolve(
        loaded.as_ref(),
        file,
        &crate::config::find_word_files(dir),
        &CliOverrides::default(),
    ) {
        Ok(resolved) => resolved,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitStatus::Error;
        }
    };
    let options = &resolved.draft;
    match &path {
        Some(path) => println!("# configuration: {}", path.display()),
        None => println!("# configuration: none found; built-in defaults"),
    }
    println!("lang = {:?}", options.lang.map_or("auto", |l| l.as_str()));
    println!("role = {:?}", options.role.as_str());
    println!("author = {:?}", options.author.as_str());
    println!("fail_on = {:?}", format!("{:?}", options.fail_on).to_lowercase());
    if let Some(min) = options.min_score {
        println!("min_score = {min}");
    }
    let enabled = resolved
        .rules
        .rules
        .iter()
        .filter(|r| resolved.selection.enabled(r))
        .count();
    println!(
        "# {} rule instances in force ({} loaded)",
        enabled,
        resolved.rules.rules.len()
    );
    if let Some((options, _)) = &loaded {
        if let Ok(text) = toml::to_string(options) {
            println!("\n# as written in the configuration file\n{text}");
        }
    }
    ExitStatus::Success
}

pub fn words_add(word: &str, lang: Option<&str>) -> ExitStatus {
    let lang = match lang.map(str::parse::<Lang>).transpose() {
        Ok(lang) => lang,
        Err(err) => {
            eprintln!("error: --lang: {err}");
            return ExitStatus::Error;
        }
    };
    match crate::config::words_file::add_word(Path::new("."), word, lang) {
        Ok(added) => {
            let verb = if added.inserted { "added to" } else { "already in" };
            println!("`{}` {verb} {}", word.trim(), added.file.display());
            ExitStatus::Success
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitStatus::Error
        }
    }
}
