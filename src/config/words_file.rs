//! A folder's own vocabulary: `.tact/words.txt` (every language) and `.tact/words.LANG.txt` (one language), found by
//! walking up from a folder, and `tact words add` (also the language server's "add to words" action), which keeps
//! them sorted and free of duplicates so that they review well in version control.

use std::path::{Path, PathBuf};

use crate::model::Lang;

const DIR: &str = ".tact";

/// The file name of the list for `lang`, or for every language.
pub fn words_file_name(lang: Option<Lang>) -> String {
    match lang {
        None => "words.txt".to_string(),
        Some(lang) => format!("words.{lang}.txt"),
    }
}

/// The language a word file is for, from its name: `None` for `words.txt` and any other list.
pub fn words_file_lang(path: &Path) -> Option<Lang> {
    let name = path.file_name()?.to_str()?;
    let code = name.strip_prefix("words.")?.strip_suffix(".txt")?;
    code.parse().ok()
}

/// The `.tact/words.txt` and `.tact/words.LANG.txt` files at or above `dir`, nearest folder first.
pub fn find_word_files(dir: &Path) -> Vec<PathBuf> {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let names: Vec<String> = std::iter::once(None)
        .chain(Lang::ALL.iter().copied().map(Some))
        .map(words_file_name)
        .collect();
    dir.ancestors()
        .flat_map(|d| names.iter().map(move |name| d.join(DIR).join(name)))
        .filter(|p| p.is_file())
        .collect()
}

/// Where `tact words add` writes from `dir`: the nearest folder at or above it that has a `.tact` folder (so a
/// team's shared list is found from any subfolder), else `dir/.tact/`.
pub fn nearest_words_file(dir: &Path, lang: Option<Lang>) -> PathBuf {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = words_file_name(lang);
    let existing = dir.ancestors().find_map(|d| {
        let file = d.join(DIR).join(&name);
        if file.is_file() {
            return Some(file);
        }
        // A `.tact` folder that holds the list for every language (or another) is the team's folder too.
        let folder = d.join(DIR);
        let has_lists = std::fs::read_dir(&folder).ok()?.flatten().any(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("words.") && n.ends_with(".txt"))
        });
        has_lists.then_some(file)
    });
    existing.unwrap_or_else(|| dir.join(DIR).join(name))
}

/// What adding a word did.
#[derive(Debug, PartialEq, Eq)]
pub struct Added {
    pub file: PathBuf,
    /// `false` when the word was already in the list.
    pub inserted: bool,
}

/// Adds `word` to the nearest words file (see [`nearest_words_file`]), creating it if needed. Comment lines stay at
/// the top; words follow sorted case-insensitively, one a line, without duplicates.
pub fn add_word(dir: &Path, word: &str, lang: Option<Lang>) -> Result<Added, String> {
    let word = word.trim();
    if word.is_empty() || word.contains(char::is_whitespace) || word.starts_with('#') {
        return Err(format!(
            "`{word}` is not a word: give one word without spaces (and not starting with #)"
        ));
    }
    let file = nearest_words_file(dir, lang);
    let old = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(format!("{}: {err}", file.display())),
    };
    let (text, inserted) = with_word(&old, word);
    if !inserted && text == old {
        return Ok(Added { file, inserted });
    }
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let written = if file.exists() {
        crate::fix::write_atomically(&file, text.as_bytes())
    } else {
        std::fs::write(&file, text.as_bytes())
    };
    written.map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Added { file, inserted })
}

/// The list with `word` in it, sorted and deduplicated; and whether the word is new.
fn with_word(text: &str, word: &str) -> (String, bool) {
    let mut comments = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            comments.push(line);
        } else {
            words.extend(line.split_whitespace());
        }
    }
    let inserted = !words.contains(&word);
    words.push(word);
    words.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b)));
    words.dedup();
    let mut out = String::new();
    for line in comments.into_iter().chain(words) {
        out.push_str(line);
        out.push('\n');
    }
    (out, inserted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_sorted_deduplicated_and_comments_kept() {
        let (text, inserted) = with_word("# team words\nZenbox\nacme\nacme\n", "Blorp");
        assert_eq!(text, "# team words\nacme\nBlorp\nZenbox\n");
        assert!(inserted);
        let (again, inserted) = with_word(&text, "Blorp");
        assert_eq!(again, text);
        assert!(!inserted);
    }

    #[test]
    fn the_nearest_list_is_used_else_one_is_created_here() {
        let root = tempfile::tempdir().unwrap();
        let sub = root.path().join("a").join("b");
        std::fs::create_dir_all(&sub).unwrap();
        let created = add_word(&sub, "Zenbox", None).unwrap();
        assert_eq!(created.file, std::path::absolute(&sub).unwrap().join(".tact/words.txt"));

        std::fs::create_dir_all(root.path().join(".tact")).unwrap();
        std::fs::write(root.path().join(".tact/words.txt"), "Acme\n").unwrap();
        let other = root.path().join("c");
        std::fs::create_dir_all(&other).unwrap();
        let added = add_word(&other, "Blorp", Some(Lang::Fr)).unwrap();
        assert_eq!(
            added.file,
            std::path::absolute(root.path()).unwrap().join(".tact/words.fr.txt")
        );
        assert_eq!(std::fs::read_to_string(&added.file).unwrap(), "Blorp\n");
        assert_eq!(words_file_lang(&added.file), Some(Lang::Fr));
        assert_eq!(find_word_files(&other).len(), 2);
    }

    #[test]
    fn a_phrase_is_refused() {
        assert!(add_word(Path::new("."), "two words", None).is_err());
        assert!(add_word(Path::new("."), "  ", None).is_err());
    }
}
