//! `first-response`: the first reply comes within `minutes` (15) of the customer's first message.

use super::{describe, positive, whole_message};
use crate::conversation::Speaker;
use crate::engine::kinds::KindDef;
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "first-response",
    params: &["minutes"],
    build: |spec| {
        Ok(Box::new(FirstResponse {
            seconds: (positive(spec.minutes, 15.0, "minutes")? * 60.0) as i64,
        }))
    },
};

struct FirstResponse {
    seconds: i64,
}

impl Check for FirstResponse {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let before = view.before();
        let Some(first_customer) = before.iter().position(|m| m.speaker == Speaker::Customer) else {
            return;
        };
        if before[first_customer..].iter().any(|m| m.speaker.is_outgoing()) {
            return;
        }
        let (Some(asked), Some(answered)) = (before[first_customer].time, view.message().time) else {
            return;
        };
        let elapsed = answered - asked;
        if elapsed > self.seconds {
            out.push(Finding::at(whole_message(cx)).var("elapsed", describe(elapsed, cx.lang)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    const SPEC: &str = "id = 'responsiveness.slow-first-reply'\nkind = 'first-response'\nmessage = 'm'\nminutes = 15";

    #[test]
    fn fourteen_minutes_is_fine_sixteen_is_not() {
        let fast = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi", None),
            ("customer", "2026-03-01T09:05:00Z", "Anyone?", None),
            ("agent", "2026-03-01T09:14:00Z", "Hello!", None),
            ("agent", "2026-03-01T11:00:00Z", "Update.", None),
        ]);
        assert!(flagged_messages(SPEC, &fast).is_empty());
        let slow = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi", None),
            ("agent", "2026-03-01T09:16:00Z", "Hello!", None),
        ]);
        assert_eq!(flagged_messages(SPEC, &slow), vec![1]);
    }
}
