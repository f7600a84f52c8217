//! `tact words add`: the nearest `.tact/words.txt`, sorted and deduplicated, and what `tact check` makes of it.

use assert_cmd::Command;

fn tact(dir: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("tact").unwrap();
    command.current_dir(dir);
    command
}

/// Runs `tact words add ARGS` in `dir`: exit code, stdout, stderr.
fn words_add(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = tact(dir).args(["words", "add"]).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn added_words_are_sorted_deduplicated_and_accepted_by_check() {
    let root = tempfile::tempdir().unwrap();
    let draft = root.path().join("reply.txt");
    std::fs::write(
        &draft,
        "Hi Zoé, your frobnik and your blorpette are on their way. Have a nice day!\n",
    )
    .unwrap();
    let spelling = |dir: &std::path::Path| {
        let output = tact(dir)
            .args(["check", "reply.txt", "--format", "jsonl", "--select", "spelling"])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(spelling(root.path()), ["frobnik", "blorpette"]);

    let (code, stdout, _) = words_add(root.path(), &["frobnik"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("added to"), "{stdout}");
    assert_eq!(words_add(root.path(), &["Blorpette"]).0, 0);
    let (code, stdout, _) = words_add(root.path(), &["frobnik"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("already in"), "{stdout}");
    let words = root.path().join(".tact").join("words.txt");
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "Blorpette\nfrobnik\n");
    assert!(spelling(root.path()).is_empty());

    // From a subfolder, the list above is the nearest one.
    let sub = root.path().join("macros");
    std::fs::create_dir_all(&sub).unwrap();
    assert_eq!(words_add(&sub, &["acme"]).0, 0);
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "acme\nBlorpette\nfrobnik\n");
    assert!(!sub.join(".tact").exists());
}

#[test]
fn a_language_list_applies_to_that_language_only() {
    let root = tempfile::tempdir().unwrap();
    assert_eq!(words_add(root.path(), &["frobnik", "--lang", "fr"]).0, 0);
    assert!(root.path().join(".tact").join("words.fr.txt").is_file());
    let flagged = |text: &str| {
        let output = tact(root.path())
            .args(["check", "-", "--format", "jsonl", "--select", "spelling"])
            .write_stdin(text)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["diagnostics"].as_array().unwrap().len()
    };
    assert_eq!(
        flagged("Bonjour, votre frobnik est partie ce matin. Bonne journée !"),
        0
    );
    assert_eq!(flagged("Hi, your frobnik left this morning. Have a nice day!"), 1);
}

#[test]
fn bad_words_and_languages_are_usage_errors() {
    let root = tempfile::tempdir().unwrap();
    let (code, _, stderr) = words_add(root.path(), &["two words"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a word"), "{stderr}");
    let (code, _, stderr) = words_add(root.path(), &["Zenbox", "--lang", "de"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--lang"), "{stderr}");
    assert!(!root.path().join(".tact").exists());
}
