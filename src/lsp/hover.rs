//! Hover over a diagnostic: what `tact explain` says about its rule, and the draft's score.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::diagnostics::Linted;
use super::documents::OpenDocument;
use super::position::Encoding;
use crate::engine::registry::RuleSet;

pub fn hover(
    document: &OpenDocument,
    linted: &Linted,
    offset: usize,
    rules: &RuleSet,
    encoding: Encoding,
) -> Option<Hover> {
    let here: Vec<_> = linted
        .findings
        .iter()
        .filter(|f| f.range.start <= offset && offset <= f.range.end)
        .collect();
    let first = here.first()?;
    let mut text = String::new();
    let mut shown: Vec<&str> = Vec::new();
    for finding in &here {
        if shown.contains(&finding.rule.as_str()) {
            continue;
        }
        shown.push(&finding.rule);
        let explanation = crate::rule_docs::explain(rules, &finding.rule).unwrap_or_default();
        text.push_str(&format!(
            "**{}**: {}\n\n```text\n{}\n```\n\n",
            finding.rule,
            finding.message,
            explanation.trim_end()
        ));
    }
    if let Some(score) = first.score {
        let verdict = if first.passed { "passes" } else { "fails" };
        text.push_str(&format!("Draft score: {score}/100 (the draft {verdict})\n"));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(document.positions(encoding).range(first.range.clone())),
    })
}
