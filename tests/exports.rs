//! One fixture per help-desk export and conversation file (`tests/fixtures/exports/`), with the concise output as
//! a snapshot: names, positions in the original file, conversation diagnostics on their messages.

use assert_cmd::Command;

fn concise(file: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports");
    let output = Command::cargo_bin("tact")
        .expect("binary")
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .args(["check", file, "--no-config", "--format", "concise"])
        .output()
        .expect("runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn zendesk() {
    insta::assert_snapshot!(concise("zendesk.json"));
}

#[test]
fn freshdesk() {
    insta::assert_snapshot!(concise("freshdesk.json"));
}

#[test]
fn front() {
    insta::assert_snapshot!(concise("front.json"));
}

#[test]
fn intercom() {
    insta::assert_snapshot!(concise("intercom.json"));
}

#[test]
fn gorgias() {
    insta::assert_snapshot!(concise("gorgias.json"));
}

#[test]
fn yaml() {
    insta::assert_snapshot!(concise("macros.yaml"));
}

#[test]
fn csv() {
    insta::assert_snapshot!(concise("macros.csv"));
}

#[test]
fn conversations_en() {
    insta::assert_snapshot!(concise("conversations-en.jsonl"));
}

#[test]
fn conversations_fr() {
    insta::assert_snapshot!(concise("conversations-fr.jsonl"));
}
