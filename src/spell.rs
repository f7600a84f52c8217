//! Spelling: embedded Hunspell dictionaries and the word lists that support messages need.

use std::collections::HashSet;

use crate::engine::kinds::{BuildError, KindDef};
use crate::engine::{Check, Context, Finding};

/// Words a team accepts on top of the dictionaries (`words`, `word_lists`, `.tact/words.txt`).
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: HashSet<String>,
}

impl WordSet {
    pub fn insert(&mut self, word: &str) {
        let word = word.trim();
        if !word.is_empty() && !word.starts_with('#') {
            self.words.insert(word.to_string());
            self.words.insert(word.to_lowercase());
        }
    }

    pub fn extend_from_text(&mut self, text: &str) {
        for line in text.lines() {
            self.insert(line);
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word) || self.words.contains(&word.to_lowercase())
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

pub const KIND: KindDef = KindDef {
    name: "spelling",
    params: &["ignore_acronyms"],
    build: |spec| {
        let ignore_acronyms = spec.ignore_acronyms.unwrap_or(5);
        if ignore_acronyms > 20 {
            return Err(BuildError::key("ignore_acronyms", "`ignore_acronyms` is a word length, at most 20"));
        }
        Ok(Box::new(Spelling { _ignore_acronyms: ignore_acronyms }))
    },
};

struct Spelling {
    _ignore_acronyms: usize,
}

impl Check for Spelling {
    fn check(&self, _cx: &Context<'_, '_>, _out: &mut Vec<Finding>) {}
}
