//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/*`) through the
//! same harness the cargo-fuzz targets run, so every input that once found a
//! bug stays a regression test on stable Rust, without libFuzzer.
//!
//! To fuzz for new inputs: `tests/fuzz.sh [seconds-per-target]`.

#[allow(dead_code)]
mod harness {
    include!("../fuzz/harness.rs");
}

use std::path::Path;

#[test]
fn every_corpus_input_passes_its_target() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut failures = Vec::new();
    let mut replayed = 0;

    // Every directory belongs to a target, and every target has seeds.
    for entry in std::fs::read_dir(&corpus).expect("fuzz/corpus exists") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            harness::TARGETS.iter().any(|(t, _)| *t == name),
            "fuzz/corpus/{name} matches no target in fuzz/harness.rs"
        );
    }
    for (target, run) in harness::TARGETS {
        let dir = corpus.join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} has no seeds", dir.display());
        for file in files {
            let data = std::fs::read(&file).unwrap();
            replayed += 1;
            if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{target}: {}: {message}", file.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} corpus inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("replayed {replayed} corpus inputs");
}
