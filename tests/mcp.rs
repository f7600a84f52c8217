//! `tact mcp` in process: JSON-RPC lines in, lines out. The end-to-end test with the official Python SDK is in
//! tests/e2e.rs.

use serde_json::{json, Value};

fn session(requests: &[Value]) -> Vec<Value> {
    let input: String = requests.iter().map(|r| format!("{r}\n")).collect();
    let mut output = Vec::new();
    tact::mcp::serve(std::io::Cursor::new(input), &mut output, None).expect("serves");
    String::from_utf8(output)
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

fn call(id: u64, name: &str, arguments: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": name, "arguments": arguments}})
}

fn initialize(version: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
           "params": {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}})
}

fn rules<'a>(diagnostics: &'a Value, rule: &str) -> Vec<&'a Value> {
    diagnostics
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

#[test]
fn initialize_agrees_on_a_version_and_lists_the_tools() {
    let replies = session(&[
        initialize("2025-03-26"),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "ping"}),
    ]);
    assert_eq!(replies.len(), 3, "no reply to a notification");
    assert_eq!(replies[0]["result"]["protocolVersion"], "2025-03-26");
    assert_eq!(replies[0]["result"]["serverInfo"]["name"], "tact");
    let names: Vec<&str> = replies[1]["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["check_draft", "fix_draft", "explain_rule", "list_rules"]);
    assert_eq!(replies[2]["result"], json!({}));
    let newest = session(&[initialize("1999-01-01")]);
    assert_eq!(newest[0]["result"]["protocolVersion"], "2025-06-18");
}

#[test]
fn check_draft_returns_the_json_output_of_tact_check() {
    let text = "Hi Zoé 👋, thx for your mesage.";
    let replies = session(&[call(
        1,
        "check_draft",
        json!({"text": text, "role": "first", "channel": "chat"}),
    )]);
    let result = &replies[0]["result"];
    assert_eq!(result["isError"], false);
    let draft = &result["structuredContent"];
    assert_eq!(draft["role"], "first");
    assert_eq!(draft["channel"], "chat");
    assert_eq!(draft["lang"], "en");
    assert!(draft["score"].as_u64().unwrap() < 100);
    assert_eq!(draft["passed"], false);
    let thx = rules(&draft["diagnostics"], "grammar.txt-speak");
    assert_eq!(thx[0]["start"], json!({"line": 1, "column": 11, "offset": 14}));
    assert_eq!(thx[0]["fix"]["edits"][0]["replacement"], "thanks");
    let spelling = rules(&draft["diagnostics"], "spelling.unknown-word");
    assert_eq!(spelling[0]["suggestions"][0], "message");

    // The text content is what `tact check - --format jsonl` prints for the same draft, field for field.
    let cli = assert_cmd::Command::cargo_bin("tact")
        .unwrap()
        .args([
            "check",
            "-",
            "--format",
            "jsonl",
            "--role",
            "first",
            "--channel",
            "chat",
            "--no-config",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    let from_cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let content = result["content"][0]["text"].as_str().unwrap();
    let mut from_tool: Value = serde_json::from_str(content).unwrap();
    from_tool["source"] = json!("-");
    assert_eq!(from_tool, from_cli);
    assert!(
        content.starts_with("{\"source\":"),
        "fields in the renderer's order: {content}"
    );
}

#[test]
fn fix_draft_applies_safe_fixes_and_reports_what_remains() {
    let replies = session(&[
        call(1, "fix_draft", json!({"text": "Hi Zoé, thx for the the mesage."})),
        call(
            2,
            "fix_draft",
            json!({"text": "Hi Zoé, thx for the the mesage.", "unsafe": true}),
        ),
    ]);
    let safe = &replies[0]["result"]["structuredContent"];
    assert_eq!(safe["text"], "Hi Zoé, thanks for the mesage.");
    assert_eq!(safe["changed"], true);
    assert_eq!(rules(&safe["remaining"], "spelling.unknown-word").len(), 1);
    let unsafe_fixed = &replies[1]["result"]["structuredContent"];
    assert_eq!(unsafe_fixed["text"], "Hi Zoé, thanks for the message.");
}

#[test]
fn explain_and_list_rules() {
    let replies = session(&[
        call(1, "explain_rule", json!({"rule": "tone.sarcasm"})),
        call(2, "list_rules", json!({"category": "privacy"})),
        call(3, "explain_rule", json!({"rule": "tone.nothing"})),
    ]);
    let explanation = replies[0]["result"]["structuredContent"]["explanation"]
        .as_str()
        .unwrap();
    assert!(explanation.starts_with("tone.sarcasm (tone,"), "{explanation}");
    assert!(explanation.contains("Examples:"));
    let listed = replies[1]["result"]["structuredContent"]["rules"].as_array().unwrap();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|r| r["category"] == "privacy"));
    assert_eq!(replies[2]["result"]["isError"], true);
    assert!(replies[2]["result"]["content"][0]["text"]
        .as_str()
        .unwrap()
        .contains("tone.nothing"));
}

#[test]
fn bad_calls_get_errors_not_silence() {
    let replies = session(&[
        call(1, "check_draft", json!({})),
        call(2, "check_draft", json!({"text": "Hi", "role": "boss"})),
        call(3, "check_draft", json!({"text": "Hi", "channel": "pigeon"})),
        call(4, "send_draft", json!({"text": "Hi"})),
        json!({"jsonrpc": "2.0", "id": 5, "method": "resources/list"}),
        json!([{"jsonrpc": "2.0", "id": 6, "method": "ping"}, {"jsonrpc": "2.0", "method": "notifications/cancelled"}]),
    ]);
    assert_eq!(replies[0]["error"]["code"], -32602);
    assert!(replies[0]["error"]["message"].as_str().unwrap().contains("text"));
    assert_eq!(replies[1]["result"]["isError"], true);
    assert!(replies[1]["result"]["content"][0]["text"]
        .as_str()
        .unwrap()
        .contains("boss"));
    assert_eq!(replies[2]["result"]["isError"], true);
    assert!(replies[2]["result"]["content"][0]["text"]
        .as_str()
        .unwrap()
        .contains("pigeon"));
    assert_eq!(replies[3]["error"]["code"], -32602);
    assert_eq!(replies[4]["error"]["code"], -32601);
    assert_eq!(replies[5], json!([{"jsonrpc": "2.0", "id": 6, "result": {}}]));
    let mut output = Vec::new();
    tact::mcp::serve(std::io::Cursor::new("{not json\n"), &mut output, None).unwrap();
    let garbage: Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(garbage["error"]["code"], -32700);
}

#[test]
fn a_configuration_and_words_files_apply_and_are_read_again_when_they_change() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tact.toml");
    std::fs::write(&config, "ignore = [\"sign-off\"]\n").unwrap();
    let text = "Hi Zoé, thanks for your mesage.";
    let check = |id| call(id, "check_draft", json!({"text": text}));
    // Between the two calls the team adds the word: the second call sees it without a restart.
    let words = dir.path().join(".tact");
    let input = Script {
        lines: vec![format!("{}\n", check(1)), format!("{}\n", check(2))],
        before_second: Box::new(move || {
            std::fs::create_dir_all(&words).unwrap();
            std::fs::write(words.join("words.txt"), "mesage\n").unwrap();
        }),
        served: 0,
    };
    let mut output = Vec::new();
    tact::mcp::serve(std::io::BufReader::new(input), &mut output, Some(config)).unwrap();
    let replies: Vec<Value> = String::from_utf8(output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = &replies[0]["result"]["structuredContent"]["diagnostics"];
    assert!(rules(first, "sign-off.missing").is_empty(), "tact.toml applies");
    assert_eq!(rules(first, "spelling.unknown-word").len(), 1);
    let second = &replies[1]["result"]["structuredContent"]["diagnostics"];
    assert!(rules(second, "spelling.unknown-word").is_empty(), "{second:#}");
}

/// Input given a line a read, with something done on disk before the second line is read (after the first one
/// has been answered).
struct Script {
    lines: Vec<String>,
    before_second: Box<dyn FnMut()>,
    served: usize,
}

impl std::io::Read for Script {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(line) = self.lines.get(self.served) else {
            return Ok(0);
        };
        if self.served == 1 {
            (self.before_second)();
        }
        assert!(line.len() <= buf.len(), "a line fits the reader's buffer");
        buf[..line.len()].copy_from_slice(line.as_bytes());
        self.served += 1;
        Ok(line.len())
    }
}
