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
//! the order the CLI meets them (settings, first document, dictionary, first check, second language), then
//! `rule<TAB>id<TAB>origin<TAB>ms` for every built-in rule's compilation (median of 5 builds) and
//! `regex<TAB>ms<TAB>pattern` for the costliest regexes. compare.sh runs it several times and keeps medians.

use std::time::Instant;

use divan::{black_box, Bencher};
use tact::config::{resolve, CliOverrides};
use tact::engine::registry::RuleSet;
use tact::engine::{build_rule, builtin_packs};
use tact::lint::Linter;
use tact::model::Lang;

pub const DRAFT_EN: &str =
    "Hi Sarah, thanks for reaching out! I've checked your order #48213 and it left our warehouse \
yesterday. You should recieve it by Friday. Let me know if anything else comes up.\nBest regards,\nTom\n";
pub const DRAFT_FR: &str = "Bonjour Sarah, merci pour votre message ! J'ai vérifié votre commande n° 48213 : elle a \
quitté notre entrepôt hier. Vous devriez la recevoir vendredi. Bonne journée,\nCamille\n";

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
    let t = Instant::now();
    let settings = resolve(None, None, &[], &CliOverrides::default()).expect("default settings");
    println!(
        "phase\tsettings: parse + compile every built-in rule (config::resolve)\t{:.3}",
        ms(t)
    );
    let t = Instant::now();
    let detected = tact::lang::detect(DRAFT_EN);
    println!("phase\tlanguage detection, first call\t{:.3}", ms(t));
    assert_eq!(detected, Some(Lang::En));
    let t = Instant::now();
    black_box(tact::document::Document::new(DRAFT_EN, Lang::En));
    println!(
        "phase\tfirst document model (masks, regions: lazy regexes)\t{:.3}",
        ms(t)
    );
    let t = Instant::now();
    tact::spell::dictionary(Lang::En).expect("en_US");
    println!("phase\tdictionary load en_US\t{:.3}", ms(t));
    let linter = Linter {
        rules: &settings.rules,
        selection: &settings.selection,
        words: &settings.words,
    };
    let t = Instant::now();
    let checked = linter.check(DRAFT_EN, &settings.draft);
    println!(
        "phase\tfirst check of the English draft (incl. 1 suggestion)\t{:.3}",
        ms(t)
    );
    let t = Instant::now();
    black_box(linter.check(DRAFT_EN, &settings.draft));
    println!("phase\tsecond check of the same draft (warm)\t{:.3}", ms(t));
    println!("phase\ttotal, English cold path\t{:.3}", ms(start));
    let t = Instant::now();
    tact::spell::dictionary(Lang::Fr).expect("fr");
    println!("phase\tdictionary load fr\t{:.3}", ms(t));
    let t = Instant::now();
    black_box(linter.check(DRAFT_FR, &settings.draft));
    println!("phase\tfirst check of the French draft\t{:.3}", ms(t));
    let t = Instant::now();
    black_box(linter.check(DRAFT_FR, &settings.draft));
    println!("phase\tsecond check of the French draft (warm)\t{:.3}", ms(t));
    eprintln!(
        "English draft: {} diagnostics, score {}",
        checked.diagnostics.len(),
        checked.score
    );

    // Parsing alone, then every rule's build (regex compilation and the kind's own set-up).
    let reps = 5;
    let mut parse = Vec::new();
    for _ in 0..reps {
        let t = Instant::now();
        for (_, text) in builtin_packs() {
            black_box(rule_tables(text));
        }
        parse.push(ms(t));
    }
    println!("phase\tTOML parsing of the built-in packs alone\t{:.3}", median(parse));
    let mut all_regexes = Vec::new();
    let mut total = 0.0;
    for (origin, text) in builtin_packs() {
        for table in rule_tables(text) {
            let id = table.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string();
            regexes(&toml::Value::Table(table.clone()), "", &mut all_regexes);
            let times: Vec<f64> = (0..reps)
                .map(|_| {
                    let t = Instant::now();
                    black_box(build_rule(origin, table.clone()).expect("built-in rule builds"));
                    ms(t)
                })
                .collect();
            let m = median(times);
            total += m;
            println!("rule\t{id}\t{origin}\t{m:.3}");
        }
    }
    println!("phase\tbuilding every rule (build_rule, sum of medians)\t{total:.3}");
    let mut regex_total = 0.0;
    let mut costs = Vec::new();
    for pattern in &all_regexes {
        let times: Vec<f64> = (0..3)
            .map(|_| {
                let t = Instant::now();
                black_box(tact::engine::kinds::compile(pattern).is_ok());
                ms(t)
            })
            .collect();
        let m = median(times);
        regex_total += m;
        costs.push((m, pattern.clone()));
    }
    println!(
        "phase\tcompiling the {} regexes written in the rule files (sum of medians)\t{regex_total:.3}",
        all_regexes.len()
    );
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (m, pattern) in costs.iter().take(10) {
        let short: String = pattern.chars().take(90).collect();
        println!("regex\t{m:.3}\t{}", short.replace('\t', " "));
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
