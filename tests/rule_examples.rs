//! Every `[[rule.example]]` of the built-in packs, as `tact test` runs them.

#[test]
fn builtin_rule_examples_pass() {
    let rules = tact::engine::registry::RuleSet::builtin().expect("built-in packs load");
    let (passed, failures) = tact::cli::run_examples(&rules.rules);
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
