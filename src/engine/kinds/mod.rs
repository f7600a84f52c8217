//! Rule kinds: each file compiles a rule's TOML parameters into a [`Check`]. The kinds are code; the rules are data.

mod capitalization;
mod conditional;
mod confusion;
mod consistency;
mod metric;
mod pattern;
mod repetition;
mod required;
mod substitution;
mod unsupported_language;

use std::ops::Range;

use super::spec::RuleSpec;
use super::Check;
use crate::diagnostic::Applicability;
use crate::document::Document;

/// Why a rule's parameters were refused; `key` or `literal` lets the loader point at the offending text.
#[derive(Debug)]
pub struct BuildError {
    pub message: String,
    pub key: Option<&'static str>,
    pub literal: Option<String>,
}

impl BuildError {
    pub fn key(key: &'static str, message: impl Into<String>) -> BuildError {
        BuildError {
            message: message.into(),
            key: Some(key),
            literal: None,
        }
    }
}

pub struct KindDef {
    pub name: &'static str,
    /// The parameters this kind reads, beyond the keys every rule has.
    pub params: &'static [&'static str],
    pub build: fn(&RuleSpec) -> Result<Box<dyn Check>, BuildError>,
}

pub fn kinds() -> &'static [KindDef] {
    &[
        pattern::KIND,
        conditional::KIND,
        substitution::KIND,
        required::KIND,
        metric::KIND,
        repetition::KIND,
        consistency::KIND,
        capitalization::KIND,
        unsupported_language::KIND,
        confusion::KIND,
        crate::spell::KIND,
        crate::conversation::kinds::REPLY_WINDOW,
        crate::conversation::kinds::HUMAN_AGENT_WINDOW,
        crate::conversation::kinds::TAGGED_PROMOTION,
        crate::conversation::kinds::BOT_HUMAN_AGENT_TAG,
        crate::conversation::kinds::PUSH_STREAK,
        crate::conversation::kinds::FIRST_RESPONSE,
        crate::conversation::kinds::UNANSWERED_QUESTION,
        crate::conversation::kinds::TIMESTAMP,
        crate::conversation::kinds::ASKED_AGAIN,
        crate::conversation::kinds::REPEATED_REPLY,
        crate::conversation::kinds::IGNORED_QUESTION,
        crate::conversation::kinds::STARTING_OVER,
    ]
}

pub fn find_kind(name: &str) -> Option<&'static KindDef> {
    kinds().iter().find(|k| k.name == name)
}

/// Where in the draft a rule looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Draft,
    Body,
    Greeting,
    Closing,
}

impl Region {
    pub fn parse(value: Option<&str>, default: Region) -> Result<Region, BuildError> {
        match value {
            None => Ok(default),
            Some("draft") => Ok(Region::Draft),
            Some("body") => Ok(Region::Body),
            Some("greeting") => Ok(Region::Greeting),
            Some("closing") => Ok(Region::Closing),
            Some(other) => Err(BuildError::key(
                "region",
                format!("unknown region `{other}` (expected draft, body, greeting or closing)"),
            )),
        }
    }

    pub fn range(self, doc: &Document<'_>) -> Option<Range<usize>> {
        match self {
            Region::Draft => Some(0..doc.text.len()),
            Region::Body => Some(doc.regions.body.clone()),
            Region::Greeting => doc.regions.greeting.clone(),
            Region::Closing => doc.regions.closing.clone(),
        }
    }
}

pub use crate::engine::lazy_regex::LazyRegex;

pub fn compile(pattern: &str) -> Result<LazyRegex, BuildError> {
    LazyRegex::new(pattern).map_err(|err| BuildError {
        message: format!("invalid regex: {}", one_line(&err)),
        key: None,
        literal: Some(pattern.to_string()),
    })
}

fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn compile_all(patterns: Option<&Vec<String>>) -> Result<Vec<LazyRegex>, BuildError> {
    patterns
        .map(|list| list.iter().map(|p| compile(p)).collect())
        .unwrap_or_else(|| Ok(Vec::new()))
}

pub fn require_patterns(spec: &RuleSpec) -> Result<Vec<LazyRegex>, BuildError> {
    let patterns = compile_all(spec.patterns.as_ref())?;
    if patterns.is_empty() {
        return Err(BuildError::key(
            "patterns",
            "this kind needs at least one regex in `patterns`",
        ));
    }
    Ok(patterns)
}

pub fn applicability(spec: &RuleSpec, default: Applicability) -> Result<Applicability, BuildError> {
    match spec.applicability.as_deref() {
        None => Ok(default),
        Some(value) => value.parse().map_err(|e: String| BuildError::key("applicability", e)),
    }
}

/// True when one of `exceptions` matches the (masked) sentence holding `offset`.
pub fn excepted(doc: &Document<'_>, exceptions: &[LazyRegex], offset: usize) -> bool {
    if exceptions.is_empty() {
        return false;
    }
    let sentence = doc.sentence_at(offset);
    let text = &doc.masked[sentence];
    exceptions.iter().any(|e| e.is_match(text))
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Builds a check from a TOML snippet, for the kinds' unit tests.
#[cfg(test)]
pub mod testing {
    use crate::document::Document;
    use crate::engine::{Context, Finding};
    use crate::model::{Author, Lang, Role};

    pub fn spec(toml_text: &str) -> crate::engine::RuleSpec {
        toml::from_str(toml_text).unwrap_or_else(|e| panic!("test spec: {e}"))
    }

    pub fn findings_for(toml_text: &str, text: &str, lang: Lang, role: Role) -> Vec<Finding> {
        let spec = spec(toml_text);
        let kind = super::find_kind(&spec.kind).expect("kind exists");
        let check = (kind.build)(&spec).unwrap_or_else(|e| panic!("build: {}", e.message));
        let doc = Document::new(text, lang);
        let words = crate::spell::WordSet::default();
        let cx = Context {
            doc: &doc,
            role,
            author: Author::Agent,
            lang,
            channel: crate::engine::Channel::unspecified(),
            unchecked_lang: None,
            words: &words,
            conversation: None,
        };
        let mut out = Vec::new();
        check.check(&cx, &mut out);
        out
    }

    /// The flagged texts, in order.
    pub fn flagged(toml_text: &str, text: &str, lang: Lang) -> Vec<String> {
        findings_for(toml_text, text, lang, Role::Complete)
            .into_iter()
            .map(|f| text[f.span].to_string())
            .collect()
    }
}
