//! `consistency`: two forms that must not be mixed in one draft (French "tu" and "vous").

use std::ops::Range;

use crate::engine::kinds::LazyRegex;

use super::{compile_all, BuildError, KindDef, Region};
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "consistency",
    params: &["groups", "region"],
    build: |spec| {
        let groups = spec.groups.as_ref().filter(|g| g.len() >= 2).ok_or_else(|| {
            BuildError::key(
                "groups",
                "a consistency rule needs at least two `groups` of { name, patterns }",
            )
        })?;
        let groups = groups
            .iter()
            .map(|g| Ok((g.name.clone(), compile_all(Some(&g.patterns))?)))
            .collect::<Result<Vec<_>, BuildError>>()?;
        Ok(Box::new(Consistency {
            groups,
            region: Region::parse(spec.region.as_deref(), Region::Draft)?,
        }))
    },
};

struct Consistency {
    groups: Vec<(String, Vec<LazyRegex>)>,
    region: Region,
}

impl Check for Consistency {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(region) = self.region.range(doc) else {
            return;
        };
        let haystack = &doc.masked[region.clone()];
        let matches: Vec<Vec<Range<usize>>> = self
            .groups
            .iter()
            .map(|(_, patterns)| {
                let mut spans: Vec<Range<usize>> = patterns
                    .iter()
                    .flat_map(|p| {
                        p.find_iter(haystack)
                            .map(|m| m.start() + region.start..m.end() + region.start)
                    })
                    .filter(|s| !doc.inside_mask(s))
                    .collect();
                spans.sort_by_key(|s| s.start);
                spans.dedup_by(|b, a| b.start < a.end);
                spans
            })
            .collect();
        if matches.iter().filter(|m| !m.is_empty()).count() < 2 {
            return;
        }
        // The form used most is the draft's choice; on a tie the group listed first wins.
        let dominant = (0..matches.len())
            .max_by_key(|i| (matches[*i].len(), std::cmp::Reverse(*i)))
            .unwrap_or(0);
        let other = &self.groups[dominant].0;
        for (index, spans) in matches.iter().enumerate() {
            if index == dominant {
                continue;
            }
            for span in spans {
                out.push(
                    Finding::at(span.clone())
                        .var("group", self.groups[index].0.clone())
                        .var("other", other.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::flagged;
    use crate::model::Lang;

    const TU_VOUS: &str = r#"
        id = "grammar.tu-vous"
        kind = "consistency"
        message = "m"
        groups = [
            { name = "vous", patterns = ["(?i)\\b(?:vous|votre|vos)\\b"] },
            { name = "tu", patterns = ["(?i)\\b(?:tu|ton|ta|tes|toi)\\b", "(?i)\\bt['’]"] },
        ]
    "#;

    #[test]
    fn the_minority_form_is_flagged() {
        assert_eq!(
            flagged(
                TU_VOUS,
                "Bonjour, votre colis est parti, tu le recevras demain.",
                Lang::Fr
            ),
            vec!["tu"]
        );
        assert_eq!(
            flagged(
                TU_VOUS,
                "Salut, tu as ton colis ? Tu peux vérifier votre boîte.",
                Lang::Fr
            ),
            vec!["votre"]
        );
    }

    #[test]
    fn one_form_is_fine() {
        assert!(flagged(TU_VOUS, "Vous pouvez suivre votre colis.", Lang::Fr).is_empty());
        assert!(flagged(TU_VOUS, "Tu peux suivre ton colis, je t'envoie le lien.", Lang::Fr).is_empty());
    }
}
