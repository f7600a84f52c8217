//! SARIF 2.1.0, as GitHub code scanning ingests it: one run, the rules the diagnostics name, a result per
//! diagnostic located in the original file. Columns count Unicode code points, like every tact format, and the
//! run says so with `columnKind` (SARIF's default is UTF-16 code units).

use std::collections::{BTreeMap, HashMap};

use crate::baseline::Occurrences;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::RuleDescriptor;
use crate::input::InputError;
use crate::model::Severity;
use crate::report::{DraftReport, Located, Summary};

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Versioned so that a change in what is hashed can be told apart from new alerts.
const FINGERPRINT_KEY: &str = "tactFingerprint/v1";

pub fn render(
    reports: &[DraftReport],
    errors: &[InputError],
    summary: &Summary,
    known: &[RuleDescriptor],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rules = rules(reports, known);
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut seen = Occurrences::default();
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let rule_index = index.get(&*d.diagnostic.rule).copied().unwrap_or_default();
            results.push(result(report, d, rule_index, &mut seen));
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tact",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.iter().map(rule).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(errors)],
            "results": results,
            "properties": {"summary": summary},
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// The run's invocation: records that could not be checked are its error notifications, so that a viewer shows
/// them beside the results instead of losing them.
fn invocation(errors: &[InputError]) -> Value {
    let notifications: Vec<Value> = errors
        .iter()
        .filter(|e| e.is_record())
        .map(|error| {
            let mut region = Map::new();
            if let Some(line) = error.line {
                region.insert("startLine".into(), line.into());
            }
            if let Some(column) = error.column {
                region.insert("startColumn".into(), column.into());
            }
            let path = super::portable_path(&error.path);
            let mut artifact = Map::new();
            artifact.insert("uri".into(), uri(&path).into());
            if !is_absolute(&path) {
                artifact.insert("uriBaseId".into(), "%SRCROOT%".into());
            }
            json!({
                "level": "error",
                "message": {"text": error.to_string()},
                "descriptor": {"id": error.record.as_ref().map_or("input", |r| r.kind.as_str())},
                "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
            })
        })
        .collect();
    let mut invocation = Map::new();
    invocation.insert("executionSuccessful".into(), true.into());
    if !notifications.is_empty() {
        invocation.insert("toolExecutionNotifications".into(), notifications.into());
    }
    Value::Object(invocation)
}

/// The rules the diagnostics name, sorted by id so that `ruleIndex` does not depend on input order.
fn rules(reports: &[DraftReport], known: &[RuleDescriptor]) -> Vec<RuleDescriptor> {
    let mut rules: BTreeMap<&str, RuleDescriptor> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        rules.entry(&d.diagnostic.rule).or_insert_with(|| {
            known
                .iter()
                .find(|r| *r.id == *d.diagnostic.rule)
                .cloned()
                .unwrap_or_else(|| RuleDescriptor::from_diagnostic(d))
        });
    }
    rules.into_values().collect()
}

fn rule(rule: &RuleDescriptor) -> Value {
    let help = if rule.help.is_empty() {
        &rule.summary
    } else {
        &rule.help
    };
    let explain = format!("Run `tact explain {}` for examples.", rule.id);
    json!({
        "id": rule.id,
        "name": pascal_case(&rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": help},
        "help": {"text": format!("{help}\n\n{explain}"), "markdown": format!("{help}\n\n{explain}")},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {"category": rule.category.as_str(), "tags": ["etiquette", rule.category.as_str()]},
    })
}

fn result(report: &DraftReport, d: &Located, rule_index: usize, seen: &mut Occurrences) -> Value {
    let path = super::portable_path(&report.source.path);
    let draft = super::draft_name(report);
    // The same fingerprint as a baseline's kept in the working directory (see `crate::baseline`).
    let fingerprint = seen.next(&d.diagnostic.rule, &path, draft.as_deref(), &d.text);
    let (end_line, end_column) = super::span_end(report, d);
    let mut artifact = Map::new();
    artifact.insert("uri".into(), uri(&path).into());
    if !is_absolute(&path) {
        artifact.insert("uriBaseId".into(), "%SRCROOT%".into());
    }
    let mut properties = Map::new();
    if let Some(draft) = draft {
        properties.insert("draftId".into(), draft.into());
    }
    properties.insert("score".into(), report.score.into());
    properties.insert("passed".into(), report.passed.into());
    json!({
        "ruleId": &*d.diagnostic.rule,
        "ruleIndex": rule_index,
        "level": level(d.diagnostic.severity),
        "message": {"text": d.diagnostic.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            // Lines and columns only: `charOffset` would have to be counted in code points too, and GitHub ignores it.
            "region": {
                "startLine": d.start.line,
                "startColumn": d.start.column,
                "endLine": end_line,
                "endColumn": end_column,
                "snippet": {"text": report.source.text.get(report.source.local_offset(d.start.offset)..report.source.local_offset(d.end.offset)).unwrap_or_default()},
            },
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `tone.already-said` -> `ToneAlreadySaid`: SARIF wants a rule name that is an identifier, unlike the id.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
        })
        .collect()
}

fn is_absolute(path: &str) -> bool {
    std::path::Path::new(path).is_absolute()
}

/// A path as a URI reference: relative ones stay relative (to `%SRCROOT%`), absolute ones become `file:` URIs.
fn uri(path: &str) -> String {
    let absolute = is_absolute(path);
    let mut out = String::new();
    if absolute {
        out.push_str("file://");
        if !path.starts_with('/') {
            out.push('/'); // `C:/x` -> `file:///C:/x`
        }
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@' => {
                out.push(byte as char)
            }
            // In a relative reference's first segment, `:` would read as the end of a scheme.
            b':' if absolute => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("macros/R&D notes, v2.txt"), "macros/R&D%20notes,%20v2.txt");
        assert_eq!(uri("réponses/a:b#1.md"), "r%C3%A9ponses/a%3Ab%231.md");
        if cfg!(unix) {
            assert_eq!(uri("/srv/a b.txt"), "file:///srv/a%20b.txt");
        }
    }

    #[test]
    fn names_and_fingerprints_are_stable() {
        assert_eq!(pascal_case("tone.already-said"), "ToneAlreadySaid");
        assert_eq!(pascal_case("sign-off.missing"), "SignOffMissing");
    }
}
