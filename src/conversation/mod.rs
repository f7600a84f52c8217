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
    /// The page or brand the conversation was held for (a record's `page` or `brand`), to group figures by.
    pub page: Option<String>,
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

/// An outgoing message this long after the previous one, answering the customer who wrote in between, opens a new
/// session of the conversation and greets again.
pub const NEW_SESSION_AFTER_SECONDS: i64 = 12 * 3600;

impl Conversation {
    /// The role of each outgoing message: the first greets, the last closes, a lone one does both; one that resumes
    /// the conversation after [`NEW_SESSION_AFTER_SECONDS`] greets again.
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
                // A reply that resumes the conversation after a long silence greets again, as a new day of it.
                // Only when the customer wrote in between: follow-ups the customer never answered are pushes, which
                // the frequency rules judge.
                let previous = outgoing.iter().rev().find(|&&o| o < i).copied();
                let resumes = previous.is_some_and(|p| {
                    let customer_between = self.messages[p + 1..i].iter().any(|x| !x.speaker.is_outgoing());
                    let gap = match (self.messages[p].time, m.time) {
                        (Some(before), Some(now)) => now - before >= NEW_SESSION_AFTER_SECONDS,
                        _ => false,
                    };
                    customer_between && gap
                });
                let first = outgoing.first() == Some(&i) || resumes;
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
    fn a_reply_after_a_long_silence_greets_again() {
        let at = |speaker, hours: i64| Message {
            time: Some(hours * 3600),
            ..message(speaker)
        };
        let conversation = Conversation {
            id: None,
            page: None,
            messages: vec![
                at(Speaker::Customer, 0),
                at(Speaker::Agent, 1),
                at(Speaker::Customer, 2),
                at(Speaker::Agent, 3),
                at(Speaker::Customer, 20),
                at(Speaker::Agent, 26),
                at(Speaker::Agent, 27),
            ],
        };
        assert_eq!(
            conversation.roles(),
            vec![
                None,
                Some(Role::First),
                None,
                Some(Role::Middle),
                None,
                Some(Role::First),
                Some(Role::Last)
            ]
        );
    }

    #[test]
    fn positions_of_outgoing_messages() {
        let conversation = Conversation {
            id: None,
            page: None,
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
            page: None,
            messages: vec![message(Speaker::Customer), message(Speaker::Agent)],
        };
        assert_eq!(lone.roles(), vec![None, Some(Role::Complete)]);
    }
}
