//! Spelling latency: what one misspelled word costs tact, in English and French.
//!
//! ```sh
//! cargo bench --bench spelling_latency            # every figure
//! cargo bench --bench spelling_latency -- suggest # only the suggestion ones
//! ```
//!
//! - `dictionary_load`: parsing an embedded Hunspell dictionary with spellbook (`Dictionary::new`), what the first
//!   draft of a language pays once per process.
//! - `suggest_cold`: `tact::spell::suggestions(lang, word)` on a word never seen before in the process (the cache is
//!   empty for it; the dictionary is already loaded). Every sample takes the next word of
//!   `benches/data/misspelled-LANG.txt`, so no word is measured twice; divan's median is the median per word.
//! - `suggest_warm`: the same call on words already suggested once (a cache hit).
//! - `spellbook_suggest`: spellbook's own `Dictionary::suggest`, without tact's ranking or cache (always cold).
//! - `check_words`: `tact::spell::dictionary(lang).check(word)` over the word tokens of generated drafts
//!   (`benches/data/words-LANG.txt`); divan prints words per second.
//!
//! compare.sh measures hunspell on the same misspellings (`hunspell -d en_US|fr_FR -a`, minus its load time).

use std::sync::atomic::{AtomicUsize, Ordering};

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use tact::model::Lang;
use tact::spell::{dictionary, suggestions};

const MISSPELLED_EN: &str = include_str!("data/misspelled-en.txt");
const MISSPELLED_FR: &str = include_str!("data/misspelled-fr.txt");
const WORDS_EN: &str = include_str!("data/words-en.txt");
const WORDS_FR: &str = include_str!("data/words-fr.txt");

const LANGS: [Lang; 2] = [Lang::En, Lang::Fr];

/// Misspellings kept apart for the warm figures, so that the cold ones never meet a cached word.
const WARM_WORDS: usize = 40;
/// Cold samples per language: fewer than the misspellings left for them (294 in English, 255 in French).
const COLD_SAMPLES: u32 = 250;

fn main() {
    divan::main();
}

fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

fn misspelled(lang: Lang) -> Vec<&'static str> {
    lines(match lang {
        Lang::En => MISSPELLED_EN,
        Lang::Fr => MISSPELLED_FR,
    })
}

fn cold_words(lang: Lang) -> Vec<&'static str> {
    misspelled(lang).split_off(WARM_WORDS)
}

fn warm_words(lang: Lang) -> Vec<&'static str> {
    misspelled(lang).into_iter().take(WARM_WORDS).collect()
}

fn loaded(lang: Lang) -> &'static tact::spell::Dictionary {
    dictionary(lang).expect("the embedded dictionary parses")
}

#[divan::bench(args = LANGS, sample_count = 10, sample_size = 1)]
fn dictionary_load(bencher: Bencher, lang: Lang) {
    let (aff, dic) = match lang {
        Lang::En => (
            include_str!("../dictionaries/en_US/en_US.aff"),
            include_str!("../dictionaries/en_US/en_US.dic"),
        ),
        Lang::Fr => (
            include_str!("../dictionaries/fr/fr.aff"),
            include_str!("../dictionaries/fr/fr.dic"),
        ),
    };
    bencher.bench(|| spellbook::Dictionary::new(black_box(aff), black_box(dic)).expect("parses"));
}

#[divan::bench(args = LANGS, sample_count = COLD_SAMPLES, sample_size = 1)]
fn suggest_cold(bencher: Bencher, lang: Lang) {
    static NEXT: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];
    let words = cold_words(lang);
    loaded(lang);
    let next = &NEXT[lang as usize];
    bencher
        .with_inputs(|| {
            // Past the end (divan asked for more samples than there are words), words come round again warm.
            words[next.fetch_add(1, Ordering::Relaxed) % words.len()]
        })
        .bench_values(|word| suggestions(lang, word));
}

#[divan::bench(args = LANGS, sample_count = 200, sample_size = 1)]
fn suggest_warm(bencher: Bencher, lang: Lang) {
    let words = warm_words(lang);
    for word in &words {
        suggestions(lang, word);
    }
    let next = AtomicUsize::new(0);
    bencher
        .with_inputs(|| words[next.fetch_add(1, Ordering::Relaxed) % words.len()])
        .bench_values(|word| suggestions(lang, word));
}

#[divan::bench(args = LANGS, sample_count = 100, sample_size = 1)]
fn spellbook_suggest(bencher: Bencher, lang: Lang) {
    let words = cold_words(lang);
    let dict = loaded(lang);
    let next = AtomicUsize::new(0);
    bencher
        .with_inputs(|| (words[next.fetch_add(1, Ordering::Relaxed) % words.len()], Vec::new()))
        .bench_values(|(word, mut out)| {
            dict.suggest(word, &mut out);
            out
        });
}

#[divan::bench(args = LANGS, sample_count = 30)]
fn check_words(bencher: Bencher, lang: Lang) {
    let words = lines(match lang {
        Lang::En => WORDS_EN,
        Lang::Fr => WORDS_FR,
    });
    let dict = loaded(lang);
    bencher
        .counter(ItemsCount::new(words.len()))
        .bench(|| words.iter().filter(|w| dict.check(black_box(w))).count());
}
