//! Adopting tact on an existing library of macros, end to end through the binary: a baseline of the findings it
//! already has, team categories and rule packs, the opt-in `support-qa` pack, and team vocabularies.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn tact(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tact").expect("binary builds");
    cmd.current_dir(dir).env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs a command; returns stdout, stderr and the exit code.
fn run(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().expect("tact runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Every (file, rule, flagged text) of a `--format json` run.
fn findings(out: &str) -> Vec<(String, String, String)> {
    let doc = json(out);
    let mut found = Vec::new();
    for draft in doc["drafts"].as_array().expect("drafts") {
        for d in draft["diagnostics"].as_array().expect("diagnostics") {
            found.push((
                draft["source"].as_str().unwrap_or_default().to_string(),
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["text"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    found
}

const NAMES: &[&str] = &[
    "Sam", "Priya", "Jonas", "Amara", "Luis", "Mei", "Tom", "Nadia", "Oskar", "Ruth",
];
const TOPICS: &[&str] = &[
    "Your refund was sent today and reaches your card within five working days.",
    "Your parcel left our warehouse this morning; the tracking link is in your inbox.",
    "I have changed the delivery address on your order to the one you sent.",
    "Your subscription is paused until the first of next month, as you asked.",
    "The replacement charger is on its way and should arrive on Thursday.",
];
/// Mistakes the library already has: (text added to the body, rule that flags it).
const OLD_MISTAKES: &[&str] = &[
    " As I already said, the courier decides the time slot.",
    " Pls keep the box until it arrives.",
    " Thx for your patience.",
];

/// Fifty macros: most clean, every fifth with one of the old mistakes.
fn library(dir: &Path) {
    let macros = dir.join("macros");
    std::fs::create_dir_all(&macros).unwrap();
    for i in 0..50 {
        let name = NAMES[i % NAMES.len()];
        let mut body = TOPICS[i % TOPICS.len()].to_string();
        if i % 5 == 0 {
            body.push_str(OLD_MISTAKES[(i / 5) % OLD_MISTAKES.len()]);
        }
        let text = format!("Hi {name},\n\n{body}\n\nAnything else I can help with?\n\nBest,\nThe Acme team\n");
        std::fs::write(macros.join(format!("macro-{i:02}.txt")), text).unwrap();
    }
}

fn baseline_entries(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("tact-baseline.json")).expect("baseline written");
    json(&text)["findings"].as_array().expect("findings").clone()
}

#[test]
fn a_baseline_reports_only_new_findings_and_forgets_fixed_ones() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let check = |extra: &[&str]| {
        let mut cmd = tact(dir.path());
        cmd.args(["check", "macros", "--no-config", "--format", "json"])
            .args(extra);
        run(&mut cmd)
    };

    // Before adoption: the library fails on its old mistakes.
    let (out, _, code) = check(&[]);
    assert_eq!(code, 1);
    let old = findings(&out);
    assert!(old.len() >= 10, "{old:?}");

    // Adoption: the baseline records them all, and the run passes.
    let (_, err, code) = check(&["--baseline", "tact-baseline.json", "--update-baseline"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("written: {} known findings", old.len())), "{err}");
    assert_eq!(baseline_entries(dir.path()).len(), old.len());
    let (out, err, code) = check(&["--baseline", "tact-baseline.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(findings(&out).is_empty());
    assert_eq!(json(&out)["summary"]["baseline"]["known"], old.len());
    assert!(
        err.contains("known findings in baseline tact-baseline.json not shown"),
        "{err}"
    );

    // One new mistake: exit 1, and only it is reported.
    let fresh = dir.path().join("macros/macro-01.txt");
    let text = std::fs::read_to_string(&fresh).unwrap();
    std::fs::write(
        &fresh,
        text.replace("inbox.", "inbox. As I said before, check your spam folder."),
    )
    .unwrap();
    let (out, _, code) = check(&["--baseline", "tact-baseline.json"]);
    assert_eq!(code, 1);
    let new = findings(&out);
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(
        new[0].0.ends_with("macro-01.txt") && new[0].1 == "tone.passive-aggressive",
        "{new:?}"
    );
    // The text formats name it too, and only it.
    let (out, _, code) = run(tact(dir.path()).args([
        "check",
        "macros",
        "--no-config",
        "--format",
        "concise",
        "--baseline",
        "tact-baseline.json",
    ]));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("warning[")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("macros/macro-01.txt:3:"), "{out}");

    // One old mistake fixed: the run reports it gone, and the update drops it (and records the new one).
    let fixed = dir.path().join("macros/macro-05.txt");
    let text = std::fs::read_to_string(&fixed).unwrap();
    assert!(text.contains(" Pls keep the box"), "{text}");
    std::fs::write(&fixed, text.replace(" Pls keep the box until it arrives.", "")).unwrap();
    let (out, _, _) = check(&["--baseline", "tact-baseline.json"]);
    assert!(
        json(&out)["summary"]["baseline"]["gone"].as_u64().unwrap_or(0) >= 1,
        "{out}"
    );
    let (_, err, code) = check(&["--baseline", "tact-baseline.json", "--update-baseline"]);
    assert_eq!(code, 0, "{err}");
    let entries = baseline_entries(dir.path());
    assert!(
        !entries.iter().any(|e| e["file"] == "macros/macro-05.txt"),
        "{entries:?}"
    );
    assert!(entries
        .iter()
        .any(|e| e["file"] == "macros/macro-01.txt" && e["rule"] == "tone.passive-aggressive"));
    assert!(
        entries.iter().any(|e| e["file"] == "macros/macro-10.txt"),
        "other files keep their entries"
    );
    let (_, _, code) = check(&["--baseline", "tact-baseline.json"]);
    assert_eq!(code, 0);
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let sarif = |dir: &Path| {
        let (out, _, _) = run(tact(dir).args(["check", "macros/macro-05.txt", "--no-config", "--format", "sarif"]));
        let doc = json(&out);
        doc["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["tactFingerprint/v1"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap_or(0),
                )
            })
            .collect::<Vec<_>>()
    };
    let (_, err, code) = run(tact(dir.path()).args([
        "check",
        "macros",
        "--no-config",
        "--baseline",
        "tact-baseline.json",
        "--update-baseline",
    ]));
    assert_eq!(code, 0, "{err}");
    let before = sarif(dir.path());
    assert!(!before.is_empty());

    let file = dir.path().join("macros/macro-05.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "\n\n",
            "\n\nYour order number is in the subject line.\nIt is also on the invoice.\n\n",
            1,
        ),
    )
    .unwrap();
    let after = sarif(dir.path());
    assert_eq!(
        before.iter().map(|f| &f.0).collect::<Vec<_>>(),
        after.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "fingerprints moved"
    );
    assert!(
        after.iter().zip(&before).all(|(a, b)| a.1 == b.1 + 3),
        "the lines did move: {before:?} {after:?}"
    );
    // The baseline's fingerprints are SARIF's, so the moved findings are still known.
    let entries = baseline_entries(dir.path());
    for (fingerprint, _) in &after {
        assert!(
            entries.iter().any(|e| e["fingerprint"] == fingerprint.as_str()),
            "{fingerprint}"
        );
    }
    let (_, err, code) =
        run(tact(dir.path()).args(["check", "macros", "--no-config", "--baseline", "tact-baseline.json"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn baselines_work_with_help_desk_exports_the_jsonl_stream_and_the_config_key() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports");
    std::fs::copy(fixtures.join("zendesk.json"), dir.path().join("zendesk.json")).unwrap();
    std::fs::write(dir.path().join("tact.toml"), "baseline = \"known.json\"\n").unwrap();
    let (_, err, code) = run(tact(dir.path()).args(["check", "zendesk.json", "--update-baseline"]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("known.json")).unwrap();
    assert!(text.contains("\"draft\": \"Refund issued\""), "{text}");
    let (out, err, code) = run(tact(dir.path()).args(["check", "zendesk.json", "--format", "sarif"]));
    assert_eq!(code, 0, "{err}");
    assert!(json(&out)["runs"][0]["results"]
        .as_array()
        .is_some_and(|r| r.is_empty()));

    // Records streamed on stdin: the known one is hidden batch by batch, a new one is reported.
    let known = r#"{"id": "r1", "text": "Hi Sam, pls check your inbox. Best, Kim"}"#;
    let (_, err, code) = run(tact(dir.path())
        .args([
            "check",
            "-",
            "--stdin-filename",
            "replies.jsonl",
            "--format",
            "jsonl",
            "--update-baseline",
        ])
        .write_stdin(format!("{known}\n")));
    assert_eq!(code, 0, "{err}");
    let novel = r#"{"id": "r2", "text": "Hi Ana, thx for waiting. Best, Kim"}"#;
    let (out, _, code) = run(tact(dir.path())
        .args(["check", "-", "--stdin-filename", "replies.jsonl", "--format", "jsonl"])
        .write_stdin(format!("{known}\n{novel}\n")));
    assert_eq!(code, 1);
    let rules: Vec<String> = out
        .lines()
        .flat_map(|l| json(l)["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| d["text"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(rules, vec!["thx"]);
    // The update kept the export's entries: another file's findings are not forgotten.
    let text = std::fs::read_to_string(dir.path().join("known.json")).unwrap();
    assert!(
        text.contains("zendesk.json") && text.contains("replies.jsonl"),
        "{text}"
    );
}

#[test]
fn baseline_mistakes_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let (_, err, code) = run(tact(dir.path()).args(["check", "macros", "--no-config", "--update-baseline"]));
    assert_eq!(code, 2);
    assert!(err.contains("--update-baseline needs a baseline file"), "{err}");
    let (_, err, code) = run(tact(dir.path()).args(["check", "macros", "--no-config", "--baseline", "missing.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("missing.json: no such baseline"), "{err}");
    std::fs::write(dir.path().join("bad.json"), "{\"findings\": 3}").unwrap();
    let (_, err, code) = run(tact(dir.path()).args(["check", "macros", "--no-config", "--baseline", "bad.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("bad.json: not a tact baseline"), "{err}");
}

/// A team pack declaring its own category, with a weight.
fn team_pack(dir: &Path) {
    let rules = dir.join("team-rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("brand.toml"),
        r#"
[[category]]
id = "brand"
description = "How we write our own name."
weight = 2.0

[[rule]]
id = "brand.name"
category = "brand"
kind = "pattern"
message = "Write “Acme”, not “{match}”."
help = "Our name is one word with one capital."
patterns = ['\bACME\b']
lang = ["en"]
roles = ["complete", "first"]
authors = ["agent"]
channels = ["email", "chat"]

[[rule.example]]
text = "Thanks for choosing ACME!"
expect = 1

[[rule.example]]
text = "Thanks for choosing Acme!"
expect = 0
"#,
    )
    .unwrap();
    std::fs::write(dir.join("tact.toml"), "rule_dirs = [\"team-rules\"]\n").unwrap();
    std::fs::write(
        dir.join("reply.txt"),
        "Hi Sam,\n\nThanks for choosing ACME! Your order left today.\n\nBest,\nKim\n",
    )
    .unwrap();
}

#[test]
fn team_categories_are_selected_listed_explained_and_weighed() {
    let dir = tempfile::tempdir().unwrap();
    team_pack(dir.path());
    let (out, err, code) = run(tact(dir.path()).args(["check", "reply.txt", "--format", "json"]));
    assert_eq!(code, 1, "{err}");
    let doc = json(&out);
    let draft = &doc["drafts"][0];
    assert_eq!(draft["diagnostics"][0]["rule"], "brand.name");
    assert_eq!(draft["diagnostics"][0]["category"], "brand");
    // A warning costs 12 points; the category's weight doubles it.
    assert_eq!(draft["score"], 76);

    for args in [
        &["--ignore", "brand"][..],
        &["--select", "tone,grammar"][..],
        &["--channel", "sms"][..],
    ] {
        let (out, err, code) = run(tact(dir.path())
            .args(["check", "reply.txt", "--format", "json"])
            .args(args));
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(findings(&out).is_empty(), "{args:?}: {out}");
    }
    let (out, _, code) = run(tact(dir.path()).args(["check", "reply.txt", "--format", "json", "--select", "brand"]));
    assert_eq!(code, 1);
    assert_eq!(findings(&out).len(), 1);
    std::fs::write(
        dir.path().join("tact.toml"),
        "rule_dirs = [\"team-rules\"]\nignore = [\"brand.name\"]\n",
    )
    .unwrap();
    let (_, _, code) = run(tact(dir.path()).args(["check", "reply.txt"]));
    assert_eq!(code, 0);

    let (out, _, code) = run(tact(dir.path()).args(["rules"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("brand.name") && out.contains("How we write our own name."),
        "{out}"
    );
    let (out, _, code) = run(tact(dir.path()).args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    assert!(json(&out)
        .as_array()
        .is_some_and(|rules| rules.iter().any(|r| r["category"] == "brand")));
    let (out, _, code) = run(tact(dir.path()).args(["explain", "brand.name"]));
    assert_eq!(code, 0);
    assert!(out.contains("Category brand: How we write our own name."), "{out}");
    let (out, _, code) = run(tact(dir.path()).args(["test", "team-rules"]));
    assert_eq!(code, 0, "{out}");

    // A typo in a selector, and a rule of a category nobody declared, are errors, not silence.
    let (_, err, code) = run(tact(dir.path()).args(["check", "reply.txt", "--select", "brnd"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown category `brnd`") && err.contains("brand"),
        "{err}"
    );
    let pack = std::fs::read_to_string(dir.path().join("team-rules/brand.toml")).unwrap();
    let start = pack.find("[[category]]").unwrap();
    let end = pack.find("[[rule]]").unwrap();
    std::fs::write(
        dir.path().join("team-rules/brand.toml"),
        format!("{}{}", &pack[..start], &pack[end..]),
    )
    .unwrap();
    let (_, err, code) = run(tact(dir.path()).args(["check", "reply.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("category `brand` is not declared"), "{err}");
}

#[test]
fn the_support_qa_pack_is_opt_in_and_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("reply.txt"),
        "Hi Sam,\n\nI guarantee it arrives tomorrow, unlike with Globex. I've escalated it to L2 too.\n\nBest,\nKim\n",
    )
    .unwrap();
    let rules_of = |out: &str| {
        let mut rules: Vec<String> = findings(out).into_iter().map(|f| f.1).collect();
        rules.sort();
        rules
    };
    let (out, _, _) = run(tact(dir.path()).args(["check", "reply.txt", "--format", "json"]));
    assert!(rules_of(&out).iter().all(|r| !r.starts_with("support-qa.")), "{out}");
    let (out, _, code) = run(tact(dir.path()).args([
        "check",
        "reply.txt",
        "--format",
        "json",
        "--extend-select",
        "support-qa",
    ]));
    assert_eq!(code, 1);
    assert_eq!(rules_of(&out), vec!["support-qa.internal-jargon", "support-qa.promise"]);
    std::fs::write(
        dir.path().join("tact.toml"),
        "extend_select = [\"support-qa\"]\n[rules.\"support-qa.competitor\"]\nterms = [\"Globex\"]\n",
    )
    .unwrap();
    let (out, _, _) = run(tact(dir.path()).args(["check", "reply.txt", "--format", "json"]));
    assert_eq!(
        rules_of(&out),
        vec![
            "support-qa.competitor",
            "support-qa.internal-jargon",
            "support-qa.promise"
        ]
    );
    let (out, _, code) = run(tact(dir.path()).args(["explain", "support-qa.competitor"]));
    assert_eq!(code, 0);
    assert!(out.contains("Opt-in") && out.contains("(with terms"), "{out}");
}

#[test]
fn vocabularies_feed_spelling_and_the_rejected_term_rule() {
    let dir = tempfile::tempdir().unwrap();
    let vocab = dir.path().join(".tact/vocab/Acme");
    std::fs::create_dir_all(&vocab).unwrap();
    std::fs::write(vocab.join("accept.txt"), "# product names\nfrobnicator\n").unwrap();
    std::fs::write(vocab.join("reject.txt"), "e-mail -> email\nFrob box -> Frobnicator\n").unwrap();
    let reply = "Hi Sam,\n\nTry the frobnicator app, then send us an e-mail about your Frob box.\n\nBest,\nKim\n";
    std::fs::write(dir.path().join("reply.txt"), reply).unwrap();

    let (out, _, _) = run(tact(dir.path()).args(["check", "reply.txt", "--format", "json"]));
    let without: Vec<String> = findings(&out).into_iter().map(|f| f.1).collect();
    assert!(without.contains(&"spelling.unknown-word".to_string()), "{out}");

    std::fs::write(dir.path().join("tact.toml"), "vocab = [\"Acme\"]\n").unwrap();
    let (out, _, code) = run(tact(dir.path()).args(["check", "reply.txt", "--format", "json"]));
    assert_eq!(code, 1);
    let with = findings(&out);
    assert_eq!(
        with.iter().map(|f| (f.1.as_str(), f.2.as_str())).collect::<Vec<_>>(),
        vec![
            ("spelling.rejected-term", "e-mail"),
            ("spelling.rejected-term", "Frob box")
        ]
    );
    let (_, _, code) = run(tact(dir.path()).args(["check", "reply.txt", "--fix"]));
    assert_eq!(code, 0);
    let fixed = std::fs::read_to_string(dir.path().join("reply.txt")).unwrap();
    assert!(fixed.contains("send us an email about your Frobnicator."), "{fixed}");

    std::fs::write(dir.path().join("tact.toml"), "vocab = [\"Missing\"]\n").unwrap();
    let (_, err, code) = run(tact(dir.path()).args(["check", "reply.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("vocab `Missing`"), "{err}");
}
