//! `--format json` and `--format jsonl`: the stable interface for programs and agents (see the README). The
//! per-draft object ([`draft_json`]) and the per-record error object ([`error_json`]) are what every JSON-speaking
//! front end (the command line, servers) writes; `tact schema` prints their JSON Schema.

use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::diagnostic::Applicability;
use crate::input::InputError;
use crate::report::{DraftEdit, DraftReport, Located, Summary};

/// The JSON Schema of the output (`tact schema`): draft records, error records, the `--format json` document.
pub const SCHEMA: &str = include_str!("schema.json");

/// The fields of a diagnostic object, in output order.
pub const DIAGNOSTIC_FIELDS: &[&str] = &[
    "rule",
    "category",
    "severity",
    "message",
    "help",
    "start",
    "end",
    "draft",
    "text",
    "suggestions",
    "fix",
];

/// Which diagnostic fields to write (`--fields`): a table of findings rarely needs the help text repeated in every
/// row, nor positions in a file it never opens. `rule` is always written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields(u16);

impl Default for Fields {
    fn default() -> Fields {
        Fields::ALL
    }
}

impl Fields {
    pub const ALL: Fields = Fields((1 << DIAGNOSTIC_FIELDS.len()) - 1);

    /// A comma-separated list of names from [`DIAGNOSTIC_FIELDS`].
    pub fn parse(names: &[String]) -> Result<Fields, String> {
        let mut mask = 1; // rule
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let index = DIAGNOSTIC_FIELDS.iter().position(|f| *f == name).ok_or_else(|| {
                format!(
                    "unknown diagnostic field `{name}` in --fields (expected some of: {})",
                    DIAGNOSTIC_FIELDS.join(", ")
                )
            })?;
            mask |= 1 << index;
        }
        Ok(Fields(mask))
    }

    fn has(self, name: &str) -> bool {
        DIAGNOSTIC_FIELDS
            .iter()
            .position(|f| *f == name)
            .is_some_and(|index| self.0 & (1 << index) != 0)
    }
}

#[derive(Serialize)]
pub struct DraftJson<'a> {
    pub source: &'a str,
    pub id: Option<&'a str>,
    /// The 1-based line (of the file or stream) where the draft's text starts: a JSON Lines record's line.
    pub line: usize,
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

pub struct DiagnosticJson<'a> {
    pub located: &'a Located,
    pub fields: Fields,
}

#[derive(Serialize)]
struct FixJson<'a> {
    applicability: Applicability,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
    draft: &'a DraftEdit,
}

impl Serialize for DiagnosticJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.located;
        let fields = self.fields;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("rule", &*d.diagnostic.rule)?;
        macro_rules! entry {
            ($name:literal, $value:expr) => {
                if fields.has($name) {
                    map.serialize_entry($name, $value)?;
                }
            };
        }
        entry!("category", d.diagnostic.category.as_str());
        entry!("severity", d.diagnostic.severity.as_str());
        entry!("message", &d.diagnostic.message);
        entry!("help", &*d.diagnostic.help);
        entry!("start", &d.start);
        entry!("end", &d.end);
        entry!("draft", &d.draft);
        entry!("text", &d.text);
        entry!("suggestions", &d.diagnostic.suggestions);
        if fields.has("fix") {
            let fix = d.fix.as_ref().map(|fix| FixJson {
                applicability: fix.applicability,
                edits: fix
                    .edits
                    .iter()
                    .zip(&d.draft_edits)
                    .map(|(edit, draft)| EditJson {
                        start: edit.start,
                        end: edit.end,
                        replacement: &edit.replacement,
                        draft,
                    })
                    .collect(),
            });
            map.serialize_entry("fix", &fix)?;
        }
        map.end()
    }
}

pub fn draft_json(report: &DraftReport, fields: Fields) -> DraftJson<'_> {
    DraftJson {
        source: &report.source.path,
        id: report.draft.id.as_deref(),
        line: report.source.line_column(report.draft.map.start(0)).line,
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
            .map(|located| DiagnosticJson { located, fields })
            .collect(),
    }
}

/// A record that could not be checked, in the place its draft would have had.
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    pub source: &'a str,
    pub id: Option<&'a str>,
    pub line: Option<usize>,
    pub error: ErrorDetail<'a>,
}

#[derive(Serialize)]
pub struct ErrorDetail<'a> {
    pub kind: &'a str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

pub fn error_json(error: &InputError) -> ErrorJson<'_> {
    ErrorJson {
        source: &error.path,
        id: error.record.as_ref().and_then(|r| r.id.as_deref()),
        line: error.line,
        error: ErrorDetail {
            kind: error.record.as_ref().map_or("input", |r| r.kind.as_str()),
            message: &error.message,
            column: error.column,
        },
    }
}

/// Each draft's object, and each record error's in its place (see [`crate::input::RecordRef::before`]).
pub fn render_jsonl(
    reports: &[DraftReport],
    errors: &[InputError],
    fields: Fields,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut errors = errors.iter().filter(|e| e.record.is_some()).peekable();
    for (index, report) in reports.iter().enumerate() {
        while let Some(error) = errors.next_if(|e| e.record.as_ref().is_some_and(|r| r.before <= index)) {
            serde_json::to_writer(&mut *out, &error_json(error))?;
            out.write_all(b"\n")?;
        }
        serde_json::to_writer(&mut *out, &draft_json(report, fields))?;
        out.write_all(b"\n")?;
    }
    for error in errors {
        serde_json::to_writer(&mut *out, &error_json(error))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub fn render_json(
    reports: &[DraftReport],
    errors: &[InputError],
    summary: &Summary,
    statistics: Option<&crate::statistics::Statistics>,
    fields: Fields,
    out: &mut dyn Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        drafts: Vec<DraftJson<'a>>,
        /// Records that could not be checked; absent when there are none, as before it existed.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        errors: Vec<ErrorJson<'a>>,
        summary: &'a Summary,
        #[serde(skip_serializing_if = "Option::is_none")]
        statistics: Option<&'a crate::statistics::Statistics>,
    }
    let document = Document {
        version: 1,
        drafts: reports.iter().map(|r| draft_json(r, fields)).collect(),
        errors: errors.iter().filter(|e| e.record.is_some()).map(error_json).collect(),
        summary,
        statistics,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}
