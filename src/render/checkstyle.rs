//! Checkstyle XML, which Jenkins, GitLab, reviewdog and many CI dashboards read: a `<file>` per source file, an
//! `<error>` per diagnostic, the rule id as `source`.

use std::io::{self, Write};

use super::xml;
use crate::input::InputError;
use crate::report::DraftReport;

pub fn render(reports: &[DraftReport], errors: &[InputError], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in reports.chunk_by(|a, b| a.source.path == b.source.path) {
        writeln!(out, r#"  <file name="{}">"#, xml::attr(&file[0].source.path))?;
        for report in file {
            // Records share a file: the message names the one it is about, and every message carries its draft's
            // score, which Checkstyle has no attribute for.
            let draft = super::draft_name(report).map_or(String::new(), |name| format!("{name}, "));
            let score = report
                .score
                .map_or(String::new(), |score| format!(" [{draft}score {score}/100]"));
            for d in &report.diagnostics {
                let message = format!("{}{score}", d.diagnostic.message);
                writeln!(
                    out,
                    r#"    <error line="{}" column="{}" severity="{}" message="{}" source="tact.{}"/>"#,
                    d.start.line,
                    d.start.column,
                    d.diagnostic.severity,
                    xml::attr(&message),
                    xml::attr(&d.diagnostic.rule),
                )?;
            }
        }
        writeln!(out, "  </file>")?;
    }
    // Records that could not be read, as errors of their file (`source` is `tact.input.KIND`).
    let records: Vec<&InputError> = errors.iter().filter(|e| e.is_record()).collect();
    for file in records.chunk_by(|a, b| a.path == b.path) {
        writeln!(out, r#"  <file name="{}">"#, xml::attr(&file[0].path))?;
        for error in file {
            let kind = error.record.as_ref().map_or("input", |r| r.kind.as_str());
            let message = match error.record.as_ref().and_then(|r| r.id.as_deref()) {
                Some(id) => format!("{} [{id}]", error.message),
                None => error.message.clone(),
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="error" message="{}" source="tact.input.{kind}"/>"#,
                error.line.unwrap_or(1),
                error.column.unwrap_or(1),
                xml::attr(&message),
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
