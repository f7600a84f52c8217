//! tact as a step of a data pipeline: JSON Lines in, one output line per input line out, in order, whatever the
//! line holds; positions a consumer can map onto its own `text` column; lean output; and a published schema that
//! real output must satisfy.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn tact(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tact").expect("binary builds");
    cmd.current_dir(dir).env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Drafts, a conversation, and every kind of bad line, one per line.
const RECORDS: &[&str] = &[
    r#"{"id": "ok-1", "text": "Hi Dana, thanks for waiting! Your parcel left this morning. Have a nice day!"}"#,
    r#"{"text": "H\u00e9llo, the \u00e9t\u00e9 order wil arive on Monday 😀 as I already said."}"#,
    r#"not json at all"#,
    r#"{"id": "no-text", "body_html": 5}"#,
    r#"["a", "list"]"#,
    r#"{"id": "bad-lang", "text": "Hi there.", "lang": 7}"#,
    r#"{"id": "bad-role", "text": "Hi there.", "role": "boss"}"#,
    r#"{"id": "fax", "text": "Hi there. Bye!", "channel": "fax"}"#,
    r#"{"id": "conv-1", "page": "shop", "lang": "en", "messages": [{"role": "customer", "time": "2026-03-01T09:00:00Z", "text": "Where is my parcel?"}, {"role": "agent", "time": "2026-03-01T09:20:00Z", "text": "hi, it left. thx"}]}"#,
    r#"{"id": "conv-2", "messages": "not a list"}"#,
    r#"{"id": "fr-1", "text": "Bonjour, votre comande est partie ce matin. Bonne journée !"}"#,
];

fn input() -> String {
    RECORDS.iter().map(|r| format!("{r}\n")).collect()
}

fn jsonl_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn check_stdin(extra: &[&str]) -> (Vec<Value>, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let output = tact(dir.path())
        .args([
            "check",
            "-",
            "--no-config",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
        ])
        .args(extra)
        .write_stdin(input())
        .output()
        .unwrap();
    (
        jsonl_lines(&output.stdout),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// The line of the input each output object answers.
fn input_line(object: &Value) -> usize {
    object["line"].as_u64().unwrap() as usize
}

#[test]
fn every_line_yields_its_output_in_place() {
    let (lines, stderr, code) = check_stdin(&[]);
    assert_eq!(
        code, 1,
        "bad records fail like drafts, not like a broken tool: {stderr}"
    );
    assert!(stderr.is_empty(), "nothing goes to stderr: {stderr}");
    // One object per draft record and per bad line; the conversation gives one per outgoing message.
    let answered: Vec<usize> = lines.iter().map(input_line).collect();
    // The conversation (line 9) yields its agent's message; the customer's question was answered, so no more.
    let expected: Vec<usize> = (1..=RECORDS.len()).collect();
    assert_eq!(answered, expected, "{lines:#?}");
    let kinds: Vec<&str> = lines.iter().filter_map(|l| l["error"]["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "invalid-json",
            "no-text",
            "not-a-record",
            "invalid-field",
            "invalid-field",
            "unknown-channel",
            "invalid-conversation"
        ]
    );
    // A record without an id is given its line number; a record error keeps the record's own id.
    assert_eq!(lines[1]["id"], "2");
    assert_eq!(lines[2]["id"], "3");
    assert_eq!(lines[3]["id"], "no-text");
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[2]["error"]["column"], 1);

    let (_, _, code) = check_stdin(&["--exit-zero"]);
    assert_eq!(code, 0, "--exit-zero covers bad records");
}

#[test]
fn a_whole_file_gives_the_same_lines_as_the_stream() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("history.jsonl"), input()).unwrap();
    // Spelling suggestions are bounded in time per draft, so on a loaded machine they may differ between two runs.
    let output = tact(dir.path())
        .args([
            "check",
            "history.jsonl",
            "--no-config",
            "--format",
            "jsonl",
            "--ignore",
            "spelling",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let from_file = jsonl_lines(&output.stdout);
    let (from_stream, _, _) = check_stdin(&["--ignore", "spelling"]);
    let without_source = |lines: Vec<Value>| -> Vec<Value> {
        lines
            .into_iter()
            .map(|mut l| {
                l["source"] = Value::Null;
                l
            })
            .collect()
    };
    assert_eq!(without_source(from_file), without_source(from_stream));
}

/// Draft positions index the record's own text as Python does (`text[start:end]` in characters), through JSON
/// escapes, accents and emoji, wherever the record sits in the stream.
#[test]
fn draft_positions_index_the_records_own_text() {
    let (lines, _, _) = check_stdin(&[]);
    let mut checked = 0;
    for object in lines.iter().filter(|l| l.get("diagnostics").is_some()) {
        let line = input_line(object);
        let record: Value = serde_json::from_str(RECORDS[line - 1]).unwrap();
        let text = match object["message"].as_u64() {
            Some(message) => record["messages"][message as usize - 1]["text"]
                .as_str()
                .unwrap()
                .to_string(),
            None => record["text"].as_str().unwrap().to_string(),
        };
        for d in object["diagnostics"].as_array().unwrap() {
            let (start, end) = (&d["draft"]["start"], &d["draft"]["end"]);
            let bytes = start["byte"].as_u64().unwrap() as usize..end["byte"].as_u64().unwrap() as usize;
            let chars = start["char"].as_u64().unwrap() as usize..end["char"].as_u64().unwrap() as usize;
            assert_eq!(&text[bytes.clone()], d["text"].as_str().unwrap(), "{d}");
            let by_chars: String = text.chars().skip(chars.start).take(chars.len()).collect();
            assert_eq!(by_chars, d["text"].as_str().unwrap(), "{d}");
            for edit in d["fix"]["edits"].as_array().into_iter().flatten() {
                let draft = &edit["draft"];
                let range =
                    draft["start"]["byte"].as_u64().unwrap() as usize..draft["end"]["byte"].as_u64().unwrap() as usize;
                assert!(text.get(range).is_some(), "{edit}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "{lines:#?}");
    // The escaped accents of line 2 count once each: "arive" is the 26th character of its text, its 29th byte.
    let d = lines[1]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"] == "arive")
        .unwrap();
    assert_eq!(d["draft"]["start"]["char"], 25);
    assert_eq!(d["draft"]["start"]["byte"], 28);
}

#[test]
fn fields_leave_out_what_a_table_does_not_need() {
    let (full, _, _) = check_stdin(&[]);
    let (lean, _, _) = check_stdin(&["--fields", "severity,draft"]);
    assert_eq!(full.len(), lean.len());
    let d = &lean[1]["diagnostics"][0];
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["draft", "rule", "severity"]);
    let size = |lines: &[Value]| lines.iter().map(|l| l.to_string().len()).sum::<usize>();
    assert!(size(&lean) * 2 < size(&full), "{} vs {}", size(&lean), size(&full));

    let dir = tempfile::tempdir().unwrap();
    let output = tact(dir.path())
        .args(["check", "-", "--fields", "rule,hint"])
        .write_stdin("Hi.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown diagnostic field `hint`"));
}

fn schema() -> jsonschema::Validator {
    let dir = tempfile::tempdir().unwrap();
    let output = tact(dir.path()).arg("schema").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{value:#}");
}

#[test]
fn real_output_satisfies_the_published_schema() {
    let validator = schema();
    for extra in [&[][..], &["--fields", "message,draft"][..]] {
        let (lines, _, _) = check_stdin(extra);
        for line in &lines {
            assert_valid(&validator, line);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("history.jsonl"), input()).unwrap();
    let output = tact(dir.path())
        .args([
            "check",
            "history.jsonl",
            "--no-config",
            "--format",
            "json",
            "--statistics",
        ])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid(&validator, &document);
    assert_eq!(document["errors"].as_array().unwrap().len(), 7);
    assert_eq!(document["statistics"]["pages"][0]["page"], "shop");
    // A draft record is not an error record, nor the other way round.
    let draft = &document["drafts"][0];
    assert!(validator.is_valid(draft));
    let mut broken = draft.clone();
    broken["message"] = Value::String("1".into());
    assert!(!validator.is_valid(&broken), "message is typed");
}

#[test]
fn the_schema_names_every_error_kind_and_diagnostic_field() {
    let schema: Value = serde_json::from_str(tact::render::json::SCHEMA).unwrap();
    let kinds: Vec<&str> = schema["$defs"]["error"]["properties"]["error"]["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = tact::input::RecordErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(kinds, ours);
    let fields: Vec<&str> = schema["$defs"]["diagnostic"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut ours = tact::render::json::DIAGNOSTIC_FIELDS.to_vec();
    let mut fields_sorted = fields.clone();
    ours.sort_unstable();
    fields_sorted.sort_unstable();
    assert_eq!(fields_sorted, ours);
}

/// Every format shows a bad record: the machine-readable ones in their output, the ones for people on stderr.
#[test]
fn every_format_reports_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("history.jsonl"), input()).unwrap();
    for format in [
        "json",
        "jsonl",
        "sarif",
        "github",
        "junit",
        "checkstyle",
        "concise",
        "pretty",
    ] {
        let output = tact(dir.path())
            .args(["check", "history.jsonl", "--no-config", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        let (stdout, stderr) = (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        );
        let shown = if matches!(format, "concise" | "pretty") {
            &stderr
        } else {
            &stdout
        };
        for needle in ["invalid JSON", "no-text", "`messages` must be an array"] {
            assert!(shown.contains(needle), "{format}: {needle}\n{stdout}\n{stderr}");
        }
        if !matches!(format, "concise" | "pretty") {
            assert!(stderr.is_empty(), "{format}: {stderr}");
        }
    }
}
