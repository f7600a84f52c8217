//! Channels end to end: what each channel owes, how it is named (flag, configuration, record field), and what an
//! unknown one does.

use assert_cmd::Command;

fn tact(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("tact").expect("binary builds");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    cmd
}

/// The rules that fired on one draft piped on stdin, with the channel it was checked in.
fn rules_for(args: &[&str], draft: &str) -> (Vec<String>, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let output = tact(dir.path())
        .args(["check", "-", "--format", "jsonl", "--no-config"])
        .args(args)
        .write_stdin(draft)
        .output()
        .unwrap();
    let line = String::from_utf8(output.stdout).unwrap();
    let record: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    let rules = record["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    (rules, record["channel"].clone())
}

const BARE_ANSWER: &str = "Your parcel left the warehouse this morning. It should arrive on Thursday.";

#[test]
fn without_a_channel_a_reply_owes_a_greeting_and_a_closing() {
    let (rules, channel) = rules_for(&[], BARE_ANSWER);
    assert!(rules.contains(&"greeting.missing".to_string()), "{rules:?}");
    assert!(rules.contains(&"sign-off.missing".to_string()), "{rules:?}");
    assert_eq!(channel, serde_json::Value::Null);
}

#[test]
fn email_and_messenger_owe_both() {
    for channel in ["email", "messenger"] {
        let (rules, named) = rules_for(&["--channel", channel], BARE_ANSWER);
        assert!(rules.contains(&"greeting.missing".to_string()), "{channel}: {rules:?}");
        assert!(rules.contains(&"sign-off.missing".to_string()), "{channel}: {rules:?}");
        assert_eq!(named, channel);
    }
}

#[test]
fn live_chat_owes_no_closing_and_spares_short_turns() {
    let (rules, _) = rules_for(&["--channel", "chat"], BARE_ANSWER);
    assert!(rules.contains(&"greeting.missing".to_string()), "{rules:?}");
    assert!(!rules.contains(&"sign-off.missing".to_string()), "{rules:?}");
    let (rules, _) = rules_for(&["--channel", "chat", "--role", "middle"], "oui bien entendu");
    assert!(rules.is_empty(), "{rules:?}");
    // The same turn in an e-mail is sloppy writing.
    let (rules, _) = rules_for(&["--channel", "email", "--role", "middle"], "oui bien entendu");
    assert!(rules.contains(&"grammar.sentence-start".to_string()), "{rules:?}");
}

#[test]
fn a_public_reply_is_signed_split_and_counted_as_the_network_counts() {
    let signed =
        "@shopper22 Sorry about the mix-up! DM us your order number and we'll fix it. ^KB https://t.co/abcdefghij";
    let (rules, _) = rules_for(&["--channel", "social"], signed);
    assert!(rules.is_empty(), "{rules:?}");
    let (rules, _) = rules_for(
        &["--channel", "social"],
        "@shopper22 ...and the refund follows within 5 days. 2/2 ^KB",
    );
    assert!(rules.is_empty(), "{rules:?}");
    let long = format!("@shopper22 Thanks for waiting! {}", "We checked it again. ".repeat(14));
    let (rules, _) = rules_for(&["--channel", "social"], &long);
    assert!(rules.contains(&"length.channel-limit".to_string()), "{rules:?}");
    let (rules, _) = rules_for(&["--channel", "email"], &long);
    assert!(!rules.contains(&"length.channel-limit".to_string()), "{rules:?}");
}

#[test]
fn sms_greets_first_and_has_a_limit() {
    let (rules, _) = rules_for(&["--channel", "sms", "--role", "complete"], BARE_ANSWER);
    assert!(rules.is_empty(), "{rules:?}");
    let (rules, _) = rules_for(&["--channel", "sms", "--role", "first"], BARE_ANSWER);
    assert_eq!(rules, vec!["greeting.missing"]);
}

#[test]
fn messenger_policy_applies_on_messenger_only() {
    let conversation = r#"{"id": "c1", "channel": "CHANNEL", "messages": [{"role": "customer", "time": "2026-03-01T09:00:00Z", "text": "Where is my order?"}, {"role": "agent", "time": "2026-03-03T09:00:00Z", "text": "Hi Sam, sorry for the wait! It left today. Have a good day!"}]}"#;
    let dir = tempfile::tempdir().unwrap();
    for (channel, expected) in [("messenger", true), ("email", false)] {
        let output = tact(dir.path())
            .args([
                "check",
                "-",
                "--format",
                "jsonl",
                "--no-config",
                "--input-format",
                "jsonl",
            ])
            .write_stdin(conversation.replace("CHANNEL", channel))
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert_eq!(text.contains("policy.outside-window"), expected, "{channel}: {text}");
        assert!(text.contains(&format!("\"channel\":\"{channel}\"")), "{text}");
    }
}

#[test]
fn the_configuration_names_the_channel_and_a_team_may_add_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/kiosk.toml"),
        "[[channel]]\nid = \"kiosk\"\nname = \"the shop kiosk\"\ngreeting = []\nclosing = []\nmax_chars = 40\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tact.toml"),
        "channel = \"kiosk\"\nrule_dirs = [\"packs\"]\n",
    )
    .unwrap();
    let output = tact(dir.path())
        .args(["check", "-", "--format", "jsonl"])
        .write_stdin(BARE_ANSWER)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\"channel\":\"kiosk\""), "{text}");
    assert!(text.contains("the shop kiosk holds 40 at most"), "{text}");
    assert!(!text.contains("greeting.missing"), "{text}");
}

#[test]
fn an_unknown_channel_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let output = tact(dir.path())
        .args(["check", "-", "--no-config", "--channel", "whatsap"])
        .write_stdin(BARE_ANSWER)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown channel `whatsap`"), "{stderr}");
    assert!(stderr.contains("messenger"), "{stderr}");
    // In a record, the record is reported in its place, like a failed draft, and the others are checked.
    let records = "{\"id\": \"a\", \"text\": \"Hi! Done. Bye!\", \"channel\": \"fax\"}\n{\"id\": \"b\", \"text\": \"Hi! Done. Bye!\"}\n";
    let output = tact(dir.path())
        .args([
            "check",
            "-",
            "--no-config",
            "--format",
            "jsonl",
            "--input-format",
            "jsonl",
        ])
        .write_stdin(records)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].contains(r#""id":"a","line":1,"error":{"kind":"unknown-channel","message":"unknown channel `fax`"#),
        "{stdout}"
    );
    assert!(lines[1].contains("\"id\":\"b\""), "{stdout}");
}

/// What each channel says about the same two drafts, as a person reads it (concise format).
#[test]
fn channel_specific_output() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = concat!(
        r#"{"id": "bare", "text": "Your parcel left the warehouse this morning. It should arrive on Thursday."}"#,
        "\n",
        r#"{"id": "long", "text": "@shopper22 Thanks for waiting! We checked the parcel again with the courier this morning, and it is now at the local depot. It should reach you on Thursday between nine and noon. If it does not, reply here with your order number and we will send a replacement the same day, no need to return anything. Sorry again for the trouble. ^KB https://t.co/abcdefghij"}"#,
        "\n"
    );
    let mut out = String::new();
    for channel in ["none", "messenger", "chat", "email", "social", "sms"] {
        let mut cmd = tact(dir.path());
        cmd.args([
            "check",
            "-",
            "--format",
            "concise",
            "--no-config",
            "--input-format",
            "jsonl",
        ]);
        cmd.args(["--stdin-filename", "drafts.jsonl"]);
        if channel != "none" {
            cmd.args(["--channel", channel]);
        }
        let output = cmd.write_stdin(drafts).output().unwrap();
        out.push_str(&format!(
            "## {channel}\n{}\n",
            String::from_utf8(output.stdout).unwrap()
        ));
    }
    insta::assert_snapshot!(out);
}
