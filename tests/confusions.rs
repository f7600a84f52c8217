//! The confusion rules on their labelled test set (`tests/confusions/*.jsonl`, written by hand, apart from the
//! rules): per language, the share of real-word errors found (recall) and the share of correct sentences flagged.
//! `cargo test --release --test confusions -- --nocapture` prints the figures per confusion set.

use std::collections::BTreeMap;

use tact::engine::registry::{RuleSet, Selection};
use tact::lint::{DraftOptions, Linter};
use tact::model::Lang;
use tact::spell::WordSet;

/// Every language must find at least this share of the errors...
const MIN_RECALL: f64 = 0.70;
/// ...and flag at most this share of the correct sentences.
const MAX_FALSE_ALARMS: f64 = 0.02;

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    error: bool,
    set: String,
    wrong: Option<String>,
    right: Option<String>,
}

#[derive(Default)]
struct Tally {
    errors: usize,
    found: usize,
    correct: usize,
    flagged: usize,
}

fn load(lang: &str) -> Vec<Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/confusions/{lang}.jsonl"));
    let text = std::fs::read_to_string(&path).expect("test set file");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

fn confusion_rules() -> RuleSet {
    let mut rules = RuleSet::builtin().expect("built-in rules load");
    rules.rules.retain(|r| r.kind == "confusion");
    assert!(!rules.rules.is_empty(), "no confusion rule is built in");
    rules
}

/// Runs the confusion rules over one language's cases; returns (recall, false-alarm rate).
fn evaluate(lang: &str) -> (f64, f64) {
    let rules = confusion_rules();
    let selection = Selection::default();
    let words = WordSet::default();
    let linter = Linter {
        rules: &rules,
        selection: &selection,
        words: &words,
    };
    let options = DraftOptions {
        lang: Some(lang.parse::<Lang>().expect("lang")),
        ..DraftOptions::default()
    };
    let verbose = std::env::var_os("TACT_CONFUSIONS_VERBOSE").is_some();
    let mut sets: BTreeMap<String, Tally> = BTreeMap::new();
    let mut wrong_fixes = 0;
    for case in load(lang) {
        let checked = linter.check(&case.text, &options);
        let flagged: Vec<(String, String)> = checked
            .diagnostics
            .iter()
            .map(|d| {
                let suggestion = d.suggestions.first().cloned().unwrap_or_default();
                (case.text[d.span.clone()].to_string(), suggestion)
            })
            .collect();
        let tally = sets.entry(case.set.clone()).or_default();
        if case.error {
            let wrong = case.wrong.as_deref().expect("an error names its wrong word");
            tally.errors += 1;
            match flagged
                .iter()
                .find(|(text, _)| text.to_lowercase() == wrong.to_lowercase())
            {
                Some((_, suggestion)) => {
                    tally.found += 1;
                    let right = case.right.as_deref().unwrap_or_default();
                    if suggestion.to_lowercase() != right.to_lowercase() {
                        wrong_fixes += 1;
                        if verbose {
                            println!(
                                "  other fix [{}] {wrong} -> {suggestion} (labelled {right}): {}",
                                case.set, case.text
                            );
                        }
                    }
                }
                None if verbose => println!("  missed [{}] {wrong}: {}", case.set, case.text),
                None => {}
            }
        } else {
            tally.correct += 1;
            if !flagged.is_empty() {
                tally.flagged += 1;
                println!("  false alarm [{}] {:?}: {}", case.set, flagged, case.text);
            }
        }
    }
    let total = sets.values().fold(Tally::default(), |acc, t| Tally {
        errors: acc.errors + t.errors,
        found: acc.found + t.found,
        correct: acc.correct + t.correct,
        flagged: acc.flagged + t.flagged,
    });
    println!(
        "\n{lang}: {:<24}{:>8}{:>8}{:>9}{:>8}",
        "set", "errors", "recall", "correct", "flagged"
    );
    for (name, t) in sets.iter().chain(std::iter::once((&"all".to_string(), &total))) {
        println!(
            "{lang}: {name:<24}{:>8}{:>7.0}%{:>9}{:>7.1}%",
            t.errors,
            100.0 * t.found as f64 / t.errors.max(1) as f64,
            t.correct,
            100.0 * t.flagged as f64 / t.correct.max(1) as f64
        );
    }
    println!(
        "{lang}: {} of {} errors found; {wrong_fixes} of them with another correction than the label's",
        total.found, total.errors
    );
    (
        total.found as f64 / total.errors.max(1) as f64,
        total.flagged as f64 / total.correct.max(1) as f64,
    )
}

fn check(lang: &str) {
    let (recall, false_alarms) = evaluate(lang);
    assert!(recall >= MIN_RECALL, "{lang}: recall {recall:.3} under {MIN_RECALL}");
    assert!(
        false_alarms <= MAX_FALSE_ALARMS,
        "{lang}: {:.1}% of correct sentences flagged",
        100.0 * false_alarms
    );
}

#[test]
fn english_confusions() {
    check("en");
}

#[test]
fn french_confusions() {
    check("fr");
}

/// The test set itself: enough cases, each error naming a wrong word found in its text.
#[test]
fn the_test_set_is_well_formed() {
    for lang in ["en", "fr"] {
        let cases = load(lang);
        let errors = cases.iter().filter(|c| c.error).count();
        assert!(errors >= 300, "{lang}: {errors} errors");
        assert!(
            cases.len() - errors >= 300,
            "{lang}: {} correct sentences",
            cases.len() - errors
        );
        for case in cases.iter().filter(|c| c.error) {
            let wrong = case.wrong.as_deref().unwrap_or_default();
            assert!(case.text.contains(wrong), "{lang}: `{wrong}` not in {}", case.text);
            assert!(case.right.is_some(), "{lang}: no correction for {}", case.text);
        }
    }
}
