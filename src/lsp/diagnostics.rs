//! Checking an open document with the library `tact check` uses, and turning its reports into LSP diagnostics.
//! Positions come from the reports, which already point into the file (inside a JSON, YAML or CSV string where
//! the draft was read from one); this module only converts them to the negotiated encoding.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{CodeDescription, DiagnosticSeverity, NumberOrString, Uri};

use super::documents::OpenDocument;
use super::position::Encoding;
use super::settings::SettingsStore;
use super::uri::path_to_uri;
use crate::diagnostic::Fix;
use crate::engine::registry::RuleSet;
use crate::input::{InputFormat, ParseOptions, SourceFile};
use crate::model::Severity;

/// One diagnostic as the code actions and hovers need it: byte offsets into the document.
#[derive(Clone, Debug)]
pub struct Finding {
    pub range: std::ops::Range<usize>,
    pub rule: String,
    pub message: String,
    /// Replacements for the span, written as the file needs them (escaped inside a JSON string).
    pub suggestions: Vec<String>,
    pub fix: Option<Fix>,
    /// The flagged text as the draft reads.
    pub text: String,
    /// Where the draft starts in the document: a suppression comment goes there.
    pub draft_start: usize,
    pub score: Option<u8>,
    pub passed: bool,
    /// A word the dictionary does not know, which the team may add to its words.
    pub unknown_word: bool,
    /// Its LSP diagnostic in [`Linted::diagnostics`].
    pub diagnostic: usize,
}

/// What checking a document gave, for the version the client sent.
pub struct Linted {
    pub version: i32,
    /// The rules the document was checked with (`None` when its configuration could not be read).
    pub rules: Option<Arc<RuleSet>>,
    pub format: InputFormat,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<lsp_types::Diagnostic>,
}

/// The folder a document's configuration and words files are found from.
pub fn document_dir(document: &OpenDocument, root: Option<&Path>) -> PathBuf {
    document
        .path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| root.map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn lint(document: &OpenDocument, store: &mut SettingsStore, encoding: Encoding) -> Linted {
    let format = document.input_format();
    let dir = document_dir(document, store.root.as_deref());
    let mut linted = Linted {
        version: document.version,
        rules: None,
        format,
        findings: Vec::new(),
        diagnostics: Vec::new(),
    };
    let positions = document.positions(encoding);
    let settings = match store.settings(document.path.as_deref(), &dir) {
        Ok(settings) => settings,
        Err(err) => {
            // A broken tact.toml is shown where the user is looking, at the top of the document.
            linted.diagnostics.push(plain(positions.range(0..0), "config", err));
            return linted;
        }
    };
    linted.rules = Some(settings.rules.clone());
    let name = document
        .path
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let source = Arc::new(SourceFile::new(name, document.text.clone()));
    let options = ParseOptions {
        format,
        text_field: None,
        ..ParseOptions::default()
    };
    let (reports, errors) = crate::pipeline::check_source(&source, options, &settings);
    for error in errors {
        let offset = offset_of(&source, error.line, error.column);
        linted
            .diagnostics
            .push(plain(positions.range(offset..offset), "input", error.message));
    }
    for report in &reports {
        let draft_start = report.draft.map.start(0);
        let escaping = report.draft.map.escaping;
        for located in &report.diagnostics {
            let d = &located.diagnostic;
            let range = located.start.offset..located.end.offset;
            let finding = Finding {
                range: range.clone(),
                rule: d.rule.to_string(),
                message: d.message.clone(),
                suggestions: d.suggestions.iter().map(|s| escaping.escape(s)).collect(),
                fix: located.fix.clone(),
                text: located.text.clone(),
                draft_start,
                score: report.score,
                passed: report.passed,
                unknown_word: settings
                    .rules
                    .rules
                    .iter()
                    .any(|r| r.id == d.rule && r.kind == "spelling"),
                diagnostic: linted.diagnostics.len(),
            };
            let data = serde_json::json!({
                "rule": &*d.rule,
                "draft": report.draft.id.as_deref().or(report.draft.conversation.as_deref()),
                "score": report.score,
                "passed": report.passed,
                "suggestions": d.suggestions,
                "fix": located.fix,
            });
            linted.diagnostics.push(lsp_types::Diagnostic {
                range: positions.range(range),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.rule.to_string())),
                code_description: code_description(&settings.rules, &d.rule),
                source: Some("tact".to_string()),
                message: match report.score {
                    Some(score) => format!("{} [draft score {score}]", d.message),
                    None => d.message.clone(),
                },
                related_information: None,
                tags: None,
                data: Some(data),
            });
            linted.findings.push(finding);
        }
    }
    linted
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A problem with the document or the configuration rather than with the draft's etiquette.
fn plain(range: lsp_types::Range, code: &str, message: String) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some("tact".to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// Where the rule is defined: its pack in the repository for a built-in rule, the team's pack file otherwise.
fn code_description(rules: &RuleSet, id: &str) -> Option<CodeDescription> {
    let rule = rules.rules.iter().find(|r| &*r.id == id)?;
    let href: Uri = if crate::engine::builtin_packs()
        .iter()
        .any(|(pack, _)| *pack == rule.origin)
    {
        format!("{}/blob/main/{}", env!("CARGO_PKG_REPOSITORY"), rule.origin)
            .parse()
            .ok()?
    } else {
        path_to_uri(Path::new(&rule.origin))?
    };
    Some(CodeDescription { href })
}

/// The byte offset of a 1-based line and a column in characters, as input errors give them.
fn offset_of(source: &SourceFile, line: Option<usize>, column: Option<usize>) -> usize {
    let (Some(line), Some(column)) = (line, column) else {
        return 0;
    };
    let start = source.lines.line_start(line.saturating_sub(1));
    let rest = source.text.get(start..).unwrap_or_default();
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}
