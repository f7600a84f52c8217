//! Rules: a kind in code (`kinds/`), instances as TOML data (`rules/`), run over a [`Document`].

mod builtin;
pub mod category;
pub mod channel;
pub mod kinds;
pub mod lazy_regex;
mod loader;
mod needle_table;
pub mod needles;
pub mod registry;
mod spec;

use std::ops::Range;
use std::sync::Arc;

pub use category::{load_categories, CategoryDef};
pub use channel::{load_channels, Channel};
pub use loader::{build_rule, builtin_packs, line_column, load_pack, plain_type_names, RuleError};
pub use spec::{ExampleSpec, RuleSpec};

use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use crate::model::{Author, Category, Lang, Role, Severity};

/// What a check sees of the draft.
pub struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub role: Role,
    pub author: Author,
    pub lang: Lang,
    /// The ISO 639-1 code of the language the draft is written in when tact does not check it; `lang` is then only
    /// a fallback and no other rule runs.
    pub unchecked_lang: Option<&'static str>,
    /// Where the draft is sent; [`Channel::unspecified`] when nobody said.
    pub channel: &'d Channel,
    pub words: &'d crate::spell::WordSet,
    /// The transcript around the message, for drafts taken from a conversation record.
    pub conversation: Option<crate::conversation::ConversationView<'d>>,
}

/// Which messages a check runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Drafts: lone ones and the agent's or bot's messages in a conversation.
    Outgoing,
    /// The customer's messages in a conversation (an unanswered question).
    Customer,
    Any,
}

impl Target {
    pub fn covers(self, speaker: crate::conversation::Speaker) -> bool {
        match self {
            Target::Any => true,
            Target::Outgoing => speaker.is_outgoing(),
            Target::Customer => !speaker.is_outgoing(),
        }
    }
}

/// One match of a rule, before it becomes a [`Diagnostic`].
#[derive(Clone, Debug, Default)]
pub struct Finding {
    pub span: Range<usize>,
    /// Values for the `{name}` placeholders of the rule's message.
    pub vars: Vec<(&'static str, String)>,
    pub suggestions: Vec<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn at(span: Range<usize>) -> Finding {
        Finding {
            span,
            ..Finding::default()
        }
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Finding {
        self.vars.push((name, value.into()));
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Finding {
        self.fix = fix;
        self
    }
}

/// A rule kind's compiled check.
pub trait Check: Send + Sync {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>);
}

#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    /// A conversation example: the transcript and the 0-based index of the message checked.
    pub conversation: Option<(std::sync::Arc<crate::conversation::Conversation>, usize)>,
    pub expect: usize,
    pub role: Option<Role>,
    pub author: Option<Author>,
    pub lang: Option<Lang>,
    pub channel: Option<String>,
    /// Parameters the example is run with, merged over the rule's.
    pub with: Option<toml::Table>,
}

pub struct Rule {
    pub id: Arc<str>,
    pub category: Category,
    pub kind: String,
    pub severity: Severity,
    /// Empty: every language (and likewise for roles and authors).
    pub langs: Vec<Lang>,
    pub roles: Vec<Role>,
    pub authors: Vec<Author>,
    /// Channel ids; empty: every channel. A draft with no channel named meets every rule.
    pub channels: Vec<String>,
    /// The rule checks what a channel says a message owes in its role, and runs only where it is owed.
    pub owed: Option<Owed>,
    /// The rule runs only when a selector names it or its category (its category is opt-in); set when the rule set
    /// is settled.
    pub opt_in: bool,
    /// The score weight of the rule's category, which multiplies the rule's own; set when the rule set is settled.
    pub category_weight: f32,
    /// A rule of written register (capitals, full stops), left out on a channel's casual turns ("ok merci").
    pub formal: bool,
    pub message: String,
    pub help: Arc<str>,
    /// Message and help for drafts in other languages (`[rule.translations.fr]`).
    pub translations: Vec<(Lang, String, Arc<str>)>,
    pub weight: f32,
    pub examples: Vec<Example>,
    /// The file the rule came from (`rules/en/tone.toml` for a built-in one).
    pub origin: String,
    /// The rule's TOML table as written, so that configured parameters can rebuild it.
    pub table: toml::Table,
    pub check: Box<dyn Check>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// What a channel can say a message owes in its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owed {
    Greeting,
    Closing,
}

impl Rule {
    pub fn applies(&self, lang: Lang, role: Role, author: Author, channel: &Channel) -> bool {
        (self.langs.is_empty() || self.langs.contains(&lang))
            && (self.roles.is_empty() || self.roles.contains(&role))
            && (self.authors.is_empty() || self.authors.contains(&author))
            && (channel.id.is_empty() || self.channels.is_empty() || self.channels.contains(&channel.id))
            // The policy category is Messenger's messaging window and tags: only channels under it.
            && (self.category != Category::Policy || channel.messaging_window)
            && match self.owed {
                None => true,
                Some(Owed::Greeting) => channel.owes_greeting(role),
                Some(Owed::Closing) => channel.owes_closing(role),
            }
    }

    /// A draft in a language tact does not check meets only the rules about that (`lang.unsupported`); every other
    /// draft meets every rule but those.
    pub fn meets_language(&self, unchecked_lang: Option<&str>) -> bool {
        unchecked_lang.is_some() == (self.category == Category::Lang)
    }

    /// The first line of the help: what `tact rules` shows.
    pub fn summary(&self) -> &str {
        let message = self.message.lines().next().unwrap_or("");
        if message.contains('{') {
            self.help.split(". ").next().unwrap_or(message)
        } else {
            message
        }
    }

    /// The message template and help for a draft in `lang`: its translation, else the rule's own.
    pub fn text_in(&self, lang: Lang) -> (&str, &Arc<str>) {
        self.translations
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map_or((&self.message, &self.help), |(_, message, help)| (message, help))
    }

    pub fn run(&self, cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
        let mut findings = Vec::new();
        self.check.check(cx, &mut findings);
        let (template, help) = self.text_in(cx.lang);
        for finding in findings {
            let span = clamp_span(cx.doc.text, finding.span.clone());
            let message = render_message(template, &cx.doc.text[span.clone()], &finding.vars);
            out.push(Diagnostic {
                rule: self.id.clone(),
                category: self.category,
                severity: self.severity,
                weight: self.weight * self.category_weight,
                message,
                help: help.clone(),
                span,
                suggestions: finding.suggestions,
                fix: finding.fix,
            });
        }
    }
}

fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = crate::document::floor_char_boundary(text, span.start);
    let end = crate::document::ceil_char_boundary(text, span.end.min(text.len()).max(start));
    start..end
}

const MAX_QUOTED_CHARS: usize = 60;

/// Fills `{match}` and the kind's own placeholders; an unknown `{name}` stays as written.
pub fn render_message(template: &str, matched: &str, vars: &[(&'static str, String)]) -> String {
    let mut quoted: String = matched.split_whitespace().collect::<Vec<_>>().join(" ");
    if quoted.chars().count() > MAX_QUOTED_CHARS {
        quoted = quoted.chars().take(MAX_QUOTED_CHARS - 1).collect::<String>() + "…";
    }
    let mut out = String::with_capacity(template.len() + quoted.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        if name == "match" {
            out.push_str(&quoted);
        } else if let Some((_, value)) = vars.iter().find(|(n, _)| *n == name) {
            out.push_str(value);
        } else {
            out.push_str(&rest[open..open + close + 2]);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// What one pack file holds: rules, and the channels and categories it declares.
#[derive(Default)]
pub struct Pack {
    pub rules: Vec<Rule>,
    pub channels: Vec<Channel>,
    pub categories: Vec<CategoryDef>,
}

impl Pack {
    /// Parses and compiles one pack file; `origin` names it in errors and in `tact explain`.
    pub fn load(origin: &str, text: &str) -> Result<Pack, RuleError> {
        Ok(Pack {
            rules: load_pack(origin, text)?,
            channels: load_channels(origin, text)?,
            categories: load_categories(origin, text)?,
        })
    }
}

/// Every `.toml` rule pack under `dir`, in path order.
pub fn read_rule_dir(dir: &std::path::Path) -> Result<Vec<Pack>, String> {
    let mut paths = Vec::new();
    collect_toml(dir, &mut paths).map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let origin = path.display().to_string();
            lazy_regex::compiling_eagerly(|| Pack::load(&origin, &text)).map_err(|e| e.to_string())
        })
        .collect()
}

fn collect_toml(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded pack list is generated code, like a static table: regenerate it when `rules/` changes.
    #[test]
    fn builtin_pack_list_is_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        collect_toml(&root.join("rules"), &mut paths).unwrap();
        let mut relative: Vec<String> = paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        relative.sort();
        let mut generated = String::from(
            "// Generated by `cargo test builtin_pack_list_is_current`; do not edit by hand.\n#[rustfmt::skip]\npub static PACKS: &[(&str, &str)] = &[\n",
        );
        for path in &relative {
            generated.push_str(&format!("    (\"{path}\", include_str!(\"../../{path}\")),\n"));
        }
        generated.push_str("];\n");
        let target = root.join("src/engine/builtin.rs");
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        if current != generated {
            std::fs::write(&target, &generated).unwrap();
            panic!("src/engine/builtin.rs was stale and has been regenerated; rebuild and run the tests again");
        }
    }

    #[test]
    fn message_placeholders() {
        assert_eq!(
            render_message(
                "“{match}” has {value} words; keep under {max}.",
                "a  b\nc",
                &[("value", "3".into()), ("max", "2".into())]
            ),
            "“a b c” has 3 words; keep under 2."
        );
        assert_eq!(render_message("keep {unknown} and {", "x", &[]), "keep {unknown} and {");
    }
}
