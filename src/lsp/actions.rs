//! Code actions on a diagnostic: apply its fix, apply a suggestion, add the word to the team's words (a command
//! the server carries out itself, so no client plugin is needed), or disable the rule for this draft.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Command, TextEdit, Uri, WorkspaceEdit};

use super::diagnostics::{Finding, Linted};
use super::documents::OpenDocument;
use super::position::Encoding;
use crate::diagnostic::Applicability;
use crate::input::InputFormat;

/// The command behind "add to words": arguments `[{"word": "...", "dir": "..."}]`.
pub const ADD_WORD: &str = "tact.addWord";

/// Suggestions offered as actions, best first.
const MAX_SUGGESTIONS: usize = 5;

pub fn code_actions(
    uri: &Uri,
    document: &OpenDocument,
    linted: &Linted,
    range: std::ops::Range<usize>,
    encoding: Encoding,
    dir: &Path,
) -> Vec<CodeActionOrCommand> {
    let positions = document.positions(encoding);
    let edit = |edits: Vec<(std::ops::Range<usize>, String)>| WorkspaceEdit {
        changes: Some(HashMap::from([(
            uri.clone(),
            edits
                .into_iter()
                .map(|(r, new_text)| TextEdit {
                    range: positions.range(r),
                    new_text,
                })
                .collect(),
        )])),
        ..WorkspaceEdit::default()
    };
    let mut actions = Vec::new();
    let overlapping = linted
        .findings
        .iter()
        .filter(|f| f.range.start <= range.end && range.start <= f.range.end);
    for finding in overlapping {
        let diagnostic = linted.diagnostics.get(finding.diagnostic).cloned();
        let action = |title: String, preferred: bool, workspace_edit: Option<WorkspaceEdit>, command| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: workspace_edit,
                command,
                is_preferred: preferred.then_some(true),
                disabled: None,
                data: None,
            })
        };
        let mut offered: Vec<&str> = Vec::new();
        if let Some(fix) = &finding.fix {
            let edits: Vec<_> = fix
                .edits
                .iter()
                .map(|e| (e.start..e.end, e.replacement.clone()))
                .collect();
            if let [edit] = fix.edits.as_slice() {
                offered.push(&edit.replacement);
            }
            actions.push(action(
                fix_title(finding),
                fix.applicability == Applicability::Safe,
                Some(edit(edits)),
                None,
            ));
        }
        for suggestion in finding.suggestions.iter().take(MAX_SUGGESTIONS) {
            if offered.contains(&suggestion.as_str()) {
                continue;
            }
            actions.push(action(
                format!("Replace with “{suggestion}”"),
                false,
                Some(edit(vec![(finding.range.clone(), suggestion.clone())])),
                None,
            ));
        }
        if finding.unknown_word {
            let word = finding.text.trim();
            let command = Command {
                title: format!("Add “{word}” to .tact/words.txt"),
                command: ADD_WORD.to_string(),
                arguments: Some(vec![serde_json::json!({"word": word, "dir": dir})]),
            };
            actions.push(action(command.title.clone(), false, None, Some(command)));
        }
        // Structured files have no place for a comment inside a record yet: the action is offered where the
        // comment is part of the draft.
        if matches!(linted.format, InputFormat::Text | InputFormat::Markdown) {
            let comment = format!("<!-- tact-disable {} -->\n", finding.rule);
            actions.push(action(
                format!("Disable {} for this draft", finding.rule),
                false,
                Some(edit(vec![(finding.draft_start..finding.draft_start, comment)])),
                None,
            ));
        }
    }
    actions
}

fn fix_title(finding: &Finding) -> String {
    let Some(fix) = &finding.fix else {
        return String::new();
    };
    match fix.edits.as_slice() {
        [edit] if edit.replacement.is_empty() => format!("Remove “{}”", finding.text.trim()),
        [edit] => format!("Replace with “{}”", edit.replacement),
        _ => format!("Fix {}", finding.rule),
    }
}
