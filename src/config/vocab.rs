//! Team vocabularies, as Vale's: a folder `.tact/vocab/NAME/` beside the configuration, named by `vocab = ["NAME"]`,
//! holding `accept.txt` (terms the spell checker accepts, one a line) and `reject.txt` (terms the team does not
//! write, each with its replacement: `e-mail -> email`), which `spelling.rejected-term` flags and fixes.

use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub accept: Vec<String>,
    /// (rejected term, replacement).
    pub reject: Vec<(String, String)>,
}

/// The folder of vocabulary `name` for a configuration in `base`.
pub fn folder(base: &Path, name: &str) -> PathBuf {
    base.join(".tact").join("vocab").join(name)
}

/// Reads vocabulary `name`; at least one of its two files must exist.
pub fn load(base: &Path, name: &str) -> Result<Vocabulary, String> {
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(format!(
            "vocab `{name}`: a vocabulary is named by its folder under .tact/vocab/"
        ));
    }
    let dir = folder(base, name);
    let read = |file: &str| -> Result<Option<(PathBuf, String)>, String> {
        let path = dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some((path, text))),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(format!("{}: {err}", path.display())),
        }
    };
    let accept = read("accept.txt")?;
    let reject = read("reject.txt")?;
    if accept.is_none() && reject.is_none() {
        return Err(format!(
            "vocab `{name}`: neither {0}/accept.txt nor {0}/reject.txt exists",
            dir.display()
        ));
    }
    let mut vocabulary = Vocabulary::default();
    if let Some((_, text)) = accept {
        vocabulary.accept = entries(&text).map(|(_, line)| line.to_string()).collect();
    }
    if let Some((path, text)) = reject {
        for (number, line) in entries(&text) {
            let Some((term, replacement)) = line.split_once("->") else {
                return Err(format!(
                    "{}:{number}: a rejected term needs its replacement: `{line} -> …`",
                    path.display()
                ));
            };
            let (term, replacement) = (term.trim(), replacement.trim());
            if term.is_empty() || replacement.is_empty() {
                return Err(format!(
                    "{}:{number}: write `rejected term -> replacement`",
                    path.display()
                ));
            }
            vocabulary.reject.push((term.to_string(), replacement.to_string()));
        }
    }
    Ok(vocabulary)
}

/// Lines that hold an entry, with their 1-based numbers: blank lines and `#` comments are skipped.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_and_reject_files() {
        let dir = tempfile::tempdir().unwrap();
        let vocab = folder(dir.path(), "Brand");
        std::fs::create_dir_all(&vocab).unwrap();
        std::fs::write(vocab.join("accept.txt"), "# our names\nZenbox\n\nAcmeCloud\n").unwrap();
        std::fs::write(vocab.join("reject.txt"), "e-mail -> email\nZen box->Zenbox\n").unwrap();
        let loaded = load(dir.path(), "Brand").unwrap();
        assert_eq!(loaded.accept, vec!["Zenbox", "AcmeCloud"]);
        assert_eq!(
            loaded.reject,
            vec![("e-mail".into(), "email".into()), ("Zen box".into(), "Zenbox".into())]
        );
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path(), "Missing").unwrap_err().contains("neither"));
        assert!(load(dir.path(), "../x").is_err());
        let vocab = folder(dir.path(), "Legal");
        std::fs::create_dir_all(&vocab).unwrap();
        std::fs::write(
            vocab.join("reject.txt"),
            "# words legal wants gone\nfree of charge -> at no cost\ncheapest\n",
        )
        .unwrap();
        let err = load(dir.path(), "Legal").unwrap_err();
        assert!(
            err.ends_with("reject.txt:3: a rejected term needs its replacement: `cheapest -> …`"),
            "{err}"
        );
    }
}
