//! The opt-in `support-qa` pack measured on its labelled sets: `tests/support-qa/{en,fr}.jsonl`, replies written
//! beside the rules (positives and tricky negatives), and `holdout-{en,fr}.jsonl`, written once the rules were done
//! and not used to tune them. Precision and recall per rule; run with
//! `cargo test --test support_qa -- --nocapture` to see the tables.

mod common;

use common::Counts;
use std::collections::{BTreeMap, BTreeSet};

use tact::engine::registry::{RuleSet, Selection, Selector};
use tact::lint::{DraftOptions, Linter};
use tact::model::Lang;
use tact::spell::WordSet;

#[derive(serde::Deserialize)]
struct Labelled {
    id: String,
    text: String,
    expect: Vec<String>,
}

/// The least each rule may score on the labelled set, in each language.
const PRECISION_FLOOR: f64 = 0.9;
const RECALL_FLOOR: f64 = 0.85;

/// The competitor names the labelled set is written for.
const COMPETITORS: &[&str] = &["Globex", "Initech", "Vandelay Express"];

fn rules() -> RuleSet {
    let mut rules = RuleSet::builtin().expect("built-in packs load");
    let mut settings = toml::Table::new();
    settings.insert(
        "terms".into(),
        toml::Value::Array(COMPETITORS.iter().map(|c| toml::Value::String(c.to_string())).collect()),
    );
    rules
        .configure("support-qa.competitor", &settings)
        .expect("competitor names configure");
    rules.settle().expect("rule set settles");
    rules
}

fn measure(lang: Lang, file: &str) -> BTreeMap<String, Counts> {
    let rules = rules();
    let selection = Selection {
        select: Some(vec![Selector::parse("support-qa").expect("category parses")]),
        ..Selection::default()
    };
    let words = WordSet::default();
    let linter = Linter {
        rules: &rules,
        selection: &selection,
        words: &words,
    };
    let options = DraftOptions {
        lang: Some(lang),
        ..DraftOptions::default()
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support-qa")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("labelled set");
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for rule in rules.rules.iter().filter(|r| r.category.as_str() == "support-qa") {
        counts.entry(rule.id.to_string()).or_default();
    }
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let labelled: Labelled = serde_json::from_str(line).expect("labelled line parses");
        let found: BTreeSet<String> = linter
            .check(&labelled.text, &options)
            .diagnostics
            .iter()
            .map(|d| d.rule.to_string())
            .collect();
        let expected: BTreeSet<String> = labelled.expect.iter().cloned().collect();
        for rule in found.union(&expected) {
            let entry = counts.entry(rule.clone()).or_default();
            match (found.contains(rule), expected.contains(rule)) {
                (true, true) => entry.tp += 1,
                (true, false) => {
                    entry.fp += 1;
                    eprintln!("false positive {rule} on {}", labelled.id);
                }
                (false, true) => {
                    entry.fn_ += 1;
                    eprintln!("missed {rule} on {}", labelled.id);
                }
                (false, false) => {}
            }
        }
    }
    counts
}

#[test]
fn support_qa_precision_and_recall_per_rule() {
    let mut low = Vec::new();
    for (lang, file) in [(Lang::En, "en.jsonl"), (Lang::Fr, "fr.jsonl")] {
        println!("{file}: rule, tp, fp, fn, precision, recall");
        for (rule, c) in measure(lang, file) {
            println!(
                "  {rule:<40} {:>3} {:>3} {:>3}  {:.2}  {:.2}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall()
            );
            assert!(c.tp > 0, "{file}: {rule} has no positive in the labelled set");
            if c.precision() < PRECISION_FLOOR || c.recall() < RECALL_FLOOR {
                low.push(format!(
                    "{file} {rule}: precision {:.2}, recall {:.2}",
                    c.precision(),
                    c.recall()
                ));
            }
        }
    }
    assert!(low.is_empty(), "below the floors: {low:#?}");
}

/// The held-out set estimates what the development set flatters; its floor only catches a collapse.
const HOLDOUT_MICRO_F1_FLOOR: f64 = 0.7;

#[test]
fn support_qa_on_the_held_out_set() {
    let mut total = Counts::default();
    for (lang, file) in [(Lang::En, "holdout-en.jsonl"), (Lang::Fr, "holdout-fr.jsonl")] {
        println!("{file}: rule, tp, fp, fn, precision, recall");
        for (rule, c) in measure(lang, file) {
            println!(
                "  {rule:<40} {:>3} {:>3} {:>3}  {:.2}  {:.2}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall()
            );
            total.tp += c.tp;
            total.fp += c.fp;
            total.fn_ += c.fn_;
        }
    }
    let (p, r) = (total.precision(), total.recall());
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    println!("held out, all rules: precision {p:.2}, recall {r:.2}, F1 {f1:.2}");
    assert!(f1 >= HOLDOUT_MICRO_F1_FLOOR, "held-out F1 {f1:.2}");
}

#[test]
fn support_qa_is_off_until_selected() {
    let rules = rules();
    let words = WordSet::default();
    let default = Selection::default();
    let linter = Linter {
        rules: &rules,
        selection: &default,
        words: &words,
    };
    let options = DraftOptions {
        lang: Some(Lang::En),
        ..DraftOptions::default()
    };
    let text = "Hi Sam, I guarantee it arrives tomorrow, L2 is on it. Best, Kim";
    let checked = linter.check(text, &options);
    assert!(checked.diagnostics.iter().all(|d| d.category.as_str() != "support-qa"));
    let one_rule = Selection {
        extend_select: vec![Selector::parse("support-qa.promise").expect("rule id parses")],
        ..Selection::default()
    };
    let linter = Linter {
        selection: &one_rule,
        ..linter
    };
    let ids: Vec<String> = linter
        .check(text, &options)
        .diagnostics
        .iter()
        .filter(|d| d.category.as_str() == "support-qa")
        .map(|d| d.rule.to_string())
        .collect();
    assert_eq!(ids, vec!["support-qa.promise"]);
}
