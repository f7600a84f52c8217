//! Markdown: one draft per file; front matter may set `id`, `lang`, `role`, `author`.

use super::{Draft, InputError, Parsed, SourceFile, SourceMap};

pub fn parse(source: &SourceFile, bom: usize) -> Parsed {
    let text = &source.text[bom..];
    let mut draft = Draft::default();
    let mut errors = Vec::new();
    let mut body_start = bom;
    if let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) {
        let header_start = bom + (text.len() - rest.len());
        let end = rest
            .find("\n---\n")
            .map(|i| (i, 5))
            .or_else(|| rest.find("\n---\r\n").map(|i| (i, 6)))
            .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), 4)));
        if let Some((end, marker)) = end {
            let mut offset = header_start;
            for line in rest[..end].split_inclusive('\n') {
                if let Some((key, value)) = line.split_once(':') {
                    let value = value.trim().trim_matches(['"', '\'']);
                    let problem = match key.trim() {
                        "id" => {
                            draft.id = Some(value.to_string());
                            None
                        }
                        "lang" => value.parse().map(|v| draft.lang = Some(v)).err(),
                        "role" => value.parse().map(|v| draft.role = Some(v)).err(),
                        "author" => value.parse().map(|v| draft.author = Some(v)).err(),
                        _ => None,
                    };
                    if let Some(message) = problem {
                        errors.push(InputError::at(source, offset, message));
                    }
                }
                offset += line.len();
            }
            body_start = header_start + end + marker;
        }
    }
    let body = &source.text[body_start..];
    draft.text = body.to_string();
    draft.map = SourceMap::verbatim(body_start, body.len());
    Parsed {
        drafts: vec![draft],
        errors,
        foreign: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse as parse_input;
    use crate::model::Role;

    #[test]
    fn front_matter_sets_fields_and_offsets_stay_in_the_file() {
        let text = "---\nid: refund-ok\nrole: first\n---\nHi there,\nDone.";
        let source = SourceFile::new("m.md", text.to_string());
        let parsed = parse_input(&source, crate::input::ParseOptions::default());
        let draft = &parsed.drafts[0];
        assert_eq!(draft.id.as_deref(), Some("refund-ok"));
        assert_eq!(draft.role, Some(Role::First));
        assert_eq!(draft.text, "Hi there,\nDone.");
        let r = draft.map.range(&(10..15));
        assert_eq!(&text[r], "Done.");
    }

    #[test]
    fn bad_front_matter_values_are_reported() {
        let source = SourceFile::new("m.md", "---\nrole: boss\n---\nHi".to_string());
        let parsed = parse(&source, 0);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].line, Some(2));
    }
}
