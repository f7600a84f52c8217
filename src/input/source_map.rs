//! From offsets in an extracted draft back to offsets in the file it came from.

use std::ops::Range;

/// How a replacement must be written to land inside the file (a JSON string needs its escapes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Escaping {
    #[default]
    None,
    Json,
}

impl Escaping {
    pub fn escape(self, text: &str) -> String {
        match self {
            Escaping::None => text.to_string(),
            Escaping::Json => {
                let quoted = serde_json::to_string(text).unwrap_or_default();
                quoted
                    .get(1..quoted.len().saturating_sub(1))
                    .unwrap_or_default()
                    .to_string()
            }
        }
    }
}

/// Pieces of the draft and where they sit in the file. A piece is either copied verbatim (same length) or one
/// character written another way (`\n`, `\u00e9`, `&amp;`), which maps as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    pub escaping: Escaping,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    draft: Range<usize>,
    file: Range<usize>,
}

impl SourceMap {
    /// The draft is the file's bytes from `file_start` on, unchanged.
    pub fn verbatim(file_start: usize, len: usize) -> SourceMap {
        SourceMap {
            pieces: vec![Piece {
                draft: 0..len,
                file: file_start..file_start + len,
            }],
            escaping: Escaping::None,
        }
    }

    pub fn with_escaping(escaping: Escaping) -> SourceMap {
        SourceMap {
            pieces: Vec::new(),
            escaping,
        }
    }

    /// Appends a piece; consecutive verbatim pieces merge.
    pub fn push(&mut self, draft: Range<usize>, file: Range<usize>) {
        if let Some(last) = self.pieces.last_mut() {
            let verbatim = |p: &Piece| p.draft.len() == p.file.len();
            if verbatim(last)
                && draft.len() == file.len()
                && last.draft.end == draft.start
                && last.file.end == file.start
            {
                last.draft.end = draft.end;
                last.file.end = file.end;
                return;
            }
        }
        self.pieces.push(Piece { draft, file });
    }

    fn piece(&self, offset: usize) -> Option<&Piece> {
        let index = self.pieces.partition_point(|p| p.draft.end <= offset);
        self.pieces.get(index).or(self.pieces.last())
    }

    /// Where the character starting at draft `offset` starts in the file.
    pub fn start(&self, offset: usize) -> usize {
        match self.piece(offset) {
            None => offset,
            Some(p) if offset >= p.draft.end => p.file.end,
            Some(p) if p.draft.len() == p.file.len() => p.file.start + (offset - p.draft.start),
            Some(p) if offset == p.draft.start => p.file.start,
            Some(p) => p.file.end,
        }
    }

    /// Where a span ending at draft `offset` ends in the file.
    pub fn end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.start(0);
        }
        let index = self.pieces.partition_point(|p| p.draft.end < offset);
        match self.pieces.get(index).or(self.pieces.last()) {
            None => offset,
            Some(p) if p.draft.len() == p.file.len() => {
                p.file.start + offset.saturating_sub(p.draft.start).min(p.draft.len())
            }
            Some(p) if offset <= p.draft.start => p.file.start,
            Some(p) => p.file.end,
        }
    }

    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        if range.is_empty() {
            return start..start;
        }
        start..self.end(range.end).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_offsets_shift() {
        let map = SourceMap::verbatim(10, 5);
        assert_eq!(map.range(&(1..3)), 11..13);
        assert_eq!(map.range(&(5..5)), 15..15);
    }

    #[test]
    fn escapes_map_as_a_whole() {
        // File: `"a\nb"` from byte 0; draft "a\nb".
        let mut map = SourceMap::default();
        map.push(0..1, 1..2);
        map.push(1..2, 2..4);
        map.push(2..3, 4..5);
        assert_eq!(map.range(&(0..3)), 1..5);
        assert_eq!(map.range(&(1..2)), 2..4);
        assert_eq!(map.range(&(2..3)), 4..5);
        assert_eq!(map.range(&(0..1)), 1..2);
    }

    #[test]
    fn json_escaping() {
        assert_eq!(Escaping::Json.escape("a \"b\"\n"), "a \\\"b\\\"\\n");
    }
}
