//! Every `[[rule.example]]` of the built-in packs, as `tact test` runs them.

#[test]
fn builtin_rule_examples_pass() {
    let rules = tact::engine::registry::RuleSet::builtin().expect("built-in packs load");
    let (passed, failures) = tact::cli::run_examples(&rules);
    for f in &failures {
        eprintln!(
            "{} ({}): expected {}, found {:?}\n    {}",
            f.rule, f.origin, f.expected, f.found, f.text
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed",
        failures.len(),
        passed + failures.len()
    );
    assert!(passed > 0);
}

#[test]
fn every_builtin_rule_has_positive_and_negative_examples() {
    let rules = tact::engine::registry::RuleSet::builtin().expect("built-in packs load");
    for rule in &rules.rules {
        assert!(
            rule.examples.iter().any(|e| e.expect > 0),
            "{} has no example it flags",
            rule.id
        );
        assert!(
            rule.examples.iter().any(|e| e.expect == 0),
            "{} has no example it accepts",
            rule.id
        );
        assert!(!rule.help.is_empty(), "{} has no help", rule.id);
    }
}

/// Built-in packs are loaded lazily (their regexes compile on first use); this compiles every one of them now.
#[test]
fn every_builtin_regex_compiles() {
    for (path, text) in tact::engine::builtin_packs() {
        let loaded = tact::engine::lazy_regex::compiling_eagerly(|| tact::engine::load_pack(path, text));
        assert!(
            loaded.is_ok(),
            "{}",
            loaded.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}

/// A regex whose needles are all absent is never compiled nor run: that shortcut must never hide a match. Every
/// built-in regex runs over every draft and message of the corpora and every rule example, as written and in
/// capitals, and wherever it matches, its needles must be found.
#[test]
fn needles_never_hide_a_match() {
    let mut patterns = Vec::new();
    for (path, text) in tact::engine::builtin_packs() {
        let (loaded, seen) = tact::engine::lazy_regex::collecting_patterns(|| tact::engine::load_pack(path, text));
        assert!(loaded.is_ok(), "{path} loads");
        patterns.extend(seen);
    }
    patterns.extend(tact::document::builtin_patterns().into_iter().map(str::to_string));
    let mut texts: Vec<String> = Vec::new();
    let rules = tact::engine::registry::RuleSet::builtin().expect("built-in packs load");
    texts.extend(
        rules
            .rules
            .iter()
            .flat_map(|r| r.examples.iter().map(|e| e.text.clone())),
    );
    for file in [
        "tests/corpus/en.jsonl",
        "tests/corpus/fr.jsonl",
        "tests/corpus/conversations-en.jsonl",
        "tests/corpus/conversations-fr.jsonl",
        "tests/holdout/drafts-en.jsonl",
        "tests/holdout/drafts-fr.jsonl",
    ] {
        let content = std::fs::read_to_string(file).expect("corpus file");
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            collect_texts(&value, &mut texts);
        }
    }
    let capitals: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
    texts.extend(capitals);
    let mut gated = 0;
    for pattern in &patterns {
        let needles = tact::engine::needles::builtin(pattern).expect("the needle table knows every built-in pattern");
        if needles.sets().is_empty() {
            continue;
        }
        gated += 1;
        let regex = regex::Regex::new(pattern).expect("built-in regex compiles");
        for text in &texts {
            if regex.is_match(text) {
                assert!(
                    tact::engine::needles::all_present(needles.sets(), text),
                    "{pattern} matches {text:?} but none of its needles {needles:?} is found"
                );
                assert!(
                    needles.all_present_indexed(text),
                    "{pattern} matches {text:?} but the multi-pattern pass finds none of its needles {needles:?}"
                );
            }
        }
    }
    assert!(
        gated * 2 > patterns.len(),
        "only {gated} of {} regexes have needles",
        patterns.len()
    );
}

fn collect_texts(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value {
                    serde_json::Value::String(s) if key == "text" => out.push(s.clone()),
                    _ => collect_texts(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_texts(v, out)),
        _ => {}
    }
}
