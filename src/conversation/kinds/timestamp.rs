//! `timestamp`: a message whose time is missing or not RFC 3339 cannot be checked against the time rules; say so
//! rather than guess.

use super::whole_message;
use crate::engine::kinds::KindDef;
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "timestamp",
    params: &[],
    build: |_| Ok(Box::new(Timestamp)),
};

struct Timestamp;

impl Check for Timestamp {
    fn target(&self) -> Target {
        Target::Any
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let message = view.message();
        if message.time.is_none() {
            let written = match (message.time_text.as_deref(), cx.lang) {
                (Some(text), _) => format!("“{text}”"),
                (None, crate::model::Lang::En) => "missing".to_string(),
                (None, crate::model::Lang::Fr) => "absente".to_string(),
            };
            out.push(Finding::at(whole_message(cx)).var("time", written));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    #[test]
    fn missing_or_malformed_times() {
        let spec = "id = 'policy.invalid-time'\nkind = 'timestamp'\nmessage = 'm'";
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi", None),
            ("agent", "yesterday", "Hello", None),
            ("customer", "2026-03-01 09:00", "Ok", None),
        ]);
        assert_eq!(flagged_messages(spec, &c), vec![1, 2]);
    }
}
