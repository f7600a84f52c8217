//! `ignored-question`: the customer asked something and the reply that follows neither takes it up nor says it
//! will be looked into. A question is a sentence of the customer's turn (their messages since the last outgoing
//! one) matching `patterns`, unless it matches `exceptions` (“are you there?”, which any reply answers). The reply
//! is the outgoing turn that follows (every outgoing message until the customer writes again): it takes the
//! question up when it shares a content word (not in `stopwords`, compared by stem) with the questions, or when one
//! of its sentences matches `unless` (“let me check”, “yes,”, “DM us”) or asks a question back about something (one
//! with a content word: “which model do you have?”, not “how can I help?”). A reply split over several posts (`1/2`)
//! is left alone: the answer may be in the other part. And every sentence of the reply has to be a stock line
//! (`generic`: thanks, apologies, “how can I help?”) or hold no content word at all. Questions with fewer than `min_words` (2)
//! content words are left alone: there is too little to compare. Reported on the first message of the reply;
//! a question no message answers at all is `unanswered-question`'s.

use std::collections::HashSet;

use super::content_words::{stem, word_set, words_in};
use super::whole_message;
use crate::document::{Document, MaskKind};
use crate::engine::kinds::{compile_all, require_patterns, BuildError, KindDef, LazyRegex};
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "ignored-question",
    params: &["patterns", "exceptions", "unless", "generic", "stopwords", "min_words"],
    build: |spec| {
        let min_words = spec.min_words.unwrap_or(2);
        if min_words == 0 {
            return Err(BuildError::key("min_words", "`min_words` must be at least 1"));
        }
        Ok(Box::new(IgnoredQuestion {
            questions: require_patterns(spec)?,
            exceptions: compile_all(spec.exceptions.as_ref())?,
            unless: compile_all(spec.unless.as_ref())?,
            generic: compile_all(spec.generic.as_ref())?,
            stopwords: word_set(spec.stopwords.as_deref()),
            min_words,
        }))
    },
};

struct IgnoredQuestion {
    questions: Vec<LazyRegex>,
    exceptions: Vec<LazyRegex>,
    unless: Vec<LazyRegex>,
    generic: Vec<LazyRegex>,
    stopwords: HashSet<String>,
    min_words: usize,
}

impl IgnoredQuestion {
    fn content_stems(&self, doc: &Document<'_>, range: &std::ops::Range<usize>, skip_names: bool) -> Vec<String> {
        words_in(doc, range, skip_names)
            .into_iter()
            .filter(|w| w.chars().count() > 2 && !self.stopwords.contains(w) && !w.chars().all(|c| c.is_numeric()))
            .map(|w| stem(&w))
            .collect()
    }
}

impl Check for IgnoredQuestion {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let messages = &view.conversation.messages;
        // Only the first outgoing message after the customer's turn answers it.
        let turn_start = view
            .before()
            .iter()
            .rposition(|m| m.speaker.is_outgoing())
            .map_or(0, |i| i + 1);
        if turn_start == view.index {
            return;
        }
        let mut asked: HashSet<String> = HashSet::new();
        for message in &messages[turn_start..view.index] {
            let doc = Document::new(&message.text, cx.lang);
            for sentence in &doc.sentences {
                let text = &doc.masked[sentence.clone()];
                if self.questions.iter().any(|q| q.is_match(text)) && !self.exceptions.iter().any(|e| e.is_match(text))
                {
                    asked.extend(self.content_stems(&doc, sentence, false));
                }
            }
        }
        if asked.len() < self.min_words {
            return;
        }
        let reply_end = messages[view.index..]
            .iter()
            .position(|m| !m.speaker.is_outgoing())
            .map_or(messages.len(), |i| view.index + i);
        for message in &messages[view.index..reply_end] {
            let doc = Document::new(&message.text, cx.lang);
            // Half of a reply split over several posts: the other half may hold the answer.
            if doc.masks.iter().any(|m| m.kind == MaskKind::ThreadMarker) {
                return;
            }
            let whole = 0..message.text.len();
            if self
                .content_stems(&doc, &whole, false)
                .iter()
                .any(|s| asked.contains(s))
            {
                return;
            }
            let takes_up = |s: &std::ops::Range<usize>| {
                let text = doc.masked[s.clone()].trim_end();
                // A question back about something ("Which model do you have?") works on the customer's question;
                // "How can I help?" holds no content word and does not.
                (text.ends_with('?')
                    && !self.content_stems(&doc, s, false).is_empty()
                    && !self.generic.iter().any(|g| g.is_match(text)))
                    || self.unless.iter().any(|u| u.is_match(text))
            };
            if doc.sentences.iter().any(takes_up) {
                return;
            }
            // Only a reply made of stock lines talks past the question for sure: a short answer in other words
            // ("It'll be $3") shares nothing with the question and still answers it.
            let body = &doc.regions.body;
            let says_something = |s: &std::ops::Range<usize>| {
                // The greeting line and the closing block ("Kind regards, Support team") say nothing either.
                let in_body = s.start < body.end && body.start < s.end;
                let text = &doc.masked[s.clone()];
                in_body
                    && !self.content_stems(&doc, s, true).is_empty()
                    && !self.generic.iter().any(|g| g.is_match(text))
            };
            if doc.sentences.iter().any(says_something) {
                return;
            }
        }
        let question = view.before()[turn_start..]
            .iter()
            .rposition(|m| !m.speaker.is_outgoing())
            .map_or(turn_start, |i| turn_start + i);
        out.push(Finding::at(whole_message(cx)).var("asked", (question + 1).to_string()));
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{agent, conversation, customer, flagged_messages};

    const SPEC: &str = r#"
id = 'context.ignored-question'
kind = 'ignored-question'
message = 'm'
patterns = ['\?']
exceptions = ['(?i)\bare you there\b']
unless = ['(?i)\blet me check\b', '(?i)^(?:yes|no)\b', '(?i)\bje (?:me renseigne|vérifie)\b']
generic = ['(?i)^thanks for contacting us\W*$', '(?i)^how can i help you today\W*$', '(?i)^sorry\W*$']
stopwords = 'the a an is my can you i to it for de la le mon ma est vous je'
min_words = 2
"#;

    #[test]
    fn a_reply_that_talks_past_the_question() {
        let c = conversation(&[
            customer("Can I change the delivery address on my order?"),
            agent("Thanks for contacting us! How can I help you today?"),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![1]);
        // A short answer in other words shares nothing with the question and still answers it.
        let c = conversation(&[
            customer("Can I change the delivery address on my order?"),
            agent("Sorry! It'll be done by the courier."),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }

    #[test]
    fn overlap_a_promise_or_a_later_part_of_the_reply_takes_it_up() {
        let c = conversation(&[
            customer("Can I change the delivery address on my order?"),
            agent("Hi Ana!"),
            agent("Yes: open the order page and edit the address there."),
            customer("Est-ce que le remboursement est arrivé ?"),
            agent("Je me renseigne et je reviens vers vous."),
            customer("Are you there?"),
            agent("Sorry, one moment."),
            customer("Quand livrez-vous ma commande ?"),
            agent("Elle sera livrée demain."),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }
}
