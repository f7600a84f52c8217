//! `conditional`: flag A unless B appears anywhere in the region ("shared your number with the courier" unless the
//! draft asks for permission).

use super::pattern::PatternCheck;
use super::{BuildError, KindDef};

pub const KIND: KindDef = KindDef {
    name: "conditional",
    params: &[
        "patterns",
        "unless",
        "exceptions",
        "group",
        "region",
        "replacement",
        "applicability",
        "raw",
    ],
    build: |spec| {
        let check = PatternCheck::build(spec)?;
        if check.unless.is_empty() {
            return Err(BuildError::key(
                "unless",
                "a conditional rule needs at least one regex in `unless`",
            ));
        }
        Ok(Box::new(check))
    },
};

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::flagged;
    use crate::model::Lang;

    const FORWARDED: &str = r#"
        id = "forwarding.third-party"
        kind = "conditional"
        message = "m"
        patterns = ["(?i)\\b(?:passed|given|shared|forwarded) your (?:number|details|message) (?:to|with) the (?:courier|carrier|manufacturer)\\b", "(?i)\\btransmis vos coordonnées au transporteur\\b"]
        unless = ["(?i)\\b(?:if you(?:'|’)re happy|with your (?:permission|consent)|is that ok)\\b", "(?i)\\bavec votre accord\\b"]
    "#;

    #[test]
    fn flags_sharing_without_consent() {
        assert_eq!(
            flagged(FORWARDED, "I've shared your number with the courier.", Lang::En).len(),
            1
        );
        assert_eq!(
            flagged(FORWARDED, "J'ai transmis vos coordonnées au transporteur.", Lang::Fr).len(),
            1
        );
    }

    #[test]
    fn consent_anywhere_in_the_draft_clears_it() {
        assert!(flagged(
            FORWARDED,
            "With your permission, I've shared your number with the courier.",
            Lang::En
        )
        .is_empty());
        assert!(flagged(
            FORWARDED,
            "J'ai transmis vos coordonnées au transporteur, avec votre accord.",
            Lang::Fr
        )
        .is_empty());
    }

    #[test]
    fn unless_is_required() {
        let spec = crate::engine::kinds::testing::spec("id='a.b'\nkind='conditional'\nmessage='m'\npatterns=['x']");
        assert!((super::KIND.build)(&spec).is_err());
    }
}
