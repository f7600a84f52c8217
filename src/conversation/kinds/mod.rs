//! Conversation rule kinds: each reads the transcript around the message it runs on, with its numbers (hours,
//! minutes, days, counts) and phrase families as TOML parameters. The `context` kinds (`asked-again`,
//! `repeated-reply`, `ignored-question`, `starting-over`) compare a message with what was said before it.

mod asked_again;
mod bot_human_agent;
mod content_words;
mod first_response;
mod human_agent_window;
mod ignored_question;
mod push_streak;
mod repeated_reply;
mod reply_window;
mod starting_over;
mod tagged_promotion;
mod timestamp;
mod unanswered_question;

use std::ops::Range;

pub use asked_again::KIND as ASKED_AGAIN;
pub use bot_human_agent::KIND as BOT_HUMAN_AGENT_TAG;
pub use first_response::KIND as FIRST_RESPONSE;
pub use human_agent_window::KIND as HUMAN_AGENT_WINDOW;
pub use ignored_question::KIND as IGNORED_QUESTION;
pub use push_streak::KIND as PUSH_STREAK;
pub use repeated_reply::KIND as REPEATED_REPLY;
pub use reply_window::KIND as REPLY_WINDOW;
pub use starting_over::KIND as STARTING_OVER;
pub use tagged_promotion::KIND as TAGGED_PROMOTION;
pub use timestamp::KIND as TIMESTAMP;
pub use unanswered_question::KIND as UNANSWERED_QUESTION;

use super::{Message, Speaker};
use crate::engine::kinds::BuildError;
use crate::engine::Context;

/// The whole message: where a conversation diagnostic points.
pub fn whole_message(cx: &Context<'_, '_>) -> Range<usize> {
    let text = cx.doc.text;
    let start = text.len() - text.trim_start().len();
    start..text.trim_end().len().max(start)
}

/// The last customer message before the one at `index`.
pub fn last_customer_before(messages: &[Message]) -> Option<&Message> {
    messages.iter().rev().find(|m| m.speaker == Speaker::Customer)
}

/// A duration for messages: "26 hours", "3 days", "16 minutes".
/// A duration for messages, in the draft's language: "26 hours", "3 jours", "16 minutes".
pub fn describe(seconds: i64, lang: crate::model::Lang) -> String {
    let (day, hour, minute) = match lang {
        crate::model::Lang::En => ("day", "hour", "minute"),
        crate::model::Lang::Fr => ("jour", "heure", "minute"),
    };
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if seconds >= 2 * 86_400 {
        plural(seconds / 86_400, day)
    } else if seconds >= 2 * 3600 {
        plural(seconds / 3600, hour)
    } else {
        plural(seconds / 60, minute)
    }
}

pub fn positive(value: Option<f64>, default: f64, key: &'static str) -> Result<f64, BuildError> {
    let value = value.unwrap_or(default);
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(BuildError::key(key, format!("`{key}` must be a positive number")))
    }
}

pub fn upper_tags(tags: Option<&Vec<String>>, default: &[&str]) -> Vec<String> {
    match tags {
        Some(tags) => tags.iter().map(|t| t.trim().to_ascii_uppercase()).collect(),
        None => default.iter().map(|t| t.to_string()).collect(),
    }
}

#[cfg(test)]
pub mod testing {
    use crate::conversation::{parse_rfc3339, Conversation, ConversationView, Message, Speaker};
    use crate::document::Document;
    use crate::engine::{Context, Finding};
    use crate::model::{Author, Lang, Role};

    /// `(speaker, "2026-03-01T09:00:00Z", text, tag)`
    pub fn conversation(messages: &[(&str, &str, &str, Option<&str>)]) -> Conversation {
        Conversation {
            id: Some("c".into()),
            page: None,
            messages: messages
                .iter()
                .map(|(speaker, time, text, tag)| Message {
                    speaker: Speaker::parse(speaker).expect("speaker"),
                    time: parse_rfc3339(time),
                    time_text: Some(time.to_string()),
                    text: text.to_string(),
                    tag: tag.map(str::to_string),
                })
                .collect(),
        }
    }

    /// A message of a test whose times do not matter: the customer writes at 09:04, the agent answers at 09:05.
    pub fn agent(text: &str) -> (&'static str, &'static str, &str, Option<&'static str>) {
        ("agent", "2026-03-01T09:05:00Z", text, None)
    }

    pub fn customer(text: &str) -> (&'static str, &'static str, &str, Option<&'static str>) {
        ("customer", "2026-03-01T09:04:00Z", text, None)
    }

    /// Runs a kind on every message its target covers; returns the 0-based indices of flagged messages.
    pub fn flagged_messages(toml_text: &str, conversation: &Conversation) -> Vec<usize> {
        let spec = crate::engine::kinds::testing::spec(toml_text);
        let kind = crate::engine::kinds::find_kind(&spec.kind).expect("kind exists");
        let check = (kind.build)(&spec).unwrap_or_else(|e| panic!("build: {}", e.message));
        let words = crate::spell::WordSet::default();
        let mut flagged = Vec::new();
        for (index, message) in conversation.messages.iter().enumerate() {
            if !check.target().covers(message.speaker) {
                continue;
            }
            let doc = Document::new(&message.text, Lang::En);
            let view = ConversationView { conversation, index };
            let author = message.speaker.author().unwrap_or(Author::Agent);
            let cx = Context {
                doc: &doc,
                role: Role::Middle,
                author,
                lang: Lang::En,
                channel: crate::engine::Channel::unspecified(),
                unchecked_lang: None,
                words: &words,
                conversation: Some(view),
            };
            let mut out: Vec<Finding> = Vec::new();
            check.check(&cx, &mut out);
            if !out.is_empty() {
                flagged.push(index);
            }
        }
        flagged
    }
}
