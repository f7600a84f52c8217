//! For people at a terminal: the excerpt with the span underlined, the rule, message and help, then the score.

use std::io::{self, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use super::RenderOptions;
use crate::document::{ceil_char_boundary, floor_char_boundary};
use crate::model::Severity;
use crate::report::{DraftReport, Located, Summary};

/// Lines longer than this are shown as a window around the span.
const MAX_EXCERPT_BYTES: usize = 2000;
const WINDOW_BYTES: usize = 160;

pub fn render(
    reports: &[DraftReport],
    summary: Option<&Summary>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = Renderer::styled().term_width(terminal_width());
    for report in reports {
        if report.diagnostics.is_empty() && !options.show_scores {
            continue;
        }
        let label = report.label();
        for located in &report.diagnostics {
            write_diagnostic(&renderer, report, &label, located, options, out)?;
        }
        write_score(report, &label, out)?;
    }
    summary.map_or(Ok(()), |summary| summary_line(summary, out, true))
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

fn write_diagnostic(
    renderer: &Renderer,
    report: &DraftReport,
    label: &str,
    located: &Located,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let source = &report.source;
    let text = source.text.as_str();
    let lines = &source.lines;
    let first_line = source.local_line(located.start.line) - 1;
    let last_line = (source.local_line(located.end.line) - 1).max(first_line);
    let mut excerpt_start = lines.line_start(first_line);
    let mut excerpt_end = if last_line + 1 < lines.line_count() {
        lines.line_start(last_line + 1)
    } else {
        text.len()
    };
    let mut line_start = located.start.line;
    let (mut span_start, mut span_end) = (
        source.local_offset(located.start.offset),
        source.local_offset(located.end.offset.max(located.start.offset)),
    );
    if excerpt_end - excerpt_start > MAX_EXCERPT_BYTES {
        excerpt_start = floor_char_boundary(text, span_start.saturating_sub(WINDOW_BYTES).max(excerpt_start));
        span_end = span_end.min(span_start + MAX_EXCERPT_BYTES);
        excerpt_end = ceil_char_boundary(text, (span_end + WINDOW_BYTES).min(excerpt_end));
        span_end = ceil_char_boundary(text, span_end);
        line_start = lines.line_of(excerpt_start) + 1 + source.base_line;
    }
    let excerpt = text[excerpt_start..excerpt_end].trim_end_matches(['\n', '\r']);
    span_start -= excerpt_start;
    span_end = (span_end - excerpt_start).min(excerpt.len()).max(span_start);
    if span_start == span_end {
        let next = excerpt[span_start..].chars().next().map_or(0, char::len_utf8);
        span_end = span_start + next;
    }
    let (excerpt, span) = as_displayed(excerpt, span_start..span_end);
    let d = &located.diagnostic;
    let suggestion_text = format!(
        "did you mean: {}",
        d.suggestions
            .iter()
            .take(5)
            .map(|s| format!("“{s}”"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut message = level(d.severity).title(&d.message).id(&d.rule).snippet(
        Snippet::source(&excerpt)
            .line_start(line_start)
            .origin(label)
            .fold(true)
            .annotation(level(d.severity).span(span)),
    );
    if !d.suggestions.is_empty() {
        message = message.footer(Level::Help.title(&suggestion_text));
    }
    if options.show_help && !d.help.is_empty() {
        message = message.footer(Level::Note.title(&d.help));
    }
    let rendered = renderer.render(message).to_string();
    writeln!(out, "{rendered}\n")
}

/// The excerpt as a terminal shows it, so that the underline falls under the span: the snippet renderer counts a
/// tab as one column and every emoji of a modifier or ZWJ sequence as two, where a terminal shows four columns and
/// one emoji. Tabs become four spaces and a sequence its base emoji; the span moves with them.
fn as_displayed(excerpt: &str, span: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let hidden = |c: char| matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE0E}' | '\u{FE0F}');
    if !excerpt.contains(|c: char| c == '\t' || c == '\u{200D}' || hidden(c)) {
        return (excerpt.to_string(), span);
    }
    let mut out = String::with_capacity(excerpt.len() + 8);
    let (mut start, mut end) = (None, None);
    let mut after_joiner = false;
    for (at, c) in excerpt.char_indices() {
        if at >= span.start && start.is_none() {
            start = Some(out.len());
        }
        if at >= span.end && end.is_none() {
            end = Some(out.len());
        }
        match c {
            '\t' => out.push_str("    "),
            '\u{200D}' => after_joiner = true,
            c if hidden(c) => {}
            _ if after_joiner => after_joiner = false,
            c => out.push(c),
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    // A span made only of hidden characters still gets its mark: the character before it.
    let start = if start == end && start > 0 && !span.is_empty() {
        floor_char_boundary(&out, start - 1)
    } else {
        start
    };
    (out, start..end)
}

/// Columns of the terminal on stdout (`COLUMNS` where it is set, else the terminal's own size), for the width of
/// excerpts; 140 when it cannot be told.
fn terminal_width() -> usize {
    const DEFAULT: usize = 140;
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse::<usize>().ok()) {
        return columns.max(20);
    }
    #[cfg(unix)]
    {
        // SAFETY: TIOCGWINSZ only writes a `winsize` through the pointer, which points at one.
        let mut size: libc::winsize = unsafe { std::mem::zeroed() };
        if unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0 && size.ws_col > 0 {
            return usize::from(size.ws_col).max(20);
        }
    }
    DEFAULT
}

fn write_score(report: &DraftReport, label: &str, out: &mut dyn Write) -> io::Result<()> {
    let Some(score) = report.score else {
        return Ok(());
    };
    let colour = match score {
        90..=100 => AnsiColor::Green,
        70..=89 => AnsiColor::Yellow,
        _ => AnsiColor::Red,
    };
    let style = Style::new().fg_color(Some(colour.into())).bold();
    let verdict = if report.passed { "passed" } else { "failed" };
    writeln!(out, "{label}: score {style}{score}/100{style:#} ({verdict})\n")
}

pub fn summary_line(summary: &Summary, out: &mut dyn Write, styled: bool) -> io::Result<()> {
    let style = if styled { Style::new().bold() } else { Style::new() };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{} checked: {} passed, {} failed; {}, {}, {}",
        plural(summary.drafts, "draft"),
        summary.passed,
        summary.failed,
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
    );
    if let Some(average) = summary.average_score {
        line.push_str(&format!("; average score {average}"));
    }
    if summary.customer_messages > 0 {
        line.push_str(&format!(
            "; {} flagged",
            plural(summary.customer_messages, "customer message")
        ));
    }
    if summary.input_errors > 0 {
        line.push_str(&format!(
            "; {} could not be read",
            plural(summary.input_errors, "input")
        ));
    }
    if summary.write_errors > 0 {
        line.push_str(&format!(
            "; {} could not be written",
            plural(summary.write_errors, "fixed file")
        ));
    }
    if let Some(baseline) = &summary.baseline {
        line.push_str(&format!("; {}", baseline.describe()));
    }
    writeln!(out, "{style}{line}.{style:#}")
}

#[cfg(test)]
mod tests {
    use super::as_displayed;

    #[test]
    fn underline_follows_tabs_and_emoji_sequences() {
        let text = "\tthe the";
        let (shown, span) = as_displayed(text, 1..8);
        assert_eq!(&shown[span], "the the");
        let text = "Hi 👍🏽 and 👨‍👩‍👧 the the";
        let at = text.find("the the").unwrap();
        let (shown, span) = as_displayed(text, at..at + 7);
        assert_eq!(shown, "Hi 👍 and 👨 the the");
        assert_eq!(&shown[span], "the the");
    }
}
