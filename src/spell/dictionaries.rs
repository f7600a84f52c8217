//! The embedded Hunspell dictionaries, parsed the first time a draft in their language needs them and shared by
//! every thread after that.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// A fixed hash seed: spellbook's default seed is random per process, which made suggestion order (and so the
/// unsafe fixes) vary from one run to the next.
pub type Dictionary = spellbook::Dictionary<foldhash::fast::FixedState>;

fn parse(aff: &str, dic: &str) -> Option<Dictionary> {
    Dictionary::new_with_hasher(aff, dic, foldhash::fast::FixedState::with_seed(0x7AC7)).ok()
}

use crate::model::Lang;

const EN_AFF: &str = include_str!("../../dictionaries/en_US/en_US.aff");
const EN_DIC: &str = include_str!("../../dictionaries/en_US/en_US.dic");
const FR_AFF: &str = include_str!("../../dictionaries/fr/fr.aff");
const FR_DIC: &str = include_str!("../../dictionaries/fr/fr.dic");

static EN: OnceLock<Option<Dictionary>> = OnceLock::new();
static FR: OnceLock<Option<Dictionary>> = OnceLock::new();

/// Whether the dictionary of `lang` is parsed already (asking for it would not wait).
pub fn dictionary_loaded(lang: Lang) -> bool {
    match lang {
        Lang::En => EN.get().is_some(),
        Lang::Fr => FR.get().is_some(),
    }
}

/// Starts parsing the dictionary of `lang` on a thread of its own, unless that is done or under way: the caller
/// has other work to do first (reading settings, running the other rules) and will find it ready, or wait less.
pub fn prefetch(lang: Lang) {
    static STARTED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];
    let started = &STARTED[usize::from(lang == Lang::Fr)];
    if dictionary_loaded(lang) || started.swap(true, Ordering::Relaxed) {
        return;
    }
    let _ = std::thread::Builder::new()
        .name(format!("dictionary-{lang}"))
        .spawn(move || dictionary(lang));
}

/// The dictionary of `lang`; `None` only if an embedded dictionary failed to parse, which the tests rule out.
pub fn dictionary(lang: Lang) -> Option<&'static Dictionary> {
    match lang {
        Lang::En => EN.get_or_init(|| parse(EN_AFF, EN_DIC)).as_ref(),
        Lang::Fr => FR
            .get_or_init(|| parse(&french_suggestion_tables(FR_AFF), FR_DIC))
            .as_ref(),
    }
}

/// How many letters Hunspell's edit pass tries at each position of a word in `lang` (`TRY` as tact loads it).
pub(crate) fn try_letters(lang: Lang) -> usize {
    static COUNTS: OnceLock<[usize; 2]> = OnceLock::new();
    let count = |aff: &str| {
        aff.lines()
            .find_map(|line| line.strip_prefix("TRY "))
            .map_or(0, |letters| letters.trim().chars().count())
    };
    let counts = COUNTS.get_or_init(|| [count(EN_AFF), count(&french_suggestion_tables(FR_AFF))]);
    counts[usize::from(lang == Lang::Fr)]
}

/// The French affix file's `MAP` relates every letter to its capital and its accented forms (`MAP aàâäAÀÂÄ`), and
/// suggestion tries every combination of related characters: 2,000 checks of 40 µs for the five vowels of
/// "malheureusment" (190 ms). `TRY`, the letters tried at each position, also lists capitals and letters French
/// does not use (ã, ñ, ś), each tried at every position. Both tables only steer suggestions (checking does not read
/// them), so tact drops `MAP` and keeps the plain letters and é, è, à in `TRY`; the accent mistakes are found by
/// a bounded pass of tact's own (`suggest::accent_variants`), which tries accents only where they can go. A
/// suggestion then costs about 10 ms.
fn french_suggestion_tables(aff: &str) -> String {
    // Other accented letters are tried by the accent pass, which only touches the letters they can replace.
    const FRENCH_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzéèà";
    let mut out = String::with_capacity(aff.len());
    for line in aff.lines() {
        if line.starts_with("MAP ") {
            continue;
        }
        if let Some(letters) = line.strip_prefix("TRY ") {
            out.push_str("TRY ");
            out.extend(letters.chars().filter(|c| FRENCH_LETTERS.contains(*c)));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_suggestion_tables_keep_french_letters_and_no_map() {
        let aff = "SET UTF-8\nTRY esaAàBñêç\nMAP 3\nMAP aàâAÀ\nMAP bB\nMAP cçCÇ\nREP 1\nREP a b\n";
        assert_eq!(french_suggestion_tables(aff), "SET UTF-8\nTRY esaà\nREP 1\nREP a b\n");
    }

    #[test]
    fn french_suggestions_for_lowercase_and_capitalised_words() {
        let fr = dictionary(Lang::Fr).expect("fr parses");
        for (typo, expected) in [
            ("malheureusment", "malheureusement"),
            ("probleme", "problème"),
            ("Comande", "Commande"),
        ] {
            let mut found = Vec::new();
            fr.suggester().with_ngram_suggestions(false).suggest(typo, &mut found);
            assert!(found.iter().any(|s| s == expected), "{typo}: {found:?}");
        }
    }

    #[test]
    fn letters_tried_by_the_edit_pass() {
        assert_eq!(try_letters(Lang::En), 47);
        assert_eq!(try_letters(Lang::Fr), 29);
    }

    #[test]
    fn both_dictionaries_parse_and_check() {
        let en = dictionary(Lang::En).expect("en_US parses");
        assert!(en.check("receive") && !en.check("recieve"));
        let fr = dictionary(Lang::Fr).expect("fr parses");
        assert!(fr.check("commande") && fr.check("l'adresse") && !fr.check("comande"));
    }
}
