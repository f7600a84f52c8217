//! What language identification costs per draft, and what its first call costs in a fresh process.
//!
//! ```sh
//! cargo bench --bench language_detection                         # divan: per-draft cost, warm
//! TACT_LANG_FIRST_CALL=1 cargo bench --bench language_detection  # one cold process: the first call (word table)
//! ```
//!
//! `identify` is the whole answer (English, French, another language, unknown); `detect` the English/French vote
//! alone that it runs after its own pass, so their difference is what recognising other languages adds.

use std::time::Instant;

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use tact::lang::{detect, identify, Detected};

/// About 200 characters each, like the drafts of compare.sh.
const DRAFT_EN: &str = "Hi Sarah, thanks for reaching out! I've checked your order #48213 and it left our warehouse \
yesterday.\nYou should receive it by Friday. Let me know if anything else comes up.\nBest regards,\nTom\n";
const DRAFT_FR: &str = "Bonjour Sarah, merci pour votre message ! J'ai vérifié votre commande n° 48213 : elle a \
quitté notre\nentrepôt hier. Vous devriez la recevoir vendredi.\nBonne journée,\nCamille\n";
const DRAFT_ES: &str = "Hola Sara, gracias por escribirnos. He revisado tu pedido 48213 y salió de nuestro almacén \
ayer.\nLo recibirás el viernes. Si necesitas algo más, aquí estamos.\nUn saludo,\nTomás\n";

fn main() {
    if std::env::var_os("TACT_LANG_FIRST_CALL").is_some() {
        let start = Instant::now();
        let first = identify(DRAFT_EN);
        let first_ms = start.elapsed().as_secs_f64() * 1e3;
        let start = Instant::now();
        let second = identify(DRAFT_EN);
        let second_ms = start.elapsed().as_secs_f64() * 1e3;
        println!("first call\t{first_ms:.3} ms\t{first:?}\nsecond call\t{second_ms:.3} ms\t{second:?}");
    } else {
        divan::main();
    }
}

fn draft(lang: &str) -> &'static str {
    match lang {
        "en" => DRAFT_EN,
        "fr" => DRAFT_FR,
        _ => DRAFT_ES,
    }
}

#[divan::bench(args = ["en", "fr", "es"])]
fn identify_draft(bencher: Bencher, lang: &str) {
    bencher.bench(|| identify(black_box(draft(lang))));
}

#[divan::bench(args = ["en", "fr", "es"])]
fn detect_draft(bencher: Bencher, lang: &str) {
    bencher.bench(|| detect(black_box(draft(lang))));
}

/// Every message of the evaluation set (3 to 40 words each), one after the other.
#[divan::bench]
fn identify_short_messages(bencher: Bencher) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lang/short-messages.jsonl");
    let texts: Vec<String> = std::fs::read_to_string(path)
        .expect("tests/lang/short-messages.jsonl")
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).expect("json")["text"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    bencher.counter(ItemsCount::new(texts.len())).bench(|| {
        texts
            .iter()
            .filter(|text| matches!(identify(black_box(text)), Detected::Other(_)))
            .count()
    });
}

/// The opening of a large file (4 KiB), as the spelling prefetch reads it.
#[divan::bench]
fn identify_4k(bencher: Bencher) {
    let text = DRAFT_FR.repeat(4096 / DRAFT_FR.len() + 1);
    bencher.bench(|| identify(black_box(&text)));
}
