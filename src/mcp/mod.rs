//! `tact mcp`: a Model Context Protocol server on stdio, so that an AI agent checks its drafts without spawning one
//! process per draft. Tools: `check_draft`, `fix_draft`, `explain_rule`, `list_rules` (see [`tools`]).
//!
//! A small hand-written JSON-RPC loop rather than the official SDK (rmcp): MCP over stdio is one JSON object a
//! line, and the four tools need only `initialize`, `ping`, `tools/list` and `tools/call`. Measured on two minimal
//! servers built alike (release, thin LTO): rmcp 3.11 with tokio starts about as fast (1.46 ms against 1.23 ms from
//! spawn to the `initialize` reply) but adds 2.0 MB to a stripped binary and 67 crates to the build (tokio, a
//! schema generator, futures, macros), an async runtime inside a synchronous tool, for nothing these tools need.

mod tools;

use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde_json::{json, Value};

/// The protocol versions this server speaks, newest first; a client asking for another gets the newest.
const PROTOCOL_VERSIONS: &[&str] = &["2025-06-18", "2025-03-26", "2024-11-05"];

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;

/// Serves the client on stdin/stdout until stdin closes; `config` replaces the discovery of `tact.toml` from the
/// working directory.
pub fn run_stdio(config: Option<PathBuf>) -> Result<(), String> {
    if let Some(path) = &config {
        if !path.is_file() {
            return Err(format!("{}: no such configuration file", path.display()));
        }
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    serve(stdin.lock(), &mut stdout.lock(), config)
}

/// Serves one client: one JSON-RPC message a line in, one a line out.
pub fn serve(input: impl BufRead, output: &mut impl Write, config: Option<PathBuf>) -> Result<(), String> {
    let mut server = tools::Tools::new(config);
    for line in input.lines() {
        let line = line.map_err(|e| format!("cannot read stdin: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Value>(&line) {
            Err(err) => Some(error(Value::Null, PARSE_ERROR, format!("invalid JSON: {err}"))),
            // A batch (protocol 2025-03-26) is answered with the array of its replies.
            Ok(Value::Array(batch)) => {
                let replies: Vec<Value> = batch.into_iter().filter_map(|m| handle(&mut server, m)).collect();
                (!replies.is_empty()).then_some(Value::Array(replies))
            }
            Ok(message) => handle(&mut server, message),
        };
        if let Some(reply) = reply {
            // serde_json writes no line breaks in compact form, as the stdio transport requires.
            let text = serde_json::to_string(&reply).map_err(|e| e.to_string())?;
            writeln!(output, "{text}")
                .and_then(|_| output.flush())
                .map_err(|e| format!("cannot write stdout: {e}"))?;
        }
        // Rules and dictionaries load once the client has its answer to `initialize`, while it gets ready and
        // long before an agent's first draft.
        server.warm_up_if_initialized();
    }
    Ok(())
}

fn error(id: Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// The reply to one message; notifications and responses get none.
fn handle(server: &mut tools::Tools, message: Value) -> Option<Value> {
    let Some(method) = message.get("method").and_then(Value::as_str) else {
        // A response to a request the server never sends, or garbage with an id.
        return message
            .get("id")
            .filter(|_| message.get("result").is_none() && message.get("error").is_none())
            .map(|id| error(id.clone(), INVALID_REQUEST, "not a JSON-RPC request".to_string()));
    };
    let id = message.get("id").cloned()?;
    let params = message.get("params").cloned().unwrap_or(Value::Null);
    let result = match method {
        "initialize" => Ok(initialize(&params, server)),
        "ping" => Ok(json!({})),
        "tools/list" => Ok(json!({"tools": tools::definitions()})),
        "tools/call" => {
            let name = params.get("name").and_then(Value::as_str).unwrap_or_default();
            let arguments = params.get("arguments").cloned().unwrap_or(json!({}));
            server
                .call(name, &arguments)
                .map_err(|message| (INVALID_PARAMS, message))
        }
        _ => Err((METHOD_NOT_FOUND, format!("tact does not handle {method}"))),
    };
    Some(match result {
        Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
        Err((code, message)) => error(id, code, message),
    })
}

fn initialize(params: &Value, server: &mut tools::Tools) -> Value {
    let asked = params.get("protocolVersion").and_then(Value::as_str);
    let version = PROTOCOL_VERSIONS
        .iter()
        .find(|v| Some(**v) == asked)
        .unwrap_or(&PROTOCOL_VERSIONS[0]);
    server.initialized();
    json!({
        "protocolVersion": version,
        "capabilities": {"tools": {"listChanged": false}},
        "serverInfo": {"name": "tact", "version": env!("CARGO_PKG_VERSION")},
        "instructions": "Check a customer-service reply before sending it: call check_draft with the draft's text \
                         (and its role in the conversation and its channel when known), rewrite what the \
                         diagnostics point at (explain_rule tells why a rule matters), or call fix_draft for the \
                         mechanical fixes. A draft passes when `passed` is true.",
    })
}
