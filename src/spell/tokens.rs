//! Words as a spell checker must see them in real messages: apostrophes both ways, hyphenated compounds,
//! possessives, elisions, numbers with units, and nothing inside masked spans.

use std::ops::Range;
use std::sync::OnceLock;

use crate::engine::lazy_regex::LazyRegex;

use crate::model::Lang;

/// A word to check, with the spelling to look up (apostrophes normalised, possessive or elision removed) and the
/// span of the whole written word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    pub lookup: String,
    /// The token starts a sentence (its capital says nothing about it being a name).
    pub sentence_start: bool,
}

pub(crate) const WORD_PATTERN: &str = r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*['’]?";

fn word_pattern() -> &'static LazyRegex {
    static WORD: OnceLock<LazyRegex> = OnceLock::new();
    WORD.get_or_init(|| LazyRegex::builtin(WORD_PATTERN))
}

const FRENCH_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu",
];

/// Splits `masked` into the words to check, each with the spellings to try.
pub fn tokens(masked: &str, lang: Lang) -> Vec<Token> {
    let mut out = Vec::new();
    for m in word_pattern().find_iter(masked) {
        let raw = m.as_str();
        if raw.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let before = masked[..m.start()].trim_end_matches([' ', '\t', '"', '«', '“', '(', '\u{a0}', '\u{202f}']);
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '…']);
        let mut start = m.start();
        let mut word = raw.replace('’', "'");
        let mut end = m.end();
        if let Some(stripped) = word.strip_suffix('\'') {
            end -= masked[..end].chars().next_back().map_or(1, char::len_utf8);
            word = stripped.to_string();
        }
        match lang {
            Lang::En => {
                if let Some(stem) = word.strip_suffix("'s") {
                    word = stem.to_string();
                }
            }
            Lang::Fr => {
                if let Some((head, tail)) = word.split_once('\'') {
                    if FRENCH_ELISIONS.contains(&head.to_lowercase().as_str()) && !tail.is_empty() {
                        start += head.len() + masked[start + head.len()..].chars().next().map_or(1, char::len_utf8);
                        word = tail.to_string();
                    }
                }
            }
        }
        if word.is_empty() {
            continue;
        }
        out.push(Token {
            span: start..end,
            lookup: word,
            sentence_start,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookups(text: &str, lang: Lang) -> Vec<String> {
        tokens(text, lang).into_iter().map(|t| t.lookup).collect()
    }

    #[test]
    fn english_apostrophes_possessives_and_hyphens() {
        assert_eq!(
            lookups("Don’t worry, the customers' e-mail and Tom's opt-out.", Lang::En),
            vec!["Don't", "worry", "the", "customers", "e-mail", "and", "Tom", "opt-out"]
        );
    }

    #[test]
    fn french_elisions_both_apostrophes() {
        assert_eq!(
            lookups("Aujourd’hui, l’adresse n'hésitez qu'il", Lang::Fr),
            vec!["Aujourd'hui", "adresse", "hésitez", "il"]
        );
        let t = &tokens("l’adresse", Lang::Fr)[0];
        assert_eq!(t.span, "l’".len().."l’adresse".len());
    }

    #[test]
    fn numbers_with_units_and_masked_text_are_skipped() {
        assert!(lookups("48h 2Go 10€ A12345 ____ __", Lang::Fr).is_empty());
    }

    #[test]
    fn sentence_starts() {
        let t = tokens("Hello there. Anna said: Yes", Lang::En);
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, vec![true, false, true, false, false]);
        assert!(tokens("Bon voyage ✈\u{fe0f} !", Lang::Fr)
            .iter()
            .all(|t| t.lookup.chars().all(char::is_alphabetic)));
    }
}
