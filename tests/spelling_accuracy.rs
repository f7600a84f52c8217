//! Spelling against codespell's list of real misspellings (`tests/data/codespell-sample.tsv`): recall, top-1
//! suggestion accuracy, and the share of correct words flagged. A word counts as flagged when tact does not accept
//! it: neither the embedded dictionary nor the built-in and extra word lists (SCOWL size 70, British spellings).
//! `cargo test --release --test spelling_accuracy -- --nocapture` prints the figures.

use tact::model::Lang;
use tact::spell::{accepted, suggestions};

fn data(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(path).expect("test data")
}

#[test]
fn codespell_sample() {
    let pairs: Vec<(String, String)> = data("codespell-sample.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t').map(|(a, b)| (a.to_string(), b.trim().to_string())))
        .collect();
    let (mut flagged, mut top1) = (0, 0);
    for (wrong, right) in &pairs {
        if !accepted(Lang::En, wrong) {
            flagged += 1;
            if suggestions(Lang::En, wrong).first() == Some(right) {
                top1 += 1;
            }
        }
    }
    let correct: Vec<String> = data("correct-words-en.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let false_flags = correct
        .iter()
        .filter(|w| !w.is_empty() && !accepted(Lang::En, w))
        .count();
    let n = pairs.len() as f64;
    let recall = flagged as f64 / n;
    let accuracy = top1 as f64 / n;
    let false_rate = false_flags as f64 / correct.len().max(1) as f64;
    println!("codespell sample: {} words, recall {recall:.4}, top-1 {accuracy:.4}; correct words flagged {false_flags}/{} ({:.2}%)", pairs.len(), correct.len(), false_rate * 100.0);
    assert!(recall >= 0.99, "recall {recall}");
    assert!(accuracy >= TOP1_FLOOR, "top-1 {accuracy}");
    assert!(false_rate <= 0.01, "false flags {false_rate}");
}

const TOP1_FLOOR: f64 = 0.87;
