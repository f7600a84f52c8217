//! `--fix`: fixing twice gives what fixing once gave (a property over generated drafts), files keep their
//! permissions, clean files are not touched, and no temporary file is left behind.

use std::path::Path;

use assert_cmd::Command;

mod common;

use common::Rng;

const PIECES: &[&str] = &[
    "hi sam,",
    "Bonjour Zoé,",
    "Check the the link.",
    "i will check  that for u",
    "pls send it",
    "thx !",
    "Votre colis est parti!",
    "It will arive tommorow .",
    "Your order shipped",
    "Merci bcp pour votre patience",
    "Best,",
    "Tom",
    "tu as reçu votre colis ?",
    "Cordialement,",
    "Sorry for the wait, the refund is done.",
];

fn fix(dir: &Path, text: &str, unsafe_fixes: bool) -> String {
    let mut cmd = Command::cargo_bin("tact").expect("binary");
    cmd.current_dir(dir)
        .args(["check", "-", "--fix", "--no-config", "--exit-zero"]);
    if unsafe_fixes {
        cmd.arg("--unsafe-fixes");
    }
    let output = cmd.write_stdin(text.to_string()).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn fixing_twice_gives_what_fixing_once_gave() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0xf1f1_2026);
    for case in 0..30 {
        let n = 2 + (rng.next() % 4) as usize;
        let text: Vec<&str> = (0..n).map(|_| rng.pick(PIECES)).collect();
        let text = text.join(if rng.next() % 2 == 0 { "\n" } else { " " });
        let unsafe_fixes = case % 3 == 0;
        let once = fix(dir.path(), &text, unsafe_fixes);
        let twice = fix(dir.path(), &once, unsafe_fixes);
        assert_eq!(once, twice, "case {case}: {text:?}");
    }
}

#[test]
fn fixed_files_keep_their_permissions_and_nothing_is_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("macro.txt");
    let clean = dir.path().join("clean.txt");
    std::fs::write(&fixed, "Hi Sam,\nCheck the the link  below.\nBest,\nTom").unwrap();
    std::fs::write(&clean, "Hi Sam,\nYour parcel left today.\nBest,\nTom").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fixed, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let clean_before = std::fs::metadata(&clean).unwrap().modified().unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--fix", "--no-config", "--exit-zero"])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&fixed).unwrap(),
        "Hi Sam,\nCheck the link below.\nBest,\nTom"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&fixed).unwrap().permissions().mode() & 0o777, 0o640);
    }
    assert_eq!(std::fs::metadata(&clean).unwrap().modified().unwrap(), clean_before);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["clean.txt", "macro.txt"]);
}

#[test]
fn fixes_inside_json_strings_are_written_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("macros.jsonl");
    std::fs::write(
        &file,
        "{\"id\": \"a\", \"text\": \"Hi \\\"Sam\\\",\\nCheck the the link.\"}\n",
    )
    .unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "macros.jsonl", "--fix", "--no-config", "--exit-zero"])
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text,
        "{\"id\": \"a\", \"text\": \"Hi \\\"Sam\\\",\\nCheck the link.\"}\n"
    );
    let record: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(record["text"], "Hi \"Sam\",\nCheck the link.");
}
