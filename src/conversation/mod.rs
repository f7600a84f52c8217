//! Conversations: the transcript model the conversation rules read (policy, frequency, responsiveness), and how a
//! conversation record becomes drafts in their positions.

pub mod kinds;
mod time;

pub use time::parse_rfc3339;

use crate::model::{Author, Role};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaker {
    Customer,
    Agent,
    Bot,
}

impl Speaker {
    pub fn parse(text: &str) -> Option<Speaker> {
        match text {
            "customer" | "user" | "client" => Some(Speaker::Customer),
            "agent" | "page" | "business" => Some(Speaker::Agent),
            "bot" => Some(Speaker::Bot),
            _ => None,
        }
    }

    pub fn is_outgoing(self) -> bool {
        self != Speaker::Customer
    }

    pub fn author(self) -> Option<Author> {
        match self {
            Speaker::Customer => None,
            Speaker::Agent => Some(Author::Agent),
            Speaker::Bot => Some(Author::Bot),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Message {
    pub speaker: Speaker,
    /// Seconds since the epoch; `None` when the record's time is missing or malformed.
    pub time: Option<i64>,
    /// The time as written, for messages about it.
    pub time_text: Option<String>,
    pub text: String,
    /// A Messenger message tag (`HUMAN_AGENT`, `POST_PURCHASE_UPDATE`...), upper-cased.
    pub tag: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Conversation {
    pub id: Option<String>,
    pub messages: Vec<Message>,
}

/// What a check sees of the conversation around the message it runs on.
#[derive(Clone, Copy, Debug)]
pub struct ConversationView<'c> {
    pub conversation: &'c Conversation,
    pub index: usize,
}

impl<'c> ConversationView<'c> {
    pub fn message(&self) -> &'c Message {
        &self.conversation.messages[self.index]
    }

    pub fn before(&self) -> &'c [Message] {
        &self.conversation.messages[..self.index]
    }

    pub fn after(&self) -> &'c [Message] {
        &self.conversation.messages[self.index + 1..]
    }
}

impl Conversation {
    /// The role of each outgoing message: the first greets, the last closes, a lone one does both.
    pub fn roles(&self) -> Vec<Option<Role>> {
        let outgoing: Vec<usize> = self
            .messages
            .iter()
            .enumerate()
            .filter(|(_, m)| m.speaker.is_outgoing())
            .map(|(i, _)| i)
            .collect();
        self.messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                if !m.speaker.is_outgoing() {
                    return None;
                }
                let first = outgoing.first() == Some(&i);
                let last = outgoing.last() == Some(&i);
                Some(match (first, last) {
                    (true, true) => Role::Complete,
                    (true, false) => Role::First,
                    (false, true) => Role::Last,
                    (false, false) => Role::Middle,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(speaker: Speaker) -> Message {
        Message {
            speaker,
            time: None,
            time_text: None,
            text: String::new(),
            tag: None,
        }
    }

    #[test]
    fn positions_of_outgoing_messages() {
        let conversation = Conversation {
            id: None,
            messages: vec![
                message(Speaker::Customer),
                message(Speaker::Bot),
                message(Speaker::Customer),
                message(Speaker::Agent),
                message(Speaker::Agent),
            ],
        };
        assert_eq!(
            conversation.roles(),
            vec![None, Some(Role::First), None, Some(Role::Middle), Some(Role::Last)]
        );
        let lone = Conversation {
            id: None,
            messages: vec![message(Speaker::Customer), message(Speaker::Agent)],
        };
        assert_eq!(lone.roles(), vec![None, Some(Role::Complete)]);
    }
}
