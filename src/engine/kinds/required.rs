//! `required`: the draft must contain one of the patterns, near its start or its end (a greeting, a sign-off).

use std::ops::Range;

use crate::engine::kinds::LazyRegex;

use super::{require_patterns, BuildError, KindDef, Region};
use crate::engine::spec::RuleSpec;
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "required",
    params: &[
        "patterns",
        "position",
        "within",
        "within_words",
        "region",
        "min_sentences",
        "raw",
    ],
    build: |spec| Ok(Box::new(Required::build(spec)?)),
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    Start,
    End,
    Anywhere,
}

struct Required {
    patterns: Vec<LazyRegex>,
    position: Position,
    within: usize,
    /// At the start: only the first words count ("Bonjour" opens a French reply, an apology at its end does not).
    within_words: Option<usize>,
    region: Region,
    min_sentences: usize,
    /// Search the text as written, placeholders and URLs included (a template must carry `{{ticket.id}}`).
    raw: bool,
}

impl Required {
    fn build(spec: &RuleSpec) -> Result<Required, BuildError> {
        let position = match spec.position.as_deref() {
            None | Some("anywhere") => Position::Anywhere,
            Some("start") => Position::Start,
            Some("end") => Position::End,
            Some(other) => {
                return Err(BuildError::key(
                    "position",
                    format!("unknown position `{other}` (expected start, end or anywhere)"),
                ))
            }
        };
        let within = spec.within.unwrap_or(1);
        if within == 0 {
            return Err(BuildError::key(
                "within",
                "`within` counts sentences and must be at least 1",
            ));
        }
        Ok(Required {
            patterns: require_patterns(spec)?,
            position,
            within,
            within_words: spec.within_words,
            region: Region::parse(spec.region.as_deref(), Region::Draft)?,
            min_sentences: spec.min_sentences.unwrap_or(1),
            raw: spec.raw.unwrap_or(false),
        })
    }
}

impl Check for Required {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        // A reply split over several posts greets in its first and closes in its last.
        match self.position {
            Position::Start if doc.continues_a_post() => return,
            Position::End if doc.continued_in_a_post() || doc.ends_with_signature() => return,
            _ => {}
        }
        let Some(region) = self.region.range(doc) else {
            return;
        };
        let mut sentences: Vec<Range<usize>> = doc
            .sentences_clipped(&region)
            .into_iter()
            .filter(|s| doc.masked[s.clone()].chars().any(|c| c.is_alphabetic() || c == '_'))
            .collect();
        // A signature's name and title lines come after the closing words: "within" counts from those.
        if self.position == Position::End {
            if let Some(closing) = &doc.regions.closing {
                while sentences.len() > 1
                    && sentences
                        .last()
                        .is_some_and(|s| s.start > closing.start && is_signature_line(doc, s))
                {
                    sentences.pop();
                }
            }
        }
        if sentences.is_empty() || sentences.len() < self.min_sentences {
            return;
        }
        let n = sentences.len();
        let (searched, flagged) = match self.position {
            Position::Start => {
                let last = &sentences[self.within.min(n) - 1];
                (sentences[0].start..last.end, sentences[0].clone())
            }
            Position::End => {
                let first = &sentences[n - self.within.min(n)];
                (first.start..sentences[n - 1].end, sentences[n - 1].clone())
            }
            Position::Anywhere => (region.clone(), sentences[0].clone()),
        };
        let searched = match self.within_words {
            Some(limit) if self.position == Position::Start => {
                let words = doc.words_in(&searched);
                let end = words.get(limit.max(1) - 1).map_or(searched.end, |w| w.range.end);
                searched.start..end.min(searched.end)
            }
            _ => searched,
        };
        // A channel's endings see what follows the last sentence too: a link, a signature.
        let text = if self.raw { doc.text } else { doc.masked.as_str() };
        let tail = &text[searched.start..];
        let haystack = &text[searched];
        let channel_ending = self.position == Position::End && cx.channel.endings.iter().any(|p| p.is_match(tail));
        if !channel_ending && !self.patterns.iter().any(|p| p.is_match(haystack)) {
            out.push(Finding::at(flagged));
        }
    }
}

/// A name, team or title line of a signature: capitalised, short, no sentence punctuation.
fn is_signature_line(doc: &crate::document::Document<'_>, sentence: &Range<usize>) -> bool {
    let text = doc.masked[sentence.clone()].trim_start_matches(['-', '—', '–', ' ']);
    text.chars().next().is_some_and(|c| c.is_uppercase() || c == '_')
        && text.split_whitespace().count() <= 6
        && !text.contains(['.', '?', '!', ',', ':', ';'])
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::flagged;
    use crate::model::Lang;

    const GREETING: &str = r#"
        id = "greeting.missing"
        kind = "required"
        message = "m"
        position = "start"
        patterns = ['(?i)^\s*(?:hi|hello|thanks for reaching out)\b', '(?i)^\s*bonjour\b']
    "#;

    const SIGN_OFF: &str = r#"
        id = "sign-off.missing"
        kind = "required"
        message = "m"
        position = "end"
        within = 2
        patterns = ['(?i)\b(?:let me know|have a (?:great|nice) day|best)\b', '\?\s*$', '(?i)\bbonne journée\b']
    "#;

    #[test]
    fn greeting_at_the_start() {
        assert!(flagged(GREETING, "Hi Sam, your parcel left.", Lang::En).is_empty());
        assert!(flagged(GREETING, "Bonjour, votre colis est parti.", Lang::Fr).is_empty());
        assert_eq!(
            flagged(GREETING, "Your parcel left. Hi!", Lang::En),
            vec!["Your parcel left."]
        );
        assert_eq!(
            flagged(GREETING, "Votre colis est parti.", Lang::Fr),
            vec!["Votre colis est parti."]
        );
    }

    #[test]
    fn sign_off_within_the_last_two_sentences() {
        assert!(flagged(SIGN_OFF, "It left. Let me know if it arrives. Thanks.", Lang::En).is_empty());
        assert!(flagged(SIGN_OFF, "It left today. Anything else I can do?", Lang::En).is_empty());
        assert_eq!(
            flagged(SIGN_OFF, "Best wishes for it. It left. It arrives today.", Lang::En),
            vec!["It arrives today."]
        );
        assert!(flagged(SIGN_OFF, "Il est parti.\nBonne journée !", Lang::Fr).is_empty());
    }

    #[test]
    fn raw_rules_see_placeholders() {
        let spec = "id = 'placeholder.ticket-ref'\nkind = 'required'\nmessage = 'm'\nraw = true\npatterns = ['\\{\\{\\s*ticket\\.id\\s*\\}\\}']";
        assert!(flagged(spec, "Your request {{ticket.id}} is open.", Lang::En).is_empty());
        assert_eq!(flagged(spec, "Your request is open.", Lang::En).len(), 1);
        // Masked, the placeholder is not there to be found.
        let masked = spec.replace("raw = true", "raw = false");
        assert_eq!(
            flagged(&masked, "Your request {{ticket.id}} is open.", Lang::En).len(),
            1
        );
    }

    #[test]
    fn empty_and_emoji_drafts_are_left_alone() {
        assert!(flagged(GREETING, "", Lang::En).is_empty());
        assert!(flagged(GREETING, "🙂", Lang::En).is_empty());
    }
}
