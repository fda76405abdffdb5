//! mdbook-studyguide: an [mdBook] preprocessor and command line that turn a
//! book into a study guide readers work through in their browser, online
//! or opened from disk.
//!
//! Authors write Markdown chapters with fenced blocks of six kinds:
//! ```` ```quiz ```` (self-grading questions), ```` ```limits ```` (tables of
//! figures learners can drill, referenced in prose as `{{limit id}}`),
//! ```` ```mermaid ```` (diagrams, drawn at build time), and the pages that
//! gather the book: ```` ```exam ```` (a practice exam drawn from every quiz),
//! ```` ```progress ```` (the learner's standing) and ```` ```review ````
//! (spaced review of what they missed). The crate turns them into HTML that
//! works without script, on paper, offline and in every mdBook theme, and
//! writes the scripts and styles those pages load into the book: a book
//! needs no npm and no copied theme.
//!
//! # Install
//!
//! The binary, `mdbook-studyguide`, is released for Linux, macOS and
//! Windows ([releases]); [cargo-binstall] downloads the one for your
//! machine, or cargo compiles it:
//!
//! ```bash
//! cargo binstall mdbook-studyguide
//! cargo install mdbook-studyguide --locked
//! ```
//!
//! # Use
//!
//! `mdbook-studyguide init my-book` writes a new book with an example of
//! every block; `mdbook-studyguide install path/to/book` adds the
//! preprocessor to an existing one, keeping the rest of its `book.toml`:
//!
//! ```toml
//! [preprocessor.studyguide]
//! book-id = "…"   # the name learners' answers are kept under in their browser
//!
//! [output.html]
//! additional-css = ["studyguide/base.css", "studyguide/mdbook.css"]
//! additional-js = ["studyguide/loader.js", "studyguide/mdbook.js"]
//! ```
//!
//! Then `mdbook-studyguide serve` (or `build`, `check`, `pdf`) builds it
//! without mdBook installed; `mdbook build` and `mdbook serve` (0.5.x) work
//! too. The [authoring guide] describes every block, every setting and
//! every message; the [README] the command line.
//!
//! # As a library
//!
//! The library is what the binary is made of. It offers what a program that
//! builds books with it needs: [`StudyGuide`], the preprocessor, for
//! mdBook's driver; [`Builder`], which builds a book as
//! `mdbook-studyguide build` does; and the contract a kind of block of the
//! program's own implements to be built with ours ([`Kind`], [`Block`] and
//! what they are given, [`BrowserModule`] for its code in the browser): one
//! type and one line, [`Builder::kind`]. `ARCHITECTURE.md` in the
//! repository maps the rest.
//!
//! **The library API is not stable**: it changes with the binary's needs,
//! in any release while the version is 0.x. The command line and the
//! settings in `book.toml` are what the crate keeps stable; a program that
//! embeds the library should pin the exact version it was written for (a
//! requirement with `=` in its `Cargo.toml`). What is public only for the crate's own binary, tests and fuzz targets is hidden
//! from this documentation.
//!
//! [mdBook]: https://rust-lang.github.io/mdBook/
//! [releases]: https://github.com/studyguide-dev/mdbook-studyguide/releases
//! [cargo-binstall]: https://github.com/cargo-bins/cargo-binstall
//! [authoring guide]: https://github.com/studyguide-dev/mdbook-studyguide/blob/main/AUTHORING.md
//! [README]: https://github.com/studyguide-dev/mdbook-studyguide#readme

mod assets;
mod blocks;
mod blueprint;
mod book_identity;
mod browser;
mod chrome;
mod cli;
mod config;
mod diagram;
mod embedded;
mod exam;
mod hash;
mod html;
mod kinds;
mod lifecycle;
mod limits;
mod markdown;
mod outside;
mod pages;
mod preprocessor;
mod problem;
mod progress;
mod quiz;
mod review;
mod stopping;
mod toml_body;
mod transform;

pub use browser::{BrowserModule, Need, PageFile};
pub use cli::Builder;
/// The binary's `main` (`src/main.rs`): the command line and the
/// preprocessor protocol. Not part of the API.
#[doc(hidden)]
pub use cli::main;
pub use embedded::File;
pub use html::Markup;
pub use lifecycle::{Block, BlockCx, Index, Kind, Parsed, ResolveCx, Target};
pub use preprocessor::StudyGuide;
pub use problem::{Location, Problem, Severity};

/// The fuzz targets' bodies (`fuzz/harness.rs`), run by cargo-fuzz (which
/// builds with `--cfg fuzzing`) and, over the committed corpus, by the tests.
#[cfg(any(test, fuzzing))]
#[doc(hidden)]
#[path = "../fuzz/harness.rs"]
pub mod fuzz_harness;

/// Chromium through the DevTools protocol, for the crate's own integration
/// tests (`tests/extra_kind.rs` opens a built page in it). Not part of the
/// API.
#[doc(hidden)]
pub mod testing {
    pub use crate::chrome::{Browser, Page, find};
}
