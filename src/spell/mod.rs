//! Spelling: embedded Hunspell dictionaries (spellbook), the support vocabulary that ships with tact, the team's
//! own words, and suggestions computed only for flagged words.

mod dictionaries;
mod extra;
mod suggest;
mod tokens;
mod wordlist_codegen;

use std::collections::HashSet;

use rayon::prelude::*;

pub use dictionaries::{dictionary, dictionary_loaded, prefetch, Dictionary};
pub use extra::extra_word;
pub use suggest::{
    convincing, damerau_levenshtein, suggestions, suggestions_within, typo_cost, Budget, Reach, DRAFT_PROBES,
    WORD_PROBES,
};
pub(crate) use tokens::WORD_PATTERN;
pub use tokens::{tokens, Token};

use crate::diagnostic::{Applicability, Fix};
use crate::engine::kinds::{BuildError, KindDef};
use crate::engine::{Check, Context, Finding};
use crate::model::Lang;

/// Words a team accepts on top of the dictionaries (`words`, `word_lists`, `.tact/words.txt`), in every language
/// or in one (`.tact/words.fr.txt`).
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: HashSet<String>,
    by_lang: Vec<(Lang, HashSet<String>)>,
}

fn normalise(word: &str) -> String {
    word.replace('’', "'").to_lowercase()
}

/// The words of one line of a word list: `#` starts a comment line.
fn entry_words(entry: &str) -> impl Iterator<Item = &str> {
    let entry = entry.trim();
    let skip = entry.is_empty() || entry.starts_with('#');
    entry.split_whitespace().filter(move |_| !skip)
}

impl WordSet {
    pub fn insert(&mut self, entry: &str) {
        for word in entry_words(entry) {
            self.words.insert(normalise(word));
        }
    }

    /// Accepts the words of `entry` in `lang` only.
    pub fn insert_for(&mut self, lang: Lang, entry: &str) {
        let index = match self.by_lang.iter().position(|(l, _)| *l == lang) {
            Some(index) => index,
            None => {
                self.by_lang.push((lang, HashSet::new()));
                self.by_lang.len() - 1
            }
        };
        for word in entry_words(entry) {
            self.by_lang[index].1.insert(normalise(word));
        }
    }

    pub fn extend_from_text(&mut self, text: &str) {
        for line in text.lines() {
            self.insert(line);
        }
    }

    pub fn extend_from_text_for(&mut self, lang: Lang, text: &str) {
        for line in text.lines() {
            self.insert_for(lang, line);
        }
    }

    /// Whether the word is accepted in every language.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// Whether the word is accepted in a draft written in `lang`.
    pub fn accepts(&self, word: &str, lang: Lang) -> bool {
        let lower = word.to_lowercase();
        self.words.contains(&lower)
            || self
                .by_lang
                .iter()
                .any(|(l, words)| *l == lang && words.contains(&lower))
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.by_lang.iter().all(|(_, words)| words.is_empty())
    }
}

/// The brands, support terms and first names that ship with tact (`dictionaries/words/`), as a sorted static table.
pub fn builtin_word(word: &str) -> bool {
    // Most words come in lower case already: looked up as they are, without a copy.
    let changes = |c: char| {
        let mut lower = c.to_lowercase();
        lower.next() != Some(c) || lower.next().is_some()
    };
    let lower = if word.chars().any(changes) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    wordlist_codegen::WORDS.binary_search(&lower.as_ref()).is_ok()
}

/// A word's letters and digits, lower-cased: how a brand is recognised however it is punctuated.
pub fn letters_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The brand a word spells with other punctuation ("Whats'app", "Pay-pal" for WhatsApp, PayPal), if any.
pub fn misspelt_brand(word: &str) -> Option<&'static str> {
    let key = letters_key(word);
    let index = wordlist_codegen::BRANDS
        .binary_search_by(|(k, _)| k.cmp(&key.as_str()))
        .ok()?;
    let brand = wordlist_codegen::BRANDS[index].1;
    let same_punctuation = word.replace('’', "'").to_lowercase() == brand.to_lowercase();
    (!same_punctuation && word.chars().any(|c| !c.is_alphanumeric())).then_some(brand)
}

/// Whether `word`, exactly as written, is a word of `lang` for tact before any team word list: in the embedded
/// dictionary, the built-in support, brand and name lists, or the extra lists (SCOWL size 70 and British spellings,
/// the 1990 French reform). The extra lists only accept: suggestions come from the dictionary alone.
pub fn accepted(lang: crate::model::Lang, word: &str) -> bool {
    dictionary(lang).is_some_and(|dict| known_to(dict, lang, word))
}

fn known_to(dict: &Dictionary, lang: crate::model::Lang, word: &str) -> bool {
    builtin_word(word) || dict.check(word) || extra_word(lang, word)
}

pub const KIND: KindDef = KindDef {
    name: "spelling",
    params: &["ignore_acronyms"],
    build: |spec| {
        let ignore_acronyms = spec.ignore_acronyms.unwrap_or(5);
        if ignore_acronyms > 20 {
            return Err(BuildError::key(
                "ignore_acronyms",
                "`ignore_acronyms` is a word length, at most 20",
            ));
        }
        Ok(Box::new(Spelling { ignore_acronyms }))
    },
};

/// A capitalised unknown word is reported only when a suggestion is within this typo cost (one ordinary edit, or
/// two cheap ones such as a swap and a doubled letter).
const MAX_NAME_TYPO_COST: usize = 2;

/// Words of one draft whose suggestions are computed in parallel ahead of the budgeted loop.
const MAX_PARALLEL_SUGGESTIONS: usize = 8;

struct Spelling {
    ignore_acronyms: usize,
}

/// True when the whitespace-separated chunk holding `span` looks like code or a template variable (`{{prenom`,
/// `customer.firstName,fallback=`, `a/b`): not prose to spell-check.
fn in_code(masked: &str, span: &std::ops::Range<usize>) -> bool {
    let start = masked[..span.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = masked[span.end..]
        .find(char::is_whitespace)
        .map_or(masked.len(), |i| span.end + i);
    masked[start..end].contains(['{', '}', '%', '[', ']', '<', '>', '=', '|', '_', '/', '\\', '@', '#'])
}

enum Verdict {
    Accepted,
    Misspelled,
}

impl Spelling {
    fn known(&self, word: &str, cx: &Context<'_, '_>, dict: &dictionaries::Dictionary) -> bool {
        cx.words.accepts(word, cx.lang) || known_to(dict, cx.lang, word)
    }

    fn verdict(&self, token: &Token, cx: &Context<'_, '_>, dict: &dictionaries::Dictionary) -> Verdict {
        let word = token.lookup.as_str();
        if self.known(word, cx, dict) {
            return Verdict::Accepted;
        }
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        let lower = word.to_lowercase();
        if upper == letters.len() && upper > 0 {
            // SNCF, IBAN, RGPD: acronyms; longer words in capitals are checked as words.
            if letters.len() <= self.ignore_acronyms
                || self.known(&lower, cx, dict)
                || self.known(&title(&lower), cx, dict)
            {
                return Verdict::Accepted;
            }
            return Verdict::Misspelled;
        }
        let first_upper = letters.first().is_some_and(|c| c.is_uppercase());
        if upper > usize::from(first_upper) {
            // CamelCase and mixed case are brand names (WhatsApp, iPhone, PayPal).
            return Verdict::Accepted;
        }
        // "ok", "Ok", "paypal": the dictionary knows the word with other capitals; that is not a spelling mistake.
        if dict.check(&word.to_uppercase()) || (!first_upper && dict.check(&title(word))) {
            return Verdict::Accepted;
        }
        if first_upper {
            if self.known(&lower, cx, dict) {
                return Verdict::Accepted;
            }
            // A capital in mid-sentence marks a name the dictionary cannot know.
            if !token.sentence_start {
                return Verdict::Accepted;
            }
        }
        // "pre-load", "re-order", "co-pilote", "anti-spam": a prefix joined by a hyphen to a known word.
        const HYPHEN_PREFIXES: &[&str] = &[
            "pre", "re", "co", "non", "post", "anti", "multi", "self", "ex", "sub", "mid", "semi", "over", "under",
            "un", "de", "inter", "micro", "mini", "auto", "bi", "tri", "pré", "ré", "sur", "sous", "mi", "demi",
        ];
        if word.contains('-')
            && word.split('-').enumerate().all(|(i, part)| {
                part.is_empty()
                    || self.known(part, cx, dict)
                    || self.known(&part.to_lowercase(), cx, dict)
                    || (i == 0 && HYPHEN_PREFIXES.contains(&part.to_lowercase().as_str()))
            })
        {
            return Verdict::Accepted;
        }
        Verdict::Misspelled
    }
}

fn title(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl Check for Spelling {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(dict) = dictionary(cx.lang) else {
            return;
        };
        let closing = cx.doc.regions.closing.clone();
        // A reply that opens with "@jdoe42" may address the customer by that handle again ("sorry, jdoe"): the
        // handle's letters are a name there, not a typo.
        let handles: Vec<&str> = cx.doc.handles().collect();
        let all = tokens(&cx.doc.masked, cx.lang);
        // A brand written with a stray apostrophe or hyphen passes as a name; it is a slip customers notice.
        for token in all.iter().filter(|t| t.lookup.contains(['\'', '-', '.'])) {
            let written = &cx.doc.text[token.span.clone()];
            if let Some(brand) = misspelt_brand(written) {
                let mut finding = Finding::at(token.span.clone()).var("word", written.to_string());
                finding.fix = Some(Fix::replace(
                    token.span.clone(),
                    brand.to_string(),
                    Applicability::Unsafe,
                ));
                finding.suggestions = vec![brand.to_string()];
                out.push(finding);
            }
        }
        let flagged: Vec<Token> = all
            .into_iter()
            .filter(|token| !handles.iter().any(|handle| handle.eq_ignore_ascii_case(&token.lookup)))
            .filter(|token| !matches!(self.verdict(token, cx, dict), Verdict::Accepted))
            .filter(|token| !in_code(&cx.doc.masked, &token.span))
            // Signature lines are names and titles.
            .filter(|token| {
                let in_closing = closing.as_ref().is_some_and(|c| c.start <= token.span.start);
                !(in_closing && cx.doc.text[token.span.clone()].starts_with(char::is_uppercase))
            })
            .collect();
        let capitalised = |token: &Token| {
            cx.doc.text[token.span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        // A capitalised word needs only the edit pass: it is reported when a word one slip away exists.
        let reach = |token: &Token| if capitalised(token) { Reach::Edits } else { Reach::Full };
        if flagged.len() > 1 {
            // Several new words: their edit passes (milliseconds each in French) are worked out side by side first,
            // as many as the draft's budget pays for; the loop below then finds them cached and pays for them.
            let mut planned = Budget::for_draft();
            let mut fresh: Vec<&str> = Vec::new();
            for token in &flagged {
                let probes = suggest::edit_probes(cx.lang, &token.lookup);
                if fresh.len() < MAX_PARALLEL_SUGGESTIONS
                    && !fresh.contains(&token.lookup.as_str())
                    && probes <= WORD_PROBES
                    && planned.try_spend(probes)
                {
                    fresh.push(&token.lookup);
                }
            }
            fresh.par_iter().for_each(|word| suggest::warm_edits(cx.lang, word));
        }
        let mut budget = Budget::for_draft();
        for token in flagged {
            let written = &cx.doc.text[token.span.clone()];
            let suggested = suggestions_within(cx.lang, &token.lookup, reach(&token), &mut budget);
            // A capitalised word the dictionary does not know, at the start of a sentence, is a typo only when a
            // word one slip away exists ("Unfortunatly"); otherwise it is a name or a brand ("Ledgerly will...").
            // When the draft's budget cannot tell, the word is reported: a name flagged is cheaper than a typo sent.
            if capitalised(&token)
                && suggested.as_ref().is_some_and(|suggested| {
                    suggested
                        .first()
                        .is_none_or(|s| suggest::typo_cost(&token.lookup, s) > MAX_NAME_TYPO_COST)
                })
            {
                continue;
            }
            let suggested = suggested.unwrap_or_default();
            let mut finding = Finding::at(token.span.clone()).var("word", written.to_string());
            if let Some(best) = suggest::convincing(&token.lookup, &suggested) {
                let replacement = written.replacen(token.lookup.as_str(), best, 1);
                let replacement = if replacement == written {
                    best.to_string()
                } else {
                    replacement
                };
                finding.fix = Some(Fix::replace(token.span.clone(), replacement, Applicability::Unsafe));
            }
            finding.suggestions = suggested.iter().cloned().collect();
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    /// The built-in word lists are a static table generated from `dictionaries/words/*.txt`: no parsing at start-up.
    #[test]
    fn word_list_table_is_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut words = std::collections::BTreeSet::new();
        let mut files: Vec<_> = std::fs::read_dir(root.join("dictionaries/words"))
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        // A list holds words separated by white space; `#` starts a comment.
        let entries = |text: &str| -> Vec<String> {
            text.lines()
                .flat_map(|line| line.split('#').next().unwrap_or("").split_whitespace())
                .map(str::to_string)
                .collect()
        };
        for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            let text = std::fs::read_to_string(file).unwrap();
            for word in entries(&text) {
                words.insert(word.replace('’', "'").to_lowercase());
            }
        }
        let mut generated = String::from(
            "// Generated by `cargo test word_list_table_is_current` from dictionaries/words/*.txt; do not edit by hand.\n#[rustfmt::skip]\npub static WORDS: &[&str] = &[\n",
        );
        for word in &words {
            generated.push_str(&format!("    {word:?},\n"));
        }
        generated.push_str("];\n");
        // Brands by their letters alone, to recognise one written with a stray apostrophe, space-less hyphen or dot.
        let brands = std::fs::read_to_string(root.join("dictionaries/words/brands.txt")).unwrap();
        let mut keyed = std::collections::BTreeMap::new();
        for brand in entries(&brands) {
            let key = super::letters_key(&brand);
            if key.chars().count() >= 5 {
                keyed.entry(key).or_insert(brand);
            }
        }
        generated.push_str("\n#[rustfmt::skip]\npub static BRANDS: &[(&str, &str)] = &[\n");
        for (key, brand) in &keyed {
            generated.push_str(&format!("    ({key:?}, {brand:?}),\n"));
        }
        generated.push_str("];\n");
        let target = root.join("src/spell/wordlist_codegen.rs");
        if std::fs::read_to_string(&target).unwrap_or_default() != generated {
            std::fs::write(&target, generated).unwrap();
            panic!("src/spell/wordlist_codegen.rs was stale and has been regenerated; run the tests again");
        }
    }

    use crate::engine::kinds::testing::{findings_for, flagged};
    use crate::model::{Lang, Role};

    const SPEC: &str = "id = 'spelling.unknown-word'\nkind = 'spelling'\nmessage = 'm'";

    #[test]
    fn english_typos_and_what_is_not_one() {
        assert_eq!(
            flagged(SPEC, "You will recieve it tommorow at your adress.", Lang::En),
            vec!["recieve", "tommorow", "adress"]
        );
        assert!(flagged(
            SPEC,
            "Hi Priyanka, your Samsung Galaxy from Amazon ships via DPD. Don’t worry about the e-mail, wifi or the customers' opt-out. SNCF, IBAN, WhatsApp, 48h.",
            Lang::En
        )
        .is_empty());
        assert!(flagged(
            SPEC,
            "Hi {{ticket.requester.first_name}}, see https://acme.com/helpp or mail suport@acme.com.",
            Lang::En
        )
        .is_empty());
    }

    #[test]
    fn british_spellings_signatures_and_template_leftovers() {
        assert!(flagged(
            SPEC,
            "Sorry the colour was wrong; we apologise, it's cancelled and the centre favourites were analysed.\nKind regards,\nJoana Ferreira",
            Lang::En
        )
        .is_empty());
        assert!(flagged(
            SPEC,
            "Hi {{prenom,\nthanks {%customer.firstName,fallback=there}",
            Lang::En
        )
        .is_empty());
        assert_eq!(flagged(SPEC, "The colur is wrong.", Lang::En), vec!["colur"]);
    }

    /// SCOWL's size-70 words and British spellings are accepted from data (`dictionaries/en_extra/`); misspellings
    /// a suffix rule would have let through ("arguement" as "argue" + "ment", "fourty" as "forty") stay flagged.
    #[test]
    fn larger_english_lists_accept_words_and_keep_misspellings_flagged() {
        assert!(flagged(
            SPEC,
            "Amongst other things, the greyed-out cheque box on the oversized tyres programme is fine. Colour it in.",
            Lang::En
        )
        .is_empty());
        assert_eq!(
            flagged(
                SPEC,
                "We will definately recieve the arguement about fourty refound parcels.",
                Lang::En
            ),
            vec!["definately", "recieve", "arguement", "fourty", "refound"]
        );
        let findings = findings_for(
            SPEC,
            "The parcel arrived in a diferent colour.",
            Lang::En,
            Role::Complete,
        );
        assert_eq!(findings[0].suggestions.first().map(String::as_str), Some("different"));
    }

    /// The 1990 reform spellings are accepted beside the classic ones, at a sentence start and in capitals too.
    #[test]
    fn french_reform_spellings_beside_the_classic_ones() {
        assert!(flagged(
            SPEC,
            "Connaitre le cout du diner ? Le maitre d’hôtel vous connait. Voir la règlementation du weekend sur l’ile. Il connaît le coût du dîner. CONNAITRE.",
            Lang::Fr
        )
        .is_empty());
        assert_eq!(
            flagged(
                SPEC,
                "Votre colis, livrè ce matin, est un evenement : la connaisance du dossier.",
                Lang::Fr
            ),
            vec!["livrè", "evenement", "connaisance"]
        );
        assert_eq!(
            findings_for(SPEC, "Votre comande est partie.", Lang::Fr, Role::Complete)[0]
                .suggestions
                .first()
                .map(String::as_str),
            Some("commande")
        );
    }

    #[test]
    fn french_typos_and_elisions() {
        assert_eq!(
            flagged(SPEC, "Votre comande est malheureusment partie.", Lang::Fr),
            vec!["comande", "malheureusment"]
        );
        assert!(flagged(
            SPEC,
            "Aujourd’hui, l’adresse de livraison n'est pas modifiable via La Poste ou Mondial Relay.",
            Lang::Fr
        )
        .is_empty());
    }

    #[test]
    fn prefixes_joined_by_a_hyphen() {
        assert!(flagged(SPEC, "You can pre-load the app and re-order from there.", Lang::En).is_empty());
        assert_eq!(flagged(SPEC, "You can pre-lod the app.", Lang::En), vec!["pre-lod"]);
        assert!(flagged(SPEC, "Le mode anti-spam est activé.", Lang::Fr).is_empty());
    }

    #[test]
    fn a_brand_with_a_stray_apostrophe() {
        assert_eq!(
            flagged(SPEC, "Bonjour, écrivez-nous sur Whats'app ou sur Instagram.", Lang::Fr),
            vec!["Whats'app"]
        );
        assert!(flagged(SPEC, "Write to us on WhatsApp or PayPal.", Lang::En).is_empty());
        assert_eq!(super::misspelt_brand("Pay-Pal"), Some("PayPal"));
        assert_eq!(super::misspelt_brand("Paypal"), None);
        assert_eq!(super::misspelt_brand("l'app"), None);
    }

    #[test]
    fn a_handle_used_again_as_a_name() {
        assert!(flagged(
            SPEC,
            "@zorbafan42 Hello! Sorry for the wait, zorbafan42. @quillbee thanks quillbee.",
            Lang::En
        )
        .is_empty());
        assert_eq!(
            flagged(SPEC, "@zorbafan Sorry zorbafan, we will recieve it.", Lang::En),
            vec!["recieve"]
        );
        assert_eq!(
            flagged(SPEC, "Sorry for the wait, zorbafan.", Lang::En),
            vec!["zorbafan"]
        );
    }

    #[test]
    fn capitals_acronyms_and_sentence_starts() {
        assert!(flagged(
            SPEC,
            "PLEASE check the RGPD page, ok? Thanks from paris. Ok then.",
            Lang::En
        )
        .is_empty());
        assert_eq!(flagged(SPEC, "PLEESE check it.", Lang::En), vec!["PLEESE"]);
        assert_eq!(flagged(SPEC, "Unfortunatly it left.", Lang::En), vec!["Unfortunatly"]);
    }

    #[test]
    fn suggestions_and_an_unsafe_fix() {
        let findings = findings_for(SPEC, "You will recieve it.", Lang::En, Role::Complete);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].suggestions.first().map(String::as_str), Some("receive"));
        let fix = findings[0].fix.as_ref().expect("a convincing suggestion");
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Unsafe);
    }

    /// Made-up words of `syllables` syllables, none a word of either language.
    fn nonsense(count: usize, syllables: usize) -> Vec<String> {
        let (consonants, vowels) = (b"bdfgklmprstvz", b"aeiou");
        (0..count)
            .map(|n| {
                (0..syllables)
                    .map(|i| {
                        let c = consonants[(n * 7 + i * 3) % consonants.len()] as char;
                        let v = vowels[(n + i * 2) % vowels.len()] as char;
                        format!("{c}{v}")
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_draft_of_long_unknown_words_is_reported_whole_within_its_budget() {
        let words = nonsense(10, 11);
        let text = format!("Bonjour, {} sont partis.", words.join(" "));
        let findings = findings_for(SPEC, &text, Lang::Fr, Role::Complete);
        assert_eq!(findings.len(), 10, "every unknown word is reported");
        let again = findings_for(SPEC, &text, Lang::Fr, Role::Complete);
        let suggestions = |f: &[crate::engine::Finding]| f.iter().map(|f| f.suggestions.clone()).collect::<Vec<_>>();
        assert_eq!(
            suggestions(&findings),
            suggestions(&again),
            "the same work gives the same answer"
        );
        let mut budget = super::Budget::for_draft();
        for word in &words {
            super::suggestions_within(Lang::Fr, word, super::Reach::Full, &mut budget);
        }
        assert!(budget.spent() <= super::DRAFT_PROBES);
    }

    #[test]
    fn capitalised_words_the_budget_cannot_decide_are_reported_without_suggestions() {
        let words = nonsense(16, 6);
        let sentences: Vec<String> = words
            .iter()
            .map(|w| format!("{}{}.", w[..1].to_uppercase(), &w[1..]))
            .collect();
        let text = format!("Bonjour. {} Merci.", sentences.join(" "));
        let findings = findings_for(SPEC, &text, Lang::Fr, Role::Complete);
        // The first ones are paid for and found to be names; the budget cannot tell for the others.
        assert!(!findings.is_empty() && findings.len() < 16, "{}", findings.len());
        assert!(findings.iter().all(|f| f.suggestions.is_empty()));
    }

    #[test]
    fn an_elongated_word_is_offered_its_plain_spelling_for_a_few_probes() {
        let mut budget = super::Budget::for_draft();
        let word = format!("merc{}", "i".repeat(40));
        let found = super::suggestions_within(Lang::Fr, &word, super::Reach::Full, &mut budget);
        assert_eq!(found.as_deref().map(Vec::as_slice), Some(&["merci".to_string()][..]));
        assert!(budget.spent() <= 1_000, "{}", budget.spent());
        assert_eq!(
            flagged(SPEC, "Thank you sooooo much, pleeeease wait.", Lang::En),
            vec!["sooooo", "pleeeease"]
        );
        let findings = findings_for(SPEC, "We will pleeeease you.", Lang::En, Role::Complete);
        assert_eq!(findings[0].suggestions, ["please"]);
    }

    #[test]
    fn a_word_costs_the_same_cached_or_not() {
        let spend = || {
            let mut budget = super::Budget::for_draft();
            super::suggestions_within(Lang::En, "recieve", super::Reach::Full, &mut budget);
            budget.spent()
        };
        let first = spend();
        assert!(first > 0);
        assert_eq!(spend(), first);
    }

    #[test]
    fn several_typos_each_get_their_own_suggestions_in_order() {
        let text = "Merci pour votre mesage, la comande est partie, malheureusment sans la facturre.";
        let findings = findings_for(SPEC, text, Lang::Fr, Role::Complete);
        let best: Vec<_> = findings
            .iter()
            .map(|f| f.suggestions.first().cloned().unwrap_or_default())
            .collect();
        assert_eq!(best, ["message", "commande", "malheureusement", "facture"]);
    }
}
