//! The servers against real clients: Neovim's built-in LSP client (headless) and the official MCP Python SDK.
//!
//! Each test needs software tact does not (Neovim; a virtual environment with the `mcp` package, made by `.ci/run`
//! under target/e2e-venv). Without it a test says so and passes, unless `TACT_REQUIRE_E2E=1` (set by `.ci/run`),
//! where a missing client is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Mistakes on the first line, after an accented letter and an emoji so that UTF-16 and byte columns differ.
const DRAFT: &str = "Hi Zoé 👋, thx for your mesage.\nI will check the the order today and come back to you.\n";

fn required() -> bool {
    std::env::var("TACT_REQUIRE_E2E").is_ok_and(|v| v == "1")
}

/// `None` (and a message) when the client is missing and not required.
fn client_or_skip(found: Option<PathBuf>, what: &str) -> Option<PathBuf> {
    match found {
        Some(path) => Some(path),
        None if required() => panic!("TACT_REQUIRE_E2E=1 but {what} is missing"),
        None => {
            eprintln!("skipped: {what} is missing (set TACT_REQUIRE_E2E=1 to make this a failure)");
            None
        }
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn read_result(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("the client wrote its result");
    serde_json::from_str(&text).expect("JSON result")
}

#[test]
fn neovim_shows_diagnostics_and_applies_a_code_action() {
    let Some(nvim) = client_or_skip(on_path("nvim"), "Neovim (`nvim` on PATH)") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("reply.txt");
    std::fs::write(&draft, DRAFT).unwrap();
    let out = dir.path().join("result.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/nvim_lsp.lua");
    let status = Command::new(nvim)
        .args(["--headless", "--clean", "-u"])
        .arg(&script)
        .env("TACT_BIN", env!("CARGO_BIN_EXE_tact"))
        .env("TACT_DRAFT", &draft)
        .env("TACT_OUT", &out)
        .current_dir(dir.path())
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim exited with {status}");
    let result = read_result(&out);
    assert!(result.get("error").is_none(), "{result:#}");
    assert_eq!(result["published"], true, "{result:#}");
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let txt = diagnostics
        .iter()
        .find(|d| d["code"] == "grammar.txt-speak")
        .unwrap_or_else(|| panic!("{result:#}"));
    // Neovim counts columns in bytes: right only if tact's columns were converted in the negotiated encoding.
    let line = DRAFT.lines().next().unwrap();
    let thx = line.find("thx").unwrap();
    assert_eq!((txt["lnum"].as_u64(), txt["col"].as_u64()), (Some(0), Some(thx as u64)));
    assert_eq!(txt["end_col"].as_u64(), Some(thx as u64 + 3));
    assert_eq!(txt["source"], "tact");
    assert!(diagnostics.iter().any(|d| d["code"] == "spelling.unknown-word"));
    assert!(diagnostics.iter().any(|d| d["code"] == "grammar.repeated-word"));
    let actions: Vec<&str> = result["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(actions.contains(&"Add “mesage” to .tact/words.txt"), "{actions:?}");
    assert!(actions.contains(&"Replace with “message”"), "{actions:?}");
    let hover = result["hover"].as_str().unwrap_or_default();
    assert!(
        hover.contains("grammar.txt-speak") && hover.contains("Draft score"),
        "{hover}"
    );
    assert_eq!(
        result["first_line"],
        line.replace("thx", "thanks"),
        "the code action was applied"
    );
}

/// The virtual environment `.ci/run` makes, or the Python named by `TACT_E2E_PYTHON`.
fn python_with_mcp() -> Option<PathBuf> {
    let python = match std::env::var_os("TACT_E2E_PYTHON") {
        Some(python) => PathBuf::from(python),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-venv/bin/python"),
    };
    let has_sdk = Command::new(&python)
        .args(["-c", "import mcp"])
        .output()
        .is_ok_and(|o| o.status.success());
    has_sdk.then_some(python)
}

#[test]
fn the_python_mcp_sdk_calls_every_tool() {
    let Some(python) = client_or_skip(python_with_mcp(), "Python with the `mcp` package (target/e2e-venv)") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/mcp_client.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_tact"))
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "the MCP client failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen = read_result(&out);
    assert_eq!(seen["server"], "tact");
    assert_eq!(
        seen["tools"],
        serde_json::json!(["check_draft", "fix_draft", "explain_rule", "list_rules"])
    );
    assert_eq!(seen["check_error"], false);
    let check = &seen["check"];
    assert_eq!((&check["role"], &check["channel"]), (&"first".into(), &"chat".into()));
    let rules: Vec<&str> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"grammar.txt-speak") && rules.contains(&"spelling.unknown-word"),
        "{rules:?}"
    );
    assert_eq!(check["passed"], false);
    assert_eq!(seen["fix_error"], false);
    assert!(seen["fix"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Hi Zoé 👋, thanks for your mesage."));
    assert!(seen["explain"]["explanation"]
        .as_str()
        .unwrap()
        .contains("grammar.txt-speak"));
    assert!(seen["rules"].as_array().unwrap().iter().any(|r| r == "tone.sarcasm"));
    assert_eq!(seen["unknown_error"], true);
    eprintln!(
        "MCP check_draft round trip through the Python SDK: {}",
        seen["round_trip_ms"]
    );
}
