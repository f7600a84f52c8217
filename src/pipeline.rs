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

/// Passes of fixing before giving up on reaching a fixed point.
const MAX_FIX_PASSES: usize = 8;

/// What fixing a source gave: the fixed text (a new source when anything changed) and its reports.
pub struct Fixed {
    pub source: Arc<SourceFile>,
    pub reports: Vec<DraftReport>,
    pub errors: Vec<InputError>,
}

/// Applies the fixes allowed (safe ones, and unsafe ones with `unsafe_fixes`) and checks again, until nothing
/// more applies: a fix can uncover another mistake, or two fixes overlap and only one applies per pass.
pub fn fix_source(
    source: Arc<SourceFile>,
    options: ParseOptions<'_>,
    settings: &Resolved,
    unsafe_fixes: bool,
) -> Fixed {
    let mut current = source;
    let mut result = check_source(&current, options, settings);
    for _ in 0..MAX_FIX_PASSES {
        let edits: Vec<_> = result
            .0
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| crate::fix::allowed(f.applicability, unsafe_fixes))
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        let (text, applied) = crate::fix::apply_edits(&current.text, &edits);
        if applied == 0 || text == current.text {
            break;
        }
        current = Arc::new(SourceFile::new(current.path.clone(), text));
        result = check_source(&current, options, settings);
    }
    Fixed {
        source: current,
        reports: result.0,
        errors: result.1,
    }
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
