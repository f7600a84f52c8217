//! `tact mcp` in process: JSON-RPC lines in, lines out. The end-to-end test with the official Python SDK is in
//! tests/e2e.rs.

use serde_json::{json, Value};

fn session(requests: &[Value]) -> Vec<Value> {
    let input: String = requests.iter().map(|r| format!("{r}\n")).collect();
    let mut output = Vec::new();
    tact::mcp::serve(std::io::Cursor::new(input), &mut output).expect("serves");
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
    let thx = draft["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "grammar.txt-speak")
        .expect("txt-speak");
    assert_eq!(thx["start"], json!({"line": 1, "column": 11, "offset": 14}));
    assert_eq!(thx["fix"]["edits"][0]["replacement"], "thanks");
    let spelling = draft["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "spelling.unknown-word")
        .expect("spelling");
    assert_eq!(spelling["suggestions"][0], "message");

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
    let remaining: Vec<&str> = safe["remaining"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(remaining.contains(&"spelling.unknown-word"), "{remaining:?}");
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
    let rules = replies[1]["result"]["structuredContent"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    assert!(rules.iter().all(|r| r["category"] == "privacy"));
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
    let garbage = {
        let mut output = Vec::new();
        tact::mcp::serve(std::io::Cursor::new("{not json\n"), &mut output).unwrap();
        serde_json::from_slice::<Value>(&output).unwrap()
    };
    assert_eq!(garbage["error"]["code"], -32700);
}
