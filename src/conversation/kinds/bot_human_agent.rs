//! `bot-human-agent-tag`: the `HUMAN_AGENT` tag is for people; a bot message must not carry it.

use super::{upper_tags, whole_message};
use crate::conversation::Speaker;
use crate::engine::kinds::KindDef;
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "bot-human-agent-tag",
    params: &["tags"],
    build: |spec| {
        Ok(Box::new(BotHumanAgent {
            tags: upper_tags(spec.tags.as_ref(), &["HUMAN_AGENT"]),
        }))
    },
};

struct BotHumanAgent {
    tags: Vec<String>,
}

impl Check for BotHumanAgent {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let message = view.message();
        if message.speaker == Speaker::Bot && message.tag.as_ref().is_some_and(|t| self.tags.contains(t)) {
            out.push(Finding::at(whole_message(cx)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    #[test]
    fn bots_must_not_use_the_human_agent_tag() {
        let spec = "id = 'policy.bot-human-agent'\nkind = 'bot-human-agent-tag'\nmessage = 'm'";
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hello?", None),
            ("bot", "2026-03-03T09:00:00Z", "Still there?", Some("HUMAN_AGENT")),
            (
                "agent",
                "2026-03-03T09:00:00Z",
                "Sorry for the wait.",
                Some("HUMAN_AGENT"),
            ),
        ]);
        assert_eq!(flagged_messages(spec, &c), vec![1]);
    }
}
