//! `push-streak`: `count` (3) or more outgoing pushes in a row with no customer reply. Messages sent within
//! `minutes` (30) of the previous outgoing one belong to the same push (an answer typed in several short messages
//! is one answer); a message matching the offer `patterns` is a push of its own.

use crate::engine::kinds::LazyRegex;

use super::whole_message;
use crate::conversation::Message;
use crate::engine::kinds::{compile_all, BuildError, KindDef};
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "push-streak",
    params: &["count", "minutes", "patterns"],
    build: |spec| {
        let count = spec.count.unwrap_or(3);
        if count < 2 {
            return Err(BuildError::key("count", "`count` must be at least 2"));
        }
        Ok(Box::new(PushStreak {
            count,
            gap: (super::positive(spec.minutes, 30.0, "minutes")? * 60.0) as i64,
            patterns: compile_all(spec.patterns.as_ref())?,
        }))
    },
};

struct PushStreak {
    count: usize,
    gap: i64,
    patterns: Vec<LazyRegex>,
}

impl PushStreak {
    /// Whether `message` starts a new push rather than continuing the one before it.
    fn starts_push(&self, previous: Option<&Message>, message: &Message) -> bool {
        let Some(previous) = previous.filter(|p| p.speaker.is_outgoing()) else {
            return true;
        };
        if self.patterns.iter().any(|p| p.is_match(&message.text)) {
            return true;
        }
        match (previous.time, message.time) {
            (Some(a), Some(b)) => b - a > self.gap,
            _ => false,
        }
    }
}

impl Check for PushStreak {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let messages = &view.conversation.messages[..=view.index];
        let previous = |i: usize| i.checked_sub(1).map(|p| &messages[p]);
        if !self.starts_push(previous(view.index), view.message()) {
            return;
        }
        let streak_start = messages
            .iter()
            .rposition(|m| !m.speaker.is_outgoing())
            .map_or(0, |i| i + 1);
        let pushes = (streak_start..messages.len())
            .filter(|&i| self.starts_push(previous(i), &messages[i]))
            .count();
        if pushes >= self.count {
            out.push(Finding::at(whole_message(cx)).var("count", pushes.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    const SPEC: &str = "id = 'frequency.too-many-pushes'\nkind = 'push-streak'\nmessage = 'm'\ncount = 3\nminutes = 30\npatterns = ['(?i)\\b(?:offer|sale|discount)\\b']";

    #[test]
    fn three_unanswered_pushes() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Is it in stock?", None),
            ("agent", "2026-03-01T09:05:00Z", "Yes it is.", None),
            ("customer", "2026-03-01T09:06:00Z", "no thanks", None),
            ("agent", "2026-03-01T12:00:00Z", "Upgrade today!", None),
            ("agent", "2026-03-02T12:00:00Z", "Still interested?", None),
            (
                "agent",
                "2026-03-03T12:00:00Z",
                "Last chance: our sale ends tonight.",
                None,
            ),
            ("agent", "2026-03-03T12:01:00Z", "Really.", None),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![5]);
    }

    #[test]
    fn quick_multi_part_answers_two_nudges_and_replies_are_fine() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi", None),
            ("agent", "2026-03-01T09:01:00Z", "Hi!", None),
            ("agent", "2026-03-01T09:02:00Z", "Let me check.", None),
            ("agent", "2026-03-01T09:20:00Z", "Found it: it left today.", None),
            ("agent", "2026-03-02T09:04:00Z", "Did it arrive?", None),
            ("customer", "2026-03-02T10:00:00Z", "Yes", None),
            ("agent", "2026-03-03T10:00:00Z", "Great! Here is an offer.", None),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }
}
