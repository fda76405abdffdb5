//! The study guide's mdBook preprocessor and command line.
//!
//! Authors write Markdown chapters with three kinds of fenced block:
//! ```` ```quiz ```` (self-grading questions), ```` ```limits ```` (service
//! limits learners can drill, referenced as `{{limit id}}`) and
//! ```` ```mermaid ```` (diagrams). This crate turns them into HTML that works
//! without script, on paper and in every mdBook theme. See ARCHITECTURE.md.

pub mod assets;
pub mod blocks;
pub mod book_identity;
pub mod browser;
pub mod chrome;
pub mod cli;
pub mod config;
pub mod diagram;
pub mod embedded;
pub mod exam;
pub mod hash;
pub mod html;
pub mod kinds;
pub mod lifecycle;
pub mod limits;
pub mod markdown;
pub mod outside;
pub mod pages;
pub mod preprocessor;
pub mod problem;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod stopping;
pub mod toml_body;
pub mod transform;

pub use preprocessor::StudyGuide;
