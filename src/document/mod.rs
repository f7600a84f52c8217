//! A draft as rules see it: the original text, its masked twin, and its sentences, paragraphs, words and regions,
//! all as UTF-8 byte ranges into the original.

mod line_index;
mod mask;
mod regions;

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

pub use line_index::{LineColumn, LineIndex};
pub use mask::{apply_masks, find_masks, Mask, MaskKind, MASK_BYTE};
pub use regions::Regions;

/// The nearest character boundary at or before byte `i` (at most `text.len()`).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary at or after byte `i` (at most `text.len()`).
pub fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// The regex patterns tact's code uses besides the rule packs (masks, greeting and sign-off lexicons, the spelling
/// tokeniser), for the generated needle table.
pub fn builtin_patterns() -> Vec<&'static str> {
    let masks = mask::MASK_SOURCES.iter().map(|(_, pattern)| *pattern);
    masks
        .chain(regions::LEXICON_SOURCES.iter().copied())
        .chain([crate::spell::WORD_PATTERN])
        .collect()
}

use crate::model::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// The word lies (at least partly) in a masked span: a placeholder, URL, reference...
    pub masked: bool,
}

#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    /// `text` with masked spans overwritten; same length, same offsets.
    pub masked: String,
    pub masks: Vec<Mask>,
    /// Sentences trimmed of surrounding whitespace; a line break always ends a sentence.
    pub sentences: Vec<Range<usize>>,
    pub paragraphs: Vec<Range<usize>>,
    pub words: Vec<Word>,
    pub regions: Regions,
    pub lang: Lang,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, lang: Lang) -> Document<'a> {
        let masks = find_masks(text);
        let masked = apply_masks(text, &masks);
        Document::with_masks(text, lang, masks, masked)
    }

    /// The document of `text` whose masks are found already (`masked` is `apply_masks(text, &masks)`): the
    /// language is detected on the masked text before the document is built, and the masks are not found twice.
    pub fn with_masks(text: &'a str, lang: Lang, masks: Vec<Mask>, masked: String) -> Document<'a> {
        let mut sentences = split_sentences(&masked);
        // Links, handles, signatures, thread markers and emoji lines are not sentences: nothing counts them,
        // nothing asks them for a capital or a full stop.
        sentences.retain(|s| masked[s.clone()].chars().any(char::is_alphabetic));
        let paragraphs = split_paragraphs(&masked);
        let words = split_words(&masked);
        let regions = Regions::find(&masked, &sentences, lang);
        Document {
            text,
            masked,
            masks,
            sentences,
            paragraphs,
            words,
            regions,
            lang,
        }
    }

    /// Masks are sorted and disjoint, so their ends increase too: the last mask starting before `range` ends is
    /// the only one that can reach into it.
    pub fn is_masked(&self, range: &Range<usize>) -> bool {
        let candidates = &self.masks[..self.masks.partition_point(|m| m.range.start < range.end)];
        candidates.last().is_some_and(|m| range.start < m.range.end)
    }

    /// True when one masked span holds all of `range`.
    pub fn inside_mask(&self, range: &Range<usize>) -> bool {
        let candidates = &self.masks[..self.masks.partition_point(|m| m.range.start <= range.start)];
        candidates.last().is_some_and(|m| range.end <= m.range.end)
    }

    /// Sentences cut to `region`: a sentence that starts in the greeting ("Hi Noah, thanks for waiting.") keeps its
    /// part in the body.
    pub fn sentences_clipped(&self, region: &Range<usize>) -> Vec<Range<usize>> {
        self.sentences_overlapping(region)
            .iter()
            .map(|s| trim_range(self.masked.as_str(), s.start.max(region.start)..s.end.min(region.end)))
            .filter(|s| self.masked[s.clone()].chars().any(|c| c.is_alphanumeric() || c == '_'))
            .collect()
    }

    /// Sentences are sorted and disjoint: binary search finds those touching `region`.
    fn sentences_overlapping(&self, region: &Range<usize>) -> &[Range<usize>] {
        let first = self.sentences.partition_point(|s| s.end <= region.start);
        let last = self.sentences.partition_point(|s| s.start < region.end).max(first);
        &self.sentences[first..last]
    }

    /// Sentences wholly inside `region`.
    pub fn sentences_in(&self, region: &Range<usize>) -> impl Iterator<Item = &Range<usize>> + '_ {
        let region = region.clone();
        self.sentences_overlapping(&region)
            .iter()
            .filter(move |s| s.start >= region.start && s.end <= region.end)
    }

    /// The sentence holding `offset`, or an empty range there.
    pub fn sentence_at(&self, offset: usize) -> Range<usize> {
        let index = self.sentences.partition_point(|s| s.start <= offset);
        index
            .checked_sub(1)
            .map(|i| &self.sentences[i])
            .filter(|s| offset < s.end.max(s.start + 1))
            .cloned()
            .unwrap_or(offset..offset)
    }

    /// Words wholly inside `range`, found by binary search (words are sorted and disjoint).
    pub fn words_in(&self, range: &Range<usize>) -> &[Word] {
        let first = self.words.partition_point(|w| w.range.start < range.start);
        let last = self.words.partition_point(|w| w.range.end <= range.end).max(first);
        &self.words[first..last]
    }

    pub fn word_count(&self, range: &Range<usize>) -> usize {
        self.words_in(range).len()
    }

    /// The first thread marker of a reply split over several posts (`2/3` is `(2, 3)`).
    pub fn thread_part(&self) -> Option<(u32, u32)> {
        let marker = self.masks.iter().find(|m| m.kind == MaskKind::ThreadMarker)?;
        let mut digits = self.text[marker.range.clone()].chars().filter_map(|c| c.to_digit(10));
        Some((digits.next()?, digits.next()?))
    }

    /// The draft carries on a post sent before it (`2/2`, or an opening ellipsis): it owes no greeting.
    pub fn continues_a_post(&self) -> bool {
        self.thread_part().is_some_and(|(part, _)| part > 1)
            || self.sentences.first().is_some_and(|s| {
                let text = self.masked[s.clone()].trim_start_matches(['_', ' ']);
                text.starts_with("...") || text.starts_with('…')
            })
    }

    /// The draft is carried on by a post sent after it (`1/2`, or a closing ellipsis): it owes no closing.
    pub fn continued_in_a_post(&self) -> bool {
        self.thread_part().is_some_and(|(part, total)| part < total)
            || self.sentences.last().is_some_and(|s| {
                let text = self.masked[s.clone()].trim_end_matches(['_', ' ']);
                text.ends_with("...") || text.ends_with('…')
            })
    }

    /// Whether the draft ends on an agent's signature (`^JW`, `-Becky`), whatever links or markers follow it.
    pub fn ends_with_signature(&self) -> bool {
        let Some(last_sentence_end) = self.sentences.last().map(|s| s.end) else {
            return false;
        };
        self.masks
            .iter()
            .rev()
            .take_while(|m| m.range.start >= last_sentence_end.saturating_sub(24))
            .any(|m| m.kind == MaskKind::Signature)
            && self.masked[last_sentence_end..].chars().all(|c| !c.is_alphabetic())
    }

    /// The handles the draft names (`@acme_help` gives `acme_help`): an echo of one is the customer's name.
    pub fn handles(&self) -> impl Iterator<Item = &str> + '_ {
        self.masks
            .iter()
            .filter(|m| m.kind == MaskKind::Handle)
            .map(|m| self.text[m.range.clone()].trim_start_matches('@'))
    }
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start >= end {
        start..start
    } else {
        start..end
    }
}

fn split_sentences(masked: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    for (line_start, line) in lines_with_offsets(masked) {
        let pieces: Vec<(usize, usize)> = line
            .split_sentence_bound_indices()
            .flat_map(|(offset, piece)| split_after_periods(offset, piece))
            .collect();
        for (offset, len) in merge_list_markers(line, pieces) {
            let range = trim_range(masked, line_start + offset..line_start + offset + len);
            if range.is_empty() {
                continue;
            }
            // A run of punctuation or emoji alone ("!!!", "🙂") belongs to the sentence before it on the same line.
            let has_word = masked[range.clone()].chars().any(|c| c.is_alphanumeric() || c == '_');
            match sentences.last_mut() {
                Some(previous) if !has_word && previous_on_line(masked, previous, &range) => {
                    let previous: &mut Range<usize> = previous;
                    previous.end = range.end;
                }
                _ => sentences.push(range),
            }
        }
    }
    sentences
}

/// "1." or "a)" at the start of a line numbers the item that follows; it is not a sentence of its own.
fn merge_list_markers(line: &str, pieces: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
    let mut pending: Option<usize> = None;
    for (offset, len) in pieces {
        let text = line[offset..offset + len].trim();
        let label = text.strip_suffix(['.', ')']).unwrap_or(text);
        let is_marker = label.len() < text.len()
            && ((1..=2).contains(&label.len()) && label.chars().all(|c| c.is_ascii_digit())
                || label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase()));
        match pending.take() {
            Some(start) => out.push((start, offset + len - start)),
            None if is_marker && out.is_empty() => pending = Some(offset),
            None => out.push((offset, len)),
        }
    }
    if let Some(start) = pending {
        out.push((start, line.len() - start));
    }
    out
}

const MAX_ABBREVIATION_LOOKBACK: usize = 32;

/// Whether `offset` is the first non-blank position of its line.
pub fn starts_line(text: &str, offset: usize) -> bool {
    let before = text[..offset].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// Words a period ends without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "approx", "incl", "ca", "cf", "env", "no", "nos", "nr", "p", "pp", "mr", "mrs", "ms", "dr", "st",
    "min", "max", "tel", "tél", "ex", "ref", "réf", "art", "fig", "vol", "dept", "est", "av", "bd", "hr", "hrs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mme", "mlle", "m", "co", "ltd",
    "inc", "corp", "plc", "llc", "bros", "ste", "sté",
];

/// UAX #29 does not end a sentence at a period followed by a lowercase word, to spare abbreviations ("e.g. the").
/// Messages are full of exactly that mistake ("done. it left today"), so a period after an ordinary word ends the
/// sentence whatever follows.
fn split_after_periods(offset: usize, piece: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = piece.as_bytes();
    for (i, _) in piece.match_indices('.') {
        let after = &piece[i + 1..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        if trimmed.len() == after.len() || !trimmed.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        if i > 0 && bytes[i - 1] == b'.' {
            continue;
        }
        // Only the word before the period matters; a bounded look-back keeps pathological input linear.
        let window = floor_char_boundary(piece, i.saturating_sub(MAX_ABBREVIATION_LOOKBACK));
        let word_start = piece[window..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || *c == '(')
            .map_or(window, |(p, c)| window + p + c.len_utf8());
        let word = &piece[word_start..i];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters <= 1 || word.contains('.') || ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        out.push((offset + start, i + 1 - start));
        start = i + 1;
    }
    out.push((offset + start, piece.len() - start));
    out
}

fn previous_on_line(masked: &str, previous: &Range<usize>, next: &Range<usize>) -> bool {
    previous.end <= next.start && !masked[previous.end..next.start].contains('\n')
}

pub(crate) fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line)
    })
}

fn split_paragraphs(masked: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for (start, line) in lines_with_offsets(masked) {
        if line.trim().is_empty() {
            if let Some(range) = current.take() {
                paragraphs.push(trim_range(masked, range));
            }
        } else {
            let end = start + line.len();
            current = Some(match current {
                Some(range) => range.start..end,
                None => start..end,
            });
        }
    }
    if let Some(range) = current {
        paragraphs.push(trim_range(masked, range));
    }
    paragraphs
}

fn split_words(masked: &str) -> Vec<Word> {
    masked
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(|c| c.is_alphanumeric() || c == '_'))
        .map(|(offset, w)| Word {
            range: offset..offset + w.len(),
            masked: w.as_bytes().contains(&MASK_BYTE),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        let doc = Document::new(text, Lang::En);
        doc.sentences.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn lines_end_sentences_and_abbreviations_do_not() {
        assert_eq!(
            sentence_texts("Hi Sarah,\nThanks for waiting! Your order, e.g. the blue one, ships today.\n\nBest,\nTom"),
            vec![
                "Hi Sarah,",
                "Thanks for waiting!",
                "Your order, e.g. the blue one, ships today.",
                "Best,",
                "Tom"
            ]
        );
    }

    #[test]
    fn a_period_before_a_lowercase_word_ends_the_sentence_unless_an_abbreviation() {
        assert_eq!(
            sentence_texts("Done. it left. See e.g. the link, etc. and more... ok"),
            vec!["Done.", "it left.", "See e.g. the link, etc. and more... ok"]
        );
        assert_eq!(sentence_texts("Voir réf. abc. merci"), vec!["Voir réf. abc.", "merci"]);
        assert_eq!(sentence_texts("Prix\u{a0}réf. abc"), vec!["Prix\u{a0}réf. abc"]);
    }

    #[test]
    fn list_markers_belong_to_their_item() {
        assert_eq!(
            sentence_texts("1. Unplug the box.\n2) Wait 30 s"),
            vec!["1. Unplug the box.", "2) Wait 30 s"]
        );
        assert_eq!(
            sentence_texts("We work with Repair Co. to fix it."),
            vec!["We work with Repair Co. to fix it."]
        );
    }

    #[test]
    fn trailing_emoji_joins_its_sentence() {
        assert_eq!(sentence_texts("All done! 🙂"), vec!["All done! 🙂"]);
    }

    #[test]
    fn french_sentences() {
        assert_eq!(
            sentence_texts("Bonjour Zoé,\nVotre colis est parti. Il arrivera demain !"),
            vec!["Bonjour Zoé,", "Votre colis est parti.", "Il arrivera demain !"]
        );
    }

    #[test]
    fn paragraphs_and_words() {
        let text = "One two.\nThree.\n\n  Four {{name}}.";
        let doc = Document::new(text, Lang::En);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(&text[doc.paragraphs[1].clone()], "Four {{name}}.");
        assert_eq!(doc.words.len(), 5);
        assert!(doc.words[4].masked);
    }

    #[test]
    fn empty_and_emoji_only_drafts() {
        for text in ["", "   \n\n", "🙂🙂", "{{first_name}}"] {
            let doc = Document::new(text, Lang::En);
            assert!(doc.sentences.len() <= 1);
        }
    }
}
