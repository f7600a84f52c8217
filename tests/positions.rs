//! Property: for every diagnostic on a draft read from JSON, JSON Lines, YAML, CSV or an HTML help-desk export, the
//! file's bytes between the diagnostic's offsets, decoded the way the format decodes them, are the flagged text;
//! and line/column agree with the offset.

use std::sync::Arc;

use tact::config::{resolve, CliOverrides};
use tact::input::{ParseOptions, SourceFile};

mod common;

use common::Rng;

const PIECES: &[&str] = &[
    "Hi Zoé,",
    "Bonjour Chloé,",
    "Your parcel \"left\" today.",
    "It will arive tommorow.",
    "Votre comande est partie.",
    "As I already said, it's sorted.",
    "Thanks 😀 for waiting!",
    "Please send your password here.",
    "ok",
    "the the",
    "Café & crème < 10 €.",
    "Wow, what a surprise 🙄",
    "Check https://acme.com/track?id=1 now.",
    "{{first_name}}",
    "Best,",
    "Tom",
    "Bonne journée !",
    "i will check  that",
    "Cordialement,",
    "A\ttab.",
];

fn draft(rng: &mut Rng) -> String {
    let n = 2 + (rng.next() % 5) as usize;
    let mut parts = Vec::new();
    for _ in 0..n {
        parts.push(rng.pick(PIECES).to_string());
    }
    let separator = if rng.next() % 2 == 0 { "\n" } else { " " };
    parts.join(separator)
}

fn json_string(text: &str, rng: &mut Rng) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if !c.is_ascii() && rng.next() % 2 == 0 => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn settings() -> &'static tact::config::Resolved {
    static SETTINGS: std::sync::OnceLock<tact::config::Resolved> = std::sync::OnceLock::new();
    SETTINGS.get_or_init(|| resolve(None, None, &[], &CliOverrides::default()).expect("settings"))
}

fn check_property(name: &str, file: &str, decode: &dyn Fn(&str) -> String) -> usize {
    let settings = settings();
    let source = Arc::new(SourceFile::new(name, file.to_string()));
    let (reports, errors) = tact::pipeline::check_source(&source, ParseOptions::default(), settings);
    assert!(errors.is_empty(), "{name}: {errors:?}\n{file}");
    let mut checked = 0;
    for report in &reports {
        for d in &report.diagnostics {
            let raw = &file[d.start.offset..d.end.offset];
            assert_eq!(
                decode(raw),
                d.text,
                "{name}: rule {} at {}..{}\n{file}",
                d.diagnostic.rule,
                d.start.offset,
                d.end.offset
            );
            let before = &file[..d.start.offset];
            assert_eq!(d.start.line, before.matches('\n').count() + 1);
            assert_eq!(
                d.start.column,
                before.rsplit('\n').next().unwrap_or("").chars().count() + 1
            );
            checked += 1;
        }
    }
    checked
}

fn decode_json(raw: &str) -> String {
    serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|e| panic!("{raw:?} is not a JSON fragment: {e}"))
}

#[test]
fn json_and_json_lines() {
    let mut rng = Rng(0x5eed_1234);
    let mut checked = 0;
    for case in 0..60 {
        let drafts: Vec<String> = (0..3).map(|_| draft(&mut rng)).collect();
        let lines: Vec<String> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{{\"id\": \"{case}-{i}\", \"text\": {}}}", json_string(d, &mut rng)))
            .collect();
        checked += check_property("p.jsonl", &(lines.join("\n") + "\n"), &decode_json);
        checked += check_property("p.json", &format!("[\n  {}\n]\n", lines.join(",\n  ")), &decode_json);
    }
    assert!(checked > 100, "only {checked} diagnostics checked");
}

#[test]
fn csv() {
    let mut rng = Rng(0xc5c5_0001);
    let mut checked = 0;
    for _ in 0..60 {
        let mut file = String::from("id,title,text\n");
        for i in 0..3 {
            let text = draft(&mut rng);
            file.push_str(&format!("{i},Macro {i},\"{}\"\n", text.replace('"', "\"\"")));
        }
        checked += check_property("p.csv", &file, &|raw: &str| raw.replace("\"\"", "\""));
    }
    assert!(checked > 50);
}

#[test]
fn yaml_double_quoted_and_literal_blocks() {
    let mut rng = Rng(0x4a4d_2222);
    let mut checked = 0;
    for _ in 0..60 {
        let mut file = String::new();
        for i in 0..3 {
            let text = draft(&mut rng);
            if rng.next() % 2 == 0 {
                let quoted = text
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
                    .replace('\t', "\\t");
                file.push_str(&format!("- id: y{i}\n  text: \"{quoted}\"\n"));
            } else {
                let body: Vec<String> = text.lines().map(|l| format!("    {l}")).collect();
                file.push_str(&format!("- id: y{i}\n  text: |-\n{}\n", body.join("\n")));
            }
        }
        checked += check_property("p.yaml", &file, &|raw: &str| {
            if raw.contains("\n    ") || !raw.contains('\\') {
                raw.replace("\n    ", "\n")
            } else {
                decode_json(raw)
            }
        });
    }
    assert!(checked > 50);
}

#[test]
fn html_in_a_zendesk_export() {
    let mut rng = Rng(0x2e2d_3333);
    let mut checked = 0;
    for _ in 0..40 {
        let text = draft(&mut rng);
        let html: String = text
            .lines()
            .map(|l| {
                format!(
                    "<p>{}</p>",
                    l.replace('&', "&amp;").replace('<', "&lt;").replace('é', "&eacute;")
                )
            })
            .collect();
        let file = format!(
            "{{\"macros\": [{{\"id\": 1, \"title\": \"T\", \"actions\": [{{\"field\": \"comment_value_html\", \"value\": {}}}]}}]}}",
            json_string(&html, &mut Rng(1))
        );
        checked += check_property("zendesk.json", &file, &|raw: &str| {
            let decoded = decode_json(raw);
            let mut text = String::new();
            let mut in_tag = false;
            for ch in decoded.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' if in_tag => {
                        in_tag = false;
                        if !text.is_empty() && !text.ends_with('\n') {
                            text.push('\n');
                        }
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            // HTML collapses runs of white space into one space.
            let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&eacute;", "é");
            let mut collapsed = String::new();
            for ch in text.chars() {
                if ch == ' ' || ch == '\t' {
                    if !collapsed.ends_with([' ', '\n']) {
                        collapsed.push(' ');
                    }
                } else {
                    collapsed.push(ch);
                }
            }
            collapsed.trim_end_matches('\n').to_string()
        });
    }
    assert!(checked > 20);
}

/// Random text (non-breaking spaces, variation selectors, stray braces, half-open comments and quotes) in every
/// input format: checking and placing diagnostics never panics.
#[test]
fn random_input_never_panics() {
    const ALPHABET: &[&str] = &[
        "a", "e", "z", "A", "Q", " ", ".", ",", "!", "?", ";", ":", "'", "’", "\"", "{", "}", "[", "]", "(", ")", "%",
        "<", ">", "&", "#", "@", "_", "-", "\n", "\t", "\\", "/", "é", "à", "ç", "œ", "😀", "🙄", "\u{202f}", "\u{a0}",
        "\u{fe0f}", "\u{301}", "{{", "}}", "{%", "%}", "http://", "> ", "<!--", "-->", "&amp;", "\\u00e9", "\\n",
        "\r\n", "- ", "1. ", "Hi ", "Bonjour ", "Best,", "recieve", "the the", "---\n",
    ];
    let mut rng = Rng(0xdead_beef);
    for case in 0..300 {
        let n = (rng.next() % 120) as usize;
        let text: String = (0..n).map(|_| rng.pick(ALPHABET)).collect();
        for (name, file) in [
            ("r.txt", text.clone()),
            ("r.md", text.clone()),
            (
                "r.jsonl",
                format!(
                    "{{\"id\": \"{case}\", \"text\": {}}}\n{text}\n",
                    json_string(&text, &mut rng)
                ),
            ),
            ("r.json", format!("[{{\"text\": {}}}]", json_string(&text, &mut rng))),
            ("r.yaml", format!("- text: {text}\n")),
            ("r.csv", format!("text\n{text}\n")),
        ] {
            let source = Arc::new(SourceFile::new(name, file));
            let (reports, _) = tact::pipeline::check_source(&source, ParseOptions::default(), settings());
            for report in &reports {
                for d in &report.diagnostics {
                    assert!(
                        d.start.offset <= d.end.offset && d.end.offset <= source.text.len(),
                        "{name}: {text:?}"
                    );
                    assert!(source.text.is_char_boundary(d.start.offset) && source.text.is_char_boundary(d.end.offset));
                }
            }
        }
    }
}
