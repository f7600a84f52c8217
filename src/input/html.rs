//! HTML bodies (Zendesk `comment_value_html`, Freshdesk `content_html`, Front `body`) checked as the text a
//! customer reads: tags dropped, block tags as line breaks, entities decoded, whitespace collapsed, every character
//! still mapped to where it is written in the file.

use std::ops::Range;

use super::source_map::SourceMap;

/// True when `text` holds markup worth stripping.
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(at, w)| {
        // A `<!-- tact-disable … -->` comment alone does not make plain text HTML.
        let tact_comment = || {
            text[at..]
                .strip_prefix("<!--")
                .is_some_and(|rest| rest.trim_start().starts_with("tact-disable"))
        };
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || (w[1] == b'!' && !tact_comment()))
    })
}

const BLOCK_TAGS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "table",
];
const SKIPPED_TAGS: &[&str] = &["script", "style", "head"];

const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("euro", '€'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("ccedil", 'ç'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ocirc", 'ô'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("oelig", 'œ'),
    ("Eacute", 'É'),
    ("Egrave", 'È'),
    ("Agrave", 'À'),
    ("Ccedil", 'Ç'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("thinsp", '\u{2009}'),
    ("shy", '\u{ad}'),
];

/// A character of the text and the range of the HTML it comes from.
pub type Piece = (Range<usize>, Range<usize>);

/// The text of `html` and, for each of its characters, the range of `html` it comes from.
pub fn to_text(html: &str) -> (String, Vec<Piece>) {
    let mut out = String::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    let bytes = html.as_bytes();
    let push = |out: &mut String, pieces: &mut Vec<Piece>, ch: char, source: Range<usize>| {
        let start = out.len();
        out.push(ch);
        pieces.push((start..out.len(), source));
    };
    while i < html.len() {
        match bytes[i] {
            b'<' => {
                let Some(close) = html[i..].find('>') else {
                    push(&mut out, &mut pieces, '<', i..i + 1);
                    i += 1;
                    continue;
                };
                let tag_end = i + close + 1;
                let inner = html[i + 1..tag_end - 1].trim_start_matches('/');
                let name: String = inner
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if inner.starts_with("!--") {
                    let end = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
                    // tact's own comments stay in the text, where suppression reads them (and masks them).
                    if html[i..end].contains("tact-disable") {
                        for (at, ch) in html[i..end].char_indices() {
                            push(&mut out, &mut pieces, ch, i + at..i + at + ch.len_utf8());
                        }
                    }
                    i = end;
                    continue;
                }
                if SKIPPED_TAGS.contains(&name.as_str()) && !html[i + 1..].starts_with('/') {
                    let closing = format!("</{name}");
                    i = html[tag_end..]
                        .to_ascii_lowercase()
                        .find(&closing)
                        .map_or(html.len(), |e| tag_end + e);
                    continue;
                }
                if BLOCK_TAGS.contains(&name.as_str()) && !out.is_empty() && !out.ends_with('\n') {
                    // Trailing spaces before a line break are markup, not the writer's.
                    while out.ends_with(' ') {
                        out.pop();
                        pieces.pop();
                    }
                    push(&mut out, &mut pieces, '\n', i..tag_end);
                }
                i = tag_end;
            }
            b'&' => {
                let rest = &html[i + 1..];
                let end = rest.find(';').filter(|e| *e <= 10);
                let decoded = end.and_then(|e| {
                    let name = &rest[..e];
                    if let Some(number) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(number, 16).ok().and_then(char::from_u32)
                    } else if let Some(number) = name.strip_prefix('#') {
                        number.parse().ok().and_then(char::from_u32)
                    } else {
                        ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
                    }
                });
                match (decoded, end) {
                    (Some(ch), Some(e)) => {
                        push(&mut out, &mut pieces, ch, i..i + e + 2);
                        i += e + 2;
                    }
                    _ => {
                        push(&mut out, &mut pieces, '&', i..i + 1);
                        i += 1;
                    }
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                let run = html[i..]
                    .find(|c: char| !c.is_ascii_whitespace())
                    .unwrap_or(html.len() - i);
                if !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    push(&mut out, &mut pieces, ' ', i..i + run);
                }
                i += run;
            }
            _ => {
                let ch = html[i..].chars().next().unwrap_or(' ');
                push(&mut out, &mut pieces, ch, i..i + ch.len_utf8());
                i += ch.len_utf8();
            }
        }
    }
    while out.ends_with([' ', '\n']) {
        out.pop();
        pieces.pop();
    }
    (out, pieces)
}

/// Maps text derived from a string back to the file: each piece's source range (in the string) goes through the
/// string's own map (its JSON or YAML escapes).
pub fn compose(pieces: &[Piece], inner: &SourceMap) -> SourceMap {
    let mut map = SourceMap::with_escaping(inner.escaping);
    for (out, source) in pieces {
        map.push(out.clone(), inner.range(source));
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_entities_and_whitespace() {
        let html =
            "<p>Hi Sam,</p>\n<p>Your order &amp; refund are on their way&nbsp;!<br/>Caf&eacute; &#233;t&#xE9;</p>";
        let (text, pieces) = to_text(html);
        assert_eq!(text, "Hi Sam,\nYour order & refund are on their way\u{a0}!\nCafé été");
        let amp = text.find('&').unwrap();
        let (_, source) = pieces.iter().find(|(o, _)| o.start == amp).unwrap();
        assert_eq!(&html[source.clone()], "&amp;");
        assert!(looks_like_html(html));
        assert!(!looks_like_html("Price < 10 and 3 > 2"));
    }

    #[test]
    fn tact_comments_stay_in_the_text() {
        let (text, _) = to_text("<p>Hi <!-- note --><!-- tact-disable-next-line tone --></p><p>As I said</p>");
        assert_eq!(text, "Hi <!-- tact-disable-next-line tone -->\nAs I said");
    }

    #[test]
    fn comments_scripts_and_stray_symbols() {
        let (text, _) = to_text("A <!-- note --> B <script>x()</script>C & D < E");
        assert_eq!(text, "A B C & D < E");
    }
}
