//! Spans rules must not look into: template placeholders, URLs, e-mail addresses, handles, order and ticket numbers,
//! code, and quoted customer text.

use std::ops::Range;
use std::sync::OnceLock;

use crate::engine::lazy_regex::LazyRegex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskKind {
    Placeholder,
    Url,
    Email,
    Handle,
    Reference,
    Code,
    Quote,
    /// `<!-- ... -->`, where inline `tact-disable` comments live.
    Comment,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mask {
    pub range: Range<usize>,
    pub kind: MaskKind,
}

/// The byte that replaces masked text. `_` is a word character, so "Hi {{first_name}}," still reads as a greeting
/// followed by a name, and it is never a letter, a space or punctuation that a rule could trip on.
pub const MASK_BYTE: u8 = b'_';

/// The mask patterns, in order of precedence.
pub(crate) const MASK_SOURCES: &[(MaskKind, &str)] = &[
    (MaskKind::Comment, r"<!--[\s\S]*?-->"),
    (MaskKind::Quote, r"(?m)^[ \t]*>[^\n]*"),
    (MaskKind::Code, r"`[^`\n]+`"),
    // Unbounded repetitions on purpose: a bounded one (`{0,200}`) over a Unicode class multiplies the automaton
    // and costs milliseconds at start-up; the closing delimiters bound these anyway.
    // Liquid / Handlebars / Zendesk / Intercom / Front / Gorgias, Help Scout, and plain single braces.
    (MaskKind::Placeholder, r"\{\{\s*[^{}\s][^{}\n]*\}\}"),
    (MaskKind::Placeholder, r"\{%\s*[^%\s][^\n]*?%\}"),
    (MaskKind::Placeholder, r"\$?\{[A-Za-z_][\w.\-]*(?:[|,][^{}\n]*)?\}"),
    (MaskKind::Placeholder, r"\[\[[^\[\]\n]+\]\]"),
    (MaskKind::Placeholder, r"%[A-Z][A-Z_]{2,}%"),
    (MaskKind::Email, r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"),
    (
        MaskKind::Url,
        r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'’]",
    ),
    (
        MaskKind::Url,
        r"(?i)\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|fr|org|net|io|co|uk|eu|be|ch|ca|de|es|it|app|help|support|shop|store)(?:/[^\s<>()]*[^\s<>().,;:!?'’])?\b",
    ),
    (MaskKind::Handle, r"(?:^|[\s(])@[A-Za-z0-9_]{2,}\b"),
    (MaskKind::Reference, r"#[A-Za-z0-9][A-Za-z0-9\-]*"),
    (MaskKind::Reference, r"\b[A-Z]{0,4}[0-9][A-Z0-9\-]{3,}[0-9A-Z]\b"),
];

fn mask_patterns() -> &'static [(MaskKind, LazyRegex)] {
    static PATTERNS: OnceLock<Vec<(MaskKind, LazyRegex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        MASK_SOURCES
            .iter()
            .map(|(kind, pattern)| (*kind, LazyRegex::builtin(pattern)))
            .collect()
    })
}

/// Finds the masked spans of `text`, sorted and non-overlapping (an earlier kind in the table wins a tie).
pub fn find_masks(text: &str) -> Vec<Mask> {
    let mut masks: Vec<Mask> = Vec::new();
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (kind, regex) in mask_patterns() {
        for m in regex.find_iter(text) {
            let mut range = m.range();
            if *kind == MaskKind::Handle {
                // The pattern starts at the space or parenthesis before the `@`.
                let at = text[range.clone()].find('@').unwrap_or(0);
                range.start += at;
            }
            // Sorted by start and disjoint: only the neighbours on either side can overlap.
            let after = taken.range(range.start..).next().map(|(start, _)| *start);
            let before = taken.range(..range.start).next_back().map(|(_, end)| *end);
            if after.is_some_and(|start| start < range.end) || before.is_some_and(|end| end > range.start) {
                continue;
            }
            taken.insert(range.start, range.end);
            masks.push(Mask { range, kind: *kind });
        }
    }
    masks.sort_by_key(|mask| mask.range.start);
    masks
}

/// The text rules see: every masked byte replaced, so offsets stay those of the original.
pub fn apply_masks(text: &str, masks: &[Mask]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for mask in masks {
        let fill = if matches!(mask.kind, MaskKind::Quote | MaskKind::Comment) {
            b' '
        } else {
            MASK_BYTE
        };
        for byte in &mut bytes[mask.range.clone()] {
            if *byte != b'\n' {
                *byte = fill;
            }
        }
    }
    // Masks start and end on character boundaries and only ASCII bytes were written, so this cannot fail.
    String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        apply_masks(text, &find_masks(text))
    }

    #[test]
    fn placeholders_of_every_tool() {
        for text in [
            "Hi {{ticket.requester.first_name}}, thanks",
            "Hi {first_name}, thanks",
            "Hi {%customer.firstName,fallback=there%}, thanks",
            "Hi {{user.name|fallback:\"there\"}}, thanks",
            "Bonjour {{recipient.first_name}}, merci",
        ] {
            let out = masked(text);
            assert!(!out.contains('{'), "{out}");
            assert_eq!(out.len(), text.len());
        }
    }

    #[test]
    fn urls_emails_handles_and_references() {
        let text = "See https://help.example.com/a/b. or mail help@acme.fr, @acme_help, order #A12345 and FR123456789.";
        let out = masked(text);
        assert!(out.starts_with("See ___"));
        assert!(out.contains("_. or"), "{out}");
        assert!(!out.contains("acme.fr"));
        assert!(!out.contains("@acme_help"));
        assert!(!out.contains("A12345"));
        assert!(!out.contains("FR123456789"));
        assert!(out.ends_with('.'));
    }

    #[test]
    fn quoted_lines_become_blank_and_multibyte_stays_valid() {
        let text = "> Où est ma commande ?\nBonjour {prénom} !";
        let out = masked(text);
        assert!(
            out.starts_with(&format!("{}\nBonjour", " ".repeat("> Où est ma commande ?".len()))),
            "{out:?}"
        );
        assert_eq!(out.len(), text.len());
    }

    #[test]
    fn plain_prose_is_untouched() {
        let text = "Your parcel left on 12 March at 14h30, for 49,99 €.";
        assert_eq!(masked(text), text);
    }
}
