//! `pattern`: every match of a regex is a diagnostic, unless an exception matches its sentence.

use std::ops::Range;

use crate::engine::kinds::LazyRegex;

use super::{
    applicability, compile, compile_all, excepted, is_word_char, require_patterns, BuildError, KindDef, Region,
};
use crate::diagnostic::{Applicability, Fix};
use crate::engine::spec::RuleSpec;
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "pattern",
    params: &[
        "patterns",
        "terms",
        "exceptions",
        "group",
        "region",
        "replacement",
        "applicability",
        "raw",
    ],
    build: |spec| Ok(Box::new(PatternCheck::build(spec)?)),
};

pub struct PatternCheck {
    pub patterns: Vec<LazyRegex>,
    pub exceptions: Vec<LazyRegex>,
    /// Nothing is flagged when one of these matches anywhere in the region (the `conditional` kind).
    pub unless: Vec<LazyRegex>,
    pub group: usize,
    pub region: Region,
    pub replacement: Option<String>,
    pub applicability: Applicability,
    /// Match the text as written, placeholders and URLs included (rules about the placeholders themselves).
    pub raw: bool,
}

impl PatternCheck {
    pub fn build(spec: &RuleSpec) -> Result<PatternCheck, BuildError> {
        // `terms` given, even empty, stands in for `patterns`: a rule waiting for a team's list finds nothing.
        let mut patterns = match &spec.terms {
            Some(_) => compile_all(spec.patterns.as_ref())?,
            None => require_patterns(spec)?,
        };
        if let Some(terms) = spec.terms.as_ref().filter(|t| !t.is_empty()) {
            patterns.push(compile(&terms_pattern(terms))?);
        }
        let group = spec.group.unwrap_or(0);
        if let Some(pattern) = patterns
            .iter()
            .filter(|_| group > 0)
            .find(|p| p.captures_len() <= group)
        {
            return Err(BuildError {
                message: format!(
                    "`group = {group}` but this regex has only {} group(s)",
                    pattern.captures_len() - 1
                ),
                key: None,
                literal: Some(pattern.as_str().to_string()),
            });
        }
        Ok(PatternCheck {
            patterns,
            exceptions: compile_all(spec.exceptions.as_ref())?,
            unless: compile_all(spec.unless.as_ref())?,
            group,
            region: Region::parse(spec.region.as_deref(), Region::Draft)?,
            replacement: spec.replacement.clone(),
            applicability: applicability(spec, Applicability::Unsafe)?,
            raw: spec.raw.unwrap_or(false),
        })
    }

    fn spans(&self, haystack: &str, offset: usize) -> Vec<Range<usize>> {
        let mut spans: Vec<Range<usize>> = Vec::new();
        for pattern in &self.patterns {
            if self.group == 0 {
                spans.extend(
                    pattern
                        .find_iter(haystack)
                        .map(|m| m.start() + offset..m.end() + offset),
                );
            } else {
                spans.extend(
                    pattern
                        .captures_iter(haystack)
                        .filter_map(|c| c.get(self.group))
                        .map(|m| m.start() + offset..m.end() + offset),
                );
            }
        }
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut kept: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for span in spans {
            if kept.last().is_some_and(|last| span.start < last.end) {
                continue;
            }
            kept.push(span);
        }
        kept
    }
}

/// One case-insensitive regex for a list of literal terms, each matched whole: a word boundary on a side only
/// where the term has a word character there ("C++" ends with none).
fn terms_pattern(terms: &[String]) -> String {
    let mut terms: Vec<&str> = terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    // Longest first, so that "Acme Cloud" wins over "Acme".
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let alternatives: Vec<String> = terms
        .iter()
        .map(|term| {
            let start = if term.starts_with(is_word_char) { r"\b" } else { "" };
            let end = if term.ends_with(is_word_char) { r"\b" } else { "" };
            format!("{start}{}{end}", regex::escape(term).replace(' ', r"\s+"))
        })
        .collect();
    format!("(?i)(?:{})", alternatives.join("|"))
}

impl Check for PatternCheck {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(region) = self.region.range(doc) else {
            return;
        };
        let text = if self.raw { doc.text } else { doc.masked.as_str() };
        let haystack = &text[region.clone()];
        if self.unless.iter().any(|u| u.is_match(haystack)) {
            return;
        }
        for span in self.spans(haystack, region.start) {
            if span.is_empty() && self.replacement.is_none() {
                continue;
            }
            if !self.raw && doc.inside_mask(&span) {
                continue;
            }
            if excepted(doc, &self.exceptions, span.start) {
                continue;
            }
            let fix = self
                .replacement
                .as_ref()
                .map(|r| Fix::replace(span.clone(), r.clone(), self.applicability));
            out.push(Finding::at(span).with_fix(fix));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::flagged;
    use crate::model::Lang;

    const ALREADY_SAID: &str = r#"
        id = "tone.already-said"
        kind = "pattern"
        message = "m"
        patterns = ['(?i)\bas (?:i|we) (?:already|previously) (?:said|mentioned|explained)\b', "(?i)\\bcomme je vous l['’]ai déjà (?:dit|expliqué)"]
    "#;

    #[test]
    fn flags_every_match_in_both_languages() {
        assert_eq!(
            flagged(
                ALREADY_SAID,
                "As I already said, it left. As we previously explained, yes.",
                Lang::En
            )
            .len(),
            2
        );
        assert_eq!(
            flagged(
                ALREADY_SAID,
                "Comme je vous l’ai déjà dit, le colis est parti.",
                Lang::Fr
            )
            .len(),
            1
        );
    }

    #[test]
    fn near_misses_do_not_fire() {
        assert!(flagged(ALREADY_SAID, "As you said, the parcel left on Monday.", Lang::En).is_empty());
        assert!(flagged(ALREADY_SAID, "Comme vous l’avez dit, le colis est parti.", Lang::Fr).is_empty());
    }

    #[test]
    fn nothing_fires_inside_masked_spans() {
        let spec = r#"
            id = "tone.x"
            kind = "pattern"
            message = "m"
            patterns = ['(?i)stupid']
        "#;
        assert!(flagged(spec, "See https://example.com/stupid-question for details.", Lang::En).is_empty());
        assert!(flagged(spec, "> this is stupid\nSorry to hear that.", Lang::En).is_empty());
    }

    #[test]
    fn raw_rules_see_placeholders() {
        let spec = "id = 'placeholder.x'\nkind = 'pattern'\nmessage = 'm'\nraw = true\npatterns = ['\\{\\{\\s*user\\.\\w+\\s*\\}\\}']";
        assert_eq!(
            flagged(spec, "Hi {{user.name}}, welcome!", Lang::En),
            vec!["{{user.name}}"]
        );
        assert!(flagged(
            &spec.replace("raw = true", "raw = false"),
            "Hi {{user.name}}, welcome!",
            Lang::En
        )
        .is_empty());
    }

    #[test]
    fn terms_are_whole_words_in_any_case_and_an_empty_list_finds_nothing() {
        let spec = "id = 'brand.rival'\nkind = 'pattern'\nmessage = 'm'\nterms = ['Globex', 'Initech Cloud', 'C++']";
        assert_eq!(
            flagged(spec, "Unlike GLOBEX or initech  cloud, we use C++ daily.", Lang::En),
            vec!["GLOBEX", "initech  cloud", "C++"]
        );
        assert!(flagged(spec, "Globexia and Initech are fine.", Lang::En).is_empty());
        let empty = "id = 'brand.rival'\nkind = 'pattern'\nmessage = 'm'\nterms = []";
        assert!(flagged(empty, "Globex is better.", Lang::En).is_empty());
    }

    #[test]
    fn exceptions_and_groups() {
        let spec = r#"
            id = "grammar.space-before-punctuation"
            kind = "pattern"
            message = "m"
            patterns = ['\w( +)[,.!?]']
            group = 1
            exceptions = ['(?i)\bok\b']
            replacement = ""
            applicability = "safe"
        "#;
        assert_eq!(flagged(spec, "Thanks ! See you .", Lang::En), vec![" ", " "]);
        assert!(flagged(spec, "OK ! fine", Lang::En).is_empty());
    }
}
