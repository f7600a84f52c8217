//! `capitalization`: a sentence starts with a capital letter.

use std::collections::HashSet;

use super::{applicability, KindDef, Region};
use crate::diagnostic::{Applicability, Fix};
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "capitalization",
    params: &["exceptions", "region", "applicability"],
    build: |spec| {
        Ok(Box::new(Capitalization {
            exceptions: spec.exceptions.iter().flatten().cloned().collect(),
            region: Region::parse(spec.region.as_deref(), Region::Draft)?,
            applicability: applicability(spec, Applicability::Safe)?,
        }))
    },
};

struct Capitalization {
    /// Words that legitimately start lowercase: iPhone, eBay.
    exceptions: HashSet<String>,
    region: Region,
    applicability: Applicability,
}

impl Check for Capitalization {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(region) = self.region.range(doc) else {
            return;
        };
        for sentence in doc.sentences_in(&region) {
            let text = &doc.masked[sentence.clone()];
            let Some(first) = text.chars().next() else {
                continue;
            };
            if !first.is_lowercase() || continues_a_wrapped_line(&doc.masked, sentence.start) {
                continue;
            }
            let word_len = text
                .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .unwrap_or(text.len());
            let word = &doc.text[sentence.start..sentence.start + word_len];
            if self.exceptions.contains(word) || word.chars().skip(1).any(char::is_uppercase) {
                continue;
            }
            let letter = sentence.start..sentence.start + first.len_utf8();
            let fix = Fix::replace(letter, first.to_uppercase().collect::<String>(), self.applicability);
            out.push(
                Finding::at(sentence.start..sentence.start + word_len)
                    .var("word", word)
                    .with_fix(Some(fix)),
            );
        }
    }
}

/// A line that starts in lowercase right after a line ending in a letter is a hard-wrapped sentence going on.
fn continues_a_wrapped_line(masked: &str, start: usize) -> bool {
    let before = masked[..start].trim_end_matches([' ', '\t']);
    let Some(previous_line) = before.strip_suffix('\n') else {
        return false;
    };
    previous_line
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == char::from(crate::document::MASK_BYTE))
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::{findings_for, flagged};
    use crate::model::{Lang, Role};

    const SPEC: &str = "id = 'grammar.sentence-start'\nkind = 'capitalization'\nmessage = 'm'\nexceptions = ['eBay']";

    #[test]
    fn lowercase_starts() {
        assert_eq!(
            flagged(SPEC, "Hi Tom,\nthanks for waiting. it left today.", Lang::En),
            vec!["thanks", "it"]
        );
        assert_eq!(
            flagged(SPEC, "Bonjour,\nvotre colis est parti. à demain !", Lang::Fr),
            vec!["votre", "à"]
        );
        let fixes = findings_for(SPEC, "ok. à demain", Lang::Fr, Role::Complete);
        assert_eq!(fixes[1].fix.as_ref().unwrap().edits[0].replacement, "À");
    }

    #[test]
    fn brands_abbreviations_placeholders_and_lists() {
        assert!(flagged(SPEC, "eBay sent it. iPhone owners too.", Lang::En).is_empty());
        assert!(flagged(SPEC, "{{first_name}}, it left. 3 items. - check the cable", Lang::En).is_empty());
        assert!(flagged(SPEC, "Your parcel was handed to the\ncourier this morning.", Lang::En).is_empty());
    }
}
