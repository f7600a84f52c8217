//! `tagged-promotion`: message tags are for updates the customer needs, never for promotions (deals, offers,
//! coupons, discounts).

use crate::engine::kinds::LazyRegex;

use super::upper_tags;
use crate::engine::kinds::{compile_all, BuildError, KindDef};
use crate::engine::{Check, Context, Finding, Target};

pub const KIND: KindDef = KindDef {
    name: "tagged-promotion",
    params: &["patterns", "tags"],
    build: |spec| {
        let patterns = compile_all(spec.patterns.as_ref())?;
        if patterns.is_empty() {
            return Err(BuildError::key(
                "patterns",
                "a tagged-promotion rule needs promotional `patterns`",
            ));
        }
        Ok(Box::new(TaggedPromotion {
            patterns,
            tags: spec.tags.as_ref().map(|_| upper_tags(spec.tags.as_ref(), &[])),
        }))
    },
};

struct TaggedPromotion {
    patterns: Vec<LazyRegex>,
    /// `None`: every tag.
    tags: Option<Vec<String>>,
}

impl Check for TaggedPromotion {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let Some(tag) = &view.message().tag else { return };
        if self.tags.as_ref().is_some_and(|tags| !tags.contains(tag)) {
            return;
        }
        let masked = &cx.doc.masked;
        if let Some(m) = self
            .patterns
            .iter()
            .filter_map(|p| p.find(masked))
            .min_by_key(|m| m.start())
        {
            out.push(Finding::at(m.range()).var("tag", tag.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{conversation, flagged_messages};

    #[test]
    fn promotions_in_tagged_messages() {
        let spec = "id = 'policy.tagged-promotion'\nkind = 'tagged-promotion'\nmessage = 'm'\npatterns = ['(?i)\\b(?:discount|coupon|% off|promo)']";
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi", None),
            (
                "agent",
                "2026-03-03T09:00:00Z",
                "Your order shipped. Enjoy 20% off your next order!",
                Some("POST_PURCHASE_UPDATE"),
            ),
            (
                "agent",
                "2026-03-03T09:00:00Z",
                "Your order shipped.",
                Some("POST_PURCHASE_UPDATE"),
            ),
            ("agent", "2026-03-03T09:00:00Z", "Use coupon X!", None),
        ]);
        assert_eq!(flagged_messages(spec, &c), vec![1]);
    }
}
