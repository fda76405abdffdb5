#![no_main]

// The target's body lives in ../harness.rs, shared with tests/fuzz_corpus.rs.
#[allow(dead_code)]
mod harness {
    include!("../harness.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::blueprint(data));
