#![no_main]

// The target's body is in ../harness.rs, the crate's `fuzz_harness` module
// (built with `--cfg fuzzing`), which the tests replay the corpus through.
libfuzzer_sys::fuzz_target!(|data: &[u8]| studyguide::fuzz_harness::limits_parse(data));
