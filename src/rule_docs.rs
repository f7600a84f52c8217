//! What tact says about its rules, as `tact rules` and `tact explain` print it and the servers return it.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::engine::registry::RuleSet;
use crate::engine::Rule;
use crate::model::Lang;

#[derive(Clone, Debug, Serialize)]
pub struct RuleInfo<'a> {
    pub id: &'a str,
    pub category: &'a str,
    pub kind: &'a str,
    pub severity: &'a str,
    pub languages: Vec<&'static str>,
    pub roles: Vec<&'static str>,
    pub authors: Vec<&'static str>,
    /// Off until a selector names the rule or its category.
    pub opt_in: bool,
    pub summary: &'a str,
    pub help: &'a str,
    pub origin: Vec<&'a str>,
}

/// One entry per id, sorted: a rule defined once per language is one rule to its users.
pub fn grouped(rules: &RuleSet) -> Vec<RuleInfo<'_>> {
    let mut by_id: BTreeMap<&str, RuleInfo<'_>> = BTreeMap::new();
    for rule in &rules.rules {
        let entry = by_id.entry(&rule.id).or_insert_with(|| RuleInfo {
            id: &rule.id,
            category: rule.category.as_str(),
            kind: &rule.kind,
            severity: rule.severity.as_str(),
            languages: Vec::new(),
            roles: rule.roles.iter().map(|r| r.as_str()).collect(),
            authors: rule.authors.iter().map(|a| a.as_str()).collect(),
            opt_in: rule.opt_in,
            summary: rule.summary(),
            help: &rule.help,
            origin: Vec::new(),
        });
        let langs: &[Lang] = if rule.langs.is_empty() { Lang::ALL } else { &rule.langs };
        for lang in langs {
            if !entry.languages.contains(&lang.as_str()) {
                entry.languages.push(lang.as_str());
            }
        }
        if !entry.origin.contains(&rule.origin.as_str()) {
            entry.origin.push(&rule.origin);
        }
    }
    by_id.into_values().collect()
}

/// A rule's message, help and examples in every language it is defined for (`tact explain`); `None` for an id
/// the set does not have.
pub fn explain(rules: &RuleSet, id: &str) -> Option<String> {
    let matching: Vec<&Rule> = rules.rules.iter().filter(|r| &*r.id == id).collect();
    let first = matching.first()?;
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "{} ({}, {} rule, {})",
        first.id, first.category, first.kind, first.severity
    );
    if let Some(category) = rules.category(first.category) {
        let _ = writeln!(out, "Category {}: {}", category.id, category.description);
        if category.opt_in {
            let _ = writeln!(
                out,
                "Opt-in: runs only when selected (`--extend-select {}` or `--extend-select {}`)",
                category.id, first.id
            );
        }
    }
    if !first.roles.is_empty() {
        let roles: Vec<&str> = first.roles.iter().map(|r| r.as_str()).collect();
        let _ = writeln!(out, "Roles: {}", roles.join(", "));
    }
    if !first.authors.is_empty() {
        let authors: Vec<&str> = first.authors.iter().map(|a| a.as_str()).collect();
        let _ = writeln!(out, "Authors: {}", authors.join(", "));
    }
    for rule in &matching {
        let langs = if rule.langs.is_empty() {
            "every language".to_string()
        } else {
            rule.langs.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(out, "\n[{langs}] {}", rule.message);
        if !rule.help.is_empty() {
            let _ = writeln!(out, "\n{}", wrap(&rule.help, 100));
        }
        for (lang, message, help) in &rule.translations {
            let _ = writeln!(out, "\n[{}] {message}", lang.as_str());
            if !help.is_empty() {
                let _ = writeln!(out, "\n{}", wrap(help, 100));
            }
        }
        if !rule.examples.is_empty() {
            let _ = writeln!(out, "\nExamples:");
            for example in &rule.examples {
                let mark = if example.expect == 0 { "ok " } else { "bad" };
                let with = example
                    .with
                    .as_ref()
                    .map(|w| {
                        format!(
                            "   (with {})",
                            toml::to_string(w).unwrap_or_default().trim().replace('\n', ", ")
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(out, "  {mark}  {}{with}", example.text.replace('\n', "\\n"));
            }
        }
    }
    let origins: Vec<&str> = matching.iter().map(|r| r.origin.as_str()).collect();
    let _ = writeln!(out, "\nDefined in {}", origins.join(", "));
    Some(out)
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + word.len() + 1 > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out.trim_end().to_string()
}
