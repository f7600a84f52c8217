//! One renderer per output format, all fed the same [`DraftReport`]s.

mod checkstyle;
mod concise;
mod github;
pub mod json;
mod junit;
mod pretty;
mod sarif;
mod xml;

/// The JSON object of one checked draft, as `--format json` and `jsonl` write it (the MCP server returns it too).
pub use json::{draft_json, DiagnosticJson, DraftJson};

use std::io::{self, Write};

use crate::engine::Rule;
use crate::input::InputError;
use crate::model::{Category, Severity};
use crate::report::{DraftReport, Located, Summary};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: each span underlined in its excerpt, then the draft's score.
    Pretty,
    /// `path:line:col: severity[rule] message`, one line per diagnostic.
    Concise,
    /// One JSON document: every draft, then the summary.
    Json,
    /// JSON Lines: one object per draft.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: a test suite per file, a test case per draft.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

pub struct RenderOptions {
    /// Print the help text under each diagnostic (pretty format).
    pub show_help: bool,
    /// Print every draft's score, not only those with diagnostics.
    pub show_scores: bool,
    /// `--statistics`: the run's figures, after the drafts (text formats) or in the document (`json`).
    pub statistics: Option<crate::statistics::Statistics>,
    /// The rules the diagnostics name, for the formats that describe them (SARIF); a rule missing here is
    /// described from its diagnostics.
    pub rules: Vec<RuleDescriptor>,
    /// The diagnostic fields JSON output writes (`--fields`).
    pub fields: json::Fields,
}

/// What output formats say about a rule besides its diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDescriptor {
    pub id: String,
    pub category: Category,
    /// As configured where the rule ran.
    pub severity: Severity,
    pub summary: String,
    pub help: String,
}

impl RuleDescriptor {
    pub fn of(rule: &Rule) -> RuleDescriptor {
        RuleDescriptor {
            id: rule.id.to_string(),
            category: rule.category,
            severity: rule.severity,
            summary: rule.summary().to_string(),
            help: rule.help.to_string(),
        }
    }

    /// For a rule only known through a diagnostic (a renderer driven without [`RenderOptions::rules`]).
    fn from_diagnostic(located: &Located) -> RuleDescriptor {
        let d = &located.diagnostic;
        let first_sentence = d.help.split(". ").next().unwrap_or_default();
        RuleDescriptor {
            id: d.rule.to_string(),
            category: d.category,
            severity: d.severity,
            summary: if first_sentence.is_empty() {
                d.rule.to_string()
            } else {
                first_sentence.to_string()
            },
            help: d.help.to_string(),
        }
    }
}

/// The draft's name inside its file (record id, or conversation/message); `None` for a whole-file draft.
pub(crate) fn draft_name(report: &DraftReport) -> Option<String> {
    match (&report.draft.conversation, report.draft.message, &report.draft.id) {
        (Some(conversation), Some(message), _) => Some(format!("{conversation}/{message}")),
        (_, _, Some(id)) => Some(id.clone()),
        _ => None,
    }
}

/// A source path as CI services expect it: relative to the working directory (the repository root in CI) when
/// it can be, with forward slashes and no leading `./`.
pub(crate) fn portable_path(path: &str) -> String {
    let mut path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    if std::path::Path::new(&path).is_absolute() {
        if let Some(relative) = std::env::current_dir().ok().and_then(|cwd| {
            std::path::Path::new(&path)
                .strip_prefix(cwd)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        }) {
            path = relative;
        }
    }
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_string();
    }
    path
}

/// Where a diagnostic's span ends, as line and exclusive column on the line of its last character: a span
/// ending with a line break would otherwise end at column 1 of the next line, which viewers highlight.
pub(crate) fn span_end(report: &DraftReport, located: &Located) -> (usize, usize) {
    let (start, end) = (located.start, located.end);
    if end.column > 1 || end.line <= start.line {
        return (end.line, end.column);
    }
    let lines = &report.source.lines;
    let text = &report.source.text;
    let line = report.source.local_line(end.line);
    let previous = text
        .get(lines.line_start(line - 2)..lines.line_start(line - 1))
        .unwrap_or_default();
    (end.line - 1, previous.chars().count() + 1)
}

/// Writes every draft and the summary. `errors` are the records that could not be checked: the JSON formats write
/// them in place, SARIF as tool notifications, GitHub as annotations, JUnit as test cases in error, Checkstyle as
/// errors of their file; `pretty` and `concise`, written for people, leave them to stderr.
pub fn render(
    format: Format,
    reports: &[DraftReport],
    errors: &[InputError],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::render(reports, Some(summary), options, out),
        Format::Concise => concise::render(reports, Some(summary), out),
        Format::Json => json::render_json(
            reports,
            errors,
            summary,
            options.statistics.as_ref(),
            options.fields,
            out,
        ),
        Format::Jsonl => json::render_jsonl(reports, errors, options.fields, out),
        Format::Sarif => sarif::render(reports, errors, summary, &options.rules, out),
        Format::Github => {
            github::render_errors(errors, out)?;
            github::render(reports, Some(summary), out)
        }
        Format::Junit => junit::render(reports, errors, out),
        Format::Checkstyle => checkstyle::render(reports, errors, out),
    }?;
    // Machine-readable formats must stay parseable: no statistics table appended to them.
    if let Some(statistics) = &options.statistics {
        if matches!(format, Format::Pretty | Format::Concise | Format::Github) {
            write_statistics(statistics, summary, out)?;
        }
    }
    Ok(())
}

impl Format {
    /// Formats that end with a summary line for people (a baseline's count joins it; the others get it on stderr).
    pub fn has_summary_line(self) -> bool {
        matches!(self, Format::Pretty | Format::Concise | Format::Github)
    }

    /// Formats that can be written draft by draft, with the summary at the very end (a stream of records on stdin
    /// is checked and printed in batches, in constant memory).
    /// Formats that write a record that could not be checked in their own output (see [`render`]).
    pub fn carries_record_errors(self) -> bool {
        !matches!(self, Format::Pretty | Format::Concise)
    }

    pub fn streams(self) -> bool {
        matches!(self, Format::Pretty | Format::Concise | Format::Jsonl | Format::Github)
    }
}

/// Writes a batch of drafts in a streaming format, without the summary.
pub fn render_batch(
    format: Format,
    reports: &[DraftReport],
    errors: &[InputError],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::render(reports, None, options, out),
        Format::Concise => concise::render(reports, None, out),
        Format::Github => {
            github::render_errors(errors, out)?;
            github::render(reports, None, out)
        }
        Format::Jsonl => json::render_jsonl(reports, errors, options.fields, out),
        Format::Json | Format::Sarif | Format::Junit | Format::Checkstyle => Err(io::Error::other(format!(
            "{format:?} output cannot be written in batches"
        ))),
    }
}

/// The closing summary of a streamed run.
pub fn render_summary(format: Format, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::summary_line(summary, out, true),
        Format::Concise | Format::Github => pretty::summary_line(summary, out, false),
        _ => Ok(()),
    }
}

/// `--statistics` as text: counts per rule (most frequent first), then the share of drafts each category failed,
/// then the conversations' responsiveness, overall and per page.
fn write_statistics(
    statistics: &crate::statistics::Statistics,
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for rule in &statistics.rules {
        writeln!(out, "{:>6}  {:<36} {}", rule.count, rule.rule, rule.severity)?;
    }
    if !statistics.categories.is_empty() {
        writeln!(out, "\nDrafts failed, by category (of {} drafts):", summary.drafts)?;
        for category in &statistics.categories {
            writeln!(
                out,
                "{:>6}  {:<36} {:>5.1} %",
                category.drafts_failed,
                category.category,
                category.share * 100.0
            )?;
        }
    }
    if let Some(overall) = &statistics.conversations {
        writeln!(out, "\nConversations:")?;
        writeln!(out, "  {}", responsiveness_line("all pages", overall))?;
        for page in &statistics.pages {
            writeln!(out, "  {}", responsiveness_line(&page.page, &page.figures))?;
        }
    }
    Ok(())
}

fn responsiveness_line(name: &str, figures: &crate::statistics::Responsiveness) -> String {
    let answered = figures
        .answered_share
        .map_or_else(|| "-".to_string(), |share| format!("{:.1} %", share * 100.0));
    let median = figures
        .median_first_response_seconds
        .map_or_else(|| "-".to_string(), crate::statistics::human_duration);
    format!(
        "{name:<24} {:>6} conversations, {answered} answered, median first response {median}",
        figures.conversations
    )
}
