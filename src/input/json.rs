//! A JSON reader that keeps where every value sits in the file, so that a draft taken from a string can be mapped
//! back to the characters of the file (through `\n`, `\"`, `\u00e9` and surrogate pairs).

use std::ops::Range;

use super::source_map::{Escaping, SourceMap};

#[derive(Clone, Debug)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(JsonString),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

#[derive(Clone, Debug)]
pub struct JsonString {
    pub value: String,
    pub map: SourceMap,
    pub span: Range<usize>,
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            // The last of repeated keys, as JSON parsers read them.
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(&s.value),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&JsonString> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text (ids may be numbers).
    pub fn to_text(&self) -> Option<String> {
        match self {
            Json::String(s) => Some(s.value.clone()),
            Json::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Json::Number(n) => Some(n.to_string()),
            Json::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: String,
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 256;

pub fn parse(text: &str, base: usize) -> Result<Json, JsonError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        base,
        depth: 0,
    };
    parser.skip_ws();
    let value = parser.value()?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    /// Offset of `text` in the file.
    base: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> JsonError {
        JsonError {
            offset: self.base + self.pos,
            message: message.to_string(),
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        match self.bytes.get(self.pos) {
            None => Err(self.error("unexpected end of input, expected a value")),
            Some(b'{') => self.nested(|p| p.object()),
            Some(b'[') => self.nested(|p| p.array()),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn nested(&mut self, inner: impl FnOnce(&mut Self) -> Result<Json, JsonError>) -> Result<Json, JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        let value = inner(self);
        self.depth -= 1;
        value
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        {
            self.pos += 1;
        }
        self.text[start..self.pos]
            .parse()
            .map(Json::Number)
            .map_err(|_| JsonError {
                offset: self.base + start,
                message: "invalid number".into(),
            })
    }

    fn object(&mut self) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?.value;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error("expected `:` after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            members.push((key, value));
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.get(at..at + 4)?;
        u32::from_str_radix(digits, 16).ok()
    }

    fn string(&mut self) -> Result<JsonString, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut value = String::new();
        let mut map = SourceMap::with_escaping(Escaping::Json);
        loop {
            let Some(&byte) = self.bytes.get(self.pos) else {
                return Err(JsonError {
                    offset: self.base + open,
                    message: "unterminated string".into(),
                });
            };
            let file_start = self.base + self.pos;
            match byte {
                b'"' => {
                    self.pos += 1;
                    return Ok(JsonString {
                        value,
                        map,
                        span: self.base + open..self.base + self.pos,
                    });
                }
                b'\\' => {
                    let escape = self.bytes.get(self.pos + 1).copied();
                    let (ch, len) = match escape {
                        Some(b'n') => ('\n', 2),
                        Some(b't') => ('\t', 2),
                        Some(b'r') => ('\r', 2),
                        Some(b'b') => ('\u{8}', 2),
                        Some(b'f') => ('\u{c}', 2),
                        Some(b'/') => ('/', 2),
                        Some(b'\\') => ('\\', 2),
                        Some(b'"') => ('"', 2),
                        Some(b'u') => {
                            let unit = self
                                .hex4(self.pos + 2)
                                .ok_or_else(|| self.error("invalid \\u escape"))?;
                            if (0xD800..0xDC00).contains(&unit) && self.text[self.pos + 6..].starts_with("\\u") {
                                let low = self
                                    .hex4(self.pos + 8)
                                    .ok_or_else(|| self.error("invalid \\u escape"))?;
                                let code = 0x10000 + ((unit - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                                (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                            } else {
                                (char::from_u32(unit).unwrap_or('\u{FFFD}'), 6)
                            }
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    let draft_start = value.len();
                    value.push(ch);
                    map.push(draft_start..value.len(), file_start..file_start + len);
                    self.pos += len;
                }
                0x00..=0x1F => return Err(self.error("control character in string")),
                _ => {
                    let ch = self.text[self.pos..].chars().next().unwrap_or('\u{FFFD}');
                    let draft_start = value.len();
                    value.push(ch);
                    map.push(draft_start..value.len(), file_start..file_start + ch.len_utf8());
                    self.pos += ch.len_utf8();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_map_back_through_escapes() {
        let text = r#"{"id": 7, "text": "Hi \"Zo\u00e9\",\nok \ud83d\ude00 done"}"#;
        let json = parse(text, 0).unwrap();
        assert_eq!(json.get("id").and_then(Json::to_text).as_deref(), Some("7"));
        let s = json.get("text").and_then(Json::as_string).unwrap();
        assert_eq!(s.value, "Hi \"Zoé\",\nok 😀 done");
        let find = |needle: &str| {
            let start = s.value.find(needle).unwrap();
            let r = s.map.range(&(start..start + needle.len()));
            &text[r]
        };
        assert_eq!(find("Zoé"), r"Zo\u00e9");
        assert_eq!(find("\",\nok"), r#"\",\nok"#);
        assert_eq!(find("😀"), r"\ud83d\ude00");
        assert_eq!(find("done"), "done");
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(parse("{\"a\": }", 0).unwrap_err().offset, 6);
        assert_eq!(parse("[1, 2", 100).unwrap_err().offset, 105);
        assert!(parse("\"abc", 0).is_err());
        assert!(parse(&"[".repeat(10_000), 0).is_err());
    }
}
