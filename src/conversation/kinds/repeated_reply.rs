//! `repeated-reply`: an outgoing message that repeats an earlier outgoing message of the same conversation, word
//! for word or nearly: the copy-paste or the bot loop. Messages are compared on their body (greeting line and
//! closing block left out), without masked text (links, placeholders, numbers), names, or sentences matching
//! `exceptions` (stock lines such as "anything else?"); two bodies repeat when they share at least `similarity`
//! (0.8) of their word pairs and the later one has at least `min_words` (6) words. A repeat the customer asked for
//! (a customer message in between matching `unless`: "can you send it again?") is fine.

use std::collections::HashSet;

use super::content_words::words_in;
use super::whole_message;
use crate::conversation::Message;
use crate::document::Document;
use crate::engine::kinds::{compile_all, BuildError, KindDef, LazyRegex};
use crate::engine::{Check, Context, Finding, Target};
use crate::model::Lang;

pub const KIND: KindDef = KindDef {
    name: "repeated-reply",
    params: &["similarity", "min_words", "exceptions", "unless"],
    build: |spec| {
        let similarity = spec.similarity.unwrap_or(0.8);
        if !(similarity > 0.0 && similarity <= 1.0) {
            return Err(BuildError::key(
                "similarity",
                "`similarity` must be above 0 and at most 1",
            ));
        }
        let min_words = spec.min_words.unwrap_or(6);
        if min_words < 2 {
            return Err(BuildError::key("min_words", "`min_words` must be at least 2"));
        }
        Ok(Box::new(RepeatedReply {
            similarity,
            min_words,
            exceptions: compile_all(spec.exceptions.as_ref())?,
            unless: compile_all(spec.unless.as_ref())?,
        }))
    },
};

struct RepeatedReply {
    similarity: f64,
    min_words: usize,
    exceptions: Vec<LazyRegex>,
    unless: Vec<LazyRegex>,
}

impl RepeatedReply {
    /// The words a body is compared on.
    fn body_words(&self, doc: &Document<'_>) -> Vec<String> {
        let body = doc.regions.body.clone();
        let mut words = Vec::new();
        for sentence in doc
            .sentences
            .iter()
            .filter(|s| s.start < body.end && body.start < s.end)
        {
            let range = sentence.start.max(body.start)..sentence.end.min(body.end);
            if self.exceptions.iter().any(|e| e.is_match(&doc.masked[range.clone()])) {
                continue;
            }
            words.extend(words_in(doc, &range, true));
        }
        words
    }

    fn words_of(&self, message: &Message, lang: Lang) -> Vec<String> {
        self.body_words(&Document::new(&message.text, lang))
    }
}

/// Adjacent word pairs: shared pairs mean shared phrasing, not only shared vocabulary.
fn pairs(words: &[String]) -> HashSet<(&str, &str)> {
    words.windows(2).map(|w| (w[0].as_str(), w[1].as_str())).collect()
}

/// The share of word pairs two bodies have in common (Dice coefficient).
fn overlap(a: &[String], b: &[String]) -> f64 {
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

impl Check for RepeatedReply {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let words = self.body_words(cx.doc);
        if words.len() < self.min_words {
            return;
        }
        let before = view.before();
        let earlier = before
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, m)| m.speaker.is_outgoing())
            .find(|(_, m)| {
                // The cheap test first: most earlier messages share too few words to be worth segmenting.
                overlap(&words, &self.words_of(m, cx.lang)) >= self.similarity
            });
        let Some((index, _)) = earlier else { return };
        let asked_again = before[index + 1..]
            .iter()
            .filter(|m| !m.speaker.is_outgoing())
            .any(|m| self.unless.iter().any(|u| u.is_match(&m.text)));
        if !asked_again {
            out.push(Finding::at(whole_message(cx)).var("earlier", (index + 1).to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{agent, conversation, customer, flagged_messages};

    const SPEC: &str = r#"
id = 'context.repeated-reply'
kind = 'repeated-reply'
message = 'm'
similarity = 0.8
min_words = 6
exceptions = ['(?i)\banything else\b', '(?i)\bautre chose\b']
unless = ['(?i)\bagain\b', '(?i)\bde nouveau\b']
"#;

    #[test]
    fn the_same_answer_twice_with_another_name_and_link() {
        let c = conversation(&[
            customer("My router keeps dropping."),
            agent("Hi Sam, please restart the router and wait two minutes before testing again: https://a.example/x"),
            customer("I did that already, it's still dropping."),
            agent("Hello Samuel, please restart the router and wait two minutes before testing again: https://a.example/y"),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![3]);
    }

    #[test]
    fn shared_greeting_closing_or_stock_line_is_not_a_repeat() {
        let c = conversation(&[
            customer("Where is my parcel?"),
            agent("Hi Sam, thanks for your patience. Your parcel left the depot this morning. Is there anything else I can help you with today?"),
            customer("Can I change the delivery day?"),
            agent("Hi Sam, thanks for your patience. Yes, you can pick a new day from the tracking page. Is there anything else I can help you with today?"),
            customer("Merci"),
            agent("Is there anything else I can help you with today?"),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }

    #[test]
    fn french_copy_paste_and_french_stock_lines() {
        let c = conversation(&[
            customer("Ma box ne s'allume plus."),
            agent("Bonjour Paul, débranchez la box deux minutes puis rebranchez-la sur une autre prise."),
            customer("Toujours rien, je vous ai dit que c'était fait."),
            agent("Bonsoir Paul, débranchez la box deux minutes puis rebranchez-la sur une autre prise."),
            customer("Merci, et pour la facture ?"),
            agent("Je regarde votre facture. Avez-vous besoin d'autre chose ?"),
            customer("Non."),
            agent("Avez-vous besoin d'autre chose ?"),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![3]);
    }

    #[test]
    fn a_repeat_the_customer_asked_for_is_fine() {
        let c = conversation(&[
            customer("Tracking?"),
            agent("Your parcel is with the courier, tracking number below, it should arrive on Friday."),
            customer("Sorry, can you send the tracking again? I lost it."),
            agent("Your parcel is with the courier, tracking number below, it should arrive on Friday."),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }
}
