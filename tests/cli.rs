//! End-to-end tests of the `tact` binary: formats (snapshots), exit status, stdin, configuration discovery, user
//! rule packs, fixes and bad input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `tact` with the house rules of the fixtures and only the categories the snapshots pin down.
fn tact(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tact").expect("binary builds");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    cmd
}

fn house_config(dir: &Path) {
    let rules = fixtures().join("rules");
    std::fs::write(
        dir.join("tact.toml"),
        format!(
            "rule_dirs = [{:?}]\nselect = [\"tone.already-said\", \"grammar.doubled-word\", \"spelling\"]\n",
            rules.display().to_string()
        ),
    )
    .unwrap();
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    house_config(dir.path());
    for name in ["reply.txt", "replies.jsonl"] {
        std::fs::copy(fixtures().join("drafts").join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn stdout_of(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn concise_format() {
    let dir = workspace();
    let (out, _, code) =
        stdout_of(tact(dir.path()).args(["check", "reply.txt", "replies.jsonl", "--format", "concise"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn pretty_format() {
    let dir = workspace();
    let (out, _, code) = stdout_of(tact(dir.path()).args([
        "check",
        "reply.txt",
        "--format",
        "pretty",
        "--color",
        "never",
        "--explain",
    ]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn jsonl_format_follows_the_contract() {
    let dir = workspace();
    let (out, _, code) = stdout_of(tact(dir.path()).args(["check", "replies.jsonl", "--format", "jsonl"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
    let file = std::fs::read_to_string(dir.path().join("replies.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "en-1");
    assert_eq!(lines[2]["passed"], true);
    assert_eq!(lines[2]["score"], 100);
    for draft in &lines {
        for d in draft["diagnostics"].as_array().unwrap() {
            let (start, end) = (
                d["start"]["offset"].as_u64().unwrap() as usize,
                d["end"]["offset"].as_u64().unwrap() as usize,
            );
            let raw = &file[start..end];
            let decoded: String = serde_json::from_str(&format!("\"{raw}\"")).unwrap();
            assert_eq!(decoded, d["text"].as_str().unwrap(), "span {start}..{end}");
        }
    }
}

#[test]
fn json_format_has_version_drafts_and_summary() {
    let dir = workspace();
    let (out, _, _) = stdout_of(tact(dir.path()).args(["check", "reply.txt", "--format", "json"]));
    insta::assert_snapshot!(out);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["drafts"], 1);
    let text = std::fs::read_to_string(dir.path().join("reply.txt")).unwrap();
    for d in doc["drafts"][0]["diagnostics"].as_array().unwrap() {
        let (start, end) = (
            d["start"]["offset"].as_u64().unwrap() as usize,
            d["end"]["offset"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], d["text"].as_str().unwrap());
    }
}

#[test]
fn stdin_and_exit_status() {
    let dir = workspace();
    let (_, _, code) = stdout_of(
        tact(dir.path())
            .args(["check", "-"])
            .write_stdin("Your parcel left today."),
    );
    assert_eq!(code, 0);
    let (out, _, code) = stdout_of(
        tact(dir.path())
            .args(["check", "-", "--format", "concise"])
            .write_stdin("It will arive today."),
    );
    assert_eq!(code, 1);
    assert!(out.starts_with("-:1:9: warning[spelling.unknown-word]"), "{out}");
    let (_, _, code) = stdout_of(
        tact(dir.path())
            .args(["check", "-", "--exit-zero"])
            .write_stdin("It will arive today."),
    );
    assert_eq!(code, 0);
    let (_, _, code) = stdout_of(
        tact(dir.path())
            .args(["check", "-", "--fail-on", "error"])
            .write_stdin("It will arive today."),
    );
    assert_eq!(code, 0);
    let (_, _, code) = stdout_of(
        tact(dir.path())
            .args(["check", "-", "--fail-on", "never", "--min-score", "95"])
            .write_stdin("It will arive today."),
    );
    assert_eq!(code, 1);
}

#[test]
fn stdin_filename_names_the_draft_and_picks_the_format() {
    let dir = workspace();
    let (out, _, _) = stdout_of(
        tact(dir.path())
            .args([
                "check",
                "-",
                "--stdin-filename",
                "macros/x.jsonl",
                "--format",
                "concise",
            ])
            .write_stdin("{\"id\": \"a\", \"text\": \"It will arive.\"}\n"),
    );
    assert!(
        out.starts_with("macros/x.jsonl:1:30: warning[spelling.unknown-word]"),
        "{out}"
    );
}

#[test]
fn configuration_is_discovered_from_the_checked_file() {
    let dir = workspace();
    let sub = dir.path().join("team");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("tact.toml"), "select = [\"spelling\"]\nwords = [\"arive\"]\n").unwrap();
    std::fs::write(sub.join("a.txt"), "It will arive today.").unwrap();
    let (_, _, code) = stdout_of(tact(dir.path()).args(["check", "team/a.txt"]));
    assert_eq!(code, 0, "team/tact.toml accepts the word");
    let (_, _, code) = stdout_of(tact(dir.path()).args(["check", "team/a.txt", "--no-config", "--select", "spelling"]));
    assert_eq!(code, 1);
    std::fs::create_dir_all(sub.join(".tact")).unwrap();
    std::fs::write(sub.join(".tact/words.txt"), "arive\n").unwrap();
    let (_, _, code) = stdout_of(tact(dir.path()).args(["check", "team/a.txt", "--no-config", "--select", "spelling"]));
    assert_eq!(code, 0, ".tact/words.txt accepts the word");
}

#[test]
fn overrides_and_inline_suppression() {
    let dir = workspace();
    std::fs::write(dir.path().join("tact.toml"), format!(
        "rule_dirs = [{:?}]\nselect = [\"tone.already-said\"]\n[[overrides]]\nfiles = [\"snippets/**\"]\nignore = [\"tone\"]\n",
        fixtures().join("rules").display().to_string()
    )).unwrap();
    std::fs::create_dir(dir.path().join("snippets")).unwrap();
    std::fs::write(dir.path().join("snippets/a.txt"), "As I already said, yes.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "As I already said, yes.").unwrap();
    std::fs::write(
        dir.path().join("c.md"),
        "<!-- tact-disable tone.already-said -->\nAs I already said, yes.",
    )
    .unwrap();
    let (out, _, _) =
        stdout_of(tact(dir.path()).args(["check", "snippets/a.txt", "b.txt", "c.md", "--format", "concise"]));
    assert!(out.contains("b.txt:1:1"), "{out}");
    assert!(!out.contains("snippets"), "{out}");
    assert!(!out.contains("c.md"), "{out}");
}

#[test]
fn directories_are_walked_skipping_hidden_and_ignored_files() {
    let dir = workspace();
    std::fs::create_dir_all(dir.path().join("macros/.hidden")).unwrap();
    std::fs::write(dir.path().join("macros/a.txt"), "It will arive.").unwrap();
    std::fs::write(dir.path().join("macros/.hidden/b.txt"), "It will arive.").unwrap();
    std::fs::write(dir.path().join("macros/skip.txt"), "It will arive.").unwrap();
    std::fs::write(dir.path().join("macros/.ignore"), "skip.txt\n").unwrap();
    std::fs::write(dir.path().join("macros/image.png"), [0u8, 1, 2]).unwrap();
    let (out, _, _) = stdout_of(tact(dir.path()).args(["check", "macros", "--format", "concise"]));
    assert!(out.contains("macros/a.txt:1:9"), "{out}");
    assert!(
        !out.contains("hidden") && !out.contains("skip") && !out.contains("png"),
        "{out}"
    );
}

#[test]
fn bad_input_is_reported_and_the_rest_still_checked() {
    let dir = workspace();
    std::fs::write(dir.path().join("bad.txt"), b"Hi \xff there").unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02").unwrap();
    std::fs::write(dir.path().join("good.txt"), "It will arive.").unwrap();
    let (out, err, code) = stdout_of(tact(dir.path()).args([
        "check",
        "bad.txt",
        "bin.txt",
        "missing.txt",
        "good.txt",
        "--format",
        "concise",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("bad.txt:1:4: invalid UTF-8"), "{err}");
    assert!(err.contains("bin.txt: binary file"), "{err}");
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(out.contains("good.txt:1:9"), "{out}");
}

#[test]
fn malformed_configuration_and_rule_files_exit_2_with_positions() {
    let dir = workspace();
    std::fs::write(dir.path().join("tact.toml"), "lang = \"fr\"\nrole = \"boss\"\n").unwrap();
    let (_, err, code) = stdout_of(tact(dir.path()).args(["check", "reply.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("tact.toml:2:8:"), "{err}");

    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/bad.toml"),
        "[[rule]]\nid = \"tone.bad\"\nkind = \"pattern\"\nmessage = \"m\"\npatterns = ['(oops']\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("tact.toml"), "rule_dirs = [\"packs\"]\n").unwrap();
    let (_, err, code) = stdout_of(tact(dir.path()).args(["check", "reply.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("packs/bad.toml:5:14: rule `tone.bad`: invalid regex"),
        "{err}"
    );

    std::fs::write(dir.path().join("tact.toml"), "colour = \"red\"\n").unwrap();
    let (_, err, _) = stdout_of(tact(dir.path()).args(["check", "reply.txt"]));
    assert!(err.contains("unknown key `colour`"), "{err}");
}

#[test]
fn fix_on_stdin_prints_the_fixed_draft() {
    let dir = workspace();
    let (out, err, _) = stdout_of(
        tact(dir.path())
            .args(["check", "-", "--fix", "--format", "concise"])
            .write_stdin("Check the the link."),
    );
    assert_eq!(out, "Check the link.");
    assert!(err.contains("0 infos"), "{err}");
    let (again, _, _) = stdout_of(tact(dir.path()).args(["check", "-", "--fix"]).write_stdin(out.clone()));
    assert_eq!(again, out);
}

#[test]
fn fix_rewrites_files_and_leaves_clean_ones_alone() {
    let dir = workspace();
    std::fs::write(dir.path().join("a.txt"), "Check the the link.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "All good.").unwrap();
    let before = std::fs::metadata(dir.path().join("b.txt")).unwrap().modified().unwrap();
    let _ = stdout_of(tact(dir.path()).args(["check", "a.txt", "b.txt", "--fix"]));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "Check the link."
    );
    assert_eq!(
        std::fs::metadata(dir.path().join("b.txt")).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn rules_explain_and_test_commands() {
    let dir = workspace();
    let (out, _, code) = stdout_of(tact(dir.path()).args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(rules.as_array().unwrap().iter().any(|r| r["id"] == "tone.already-said"));
    let (out, _, code) = stdout_of(tact(dir.path()).args(["explain", "spelling.unknown-word"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("spelling.unknown-word (spelling, spelling rule, warning)"),
        "{out}"
    );
    let (_, err, code) = stdout_of(tact(dir.path()).args(["explain", "tone.nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("no rule `tone.nope`"));
    let (out, _, code) = stdout_of(tact(dir.path()).args(["test", fixtures().join("rules").to_str().unwrap()]));
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("examples: 3 passed, 0 failed\n"), "{out}");
}

#[test]
fn init_and_print_config() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, code) = stdout_of(tact(dir.path()).args(["init"]));
    assert_eq!(code, 0);
    let (_, _, code) = stdout_of(tact(dir.path()).args(["init"]));
    assert_eq!(code, 2);
    let (out, err, code) = stdout_of(tact(dir.path()).args(["print-config"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("role = \"complete\""), "{out}");
}

#[test]
fn huge_and_degenerate_drafts_do_not_break() {
    let dir = workspace();
    let big = "Your parcel left today and it will arrive soon. ".repeat(200_000);
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    let (_, err, code) = stdout_of(tact(dir.path()).args(["check", "big.txt", "--no-config", "--format", "concise"]));
    assert!(code == 0 || code == 1, "{err}");
    for text in ["", "🙂🙂🙂", "{{first_name}}", "\n\n\n"] {
        let (_, err, code) = stdout_of(tact(dir.path()).args(["check", "-", "--no-config"]).write_stdin(text));
        assert!(code == 0 || code == 1, "{text:?}: {err}");
    }
}

#[test]
fn json_lines_on_stdin_stream_with_positions_in_the_stream() {
    let dir = workspace();
    let input = "{\"id\": \"a\", \"text\": \"Fine.\"}\n\n{\"id\": \"b\", \"text\": \"It will arive.\"}\nnot json\n";
    let (out, err, code) = stdout_of(
        tact(dir.path())
            .args(["check", "-", "--input-format", "jsonl", "--format", "jsonl"])
            .write_stdin(input),
    );
    assert_eq!(code, 1, "an unreadable record fails like a draft: {err}");
    assert!(
        err.is_empty(),
        "the record is reported in the output, not on stderr: {err}"
    );
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    let d = &lines[1]["diagnostics"][0];
    assert_eq!(d["start"]["line"], 3);
    let offset = d["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&input[offset..offset + 5], "arive");
    // The same span in the record's own text, whatever its place in the stream.
    assert_eq!(d["draft"]["start"], serde_json::json!({"byte": 8, "char": 8}));
    assert_eq!(&"It will arive."[8..13], "arive");
    assert_eq!(lines[2]["id"], "4");
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[2]["error"]["kind"], "invalid-json");
    assert_eq!(lines[2]["error"]["column"], 1);
    // --exit-zero covers bad records too.
    let (_, _, code) = stdout_of(
        tact(dir.path())
            .args([
                "check",
                "-",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
                "--exit-zero",
            ])
            .write_stdin(input),
    );
    assert_eq!(code, 0);
}

#[test]
fn conversations_report_on_their_messages() {
    let dir = workspace();
    let record = r#"{"id": "conv-07", "lang": "en", "messages": [{"role": "customer", "time": "2026-03-01T09:00:00Z", "text": "Where is my parcel?"}, {"role": "agent", "time": "2026-03-02T10:00:00Z", "text": "It will arive today."}, {"role": "customer", "time": "2026-03-02T10:05:00Z", "text": "Can I change the address?"}]}"#;
    std::fs::write(dir.path().join("conv.jsonl"), format!("{record}\n")).unwrap();
    let (out, _, code) = stdout_of(tact(dir.path()).args(["check", "conv.jsonl", "--no-config", "--format", "jsonl"]));
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["conversation"], "conv-07");
    assert_eq!(lines[0]["message"], 2);
    assert_eq!(lines[0]["role"], "complete");
    let rules: Vec<&str> = lines[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"policy.outside-window"), "{rules:?}");
    assert!(rules.contains(&"spelling.unknown-word"), "{rules:?}");
    assert_eq!(lines[1]["author"], "customer");
    assert_eq!(lines[1]["score"], serde_json::Value::Null);
    assert_eq!(lines[1]["message"], 3);
    assert_eq!(lines[1]["diagnostics"][0]["rule"], "responsiveness.unanswered-question");
}

/// Several first drafts of a language at once: each waits for the dictionary and works out suggestions on the
/// thread pool while the other files do the same. That must finish (it once deadlocked: pool threads blocked on
/// helper threads that were waiting for the pool).
#[test]
fn many_first_drafts_with_typos_in_parallel_finish() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        std::fs::write(
            dir.path().join(format!("reponse-{i}.txt")),
            format!(
                "Bonjour Marie,\nMerci pour votre mesage. La comande {i} est partie, malheureusment sans la facturre.\nBonne journée,\nCamille\n"
            ),
        )
        .unwrap();
    }
    let output = tact(dir.path())
        .args(["check", ".", "--no-config", "--format", "concise", "--threads", "2"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.matches("spelling.unknown-word").count(), 12 * 4, "{stdout}");
}

/// `tact rules | head`: a reader that closes the pipe early ends the printing subcommands quietly, no panic.
#[cfg(unix)]
#[test]
fn printing_subcommands_exit_quietly_on_a_closed_pipe() {
    use std::process::{Command as Process, Stdio};
    let binary = assert_cmd::cargo::cargo_bin("tact");
    for args in [
        &["rules", "--format", "json"][..],
        &["explain", "grammar.repeated-word"],
        &["rules"],
    ] {
        let mut child = Process::new(&binary)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{args:?}");
    }
}
