//! The `mdbook-studyguide` binary: the preprocessor mdBook runs, and the
//! commands (`studyguide::main`).

/// mdBook's HTML renderer makes many small allocations against a large
/// live heap (every page's HTML tree is built before any is written); glibc's
/// allocator spends most of a large build's time there, mimalloc does not
/// (tests/bench/results.md, "Where the time goes").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    studyguide::main()
}
