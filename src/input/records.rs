//! Records in JSON Lines, JSON, YAML and CSV: draft records, conversation records, and the help-desk exports teams
//! actually have (Zendesk, Freshdesk, Front, Intercom, Gorgias macros and canned responses).

use std::sync::Arc;

use super::json::{self, Json, JsonString};
use super::{html, Draft, InputError, Parsed, RecordErrorKind, SourceFile, SourceMap};
use crate::conversation::{parse_rfc3339, Conversation, Message, Speaker};

/// Where the text of a record may be, in order of preference, when `--text-field` does not say.
pub const TEXT_FIELDS: &[&str] = &[
    "text",
    "body_text",
    "content",
    "body",
    "content_html",
    "body_html",
    "comment_value",
    "message",
    "response",
    "reply",
];

/// Keys under which exports keep their array of records.
const COLLECTION_KEYS: &[&str] = &[
    "macros",
    "canned_responses",
    "responses",
    "templates",
    "data",
    "_results",
    "results",
    "records",
    "drafts",
    "conversations",
    "items",
    "messages_templates",
];

#[derive(Clone, Copy, Debug, Default)]
pub struct RecordOptions<'a> {
    pub text_field: Option<&'a str>,
}

pub fn parse_jsonl(source: &SourceFile, bom: usize, options: RecordOptions<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut offset = bom;
    for line in source.text[bom..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        parse_jsonl_line(source, line, start, options, &mut parsed);
    }
    parsed
}

/// One line of JSON Lines, starting at byte `start` of the file. A record without an id is given its 1-based line
/// number (in the stream) as one, so that its output joins back to it; a line that cannot be read yields one error
/// in its place.
pub fn parse_jsonl_line(
    source: &SourceFile,
    line: &str,
    start: usize,
    options: RecordOptions<'_>,
    parsed: &mut Parsed,
) {
    let content = line.trim_end_matches(['\n', '\r']);
    if content.trim().is_empty() {
        return;
    }
    let line_id = source.line_column(start).line.to_string();
    match json::parse(content, start) {
        Ok(record) => add_record(source, &record, start, options, false, Some(line_id), parsed),
        Err(err) => parsed.errors.push(InputError::record(
            source,
            err.offset,
            RecordErrorKind::InvalidJson,
            Some(line_id),
            false,
            format!("invalid JSON: {}", err.message),
        )),
    }
}

/// A whole JSON, YAML or CSV document already read into a tree.
pub fn parse_tree(source: &SourceFile, tree: &Json, base: usize, options: RecordOptions<'_>, parsed: &mut Parsed) {
    let tree = csv_conversations(tree).unwrap_or_else(|| tree.clone());
    let (records, export) = collection(&tree);
    match records {
        Some(records) => {
            for record in records {
                add_record(source, record, base, options, export, None, parsed);
            }
        }
        None => parsed.errors.push(InputError::at(
            source,
            base,
            "no records found: expected an array of records, a record, or a known help-desk export",
        )),
    }
}

/// Whether a document holds messages at all: a record with a text or a conversation. A folder's `package.json` or
/// CI workflow is not a file of messages, and a walk skips it.
pub fn holds_messages(tree: &Json, options: RecordOptions<'_>) -> bool {
    let tree = csv_conversations(tree).unwrap_or_else(|| tree.clone());
    collection(&tree).0.is_some_and(|records| {
        records
            .iter()
            .any(|r| text_of(r, options).is_some() || matches!(r.get("messages"), Some(Json::Array(_))))
    })
}

/// The records of a document, and whether it is a help-desk export (whose records are named by title).
fn collection(tree: &Json) -> (Option<Vec<&Json>>, bool) {
    match tree {
        Json::Array(items) => (Some(items.iter().collect()), false),
        Json::Object(members) => {
            for key in COLLECTION_KEYS {
                if let Some(Json::Array(items)) = tree.get(key) {
                    let export = !matches!(*key, "drafts" | "conversations" | "records" | "items");
                    return (Some(items.iter().collect()), export);
                }
            }
            // A single macro or template object (`{"macro": {...}}`) or a single record.
            if members.len() == 1 {
                if let (_, inner @ Json::Object(_)) = &members[0] {
                    if text_of(inner, RecordOptions::default()).is_some() {
                        return (Some(vec![inner]), true);
                    }
                }
            }
            (Some(vec![tree]), false)
        }
        _ => (None, false),
    }
}

/// One record; `line_id` names it when it has no id of its own (JSON Lines: its line number).
fn add_record(
    source: &SourceFile,
    record: &Json,
    offset: usize,
    options: RecordOptions<'_>,
    export: bool,
    line_id: Option<String>,
    parsed: &mut Parsed,
) {
    let Json::Object(_) = record else {
        parsed.errors.push(InputError::record(
            source,
            offset,
            RecordErrorKind::NotARecord,
            line_id,
            false,
            "expected a record (an object)",
        ));
        return;
    };
    let id = record.get("id").and_then(Json::to_text);
    let title = ["title", "name"]
        .iter()
        .find_map(|k| record.get(k).and_then(Json::to_text));
    let name = if export {
        title.clone().or(id.clone())
    } else {
        id.clone().or(title.clone())
    };
    let named = name.is_some();
    let id = name.or(line_id);
    let by_line = !named && id.is_some();
    let fail = |at: usize, kind: RecordErrorKind, message: String| {
        InputError::record(source, at, kind, id.clone(), named, message)
    };
    let position = first_offset(record).unwrap_or(offset);
    if let Some(messages) = record.get("messages") {
        match conversation(source, record, messages, id.clone(), position) {
            Ok(drafts) => parsed.drafts.extend(drafts.into_iter().map(|mut draft| {
                draft.line_id = by_line;
                draft
            })),
            Err((at, kind, message)) => parsed.errors.push(fail(at, kind, message)),
        }
        return;
    }
    let Some((text, is_html)) = text_of(record, options) else {
        let fields = options
            .text_field
            .map_or_else(|| "`text`".to_string(), |f| format!("`{f}`"));
        parsed.errors.push(fail(
            position,
            RecordErrorKind::NoText,
            format!("record has no {fields} string; not checked"),
        ));
        return;
    };
    let fields = (
        parse_field(record, "lang"),
        parse_field(record, "role"),
        parse_field(record, "author"),
    );
    let (lang, role, author) = match fields {
        (Ok(lang), Ok(role), Ok(author)) => (lang, role, author),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => {
            parsed
                .errors
                .push(fail(text.span.start, RecordErrorKind::InvalidField, e));
            return;
        }
    };
    let (channel, ignore) = match (channel_field(record), ignore_field(record)) {
        (Ok(channel), Ok(ignore)) => (channel, ignore),
        (Err(e), _) | (_, Err(e)) => {
            parsed
                .errors
                .push(fail(text.span.start, RecordErrorKind::InvalidField, e));
            return;
        }
    };
    let (value, map) = decode(text, is_html);
    parsed.drafts.push(Draft {
        id,
        line_id: by_line,
        text: value,
        lang,
        role,
        author,
        channel,
        ignore,
        map,
        ..Draft::default()
    });
}

/// The string a record's text lives in, and whether it is HTML.
fn text_of<'j>(record: &'j Json, options: RecordOptions<'_>) -> Option<(&'j JsonString, bool)> {
    if let Some(field) = options.text_field {
        return record
            .get(field)
            .and_then(Json::as_string)
            .map(|s| (s, field.ends_with("html")));
    }
    if let Some(found) = action_text(record) {
        return Some(found);
    }
    TEXT_FIELDS.iter().find_map(|field| {
        record
            .get(field)
            .and_then(Json::as_string)
            .map(|s| (s, field.ends_with("html")))
    })
}

/// Zendesk macros (`actions[]` with `field` `comment_value` / `comment_value_html`) and Gorgias macros
/// (`actions[].arguments.body_text`).
fn action_text(record: &Json) -> Option<(&JsonString, bool)> {
    let Some(Json::Array(actions)) = record.get("actions") else {
        return None;
    };
    for action in actions {
        if let Some(field @ ("comment_value" | "comment_value_html")) = action.get("field").and_then(Json::as_str) {
            let value = match action.get("value") {
                Some(Json::Array(parts)) => parts.iter().rev().find_map(Json::as_string),
                Some(value) => value.as_string(),
                None => None,
            };
            if let Some(value) = value {
                return Some((value, field.ends_with("html")));
            }
        }
        if let Some(arguments) = action.get("arguments") {
            if let Some(body) = arguments.get("body_text").and_then(Json::as_string) {
                return Some((body, false));
            }
            if let Some(body) = arguments.get("body_html").and_then(Json::as_string) {
                return Some((body, true));
            }
        }
    }
    None
}

/// The text to check and its map to the file: HTML is read as the text it shows.
fn decode(text: &JsonString, is_html: bool) -> (String, SourceMap) {
    if is_html || html::looks_like_html(&text.value) {
        let (plain, pieces) = html::to_text(&text.value);
        (plain, html::compose(&pieces, &text.map))
    } else {
        (text.value.clone(), text.map.clone())
    }
}

/// A keyword field of a record (`lang`, `role`, `author`), absent or valid.
fn parse_field<T: std::str::FromStr<Err = String>>(record: &Json, key: &str) -> Result<Option<T>, String> {
    match record.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(value) => match value.as_str() {
            Some(text) => text.parse().map(Some),
            None => Err(format!("`{key}` must be a string")),
        },
    }
}

/// A record's `channel`: a string when present (which channels exist is the rule set's business).
fn channel_field(record: &Json) -> Result<Option<String>, String> {
    match record.get("channel") {
        None | Some(Json::Null) => Ok(None),
        Some(value) => match value.as_str() {
            Some(id) if !id.trim().is_empty() => Ok(Some(id.trim().to_string())),
            _ => Err("`channel` must be a channel id such as \"messenger\" or \"email\"".to_string()),
        },
    }
}

/// A record's `ignore`: the rules and categories a template may break, as an array of strings or one string of
/// comma-separated names (which exist is checked against the rule set with the draft).
fn ignore_field(record: &Json) -> Result<Vec<String>, String> {
    let names = |text: &str| -> Vec<String> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let malformed = || "`ignore` must list rule ids or categories, e.g. [\"greeting\", \"tone.sarcasm\"]".to_string();
    match record.get("ignore") {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(Json::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(names).ok_or_else(malformed))
            .collect::<Result<Vec<_>, _>>()
            .map(|lists| lists.concat()),
        Some(value) => value.as_str().map(names).ok_or_else(malformed),
    }
}

fn first_offset(json: &Json) -> Option<usize> {
    match json {
        Json::String(s) => Some(s.span.start),
        Json::Array(items) => items.iter().find_map(first_offset),
        Json::Object(members) => members.iter().find_map(|(_, v)| first_offset(v)),
        _ => None,
    }
}

/// A conversation record: each message becomes a draft in its position; customer messages are carried along for
/// the rules about them.
fn conversation(
    source: &SourceFile,
    record: &Json,
    messages: &Json,
    id: Option<String>,
    offset: usize,
) -> Result<Vec<Draft>, (usize, RecordErrorKind, String)> {
    use RecordErrorKind::{InvalidConversation, InvalidField};
    let Json::Array(items) = messages else {
        return Err((offset, InvalidConversation, "`messages` must be an array".to_string()));
    };
    let lang = parse_field(record, "lang").map_err(|e| (offset, InvalidField, e))?;
    let channel = channel_field(record).map_err(|e| (offset, InvalidField, e))?;
    let ignore = ignore_field(record).map_err(|e| (offset, InvalidField, e))?;
    let mut transcript = Conversation {
        id: id.clone(),
        page: ["page", "brand", "page_id"]
            .iter()
            .find_map(|k| record.get(k).and_then(Json::to_text))
            .filter(|p| !p.trim().is_empty()),
        messages: Vec::new(),
    };
    let mut texts = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let at = first_offset(item).unwrap_or(offset);
        let role = ["role", "author", "from", "sender"]
            .iter()
            .find_map(|k| item.get(k).and_then(Json::as_str));
        let speaker = role.and_then(Speaker::parse).ok_or_else(|| {
            (
                at,
                InvalidConversation,
                format!(
                    "message {}: `role` must be customer, agent or bot, not {:?}",
                    index + 1,
                    role.unwrap_or("missing")
                ),
            )
        })?;
        let text = ["text", "body", "message"]
            .iter()
            .find_map(|k| item.get(k).and_then(Json::as_string));
        let text = text.ok_or_else(|| (at, InvalidConversation, format!("message {}: no `text`", index + 1)))?;
        let time_text = ["time", "timestamp", "created_at", "sent_at"]
            .iter()
            .find_map(|k| item.get(k).and_then(Json::to_text));
        let (value, map) = decode(text, false);
        transcript.messages.push(Message {
            speaker,
            time: time_text.as_deref().and_then(parse_rfc3339),
            time_text,
            text: value.clone(),
            tag: item
                .get("tag")
                .and_then(Json::as_str)
                .filter(|t| !t.trim().is_empty())
                .map(|t| t.trim().to_ascii_uppercase()),
        });
        texts.push((value, map));
    }
    let roles = transcript.roles();
    let transcript = Arc::new(transcript);
    let _ = source;
    Ok(texts
        .into_iter()
        .enumerate()
        .map(|(index, (text, map))| Draft {
            id: id.clone(),
            line_id: false,
            conversation: Some(id.clone().unwrap_or_default()),
            message: Some(index + 1),
            text,
            lang,
            role: roles[index],
            author: transcript.messages[index].speaker.author(),
            channel: channel.clone(),
            ignore: ignore.clone(),
            map,
            transcript: Some(transcript.clone()),
        })
        .collect())
}

/// CSV rows with a `conversation` (or `conversation_id`) column are messages: group them into conversation records.
fn csv_conversations(tree: &Json) -> Option<Json> {
    let Json::Array(rows) = tree else { return None };
    let key = ["conversation", "conversation_id"]
        .into_iter()
        .find(|k| rows.first().is_some_and(|r| r.get(k).is_some()))?;
    let mut conversations: Vec<(String, Vec<Json>)> = Vec::new();
    for row in rows {
        let id = row.get(key).and_then(Json::to_text).unwrap_or_default();
        match conversations.iter_mut().find(|(c, _)| *c == id) {
            Some((_, messages)) => messages.push(row.clone()),
            None => conversations.push((id, vec![row.clone()])),
        }
    }
    Some(Json::Array(
        conversations
            .into_iter()
            .map(|(id, messages)| {
                let mut members = vec![
                    ("id".to_string(), Json::String(plain(&id))),
                    ("messages".to_string(), Json::Array(messages.clone())),
                ];
                // Fields of the conversation, written on every row: the first row's stand for it.
                for key in ["lang", "page", "brand"] {
                    if let Some(value) = messages.first().and_then(|m| m.get(key)) {
                        members.push((key.to_string(), value.clone()));
                    }
                }
                Json::Object(members)
            })
            .collect(),
    ))
}

fn plain(text: &str) -> JsonString {
    JsonString {
        value: text.to_string(),
        map: SourceMap::default(),
        span: 0..0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{parse, InputFormat, ParseOptions};
    use crate::model::Role;

    fn parse_text(name: &str, text: &str) -> Parsed {
        parse(
            &SourceFile::new(name, text.to_string()),
            ParseOptions {
                format: InputFormat::Auto,
                text_field: None,
                discovered: false,
            },
        )
    }

    #[test]
    fn jsonl_drafts_and_errors() {
        let text = "{\"id\": \"a\", \"text\": \"Hi\\nthere\", \"role\": \"first\"}\n\n{\"id\": 2}\nnot json\n{\"id\":\"c\",\"text\":\"x\",\"role\":\"boss\"}\n";
        let parsed = parse_text("r.jsonl", text);
        assert_eq!(parsed.drafts.len(), 1);
        assert_eq!(parsed.drafts[0].text, "Hi\nthere");
        assert_eq!(&text[parsed.drafts[0].map.range(&(3..8))], "there");
        let messages: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("r.jsonl:3:1: record `2`: record has no `text`"),
            "{messages:?}"
        );
        assert!(messages[1].starts_with("r.jsonl:4:1: invalid JSON"), "{messages:?}");
        assert!(messages[2].contains("unknown role `boss`"), "{messages:?}");
    }

    #[test]
    fn zendesk_macros_are_named_by_title_and_read_as_text() {
        let text = r#"{"macros": [{"id": 360, "title": "Refund sent", "actions": [{"field": "status", "value": "solved"}, {"field": "comment_value_html", "value": "<p>Hi {{ticket.requester.first_name}},</p><p>Your refund &amp; voucher are sent.</p>"}]}]}"#;
        let parsed = parse_text("zendesk.json", text);
        assert_eq!(parsed.drafts.len(), 1, "{:?}", parsed.errors);
        let draft = &parsed.drafts[0];
        assert_eq!(draft.id.as_deref(), Some("Refund sent"));
        assert_eq!(
            draft.text,
            "Hi {{ticket.requester.first_name}},\nYour refund & voucher are sent."
        );
        let at = draft.text.find('&').unwrap();
        assert_eq!(&text[draft.map.range(&(at..at + 1))], "&amp;");
    }

    #[test]
    fn freshdesk_front_intercom_gorgias_shapes() {
        let cases = [
            (
                r#"[{"id": 1, "title": "Hello", "content": "Hi there, thanks for waiting."}]"#,
                "Hi there, thanks for waiting.",
            ),
            (
                r#"{"_results": [{"id": "rsp_1", "name": "Late", "body": "<div>Sorry for the delay.</div>"}]}"#,
                "Sorry for the delay.",
            ),
            (
                r#"{"data": [{"id": "7", "name": "Reset", "body_text": "Use the reset link."}]}"#,
                "Use the reset link.",
            ),
            (
                r#"{"data": [{"id": 9, "name": "Ship", "actions": [{"name": "setResponseText", "arguments": {"body_text": "It shipped."}}]}]}"#,
                "It shipped.",
            ),
        ];
        for (text, expected) in cases {
            let parsed = parse_text("export.json", text);
            assert_eq!(
                parsed.drafts.first().map(|d| d.text.as_str()),
                Some(expected),
                "{text}: {:?}",
                parsed.errors
            );
        }
    }

    #[test]
    fn conversation_records_become_positioned_drafts() {
        let text = r#"{"id": "c1", "lang": "en", "messages": [{"role": "customer", "time": "2026-03-01T09:00:00Z", "text": "Hi?"}, {"role": "bot", "time": "2026-03-01T09:00:05Z", "text": "Hello!"}, {"role": "agent", "time": "bad", "text": "Done.", "tag": "human_agent"}]}"#;
        let parsed = parse_text("c.jsonl", text);
        assert_eq!(parsed.drafts.len(), 3);
        let roles: Vec<Option<Role>> = parsed.drafts.iter().map(|d| d.role).collect();
        assert_eq!(roles, vec![None, Some(Role::First), Some(Role::Last)]);
        let transcript = parsed.drafts[2].transcript.as_ref().unwrap();
        assert_eq!(transcript.messages[2].tag.as_deref(), Some("HUMAN_AGENT"));
        assert_eq!(transcript.messages[2].time, None);
        assert_eq!(parsed.drafts[1].message, Some(2));
        let bad = parse_text(
            "c.jsonl",
            r#"{"id": "c2", "messages": [{"role": "shopkeeper", "text": "x"}]}"#,
        );
        assert!(
            bad.errors[0].message.contains("`role` must be customer, agent or bot"),
            "{:?}",
            bad.errors
        );
    }

    #[test]
    fn csv_drafts_and_conversations() {
        let parsed = parse_text("m.csv", "id,title,text\n1,Hello,\"Hi, thanks!\"\n");
        assert_eq!(parsed.drafts[0].text, "Hi, thanks!");
        let parsed = parse_text(
            "c.csv",
            "conversation,role,time,text\nc1,customer,2026-03-01T09:00:00Z,Hi?\nc1,agent,2026-03-01T09:01:00Z,Hello!\n",
        );
        assert_eq!(parsed.drafts.len(), 2);
        assert_eq!(parsed.drafts[1].conversation.as_deref(), Some("c1"));
    }

    #[test]
    fn yaml_records() {
        let parsed = parse_text("m.yaml", "- id: a\n  text: |\n    Hi there,\n    it left.\n");
        assert_eq!(parsed.drafts[0].text, "Hi there,\nit left.\n");
    }
}
