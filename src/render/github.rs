//! GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request's diff
//! (`::warning file=…,line=…::message`), then a plain summary line for the log.

use std::io::{self, Write};

use crate::input::InputError;
use crate::model::Severity;
use crate::report::{DraftReport, Summary};

pub fn render(reports: &[DraftReport], summary: Option<&Summary>, out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        let path = super::portable_path(&report.source.path);
        let context = match (super::draft_name(report), report.score) {
            (Some(name), Some(score)) => format!(" (draft {name}, score {score}/100)"),
            (Some(name), None) => format!(" (draft {name})"),
            (None, Some(score)) => format!(" (score {score}/100)"),
            (None, None) => String::new(),
        };
        for d in &report.diagnostics {
            let command = match d.diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (end_line, end_column) = super::span_end(report, d);
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
                property(&path),
                d.start.line,
                d.start.column,
                property(&d.diagnostic.rule),
                data(&format!("{}{context}", d.diagnostic.message)),
            )?;
        }
    }
    summary.map_or(Ok(()), |summary| super::pretty::summary_line(summary, out, false))
}

/// Records that could not be checked, as error annotations where they are.
pub fn render_errors(errors: &[InputError], out: &mut dyn Write) -> io::Result<()> {
    for error in errors.iter().filter(|e| e.is_record()) {
        let mut at = format!("file={}", property(&super::portable_path(&error.path)));
        if let Some(line) = error.line {
            at.push_str(&format!(",line={line}"));
        }
        if let Some(column) = error.column {
            at.push_str(&format!(",col={column}"));
        }
        let kind = error.record.as_ref().map_or("input", |r| r.kind.as_str());
        writeln!(out, "::error {at},title=input.{kind}::{}", data(&error.to_string()))?;
    }
    Ok(())
}

/// A command's message: GitHub decodes `%25`, `%0D` and `%0A`.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value, where `:` and `,` would end the value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_decodes() {
        assert_eq!(data("100% sure\r\nok: yes, no"), "100%25 sure%0D%0Aok: yes, no");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
