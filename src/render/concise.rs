//! `path:line:col: severity[rule] message`, one line per diagnostic: for grep, editors and CI logs.

use std::io::{self, Write};

use crate::report::{DraftReport, Located, Summary};

pub fn render(reports: &[DraftReport], summary: Option<&Summary>, out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            writeln!(out, "{}", line(report, d))?;
        }
    }
    summary.map_or(Ok(()), |summary| super::pretty::summary_line(summary, out, false))
}

/// One diagnostic as `path:line:col: severity[rule] message`, without the newline.
pub(super) fn line(report: &DraftReport, d: &Located) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        report.source.path,
        d.start.line,
        d.start.column,
        d.diagnostic.severity,
        d.diagnostic.rule,
        d.diagnostic.message
    )
}
