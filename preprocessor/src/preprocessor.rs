//! The mdBook side: the `Preprocessor` implementation and the JSON protocol
//! mdBook speaks to an external preprocessor.

use crate::assets::Assets;
use crate::browser::{BrowserModule, PageFile};
use crate::config::{OnFailure, StudyGuideConfig};
use crate::diagram;
use crate::lifecycle::Kind;
use crate::markdown::MarkdownStyle;
use crate::problem::Problem;
use crate::transform::{self, Outcome, Settings, Target};
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The chapters (their paths in the book) with a block that left something
/// out of the search index, each as the index gets it: filled by the
/// preprocessor for whoever renders the book next (`cli::search_index`).
pub(crate) type Withheld = Arc<Mutex<BTreeMap<PathBuf, String>>>;

/// Makes a kind of block of an embedding program's own, afresh for each run
/// over the book.
pub(crate) type MakeKind = Arc<dyn Fn() -> Box<dyn Kind> + Send + Sync>;

/// The preprocessor, as mdBook sees it: our kinds of block, and any an
/// embedding program adds ([`StudyGuide::with_kind`]).
#[derive(Default, Clone)]
pub struct StudyGuide {
    /// Set when the site's renderer indexes the chapters itself: each run
    /// for HTML puts the chapters that leave something out of the search
    /// index here, as the index gets them.
    search_pages: Option<Withheld>,
    /// Kinds of block besides ours.
    extra_kinds: Vec<MakeKind>,
}

impl std::fmt::Debug for StudyGuide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StudyGuide")
            .field("search_pages", &self.search_pages)
            .field("extra_kinds", &self.extra_kinds.len())
            .finish()
    }
}

impl StudyGuide {
    /// The name under `[preprocessor.…]` in `book.toml`.
    pub const NAME: &'static str = crate::config::NAME;

    /// The preprocessor with our kinds of block.
    pub fn new() -> Self {
        StudyGuide::default()
    }

    /// Adds a kind of block of the program's own: `make` makes it afresh
    /// for each run over the book. Its blocks go through the life cycle ours do, and the
    /// build writes its browser module's files for the pages with its blocks.
    pub fn with_kind<K: Kind + 'static>(mut self, make: impl Fn() -> K + Send + Sync + 'static) -> Self {
        self.extra_kinds.push(Arc::new(move || Box::new(make()) as Box<dyn Kind>));
        self
    }

    /// The same preprocessor, which also hands `withheld` each chapter that
    /// leaves something out of the search index, rendered as the index gets
    /// it ([`Target::SearchIndex`]), replacing what an earlier run left there.
    pub(crate) fn keeping_search_pages(&self, withheld: Withheld) -> Self {
        StudyGuide { search_pages: Some(withheld), extra_kinds: self.extra_kinds.clone() }
    }

    /// Runs the pipeline and reports its problems.
    fn outcome(&self, ctx: &PreprocessorContext, book: Book) -> Result<Outcome> {
        let policy = StudyGuideConfig::from_book(&ctx.config)?.on_failure;
        let mut outcome = run_pipeline_for(ctx, book, self.search_pages.is_some(), &self.extra_kinds)?;
        if said_in_the_html_run(ctx) {
            // Only what stops this run too is said again.
            outcome.problems.retain(|p| policy == OnFailure::Bail && p.is_error());
        }
        report(&outcome.problems, policy)?;
        if let Some(withheld) = &self.search_pages {
            match withheld.lock() {
                Ok(mut pages) => *pages = std::mem::take(&mut outcome.search_pages),
                Err(_) => bail!("the search index's chapters were left half-written"),
            }
        }
        Ok(outcome)
    }
}

impl Preprocessor for StudyGuide {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        Ok(self.outcome(ctx, book)?.book)
    }

    /// Every renderer: for renderers other than HTML our blocks become plain
    /// Markdown instead of vanishing or staying raw TOML.
    fn supports_renderer(&self, _renderer: &str) -> Result<bool> {
        Ok(true)
    }
}

/// Builds the pipeline's settings from mdBook's context.
pub(crate) fn settings(ctx: &PreprocessorContext, config: &StudyGuideConfig) -> Settings {
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
pub(crate) fn run_pipeline(ctx: &PreprocessorContext, book: Book) -> Result<Outcome> {
    run_pipeline_for(ctx, book, false, &[])
}

/// [`run_pipeline`] with our kinds and `extra_kinds`, keeping the chapters
/// as the search index gets them with `search_pages`.
fn run_pipeline_for(
    ctx: &PreprocessorContext,
    book: Book,
    search_pages: bool,
    extra_kinds: &[MakeKind],
) -> Result<Outcome> {
    let config = StudyGuideConfig::from_book(&ctx.config)?;
    config.check_paths(&ctx.root)?;
    let settings = settings(ctx, &config);
    let backend = diagram::Backend::from_config(&ctx.root, &ctx.config, &config.diagrams);
    let mut kinds = crate::kinds::all(&config, backend);
    kinds.extend(extra_kinds.iter().map(|make| make()));
    let html = settings.target.writes_files();
    let assets = Assets::of_book(&ctx.root, &ctx.config.book.src);
    let unlisted = html.then(|| crate::assets::check_book_toml(&ctx.root, &ctx.config)).flatten();
    // First: drawing diagrams renders an empty book, which needs them.
    if html && unlisted.is_none() {
        assets.write_base()?;
    }
    // Copies of our templates an older binary wrote are brought up to date.
    if html {
        match crate::assets::write_templates(&ctx.root, &ctx.config, false) {
            Ok(done) => {
                if let Some(theme) = done.outside {
                    tracing::warn!(
                        "the theme folder leads out of the book, to {}: our templates there are not brought up to date",
                        theme.display()
                    );
                }
            }
            Err(err) => tracing::warn!("{err:#}"),
        }
    }
    let book_id = crate::book_identity::book_id(config.book_id.as_deref(), &settings.title)?;
    let mut outcome = if search_pages {
        transform::transform_keeping_search_pages(book, &settings, &mut kinds)
    } else {
        transform::transform(book, &settings, &mut kinds)
    };
    if html {
        outcome.problems.extend(links_out_of_the_book(ctx));
        let used = used_modules(&kinds, &outcome);
        let mut files = std::mem::take(&mut outcome.files);
        files.extend(crate::assets::module_files(&used, &book_id, &settings.title, &outcome.stored_keys));
        if let Some(problem) = unlisted.filter(|_| !used.is_empty()) {
            outcome.problems.push(problem);
            // Until book.toml lists them, the chapters load them themselves.
            files.extend(crate::embedded::BASE.iter().copied().map(PageFile::from));
            let bootstrap = crate::assets::bootstrap();
            outcome.book.for_each_chapter_mut(|chapter| {
                if chapter.content.contains(" data-sg-") {
                    chapter.content.insert_str(0, &bootstrap);
                }
            });
        }
        assets.write_vendor(&files)?;
    }
    tracing::debug!(stats = ?outcome.stats, "studyguide preprocessor finished");
    Ok(outcome)
}

/// The browser modules of the kinds the book has a block of.
fn used_modules(kinds: &[Box<dyn Kind>], outcome: &Outcome) -> Vec<&'static BrowserModule> {
    kinds
        .iter()
        .filter(|k| outcome.stats.blocks.contains_key(k.fence()))
        .filter_map(|k| k.browser())
        .collect()
}

/// A warning for each symbolic link under `src/` to something outside the
/// book, which mdBook copies into the site (and `serve` leaves out).
fn links_out_of_the_book(ctx: &PreprocessorContext) -> Vec<Problem> {
    let src = ctx.root.join(&ctx.config.book.src);
    crate::outside::links_out(&ctx.root, &src)
        .into_iter()
        .map(|link| {
            let path = ctx.config.book.src.join(&link.path);
            let mut problem = Problem::new(
                0..0,
                format!(
                    "{} is a symbolic link to {}, outside the book: mdBook copies what it names into the site",
                    path.display(),
                    link.target.display()
                ),
            )
            .hint("copy the file into the book if the site should have it, or remove the link; `serve` does not serve it")
            .warning_unless(false);
            problem.location = Some(crate::problem::Location { path, line: 1, column: 1 });
            problem
        })
        .collect()
}

/// Whether this run is for a renderer other than HTML in a book that also
/// has the HTML renderer: mdBook runs the preprocessors once for each
/// renderer, and the HTML run has given the same warnings already (or will).
fn said_in_the_html_run(ctx: &PreprocessorContext) -> bool {
    ctx.renderer != "html" && ctx.config.contains_key("output.html")
}

/// Fails with every error under `bail`; logs errors under `continue`, and
/// warnings always.
pub(crate) fn report(problems: &[Problem], policy: OnFailure) -> Result<()> {
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

/// The mdBook versions whose book format this binary reads: the 0.5
/// series it was built against (0.x minor versions may change the format).
pub(crate) const SUPPORTED_MDBOOK: &str = ">=0.5.0, <0.6.0";

/// Whether the calling mdBook is in [`SUPPORTED_MDBOOK`]: an error when it is
/// not, or when its version cannot be read.
pub(crate) fn check_mdbook_version(calling: &str) -> Result<()> {
    let supported = semver::VersionReq::parse(SUPPORTED_MDBOOK).context("SUPPORTED_MDBOOK")?;
    let Ok(theirs) = semver::Version::parse(calling) else {
        bail!(
            "mdBook reported a version that is not a version (`{calling}`); mdbook-studyguide supports mdBook {SUPPORTED_MDBOOK}"
        );
    };
    if !supported.matches(&theirs) {
        bail!(
            "mdbook-studyguide {} supports mdBook {SUPPORTED_MDBOOK}, and this is mdBook {theirs}, whose book format may differ; \
             install a supported mdBook (`cargo install mdbook --version ^0.5 --locked`), or use `mdbook-studyguide build`, which needs none",
            env!("CARGO_PKG_VERSION")
        );
    }
    Ok(())
}

/// The external-preprocessor protocol: book JSON in on `input`, out on `output`.
pub(crate) fn handle_json(input: impl Read, output: impl Write) -> Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(input)?;
    check_mdbook_version(&ctx.mdbook_version)?;
    let outcome = StudyGuide::new().outcome(&ctx, book)?;
    if answers_will_be_indexed(&ctx, &outcome) {
        tracing::info!(
            "mdBook's search index holds every word of the pages, the quizzes' answers and the diagrams' sources included; `mdbook-studyguide build` and `serve` index what a reader should find"
        );
    }
    serde_json::to_writer(output, &outcome.book).context("could not write the book to mdBook")?;
    Ok(())
}

/// Whether mdBook is about to index what searching must not show (a quiz's
/// answers, a diagram's source): only our own `build` and `serve` can
/// leave it out.
fn answers_will_be_indexed(ctx: &PreprocessorContext, outcome: &Outcome) -> bool {
    let search = ctx.config.html_config().and_then(|html| html.search).is_none_or(|search| search.enable);
    ctx.renderer == "html" && search && !outcome.stats.withheld.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mdBook version this binary was built against.
    fn built_against() -> &'static str {
        mdbook_preprocessor::MDBOOK_VERSION
    }

    #[test]
    fn every_mdbook_of_the_supported_range_is_accepted() {
        for version in [built_against(), "0.5.0", "0.5.99"] {
            assert!(check_mdbook_version(version).is_ok(), "{version}");
        }
    }

    #[test]
    fn mdbooks_outside_the_range_are_refused_with_the_range() {
        for version in ["0.4.40", "0.6.0", "1.0.0"] {
            let err = check_mdbook_version(version).unwrap_err().to_string();
            assert!(
                err.contains(&format!("this is mdBook {version}")) && err.contains(">=0.5.0, <0.6.0"),
                "{err}"
            );
        }
        assert!(check_mdbook_version("banana").unwrap_err().to_string().contains("not a version"));
    }

    #[test]
    fn the_range_holds_the_linked_mdbook() {
        let range = semver::VersionReq::parse(SUPPORTED_MDBOOK).unwrap();
        assert!(range.matches(&semver::Version::parse(built_against()).unwrap()));
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
