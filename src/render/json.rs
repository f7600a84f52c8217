//! `--format json` and `--format jsonl`: the stable interface for programs and agents (see the README).

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Fix;
use crate::report::{DraftReport, Position, Summary};

#[derive(Serialize)]
pub struct DraftJson<'a> {
    pub source: &'a str,
    pub id: Option<&'a str>,
    pub conversation: Option<&'a str>,
    pub message: Option<usize>,
    pub lang: &'a str,
    pub role: &'a str,
    pub author: &'a str,
    pub channel: Option<&'a str>,
    pub score: Option<u8>,
    pub passed: bool,
    pub diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    pub rule: &'a str,
    pub category: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub help: &'a str,
    pub start: Position,
    pub end: Position,
    pub text: &'a str,
    pub suggestions: &'a [String],
    pub fix: Option<&'a Fix>,
}

pub fn draft_json(report: &DraftReport) -> DraftJson<'_> {
    DraftJson {
        source: &report.source.path,
        id: report.draft.id.as_deref(),
        conversation: report.draft.conversation.as_deref(),
        message: report.draft.message,
        lang: report.unchecked_lang.unwrap_or(report.lang.as_str()),
        role: report.role.as_str(),
        author: if report.score.is_none() {
            "customer"
        } else {
            report.author.as_str()
        },
        channel: report.channel.as_deref(),
        score: report.score,
        passed: report.passed,
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| DiagnosticJson {
                rule: &d.diagnostic.rule,
                category: d.diagnostic.category.as_str(),
                severity: d.diagnostic.severity.as_str(),
                message: &d.diagnostic.message,
                help: &d.diagnostic.help,
                start: d.start,
                end: d.end,
                text: &d.text,
                suggestions: &d.diagnostic.suggestions,
                fix: d.fix.as_ref(),
            })
            .collect(),
    }
}

pub fn render_jsonl(reports: &[DraftReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        serde_json::to_writer(&mut *out, &draft_json(report))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub fn render_json(reports: &[DraftReport], summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        drafts: Vec<DraftJson<'a>>,
        summary: &'a Summary,
    }
    let document = Document {
        version: 1,
        drafts: reports.iter().map(draft_json).collect(),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}
