//! `repetition`: the same word twice in a row ("the the"), except words that may repeat ("vous vous", "had had").

use std::collections::HashSet;

use super::{applicability, KindDef};
use crate::diagnostic::{Applicability, Fix};
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "repetition",
    params: &["exceptions", "applicability"],
    build: |spec| {
        Ok(Box::new(Repetition {
            allowed: spec.exceptions.iter().flatten().map(|w| w.to_lowercase()).collect(),
            applicability: applicability(spec, Applicability::Safe)?,
        }))
    },
};

struct Repetition {
    allowed: HashSet<String>,
    applicability: Applicability,
}

impl Check for Repetition {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for pair in doc.words.windows(2) {
            let (first, second) = (&pair[0], &pair[1]);
            if first.masked || second.masked {
                continue;
            }
            let gap = &doc.text[first.range.end..second.range.start];
            if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\t') {
                continue;
            }
            let a = &doc.text[first.range.clone()];
            let b = &doc.text[second.range.clone()];
            if !a.chars().any(char::is_alphabetic) || a.to_lowercase() != b.to_lowercase() {
                continue;
            }
            if self.allowed.contains(&a.to_lowercase()) {
                continue;
            }
            let span = first.range.end..second.range.end;
            let fix = Fix::replace(span.clone(), "", self.applicability);
            out.push(Finding::at(span).var("word", b.to_string()).with_fix(Some(fix)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::flagged;
    use crate::model::Lang;

    const SPEC: &str = r#"
        id = "grammar.repeated-word"
        kind = "repetition"
        message = "m"
        exceptions = ["vous", "nous", "had", "that"]
    "#;

    #[test]
    fn doubled_words() {
        assert_eq!(flagged(SPEC, "Check the the tracking link.", Lang::En), vec![" the"]);
        assert_eq!(flagged(SPEC, "Votre colis est est parti.", Lang::Fr), vec![" est"]);
        assert_eq!(flagged(SPEC, "It is is fine. The The end", Lang::En).len(), 2);
    }

    #[test]
    fn allowed_and_separated_repeats() {
        assert!(flagged(
            SPEC,
            "Vous vous êtes trompé de taille, nous nous en occupons.",
            Lang::Fr
        )
        .is_empty());
        assert!(flagged(SPEC, "It had had an effect. Yes, yes.", Lang::En).is_empty());
        assert!(flagged(SPEC, "Order 12 12 and {{a}} {{a}}", Lang::En).is_empty());
        assert!(flagged(SPEC, "Thanks\nThanks", Lang::En).is_empty());
    }
}
