//! Words as the context rules compare them across messages: case and accents folded, so that "Livré" in a reply
//! meets "livre" in a question, and cut to a short stem, so that "refund" meets "refunded".

use std::ops::Range;

use crate::document::Document;

/// Stems this long compare "delivery" with "delivered" and "commande" with "commandé"; longer stems miss those,
/// shorter ones make unrelated words meet.
const STEM_CHARS: usize = 5;

/// Lower case without accents: customers and agents do not accent the same words the same way.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            '’' => '\'',
            other => other,
        })
        .collect()
}

pub fn stem(folded: &str) -> String {
    folded.chars().take(STEM_CHARS).collect()
}

/// The words of `doc` inside `range`, folded, leaving out masked ones (links, placeholders, numbers) and, with
/// `skip_names`, capitalised words that do not start a sentence (the customer's name, the agent's).
pub fn words_in(doc: &Document<'_>, range: &Range<usize>, skip_names: bool) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in doc
        .sentences
        .iter()
        .filter(|s| s.start < range.end && range.start < s.end)
    {
        let mut first = true;
        for word in doc.words_in(sentence) {
            if word.range.start < range.start || word.range.end > range.end {
                continue;
            }
            let text = &doc.text[word.range.clone()];
            // A leading handle or placeholder does not start the sentence: the word after it does.
            if word.masked {
                continue;
            }
            let starts_sentence = std::mem::replace(&mut first, false);
            if skip_names && !starts_sentence && text.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            out.push(fold(text));
        }
    }
    out
}

/// A word list given as one string in a rule (`stopwords = "the a an ..."`), folded.
pub fn word_set(list: Option<&str>) -> std::collections::HashSet<String> {
    list.unwrap_or_default().split_whitespace().map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn folded_words_without_links_or_names() {
        let text = "Hi Sam, your parcel left. See https://example.com/track for Léa's update.";
        let doc = Document::new(text, Lang::En);
        let words = words_in(&doc, &(0..text.len()), true);
        assert_eq!(words, vec!["hi", "your", "parcel", "left", "see", "for", "update"]);
        // After a leading handle, the first word still starts the sentence: it is not taken for a name.
        let text = "@acme_help Adorable, thanks!";
        let doc = Document::new(text, Lang::En);
        assert_eq!(words_in(&doc, &(0..text.len()), true), vec!["adorable", "thanks"]);
        assert_eq!(fold("Livré"), "livre");
        assert_eq!(stem("delivered"), stem("delivery"));
    }
}
