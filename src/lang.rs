//! Telling English from French, per draft, from function words and French diacritics. Reliable on a greeting and
//! one sentence, where n-gram models built for long texts guess.

use crate::model::Lang;

const ENGLISH: &[&str] = &[
    "the", "and", "you", "your", "yours", "to", "is", "are", "we", "i", "it", "it's", "for", "of", "in", "with",
    "this", "that", "have", "has", "be", "will", "can", "please", "thanks", "thank", "hi", "hello", "hey", "my", "our",
    "us", "not", "do", "does", "know", "let", "if", "any", "just", "what", "when", "how", "there", "here", "was",
    "been", "sorry", "would", "could", "should", "an", "at", "from", "by", "or", "so", "all", "i'm", "i'll", "i've",
    "we're", "we'll", "we've", "you're", "don't", "can't", "won't", "isn't", "didn't", "today", "order", "soon",
    "again", "team", "help", "day", "get", "got", "see", "they", "them", "their", "out", "about", "which", "best",
    "regards", "great", "happy", "sure", "no", "yes", "sent", "back", "up", "as", "one", "more", "into", "also",
    "still", "may", "might", "need", "want", "new", "now", "hope", "well", "good", "morning", "dear",
];

const FRENCH: &[&str] = &[
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "un",
    "une",
    "et",
    "est",
    "vous",
    "votre",
    "vos",
    "nous",
    "notre",
    "nos",
    "je",
    "j",
    "il",
    "elle",
    "pas",
    "pour",
    "avec",
    "sur",
    "dans",
    "que",
    "qui",
    "ce",
    "cette",
    "ces",
    "c",
    "d",
    "l",
    "n",
    "qu",
    "s",
    "bonjour",
    "bonsoir",
    "merci",
    "bonne",
    "journée",
    "commande",
    "colis",
    "au",
    "aux",
    "sont",
    "avez",
    "pouvez",
    "été",
    "très",
    "bien",
    "si",
    "mais",
    "ou",
    "où",
    "plus",
    "tout",
    "toute",
    "tous",
    "ne",
    "y",
    "en",
    "se",
    "sa",
    "son",
    "ses",
    "mon",
    "ma",
    "mes",
    "ai",
    "avons",
    "êtes",
    "sommes",
    "fait",
    "peux",
    "pouvons",
    "cordialement",
    "madame",
    "monsieur",
    "désolé",
    "désolée",
    "souci",
    "demande",
    "aujourd'hui",
    "demain",
    "votre",
    "t",
    "tu",
    "ton",
    "ta",
    "tes",
    "salut",
    "coucou",
    "m",
    "lui",
    "leur",
    "leurs",
    "car",
    "donc",
    "aussi",
    "déjà",
    "encore",
    "jours",
    "jour",
    "moins",
    "être",
    "avoir",
    "faire",
    "chez",
    "sous",
    "entre",
    "après",
    "avant",
    "remboursement",
    "livraison",
    "équipe",
    "service",
    "client",
    "n'hésitez",
    "hésitez",
    "comme",
    "toujours",
];

/// What a draft's words say about its language; `None` when nothing tells (a name, an emoji, a placeholder).
pub fn detect(text: &str) -> Option<Lang> {
    let (mut en, mut fr) = (0.0f32, 0.0f32);
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        if raw.is_empty() {
            continue;
        }
        let word = raw.to_lowercase().replace('’', "'");
        if ENGLISH.contains(&word.as_str()) {
            en += 1.0;
        }
        if FRENCH.contains(&word.as_str()) {
            fr += 1.0;
        }
        // Elisions (j'ai, l'adresse, n'hésitez, qu'il) are French; contractions (don't, we're) English.
        if let Some((head, _)) = word.split_once('\'') {
            if FRENCH.contains(&head) && head.len() <= 2 {
                fr += 1.0;
            }
        }
        let accents = word.chars().filter(|c| "éèêëàâîïôûùüçœæ".contains(*c)).count();
        fr += 0.5 * accents.min(2) as f32;
    }
    if en == 0.0 && fr == 0.0 {
        None
    } else if fr > en {
        Some(Lang::Fr)
    } else {
        Some(Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_drafts() {
        assert_eq!(detect("Hi Tom, your parcel left today."), Some(Lang::En));
        assert_eq!(detect("Bonjour Tom, votre colis est parti."), Some(Lang::Fr));
        assert_eq!(detect("Merci !"), Some(Lang::Fr));
        assert_eq!(detect("Thanks!"), Some(Lang::En));
        assert_eq!(detect("J’ai vérifié : c’est réglé."), Some(Lang::Fr));
        assert_eq!(detect("Hello Marie, je regarde ça tout de suite."), Some(Lang::Fr));
        assert_eq!(detect("No worries at all!"), Some(Lang::En));
        assert_eq!(detect("Pas de souci !"), Some(Lang::Fr));
    }

    #[test]
    fn nothing_to_tell() {
        assert_eq!(detect("🙂"), None);
        assert_eq!(detect("____ ____"), None);
        assert_eq!(detect(""), None);
    }
}
