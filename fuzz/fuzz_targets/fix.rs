//! `--fix`: fixing twice is fixing once, and a file that read cleanly still does (see `properties::fix_is_stable`).
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(init: properties::warm_up(), |data: &[u8]| {
    let (format, bytes) = properties::split(data);
    properties::fix_is_stable(bytes, format);
});
