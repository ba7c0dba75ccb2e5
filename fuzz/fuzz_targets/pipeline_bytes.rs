//! Arbitrary bytes through load, check, analyse and render.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    rootline::fuzzing::run(bytes);
});
