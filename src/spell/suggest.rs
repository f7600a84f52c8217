//! Suggestions for a flagged word: computed once per word and language, cached for the process, ranked, and
//! paid for from a budget of work so that no draft, whatever it holds, waits long for them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::model::Lang;

/// Work spent on suggestions, counted in probes: one probe is one candidate spelling looked up in the English
/// dictionary. The cost of a word is known before its suggestions are computed (it depends on the word alone,
/// cached or not), so what a draft is offered does not depend on the machine's load nor on the drafts before it.
#[derive(Clone, Debug)]
pub struct Budget {
    left: u64,
    spent: u64,
}

/// Probes one draft may spend on suggestions: about 100 ms of dictionary lookups on a busy two-core machine.
pub const DRAFT_PROBES: u64 = 200_000;
/// Probes one word may take, so that a single monster leaves the draft's other words their suggestions.
pub const WORD_PROBES: u64 = 150_000;
/// Longer tokens are no word of either dictionary (spellbook itself gives up at 100 bytes): nothing to suggest.
const MAX_SUGGESTED_CHARS: usize = 48;

impl Budget {
    /// The budget of one draft.
    pub fn for_draft() -> Self {
        Self::with_probes(DRAFT_PROBES)
    }

    /// The budget of one word asked about on its own.
    pub fn for_word() -> Self {
        Self::with_probes(WORD_PROBES)
    }

    pub fn with_probes(probes: u64) -> Self {
        Budget { left: probes, spent: 0 }
    }

    /// Probes spent so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// Takes `probes` from what is left; false, taking nothing, when not that much is left.
    pub fn try_spend(&mut self, probes: u64) -> bool {
        if probes > self.left {
            return false;
        }
        self.left -= probes;
        self.spent += probes;
        true
    }
}

/// How far to look for suggestions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Hunspell's edits (one slip away) and the accent variants: enough to tell a typo from a name.
    Edits,
    /// Then, when edits find nothing, Hunspell's n-gram pass over the whole dictionary.
    Full,
}

/// What one lookup of a candidate costs, in probes: a French word goes through far more affixes.
fn probe_weight(lang: Lang) -> u64 {
    match lang {
        Lang::En => 1,
        Lang::Fr => 40,
    }
}

/// Candidates Hunspell's edit pass looks up for `word`: each letter of `TRY` inserted and substituted at every
/// position, neighbours swapped, letters moved (at most ten places), distant pairs swapped; a capitalised word is
/// tried as written and lower-cased, and each part of a hyphenated word again on its own.
fn edit_candidates(lang: Lang, word: &str) -> u64 {
    let n = word.chars().count() as u64;
    let tried = super::dictionaries::try_letters(lang) as u64;
    let one_spelling = n * (2 * tried + 10) + n * n / 2 + 2 * n * n.min(10) + 1;
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let spellings = if first_upper { 2 } else { 1 };
    let parts: u64 = if word.contains('-') {
        word.split('-').map(|part| edit_candidates(lang, part)).sum()
    } else {
        0
    };
    spellings * one_spelling + parts
}

/// Probes of the n-gram pass: it scores every stem of the dictionary against the word (and against each part of a
/// hyphenated word), in time that grows with the word's length.
fn ngram_probes(lang: Lang, word: &str) -> u64 {
    let per_char = match lang {
        Lang::En => 8_000,
        Lang::Fr => 20_000,
    };
    let whole = per_char * word.chars().count() as u64;
    let parts: u64 = if word.contains('-') {
        word.split('-').map(|part| ngram_probes(lang, part)).sum()
    } else {
        0
    };
    whole + parts
}

type Cache = Mutex<HashMap<(Lang, String), Arc<Vec<String>>>>;

fn cached(
    cache: &'static OnceLock<Cache>,
    key: (Lang, String),
    compute: impl FnOnce() -> Vec<String>,
) -> Arc<Vec<String>> {
    let cache = cache.get_or_init(Cache::default);
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let found = Arc::new(compute());
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, found.clone());
    }
    found
}

/// Hunspell's edits of `word` and, in French, its accent variants the dictionary knows; unranked.
fn edits(lang: Lang, word: &str) -> Arc<Vec<String>> {
    static EDITS: OnceLock<Cache> = OnceLock::new();
    cached(&EDITS, (lang, word.to_string()), || {
        let Some(dict) = super::dictionary(lang) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let edits = |found: &mut Vec<String>| dict.suggester().with_ngram_suggestions(false).suggest(word, found);
        if lang == Lang::Fr {
            // The accent variants, a few hundred checks of ~10 µs each, are checked alongside.
            let ((), accented) = rayon::join(
                || edits(&mut found),
                || {
                    accent_variants(word)
                        .into_iter()
                        .filter(|variant| dict.check(variant))
                        .collect::<Vec<String>>()
                },
            );
            for variant in accented {
                if !found.contains(&variant) {
                    found.push(variant);
                }
            }
        } else {
            edits(&mut found);
        }
        found
    })
}

/// Hunspell's full suggestion, n-gram pass included; unranked.
fn full(lang: Lang, word: &str) -> Arc<Vec<String>> {
    static FULL: OnceLock<Cache> = OnceLock::new();
    cached(&FULL, (lang, word.to_string()), || {
        let mut found = Vec::new();
        if let Some(dict) = super::dictionary(lang) {
            dict.suggest(word, &mut found);
        }
        found
    })
}

/// Probes the edit pass of `word` costs, accent variants included.
pub fn edit_probes(lang: Lang, word: &str) -> u64 {
    let accents = if lang == Lang::Fr {
        accent_variants(word).len() as u64
    } else {
        0
    };
    (edit_candidates(lang, word) + accents) * probe_weight(lang)
}

/// Computes the edit pass of `word` ahead of time (several words side by side); the budget is paid when the
/// suggestions are asked for.
pub fn warm_edits(lang: Lang, word: &str) {
    if word.chars().count() <= MAX_SUGGESTED_CHARS && letter_runs_collapsed(lang, word).is_empty() {
        edits(lang, word);
    }
}

/// Suggestions for `word` asked about on its own, best first (the accuracy figures use this).
pub fn suggestions(lang: Lang, word: &str) -> Arc<Vec<String>> {
    suggestions_within(lang, word, Reach::Full, &mut Budget::for_word()).unwrap_or_default()
}

/// Suggestions for `word`, best first, paid from `budget`; `None` when the budget (the draft's, or the word's own
/// share) cannot pay for them: the word is then reported without suggestions. Multi-word splits come only when
/// nothing else is offered.
pub fn suggestions_within(lang: Lang, word: &str, reach: Reach, budget: &mut Budget) -> Option<Arc<Vec<String>>> {
    if word.chars().count() > MAX_SUGGESTED_CHARS {
        return Some(Arc::default());
    }
    // "merciiiii", "pleeease": letters held down for emphasis; the word with the run collapsed is the answer, found
    // in a handful of lookups where Hunspell would try thousands of edits.
    let collapsed_probes = letter_run_spellings(word).len() as u64 * probe_weight(lang);
    let collapsed = letter_runs_collapsed(lang, word);
    if !collapsed.is_empty() {
        return budget
            .try_spend(collapsed_probes)
            .then(|| Arc::new(rank(word, collapsed)));
    }
    let mut probes = collapsed_probes + edit_probes(lang, word);
    if probes > WORD_PROBES || !budget.try_spend(probes) {
        return None;
    }
    let mut found = edits(lang, word);
    if found.is_empty() && reach == Reach::Full {
        // Edit-based suggestions first; the n-gram pass scans the whole dictionary (tens of milliseconds in
        // English, over a hundred in French) and runs only when edits find nothing. It repeats the edits.
        let more = ngram_probes(lang, word) + edit_candidates(lang, word) * probe_weight(lang);
        probes += more;
        if probes > WORD_PROBES || !budget.try_spend(more) {
            return None;
        }
        found = full(lang, word);
    }
    Some(Arc::new(rank(word, found.to_vec())))
}

/// The spellings of `word` with each run of three or more equal letters cut to one or two letters (at most the
/// first three runs), longest runs first; empty when it has no such run.
fn letter_run_spellings(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i + 1;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        if j - i >= 3 && chars[i].is_alphabetic() && runs.len() < 3 {
            runs.push(i..j);
        }
        i = j;
    }
    if runs.is_empty() {
        return Vec::new();
    }
    let mut spellings = Vec::new();
    for keep in 0..(1u32 << runs.len()) {
        let mut spelling = String::with_capacity(word.len());
        let mut at = 0;
        for (r, run) in runs.iter().enumerate() {
            spelling.extend(&chars[at..run.start]);
            let kept = if keep & (1 << r) == 0 { 1 } else { 2 };
            spelling.extend(std::iter::repeat_n(chars[run.start], kept));
            at = run.end;
        }
        spelling.extend(&chars[at..]);
        spellings.push(spelling);
    }
    spellings
}

/// The spellings of `letter_run_spellings` the dictionary knows.
fn letter_runs_collapsed(lang: Lang, word: &str) -> Vec<String> {
    let spellings = letter_run_spellings(word);
    if spellings.is_empty() {
        return spellings;
    }
    let Some(dict) = super::dictionary(lang) else {
        return Vec::new();
    };
    spellings.into_iter().filter(|s| dict.check(s)).collect()
}

/// Ranks Hunspell's suggestions for `word`.
fn rank(word: &str, found: Vec<String>) -> Vec<String> {
    let (single, split): (Vec<String>, Vec<String>) = found.into_iter().partition(|s| !s.contains(' '));
    let mut ranked = if single.is_empty() { split } else { single };
    // Hunspell's order, refined: fewer edits first, then words that keep the first letter (people rarely mistype
    // it). On codespell's misspellings this lifts top-1 accuracy from 0.866 to 0.878.
    // A missing or wrong accent is the lightest of mistakes ("probleme" is "problème" before "problèmes").
    let first = word.chars().next().map(|c| c.to_lowercase().collect::<String>());
    let unaccented = without_accents(word);
    ranked.sort_by_cached_key(|s| {
        let same_first = s.chars().next().map(|c| c.to_lowercase().collect::<String>()) == first;
        (
            damerau_levenshtein(&unaccented, &without_accents(s)),
            damerau_levenshtein(word, s),
            typo_cost(word, s),
            !same_first,
        )
    });
    ranked
}

const ACCENTS: &[(char, &str)] = &[
    ('a', "àâä"),
    ('e', "éèêë"),
    ('i', "îï"),
    ('o', "ôö"),
    ('u', "ùûü"),
    ('c', "ç"),
];

/// The letter without its accent (`é` → `e`), for the letters French accents.
fn base_letter(c: char) -> char {
    ACCENTS
        .iter()
        .find(|(_, accented)| accented.contains(c))
        .map_or(c, |(base, _)| *base)
}

pub fn without_accents(word: &str) -> String {
    word.chars().map(base_letter).collect()
}

/// Spellings of `word` with one or two of its letters accented differently ("probleme" → "problème", "deja" →
/// "déjà", "evenement" → "événement"): the mistakes of typing French without accents, or with the wrong one.
/// Hunspell's `MAP` tries every combination at once, thousands of dictionary checks on a long word.
pub fn accent_variants(word: &str) -> Vec<String> {
    const MAX_VARIANTS: usize = 400;
    let chars: Vec<char> = word.chars().collect();
    // Each position that has a French accent family, with the other members of that family.
    let positions: Vec<(usize, Vec<char>)> = chars
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let base = base_letter(*c);
            let (_, accented) = ACCENTS.iter().find(|(b, _)| *b == base)?;
            let others = std::iter::once(base)
                .chain(accented.chars())
                .filter(|o| o != c)
                .collect();
            Some((i, others))
        })
        .collect();
    let mut variants = Vec::new();
    for (at, others) in &positions {
        for other in others {
            let mut variant = chars.clone();
            variant[*at] = *other;
            variants.push(variant.into_iter().collect());
        }
    }
    for (n, (first, first_others)) in positions.iter().enumerate() {
        for (second, second_others) in &positions[n + 1..] {
            for a in first_others {
                for b in second_others {
                    if variants.len() >= MAX_VARIANTS {
                        return variants;
                    }
                    // Two plain letters become two accented ones; an accent is not moved onto a second letter.
                    if chars[*first] != base_letter(chars[*first]) || chars[*second] != base_letter(chars[*second]) {
                        continue;
                    }
                    let mut variant = chars.clone();
                    variant[*first] = *a;
                    variant[*second] = *b;
                    variants.push(variant.into_iter().collect());
                }
            }
        }
    }
    variants
}

/// The suggestion to apply as a fix, when one stands out: the only one, or a likelier typo than the next.
pub fn convincing<'a>(word: &str, suggestions: &'a [String]) -> Option<&'a str> {
    let first = suggestions.first()?;
    match suggestions.get(1) {
        None => Some(first),
        Some(second) if typo_cost(word, first) < typo_cost(word, second) => Some(first),
        Some(_) => None,
    }
}

/// Edit cost weighted by how people mistype: swapping two neighbours or doubling/undoubling a letter costs 1,
/// any other insertion, deletion or substitution 2.
pub fn typo_cost(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 1..=a.len() {
        let doubled = i > 1 && a[i - 1] == a[i - 2];
        d[i * width] = d[(i - 1) * width] + if doubled { 1 } else { 2 };
    }
    for j in 1..=b.len() {
        let doubled = j > 1 && b[j - 1] == b[j - 2];
        d[j] = d[j - 1] + if doubled { 1 } else { 2 };
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = d[(i - 1) * width + j - 1] + if a[i - 1] == b[j - 1] { 0 } else { 2 };
            let delete_doubled = i > 1 && a[i - 1] == a[i - 2];
            let insert_doubled = j > 1 && b[j - 1] == b[j - 2];
            let deletion = d[(i - 1) * width + j] + if delete_doubled { 1 } else { 2 };
            let insertion = d[i * width + j - 1] + if insert_doubled { 1 } else { 2 };
            let mut best = substitution.min(deletion).min(insertion);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment).
pub fn damerau_levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(damerau_levenshtein("recieve", "receive"), 1);
        assert_eq!(damerau_levenshtein("adress", "address"), 1);
        assert_eq!(damerau_levenshtein("", "abc"), 3);
    }

    #[test]
    fn typo_costs() {
        assert_eq!(typo_cost("recieve", "receive"), 1);
        assert_eq!(typo_cost("recieve", "relieve"), 2);
        assert_eq!(typo_cost("adress", "address"), 1);
        assert_eq!(typo_cost("adress", "dress"), 2);
    }

    #[test]
    fn accents_on_two_letters() {
        let variants = accent_variants("deja");
        assert!(variants.contains(&"déjà".to_string()) && variants.contains(&"déja".to_string()));
        assert_eq!(variants.len(), 4 + 3 + 4 * 3);
        assert!(accent_variants("xyz").is_empty());
        assert_eq!(accent_variants("très"), ["tres", "trés", "três", "trës"]);
        assert_eq!(without_accents("Événement déjà reçu"), "Évenement deja recu");
    }

    #[test]
    fn french_words_typed_without_accents() {
        for (typo, expected) in [
            ("deja", "déjà"),
            ("evenement", "événement"),
            ("probleme", "problème"),
            ("recu", "reçu"),
        ] {
            assert_eq!(
                suggestions(Lang::Fr, typo).first().map(String::as_str),
                Some(expected),
                "{typo}"
            );
        }
    }

    #[test]
    fn convincing_needs_a_clear_winner() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(convincing("adress", &s(&["address"])), Some("address"));
        assert_eq!(convincing("recieve", &s(&["receive", "relieve"])), Some("receive"));
        assert_eq!(convincing("cat", &s(&["cut", "cot"])), None);
        assert_eq!(convincing("x", &[]), None);
    }
}
