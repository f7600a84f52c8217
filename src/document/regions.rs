//! The greeting line and the closing block (sign-off line, name, signature) of a draft.

use std::ops::Range;
use std::sync::OnceLock;

use crate::engine::lazy_regex::LazyRegex;

use crate::model::Lang;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Regions {
    pub greeting: Option<Range<usize>>,
    pub closing: Option<Range<usize>>,
    /// Between the greeting and the closing block.
    pub body: Range<usize>,
}

struct Lexicon {
    greeting: LazyRegex,
    sign_off: LazyRegex,
}

// Both lexicons know the other language's commonest forms: drafts mix them ("Hello Marie, ... Cordialement").
const EN_GREETING: &str = r"(?i)^(?:hi|hiya|hello|hey|heya|dear|greetings|howdy|good (?:morning|afternoon|evening|day)|morning|afternoon|bonjour|bonsoir)\b";
const EN_SIGN_OFF: &str = r"(?i)^(?:best|all the best|best wishes|kind regards|kindest regards|warm regards|warmest regards|regards|many thanks|thanks(?: again| so much| a lot)?|thank you(?: again| so much)?|cheers|sincerely|yours(?: sincerely| truly| faithfully)?|take care|talk soon|speak soon|have a (?:great|good|nice|lovely|wonderful|fantastic|brilliant) (?:day|evening|weekend|week|one|afternoon|night)|enjoy your (?:day|weekend|evening)|bye|goodbye|see you|with thanks|cordialement)\b";
const FR_GREETING: &str = r"(?i)^(?:bonjour|bonsoir|salut|coucou|hello|chère?s?|madame|monsieur|mesdames|messieurs)\b";
const FR_SIGN_OFF: &str = r"(?i)^(?:cordialement|bien cordialement|très cordialement|bien à (?:vous|toi)|salutations|sincères salutations|meilleures salutations|merci(?: encore| beaucoup| à vous)?|bonne (?:journée|soirée|fin de journée|semaine|fin de semaine|continuation|nuit|soirée à vous)|belle (?:journée|soirée)|excellente (?:journée|soirée)|à (?:bientôt|très bientôt|plus tard|demain)|au revoir|amicalement|l['’]équipe|best|kind regards|regards)\b";
pub(crate) const LEXICON_SOURCES: &[&str] = &[EN_GREETING, EN_SIGN_OFF, FR_GREETING, FR_SIGN_OFF];

fn lexicon(lang: Lang) -> &'static Lexicon {
    static EN: OnceLock<Lexicon> = OnceLock::new();
    static FR: OnceLock<Lexicon> = OnceLock::new();
    let build = |greeting: &str, sign_off: &str| Lexicon {
        greeting: LazyRegex::builtin(greeting),
        sign_off: LazyRegex::builtin(sign_off),
    };
    match lang {
        Lang::En => EN.get_or_init(|| build(EN_GREETING, EN_SIGN_OFF)),
        Lang::Fr => FR.get_or_init(|| build(FR_GREETING, FR_SIGN_OFF)),
    }
}

const MAX_CLOSING_WORDS: usize = 8;
const MAX_NAME_WORDS: usize = 6;
const MAX_GREETING_BYTES: usize = 60;

impl Regions {
    pub fn find(masked: &str, sentences: &[Range<usize>], lang: Lang) -> Regions {
        let lexicon = lexicon(lang);
        let full = trimmed_bounds(masked);
        let greeting = sentences
            .first()
            .and_then(|first| greeting_span(masked, first, &lexicon.greeting));
        let closing = closing_span(masked, sentences, &lexicon.sign_off, greeting.as_ref());
        let start = greeting.as_ref().map_or(full.start, |g| g.end);
        let end = closing.as_ref().map_or(full.end, |c| c.start).max(start);
        let body = trimmed(masked, start..end);
        Regions {
            greeting,
            closing,
            body,
        }
    }
}

fn trimmed_bounds(text: &str) -> Range<usize> {
    trimmed(text, 0..text.len())
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = (range.start + slice.trim_end().len()).max(start);
    start..end
}

fn greeting_span(masked: &str, first: &Range<usize>, greeting: &LazyRegex) -> Option<Range<usize>> {
    let sentence = &masked[first.clone()];
    let found = greeting.find(sentence)?;
    let after = &sentence[found.end()..];
    let limit = after
        .char_indices()
        .take_while(|(i, _)| *i <= MAX_GREETING_BYTES)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = match after[..limit].find([',', '!', '.', ':', '\n', '—', '–']) {
        Some(i) => found.end() + i + after[i..].chars().next().map_or(1, char::len_utf8),
        None if words(sentence) <= 4 => sentence.len(),
        None => found.end(),
    };
    Some(first.start..first.start + end)
}

fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric() || c == '_'))
        .count()
}

/// A line a signature is made of: a name, a team, a title ("Anna", "Tom from Acme Support", "L'équipe Acme").
fn is_name_line(text: &str) -> bool {
    let text = text.trim_start_matches(['-', '—', '–', ' ']).trim_end_matches(',');
    let Some(first) = text.chars().next() else {
        return false;
    };
    (first.is_uppercase() || first == '_') && words(text) <= MAX_NAME_WORDS && !text.contains(['.', '?', '!', ':', ';'])
}

fn closing_span(
    masked: &str,
    sentences: &[Range<usize>],
    sign_off: &LazyRegex,
    greeting: Option<&Range<usize>>,
) -> Option<Range<usize>> {
    let floor = greeting.map_or(0, |g| g.end);
    let mut start = None;
    // Name lines below the last sentence of the body: a signature even without a sign-off ("...!\nJoana").
    let mut signature = None;
    for (index, sentence) in sentences.iter().enumerate().rev() {
        if sentence.start < floor {
            break;
        }
        let text = &masked[sentence.clone()];
        let own_line = index == 0 || masked[sentences[index - 1].end..sentence.start].contains('\n');
        if sign_off.is_match(text) && words(text) <= MAX_CLOSING_WORDS {
            start = Some(sentence.start);
        } else if own_line && is_name_line(text) {
            if start.is_none() && index > 0 && ends_a_sentence(&masked[sentences[index - 1].clone()]) {
                signature = Some(sentence.start);
            }
        } else {
            break;
        }
    }
    let start = start.or(signature)?;
    Some(trimmed(masked, start..masked.len()))
}

fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ')') || !c.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn regions(text: &str, lang: Lang) -> (Option<&str>, &str, Option<&str>) {
        let doc = Document::new(text, lang);
        let r = doc.regions.clone();
        let slice = |range: Range<usize>| &text[range];
        (r.greeting.map(slice), slice(r.body), r.closing.map(slice))
    }

    #[test]
    fn greeting_body_closing() {
        let text = "Hi Sarah,\nYour refund is on its way.\n\nBest,\nTom\nAcme Support";
        assert_eq!(
            regions(text, Lang::En),
            (
                Some("Hi Sarah,"),
                "Your refund is on its way.",
                Some("Best,\nTom\nAcme Support")
            )
        );
    }

    #[test]
    fn inline_greeting_and_closing_sentence() {
        let text = "Hello {{first_name}}, your parcel left today. Have a great day!";
        assert_eq!(
            regions(text, Lang::En),
            (
                Some("Hello {{first_name}},"),
                "your parcel left today.",
                Some("Have a great day!")
            )
        );
    }

    #[test]
    fn french_regions() {
        let text = "Bonjour Madame Dupont,\nVotre colis arrive demain.\nBonne journée !\nL’équipe Acme";
        assert_eq!(
            regions(text, Lang::Fr),
            (
                Some("Bonjour Madame Dupont,"),
                "Votre colis arrive demain.",
                Some("Bonne journée !\nL’équipe Acme")
            )
        );
    }

    #[test]
    fn a_name_under_a_finished_sentence_is_a_signature() {
        let text = "Hi Zainab,\nYou'll get a full refund.\nHappy travels!\nJoana";
        assert_eq!(regions(text, Lang::En).2, Some("Joana"));
    }

    #[test]
    fn a_short_last_line_is_not_a_signature_without_a_sign_off() {
        let text = "Your order shipped\nTracking Is Live";
        assert_eq!(regions(text, Lang::En), (None, text, None));
    }

    #[test]
    fn thanks_inside_a_long_sentence_is_body() {
        let text = "Thanks for waiting, the replacement will be sent on Monday by express courier to you.";
        assert_eq!(regions(text, Lang::En).2, None);
    }
}
