//! `unanswered-question`: a customer question with no outgoing message after it. Reported on the customer's
//! message, which gets a record of its own.

use crate::engine::kinds::LazyRegex;

use super::whole_message;
use crate::engine::kinds::{compile_all, BuildError, KindDef};
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "unanswered-question",
    params: &["patterns"],
    build: |spec| {
        let patterns = compile_all(spec.patterns.as_ref())?;
        if patterns.is_empty() {
            return Err(BuildError::key(
                "patterns",
                "an unanswered-question rule needs question `patterns`",
            ));
        }
        Ok(Box::new(UnansweredQuestion { patterns }))
    },
};

struct UnansweredQuestion {
    patterns: Vec<LazyRegex>,
}

impl Check for UnansweredQuestion {
    fn target(&self) -> Target {
        Target::Customer
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        if view.after().iter().any(|m| m.speaker.is_outgoing()) {
            return;
        }
        if self.patterns.iter().any(|p| p.is_match(&cx.doc.masked)) {
            out.push(Finding::at(whole_message(cx)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    #[test]
    fn questions_left_without_a_reply() {
        let spec = "id = 'responsiveness.unanswered-question'\nkind = 'unanswered-question'\nmessage = 'm'\npatterns = ['\\?']";
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Where is my parcel?", None),
            ("agent", "2026-03-01T09:05:00Z", "It left today.", None),
            ("customer", "2026-03-01T09:06:00Z", "Can I change the address?", None),
            ("customer", "2026-03-01T09:07:00Z", "Thanks.", None),
        ]);
        assert_eq!(flagged_messages(spec, &c), vec![2]);
    }
}
