//! Language identification on short support messages (`tests/lang/short-messages.jsonl`: English, French and other
//! languages, written for this test). A false "other language" silences every rule on an English or French draft, so
//! the bar is highest there. Run with `cargo test --test language_detection -- --nocapture` to see the confusion
//! table.

use std::collections::BTreeMap;

use tact::lang::{identify, Detected};

#[derive(serde::Deserialize)]
struct Labelled {
    text: String,
    lang: String,
}

fn read_jsonl<T: serde::de::DeserializeOwned>(path: &str) -> Vec<T> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{}: {err}: {line}", path.display())))
        .collect()
}

fn answer(detected: Detected) -> &'static str {
    detected.code().unwrap_or("?")
}

fn is_checked(code: &str) -> bool {
    code == "en" || code == "fr"
}

#[test]
fn short_messages() {
    let set: Vec<Labelled> = read_jsonl("tests/lang/short-messages.jsonl");
    // Per language: what it was taken for, and how often.
    let mut confusion: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut mistakes = Vec::new();
    for draft in &set {
        let got = answer(identify(&draft.text));
        *confusion
            .entry(draft.lang.as_str())
            .or_default()
            .entry(got)
            .or_default() += 1;
        if got != draft.lang {
            mistakes.push(format!("{:>2} -> {:<2} {}", draft.lang, got, draft.text));
        }
    }

    let answers: std::collections::BTreeSet<&str> = confusion.values().flat_map(|row| row.keys().copied()).collect();
    println!(
        "{} messages; rows: the language written, columns: the answer (? = unknown)",
        set.len()
    );
    print!("{:>4} {:>5}", "", "n");
    for code in &answers {
        print!(" {code:>3}");
    }
    println!("  other  exact");
    let (mut checked_n, mut checked_other, mut checked_right) = (0, 0, 0);
    let (mut other_n, mut other_recognised, mut other_exact) = (0, 0, 0);
    for (lang, row) in &confusion {
        let n: usize = row.values().sum();
        let recognised: usize = row
            .iter()
            .filter(|(c, _)| **c != "?" && !is_checked(c))
            .map(|(_, k)| k)
            .sum();
        let exact = row.get(lang).copied().unwrap_or(0);
        print!("{lang:>4} {n:>5}");
        for code in &answers {
            match row.get(code) {
                Some(count) => print!(" {count:>3}"),
                None => print!(" {:>3}", "."),
            }
        }
        println!(
            "  {:>5.1}% {:>5.1}%",
            100.0 * recognised as f64 / n as f64,
            100.0 * exact as f64 / n as f64
        );
        if is_checked(lang) {
            checked_n += n;
            checked_other += recognised;
            checked_right += exact;
            assert!(
                recognised * 100 <= n,
                "{lang}: {recognised} of {n} drafts taken for another language (at most 1 %)"
            );
        } else {
            other_n += n;
            other_recognised += recognised;
            other_exact += exact;
            if n >= 25 {
                assert!(
                    recognised * 100 >= n * 85,
                    "{lang}: only {recognised} of {n} recognised as not en/fr"
                );
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b as f64;
    println!(
        "en/fr: {checked_n} drafts, {checked_other} taken for another language ({:.1} %), {checked_right} right ({:.1} %)",
        pct(checked_other, checked_n),
        pct(checked_right, checked_n)
    );
    println!(
        "other languages: {other_n} drafts, {other_recognised} recognised as not en/fr ({:.1} %), {other_exact} with the \
         right code ({:.1} %)",
        pct(other_recognised, other_n),
        pct(other_exact, other_n)
    );
    println!("mistakes:");
    for mistake in &mistakes {
        println!("  {mistake}");
    }
    assert!(
        checked_other * 100 <= checked_n,
        "en/fr drafts taken for another language: {checked_other}"
    );
    assert!(
        checked_right * 100 >= checked_n * 95,
        "en/fr drafts with the right language: {checked_right}"
    );
    assert!(
        other_recognised * 100 >= other_n * 95,
        "other languages recognised: {other_recognised}/{other_n}"
    );
    assert!(
        other_exact * 100 >= other_n * 90,
        "other languages with the right code: {other_exact}/{other_n}"
    );
}

#[derive(serde::Deserialize)]
struct Draft {
    #[serde(default)]
    text: String,
    #[serde(default)]
    messages: Vec<Message>,
}

#[derive(serde::Deserialize)]
struct Message {
    text: String,
}

/// The project's own English and French corpora (drafts, held-out drafts, both sides of conversations): not one of
/// them may be taken for another language.
#[test]
fn corpora_stay_english_and_french() {
    let files = [
        "tests/corpus/en.jsonl",
        "tests/corpus/fr.jsonl",
        "tests/holdout/drafts-en.jsonl",
        "tests/holdout/drafts-fr.jsonl",
        "tests/corpus/conversations-en.jsonl",
        "tests/corpus/conversations-fr.jsonl",
    ];
    let mut checked = 0;
    for file in files {
        for record in read_jsonl::<Draft>(file) {
            let texts = std::iter::once(record.text).chain(record.messages.into_iter().map(|m| m.text));
            for text in texts.filter(|t| !t.is_empty()) {
                let detected = identify(&text);
                assert!(
                    !matches!(detected, Detected::Other(_)),
                    "{file}: {detected:?} for {text:?}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} texts read");
}

/// `identify` agrees with `detect` whenever it answers English or French.
#[test]
fn identify_agrees_with_detect() {
    for draft in read_jsonl::<Labelled>("tests/lang/short-messages.jsonl") {
        if let Detected::Checked(lang) = identify(&draft.text) {
            assert_eq!(Some(lang), tact::lang::detect(&draft.text), "{}", draft.text);
        }
    }
}
