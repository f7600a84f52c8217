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
    /// Rule ids and categories not checked on this draft (a record's `ignore`), as `tact-disable` would.
    pub ignore: Vec<String>,
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
            ignore: Vec::new(),
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
    /// What judged the draft, to judge it again when some diagnostics are taken out (a baseline).
    pub fail_on: FailOn,
    pub min_score: Option<u8>,
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
        let masks = crate::document::find_masks(text);
        let masked = crate::document::apply_masks(text, &masks);
        let (lang, unchecked_lang) = match options.lang {
            Some(lang) => (lang, None),
            None => match crate::lang::identify(&masked) {
                crate::lang::Detected::Checked(lang) => (lang, None),
                crate::lang::Detected::Other(code) => (options.fallback_lang, Some(code)),
                crate::lang::Detected::Unknown => (options.fallback_lang, None),
            },
        };
        let doc = Document::with_masks(text, lang, masks, masked);
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
        let suppressed = Suppressions::of(text, &options.ignore);
        let runs = |rule: &&Rule| {
            if !rule.check.target().covers(speaker) || !self.selection.enabled(rule) {
                return false;
            }
            if (rule.formal && casual_turn) || !rule.meets_language(unchecked_lang) {
                return false;
            }
            if speaker.is_outgoing() {
                rule.applies(lang, options.role, options.author, channel)
            } else {
                // A customer's message has no role or author of ours; language and channel still apply.
                (rule.langs.is_empty() || rule.langs.contains(&lang))
                    && (channel.id.is_empty() || rule.channels.is_empty() || rule.channels.contains(&channel.id))
            }
        };
        let (spelling, others): (Vec<&Rule>, Vec<&Rule>) = self
            .rules
            .rules
            .iter()
            .filter(|rule| runs(rule) && !suppressed.whole_draft(rule))
            .partition(|rule| rule.category == Category::Spelling);
        // A rule a comment or a record turned off still says which words are its own: "thx" allowed as txt-speak is
        // not a misspelling either. Such rules run only to cover the dictionary rule's findings, and say nothing.
        let silenced: Vec<&Rule> = if suppressed.is_empty() || suppressed.every_rule() || spelling.is_empty() {
            Vec::new()
        } else {
            self.rules
                .rules
                .iter()
                .filter(|rule| rule.kind != "spelling" && runs(rule) && suppressed.whole_draft(rule))
                .collect()
        };
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
        for rule in &silenced {
            rule.run(&cx, &mut diagnostics);
        }
        drop_spelling_covered_by_other_rules(&mut diagnostics, &checkers);
        if !silenced.is_empty() {
            diagnostics.retain(|d| !silenced.iter().any(|rule| rule.id == d.rule));
        }
        suppressed.drop_next_line_findings(&mut diagnostics);
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
    let (score, passed) = judge(&diagnostics, options.fail_on, options.min_score);
    Checked {
        lang,
        unchecked_lang: None,
        role: options.role,
        channel: options.channel.clone(),
        author: options.author,
        diagnostics,
        score,
        passed,
        fail_on: options.fail_on,
        min_score: options.min_score,
    }
}

/// The score of a draft with these diagnostics, and whether it passes.
pub fn judge<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic> + Clone,
    fail_on: FailOn,
    min_score: Option<u8>,
) -> (u8, bool) {
    let score = crate::score::score(diagnostics.clone());
    let failed_severity = diagnostics.into_iter().any(|d| fail_on.fails(d.severity));
    let failed_score = min_score.is_some_and(|min| score < min);
    (score, !failed_severity && !failed_score)
}

/// What `<!-- tact-disable … -->` comments and a record's `ignore` turn off. A name is a rule id or a category; an
/// empty list turns off every rule. `tact-disable` holds for the whole draft, `tact-disable-next-line` for the line
/// after the comment (a multi-line draft's known exception).
#[derive(Debug, Default, PartialEq, Eq)]
struct Suppressions {
    whole: Vec<String>,
    /// Byte range of a line, and what is off on it.
    lines: Vec<(std::ops::Range<usize>, Vec<String>)>,
}

fn names_match(names: &[String], id: &str, category: &str) -> bool {
    names.is_empty() || names.iter().any(|n| n == id || n == category)
}

impl Suppressions {
    fn of(text: &str, ignore: &[String]) -> Suppressions {
        static DISABLE: OnceLock<Regex> = OnceLock::new();
        let mut out = Suppressions::default();
        if !ignore.is_empty() {
            out.whole.extend(ignore.iter().cloned());
        }
        if !text.contains("tact-disable") {
            return out;
        }
        let regex = DISABLE.get_or_init(|| {
            Regex::new(r"<!--\s*tact-disable(-next-line)?(?:\s+([^>]*?))?\s*-->").expect("suppression pattern compiles")
        });
        let mut every_rule = false;
        for caps in regex.captures_iter(text) {
            let names: Vec<String> = caps.get(2).map_or_else(Vec::new, |list| {
                list.as_str()
                    .split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            });
            let end = caps.get(0).map_or(0, |m| m.end());
            if caps.get(1).is_some() {
                let start = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
                let stop = text[start..].find('\n').map_or(text.len(), |n| start + n);
                out.lines.push((start..stop, names));
            } else if names.is_empty() {
                every_rule = true;
            } else {
                out.whole.extend(names);
            }
        }
        if every_rule {
            out.whole.clear();
            out.whole.push(String::new());
        }
        out
    }

    fn is_empty(&self) -> bool {
        self.whole.is_empty() && self.lines.is_empty()
    }

    /// Whether a comment turned every rule off for the whole draft.
    fn every_rule(&self) -> bool {
        self.whole.iter().any(String::is_empty)
    }

    /// Whether `rule` is off for the whole draft.
    fn whole_draft(&self, rule: &Rule) -> bool {
        self.whole
            .iter()
            .any(|s| s.is_empty() || **s == *rule.id || s == rule.category.as_str())
    }

    fn drop_next_line_findings(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.lines.is_empty() {
            return;
        }
        diagnostics.retain(|d| {
            !self
                .lines
                .iter()
                .any(|(line, names)| line.contains(&d.span.start) && names_match(names, &d.rule, d.category.as_str()))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments() {
        let of = |text: &str| Suppressions::of(text, &[]).whole;
        assert_eq!(
            of("a <!-- tact-disable tone.sarcasm, greeting --> b"),
            vec!["tone.sarcasm", "greeting"]
        );
        assert_eq!(of("<!--tact-disable-->"), vec![String::new()]);
        assert_eq!(
            of("a <!-- tact-disable x --> <!-- tact-disable --> b"),
            vec![String::new()]
        );
        assert!(of("nothing here").is_empty());
        assert!(of("<!-- tact-disable-next-line greeting -->").is_empty());
    }

    #[test]
    fn next_line_comments_cover_the_line_after_them_only() {
        let text = "Hi Ann,\n<!-- tact-disable-next-line tone -->\nAs I said, it left.\nAs I said, it left.";
        let lines = Suppressions::of(text, &[]).lines;
        assert_eq!(lines.len(), 1);
        assert_eq!(&text[lines[0].0.clone()], "As I said, it left.");
        assert_eq!(lines[0].1, vec!["tone"]);
        let at_end = Suppressions::of("text <!--tact-disable-next-line-->", &[]).lines;
        assert!(at_end[0].0.is_empty(), "{at_end:?}");
    }

    #[test]
    fn a_word_a_silenced_rule_owns_is_not_a_misspelling_either() {
        let rules = RuleSet::builtin().unwrap();
        let selection = Selection::default();
        let words = WordSet::default();
        let linter = Linter {
            rules: &rules,
            selection: &selection,
            words: &words,
        };
        let options = DraftOptions {
            lang: Some(Lang::En),
            ..DraftOptions::default()
        };
        let flagged = |text: &str| -> Vec<String> {
            linter
                .check(text, &options)
                .diagnostics
                .iter()
                .map(|d| d.rule.to_string())
                .collect()
        };
        let text = "Hi Sam, thx for your patience. Best, Jo";
        assert!(flagged(text).contains(&"grammar.txt-speak".to_string()));
        let allowed = flagged(&format!("<!-- tact-disable grammar.txt-speak -->{text}"));
        assert!(allowed.is_empty(), "{allowed:?}");
        // Turning spelling off as well, or everything, still flags nothing.
        assert!(flagged(&format!("<!-- tact-disable -->{text}")).is_empty());
    }

    #[test]
    fn a_records_ignore_list_acts_as_a_whole_draft_comment() {
        let suppressed = Suppressions::of("Hi", &["greeting".to_string(), "tone.sarcasm".to_string()]);
        assert_eq!(suppressed.whole, vec!["greeting", "tone.sarcasm"]);
    }
}
