//! Bad input, as a hostile or hurried user gives it: each case says what tact does, with which exit status, and
//! that the rest of the batch is still checked. The README's "Bad input" table lists the same cases.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

/// A clean draft that passes: every batch below carries one, to show the rest is still checked.
const GOOD: &str = "Hi Sam,\nThanks for your message. Your parcel left today.\nBest wishes,\nJo\n";

fn tact(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tact").expect("binary builds");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    cmd
}

fn run(cmd: &mut Command) -> (String, String, i32) {
    let Output { stdout, stderr, status } = cmd.output().expect("tact runs");
    (
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
        status.code().unwrap_or(-1),
    )
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, text).expect("write");
    }
    dir
}

#[test]
fn a_mistyped_rule_id_on_the_command_line_is_an_error_that_names_the_nearest() {
    let dir = folder(&[("a.txt", GOOD)]);
    let (_, err, code) =
        run(tact(dir.path()).args(["check", "a.txt", "--no-config", "--select", "grammar.repeated-wrod"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("unknown rule `grammar.repeated-wrod`; did you mean `grammar.repeated-word`?"),
        "{err}"
    );
    let (_, err, code) = run(tact(dir.path()).args(["check", "a.txt", "--no-config", "--ignore", "gretting"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `greeting`?"), "{err}");
}

#[test]
fn configuration_errors_name_the_file_line_and_column() {
    let cases = [
        (
            "select = [\"grammar.repeated-wrod\"]\n",
            "tact.toml:1:12: unknown rule `grammar.repeated-wrod`",
        ),
        (
            "[rules.\"length.long-sentense\"]\nseverity = \"off\"\n",
            "tact.toml:1:2: [rules.\"length.long-sentense\"]: unknown rule",
        ),
        (
            "min_score = 150\n",
            "tact.toml:1:13: `min_score` is a score from 0 to 100, not 150",
        ),
        (
            "[[overrides]]\nfiles = [\"a[.txt\"]\nignore = [\"greeting\"]\n",
            "tact.toml:2:11: overrides[0]: invalid glob `a[.txt`",
        ),
        (
            "[rules.\"length.too-many-sentences\"]\nmax = \"five\"\n",
            "tact.toml:1:2: [rules.\"length.too-many-sentences\"]: invalid type: string \"five\", expected a number",
        ),
        ("rule_dirs = [\"nope\"]\n", "tact.toml:1:15: `rule_dirs`: no folder"),
        ("word_lists = [\"nope.txt\"]\n", "tact.toml:1:16: `word_lists`:"),
    ];
    for (config, expected) in cases {
        let dir = folder(&[("a.txt", GOOD), ("tact.toml", config)]);
        let (_, err, code) = run(tact(dir.path()).args(["check", "a.txt"]));
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains(expected), "{config}: expected `{expected}` in:\n{err}");
        assert!(!err.contains("expected u8"), "{err}");
    }
}

#[test]
fn an_empty_draft_fails_and_says_so() {
    let dir = folder(&[("empty.txt", ""), ("blank.md", "  \n\n"), ("a.txt", GOOD)]);
    let (out, err, code) = run(tact(dir.path()).args(["check", ".", "--no-config", "--format", "concise"]));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(out.matches("error[length.empty]").count(), 2, "{out}");
    assert!(out.contains("3 drafts checked: 1 passed, 2 failed"), "{out}");
    let (out, _, code) = run(tact(dir.path())
        .args(["check", "-", "--no-config", "--lang", "fr"])
        .write_stdin(""));
    assert_eq!(code, 1);
    assert!(out.contains("Ce brouillon est vide"), "{out}");
}

#[test]
fn a_folder_without_messages_says_nothing_was_checked_and_exits_2() {
    let dir = folder(&[("notes.log", "x"), ("action.yml", "name: x\nruns:\n  using: node20\n")]);
    let (_, err, code) = run(tact(dir.path()).args(["check", ".", "--no-config"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("error: nothing was checked: no file of messages found"),
        "{err}"
    );
}

#[test]
fn walking_a_folder_skips_files_that_hold_no_messages_but_a_named_one_is_checked() {
    let dir = folder(&[
        ("action.yml", "name: x\nruns:\n  using: node20\n"),
        ("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}"),
        ("replies/a.txt", GOOD),
    ]);
    let (out, err, code) = run(tact(dir.path()).args(["check", "--no-config", "--format", "concise"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 draft checked: 1 passed"), "{out}");
    assert!(err.contains("note: skipped 2 files that hold no messages"), "{err}");
    // Named, it is checked: its one record has no text, which fails like a draft (exit 1), not like a broken tool.
    let (_, err, code) = run(tact(dir.path()).args(["check", "action.yml", "--no-config"]));
    assert_eq!(code, 1);
    assert!(err.contains("record has no `text` string"), "{err}");
}

#[test]
fn piped_json_lines_are_read_as_records_without_input_format() {
    let dir = folder(&[]);
    let stream = "{\"id\": \"r1\", \"text\": \"Hi Sam, thanks for the the update. Best, Jo\"}\n{\"id\": \"r2\", \"text\": \"Hi Ann, it left today. Best, Jo\"}\n";
    let (out, err, code) = run(tact(dir.path())
        .args(["check", "-", "--no-config", "--format", "jsonl"])
        .write_stdin(stream));
    assert_eq!(code, 1, "{err}");
    let ids: Vec<&str> = out.lines().filter(|l| l.contains("\"id\":\"r")).collect();
    assert_eq!(ids.len(), 2, "{out}");
    assert!(out.contains("grammar.repeated-word"), "{out}");
    // Prose that happens to start with a brace is still prose.
    let (out, _, _) = run(tact(dir.path())
        .args(["check", "-", "--no-config", "--format", "jsonl"])
        .write_stdin("{name}, your order left.\n"));
    assert!(out.contains("\"id\":null"), "{out}");
}

#[test]
fn a_yaml_stream_checks_every_document_and_places_aliases_and_merge_keys() {
    let yaml = "id: first\ntext: Hi Sam, it left today. Best, Jo\n---\nid: second\ntext: Hi Ann, thanks for the the note. Best, Jo\n";
    let merged = "base: &base\n  lang: en\n  text: Hi Sam, thanks for the the note. Best, Jo\nrecords:\n  - <<: *base\n    id: one\n  - id: two\n    text: Hi Ann, it left today. Best, Jo\n";
    let dir = folder(&[("stream.yaml", yaml), ("merged.yaml", merged)]);
    let (out, err, code) = run(tact(dir.path()).args(["check", "stream.yaml", "--no-config", "--format", "concise"]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("2 drafts checked"), "{out}");
    assert!(out.contains("stream.yaml:5:"), "{out}");
    let (out, err, _) = run(tact(dir.path()).args(["check", "merged.yaml", "--no-config", "--format", "concise"]));
    // The merged record's text is written under the anchor, line 3.
    assert!(out.contains("merged.yaml:3:"), "{out}{err}");
    assert!(out.contains("merged.yaml#one"), "{out}");
}

#[test]
fn a_repeated_key_keeps_its_last_value_as_json_parsers_do() {
    let json = "[{\"id\": \"a\", \"text\": \"Hi Sam, thanks for the the note. Best, Jo\", \"text\": \"Hi Sam, it left today. Best, Jo\"}]";
    let dir = folder(&[("dup.json", json)]);
    let (out, _, code) = run(tact(dir.path()).args(["check", "dup.json", "--no-config", "--format", "concise"]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn utf16_files_are_checked_and_fixed_in_their_encoding() {
    let text = "Hi Sam,\nThanks for the the note.\nBest, Jo\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = folder(&[]);
    std::fs::write(dir.path().join("u16.txt"), &bytes).expect("write");
    let (out, err, code) = run(tact(dir.path()).args(["check", "u16.txt", "--no-config", "--format", "concise"]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("u16.txt:2:15: warning[grammar.repeated-word]"), "{out}");
    let (_, err, code) = run(tact(dir.path()).args(["check", "u16.txt", "--no-config", "--fix"]));
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read(dir.path().join("u16.txt")).expect("read");
    let mut expected = vec![0xFF, 0xFE];
    expected.extend(
        "Hi Sam,\nThanks for the note.\nBest, Jo\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    assert_eq!(written, expected);
}

#[test]
fn a_nul_byte_past_the_first_8_kib_still_makes_a_file_binary() {
    let mut late = GOOD.repeat(200).into_bytes();
    late.extend(b"\0tail");
    let dir = folder(&[("a.txt", GOOD)]);
    std::fs::write(dir.path().join("late.txt"), &late).expect("write");
    let (out, err, code) = run(tact(dir.path()).args(["check", ".", "--no-config", "--format", "concise"]));
    assert_eq!(code, 2);
    assert!(err.contains("late.txt: binary file (a NUL byte at offset"), "{err}");
    assert!(out.contains("1 draft checked: 1 passed"), "{out}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = folder(&[("a.txt", GOOD)]);
    let big = std::fs::File::create(dir.path().join("big.txt")).expect("create");
    // Sparse: no disk is used, and reading it whole would take 300 MB of memory.
    big.set_len(300 << 20).expect("set_len");
    let (out, err, code) = run(tact(dir.path()).args(["check", ".", "--no-config", "--format", "concise"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("big.txt: file is too large (300 MiB; the limit is 256 MiB)"),
        "{err}"
    );
    assert!(out.contains("1 draft checked: 1 passed"), "{out}");
}

#[test]
fn an_endless_stdin_is_refused_at_the_limit() {
    use std::io::Write;
    let dir = folder(&[]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tact"))
        .current_dir(dir.path())
        .args(["check", "-", "--no-config", "--input-format", "text"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'y'; 1 << 20];
        // Stops when tact closes its end, which it must do at the limit, long before this many bytes.
        for _ in 0..2048 {
            if stdin.write_all(&chunk).is_err() {
                return true;
            }
        }
        false
    });
    let output = child.wait_with_output().expect("tact ends");
    assert!(writer.join().expect("writer"), "tact read 2 GiB of stdin");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("input is larger than 256 MiB"));
}

#[test]
fn french_spelling_messages_are_in_french() {
    let dir = folder(&[]);
    let (out, _, _) = run(tact(dir.path())
        .args(["check", "-", "--no-config", "--format", "concise"])
        .write_stdin("Bonjour Anne,\nVotre comande est partie ce matin.\nBonne journée,\nLéa"));
    assert!(out.contains("« comande » n’est pas dans le dictionnaire."), "{out}");
}

#[test]
fn concise_and_checkstyle_carry_the_score() {
    let dir = folder(&[("a.txt", "Hi Sam,\nThanks for the the note.\nBest, Jo\n")]);
    let (out, _, _) = run(tact(dir.path()).args(["check", "a.txt", "--no-config", "--format", "concise"]));
    assert!(out.contains("a.txt: score 88/100 (failed)"), "{out}");
    let (out, _, _) = run(tact(dir.path()).args(["check", "a.txt", "--no-config", "--format", "checkstyle"]));
    assert!(out.contains("[score 88/100]"), "{out}");
}

#[test]
fn suppression_works_in_records_by_comment_next_line_comment_and_ignore_field() {
    let jsonl = concat!(
        "{\"id\": \"c\", \"text\": \"<!--tact-disable greeting-->Your parcel left today. Best, Jo\"}\n",
        "{\"id\": \"n\", \"text\": \"Hi Sam,\\n<!-- tact-disable-next-line grammar.repeated-word -->\\nThe the parcel left.\\nThe the van came.\\nBest, Jo\"}\n",
        "{\"id\": \"i\", \"text\": \"Your parcel left today. Best, Jo\", \"ignore\": [\"greeting\"]}\n",
        "{\"id\": \"bad\", \"text\": \"Hi\", \"ignore\": [\"greeting.mising\"]}\n",
    );
    let yaml = "- id: y\n  text: \"<!-- tact-disable greeting -->Your parcel left today. Best, Jo\"\n";
    let csv = "id,text\nv,\"<!-- tact-disable greeting -->Your parcel left today. Best, Jo\"\n";
    let dir = folder(&[("r.jsonl", jsonl), ("r.yaml", yaml), ("r.csv", csv)]);
    let (out, err, code) = run(tact(dir.path()).args(["check", ".", "--no-config", "--format", "concise"]));
    // The record with a mistyped `ignore` is a bad record: it fails like a draft, the others are still checked.
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("greeting.missing"), "{out}");
    assert!(!out.contains("sentence-start"), "the comment is not text: {out}");
    assert_eq!(out.matches("grammar.repeated-word").count(), 1, "{out}");
    assert!(out.contains("r.jsonl:2:"), "{out}");
    assert!(
        err.contains("record `bad`: `ignore`: unknown rule `greeting.mising`; did you mean `greeting.missing`?"),
        "{err}"
    );
    assert!(out.contains("5 drafts checked"), "{out}");
}

#[test]
fn fix_writes_through_a_symbolic_link_and_keeps_hard_links() {
    let text = "Hi Sam,\nThanks for the the note.\nBest, Jo\n";
    let dir = folder(&[("real.txt", text), ("linked.txt", text)]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).expect("symlink");
        std::fs::hard_link(dir.path().join("linked.txt"), dir.path().join("other-name.txt")).expect("hard link");
        let (_, err, code) = run(tact(dir.path()).args(["check", "link.txt", "linked.txt", "--no-config", "--fix"]));
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::symlink_metadata(dir.path().join("link.txt"))
            .expect("link")
            .file_type()
            .is_symlink());
        let fixed = "Hi Sam,\nThanks for the note.\nBest, Jo\n";
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real.txt")).expect("read"),
            fixed
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("other-name.txt")).expect("read"),
            fixed
        );
    }
}

#[test]
fn fix_refuses_a_read_only_file_and_reports_it_as_it_is() {
    let text = "Hi Sam,\nThanks for the the note.\nBest, Jo\n";
    let dir = folder(&[("ro.txt", text), ("a.txt", GOOD)]);
    let path = dir.path().join("ro.txt");
    let mut permissions = std::fs::metadata(&path).expect("metadata").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).expect("chmod");
    let (out, err, code) = run(tact(dir.path()).args([
        "check",
        "ro.txt",
        "a.txt",
        "--no-config",
        "--fix",
        "--format",
        "concise",
    ]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("ro.txt: the file is read-only; not fixed"), "{err}");
    assert!(
        out.contains("ro.txt:2:15: warning[grammar.repeated-word]"),
        "the draft is reported as it is on disk: {out}"
    );
    assert!(out.contains("1 fixed file could not be written"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn fix_on_a_full_disk_is_a_failure_and_leaves_the_file_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mount = dir.path().join("full");
    std::fs::create_dir(&mount).expect("mkdir");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&mount)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs privileges)");
        return;
    }
    let text = format!(
        "Hi Sam,\nThanks for the the note. {}\nBest, Jo\n",
        "Your parcel left today. ".repeat(200)
    );
    let path = mount.join("big.txt");
    std::fs::write(&path, &text).expect("write");
    // Fill what is left, so that the temporary file of the fix cannot be written.
    let _ = std::fs::write(mount.join("filler"), vec![b'x'; 64 << 10]);
    let (_, err, code) = run(tact(&mount).args(["check", "big.txt", "--no-config", "--fix"]));
    let _ = std::process::Command::new("umount").arg(&mount).status();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write the fixed file"), "{err}");
}

#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    #[cfg(unix)]
    {
        let text = format!(
            "Hi Sam,\nThanks for the the note. {}\nBest, Jo\n",
            "Your parcel left today. ".repeat(50)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..300 {
            std::fs::write(dir.path().join(format!("{i:03}.txt")), &text).expect("write");
        }
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tact"))
            .current_dir(dir.path())
            .args(["check", ".", "--no-config", "--fix", "--format", "concise"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(400));
        // SAFETY: kill only sends a signal to the child started above.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let mut child = child;
        let _ = child.wait();
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".tact-fix-"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}
