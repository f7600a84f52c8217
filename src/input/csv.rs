//! CSV exports: a header row, then one record per row; quoted fields with `""` escapes and line breaks. Rows become
//! the same positioned tree as JSON records, so every field maps back to its characters in the file.

use super::json::{Json, JsonError, JsonString};
use super::source_map::{Escaping, SourceMap};

/// The delimiter the header line uses most: `,`, `;` or a tab.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Parses `text` (which starts at byte `base` of the file) into an array of objects keyed by the header row.
pub fn parse(text: &str, base: usize) -> Result<Json, JsonError> {
    let rows = rows(text, base)?;
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Ok(Json::Array(Vec::new()));
    };
    let names: Vec<String> = header.into_iter().map(|f| f.value.trim().to_lowercase()).collect();
    let records = rows
        .filter(|row| !(row.len() == 1 && row[0].value.trim().is_empty()))
        .map(|row| Json::Object(names.iter().cloned().zip(row.into_iter().map(Json::String)).collect()))
        .collect();
    Ok(Json::Array(records))
}

fn rows(text: &str, base: usize) -> Result<Vec<Vec<JsonString>>, JsonError> {
    let delimiter = delimiter(text);
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        let mut value = String::new();
        let mut map = SourceMap::with_escaping(Escaping::None);
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(&byte) = bytes.get(i) else {
                    return Err(JsonError {
                        offset: base + start,
                        message: "unterminated quoted field".into(),
                    });
                };
                if byte == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        let at = value.len();
                        value.push('"');
                        map.push(at..at + 1, base + i..base + i + 2);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
                let at = value.len();
                value.push(ch);
                map.push(at..value.len(), base + i..base + i + ch.len_utf8());
                i += ch.len_utf8();
            }
        } else {
            let end = text[i..]
                .find(|c: char| c as u32 == delimiter as u32 || c == '\n' || c == '\r')
                .map_or(text.len(), |e| i + e);
            value.push_str(&text[i..end]);
            map = SourceMap::verbatim(base + i, end - i);
            i = end;
        }
        let span = base + start..base + i;
        row.push(JsonString { value, map, span });
        match bytes.get(i) {
            Some(b) if *b == delimiter => i += 1,
            Some(b'\r') | Some(b'\n') => {
                i += if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                rows.push(std::mem::take(&mut row));
                if i >= bytes.len() {
                    break;
                }
            }
            None => {
                rows.push(std::mem::take(&mut row));
                break;
            }
            Some(_) => {
                return Err(JsonError {
                    offset: base + i,
                    message: "unexpected character after a quoted field".into(),
                })
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_with_escapes_and_line_breaks() {
        let text = "id,text\n1,\"Hi \"\"Sam\"\",\nsee you\"\r\n2;x,plain recieve\n";
        let json = parse(text, 0).unwrap();
        let Json::Array(records) = &json else { panic!() };
        assert_eq!(records.len(), 2);
        let first = records[0].get("text").and_then(Json::as_string).unwrap();
        assert_eq!(first.value, "Hi \"Sam\",\nsee you");
        let at = first.value.find("\"Sam\"").unwrap();
        assert_eq!(&text[first.map.range(&(at..at + 5))], "\"\"Sam\"\"");
        let second = records[1].get("text").and_then(Json::as_string).unwrap();
        let at = second.value.find("recieve").unwrap();
        assert_eq!(&text[second.map.range(&(at..at + 7))], "recieve");
    }

    #[test]
    fn semicolons_and_errors() {
        let json = parse("id;text\n1;Bonjour\n", 0).unwrap();
        assert_eq!(json.to_owned_first_text().as_deref(), Some("Bonjour"));
        assert!(parse("id,text\n1,\"open", 0).is_err());
    }

    impl Json {
        fn to_owned_first_text(&self) -> Option<String> {
            match self {
                Json::Array(items) => items.first()?.get("text").and_then(Json::as_str).map(str::to_string),
                _ => None,
            }
        }
    }
}
