//! YAML, read into the same positioned tree as JSON. Each scalar is aligned with its text in the file, so that a
//! draft's characters map back through quotes, escapes, folding and block indentation.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::json::{Json, JsonError, JsonString};
use super::source_map::{Escaping, SourceMap};

/// Parses every document of a YAML stream starting at byte `base` of the file. Aliases are the value their anchor
/// names (its positions are the anchor's, where the text is written), merge keys (`<<: *base`) copy the keys a
/// mapping does not set itself, and a repeated key keeps its last value, as JSON parsers do.
pub fn parse_stream(text: &str, base: usize) -> Result<Vec<Json>, JsonError> {
    let mut parser = Parser::new_from_str(text);
    let mut offsets = Offsets::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Json> = HashMap::new();
    let mut documents = Vec::new();
    let unbalanced = |what: &str| JsonError {
        offset: base,
        message: format!("unbalanced YAML {what}"),
    };
    loop {
        let (event, marker) = parser.next_token().map_err(|err| JsonError {
            offset: base + offsets.byte(err.marker()),
            message: err.info().to_string(),
        })?;
        let (value, anchor) = match event {
            Event::StreamEnd => break,
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Sequence(Vec::new(), anchor));
                continue;
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Mapping(Vec::new(), None, anchor));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Sequence(items, anchor)) => (Json::Array(items), anchor),
                _ => return Err(unbalanced("sequence")),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Mapping(members, _, anchor)) => (Json::Object(merged(members)), anchor),
                _ => return Err(unbalanced("mapping")),
            },
            Event::Scalar(value, style, anchor, _) => (scalar(text, base, offsets.byte(&marker), value, style), anchor),
            Event::Alias(id) => match anchors.get(&id) {
                Some(value) => (value.clone(), 0),
                None => {
                    return Err(JsonError {
                        offset: base + offsets.byte(&marker),
                        message: "alias to an unknown anchor".into(),
                    })
                }
            },
            _ => continue,
        };
        if anchor != 0 {
            anchors.insert(anchor, value.clone());
        }
        match stack.last_mut() {
            None => documents.push(value),
            Some(Frame::Sequence(items, _)) => items.push(value),
            Some(Frame::Mapping(members, key, _)) => match key.take() {
                None => *key = Some(value.to_text().unwrap_or_default()),
                Some(k) => {
                    members.retain(|(existing, _)| *existing != k);
                    members.push((k, value));
                }
            },
        }
    }
    Ok(documents)
}

/// The first document of a YAML stream.
#[cfg(test)]
fn parse(text: &str, base: usize) -> Result<Json, JsonError> {
    Ok(parse_stream(text, base)?.into_iter().next().unwrap_or(Json::Null))
}

/// A mapping's members with its merge keys resolved: `<<` takes a mapping or a list of them, and the keys the
/// mapping sets itself win over merged ones (the first merged mapping over later ones).
fn merged(members: Vec<(String, Json)>) -> Vec<(String, Json)> {
    if !members.iter().any(|(k, _)| k == MERGE_KEY) {
        return members;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) = members.into_iter().partition(|(k, _)| k == MERGE_KEY);
    for (_, value) in merges {
        let sources = match value {
            Json::Array(items) => items,
            other => vec![other],
        };
        for source in sources {
            if let Json::Object(inherited) = source {
                for (key, value) in inherited {
                    if !own.iter().any(|(k, _)| *k == key) {
                        own.push((key, value));
                    }
                }
            }
        }
    }
    own
}

const MERGE_KEY: &str = "<<";

enum Frame {
    /// Items so far, and the anchor id (0: none).
    Sequence(Vec<Json>, usize),
    /// Members so far, the key waiting for its value, and the anchor id.
    Mapping(Vec<(String, Json)>, Option<String>, usize),
}

/// Byte offsets of markers. A marker's `index` is not a byte offset for every character (it drifts after
/// characters outside the Basic Multilingual Plane), so the position comes from its line and column (in
/// characters), walked forward from the previous marker on the same line.
struct Offsets<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    last: (usize, usize, usize),
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Offsets {
            text,
            line_starts,
            last: (0, 0, 0),
        }
    }

    fn byte(&mut self, marker: &Marker) -> usize {
        let line = marker.line().saturating_sub(1).min(self.line_starts.len() - 1);
        let column = marker.col();
        let (mut at, mut byte) = match self.last {
            (l, c, b) if l == line && c <= column => (c, b),
            _ => (0, self.line_starts[line]),
        };
        for ch in self.text[byte..].chars() {
            if at == column || ch == '\n' {
                break;
            }
            at += 1;
            byte += ch.len_utf8();
        }
        self.last = (line, at, byte);
        byte
    }
}

fn scalar(text: &str, base: usize, start: usize, value: String, style: TScalarStyle) -> Json {
    if style == TScalarStyle::Plain {
        if let Ok(number) = value.parse::<f64>() {
            if !value.is_empty() && value.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
                return Json::Number(number);
            }
        }
        match value.as_str() {
            "true" => return Json::Bool(true),
            "false" => return Json::Bool(false),
            "null" | "~" => return Json::Null,
            _ => {}
        }
    }
    let content = match style {
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => start + 1,
        TScalarStyle::Literal | TScalarStyle::Folded if text[start..].starts_with(['|', '>']) => {
            text[start..].find('\n').map_or(text.len(), |n| start + n + 1)
        }
        _ => start,
    };
    let map = align(&value, text, content, base, style);
    let end = map.range(&(0..value.len())).end;
    Json::String(JsonString {
        value,
        map,
        span: base + start..end.max(base + start),
    })
}

/// Walks the decoded value and the file text together: equal characters map one to one, escapes and doubled
/// quotes map as a whole, and line folding or indentation is skipped.
fn align(value: &str, text: &str, mut cursor: usize, base: usize, style: TScalarStyle) -> SourceMap {
    let mut map = SourceMap::with_escaping(Escaping::None);
    for (offset, ch) in value.char_indices() {
        let draft = offset..offset + ch.len_utf8();
        let mut found = None;
        while cursor < text.len() {
            // Escapes of the wrong length (an invalid `\u` sequence) must not leave the cursor inside a character.
            cursor = crate::document::ceil_char_boundary(text, cursor);
            let raw = text[cursor..].chars().next().unwrap_or('\0');
            if raw == ch
                && !(raw == '\\' && style == TScalarStyle::DoubleQuoted)
                && !(raw == '\'' && style == TScalarStyle::SingleQuoted)
            {
                found = Some(cursor..cursor + raw.len_utf8());
                break;
            }
            if raw == '\\' && style == TScalarStyle::DoubleQuoted {
                let len = escape_len(&text[cursor..]);
                if matches!(text.get(cursor + 1..).and_then(|t| t.chars().next()), Some('\n' | '\r')) {
                    cursor += len;
                    continue;
                }
                found = Some(cursor..cursor + len);
                break;
            }
            if raw == '\''
                && style == TScalarStyle::SingleQuoted
                && text.get(cursor + 1..).is_some_and(|t| t.starts_with('\''))
            {
                found = Some(cursor..cursor + 2);
                break;
            }
            if (ch == ' ' || ch == '\n') && raw.is_whitespace() {
                let run = text[cursor..]
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(text.len() - cursor);
                found = Some(cursor..cursor + run);
                break;
            }
            cursor += raw.len_utf8();
        }
        match found {
            Some(range) => {
                cursor = range.end;
                map.push(draft, base + range.start..base + range.end);
            }
            None => map.push(draft, base + cursor..base + cursor),
        }
    }
    map
}

fn escape_len(text: &str) -> usize {
    match text.as_bytes().get(1) {
        Some(b'x') => 4,
        Some(b'u') => 6,
        Some(b'U') => 10,
        Some(b'\r') if text.as_bytes().get(2) == Some(&b'\n') => 3,
        Some(_) => 1 + text.get(1..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8),
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(json: &Json, out: &mut Vec<JsonString>) {
        match json {
            Json::String(s) => out.push(s.clone()),
            Json::Array(items) => items.iter().for_each(|i| strings(i, out)),
            Json::Object(members) => members.iter().for_each(|(_, v)| strings(v, out)),
            _ => {}
        }
    }

    fn check_round_trip(text: &str, needle: &str, expected_file_text: &str) {
        let json = parse(text, 0).unwrap();
        let mut all = Vec::new();
        strings(&json, &mut all);
        let s = all
            .iter()
            .find(|s| s.value.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {all:?}"));
        let start = s.value.find(needle).unwrap();
        let range = s.map.range(&(start..start + needle.len()));
        assert_eq!(&text[range], expected_file_text);
    }

    #[test]
    fn plain_quoted_and_block_scalars_map_back() {
        let text = "- id: a\n  text: Plain recieve here\n- id: b\n  text: \"Quoted \\\"x\\\" caf\\u00e9 done\"\n- id: c\n  text: 'It''s fine'\n- id: d\n  text: |\n    Line one\n    Line two typo\n- id: e\n  text: >\n    Folded one\n    folded two\n";
        check_round_trip(text, "recieve", "recieve");
        check_round_trip(text, "café done", "caf\\u00e9 done");
        check_round_trip(text, "\"x\"", "\\\"x\\\"");
        check_round_trip(text, "It's", "It''s");
        check_round_trip(text, "two typo", "two typo");
        check_round_trip(text, "one\nLine", "one\n    Line");
        check_round_trip(text, "one folded", "one\n    folded");
    }

    #[test]
    fn invalid_escapes_do_not_panic() {
        let text = "text: \"bad \\ud83d\\ude44 then € and \\xZZ\"\n";
        let _ = parse(text, 0);
    }

    #[test]
    fn numbers_and_errors() {
        let json = parse("id: 12\nok: true\n", 0).unwrap();
        assert_eq!(json.get("id").and_then(Json::to_text).as_deref(), Some("12"));
        let err = parse("a: [1, 2\nb: {", 100).unwrap_err();
        assert!(err.offset >= 100);
    }

    #[test]
    fn every_document_of_a_stream_is_read() {
        let docs = parse_stream("text: Hello\n---\ntext: Hi there\n", 0).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].get("text").and_then(Json::to_text).as_deref(), Some("Hi there"));
    }

    #[test]
    fn aliases_and_merge_keys_carry_the_anchor_text_and_its_position() {
        let text = "base: &base\n  lang: fr\n  text: Bonjour Anne\nrecords:\n  - <<: *base\n    id: a\n  - <<: *base\n    id: b\n    text: Merci\n";
        let json = parse(text, 0).unwrap();
        let Some(Json::Array(records)) = json.get("records") else {
            panic!("records: {json:?}");
        };
        let Some(Json::String(first)) = records[0].get("text") else {
            panic!("{:?}", records[0]);
        };
        assert_eq!(first.value, "Bonjour Anne");
        assert_eq!(&text[first.span.clone()], "Bonjour Anne");
        assert_eq!(records[0].get("lang").and_then(Json::to_text).as_deref(), Some("fr"));
        assert_eq!(records[1].get("text").and_then(Json::to_text).as_deref(), Some("Merci"));
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let json = parse("text: first\ntext: second\n", 0).unwrap();
        assert_eq!(json.get("text").and_then(Json::to_text).as_deref(), Some("second"));
        let json = super::super::json::parse(r#"{"text": "first", "text": "second"}"#, 0).unwrap();
        assert_eq!(json.get("text").and_then(Json::to_text).as_deref(), Some("second"));
    }
}
