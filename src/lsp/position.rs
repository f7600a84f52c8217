//! The language server's edge between tact's UTF-8 byte offsets and LSP positions: a line and a column in the
//! encoding negotiated at `initialize` (UTF-8 when the client offers it, else UTF-16, the protocol's default).

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::document::LineIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it, since tact's offsets are UTF-8 and nothing needs converting; else UTF-16,
    /// which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A document's text with its line index: converts both ways.
pub struct Positions<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
}

impl Positions<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let offset = crate::document::floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        let column = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].encode_utf16().count(),
        };
        Position::new(to_u32(line), to_u32(column))
    }

    pub fn range(&self, range: std::ops::Range<usize>) -> Range {
        Range::new(self.position(range.start), self.position(range.end))
    }

    /// The byte offset of an LSP position. A column past the end of its line means the line's end and a line past
    /// the end of the text its end, as the protocol asks; a column inside a character lands before it.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let start = self.lines.line_start(line);
        let end = self.lines.line_start(line + 1);
        let end = if line + 1 >= self.lines.line_count() {
            self.text.len()
        } else {
            end - 1
        };
        let mut units = 0;
        let wanted = position.character as usize;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += self.encoding.units(c);
            if units > wanted {
                return start + i;
            }
        }
        end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(encoding: Encoding) {
        let text = "Bonjour Zoé 👋\r\nvoilà ok";
        let lines = LineIndex::new(text);
        let p = Positions {
            text,
            lines: &lines,
            encoding,
        };
        for (offset, _) in text.char_indices() {
            assert_eq!(p.offset(p.position(offset)), offset, "{encoding:?} at {offset}");
        }
        assert_eq!(p.offset(p.position(text.len())), text.len());
    }

    #[test]
    fn offsets_round_trip_in_both_encodings() {
        round_trip(Encoding::Utf8);
        round_trip(Encoding::Utf16);
    }

    #[test]
    fn columns_count_code_units() {
        let text = "é👋x\nok";
        let lines = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let utf16 = Positions {
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
        };
        assert_eq!(utf16.position(x), Position::new(0, 3));
        let utf8 = Positions {
            encoding: Encoding::Utf8,
            ..utf16
        };
        assert_eq!(utf8.position(x), Position::new(0, 6));
        // Past the end of a line: its end, before the line break.
        assert_eq!(utf8.offset(Position::new(0, 99)), x + 1);
        assert_eq!(utf8.offset(Position::new(7, 0)), text.len());
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&both[..1])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
