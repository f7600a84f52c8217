//! Reading rule packs: TOML -> validated [`Rule`]s, with errors that name the file, line, column and rule.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::kinds::{find_kind, kinds, BuildError};
use super::spec::{RuleSpec, COMMON_KEYS};
use super::{Example, Owed, Rule};
use crate::model::{Category, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

impl RuleError {
    /// An error at byte `offset` of a pack's `text`, read from `origin`.
    pub fn at(origin: &str, text: &str, offset: usize, rule: Option<String>, message: String) -> RuleError {
        let (line, column) = line_column(text, offset);
        RuleError {
            file: origin.to_string(),
            line,
            column,
            rule,
            message,
        }
    }
}

/// A pack's text read as `R` (the tables one reader wants), or the TOML error placed in the file.
pub(super) fn parse_pack<R: serde::de::DeserializeOwned>(origin: &str, text: &str) -> Result<R, RuleError> {
    toml::from_str(text).map_err(|err: toml::de::Error| {
        let offset = err.span().map_or(0, |s| s.start);
        RuleError::at(origin, text, offset, None, plain_type_names(err.message().trim()))
    })
}

/// One `[[what]]` table of a pack read as its spec, with the byte offset where it starts.
pub(super) fn table_spec<T: serde::de::DeserializeOwned>(
    origin: &str,
    text: &str,
    what: &str,
    table: toml::Spanned<toml::Table>,
) -> Result<(usize, T), RuleError> {
    let at = table.span().start;
    let spec = toml::Value::Table(table.into_inner())
        .try_into()
        .map_err(|err: toml::de::Error| {
            let message = format!("{what}: {}", plain_type_names(err.message().trim()));
            RuleError::at(origin, text, at, None, message)
        })?;
    Ok((at, spec))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    rule: Vec<toml::Spanned<toml::Table>>,
    /// Read by [`super::channel::load_channels`].
    #[serde(default, rename = "channel")]
    _channels: Vec<serde::de::IgnoredAny>,
    /// Read by [`super::category::load_categories`].
    #[serde(default, rename = "category")]
    _categories: Vec<serde::de::IgnoredAny>,
}

/// Parses and compiles every rule of one pack. `origin` names the file in errors and in `tact explain`.
pub fn load_pack(origin: &str, text: &str) -> Result<Vec<Rule>, RuleError> {
    let error_at =
        |offset: usize, rule: Option<String>, message: String| RuleError::at(origin, text, offset, rule, message);
    let pack: RawPack = parse_pack(origin, text)?;
    let mut rules = Vec::with_capacity(pack.rule.len());
    for spanned in pack.rule {
        let span = spanned.span();
        let table = spanned.into_inner();
        let id = table.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let rule = build_rule(origin, table).map_err(|err| {
            let offset = locate(text, &span, &err);
            error_at(offset, id.clone(), err.message)
        })?;
        if let Some(clash) = rules
            .iter()
            .find(|r: &&Rule| r.id == rule.id && langs_overlap(&r.langs, &rule.langs))
        {
            return Err(error_at(
                span.start,
                id,
                format!("a rule with this id is already defined for {:?}", clash.langs),
            ));
        }
        rules.push(rule);
    }
    Ok(rules)
}

pub(crate) fn langs_overlap(a: &[Lang], b: &[Lang]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|l| b.contains(l))
}

/// Validates a rule table and compiles its check. Also used to rebuild a rule with configured parameters.
pub fn build_rule(origin: &str, table: toml::Table) -> Result<Rule, BuildError> {
    let kind_name = table
        .get("kind")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let kind = find_kind(&kind_name);
    for key in table.keys() {
        if COMMON_KEYS.contains(&key.as_str()) {
            continue;
        }
        let known_anywhere = kinds().iter().any(|k| k.params.contains(&key.as_str()));
        let message = match kind {
            Some(kind) if kind.params.contains(&key.as_str()) => continue,
            Some(kind) if known_anywhere => {
                format!(
                    "`{key}` does not apply to a `{}` rule (it takes: {})",
                    kind.name,
                    kind.params.join(", ")
                )
            }
            // An unknown kind is reported on its own; its parameters are not judged.
            _ if known_anywhere => continue,
            _ => format!("unknown key `{key}`"),
        };
        return Err(BuildError {
            message,
            key: None,
            literal: Some(key.clone()),
        });
    }
    let spec: RuleSpec = toml::Value::Table(table.clone())
        .try_into()
        .map_err(|err: toml::de::Error| BuildError {
            message: plain_type_names(err.message().trim()),
            key: None,
            literal: None,
        })?;
    let kind = kind.ok_or_else(|| {
        let known = kinds().iter().map(|k| k.name).collect::<Vec<_>>().join(", ");
        BuildError::key(
            "kind",
            format!("unknown kind `{}` (expected one of: {known})", spec.kind),
        )
    })?;

    let (prefix, name) = spec.id.split_once('.').unwrap_or(("", ""));
    let kebab = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if !kebab(name) {
        return Err(BuildError::key(
            "id",
            format!("rule id `{}` must be `category.rule-name` in kebab-case", spec.id),
        ));
    }
    let category_name = spec.category.as_deref().unwrap_or(prefix);
    // A category other than the built-in ones must be declared by a pack of the set: checked when the set is
    // settled, once every pack is in.
    let category = Category::named(category_name).ok_or_else(|| {
        BuildError::key(
            "category",
            format!("category `{category_name}` must be lower-case letters, digits and dashes"),
        )
    })?;
    if category_name != prefix {
        return Err(BuildError::key(
            "category",
            format!("rule id `{}` must start with its category `{category_name}.`", spec.id),
        ));
    }
    let severity = match spec.severity.as_deref() {
        None => crate::model::Severity::Warning,
        Some(s) => s.parse().map_err(|e: String| BuildError::key("severity", e))?,
    };
    let langs = parse_list(spec.lang.as_ref(), "lang")?;
    let roles = parse_list(spec.roles.as_ref(), "roles")?;
    let authors = parse_list(spec.authors.as_ref(), "authors")?;
    let channels = spec.channels.clone().unwrap_or_default();
    let owed = match spec.owed.as_deref() {
        None => None,
        Some("greeting") => Some(Owed::Greeting),
        Some("closing") => Some(Owed::Closing),
        Some(other) => {
            return Err(BuildError::key(
                "owed",
                format!("unknown `owed` value `{other}` (expected greeting or closing)"),
            ))
        }
    };
    let weight = spec.weight.unwrap_or(1.0);
    if !(0.0..=10.0).contains(&weight) {
        return Err(BuildError::key("weight", "`weight` must be between 0 and 10"));
    }
    let examples = spec
        .example
        .iter()
        .map(|e| {
            let conversation = match &e.messages {
                None => None,
                Some(messages) => Some(example_conversation(messages, e.message)?),
            };
            let text = match &conversation {
                Some((c, index)) => c.messages[*index].text.clone(),
                None => e.text.clone(),
            };
            Ok(Example {
                conversation,
                text,
                expect: e.expect,
                role: e
                    .role
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|m: String| BuildError::key("example", m))?,
                author: e
                    .author
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|m: String| BuildError::key("example", m))?,
                lang: e
                    .lang
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|m: String| BuildError::key("example", m))?,
                channel: e.channel.clone(),
                with: e.with.clone(),
            })
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    let mut translations = Vec::new();
    for (code, translation) in spec.translations.iter().flatten() {
        let lang: Lang = code.parse().map_err(|e: String| BuildError::key("translations", e))?;
        let help = translation
            .help
            .as_deref()
            .unwrap_or(spec.help.as_deref().unwrap_or(""))
            .trim();
        translations.push((lang, translation.message.clone(), Arc::from(help)));
    }
    let check = (kind.build)(&spec)?;
    Ok(Rule {
        id: Arc::from(spec.id.as_str()),
        category,
        kind: kind.name.to_string(),
        severity,
        langs,
        roles,
        authors,
        channels,
        owed,
        opt_in: false,
        category_weight: 1.0,
        formal: spec.formal.unwrap_or(false),
        message: spec.message.clone(),
        help: Arc::from(spec.help.as_deref().unwrap_or("").trim()),
        translations,
        weight,
        examples,
        origin: origin.to_string(),
        table,
        check,
    })
}

fn example_conversation(
    messages: &[super::spec::MessageSpec],
    checked: Option<usize>,
) -> Result<(Arc<crate::conversation::Conversation>, usize), BuildError> {
    use crate::conversation::{parse_rfc3339, Conversation, Message, Speaker};
    let mut conversation = Conversation::default();
    for message in messages {
        let speaker = Speaker::parse(&message.role)
            .ok_or_else(|| BuildError::key("example", format!("unknown message role `{}`", message.role)))?;
        conversation.messages.push(Message {
            speaker,
            time: message.time.as_deref().and_then(parse_rfc3339),
            time_text: message.time.clone(),
            text: message.text.clone(),
            tag: message.tag.as_ref().map(|t| t.trim().to_ascii_uppercase()),
        });
    }
    let index = checked
        .unwrap_or(messages.len())
        .checked_sub(1)
        .filter(|i| *i < messages.len());
    let index = index.ok_or_else(|| BuildError::key("example", "`message` must point at one of `messages`"))?;
    Ok((Arc::new(conversation), index))
}

fn parse_list<T: std::str::FromStr<Err = String>>(
    values: Option<&Vec<String>>,
    key: &'static str,
) -> Result<Vec<T>, BuildError> {
    values
        .map(|list| {
            list.iter()
                .map(|v| v.parse().map_err(|e: String| BuildError::key(key, e)))
                .collect()
        })
        .unwrap_or_else(|| Ok(Vec::new()))
}

/// Where in the rule's table the error is: the key it names, else the literal (a regex), else the table's start.
fn locate(text: &str, span: &Range<usize>, err: &BuildError) -> usize {
    let section = &text[span.clone()];
    if let Some(key) = err.key.or(err.literal.as_deref().filter(|l| is_bare_key(l))) {
        let mut offset = 0;
        for line in section.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                return span.start + offset + (line.len() - trimmed.len());
            }
            offset += line.len();
        }
    }
    if let Some(literal) = &err.literal {
        let escaped = literal.replace('\\', "\\\\").replace('"', "\\\"");
        for needle in [literal.as_str(), escaped.as_str()] {
            if let Some(found) = section.find(needle) {
                return span.start + found;
            }
        }
    }
    span.start
}

fn is_bare_key(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// serde names Rust types in its messages (`expected u8`, `expected f64`); whoever writes a rule pack or a
/// configuration thinks in TOML values.
pub fn plain_type_names(message: &str) -> String {
    [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("expected a boolean", "expected true or false"),
    ]
    .iter()
    .fold(message.to_string(), |text, (from, to)| text.replace(from, to))
}

/// 1-based line and column (in characters) of a byte offset: for errors in files tact reads whole.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The rule packs embedded in the binary, as (path, contents).
pub fn builtin_packs() -> &'static [(&'static str, &'static str)] {
    super::builtin::PACKS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> RuleError {
        match load_pack("user/rules.toml", text) {
            Ok(_) => panic!("expected an error"),
            Err(err) => err,
        }
    }

    #[test]
    fn bad_regex_names_file_line_column_and_rule() {
        let err =
            error("[[rule]]\nid = \"tone.bad\"\nkind = \"pattern\"\nmessage = \"m\"\npatterns = ['ok', '(unclosed']\n");
        assert_eq!((err.line, err.column, err.rule.as_deref()), (5, 20, Some("tone.bad")));
        assert!(
            err.to_string()
                .starts_with("user/rules.toml:5:20: rule `tone.bad`: invalid regex"),
            "{err}"
        );
    }

    #[test]
    fn unknown_and_misplaced_keys() {
        let err = error(
            "[[rule]]\nid = \"tone.x\"\nkind = \"pattern\"\nmessage = \"m\"\npatterns = ['a']\npaterns = ['b']\n",
        );
        assert_eq!((err.line, err.column), (6, 1));
        assert!(err.message.contains("unknown key `paterns`"));
        let err =
            error("[[rule]]\nid = \"tone.x\"\nkind = \"pattern\"\nmessage = \"m\"\npatterns = ['a']\n  max = 3\n");
        assert_eq!((err.line, err.column), (6, 3));
        assert!(err.message.contains("does not apply to a `pattern` rule"));
    }

    #[test]
    fn malformed_toml_and_bad_ids() {
        let err = error("[[rule]]\nid = \"tone.x\nkind = 1\n");
        assert_eq!(err.line, 2);
        assert_eq!(err.rule, None);
        let err = error("[[rule]]\nid = \"Tone.X\"\nkind = \"pattern\"\nmessage = \"m\"\npatterns = ['a']\n");
        assert!(err.message.contains("kebab-case"), "{err}");
        let err = error("[[rule]]\nid = \"tone.x\"\nkind = \"patern\"\nmessage = \"m\"\npatterns = ['a']\n");
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unknown kind"));
        let err = error("[rule]\nid = 1\n");
        assert_eq!(err.line, 1);
    }

    #[test]
    fn the_same_id_may_exist_once_per_language() {
        let pack = "[[rule]]\nid='tone.x'\nkind='pattern'\nmessage='m'\nlang=['en']\npatterns=['a']\n\
                    [[rule]]\nid='tone.x'\nkind='pattern'\nmessage='m'\nlang=['fr']\npatterns=['b']\n";
        assert_eq!(load_pack("p.toml", pack).map(|r| r.len()), Ok(2));
        let clash = pack.replace("lang=['fr']", "lang=['en']");
        assert!(load_pack("p.toml", &clash).is_err());
    }

    #[test]
    fn translations_give_the_message_for_drafts_in_their_language() {
        let pack = "[[rule]]\nid = 'tone.x'\nkind = 'pattern'\nmessage = 'Avoid “{match}”.'\nhelp = 'Why.'\npatterns = ['(?i)\\bobviously\\b', '(?i)\\bévidemment\\b']\n[rule.translations.fr]\nmessage = 'Évitez « {match} ».'\n";
        let rules = load_pack("t.toml", pack).unwrap();
        let rule = &rules[0];
        assert_eq!(rule.text_in(Lang::Fr).0, "Évitez « {match} ».");
        assert_eq!(&**rule.text_in(Lang::Fr).1, "Why.", "help falls back to the rule's own");
        assert_eq!(rule.text_in(Lang::En).0, "Avoid “{match}”.");
        let bad = "[[rule]]\nid = 'tone.x'\nkind = 'pattern'\nmessage = 'm'\npatterns = ['a']\n[rule.translations.xx]\nmessage = 'm'\n";
        assert!(load_pack("t.toml", bad).is_err());
    }
}
