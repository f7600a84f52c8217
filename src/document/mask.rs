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
    /// An agent's signature on a social reply: `^JW`, `*ABN`, `-Becky` at the end of a line.
    Signature,
    /// A thread marker of a reply split over several posts: `1/2`, `(2/3)`.
    ThreadMarker,
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
        r"(?i)(?:https?://|\bwww\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'’]",
    ),
    (
        MaskKind::Url,
        r"(?i)\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|fr|org|net|io|co|uk|eu|be|ch|ca|de|es|it|app|help|support|shop|store)(?:/[^\s<>()]*[^\s<>().,;:!?'’])?\b",
    ),
    (MaskKind::Handle, r"(?:^|[\s(])@[A-Za-z0-9_]{2,}\b"),
    // The pattern starts at the space before the mark; `find_masks` keeps what a signature is (see `signature`).
    (MaskKind::Signature, r"(?:^|[\s(])[\^*]\p{Lu}[\p{L}\p{N}]*"),
    (
        MaskKind::Signature,
        r"(?:^|\s|[.!?)])[-–—~][^\S\n]?\p{Lu}[\p{L}'’]+(?:[^\S\n]\p{Lu}[\p{L}'’]*)?",
    ),
    (MaskKind::ThreadMarker, r"(?:^|[\s(\[])\(?[1-9]/[1-9]\)?"),
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
            if matches!(kind, MaskKind::Signature | MaskKind::ThreadMarker) {
                match furniture(text, range.clone(), *kind) {
                    Some(found) => range = found,
                    None => continue,
                }
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

/// Where a signature or thread-marker match really is one, its span without the character before it.
fn furniture(text: &str, range: Range<usize>, kind: MaskKind) -> Option<Range<usize>> {
    let matched = &text[range.clone()];
    let lead = matched
        .char_indices()
        .find(|(_, c)| !(c.is_whitespace() || matches!(c, '(' | '[' | '.' | '!' | '?' | ')')))
        .map_or(0, |(i, _)| i);
    let span = range.start + lead..range.end;
    let token = &text[span.clone()];
    let next = text[span.end..].chars().next();
    let ends_token = next.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '*' || c == '/'));
    match kind {
        MaskKind::ThreadMarker => {
            let digits: Vec<u32> = token.chars().filter_map(|c| c.to_digit(10)).collect();
            let ok = digits.len() == 2 && digits[0] <= digits[1] && digits[1] >= 2 && ends_token;
            ok.then_some(span)
        }
        _ if token.starts_with(['^', '*']) => {
            // `*Note*` is emphasis, not a signature.
            (ends_token && token.chars().count() <= 16).then_some(span)
        }
        _ => {
            // A dash signature ends its line, or is followed only by links, markers and spaces.
            let rest_of_line = text[span.end..].split('\n').next().unwrap_or("");
            (ends_token && rest_of_line.split_whitespace().all(is_trailing_furniture)).then_some(span)
        }
    }
}

fn is_trailing_furniture(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.starts_with("http") || lower.starts_with("www.") || {
        let digits: Vec<char> = word.trim_matches(['(', ')']).chars().collect();
        digits.len() == 3 && digits[1] == '/' && digits[0].is_ascii_digit() && digits[2].is_ascii_digit()
    }
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
    fn signatures_and_thread_markers_of_social_replies() {
        let kinds = |text: &str| -> Vec<(MaskKind, String)> {
            find_masks(text)
                .into_iter()
                .map(|m| (m.kind, text[m.range].to_string()))
                .collect()
        };
        assert_eq!(
            kinds("Glad it arrived! ^MR"),
            vec![(MaskKind::Signature, "^MR".to_string())]
        );
        assert_eq!(
            kinds("We're on it.  *Dana https://t.co/abc"),
            vec![
                (MaskKind::Signature, "*Dana".to_string()),
                (MaskKind::Url, "https://t.co/abc".to_string())
            ]
        );
        assert_eq!(
            kinds("Enjoy the show! -Priya"),
            vec![(MaskKind::Signature, "-Priya".to_string())]
        );
        assert_eq!(kinds("Merci d'avoir patienté.\nLéa – Free")[0].1, "– Free");
        assert_eq!(
            kinds("the second half of the answer 2/2 ^KB")[0],
            (MaskKind::ThreadMarker, "2/2".to_string())
        );
        // Emphasis, hyphenated words, a dash inside a sentence, dates and "24/7" are prose.
        assert!(kinds("This is *Important* to read.").is_empty());
        assert!(kinds("Our Wi-Fi guide - Setup covers it, then restart.").is_empty());
        assert!(kinds("We are open 24/7 and replied on 3/14.").is_empty());
        // A variation selector is a word character: a link glued to an emoji still starts at its scheme.
        assert_eq!(
            kinds("▶️https://t.co/abc")[0],
            (MaskKind::Url, "https://t.co/abc".to_string())
        );
    }

    #[test]
    fn plain_prose_is_untouched() {
        let text = "Your parcel left on 12 March at 14h30, for 49,99 €.";
        assert_eq!(masked(text), text);
    }
}
