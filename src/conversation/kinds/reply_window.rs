//! `reply-window`: Messenger's standard messaging window. An outgoing message more than `hours` (24) after the
//! customer's last message needs a message tag.

use super::{describe, last_customer_before, positive, whole_message};
use crate::engine::kinds::KindDef;
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "reply-window",
    params: &["hours"],
    build: |spec| {
        Ok(Box::new(ReplyWindow {
            seconds: (positive(spec.hours, 24.0, "hours")? * 3600.0) as i64,
        }))
    },
};

struct ReplyWindow {
    seconds: i64,
}

impl Check for ReplyWindow {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let message = view.message();
        if message.tag.is_some() {
            return;
        }
        let (Some(sent), Some(customer)) = (message.time, last_customer_before(view.before()).and_then(|m| m.time))
        else {
            return;
        };
        let elapsed = sent - customer;
        if elapsed > self.seconds {
            out.push(Finding::at(whole_message(cx)).var("elapsed", describe(elapsed, cx.lang)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    const SPEC: &str = "id = 'policy.outside-window'\nkind = 'reply-window'\nmessage = 'm'\nhours = 24";

    #[test]
    fn twenty_three_hours_is_fine_twenty_five_is_not() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Where is my order?", None),
            ("agent", "2026-03-02T08:00:00Z", "It ships today.", None),
            ("agent", "2026-03-02T10:00:00Z", "It has shipped.", None),
            ("agent", "2026-03-02T09:30:00+01:00", "Tracking sent.", None),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![2]);
    }

    #[test]
    fn a_tag_or_a_new_customer_message_opens_the_way() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi", None),
            (
                "agent",
                "2026-03-03T09:00:00Z",
                "Your delivery is rescheduled.",
                Some("POST_PURCHASE_UPDATE"),
            ),
            ("customer", "2026-03-05T09:00:00Z", "Thanks", None),
            ("agent", "2026-03-05T10:00:00Z", "You're welcome!", None),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }
}
