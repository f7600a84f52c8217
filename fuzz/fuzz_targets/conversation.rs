//! Conversation records: JSON Lines built around the fuzzer's texts and times, checked with the conversation rules.
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(init: properties::warm_up(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Each line is a message: its first character picks the speaker, the rest is its text; times step by the
    // line's length in minutes so that the time rules see gaps of every size.
    let mut minutes = 0u64;
    let messages: Vec<String> = text
        .lines()
        .take(32)
        .map(|line| {
            let mut chars = line.chars();
            let role = match chars.next().map(|c| c as u32 % 3) {
                Some(0) => "customer",
                Some(1) => "agent",
                _ => "bot",
            };
            minutes += line.len() as u64 * 7;
            let time = format!("2026-01-{:02}T{:02}:{:02}:00Z", 1 + (minutes / 1440) % 28, (minutes / 60) % 24, minutes % 60);
            let body = serde_json_string(chars.as_str());
            format!(r#"{{"role":"{role}","time":"{time}","text":{body}}}"#)
        })
        .collect();
    let record = format!(r#"{{"id":"c","channel":"messenger","messages":[{}]}}"#, messages.join(","));
    let _ = properties::read_and_check(record.as_bytes(), tact::input::InputFormat::Jsonl);
});

fn serde_json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
