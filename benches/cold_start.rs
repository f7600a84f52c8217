//! Where `tact check` spends its cold start, phase by phase, measured inside the process through the library.
//!
//! ```sh
//! cargo bench --bench cold_start                      # divan: each phase repeated, medians
//! TACT_COLD_REPORT=1 cargo bench --bench cold_start   # one true cold run, then the cost of every rule
//! ```
//!
//! Divan figures (the phases a cold `tact check -` goes through, each measured many times):
//! - `toml_parse_builtin_packs`: parsing the embedded `rules/**/*.toml` into TOML tables, nothing compiled;
//! - `ruleset_builtin`: `RuleSet::builtin()`, TOML parsing and compiling every built-in rule (both languages);
//! - `resolve_default_settings`: what the CLI does per configuration (`config::resolve`, no tact.toml);
//! - `lint_draft`: checking the 200-character draft of compare.sh once everything is loaded and warm.
//!
//! `TACT_COLD_REPORT=1` prints tab-separated `phase<TAB>milliseconds` lines for one process that starts cold, in
//! the order the CLI meets them (settings, first document, then per language: dictionary, first check of the draft
//! without its typo, check with the typo, warm check), then `rule<TAB>id<TAB>origin<TAB>ms`, the time to compile
//! the regexes each built-in rule file writes (with the regex crate directly, whatever tact's laziness), and
//! `regex<TAB>ms<TAB>pattern` for the costliest ones. compare.sh runs it several times and keeps medians.

use std::time::Instant;

use divan::{black_box, Bencher};
use tact::config::{resolve, CliOverrides};
use tact::engine::registry::RuleSet;
use tact::engine::{build_rule, builtin_packs};
use tact::lint::Linter;
use tact::model::Lang;

/// The drafts of compare.sh (`draft-en.txt`, `draft-fr.txt`): about 200 characters, one typo each.
pub const DRAFT_EN: &str =
    "Hi Sarah, thanks for reaching out! I've checked your order #48213 and it left our warehouse \
yesterday.\nYou should recieve it by Friday. Let me know if anything else comes up.\nBest regards,\nTom\n";
pub const DRAFT_FR: &str = "Bonjour Sarah, merci pour votre message ! J'ai vérifié votre commande n° 48213 : elle a \
quitté notre\nentrepôt hier. Vous devriez la recevoir vendredi, malheureusment pas avant.\nBonne journée,\nCamille\n";
/// The same drafts without their typo: checking them first separates rule compilation from the suggestion.
fn corrected(lang: Lang) -> String {
    match lang {
        Lang::En => DRAFT_EN.replace("recieve", "receive"),
        Lang::Fr => DRAFT_FR.replace("malheureusment", "malheureusement"),
    }
}

/// The regex crate's settings in tact (`src/engine/kinds`): compiled directly, so that laziness does not hide them.
fn compile_directly(pattern: &str) -> bool {
    regex::RegexBuilder::new(pattern).size_limit(1 << 22).build().is_ok()
}

fn main() {
    if std::env::var_os("TACT_COLD_REPORT").is_some() {
        report();
    } else {
        divan::main();
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

fn rule_tables(text: &str) -> Vec<toml::Table> {
    let mut pack: toml::Table = toml::from_str(text).expect("built-in pack parses");
    match pack.remove("rule") {
        Some(toml::Value::Array(rules)) => rules
            .into_iter()
            .filter_map(|r| match r {
                toml::Value::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Every string under a key that holds regexes (`patterns`, `exceptions`, `unless`, ... at any depth).
fn regexes(value: &toml::Value, key: &str, out: &mut Vec<String>) {
    let regex_key = matches!(key, "patterns" | "exceptions" | "unless" | "pattern");
    match value {
        toml::Value::String(s) if regex_key => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| regexes(v, key, out)),
        toml::Value::Table(t) => t.iter().for_each(|(k, v)| regexes(v, k, out)),
        _ => {}
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn report() {
    let start = Instant::now();
    let phase = |name: &str, t: Instant| println!("phase\t{name}\t{:.3}", ms(t));
    let t = Instant::now();
    let settings = resolve(None, None, &[], &CliOverrides::default()).expect("default settings");
    phase("settings: parse and load every built-in rule (config::resolve)", t);
    let t = Instant::now();
    let detected = tact::lang::detect(DRAFT_EN);
    phase("language detection, first call", t);
    assert_eq!(detected, Some(Lang::En));
    let t = Instant::now();
    black_box(tact::document::Document::new(DRAFT_EN, Lang::En));
    phase("first document model (masks, regions)", t);
    let linter = Linter {
        rules: &settings.rules,
        selection: &settings.selection,
        words: &settings.words,
    };
    let mut diagnostics = Vec::new();
    for (lang, draft, word) in [(Lang::En, DRAFT_EN, "recieve"), (Lang::Fr, DRAFT_FR, "malheureusment")] {
        let t = Instant::now();
        tact::spell::dictionary(lang).expect("embedded dictionary");
        phase(&format!("{lang}: dictionary load"), t);
        let t = Instant::now();
        black_box(linter.check(&corrected(lang), &settings.draft));
        phase(
            &format!("{lang}: first check, draft without its typo (rules run, compiled on first use)"),
            t,
        );
        let t = Instant::now();
        let checked = linter.check(draft, &settings.draft);
        phase(
            &format!("{lang}: check of the draft with its typo (+ suggestions for “{word}”)"),
            t,
        );
        let t = Instant::now();
        black_box(linter.check(draft, &settings.draft));
        phase(&format!("{lang}: the same check again (warm, suggestion cached)"), t);
        diagnostics.push(checked.diagnostics.len());
        if lang == Lang::En {
            phase("total of the English cold path above", start);
        }
    }
    eprintln!("diagnostics: {diagnostics:?}");

    // Parsing alone; every rule's load; every regex the rule files hold, compiled directly (3 times, median).
    let reps = 5;
    let parse = (0..reps)
        .map(|_| {
            let t = Instant::now();
            for (_, text) in builtin_packs() {
                black_box(rule_tables(text));
            }
            ms(t)
        })
        .collect();
    println!("phase\tTOML parsing of the built-in packs alone\t{:.3}", median(parse));
    let (mut load_total, mut regex_total, mut count) = (0.0, 0.0, 0);
    let mut costs = Vec::new();
    for (origin, text) in builtin_packs() {
        for table in rule_tables(text) {
            let id = table.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string();
            let mut patterns = Vec::new();
            regexes(&toml::Value::Table(table.clone()), "", &mut patterns);
            load_total += median(
                (0..reps)
                    .map(|_| {
                        let t = Instant::now();
                        black_box(build_rule(origin, table.clone()).expect("built-in rule builds"));
                        ms(t)
                    })
                    .collect(),
            );
            let mut rule_regex = 0.0;
            for pattern in &patterns {
                let m = median(
                    (0..3)
                        .map(|_| {
                            let t = Instant::now();
                            black_box(compile_directly(pattern));
                            ms(t)
                        })
                        .collect(),
                );
                rule_regex += m;
                costs.push((m, pattern.clone()));
            }
            count += patterns.len();
            regex_total += rule_regex;
            println!("rule\t{id}\t{origin}\t{rule_regex:.3}");
        }
    }
    println!("phase\tloading every built-in rule alone (build_rule, sum of medians)\t{load_total:.3}");
    println!("phase\tcompiling the {count} regexes of the rule files, each alone (sum of medians)\t{regex_total:.3}");
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (m, pattern) in costs.iter().take(10) {
        let short: String = pattern.chars().take(90).collect();
        println!("regex\t{m:.3}\t{}", short.replace(['\t', '\n'], " "));
    }
}

#[divan::bench(sample_count = 20)]
fn toml_parse_builtin_packs() {
    for (_, text) in builtin_packs() {
        black_box(rule_tables(black_box(text)));
    }
}

#[divan::bench(sample_count = 10)]
fn ruleset_builtin() -> RuleSet {
    RuleSet::builtin().expect("built-in rules")
}

#[divan::bench(sample_count = 10)]
fn resolve_default_settings() -> tact::config::Resolved {
    resolve(None, None, &[], &CliOverrides::default()).expect("default settings")
}

#[divan::bench(args = [Lang::En, Lang::Fr], sample_count = 50)]
fn lint_draft(bencher: Bencher, lang: Lang) {
    let settings = resolve(None, None, &[], &CliOverrides::default()).expect("default settings");
    let linter = Linter {
        rules: &settings.rules,
        selection: &settings.selection,
        words: &settings.words,
    };
    let draft = match lang {
        Lang::En => DRAFT_EN,
        Lang::Fr => DRAFT_FR,
    };
    linter.check(draft, &settings.draft);
    bencher.bench(|| linter.check(black_box(draft), &settings.draft));
}
