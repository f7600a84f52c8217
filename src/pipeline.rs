//! From a source file to reports: parse it, check every draft (in parallel, in order), place the diagnostics.

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Resolved;
use crate::conversation::{Conversation, ConversationView};
use crate::input::{self, Draft, InputError, ParseOptions, SourceFile};
use crate::lint::Linter;
use crate::report::DraftReport;

/// From this many drafts in a run, regexes are built for a batch from their first use
/// ([`crate::engine::lazy_regex::expect_many_haystacks`]): what the light builds save on a handful of drafts, a batch
/// pays back twice when it compiles every pattern again after a few dozen drafts.
pub const BATCH_DRAFTS: usize = 64;

/// Called with the number of drafts (or records, or files) a run is about to check.
pub fn expect_drafts(count: usize) {
    if count >= BATCH_DRAFTS {
        crate::engine::lazy_regex::expect_many_haystacks();
    }
}

/// Checks every draft of a source, in parallel, keeping their order.
pub fn check_source(
    source: &Arc<SourceFile>,
    options: ParseOptions<'_>,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>) {
    let (reports, errors, _) = check_source_and_conversations(source, options, settings);
    (reports, errors)
}

/// [`check_source`], and every conversation the source holds (for `--statistics`: a conversation in which
/// nobody answered the customer may yield no report at all).
pub fn check_source_and_conversations(
    source: &Arc<SourceFile>,
    options: ParseOptions<'_>,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>, Vec<Arc<Conversation>>) {
    check_parsed(source, input::parse(source, options), settings)
}

/// Checks the drafts of a source already parsed, and gives the conversations they come from.
pub fn check_parsed(
    source: &Arc<SourceFile>,
    parsed: input::Parsed,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>, Vec<Arc<Conversation>>) {
    let linter = Linter {
        rules: &settings.rules,
        selection: &settings.selection,
        words: &settings.words,
    };
    expect_drafts(parsed.drafts.len());
    let conversations = conversations(&parsed.drafts);
    let (reports, errors) = check_drafts(&linter, source, parsed.drafts, parsed.errors, settings);
    (reports, errors, conversations)
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

/// The conversations drafts were taken from, once each, in order.
pub fn conversations(drafts: &[Draft]) -> Vec<Arc<Conversation>> {
    let mut conversations: Vec<Arc<Conversation>> = Vec::new();
    for transcript in drafts.iter().filter_map(|d| d.transcript.as_ref()) {
        if !conversations.last().is_some_and(|last| Arc::ptr_eq(last, transcript)) {
            conversations.push(transcript.clone());
        }
    }
    conversations
}

/// Checks drafts in parallel, in order; a draft that cannot be checked (an unknown channel) joins `errors`. Each
/// record error is given its place among the reports ([`crate::input::RecordRef::before`]): before the first draft
/// that comes after it in the source.
pub fn check_drafts(
    linter: &Linter<'_>,
    source: &Arc<SourceFile>,
    drafts: Vec<Draft>,
    errors: Vec<InputError>,
    settings: &Resolved,
) -> (Vec<DraftReport>, Vec<InputError>) {
    let starts: Vec<usize> = drafts.iter().map(|d| d.map.start(0)).collect();
    let results: Vec<Result<Option<DraftReport>, InputError>> = drafts
        .into_par_iter()
        .map(|draft| check_draft(linter, source, draft, settings))
        .collect();
    let (mut file_errors, mut pending): (Vec<InputError>, Vec<InputError>) =
        errors.into_iter().partition(|e| e.record.is_none());
    pending.sort_by_key(|e| e.record.as_ref().map_or(0, |r| r.offset));
    let mut pending = pending.into_iter().peekable();
    let mut reports = Vec::with_capacity(results.len());
    let mut placed: Vec<InputError> = Vec::new();
    for (result, start) in results.into_iter().zip(starts) {
        while let Some(error) = pending.next_if(|e| e.record.as_ref().is_some_and(|r| r.offset < start)) {
            place(error, reports.len(), &mut placed);
        }
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {}
            Err(error) if error.record.is_some() => place(error, reports.len(), &mut placed),
            Err(error) => file_errors.push(error),
        }
    }
    for error in pending {
        place(error, reports.len(), &mut placed);
    }
    file_errors.extend(placed);
    (reports, file_errors)
}

/// Puts a record error after `before` reports.
fn place(mut error: InputError, before: usize, placed: &mut Vec<InputError>) {
    if let Some(record) = error.record.as_mut() {
        record.before = before;
    }
    // The messages of a conversation share its channel: one error for the record, not one per message.
    let key = |e: &InputError| {
        (
            e.line,
            e.message.clone(),
            e.record.as_ref().map(|r| (r.kind, r.id.clone(), r.before)),
        )
    };
    let repeated = placed.last().is_some_and(|last| key(last) == key(&error));
    if !repeated {
        placed.push(error);
    }
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
    let record_error = |kind: crate::input::RecordErrorKind, message: String| {
        InputError::record(
            source,
            draft.map.start(0),
            kind,
            draft.id.clone(),
            !draft.line_id,
            format!("{message}; not checked"),
        )
    };
    if let Some(unknown) = settings.rules.unknown_names(&draft.ignore) {
        return Err(record_error(
            crate::input::RecordErrorKind::InvalidField,
            format!("`ignore`: {unknown}"),
        ));
    }
    options.ignore = draft.ignore.clone();
    if let Some(channel) = &draft.channel {
        if let Err(message) = settings.rules.channel(channel) {
            return Err(record_error(crate::input::RecordErrorKind::UnknownChannel, message));
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
