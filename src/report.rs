//! Checked drafts with their diagnostics placed in the source file: what every renderer is fed.

use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::input::{Draft, SourceFile};
use crate::lint::Checked;
use crate::model::{Author, Lang, Role, Severity};

/// A place in the source file: 1-based line, 1-based column in Unicode scalar values, 0-based UTF-8 byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// A place in the draft's own text (a record's `text` as tact read it): 0-based UTF-8 byte offset and 0-based count
/// of Unicode scalar values before it. Unlike [`Position`], it does not depend on where the record sits in its file
/// or stream, nor on how the file escapes the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DraftPosition {
    pub byte: usize,
    pub char: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DraftRange {
    pub start: DraftPosition,
    pub end: DraftPosition,
}

impl DraftRange {
    /// The range of the bytes `start..end` of `text`.
    pub fn of(text: &str, start: usize, end: usize) -> DraftRange {
        let at = |byte: usize| {
            let byte = crate::document::floor_char_boundary(text, byte.min(text.len()));
            DraftPosition {
                byte,
                char: text[..byte].chars().count(),
            }
        };
        let start = at(start);
        let end = at(end.max(start.byte));
        DraftRange { start, end }
    }
}

/// A fix edit in the draft's own terms: the range it replaces and the replacement as the text reads (unescaped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DraftEdit {
    #[serde(flatten)]
    pub range: DraftRange,
    pub replacement: String,
}

#[derive(Clone, Debug)]
pub struct Located {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    /// The span in the draft's own text.
    pub draft: DraftRange,
    /// The fix's edits in the draft's own text, one per edit of `fix`.
    pub draft_edits: Vec<DraftEdit>,
    /// The flagged text as the draft has it (escapes decoded).
    pub text: String,
    /// The fix with offsets into the file and replacements written as the file needs them.
    pub fix: Option<Fix>,
}

#[derive(Debug)]
pub struct DraftReport {
    pub source: Arc<SourceFile>,
    pub draft: Draft,
    pub lang: Lang,
    /// The code of a language tact does not check (see [`crate::lint::Checked::unchecked_lang`]).
    pub unchecked_lang: Option<&'static str>,
    pub role: Role,
    pub author: Author,
    pub channel: Option<String>,
    /// `None` for records that are not drafts (a customer message carrying a conversation diagnostic).
    pub score: Option<u8>,
    pub passed: bool,
    /// The threshold the draft was judged by.
    pub fail_on: crate::model::FailOn,
    pub diagnostics: Vec<Located>,
    min_score: Option<u8>,
}

impl DraftReport {
    pub fn new(source: Arc<SourceFile>, draft: Draft, checked: Checked) -> DraftReport {
        let diagnostics = checked
            .diagnostics
            .into_iter()
            .map(|d| locate(&source, &draft, d))
            .collect();
        DraftReport {
            source,
            draft,
            lang: checked.lang,
            unchecked_lang: checked.unchecked_lang,
            role: checked.role,
            author: checked.author,
            channel: checked.channel,
            score: Some(checked.score),
            passed: checked.passed,
            fail_on: checked.fail_on,
            diagnostics,
            min_score: checked.min_score,
        }
    }

    /// Scores and judges the draft again on the diagnostics it has now (some were taken out by a baseline).
    pub fn rejudge(&mut self) {
        let (score, passed) = crate::lint::judge(
            self.diagnostics.iter().map(|d| &d.diagnostic),
            self.fail_on,
            self.min_score,
        );
        self.score = self.score.map(|_| score);
        self.passed = passed;
    }

    /// How the draft is named in output: `path`, `path#id` or `path#conversation/message`.
    pub fn label(&self) -> String {
        match (&self.draft.conversation, self.draft.message, &self.draft.id) {
            (Some(conversation), Some(message), _) => {
                format!("{}#{conversation}/{message}", self.source.path)
            }
            (_, _, Some(id)) => format!("{}#{id}", self.source.path),
            _ => self.source.path.clone(),
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == severity)
            .count()
    }
}

fn position(source: &SourceFile, offset: usize) -> Position {
    let lc = source.line_column(offset);
    Position {
        line: lc.line,
        column: lc.column,
        offset: source.base_offset + offset,
    }
}

fn locate(source: &SourceFile, draft: &Draft, diagnostic: Diagnostic) -> Located {
    let range = draft.map.range(&diagnostic.span);
    let text = draft.text.get(diagnostic.span.clone()).unwrap_or_default().to_string();
    let fix = diagnostic.fix.as_ref().map(|fix| Fix {
        applicability: fix.applicability,
        edits: fix
            .edits
            .iter()
            .map(|edit| {
                let r = draft.map.range(&(edit.start..edit.end));
                // In the stream's terms, like every position of a window of it.
                Edit {
                    start: source.base_offset + r.start,
                    end: source.base_offset + r.end,
                    replacement: draft.map.escaping.escape(&edit.replacement),
                }
            })
            .collect(),
    });
    let draft_edits = diagnostic
        .fix
        .iter()
        .flat_map(|fix| &fix.edits)
        .map(|edit| DraftEdit {
            range: DraftRange::of(&draft.text, edit.start, edit.end),
            replacement: edit.replacement.clone(),
        })
        .collect();
    Located {
        start: position(source, range.start),
        end: position(source, range.end),
        draft: DraftRange::of(&draft.text, diagnostic.span.start, diagnostic.span.end),
        draft_edits,
        text,
        fix,
        diagnostic,
    }
}

/// Totals over a run, for the summary line and `--format json`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub drafts: usize,
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Customer messages of conversations that a rule flagged (an unanswered question); they have no score.
    pub customer_messages: usize,
    /// Files or records that could not be read.
    pub input_errors: usize,
    /// Files whose fixes could not be written (`--fix`): they are reported as they are on disk.
    pub write_errors: usize,
    pub average_score: Option<f64>,
    /// What a baseline hid (`--baseline`); absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::baseline::BaselineSummary>,
}

impl Summary {
    pub fn new(reports: &[DraftReport], files: usize, input_errors: usize) -> Summary {
        let mut summary = Summary {
            files,
            input_errors,
            ..Summary::default()
        };
        let mut total_score = 0u64;
        for report in reports {
            summary.add(report, &mut total_score);
        }
        summary.finish(total_score);
        summary
    }

    /// Counts one report; `finish` computes the average once every report is in (reports may be streamed).
    pub fn add(&mut self, report: &DraftReport, total_score: &mut u64) {
        match report.score {
            Some(score) => {
                self.drafts += 1;
                *total_score += u64::from(score);
                if report.passed {
                    self.passed += 1;
                } else {
                    self.failed += 1;
                }
            }
            None => self.customer_messages += 1,
        }
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
    }

    pub fn finish(&mut self, total_score: u64) {
        self.average_score = (self.drafts > 0).then(|| (total_score as f64 / self.drafts as f64 * 10.0).round() / 10.0);
    }
}
