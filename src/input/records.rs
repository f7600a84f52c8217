//! Draft and conversation records in JSON Lines and JSON.

use super::json::{self, Json};
use super::{Draft, InputError, Parsed, SourceFile};

pub fn parse_jsonl(source: &SourceFile, bom: usize) -> Parsed {
    let mut parsed = Parsed::default();
    let mut offset = bom;
    for line in source.text[bom..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        match json::parse(content, start) {
            Ok(record) => add_record(source, &record, start, &mut parsed),
            Err(err) => parsed.errors.push(InputError::at(
                source,
                err.offset,
                format!("invalid JSON: {}", err.message),
            )),
        }
    }
    parsed
}

pub fn parse_json(source: &SourceFile, bom: usize) -> Parsed {
    let mut parsed = Parsed::default();
    match json::parse(&source.text[bom..], bom) {
        Ok(Json::Array(items)) => {
            for item in &items {
                add_record(source, item, bom, &mut parsed);
            }
        }
        Ok(record @ Json::Object(_)) => add_record(source, &record, bom, &mut parsed),
        Ok(_) => parsed.errors.push(InputError::at(
            source,
            bom,
            "expected an array of records or a record",
        )),
        Err(err) => parsed.errors.push(InputError::at(
            source,
            err.offset,
            format!("invalid JSON: {}", err.message),
        )),
    }
    parsed
}

fn add_record(source: &SourceFile, record: &Json, offset: usize, parsed: &mut Parsed) {
    match draft_record(source, record, offset) {
        Ok(draft) => parsed.drafts.push(draft),
        Err(err) => parsed.errors.push(err),
    }
}

fn draft_record(source: &SourceFile, record: &Json, offset: usize) -> Result<Draft, InputError> {
    let Json::Object(_) = record else {
        return Err(InputError::at(
            source,
            offset,
            "expected a record (a JSON object)",
        ));
    };
    let id = record.get("id").and_then(Json::to_text);
    let named = |message: &str| match &id {
        Some(id) => format!("record `{id}`: {message}"),
        None => message.to_string(),
    };
    if record.get("messages").is_some() {
        return Err(InputError::at(
            source,
            offset,
            named("conversation records are not supported yet"),
        ));
    }
    let text = record
        .get("text")
        .and_then(Json::as_string)
        .ok_or_else(|| {
            InputError::at(
                source,
                offset,
                named("record has no `text` string; not checked"),
            )
        })?;
    let at_text = |e: String| InputError::at(source, text.span.start, named(&e));
    let lang = parse_field(record, "lang").map_err(at_text)?;
    let role = parse_field(record, "role").map_err(at_text)?;
    let author = parse_field(record, "author").map_err(at_text)?;
    Ok(Draft {
        id,
        text: text.value.clone(),
        lang,
        role,
        author,
        map: text.map.clone(),
        ..Draft::default()
    })
}

/// A keyword field of a record (`lang`, `role`, `author`), absent or valid.
fn parse_field<T: std::str::FromStr<Err = String>>(
    record: &Json,
    key: &str,
) -> Result<Option<T>, String> {
    record
        .get(key)
        .and_then(Json::as_str)
        .map(str::parse)
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{parse, InputFormat};

    #[test]
    fn jsonl_drafts_and_errors() {
        let text = "{\"id\": \"a\", \"text\": \"Hi\\nthere\", \"role\": \"first\"}\n\n{\"id\": 2}\nnot json\n{\"id\":\"c\",\"text\":\"x\",\"role\":\"boss\"}\n";
        let source = SourceFile::new("r.jsonl", text.to_string());
        let parsed = parse(&source, InputFormat::Auto);
        assert_eq!(parsed.drafts.len(), 1);
        assert_eq!(parsed.drafts[0].text, "Hi\nthere");
        let r = parsed.drafts[0].map.range(&(3..8));
        assert_eq!(&text[r], "there");
        let messages: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("r.jsonl:3:1: record `2`: record has no `text`"),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with("r.jsonl:4:1: invalid JSON"),
            "{messages:?}"
        );
        assert!(messages[2].contains("unknown role `boss`"), "{messages:?}");
    }

    #[test]
    fn json_arrays() {
        let text = "[{\"id\": \"a\", \"text\": \"Hello\"}, {\"text\": \"Bonjour\"}]";
        let parsed = parse(
            &SourceFile::new("r.json", text.to_string()),
            InputFormat::Auto,
        );
        assert_eq!(parsed.drafts.len(), 2);
        assert!(parsed.errors.is_empty());
    }
}
