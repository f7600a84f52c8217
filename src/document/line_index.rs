//! Byte offset -> line and column, computed only when rendering.

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters before each `BLOCK`-byte boundary, so that a column on a very long line costs one block's scan,
    /// not the whole line's.
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        }
        chars_before_block.push(count);
        LineIndex {
            line_starts,
            chars_before_block,
        }
    }

    /// Characters (Unicode scalar values) in `text[..offset]`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        base + text.as_bytes()[block * BLOCK..offset]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line and column of `offset` in `text` (the text this index was built from); an offset inside a character
    /// counts as that character.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = self.chars_before(text, offset) - self.chars_before(text, start);
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The same position with the column counted in UTF-16 code units (for the language server and editors).
    pub fn line_column_utf16(&self, text: &str, offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text.get(start..offset).map(|s| s.encode_utf16().count()).unwrap_or(0);
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "Bonjour Zoé,\nvoilà 😀 ok";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), LineColumn { line: 1, column: 1 });
        let ok = text.find("ok").unwrap();
        assert_eq!(index.line_column(text, ok), LineColumn { line: 2, column: 9 });
        assert_eq!(index.line_column_utf16(text, ok), LineColumn { line: 2, column: 10 });
        assert_eq!(index.line_column(text, text.len()).line, 2);
    }

    #[test]
    fn long_lines_across_blocks() {
        let text = format!("{}é{}x", "a".repeat(5000), "b".repeat(9000));
        let index = LineIndex::new(&text);
        let x = text.len() - 1;
        assert_eq!(index.line_column(&text, x), LineColumn { line: 1, column: 14002 });
    }
}
