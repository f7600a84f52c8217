//! The rule loader: any TOML loads or is refused, and the rules it loads run (see `properties::load_rules`).
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(init: properties::warm_up(), |data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        properties::load_rules(text);
    }
});
