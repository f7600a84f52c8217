//! Properties every input keeps, whatever its bytes: asserted by the fuzz targets (`fuzz/fuzz_targets/`, run with
//! `cargo +nightly fuzz run TARGET`) and, on generated inputs, by `tests/properties.rs` in `cargo test`.

// Each fuzz target and tests/properties.rs use their own part of this file.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use tact::config::{resolve, CliOverrides, Resolved};
use tact::input::{parse, InputFormat, ParseOptions, SourceFile};
use tact::pipeline::check_parsed;
use tact::report::DraftReport;

/// The formats a fuzz input picks from with its first byte.
pub const FORMATS: [InputFormat; 6] = [
    InputFormat::Text,
    InputFormat::Markdown,
    InputFormat::Jsonl,
    InputFormat::Json,
    InputFormat::Yaml,
    InputFormat::Csv,
];

/// The built-in rules with default settings, built once per process.
pub fn settings() -> &'static Resolved {
    static SETTINGS: OnceLock<Resolved> = OnceLock::new();
    SETTINGS.get_or_init(|| resolve(None, None, &[], &CliOverrides::default()).expect("the built-in rules load"))
}

/// Builds the rules and compiles what the first drafts of each language need, so that a fuzz run's timeout measures
/// one input's work and not the process's warm-up.
pub fn warm_up() {
    for text in [
        "Hi Sam, thanks for the the update; you will recieve it tommorow. Best, Jo",
        "Bonjour Anne, votre comande est est partie. Cordialement, Léa",
        "{\"text\": \"Hi\"}",
    ] {
        for format in FORMATS {
            let _ = read_and_check(text.as_bytes(), format);
        }
    }
}

/// Splits a fuzz input into a format and the file's bytes.
pub fn split(data: &[u8]) -> (InputFormat, &[u8]) {
    match data.split_first() {
        Some((first, rest)) => (FORMATS[usize::from(*first) % FORMATS.len()], rest),
        None => (InputFormat::Text, data),
    }
}

/// Reads and checks a file's bytes in a format: no panic, and every diagnostic and fix edit lies inside the file, on
/// character boundaries, with the line and column of its offset. Returns the reports (`None`: the file is refused).
pub fn read_and_check(bytes: &[u8], format: InputFormat) -> Option<(Arc<SourceFile>, Vec<DraftReport>, usize)> {
    let source = Arc::new(SourceFile::from_bytes("fuzz", bytes.to_vec()).ok()?);
    let parsed = parse(
        &source,
        ParseOptions {
            format,
            ..ParseOptions::default()
        },
    );
    let read_errors = parsed.errors.len();
    for draft in &parsed.drafts {
        let whole = draft.map.range(&(0..draft.text.len()));
        assert!(
            whole.start <= whole.end && whole.end <= source.text.len(),
            "draft maps outside the file: {whole:?}"
        );
    }
    let (reports, errors, _) = check_parsed(&source, parsed, settings());
    for report in &reports {
        for located in &report.diagnostics {
            for position in [located.start, located.end] {
                assert!(
                    position.offset <= source.text.len(),
                    "{} past the end",
                    located.diagnostic.rule
                );
                assert!(
                    source.text.is_char_boundary(position.offset),
                    "{} splits a character",
                    located.diagnostic.rule
                );
                let lc = source.line_column(position.offset);
                assert_eq!(
                    (lc.line, lc.column),
                    (position.line, position.column),
                    "{}",
                    located.diagnostic.rule
                );
            }
            assert!(
                located.start.offset <= located.end.offset,
                "{} ends before it starts",
                located.diagnostic.rule
            );
            for edit in located.fix.iter().flat_map(|f| &f.edits) {
                assert!(
                    edit.start <= edit.end && edit.end <= source.text.len(),
                    "edit outside the file"
                );
                assert!(source.text.is_char_boundary(edit.start) && source.text.is_char_boundary(edit.end));
            }
        }
    }
    Some((source, reports, read_errors + errors.len()))
}

/// The safe fixes of a text applied until nothing changes (as `tact check --fix` does, at most 8 passes).
pub fn fixed(text: &str, format: InputFormat) -> String {
    let mut current = text.to_string();
    for _ in 0..8 {
        let Some((_, reports, _)) = read_and_check(current.as_bytes(), format) else {
            break;
        };
        let edits: Vec<_> = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| tact::fix::allowed(f.applicability, false))
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        let (next, applied) = tact::fix::apply_edits(&current, &edits);
        if applied == 0 || next == current {
            break;
        }
        current = next;
    }
    current
}

/// Fixing keeps a file what it was: a file that read without errors still does, with as many drafts; and fixing the
/// fixed file again changes nothing.
pub fn fix_is_stable(bytes: &[u8], format: InputFormat) {
    let Some((source, reports, errors)) = read_and_check(bytes, format) else {
        return;
    };
    let once = fixed(&source.text, format);
    if once == source.text {
        return;
    }
    if errors == 0 {
        let (_, after, errors_after) = read_and_check(once.as_bytes(), format).expect("the fixed file reads");
        assert_eq!(errors_after, 0, "fixing broke the file:\n{once}");
        let drafts = |r: &[DraftReport]| r.iter().filter(|r| r.score.is_some()).count();
        assert_eq!(drafts(&after), drafts(&reports), "fixing changed the number of drafts");
    }
    let twice = fixed(&once, format);
    assert_eq!(twice, once, "fixing the fixed text changed it again");
}

/// A rule pack of any text loads or is refused with an error; the rules it loads run on a draft without panicking.
pub fn load_rules(text: &str) {
    let Ok(rules) = tact::engine::load_pack("fuzz.toml", text) else {
        return;
    };
    let mut set = tact::engine::registry::RuleSet::default();
    set.extend(rules);
    let selection = tact::engine::registry::Selection::default();
    let words = tact::spell::WordSet::default();
    let linter = tact::lint::Linter {
        rules: &set,
        selection: &selection,
        words: &words,
    };
    for draft in [
        "Hi Ann, thanks for your patience!! Best, Tom",
        "Bonjour, merci de votre retour. Cordialement",
        "",
    ] {
        let _ = linter.check(draft, &tact::lint::DraftOptions::default());
    }
}
