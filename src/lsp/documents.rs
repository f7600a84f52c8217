//! The documents the client has open: their text as the editor has it (not as saved), kept in sync by full or
//! incremental changes.

use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, Positions};
use super::uri::uri_to_path;
use crate::document::LineIndex;
use crate::input::InputFormat;

pub struct OpenDocument {
    pub text: String,
    pub lines: LineIndex,
    pub version: i32,
    pub language_id: String,
    /// The file behind the document; `None` for an unsaved buffer.
    pub path: Option<PathBuf>,
}

impl OpenDocument {
    pub fn new(uri: &Uri, text: String, version: i32, language_id: String) -> OpenDocument {
        OpenDocument {
            lines: LineIndex::new(&text),
            text,
            version,
            language_id,
            path: uri_to_path(uri),
        }
    }

    pub fn positions(&self, encoding: Encoding) -> Positions<'_> {
        Positions {
            text: &self.text,
            lines: &self.lines,
            encoding,
        }
    }

    /// Applies the client's changes in order; a change without a range replaces the whole text.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let positions = self.positions(encoding);
                    let start = positions.offset(range.start);
                    let end = positions.offset(range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
    }

    /// How the document is read: by its file's extension when it has a known one, else by the client's language id
    /// (an unsaved JSON buffer is still JSON).
    pub fn input_format(&self) -> InputFormat {
        let by_path = self
            .path
            .as_ref()
            .map(|p| InputFormat::for_path(&p.display().to_string()));
        let known_extension = self.path.as_ref().is_some_and(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| InputFormat::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        });
        match by_path {
            Some(format) if known_extension => format,
            _ => match self.language_id.as_str() {
                "markdown" | "mdx" => InputFormat::Markdown,
                "json" | "jsonc" => InputFormat::Json,
                "jsonl" | "jsonlines" | "ndjson" => InputFormat::Jsonl,
                "yaml" => InputFormat::Yaml,
                "csv" => InputFormat::Csv,
                _ => InputFormat::Text,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(uri: &str, language: &str) -> InputFormat {
        let uri: Uri = uri.parse().unwrap();
        OpenDocument::new(&uri, String::new(), 1, language.to_string()).input_format()
    }

    #[test]
    fn a_known_extension_wins_else_the_language_id_decides() {
        assert_eq!(format_of("file:///r/macros.yaml", "plaintext"), InputFormat::Yaml);
        assert_eq!(format_of("file:///r/reply.md", "markdown"), InputFormat::Markdown);
        assert_eq!(format_of("file:///r/notes", "markdown"), InputFormat::Markdown);
        assert_eq!(format_of("untitled:Untitled-1", "json"), InputFormat::Json);
        assert_eq!(format_of("untitled:Untitled-2", "plaintext"), InputFormat::Text);
        assert_eq!(format_of("file:///r/reply.eml", "mail"), InputFormat::Text);
    }
}
