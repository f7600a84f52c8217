//! The language server in process: JSON-RPC messages in, messages out, in both position encodings, over a draft
//! with an emoji and accented letters (where UTF-8 and UTF-16 columns differ).

mod client;

use client::{Client, Encoding};
use serde_json::{json, Value};

/// "Zoé" and "👋" make every later column differ between UTF-8 (bytes) and UTF-16 (code units).
const DRAFT: &str = "Hi Zoé 👋, thx for your mesage.\nI will check the the order today and come back to u.\n";

fn column(line: &str, byte: usize, encoding: Encoding) -> u64 {
    match encoding {
        Encoding::Utf8 => byte as u64,
        Encoding::Utf16 => line[..byte].encode_utf16().count() as u64,
    }
}

/// The LSP position of byte `at` of `text`.
fn position_at(text: &str, at: usize, encoding: Encoding) -> Value {
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": column(&text[start..], at - start, encoding)})
}

/// The LSP position of the first `needle` in `text`.
fn position_of(text: &str, needle: &str, encoding: Encoding) -> Value {
    position_at(text, text.find(needle).expect("needle in text"), encoding)
}

fn range_at(text: &str, bytes: std::ops::Range<usize>, encoding: Encoding) -> Value {
    json!({"start": position_at(text, bytes.start, encoding), "end": position_at(text, bytes.end, encoding)})
}

fn range_of(text: &str, needle: &str, encoding: Encoding) -> Value {
    let at = text.find(needle).expect("needle in text");
    range_at(text, at..at + needle.len(), encoding)
}

fn by_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

#[test]
fn position_encoding_is_negotiated() {
    for (offered, expected) in [
        (vec!["utf-16", "utf-8"], "utf-8"),
        (vec!["utf-16"], "utf-16"),
        (vec![], "utf-16"),
    ] {
        let (client, result) = Client::start_offering(&offered, json!({}));
        assert_eq!(result["capabilities"]["positionEncoding"], expected, "{offered:?}");
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
        assert_eq!(result["serverInfo"]["name"], "tact");
        client.shutdown();
    }
}

#[test]
fn diagnostics_on_open_carry_rule_link_severity_and_score() {
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let client = Client::start(encoding, json!({}));
        let uri = client.open_text("draft.txt", DRAFT);
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], 1);
        let diagnostics = published["diagnostics"].as_array().unwrap();
        let txt = by_rule(diagnostics, "grammar.txt-speak");
        assert_eq!(txt.len(), 2, "{encoding:?}: {diagnostics:#?}");
        assert_eq!(txt[0]["range"], range_of(DRAFT, "thx", encoding), "{encoding:?}");
        assert_eq!(txt[0]["source"], "tact");
        assert_eq!(txt[0]["severity"], 2);
        assert!(txt[0]["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("rules/en/grammar.toml"));
        let score = txt[0]["data"]["score"].as_u64().unwrap();
        assert!(score < 100);
        assert!(txt[0]["message"]
            .as_str()
            .unwrap()
            .ends_with(&format!("[draft score {score}]")));
        let spelling = by_rule(diagnostics, "spelling.unknown-word");
        assert_eq!(
            spelling[0]["range"],
            range_of(DRAFT, "mesage", encoding),
            "{encoding:?}"
        );
        assert_eq!(spelling[0]["data"]["suggestions"][0], "message");
        let u = DRAFT.find("u.\n").unwrap();
        assert_eq!(txt[1]["range"], range_at(DRAFT, u..u + 1, encoding));
        client.shutdown();
    }
}

#[test]
fn incremental_and_full_changes_are_applied_in_both_encodings() {
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let client = Client::start(encoding, json!({"debounceMs": 0}));
        let uri = client.open_text("draft.txt", DRAFT);
        client.diagnostics(&uri);
        // Correct the misspelling after the emoji: the range is only right if columns are counted as negotiated.
        client.change(
            &uri,
            2,
            json!([{"range": range_of(DRAFT, "mesage", encoding), "text": "message"}]),
        );
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], 2);
        let diagnostics = published["diagnostics"].as_array().unwrap();
        assert!(
            by_rule(diagnostics, "spelling.unknown-word").is_empty(),
            "{encoding:?}: {diagnostics:#?}"
        );
        // The text after the edit is still placed right.
        let fixed = DRAFT.replace("mesage", "message");
        // The repeated word is the second "the", with the space before it.
        let the = fixed.find("the the").unwrap() + 3;
        assert_eq!(
            by_rule(diagnostics, "grammar.repeated-word")[0]["range"],
            range_at(&fixed, the..the + 4, encoding)
        );
        // Several changes in one notification apply in order, each to the text the previous one left.
        let emoji = fixed.find('👋').unwrap();
        let after_emoji = fixed.replacen('👋', "🙂👋", 1);
        let thx = after_emoji.find("thx").unwrap();
        client.change(
            &uri,
            3,
            json!([
                {"range": range_at(&fixed, emoji..emoji, encoding), "text": "🙂"},
                {"range": range_at(&after_emoji, thx..thx + 3, encoding), "text": "thanks"},
            ]),
        );
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], 3);
        let diagnostics = published["diagnostics"].as_array().unwrap();
        assert_eq!(
            by_rule(diagnostics, "grammar.txt-speak").len(),
            1,
            "{encoding:?}: {diagnostics:#?}"
        );
        let both = after_emoji.replacen("thx", "thanks", 1);
        let u = both.find("u.\n").unwrap();
        assert_eq!(
            by_rule(diagnostics, "grammar.txt-speak")[0]["range"],
            range_at(&both, u..u + 1, encoding)
        );
        // A change without a range replaces the whole text.
        client.change(
            &uri,
            3,
            json!([{"text": "Bonjour Zoé 👋, merci pour votre message. Bonne journée !"}]),
        );
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], 3);
        assert!(by_rule(published["diagnostics"].as_array().unwrap(), "grammar.txt-speak").is_empty());
        client.shutdown();
    }
}

#[test]
fn changes_are_debounced_into_one_check() {
    let client = Client::start(Encoding::Utf16, json!({"debounceMs": 150}));
    let uri = client.open_text("draft.txt", DRAFT);
    client.diagnostics(&uri);
    for version in 2..=4 {
        client.change(
            &uri,
            version,
            json!([{"text": format!("{DRAFT}{}", "ok ".repeat(version as usize))}]),
        );
    }
    let started = std::time::Instant::now();
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 4, "only the last version is checked");
    assert!(started.elapsed() >= std::time::Duration::from_millis(100));
    client.shutdown();
}

#[test]
fn save_checks_again_and_close_clears() {
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let client = Client::start(encoding, json!({}));
        let uri = client.open_text("draft.txt", DRAFT);
        client.diagnostics(&uri);
        client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
        let saved = client.diagnostics(&uri);
        assert_eq!(
            by_rule(saved["diagnostics"].as_array().unwrap(), "grammar.txt-speak")[0]["range"],
            range_of(DRAFT, "thx", encoding)
        );
        client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
        assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
        client.shutdown();
    }
}

fn actions_at(client: &Client, uri: &str, range: Value) -> Vec<Value> {
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action `{title}` in {actions:#?}"))
}

#[test]
fn code_actions_fix_suggest_add_word_and_disable() {
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let client = Client::start(encoding, json!({}));
        let uri = client.open_text("draft.txt", DRAFT);
        client.diagnostics(&uri);

        let actions = actions_at(&client, &uri, range_of(DRAFT, "thx", encoding));
        let fix = titled(&actions, "Replace with “thanks”");
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["isPreferred"], true, "a safe fix is preferred");
        assert_eq!(fix["diagnostics"][0]["code"], "grammar.txt-speak");
        let edit = &fix["edit"]["changes"][&uri][0];
        assert_eq!(edit["range"], range_of(DRAFT, "thx", encoding), "{encoding:?}");
        assert_eq!(edit["newText"], "thanks");

        let actions = actions_at(&client, &uri, range_of(DRAFT, "mesage", encoding));
        let suggestion = titled(&actions, "Replace with “message”");
        assert_eq!(
            suggestion["edit"]["changes"][&uri][0]["range"],
            range_of(DRAFT, "mesage", encoding)
        );
        assert!(
            actions.iter().any(|a| a["title"] == "Replace with “menage”"),
            "other suggestions"
        );
        let add = titled(&actions, "Add “mesage” to .tact/words.txt");
        assert_eq!(add["command"]["command"], "tact.addWord");
        assert_eq!(add["command"]["arguments"][0]["word"], "mesage");
        let disable = titled(&actions, "Disable spelling.unknown-word for this draft");
        let insert = &disable["edit"]["changes"][&uri][0];
        assert_eq!(insert["newText"], "<!-- tact-disable spelling.unknown-word -->\n");
        assert_eq!(insert["range"]["start"], json!({"line": 0, "character": 0}));
        client.shutdown();
    }
}

#[test]
fn the_disable_comment_silences_the_rule() {
    let client = Client::start(Encoding::Utf16, json!({"debounceMs": 0}));
    let uri = client.open_text("draft.md", DRAFT);
    client.diagnostics(&uri);
    let actions = actions_at(&client, &uri, range_of(DRAFT, "thx", Encoding::Utf16));
    let insert = &titled(&actions, "Disable grammar.txt-speak for this draft")["edit"]["changes"][&uri][0];
    client.change(&uri, 2, json!([{"range": insert["range"], "text": insert["newText"]}]));
    let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
    assert!(by_rule(&diagnostics, "grammar.txt-speak").is_empty());
    assert!(!by_rule(&diagnostics, "spelling.unknown-word").is_empty());
    client.shutdown();
}

#[test]
fn adding_a_word_writes_the_nearest_words_file_and_checks_again() {
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("replies")).unwrap();
        let path = dir.path().join("replies").join("draft.txt");
        std::fs::write(&path, DRAFT).unwrap();
        let client = Client::start(encoding, json!({}));
        let uri = client.open_path(&path, DRAFT, "plaintext");
        client.diagnostics(&uri);
        let actions = actions_at(&client, &uri, range_of(DRAFT, "mesage", encoding));
        let command = &titled(&actions, "Add “mesage” to .tact/words.txt")["command"];
        let result = client.request(
            "workspace/executeCommand",
            json!({"command": command["command"], "arguments": command["arguments"]}),
        );
        assert_eq!(result["inserted"], true);
        let words = dir.path().join("replies").join(".tact").join("words.txt");
        assert_eq!(std::fs::read_to_string(&words).unwrap(), "mesage\n");
        let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
        assert!(
            by_rule(&diagnostics, "spelling.unknown-word").is_empty(),
            "{diagnostics:#?}"
        );
        assert_eq!(
            by_rule(&diagnostics, "grammar.txt-speak")[0]["range"],
            range_of(DRAFT, "thx", encoding)
        );
        let error = client.request_error(
            "workspace/executeCommand",
            json!({"command": "tact.addWord", "arguments": [{"word": "two words"}]}),
        );
        assert!(error["message"].as_str().unwrap().contains("not a word"), "{error}");
        client.shutdown();
    }
}

#[test]
fn hover_explains_the_rule_with_the_score() {
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let client = Client::start(encoding, json!({}));
        let uri = client.open_text("draft.txt", DRAFT);
        client.diagnostics(&uri);
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position_of(DRAFT, "hx", encoding)}),
        );
        let text = hover["contents"]["value"].as_str().unwrap();
        assert!(text.contains("**grammar.txt-speak**"), "{text}");
        assert!(text.contains("Examples:"), "the text of `tact explain`: {text}");
        assert!(text.contains("Draft score: "), "{text}");
        assert_eq!(hover["range"], range_of(DRAFT, "thx", encoding));
        let nothing = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position_of(DRAFT, "Zo", encoding)}),
        );
        assert_eq!(nothing, Value::Null);
        client.shutdown();
    }
}

/// Structured files: every diagnostic sits inside the string it was read from, through escapes, as `tact check`
/// places it.
#[test]
fn diagnostics_point_inside_json_yaml_and_csv_strings() {
    let files = [
        (
            "macros.json",
            "json",
            "[{\"id\": \"m1\", \"text\": \"Hi Zo\\u00e9 👋,\\nthx for your mesage. Bye!\"}]\n",
        ),
        (
            "macros.jsonl",
            "jsonl",
            "{\"id\": \"m1\", \"text\": \"Hi Zoé 👋, thx for your mesage.\"}\n",
        ),
        (
            "macros.yaml",
            "yaml",
            "- id: m1\n  text: \"Hi Zoé 👋,\\nthx for your mesage.\"\n",
        ),
        (
            "macros.csv",
            "csv",
            "id,text\nm1,\"Hi Zoé 👋, \"\"ok\"\" thx for your mesage.\"\n",
        ),
    ];
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let client = Client::start(encoding, json!({}));
        for (name, language, text) in files {
            let uri = client.open_text_as(name, text, language);
            let published = client.diagnostics(&uri);
            let diagnostics = published["diagnostics"].as_array().unwrap();
            let txt = by_rule(diagnostics, "grammar.txt-speak");
            assert_eq!(txt.len(), 1, "{name}: {diagnostics:#?}");
            assert_eq!(txt[0]["range"], range_of(text, "thx", encoding), "{name} {encoding:?}");
            let spelling = by_rule(diagnostics, "spelling.unknown-word");
            assert_eq!(
                spelling[0]["range"],
                range_of(text, "mesage", encoding),
                "{name} {encoding:?}"
            );
            assert_eq!(spelling[0]["data"]["draft"], "m1");
            let actions = actions_at(&client, &uri, range_of(text, "thx", encoding));
            assert!(
                !actions
                    .iter()
                    .any(|a| a["title"].as_str().unwrap().starts_with("Disable")),
                "{name}: no comment inside a record"
            );
            titled(&actions, "Replace with “thanks”");
        }
        client.shutdown();
    }
}

#[test]
fn invalid_structured_input_is_a_diagnostic() {
    let client = Client::start(Encoding::Utf16, json!({}));
    let uri = client.open_text_as("macros.json", "[{\"text\": \"Hi\"", "json");
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"][0]["code"], "input");
    assert_eq!(published["diagnostics"][0]["severity"], 1);
    client.shutdown();
}

#[test]
fn configuration_from_tact_toml_initialization_options_and_changes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tact.toml"), "ignore = [\"grammar.txt-speak\"]\n").unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, DRAFT).unwrap();

    // tact.toml found from the document, as `tact check` finds it, plus the client's own settings on top.
    let client = Client::start(Encoding::Utf16, json!({"ignore": ["grammar.repeated-word"]}));
    let uri = client.open_path(&path, DRAFT, "plaintext");
    let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
    assert!(
        by_rule(&diagnostics, "grammar.txt-speak").is_empty(),
        "tact.toml applies"
    );
    assert!(
        by_rule(&diagnostics, "grammar.repeated-word").is_empty(),
        "initializationOptions apply"
    );
    assert!(!by_rule(&diagnostics, "spelling.unknown-word").is_empty());

    // workspace/didChangeConfiguration, under a `tact` section as clients send it.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tact": {"ignore": ["spelling"]}}}),
    );
    let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
    assert!(by_rule(&diagnostics, "spelling.unknown-word").is_empty());
    assert!(
        !by_rule(&diagnostics, "grammar.repeated-word").is_empty(),
        "replaced, not merged"
    );

    // tact.toml changes on disk: the watcher's notification checks open documents again.
    std::fs::write(dir.path().join("tact.toml"), "ignore = [\"sign-off\"]\n").unwrap();
    let toml_uri = client::file_uri(&dir.path().join("tact.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
    assert!(!by_rule(&diagnostics, "grammar.txt-speak").is_empty());
    assert!(by_rule(&diagnostics, "sign-off.missing").is_empty());

    // Saving a words file in the editor does the same.
    std::fs::create_dir_all(dir.path().join(".tact")).unwrap();
    std::fs::write(dir.path().join(".tact").join("words.txt"), "mesage\n").unwrap();
    client.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    client.diagnostics(&uri);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": client::file_uri(&dir.path().join(".tact").join("words.txt"))}}),
    );
    let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
    assert!(
        by_rule(&diagnostics, "spelling.unknown-word").is_empty(),
        "{diagnostics:#?}"
    );
    client.shutdown();
}

#[test]
fn settings_are_pulled_when_a_change_carries_none() {
    let client = Client::start(Encoding::Utf8, json!({}));
    client.set_configuration(json!({"ignore": ["grammar"]}));
    let uri = client.open_text("draft.txt", DRAFT);
    client.diagnostics(&uri);
    client.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    let diagnostics = client.diagnostics(&uri)["diagnostics"].as_array().unwrap().clone();
    assert!(
        by_rule(&diagnostics, "grammar.txt-speak").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(client.was_asked("workspace/configuration"));
    client.shutdown();
}

#[test]
fn watched_files_are_registered_with_clients_that_allow_it() {
    let client = Client::start(Encoding::Utf8, json!({}));
    // Any request makes sure the registration, sent right after initialization, has arrived.
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(client.was_asked("client/registerCapability"));
    client.shutdown();
}

#[test]
fn a_broken_configuration_or_setting_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tact.toml"), "lang = [\n").unwrap();
    let path = dir.path().join("draft.txt");
    let client = Client::start(Encoding::Utf8, json!({"lnag": "fr"}));
    assert!(client.shown_messages().iter().any(|m| m.contains("lnag")));
    let uri = client.open_path(&path, DRAFT, "plaintext");
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"][0]["code"], "config");
    assert!(published["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("tact.toml"));
    let error = client.request_error("textDocument/definition", json!({}));
    assert_eq!(error["code"], -32601);
    client.shutdown();
}
