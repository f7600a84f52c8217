//! Every output format on one shared set of drafts (`tests/fixtures/formats`): English and French, plain text,
//! Markdown and JSON Lines with escapes, a file name that needs escaping. Only the house rules of the fixtures and
//! `spelling` run, so the snapshots do not move when the built-in packs evolve. Beyond the snapshots, each
//! machine format is parsed the way its consumer would.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// In the order given on the command line, which is the order of the output.
const FILES: [&str; 4] = ["reply.txt", "bonjour.txt", "macros/canned.jsonl", "R&D notes, v2.md"];
const DIAGNOSTICS: usize = 12;
const DRAFTS: usize = 9;
const FAILED: usize = 6;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("formats"), dir.path());
    std::fs::write(
        dir.path().join("tact.toml"),
        format!(
            "rule_dirs = [{:?}]\nselect = [\"tone.already-said\", \"grammar.doubled-word\", \"spelling\"]\n",
            fixtures().join("rules").display().to_string()
        ),
    )
    .unwrap();
    dir
}

/// `tact check FILES --format FORMAT` in a fresh workspace: stdout, with tact's version masked so that a release
/// does not rewrite the snapshots.
fn check(format: &str) -> String {
    let dir = workspace();
    let output = Command::cargo_bin("tact")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .args(["check", "--format", format, "--color", "never"])
        .args(FILES)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[version]\"")
}

fn file_text(path: &str) -> String {
    std::fs::read_to_string(fixtures().join("formats").join(path)).unwrap()
}

#[test]
fn pretty() {
    insta::assert_snapshot!(check("pretty"));
}

#[test]
fn concise() {
    let out = check("concise");
    let diagnostics = out.lines().filter(|l| l.contains("]")).count();
    assert_eq!(diagnostics, DIAGNOSTICS);
    assert!(out.contains("reply.txt: score 73/100 (failed)"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn json() {
    let out = check("json");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["drafts"].as_array().unwrap().len(), DRAFTS);
    assert_eq!(doc["summary"]["failed"], FAILED);
    insta::assert_snapshot!(out);
}

#[test]
fn jsonl() {
    let out = check("jsonl");
    let drafts: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(drafts.len(), DRAFTS);
    insta::assert_snapshot!(out);
}

/// The text between two SARIF positions, counting columns in code points as the run's `columnKind` says.
fn sarif_region_text(text: &str, region: &Value) -> String {
    let offset = |line: u64, column: u64| -> usize {
        let line_start: usize = text.split_inclusive('\n').take(line as usize - 1).map(str::len).sum();
        line_start
            + text[line_start..]
                .chars()
                .take(column as usize - 1)
                .map(char::len_utf8)
                .sum::<usize>()
    };
    let n = |key: &str| region[key].as_u64().unwrap();
    text[offset(n("startLine"), n("startColumn"))..offset(n("endLine"), n("endColumn"))].to_string()
}

fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&uri[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn sarif() {
    let out = check("sarif");
    let log: Value = serde_json::from_str(&out).unwrap();
    assert!(log["$schema"].as_str().unwrap().contains("sarif-schema-2.1.0"));
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tact");
    assert_eq!(driver["version"], "[version]");
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_REPOSITORY"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["grammar.doubled-word", "spelling.unknown-word", "tone.already-said"]
    );
    for rule in rules {
        for key in ["shortDescription", "fullDescription"] {
            assert!(!rule[key]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
        assert!(rule["name"].as_str().unwrap().chars().all(char::is_alphanumeric));
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string());
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
        assert!(rule["properties"]["category"].is_string());
        assert!(rule["properties"]["tags"].is_array());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), DIAGNOSTICS);
    let mut fingerprints = std::collections::HashSet::new();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], rules[index]["id"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let path = percent_decode(location["artifactLocation"]["uri"].as_str().unwrap());
        assert!(FILES.contains(&path.as_str()), "{path}");
        let region = &location["region"];
        assert_eq!(
            sarif_region_text(&file_text(&path), region),
            region["snippet"]["text"].as_str().unwrap(),
            "{result}"
        );
        assert!(fingerprints.insert(result["partialFingerprints"]["tactFingerprint/v1"].to_string()));
        assert!(result["properties"]["score"].is_u64());
        assert!(result["properties"]["passed"].is_boolean());
    }
    assert_eq!(run["properties"]["summary"]["failed"], FAILED);
    insta::assert_snapshot!(out);
}

/// What the Actions runner decodes in a workflow command's data (and, with `:` and `,`, in a property).
fn github_decode(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github() {
    let out = check("github");
    let grammar = regex::Regex::new(
        r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.+)$",
    )
    .unwrap();
    let escape = regex::Regex::new(r"%(?:25|0A|0D|3A|2C)").unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let (summary, commands) = lines.split_last().unwrap();
    assert!(summary.starts_with("9 drafts checked"), "{summary}");
    assert_eq!(commands.len(), DIAGNOSTICS);
    for line in commands {
        let caps = grammar
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        for value in [&caps[2], &caps[7], &caps[8]] {
            assert_eq!(
                value.matches('%').count(),
                escape.find_iter(value).count(),
                "stray % in {line}"
            );
        }
        assert!(FILES.contains(&github_decode(&caps[2]).as_str()), "{line}");
        assert!(caps[7].contains('.'), "title is the rule id: {line}");
    }
    assert!(out.contains("file=R&D notes%2C v2.md,"), "{out}");
    insta::assert_snapshot!(out);
}

/// An element of a parsed XML document: its name and its attributes, unescaped.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }
}

/// Replaces the five predefined entities and character references; anything else is not well-formed.
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let end = rest[amp..]
            .find(';')
            .ok_or(format!("unterminated reference in {s:?}"))?
            + amp;
        let entity = &rest[amp + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => entity
                        .strip_prefix('#')
                        .ok_or(format!("unknown entity &{entity};"))?
                        .parse(),
                }
                .map_err(|_| format!("bad character reference &{entity};"))?;
                char::from_u32(code).ok_or(format!("bad character reference &{entity};"))?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A minimal XML well-formedness check, enough for what tact writes: a prolog, one root, nested elements with
/// double-quoted attributes, text, references. Returns the elements in document order.
fn parse_xml(doc: &str) -> Result<Vec<Element>, String> {
    let mut rest = doc
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        .ok_or("no XML declaration")?;
    let mut elements = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if open.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root element: {text:?}"));
        }
        unescape(text)?;
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            let gt = after.find('>').ok_or("unterminated end tag")?;
            let name = &after[..gt];
            if open.pop().as_deref() != Some(name) {
                return Err(format!("</{name}> does not close the open element"));
            }
            rest = &after[gt + 1..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .ok_or("unterminated tag")?;
        let name = &rest[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c)) {
            return Err(format!("bad element name {name:?}"));
        }
        if open.is_empty() {
            roots += 1;
        }
        rest = &rest[name_end..];
        let mut attributes: Vec<(String, String)> = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>") {
                rest = after;
                break;
            }
            if let Some(after) = rest.strip_prefix('>') {
                open.push(name.to_string());
                rest = after;
                break;
            }
            let eq = rest.find('=').ok_or("attribute without a value")?;
            let attribute = &rest[..eq];
            let value_and_rest = rest[eq + 1..].strip_prefix('"').ok_or("unquoted attribute")?;
            let close = value_and_rest.find('"').ok_or("unterminated attribute")?;
            let raw = &value_and_rest[..close];
            if raw.contains('<') {
                return Err(format!("`<` in attribute {attribute}"));
            }
            if attributes.iter().any(|(n, _)| n == attribute) {
                return Err(format!("duplicate attribute {attribute}"));
            }
            attributes.push((attribute.to_string(), unescape(raw)?));
            rest = &value_and_rest[close + 1..];
        }
        elements.push(Element {
            name: name.to_string(),
            attributes,
        });
    }
    if !open.is_empty() || roots != 1 || !rest.trim().is_empty() {
        return Err(format!("unclosed {open:?}, {roots} roots, trailing {rest:?}"));
    }
    Ok(elements)
}

#[test]
fn xml_checker_rejects_what_is_not_well_formed() {
    let prolog = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
    assert!(parse_xml(&format!("{prolog}<a x=\"1 &amp; 2\"><b/>t &lt; u</a>\n")).is_ok());
    for bad in [
        "<a><b></a></b>",
        "<a x=1/>",
        "<a>&nbsp;</a>",
        "<a/><b/>",
        "<a x=\"<\"/>",
        "<a>",
    ] {
        assert!(parse_xml(&format!("{prolog}{bad}")).is_err(), "{bad}");
    }
}

#[test]
fn junit() {
    let out = check("junit");
    let elements = parse_xml(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let count = |name: &str| elements.iter().filter(|e| e.name == name).count();
    let root = &elements[0];
    assert_eq!(root.name, "testsuites");
    assert_eq!(root.attr("tests"), DRAFTS.to_string());
    assert_eq!(root.attr("failures"), FAILED.to_string());
    assert_eq!(count("testcase"), DRAFTS);
    assert_eq!(count("failure"), FAILED);
    let suites: Vec<&Element> = elements.iter().filter(|e| e.name == "testsuite").collect();
    let names: Vec<&str> = suites.iter().map(|s| s.attr("name")).collect();
    assert_eq!(names, FILES);
    let sum = |attr: &str| -> usize { suites.iter().map(|s| s.attr(attr).parse::<usize>().unwrap()).sum() };
    assert_eq!(sum("tests"), DRAFTS);
    assert_eq!(sum("failures"), FAILED);
    insta::assert_snapshot!(out);
}

#[test]
fn checkstyle() {
    let out = check("checkstyle");
    let elements = parse_xml(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_eq!(elements[0].name, "checkstyle");
    assert_eq!(elements[0].attr("version"), "4.3");
    let files: Vec<&str> = elements
        .iter()
        .filter(|e| e.name == "file")
        .map(|e| e.attr("name"))
        .collect();
    assert_eq!(files, FILES);
    let errors: Vec<&Element> = elements.iter().filter(|e| e.name == "error").collect();
    assert_eq!(errors.len(), DIAGNOSTICS);
    for error in errors {
        assert!(error.attr("source").starts_with("tact."));
        assert!(["error", "warning", "info"].contains(&error.attr("severity")));
        assert!(error.attr("line").parse::<usize>().unwrap() >= 1);
        assert!(error.attr("column").parse::<usize>().unwrap() >= 1);
    }
    insta::assert_snapshot!(out);
}
