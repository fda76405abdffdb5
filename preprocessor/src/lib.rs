//! mdbook-studyguide: an [mdBook] preprocessor and command line for study
//! guides.
//!
//! Authors write Markdown chapters with fenced blocks of six kinds:
//! ```` ```quiz ```` (self-grading questions), ```` ```limits ```` (service
//! limits learners can drill, referenced in prose as `{{limit id}}`),
//! ```` ```mermaid ```` (diagrams, drawn at build time), and the pages that
//! gather the book: ```` ```exam ```` (a practice exam drawn from every quiz),
//! ```` ```progress ```` (the learner's standing) and ```` ```review ````
//! (spaced review of what they missed). The crate turns them into HTML that
//! works without script, on paper, offline and in every mdBook theme, and
//! writes the scripts and styles those pages load into the book. Its binary
//! is the preprocessor mdBook runs and the `init`, `install`, `build`,
//! `serve`, `check` and `pdf` commands.
//!
//! As a library it offers what a program that builds books with it needs:
//! [`StudyGuide`], the preprocessor, for mdBook's driver; [`Builder`], which
//! builds a book as `mdbook-studyguide build` does; and the contract a kind
//! of block of the program's own implements to be built with ours
//! ([`Kind`], [`Block`] and what they are given, [`BrowserModule`] for its
//! code in the browser): one type and one line, [`Builder::kind`].
//! `ARCHITECTURE.md` maps the rest.
//!
//! [mdBook]: https://rust-lang.github.io/mdBook/

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
pub use cli::{Builder, main};
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
