//! The mdBook side: the `Preprocessor` implementation and the JSON protocol
//! mdBook speaks to an external preprocessor.

use crate::config::{OnFailure, StudyGuideConfig};
use crate::diagram;
use crate::markdown::MarkdownStyle;
use crate::problem::Problem;
use crate::transform::{self, Outcome, Settings, Target};
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::io::{Read, Write};

/// The preprocessor, as mdBook sees it.
#[derive(Debug, Default, Clone, Copy)]
pub struct StudyGuide;

impl StudyGuide {
    /// The name under `[preprocessor.…]` in `book.toml`.
    pub const NAME: &'static str = "studyguide";
}

impl Preprocessor for StudyGuide {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let policy = StudyGuideConfig::from_book(&ctx.config)?.on_failure;
        let outcome = run_pipeline(ctx, book)?;
        report(&outcome.problems, policy)?;
        Ok(outcome.book)
    }

    /// Every renderer: for renderers other than HTML our blocks become plain
    /// Markdown instead of vanishing or staying raw TOML.
    fn supports_renderer(&self, _renderer: &str) -> Result<bool> {
        Ok(true)
    }
}

/// Builds the pipeline's settings from mdBook's context.
pub fn settings(ctx: &PreprocessorContext, config: &StudyGuideConfig) -> Settings {
    let html = ctx.config.html_config().unwrap_or_default();
    Settings {
        root: ctx.root.clone(),
        src: ctx.config.book.src.clone(),
        target: if ctx.renderer == "html" { Target::Html } else { Target::Markdown },
        on_failure: config.on_failure,
        style: MarkdownStyle {
            smart_punctuation: html.smart_punctuation,
            definition_lists: html.definition_lists,
            admonitions: html.admonitions,
        },
        title: ctx.config.book.title.clone().unwrap_or_default(),
    }
}

/// Runs the pipeline with the book's configuration; problems are returned,
/// not yet reported.
pub fn run_pipeline(ctx: &PreprocessorContext, book: Book) -> Result<Outcome> {
    let config = StudyGuideConfig::from_book(&ctx.config)?;
    let settings = settings(ctx, &config);
    let backend = diagram::Backend::from_config(&ctx.root, &ctx.config, &config.diagrams);
    let assets = crate::assets::Assets::of_book(&ctx.root, &ctx.config.book.src);
    let mut kinds = crate::kinds::all(config.quizzes, backend, assets);
    let outcome = transform::transform(book, &settings, &mut kinds);
    tracing::debug!(stats = ?outcome.stats, "studyguide preprocessor finished");
    Ok(outcome)
}

/// Fails with every error under `bail`; logs errors under `continue`, and
/// warnings always.
pub fn report(problems: &[Problem], policy: OnFailure) -> Result<()> {
    let (problems, warnings): (Vec<&Problem>, Vec<&Problem>) = problems.iter().partition(|p| p.is_error());
    for warning in warnings {
        tracing::warn!("{warning}");
    }
    if problems.is_empty() {
        return Ok(());
    }
    let listing: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    match policy {
        OnFailure::Bail => bail!(
            "{} problem{} in the book's blocks:\n{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            listing.join("\n")
        ),
        OnFailure::Continue => {
            for line in listing {
                tracing::warn!("{line}");
            }
            Ok(())
        }
    }
}

/// The mdBook version this binary was built against.
pub fn built_against() -> &'static str {
    mdbook_preprocessor::MDBOOK_VERSION
}

/// A warning when the calling mdBook is not the version we were built
/// against; minor versions of mdBook 0.x may change the book format.
pub fn version_warning(calling: &str) -> Option<String> {
    let ours = semver::Version::parse(built_against()).ok()?;
    let Ok(theirs) = semver::Version::parse(calling) else {
        return Some(format!(
            "mdBook reported a version we cannot read (`{calling}`); studyguide was built against mdBook {ours}"
        ));
    };
    let compatible = semver::VersionReq::parse(&format!("~{}.{}", ours.major, ours.minor)).ok()?;
    if theirs == ours {
        None
    } else if compatible.matches(&theirs) {
        Some(format!(
            "studyguide was built against mdBook {ours} and is called by mdBook {theirs}; this should work"
        ))
    } else {
        Some(format!(
            "studyguide was built against mdBook {ours} but is called by mdBook {theirs}: the book format may differ; install mdBook {ours}"
        ))
    }
}

/// The external-preprocessor protocol: book JSON in on `input`, out on `output`.
pub fn handle_json(input: impl Read, output: impl Write) -> Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(input)?;
    if let Some(warning) = version_warning(&ctx.mdbook_version) {
        tracing::warn!("{warning}");
    }
    let book = StudyGuide.run(&ctx, book)?;
    serde_json::to_writer(output, &book).context("could not write the book to mdBook")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_version_is_silent() {
        assert_eq!(version_warning(built_against()), None);
    }

    #[test]
    fn other_versions_are_named() {
        let patch = version_warning("0.5.99").unwrap();
        assert!(patch.contains("should work"), "{patch}");
        let minor = version_warning("0.4.40").unwrap();
        assert!(minor.contains("called by mdBook 0.4.40") && minor.contains("may differ"), "{minor}");
        assert!(version_warning("banana").unwrap().contains("cannot read"));
    }

    #[test]
    fn the_linked_mdbook_is_the_one_we_document() {
        assert_eq!(built_against(), "0.5.4");
    }

    #[test]
    fn bail_lists_every_problem_and_continue_does_not_fail() {
        let d = |line| {
            let mut problem = Problem::new(0..0, "bad");
            problem.location = Some(crate::problem::Location { path: "src/a.md".into(), line, column: 1 });
            problem
        };
        let err = report(&[d(1), d(2)], OnFailure::Bail).unwrap_err().to_string();
        assert_eq!(err, "2 problems in the book's blocks:\nsrc/a.md:1:1: bad\nsrc/a.md:2:1: bad");
        assert!(report(&[d(1)], OnFailure::Continue).is_ok());
    }
}
