//! JUnit XML, the test-report format every CI service displays: a `<testsuite>` per source file, a `<testcase>` per
//! draft, and a `<failure>` listing the diagnostics of each draft that failed.

use std::io::{self, Write};

use super::xml;
use crate::input::InputError;
use crate::model::Severity;
use crate::report::DraftReport;

pub fn render(reports: &[DraftReport], errors: &[InputError], out: &mut dyn Write) -> io::Result<()> {
    // Unreadable files are not test cases: they are reported on stderr and the run exits 2. Unreadable records
    // are test cases in error, in a suite of their own per file.
    let records: Vec<&InputError> = errors.iter().filter(|e| e.is_record()).collect();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="tact" tests="{}" failures="{}" errors="{}">"#,
        reports.len() + records.len(),
        reports.iter().filter(|r| !r.passed).count(),
        records.len()
    )?;
    for file in reports.chunk_by(|a, b| a.source.path == b.source.path) {
        let path = xml::attr(&file[0].source.path);
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            file.len(),
            file.iter().filter(|r| !r.passed).count()
        )?;
        for report in file {
            let name = super::draft_name(report).unwrap_or_else(|| report.source.path.clone());
            write!(out, r#"    <testcase name="{}" classname="{path}""#, xml::attr(&name))?;
            if report.passed && report.diagnostics.is_empty() {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            let verdict = verdict(report);
            let listing = listing(report);
            if report.passed {
                // Diagnostics below the failing threshold: kept visible without failing the case.
                writeln!(out, "      <system-out>{}</system-out>", xml::text(&listing))?;
            } else {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="tact">{}</failure>"#,
                    xml::attr(&verdict),
                    xml::text(&listing)
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    for file in records.chunk_by(|a, b| a.path == b.path) {
        let path = xml::attr(&file[0].path);
        writeln!(
            out,
            r#"  <testsuite name="{path} (unreadable records)" tests="{0}" failures="0" errors="{0}" skipped="0">"#,
            file.len()
        )?;
        for error in file {
            let record = error.record.as_deref();
            let name = record
                .and_then(|r| r.id.clone())
                .or_else(|| error.line.map(|line| format!("line {line}")))
                .unwrap_or_default();
            let kind = record.map_or("input", |r| r.kind.as_str());
            writeln!(out, r#"    <testcase name="{}" classname="{path}">"#, xml::attr(&name))?;
            writeln!(
                out,
                r#"      <error message="{}" type="{kind}">{}</error>"#,
                xml::attr(&error.message),
                xml::text(&error.to_string())
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// `score 64/100: 1 warning, 2 infos`.
fn verdict(report: &DraftReport) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let counts = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ]
    .iter()
    .map(|(severity, word)| (report.count(*severity), *word))
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| plural(n, word))
    .collect::<Vec<_>>()
    .join(", ");
    match (report.score, counts.is_empty()) {
        (Some(score), true) => format!("score {score}/100"),
        (Some(score), false) => format!("score {score}/100: {counts}"),
        (None, _) => counts,
    }
}

/// One line per diagnostic, as the concise format writes them, then the score.
fn listing(report: &DraftReport) -> String {
    let mut text = String::new();
    for d in &report.diagnostics {
        text.push_str(&super::concise::line(report, d));
        text.push('\n');
    }
    if let Some(score) = report.score {
        text.push_str(&format!("score {score}/100\n"));
    }
    text
}
