//! One renderer per output format, all fed the same [`DraftReport`]s.

mod concise;
mod json;
mod pretty;

use std::io::{self, Write};

use crate::report::{DraftReport, Summary};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Concise,
    Json,
    Jsonl,
}

pub struct RenderOptions {
    /// Print the help text under each diagnostic (pretty format).
    pub show_help: bool,
    /// Print every draft's score, not only those with diagnostics.
    pub show_scores: bool,
    pub statistics: bool,
}

pub fn render(
    format: Format,
    reports: &[DraftReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::render(reports, summary, options, out),
        Format::Concise => concise::render(reports, summary, out),
        Format::Json => json::render_json(reports, summary, out),
        Format::Jsonl => json::render_jsonl(reports, out),
    }?;
    if options.statistics && !matches!(format, Format::Json | Format::Jsonl) {
        statistics(reports, out)?;
    }
    Ok(())
}

/// Counts per rule, most frequent first (`--statistics`).
fn statistics(reports: &[DraftReport], out: &mut dyn Write) -> io::Result<()> {
    let mut counts: Vec<(String, usize, String)> = Vec::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        match counts
            .iter_mut()
            .find(|(rule, _, _)| **rule == *d.diagnostic.rule)
        {
            Some(entry) => entry.1 += 1,
            None => counts.push((
                d.diagnostic.rule.to_string(),
                1,
                d.diagnostic.severity.to_string(),
            )),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (rule, count, severity) in counts {
        writeln!(out, "{count:>6}  {rule:<36} {severity}")?;
    }
    Ok(())
}
