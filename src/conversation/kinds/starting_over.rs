//! `starting-over`: an outgoing message opens as if the conversation were new (“Hi, I'm Sam, how can I help you
//! today?”, a welcome, a self-introduction) although the customer has already been talking with this side of the
//! conversation. `patterns` find the opening. Not flagged: the conversation's first reply; a reply that resumes it
//! after `hours` (12) of silence with the customer writing in between (a new day greets again); a hand-over to
//! someone else, seen as a bot giving way to a person (or back), an outgoing message since the session started, or
//! this one, matching `unless` (“I'm transferring you”, “a colleague will take over”, “I'm taking over”), or a
//! self-introduction with a name (a pattern's group 1) other than one introduced before.

use super::{positive, whole_message};
use crate::conversation::Message;
use crate::engine::kinds::{compile_all, require_patterns, KindDef, LazyRegex};
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "starting-over",
    params: &["patterns", "unless", "hours"],
    build: |spec| {
        let default_hours = crate::conversation::NEW_SESSION_AFTER_SECONDS as f64 / 3600.0;
        Ok(Box::new(StartingOver {
            openings: require_patterns(spec)?,
            unless: compile_all(spec.unless.as_ref())?,
            session_gap: (positive(spec.hours, default_hours, "hours")? * 3600.0) as i64,
        }))
    },
};

struct StartingOver {
    openings: Vec<LazyRegex>,
    unless: Vec<LazyRegex>,
    session_gap: i64,
}

impl StartingOver {
    /// Where the session holding message `index` starts: after the last gap of `session_gap` between two outgoing
    /// messages with the customer writing in between.
    fn session_start(&self, messages: &[Message], index: usize) -> usize {
        let mut start = 0;
        let mut previous: Option<usize> = None;
        for (i, m) in messages[..=index].iter().enumerate() {
            if !m.speaker.is_outgoing() {
                continue;
            }
            if let Some(p) = previous {
                let customer_between = messages[p + 1..i].iter().any(|x| !x.speaker.is_outgoing());
                let gap = matches!((messages[p].time, m.time), (Some(a), Some(b)) if b - a >= self.session_gap);
                if customer_between && gap {
                    start = i;
                }
            }
            previous = Some(i);
        }
        start
    }

    fn introduced_names(&self, text: &str) -> Vec<String> {
        self.openings
            .iter()
            .filter_map(|p| p.captures_iter(text).next())
            .filter_map(|c| c.get(1).map(|n| n.as_str().to_lowercase()))
            .collect()
    }
}

impl Check for StartingOver {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let masked = &cx.doc.masked;
        if !self.openings.iter().any(|p| p.is_match(masked)) || self.unless.iter().any(|u| u.is_match(masked)) {
            return;
        }
        let messages = &view.conversation.messages;
        let start = self.session_start(messages, view.index);
        let session = &messages[start..view.index];
        let Some(first_outgoing) = session.iter().position(|m| m.speaker.is_outgoing()) else {
            return;
        };
        // The customer has to have spoken since this side first wrote: consecutive opening messages are one opening.
        if !session[first_outgoing..].iter().any(|m| !m.speaker.is_outgoing()) {
            return;
        }
        let speaker = view.message().speaker;
        let earlier: Vec<&Message> = session.iter().filter(|m| m.speaker.is_outgoing()).collect();
        if earlier.iter().any(|m| m.speaker != speaker) {
            return;
        }
        if earlier.iter().any(|m| self.unless.iter().any(|u| u.is_match(&m.text))) {
            return;
        }
        let names = self.introduced_names(masked);
        if !names.is_empty() {
            let before: Vec<String> = earlier.iter().flat_map(|m| self.introduced_names(&m.text)).collect();
            if !before.is_empty() && names.iter().any(|n| !before.contains(n)) {
                return;
            }
        }
        out.push(Finding::at(whole_message(cx)));
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    const SPEC: &str = r#"
id = 'context.starting-over'
kind = 'starting-over'
message = 'm'
hours = 12
patterns = ['(?i)\bhow (?:can|may) i help you today\b', '(?i)\bmy name is (\w+)', '(?i)\bje m.appelle (\w+)']
unless = ['(?i)\btransfer', '(?i)\btaking over\b', '(?i)\bje vous transf']
"#;

    #[test]
    fn a_fresh_opening_mid_conversation() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "My refund is late.", None),
            (
                "agent",
                "2026-03-01T09:01:00Z",
                "Hi, my name is Sam, how can I help you today?",
                None,
            ),
            (
                "customer",
                "2026-03-01T09:02:00Z",
                "My refund is late, as I said.",
                None,
            ),
            ("agent", "2026-03-01T09:03:00Z", "Let me look.", None),
            ("customer", "2026-03-01T09:10:00Z", "Any news?", None),
            (
                "agent",
                "2026-03-01T09:11:00Z",
                "Hi, my name is Sam, how can I help you today?",
                None,
            ),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![5]);
    }

    #[test]
    fn two_opening_messages_in_a_row_are_one_opening() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Bonjour", None),
            ("agent", "2026-03-01T09:01:00Z", "Bonjour, je m'appelle Léa.", None),
            ("agent", "2026-03-01T09:01:30Z", "How can I help you today?", None),
            ("customer", "2026-03-01T09:02:00Z", "My refund is late.", None),
            ("agent", "2026-03-01T09:03:00Z", "Sorry, let me look at it.", None),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }

    #[test]
    fn a_new_day_a_hand_over_or_a_bot_giving_way_is_fine() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "My refund is late.", None),
            ("bot", "2026-03-01T09:00:05Z", "How can I help you today?", None),
            ("customer", "2026-03-01T09:01:00Z", "Refund", None),
            (
                "agent",
                "2026-03-01T09:03:00Z",
                "Hello, my name is Léa, how can I help you today?",
                None,
            ),
            ("customer", "2026-03-01T09:04:00Z", "Refund late.", None),
            (
                "agent",
                "2026-03-01T09:05:00Z",
                "I'm transferring you to billing.",
                None,
            ),
            ("customer", "2026-03-01T09:06:00Z", "ok", None),
            (
                "agent",
                "2026-03-01T09:08:00Z",
                "Bonjour, je m'appelle Marc, how can I help you today?",
                None,
            ),
            ("customer", "2026-03-02T09:00:00Z", "Still nothing.", None),
            (
                "agent",
                "2026-03-02T09:30:00Z",
                "Good morning, my name is Marc, how can I help you today?",
                None,
            ),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }
}
