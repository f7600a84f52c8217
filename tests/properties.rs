//! The fuzz targets' properties (`fuzz/properties.rs`) on generated inputs, in every `cargo test`: readers keep
//! their source maps inside the file, diagnostics and fixes land on character boundaries with the right line and
//! column, fixing twice is fixing once, and any rule pack loads or is refused without a panic.

#[path = "../fuzz/properties.rs"]
mod properties;

use proptest::prelude::*;

/// Pieces that reach the readers' and rules' corners: JSON/YAML/CSV punctuation, escapes, HTML, placeholders,
/// suppression comments, multi-byte text, typos and mistakes with fixes.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    ",",
    ":",
    "\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "\\n",
    "\\u00e9",
    "\\ud83d\\ude00",
    "{\"text\": \"",
    "\"}",
    "{\"id\": \"a\", \"messages\": [",
    "{\"role\": \"customer\", \"text\": \"",
    "- text: ",
    "text: |\n  ",
    "&a ",
    "*a",
    "<<: *a",
    "---\n",
    "id,text\n",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "<!-- tact-disable -->",
    "<!-- tact-disable-next-line grammar -->",
    "{{first_name}}",
    "{{name",
    "Hi Sam,",
    "Bonjour Anne,",
    "the the",
    "recieve",
    "comande",
    "  ",
    "i ",
    "pls",
    "As I already said",
    "Best, Jo",
    "Cordialement",
    "é",
    "😀",
    "👍🏽",
    "ß",
    "\u{feff}",
    "\u{200d}",
    "ﬁ",
    "İ",
    "#",
    "> quoted",
    "https://example.com/a",
    "a@b.co",
    "ORDER-12345",
];

fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn format() -> impl Strategy<Value = tact::input::InputFormat> {
    prop::sample::select(properties::FORMATS.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_reader_places_diagnostics_inside_the_file(text in document(), format in format()) {
        let _ = properties::read_and_check(text.as_bytes(), format);
    }

    #[test]
    fn fixing_twice_is_fixing_once_and_keeps_the_file_readable(text in document(), format in format()) {
        properties::fix_is_stable(text.as_bytes(), format);
    }

    #[test]
    fn any_rule_pack_loads_or_is_refused(text in rule_pack()) {
        properties::load_rules(&text);
    }
}

/// Rule packs built from real keys and kinds with values of every type, so most reach the kinds' builders.
fn rule_pack() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "kind",
        "patterns",
        "max",
        "min",
        "metric",
        "region",
        "phrases",
        "replacement",
        "severity",
        "lang",
        "roles",
        "channels",
        "owed",
        "within_words",
        "sets",
        "message",
        "weight",
        "at",
        "words",
    ]);
    let value = prop::sample::select(vec![
        "\"pattern\"",
        "\"metric\"",
        "\"required\"",
        "\"substitution\"",
        "\"confusion\"",
        "\"repetition\"",
        "\"spelling\"",
        "['(?i)\\\\bfoo\\\\b', '[']",
        "[\"x\"]",
        "3",
        "-1",
        "1e999",
        "\"sentences\"",
        "\"body\"",
        "true",
        "{ a = 1 }",
        "[]",
        "\"en\"",
        "[\"fr\", \"xx\"]",
        "\"(\"",
        "'''\\b(?<n>a)\\k<n>'''",
    ]);
    prop::collection::vec((key, value), 0..8).prop_map(|pairs| {
        let mut pack = String::from("[[rule]]\nid = \"tone.fuzz\"\ncategory = \"tone\"\nmessage = \"m\"\n");
        for (key, value) in pairs {
            pack.push_str(&format!("{key} = {value}\n"));
        }
        pack
    })
}

/// Inputs the fuzzers found slow (seconds of suggestion work before suggestions were bounded by work): each is
/// checked whole, every unknown word still reported, and fixing them is stable.
#[test]
fn drafts_the_fuzzers_found_slow_are_checked_whole() {
    let french = format!(
        "Bonjour Eva, merci pour votre cmomande ! Votre col{}is a été remis au transporteur : suivez-le depuis \
         votre e-mail. Profitez bien de vos nouvelles chaussures !",
        "y".repeat(110)
    );
    let mixed = "Hi team,\n\nPeam,\n\nPlese find thei vonice attachedété transmises au vendeur, qui vous \
                 répottached.\n\nBest regards,\nAlex\n";
    for (text, unknown) in [(french.as_str(), "cmomande"), (mixed, "vonice")] {
        let (_, reports, _) =
            properties::read_and_check(text.as_bytes(), tact::input::InputFormat::Text).expect("the draft reads");
        let flagged: Vec<&str> = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.diagnostic.rule.starts_with("spelling."))
            .map(|d| d.text.as_str())
            .collect();
        assert!(flagged.contains(&unknown), "{unknown} not reported: {flagged:?}");
        properties::fix_is_stable(text.as_bytes(), tact::input::InputFormat::Text);
    }
}
