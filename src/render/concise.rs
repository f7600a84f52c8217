//! `path:line:col: severity[rule] message`, one line per diagnostic, then `path: score N/100 (passed|failed)` for
//! each draft that has any: for grep, editors and CI logs.

use std::io::{self, Write};

use crate::report::{DraftReport, Located, Summary};

pub fn render(reports: &[DraftReport], summary: Option<&Summary>, out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            writeln!(out, "{}", line(report, d))?;
        }
        // A draft with something to say closes with its score; a clean draft's is 100.
        if let (Some(score), false) = (report.score, report.diagnostics.is_empty()) {
            let verdict = if report.passed { "passed" } else { "failed" };
            writeln!(out, "{}: score {score}/100 ({verdict})", report.label())?;
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
