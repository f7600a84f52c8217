//! Reading inputs: each reader returns drafts with a source map back into the file they came from.

mod csv;
mod html;
pub mod json;
mod markdown;
mod records;
pub mod source_map;
mod yaml;

pub use records::{parse_jsonl_line, RecordOptions, TEXT_FIELDS};

use std::path::Path;

pub use source_map::{Escaping, SourceMap};

use crate::document::LineIndex;
use crate::model::{Author, Lang, Role};

/// Files larger than this are refused rather than read whole.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// A file (or stdin) as read, with its line index for rendering positions.
#[derive(Debug)]
pub struct SourceFile {
    /// As shown in output: the path as given, or the `--stdin-filename`, or `-`.
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
    /// Where `text` starts in the stream it comes from: a record of JSON Lines read from stdin is a window of it,
    /// and positions are reported in the stream's terms.
    pub base_offset: usize,
    /// Lines of the stream before `text` (0 for a whole file).
    pub base_line: usize,
    pub encoding: Encoding,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String) -> SourceFile {
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
            base_offset: 0,
            base_line: 0,
            encoding: Encoding::Utf8,
        }
    }

    /// A piece of a larger stream: `text` starts at byte `base_offset`, after `base_line` lines.
    pub fn window(path: impl Into<String>, text: String, base_offset: usize, base_line: usize) -> SourceFile {
        SourceFile {
            base_offset,
            base_line,
            ..SourceFile::new(path, text)
        }
    }

    /// Line and column (1-based, in the stream's terms) of a byte offset into `text`.
    pub fn line_column(&self, offset: usize) -> crate::document::LineColumn {
        let lc = self.lines.line_column(&self.text, offset);
        crate::document::LineColumn {
            line: lc.line + self.base_line,
            column: lc.column,
        }
    }

    /// A stream offset or line back into `text`'s own terms.
    pub fn local_offset(&self, offset: usize) -> usize {
        offset.saturating_sub(self.base_offset)
    }

    pub fn local_line(&self, line: usize) -> usize {
        line.saturating_sub(self.base_line)
    }

    /// Validates bytes read from a file: not binary, UTF-8 (a leading BOM is kept and skipped by readers) or UTF-16
    /// with a byte-order mark, decoded.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<SourceFile, InputError> {
        let path = path.into();
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_large(&path, bytes.len() as u64));
        }
        if let Some(decoded) = decode_utf16(&bytes) {
            return decoded
                .map(|text| SourceFile {
                    encoding: Encoding::Utf16 {
                        big_endian: bytes.starts_with(&[0xFE, 0xFF]),
                    },
                    ..SourceFile::new(path.clone(), text)
                })
                .map_err(|message| InputError::file(&path, message));
        }
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            let message = if looks_like_utf16(&bytes) {
                "UTF-16 without a byte-order mark; not checked (convert the file to UTF-8)".to_string()
            } else {
                format!("binary file (a NUL byte at offset {nul}); not checked")
            };
            return Err(InputError::file(&path, message));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let before = String::from_utf8_lossy(&bytes[..valid]);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Err(InputError {
                    path,
                    line: Some(line),
                    column: Some(column),
                    message: format!("invalid UTF-8 at byte {valid}; convert the file to UTF-8"),
                    record: None,
                })
            }
        }
    }

    /// Reads a file, refusing one over [`MAX_FILE_BYTES`] before reading it.
    pub fn read(path: &Path) -> Result<SourceFile, InputError> {
        let display = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|err| InputError::file(&display, err.to_string()))?;
        if let Ok(metadata) = file.metadata() {
            if metadata.len() > MAX_FILE_BYTES as u64 {
                return Err(too_large(&display, metadata.len()));
            }
        }
        // The length may change between the check and the read (a growing log, a FIFO): the read is bounded too.
        let bytes = read_bounded(file, &display)?;
        SourceFile::from_bytes(display, bytes)
    }

    /// The text as it goes back to disk, in the file's own encoding.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        match self.encoding {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf16 { big_endian } => std::iter::once('\u{feff}')
                .chain(text.chars())
                .collect::<String>()
                .encode_utf16()
                .flat_map(|unit| {
                    if big_endian {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    }
                })
                .collect(),
        }
    }
}

/// Reads at most [`MAX_FILE_BYTES`] (stdin, a file): an endless stream is refused when it passes the limit, not
/// after it ends.
pub fn read_bounded(reader: impl std::io::Read, path: &str) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| InputError::file(path, err.to_string()))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InputError::file(
            path,
            format!(
                "input is larger than {} MiB; not checked (split it, or stream it as JSON Lines)",
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    Ok(bytes)
}

fn too_large(path: &str, len: u64) -> InputError {
    InputError::file(
        path,
        format!(
            "file is too large ({} MiB; the limit is {} MiB); not checked",
            len >> 20,
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// Text with a UTF-16 byte-order mark, decoded (`None` without one); unpaired surrogates are an error.
fn decode_utf16(bytes: &[u8]) -> Option<Result<String, String>> {
    let big_endian = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return None,
    };
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return Some(Err("UTF-16 file with an odd number of bytes; not checked".to_string()));
    }
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|err| format!("invalid UTF-16 ({err}); not checked")),
    )
}

/// Mostly ASCII text in UTF-16 has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return false;
    }
    let nuls = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    nuls(0) * 10 >= half * 9 || nuls(1) * 10 >= half * 9
}

/// How a file is encoded on disk: positions are reported in its decoded UTF-8 text, fixes written back as it was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf16 {
        big_endian: bool,
    },
}

/// One draft taken from a source file.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub id: Option<String>,
    /// Whether `id` is the record's line number, given for want of an id of its own (JSON Lines).
    pub line_id: bool,
    pub conversation: Option<String>,
    /// 1-based index of the message in its conversation.
    pub message: Option<usize>,
    pub text: String,
    pub lang: Option<Lang>,
    pub role: Option<Role>,
    pub author: Option<Author>,
    /// The record's `channel` (a conversation's, for its messages), checked against the rule set's channels.
    pub channel: Option<String>,
    /// The record's `ignore`: rule ids and categories this draft may break (a template's known exceptions).
    pub ignore: Vec<String>,
    pub map: SourceMap,
    /// The conversation the draft was taken from; `message` indexes it (1-based).
    pub transcript: Option<std::sync::Arc<crate::conversation::Conversation>>,
}

/// A problem with an input: the whole file (I/O, encoding, syntax) or one record in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// Set when one record could not be read: the rest of the input is checked, and the record is reported in its
    /// place like a failed draft (exit 1) rather than as a broken input (exit 2).
    pub record: Option<Box<RecordRef>>,
}

/// Which record an [`InputError`] concerns, and where it goes among the drafts of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordRef {
    pub kind: RecordErrorKind,
    /// The record's id, or (JSON Lines) its 1-based line number when it has none.
    pub id: Option<String>,
    /// Whether `id` is the record's own (and so worth naming in messages).
    pub named: bool,
    /// Byte offset into the source's text the error points at: it orders the error among the drafts.
    pub offset: usize,
    /// How many reports of the run precede the record in output (set once the drafts are checked).
    pub before: usize,
}

/// Why a record could not be checked; the names are part of the JSON output and stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordErrorKind {
    /// The line is not valid JSON.
    InvalidJson,
    /// The line is not valid UTF-8.
    InvalidUtf8,
    /// The line is JSON but not an object.
    NotARecord,
    /// Neither a text field (`text`, or `--text-field`) nor `messages`.
    NoText,
    /// A field of the wrong type or with an unknown value (`lang`, `role`, `author`, `channel`, `ignore`).
    InvalidField,
    /// A conversation record whose `messages` cannot be read.
    InvalidConversation,
    /// A `channel` no rule pack defines.
    UnknownChannel,
}

impl RecordErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordErrorKind::InvalidJson => "invalid-json",
            RecordErrorKind::InvalidUtf8 => "invalid-utf8",
            RecordErrorKind::NotARecord => "not-a-record",
            RecordErrorKind::NoText => "no-text",
            RecordErrorKind::InvalidField => "invalid-field",
            RecordErrorKind::InvalidConversation => "invalid-conversation",
            RecordErrorKind::UnknownChannel => "unknown-channel",
        }
    }

    pub const ALL: &'static [RecordErrorKind] = &[
        RecordErrorKind::InvalidJson,
        RecordErrorKind::InvalidUtf8,
        RecordErrorKind::NotARecord,
        RecordErrorKind::NoText,
        RecordErrorKind::InvalidField,
        RecordErrorKind::InvalidConversation,
        RecordErrorKind::UnknownChannel,
    ];
}

impl InputError {
    pub fn file(path: &str, message: String) -> InputError {
        InputError {
            path: path.to_string(),
            line: None,
            column: None,
            message,
            record: None,
        }
    }

    pub fn at(source: &SourceFile, offset: usize, message: impl Into<String>) -> InputError {
        let pos = source.line_column(offset);
        InputError {
            path: source.path.clone(),
            line: Some(pos.line),
            column: Some(pos.column),
            message: message.into(),
            record: None,
        }
    }

    /// One record of `source` that cannot be checked; `id` is the record's own id when `named`, else a stand-in.
    pub fn record(
        source: &SourceFile,
        offset: usize,
        kind: RecordErrorKind,
        id: Option<String>,
        named: bool,
        message: impl Into<String>,
    ) -> InputError {
        InputError {
            record: Some(Box::new(RecordRef {
                kind,
                id,
                named,
                offset,
                before: 0,
            })),
            ..InputError::at(source, offset, message)
        }
    }

    /// Whether only one record is concerned (the rest of the input was checked).
    pub fn is_record(&self) -> bool {
        self.record.is_some()
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match &self.record {
            Some(record) if record.named => format!("record `{}`: ", record.id.as_deref().unwrap_or_default()),
            _ => String::new(),
        };
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{}:{}: {name}{}", self.path, line, column, self.message)
            }
            _ => write!(f, "{}: {name}{}", self.path, self.message),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    #[default]
    Auto,
    Text,
    Markdown,
    Jsonl,
    Json,
    Yaml,
    Csv,
}

impl InputFormat {
    /// The format a file's extension implies; anything unknown is plain text.
    pub fn for_path(path: &str) -> InputFormat {
        let ext = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdx" => InputFormat::Markdown,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            "yaml" | "yml" => InputFormat::Yaml,
            "csv" => InputFormat::Csv,
            _ => InputFormat::Text,
        }
    }

    /// Extensions a directory walk picks up.
    pub const EXTENSIONS: &'static [&'static str] = &[
        "txt", "text", "md", "markdown", "mdx", "jsonl", "ndjson", "json", "yaml", "yml", "csv",
    ];
}

/// What a file holds: its drafts, and the records that could not be read (reported, not skipped silently).
#[derive(Debug, Default)]
pub struct Parsed {
    pub drafts: Vec<Draft>,
    pub errors: Vec<InputError>,
    /// A structured file found by a folder walk that holds no messages (see [`ParseOptions::discovered`]).
    pub foreign: bool,
}

/// How to read a source: its format (by extension when `Auto`) and where records keep their text.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions<'a> {
    pub format: InputFormat,
    pub text_field: Option<&'a str>,
    /// The file was found by walking a folder rather than named: a JSON, YAML or CSV file that holds no messages
    /// (a CI workflow, a package manifest) is `foreign`, not an error.
    pub discovered: bool,
}

pub fn parse(source: &SourceFile, options: ParseOptions<'_>) -> Parsed {
    let format = if options.format == InputFormat::Auto {
        InputFormat::for_path(&source.path)
    } else {
        options.format
    };
    let record_options = RecordOptions {
        text_field: options.text_field,
    };
    let bom = if source.text.starts_with('\u{feff}') { 3 } else { 0 };
    match format {
        InputFormat::Auto | InputFormat::Text => Parsed {
            drafts: vec![Draft {
                text: source.text[bom..].to_string(),
                map: SourceMap::verbatim(bom, source.text.len() - bom),
                ..Draft::default()
            }],
            ..Parsed::default()
        },
        InputFormat::Markdown => markdown::parse(source, bom),
        InputFormat::Jsonl => records::parse_jsonl(source, bom, record_options),
        InputFormat::Json | InputFormat::Yaml | InputFormat::Csv => {
            let body = &source.text[bom..];
            // A YAML stream may hold several documents; each is read like a file of its own.
            let documents = match format {
                InputFormat::Json => json::parse(body, bom).map(|tree| vec![tree]),
                InputFormat::Yaml => yaml::parse_stream(body, bom),
                _ => csv::parse(body, bom).map(|tree| vec![tree]),
            };
            let mut parsed = Parsed::default();
            match documents {
                Ok(documents)
                    if options.discovered && !documents.iter().any(|d| records::holds_messages(d, record_options)) =>
                {
                    parsed.foreign = true;
                }
                Ok(documents) => {
                    for tree in documents.iter().filter(|d| !matches!(d, json::Json::Null)) {
                        records::parse_tree(source, tree, bom, record_options, &mut parsed);
                    }
                }
                Err(err) => {
                    let kind = format!("{format:?}").to_uppercase();
                    parsed.errors.push(InputError::at(
                        source,
                        err.offset,
                        format!("invalid {kind}: {}", err.message),
                    ));
                }
            }
            parsed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_positions() {
        let err = SourceFile::from_bytes("a.txt", b"ok\x00".to_vec()).unwrap_err();
        assert!(err.message.contains("binary"));
        let err = SourceFile::from_bytes("b.txt", b"Hi\nthere \xff".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(7)));
        assert!(err.to_string().starts_with("b.txt:2:7: invalid UTF-8"));
    }

    #[test]
    fn a_nul_byte_anywhere_makes_a_file_binary() {
        let mut bytes = "Hello there. ".repeat(1000).into_bytes();
        bytes.push(0);
        let err = SourceFile::from_bytes("late.txt", bytes).unwrap_err();
        assert!(
            err.message.contains("binary file (a NUL byte at offset 13000)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn utf16_files_with_a_bom_are_decoded_and_encoded_back() {
        let text = "Héllo 👋";
        for big_endian in [false, true] {
            let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
            for unit in text.encode_utf16() {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let source = SourceFile::from_bytes("a.txt", bytes.clone()).unwrap();
            assert_eq!(source.text, text);
            assert_eq!(source.encode(&source.text), bytes);
        }
        let no_bom: Vec<u8> = "Hello there".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = SourceFile::from_bytes("b.txt", no_bom).unwrap_err();
        assert!(
            err.message.contains("UTF-16 without a byte-order mark"),
            "{}",
            err.message
        );
    }

    #[test]
    fn reading_stops_at_the_size_limit() {
        let endless = std::io::repeat(b'y');
        let err = read_bounded(endless, "-").unwrap_err();
        assert!(err.message.contains("larger than 256 MiB"), "{}", err.message);
    }

    #[test]
    fn text_files_are_one_draft_and_skip_the_bom() {
        let source = SourceFile::new("a.txt", "\u{feff}Hello".to_string());
        let parsed = parse(&source, ParseOptions::default());
        assert_eq!(parsed.drafts[0].text, "Hello");
        assert_eq!(parsed.drafts[0].map.range(&(0..5)), 3..8);
    }
}
