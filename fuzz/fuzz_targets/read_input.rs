//! Every reader with its source map, and every rule over what it reads: see `properties::read_and_check`.
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(init: properties::warm_up(), |data: &[u8]| {
    let (format, bytes) = properties::split(data);
    let _ = properties::read_and_check(bytes, format);
});
