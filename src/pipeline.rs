//! From a source file to reports: parse it, check every draft (in parallel, in order), place the diagnostics.

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Resolved;
use crate::conversation::ConversationView;
use crate::input::{self, Draft, InputError, ParseOptions, SourceFile};
use crate::lint::Linter;
use crate::report::DraftReport;

/// Checks every draft of a source, in parallel, keeping their order.
pub fn check_source(
    source: &Arc<SourceFile>,
    options: ParseOptions<'_>,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>) {
    check_parsed(source, input::parse(source, options), settings)
}

/// Checks the drafts of a source already parsed.
pub fn check_parsed(
    source: &Arc<SourceFile>,
    parsed: input::Parsed,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>) {
    let linter = Linter {
        rules: &settings.rules,
        selection: &settings.selection,
        words: &settings.words,
    };
    check_drafts(&linter, source, parsed.drafts, parsed.errors, settings)
}

/// Checks drafts in parallel, in order; a draft that cannot be checked (an unknown channel) joins `errors`.
pub fn check_drafts(
    linter: &Linter<'_>,
    source: &Arc<SourceFile>,
    drafts: Vec<Draft>,
    mut errors: Vec<InputError>,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>) {
    let results: Vec<Result<Option<DraftReport>, InputError>> = drafts
        .into_par_iter()
        .map(|draft| check_draft(linter, source, draft, settings))
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    (reports, errors)
}

/// One draft, alone or in its conversation; a customer message yields a report only when a rule has something to
/// say about it.
pub fn check_draft(
    linter: &Linter<'_>,
    source: &Arc<SourceFile>,
    draft: Draft,
    settings: &Resolved,
) -> Result<Option<DraftReport>, InputError> {
    let mut options = settings.draft.clone();
    let record_error = |message: String| {
        let name = draft
            .id
            .as_deref()
            .map_or(String::new(), |id| format!("record `{id}`: "));
        InputError::at(source, draft.map.start(0), format!("{name}{message}; not checked"))
    };
    if let Some(unknown) = settings.rules.unknown_names(&draft.ignore) {
        return Err(record_error(format!("`ignore`: {unknown}")));
    }
    options.ignore = draft.ignore.clone();
    if let Some(channel) = &draft.channel {
        if let Err(message) = settings.rules.channel(channel) {
            return Err(record_error(message));
        }
        options.channel = Some(channel.clone());
    }
    if draft.lang.is_some() {
        options.lang = draft.lang;
    }
    if let Some(role) = draft.role {
        options.role = role;
    }
    if let Some(author) = draft.author {
        options.author = author;
    }
    let view = match (&draft.transcript, draft.message) {
        (Some(transcript), Some(message)) => Some(ConversationView {
            conversation: transcript,
            index: message - 1,
        }),
        _ => None,
    };
    let customer = view.is_some_and(|v| !v.message().speaker.is_outgoing());
    let checked = linter.check_message(&draft.text, &options, view);
    if customer {
        if checked.diagnostics.is_empty() {
            return Ok(None);
        }
        let mut report = DraftReport::new(source.clone(), draft, checked);
        report.score = None;
        return Ok(Some(report));
    }
    Ok(Some(DraftReport::new(source.clone(), draft, checked)))
}
