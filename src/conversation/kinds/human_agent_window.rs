//! `human-agent-window`: the `HUMAN_AGENT` tag allows a person to answer for `days` (7) after the customer's last
//! message, not longer.

use super::{describe, last_customer_before, positive, upper_tags, whole_message};
use crate::engine::kinds::KindDef;
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "human-agent-window",
    params: &["days", "tags"],
    build: |spec| {
        Ok(Box::new(HumanAgentWindow {
            seconds: (positive(spec.days, 7.0, "days")? * 86_400.0) as i64,
            tags: upper_tags(spec.tags.as_ref(), &["HUMAN_AGENT"]),
        }))
    },
};

struct HumanAgentWindow {
    seconds: i64,
    tags: Vec<String>,
}

impl Check for HumanAgentWindow {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let message = view.message();
        if !message.tag.as_ref().is_some_and(|t| self.tags.contains(t)) {
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

    const SPEC: &str = "id = 'policy.human-agent-expired'\nkind = 'human-agent-window'\nmessage = 'm'\ndays = 7";

    #[test]
    fn six_days_is_fine_eight_is_not() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Refund?", None),
            ("agent", "2026-03-07T09:00:00Z", "Refund done.", Some("HUMAN_AGENT")),
            ("agent", "2026-03-09T09:00:00Z", "Any news?", Some("HUMAN_AGENT")),
            ("agent", "2026-03-09T10:00:00Z", "Update.", Some("ACCOUNT_UPDATE")),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![2]);
    }
}
