//! Escaping for the XML formats (JUnit, Checkstyle): five entities and no dependency.

use std::borrow::Cow;

/// Escapes text content.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Escapes an attribute value (double-quoted); line breaks and tabs become character references because parsers
/// fold them into spaces otherwise.
pub fn attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (attribute && matches!(c, '\n' | '\r' | '\t')) || !allowed(c)
    };
    if !s.contains(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' if attribute => out.push_str(&format!("&#{};", c as u32)),
            // XML 1.0 cannot carry these at all, not even as references.
            c if !allowed(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The characters XML 1.0 allows (its `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_illegal_characters() {
        assert_eq!(text("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            text("a < b && \"c\" > 'd'"),
            "a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
        assert_eq!(text("line\nbreak"), "line\nbreak");
        assert_eq!(attr("line\nbreak\t"), "line&#10;break&#9;");
        assert_eq!(text("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(text("Zoé 😀"), "Zoé 😀");
    }
}
