//! `metric`: counts over the draft (sentences, words per sentence, characters, exclamation marks, capitals).

use std::ops::Range;

use super::{BuildError, KindDef, Region};
use crate::engine::spec::RuleSpec;
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "metric",
    params: &["metric", "max", "min", "region"],
    build: |spec| Ok(Box::new(Metric::build(spec)?)),
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    Sentences,
    SentenceWords,
    Characters,
    /// Characters a customer would see: neither spaces nor `<!-- … -->` comments. An empty reply is 0.
    ContentCharacters,
    /// Characters against the limit of the draft's channel.
    ChannelCharacters,
    ParagraphSentences,
    ParagraphWords,
    Exclamations,
    CapitalsRatio,
}

const MEASURES: &[(&str, Measure)] = &[
    ("sentences", Measure::Sentences),
    ("sentence-words", Measure::SentenceWords),
    ("characters", Measure::Characters),
    ("content-characters", Measure::ContentCharacters),
    ("channel-characters", Measure::ChannelCharacters),
    ("paragraph-sentences", Measure::ParagraphSentences),
    ("paragraph-words", Measure::ParagraphWords),
    ("exclamations", Measure::Exclamations),
    ("capitals-ratio", Measure::CapitalsRatio),
];

/// Below this many letters a capitals ratio says nothing ("OK!", "SNCF").
const MIN_LETTERS_FOR_RATIO: usize = 12;

struct Metric {
    measure: Measure,
    max: Option<f64>,
    min: Option<f64>,
    region: Region,
}

impl Metric {
    fn build(spec: &RuleSpec) -> Result<Metric, BuildError> {
        let name = spec
            .metric
            .as_deref()
            .ok_or_else(|| BuildError::key("metric", "a metric rule needs `metric`"))?;
        let measure = MEASURES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
            .ok_or_else(|| {
                let known = MEASURES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
                BuildError::key("metric", format!("unknown metric `{name}` (expected one of: {known})"))
            })?;
        if spec.max.is_none() && spec.min.is_none() && measure != Measure::ChannelCharacters {
            return Err(BuildError::key("max", "a metric rule needs `max`, `min` or both"));
        }
        if measure == Measure::CapitalsRatio && spec.max.is_some_and(|m| !(0.0..=1.0).contains(&m)) {
            return Err(BuildError::key(
                "max",
                "`capitals-ratio` is a share of letters between 0.0 and 1.0",
            ));
        }
        let default_region = if measure == Measure::Sentences {
            Region::Body
        } else {
            Region::Draft
        };
        Ok(Metric {
            measure,
            max: spec.max,
            min: spec.min,
            region: Region::parse(spec.region.as_deref(), default_region)?,
        })
    }

    fn out_of_bounds(&self, value: f64) -> bool {
        self.max.is_some_and(|max| value > max) || self.min.is_some_and(|min| value < min)
    }

    fn finding(&self, span: Range<usize>, value: impl ToString) -> Finding {
        let mut finding = Finding::at(span).var("value", value.to_string());
        if let Some(max) = self.max {
            finding = finding.var("max", format_number(max));
        }
        if let Some(min) = self.min {
            finding = finding.var("min", format_number(min));
        }
        finding
    }
}

/// The sentences a reader counts: a list counts once, however many items it has (a list is the cure for a wall
/// of text, not a symptom).
fn countable_sentences(doc: &crate::document::Document<'_>, region: &Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut previous_was_item = false;
    for sentence in doc.sentences_clipped(region) {
        let starts_line = crate::document::starts_line(&doc.masked, sentence.start);
        let is_item = starts_line && is_list_item(&doc.masked[sentence.clone()]);
        if !(is_item && previous_was_item) {
            out.push(sentence);
        }
        previous_was_item = is_item || (previous_was_item && !starts_line);
    }
    out
}

fn is_list_item(text: &str) -> bool {
    let text = text.trim_start();
    if text.starts_with(['-', '*', '•', '–', '▪', '·']) {
        return true;
    }
    let marker: String = text.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    !marker.is_empty() && marker.len() <= 2 && text[marker.len()..].starts_with(['.', ')'])
}

fn content_characters(doc: &crate::document::Document<'_>) -> usize {
    let mut count = 0;
    let mut cursor = 0;
    let comments = doc
        .masks
        .iter()
        .filter(|m| m.kind == crate::document::MaskKind::Comment)
        .map(|m| m.range.clone())
        .chain(std::iter::once(doc.text.len()..doc.text.len()));
    for comment in comments {
        if comment.start >= cursor {
            count += doc.text[cursor..comment.start]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            cursor = comment.end;
        }
    }
    count
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

impl Check for Metric {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        if self.measure == Measure::ContentCharacters {
            // Measured over the whole text: an empty draft has no region to speak of, and that is the point.
            let count = content_characters(doc);
            if self.out_of_bounds(count as f64) {
                out.push(self.finding(0..doc.text.len(), count));
            }
            return;
        }
        let Some(region) = self.region.range(doc) else {
            return;
        };
        if region.is_empty() {
            return;
        }
        match self.measure {
            Measure::Sentences => {
                let sentences = countable_sentences(doc, &region);
                let count = sentences.len();
                if self.out_of_bounds(count as f64) {
                    let first = self.max.map_or(0, |max| (max as usize).min(count.saturating_sub(1)));
                    out.push(self.finding(sentences[first].start..sentences[count - 1].end, count));
                }
            }
            Measure::SentenceWords => {
                for sentence in doc.sentences_clipped(&region) {
                    let words = doc.word_count(&sentence);
                    if words > 0 && self.out_of_bounds(words as f64) {
                        out.push(self.finding(sentence, words));
                    }
                }
            }
            Measure::ChannelCharacters => {
                let Some(max) = cx.channel.max_chars else {
                    return;
                };
                let text = &doc.text[region.clone()];
                let count = cx.channel.length(doc);
                if count > max {
                    let over = count - max;
                    let total = text.chars().count();
                    let start = text
                        .char_indices()
                        .nth(total.saturating_sub(over))
                        .map_or(region.start, |(i, _)| region.start + i);
                    out.push(
                        Finding::at(start..region.end)
                            .var("value", count.to_string())
                            .var("max", max.to_string())
                            .var("channel", cx.channel.name.clone()),
                    );
                }
            }
            Measure::ContentCharacters => {}
            Measure::Characters => {
                let text = &doc.text[region.clone()];
                let count = text.chars().count();
                if self.out_of_bounds(count as f64) {
                    let start = self
                        .max
                        .and_then(|max| text.char_indices().nth(max as usize))
                        .map_or(region.start, |(i, _)| region.start + i);
                    out.push(self.finding(start..region.end, count));
                }
            }
            Measure::ParagraphSentences | Measure::ParagraphWords => {
                for paragraph in doc
                    .paragraphs
                    .iter()
                    .filter(|p| p.start >= region.start && p.end <= region.end)
                {
                    let value = if self.measure == Measure::ParagraphWords {
                        doc.word_count(paragraph)
                    } else {
                        countable_sentences(doc, paragraph).len()
                    };
                    if self.out_of_bounds(value as f64) {
                        out.push(self.finding(paragraph.clone(), value));
                    }
                }
            }
            Measure::Exclamations => {
                let marks: Vec<usize> = doc.masked[region.clone()]
                    .match_indices('!')
                    .map(|(i, _)| region.start + i)
                    .filter(|i| !doc.inside_mask(&(*i..*i + 1)))
                    .collect();
                if self.out_of_bounds(marks.len() as f64) {
                    let first = self
                        .max
                        .map_or(0, |max| (max as usize).min(marks.len().saturating_sub(1)));
                    if let (Some(start), Some(end)) = (marks.get(first), marks.last()) {
                        out.push(self.finding(*start..end + 1, marks.len()));
                    }
                }
            }
            Measure::CapitalsRatio => {
                let letters: Vec<char> = doc.masked[region.clone()]
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .collect();
                if letters.len() < MIN_LETTERS_FOR_RATIO {
                    return;
                }
                let upper = letters.iter().filter(|c| c.is_uppercase()).count();
                let ratio = upper as f64 / letters.len() as f64;
                if self.out_of_bounds(ratio) {
                    out.push(self.finding(region.clone(), format!("{:.0}%", ratio * 100.0)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::flagged;
    use crate::model::Lang;

    fn metric(name: &str, max: &str) -> String {
        format!("id = 'length.x'\nkind = 'metric'\nmessage = 'm'\nmetric = '{name}'\nmax = {max}\n")
    }

    #[test]
    fn sentences_past_the_limit_are_flagged() {
        let text = "Hi Ann,\nOne. Two. Three. Four.\nBest,\nTom";
        assert_eq!(flagged(&metric("sentences", "3"), text, Lang::En), vec!["Four."]);
        assert!(flagged(&metric("sentences", "4"), text, Lang::En).is_empty());
    }

    #[test]
    fn a_list_counts_once_and_an_inline_greeting_keeps_its_sentence() {
        let text = "Hi Rob,\nHere's how:\n- Open the app\n- Tap Settings\n- Choose Reset\n1. Then wait.\n2. Then retry.\nDone.";
        assert!(flagged(&metric("sentences", "4"), text, Lang::En).is_empty());
        let text = "Hi Noah, thanks for waiting. One. Two.";
        assert_eq!(flagged(&metric("sentences", "2"), text, Lang::En), vec!["Two."]);
    }

    #[test]
    fn long_sentences() {
        let long = "This sentence keeps going with many words that make it far too long to read.";
        assert_eq!(flagged(&metric("sentence-words", "10"), long, Lang::En).len(), 1);
        assert!(flagged(&metric("sentence-words", "20"), long, Lang::En).is_empty());
        let fr = "Nous avons bien reçu votre demande et nous revenons vers vous très vite avec une réponse complète.";
        assert_eq!(flagged(&metric("sentence-words", "10"), fr, Lang::Fr).len(), 1);
    }

    #[test]
    fn characters_flag_the_overflow() {
        assert_eq!(
            flagged(&metric("characters", "5"), "héllo world", Lang::En),
            vec![" world"]
        );
    }

    #[test]
    fn exclamations_and_capitals() {
        assert_eq!(
            flagged(&metric("exclamations", "2"), "Yes! Done! Great! Wow!", Lang::En),
            vec!["! Wow!"]
        );
        assert_eq!(
            flagged(
                &metric("capitals-ratio", "0.5"),
                "PLEASE READ THE EMAIL WE SENT",
                Lang::En
            )
            .len(),
            1
        );
        assert!(flagged(&metric("capitals-ratio", "0.5"), "Your SNCF ticket is ready", Lang::En).is_empty());
        assert!(flagged(&metric("capitals-ratio", "0.5"), "OK!", Lang::En).is_empty());
    }

    #[test]
    fn unknown_metric_is_refused() {
        let spec = crate::engine::kinds::testing::spec(&metric("syllables", "3"));
        assert!((super::KIND.build)(&spec).is_err());
    }
}
