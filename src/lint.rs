//! Checking one draft: language, document model, the rules in force, inline suppressions, score.

use std::sync::OnceLock;

use regex::Regex;

use crate::conversation::{ConversationView, Speaker};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::registry::{RuleSet, Selection};
use crate::engine::{Channel, Context, Rule};
use crate::model::{Author, Category, FailOn, Lang, Role};
use crate::spell::WordSet;

/// How one draft is to be checked, after configuration, overrides and the record's own fields.
#[derive(Clone, Debug)]
pub struct DraftOptions {
    /// `None`: detect.
    pub lang: Option<Lang>,
    /// Used when detection finds nothing to go on.
    pub fallback_lang: Lang,
    pub role: Role,
    pub author: Author,
    /// A channel id of the rule set; `None`: the reply may be sent anywhere.
    pub channel: Option<String>,
    pub fail_on: FailOn,
    pub min_score: Option<u8>,
}

impl Default for DraftOptions {
    fn default() -> Self {
        DraftOptions {
            lang: None,
            fallback_lang: Lang::En,
            role: Role::Complete,
            author: Author::Agent,
            channel: None,
            fail_on: FailOn::Warning,
            min_score: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Checked {
    pub lang: Lang,
    /// The ISO 639-1 code of a language tact does not check; `lang` is then only the fallback.
    pub unchecked_lang: Option<&'static str>,
    pub role: Role,
    pub channel: Option<String>,
    pub author: Author,
    /// Sorted by position, offsets into the draft text.
    pub diagnostics: Vec<Diagnostic>,
    pub score: u8,
    pub passed: bool,
    /// The threshold the draft was judged by (which diagnostics failed it).
    pub fail_on: FailOn,
}

pub struct Linter<'r> {
    pub rules: &'r RuleSet,
    pub selection: &'r Selection,
    pub words: &'r WordSet,
}

impl Linter<'_> {
    pub fn check(&self, text: &str, options: &DraftOptions) -> Checked {
        self.check_message(text, options, None)
    }

    /// Checks one message of a conversation (a lone draft when `conversation` is `None`): outgoing messages get
    /// every rule that applies to their language, role and author; customer messages only the rules about them.
    pub fn check_message(
        &self,
        text: &str,
        options: &DraftOptions,
        conversation: Option<ConversationView<'_>>,
    ) -> Checked {
        // A draft in a language tact does not check meets only the rules about that (`lang.unsupported`).
        let (lang, unchecked_lang) = match options.lang {
            Some(lang) => (lang, None),
            None => match crate::lang::identify(&mask_only(text)) {
                crate::lang::Detected::Checked(lang) => (lang, None),
                crate::lang::Detected::Other(code) => (options.fallback_lang, Some(code)),
                crate::lang::Detected::Unknown => (options.fallback_lang, None),
            },
        };
        let doc = Document::new(text, lang);
        // Channel ids are validated with the configuration and the records; an unknown one is never silently
        // judged as another.
        let rules: &RuleSet = self.rules;
        let channel: &Channel = match options.channel.as_deref().map(|id| rules.channel(id)) {
            Some(Ok(channel)) => channel,
            _ => Channel::unspecified(),
        };
        let speaker = conversation.map_or(Speaker::Agent, |view| view.message().speaker);
        let cx = Context {
            doc: &doc,
            role: options.role,
            author: options.author,
            lang,
            channel,
            unchecked_lang,
            words: self.words,
            conversation,
        };
        let casual_turn = channel.is_casual_turn(&doc);
        let suppressed = suppressions(text);
        let runs = |rule: &&Rule| {
            if !rule.check.target().covers(speaker) || !self.selection.enabled(rule) {
                return false;
            }
            if (rule.formal && casual_turn) || !rule.meets_language(unchecked_lang) {
                return false;
            }
            let applies = if speaker.is_outgoing() {
                rule.applies(lang, options.role, options.author, channel)
            } else {
                rule.langs.is_empty() || rule.langs.contains(&lang)
            };
            applies
                && !suppressed
                    .iter()
                    .any(|s| s.is_empty() || **s == *rule.id || s == rule.category.as_str())
        };
        let (spelling, others): (Vec<&Rule>, Vec<&Rule>) = self
            .rules
            .rules
            .iter()
            .filter(runs)
            .partition(|rule| rule.category == Category::Spelling);
        let mut diagnostics = Vec::new();
        if !spelling.is_empty() && !crate::spell::dictionary_loaded(lang) {
            // The first draft in a language waits for its dictionary (5 ms in English, 13 in French, loading since
            // the text was read) and maybe for a suggestion: spelling runs beside the other rules. A rayon join, not
            // a thread of its own: suggestions use the pool too, and a pool thread blocked on a foreign thread that
            // waits for the pool would deadlock.
            let mut from_spelling = Vec::new();
            rayon::join(
                || spelling.iter().for_each(|rule| rule.run(&cx, &mut from_spelling)),
                || others.iter().for_each(|rule| rule.run(&cx, &mut diagnostics)),
            );
            diagnostics.append(&mut from_spelling);
        } else {
            for rule in spelling.iter().chain(&others) {
                rule.run(&cx, &mut diagnostics);
            }
        }
        let checkers: Vec<&str> = spelling
            .iter()
            .chain(&others)
            .filter(|r| r.kind == "spelling")
            .map(|r| &*r.id)
            .collect();
        drop_spelling_covered_by_other_rules(&mut diagnostics, &checkers);
        diagnostics.sort_by(|a, b| (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule)));
        let mut checked = finish(lang, options, diagnostics);
        checked.unchecked_lang = unchecked_lang;
        checked
    }
}

/// One mistake, one diagnostic: "pls" is txt-speak, "{{prenom" a broken placeholder and "alot" a confused word, not
/// misspellings, so the more specific rule keeps the word. `checkers` are the ids of the dictionary rules.
fn drop_spelling_covered_by_other_rules(diagnostics: &mut Vec<Diagnostic>, checkers: &[&str]) {
    // Only a diagnostic about the word itself counts, not one about its whole sentence.
    const AROUND_THE_WORD: usize = 10;
    const MAX_OTHER: usize = 64;
    let mut others: Vec<std::ops::Range<usize>> = diagnostics
        .iter()
        .filter(|d| !checkers.contains(&&*d.rule) && d.span.len() <= MAX_OTHER)
        .map(|d| d.span.clone())
        .collect();
    if others.is_empty() {
        return;
    }
    others.sort_by_key(|r| r.start);
    diagnostics.retain(|d| {
        if !checkers.contains(&&*d.rule) {
            return true;
        }
        // Candidates are at most `MAX_OTHER` long, so none starting earlier can reach the word.
        let from = others.partition_point(|o| o.start + MAX_OTHER < d.span.start);
        !others[from..]
            .iter()
            .take_while(|o| o.start < d.span.end)
            .any(|o| d.span.start < o.end && o.len() <= d.span.len() + AROUND_THE_WORD)
    });
}

/// Scores the diagnostics and decides pass or fail.
pub fn finish(lang: Lang, options: &DraftOptions, diagnostics: Vec<Diagnostic>) -> Checked {
    let score = crate::score::score(&diagnostics);
    let failed_severity = diagnostics.iter().any(|d| options.fail_on.fails(d.severity));
    let failed_score = options.min_score.is_some_and(|min| score < min);
    Checked {
        lang,
        unchecked_lang: None,
        role: options.role,
        channel: options.channel.clone(),
        author: options.author,
        diagnostics,
        score,
        passed: !failed_severity && !failed_score,
        fail_on: options.fail_on,
    }
}

fn mask_only(text: &str) -> String {
    crate::document::apply_masks(text, &crate::document::find_masks(text))
}

/// Rule ids and categories named by `<!-- tact-disable ... -->` comments; an empty entry disables every rule.
fn suppressions(text: &str) -> Vec<String> {
    static DISABLE: OnceLock<Regex> = OnceLock::new();
    if !text.contains("tact-disable") {
        return Vec::new();
    }
    let regex = DISABLE.get_or_init(|| {
        Regex::new(r"<!--\s*tact-disable(?:\s+([^>]*?))?\s*-->").expect("suppression pattern compiles")
    });
    let mut out = Vec::new();
    for caps in regex.captures_iter(text) {
        match caps.get(1) {
            None => out.push(String::new()),
            Some(list) => out.extend(
                list.as_str()
                    .split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments() {
        assert_eq!(
            suppressions("a <!-- tact-disable tone.sarcasm, greeting --> b"),
            vec!["tone.sarcasm", "greeting"]
        );
        assert_eq!(suppressions("<!--tact-disable-->"), vec![String::new()]);
        assert!(suppressions("nothing here").is_empty());
    }
}
