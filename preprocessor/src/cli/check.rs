//! `check`: every block in the book validated, every problem printed as
//! `path:line:col: message`, without writing the site.

use crate::preprocessor::{StudyGuide, run_pipeline};
use crate::problem::Problem;
use anyhow::Result;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// Runs the pipeline like a build would (after mdBook's `{{#include}}`
/// expansion) but only keeps its problems.
struct Collector {
    found: Arc<Mutex<Findings>>,
}

/// What `check` found in a book.
#[derive(Debug, Default, Clone)]
pub(super) struct Findings {
    pub problems: Vec<Problem>,
    /// What the block kinds say about the whole book.
    pub summaries: Vec<String>,
}

impl Preprocessor for Collector {
    fn name(&self) -> &str {
        StudyGuide::NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let outcome = run_pipeline(ctx, book)?;
        let mut found = self.found.lock().expect("collector lock");
        found.problems.extend(outcome.problems);
        found.summaries.extend(outcome.summaries);
        Ok(outcome.book)
    }
}

/// The problems in the book at `dir`, and what the kinds say of it.
pub(super) fn findings(dir: &Path) -> Result<Findings> {
    let mut book = mdbook_driver::MDBook::load(dir)?;
    let found = Arc::new(Mutex::new(Findings::default()));
    book.with_preprocessor(Collector { found: Arc::clone(&found) });
    book.preprocess_book(&mdbook_html::HtmlHandlebars::new())?;
    let found = found.lock().expect("collector lock").clone();
    Ok(found)
}

/// Problems go to stdout, one per line; the summaries and the verdict to
/// stderr.
pub(super) fn run(dir: &Path) -> Result<ExitCode> {
    let found = findings(dir)?;
    for problem in &found.problems {
        println!("{problem}");
    }
    for summary in &found.summaries {
        let lines: Vec<_> = summary.split('\n').map(crate::problem::visible).collect();
        eprintln!("{}", lines.join("\n"));
    }
    let errors = found.problems.iter().filter(|p| p.is_error()).count();
    let warnings = found.problems.len() - errors;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let warned =
        if warnings > 0 { format!(" ({warnings} warning{})", plural(warnings)) } else { String::new() };
    if errors == 0 {
        eprintln!("No problems found{warned}.");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{errors} problem{} found{warned}.", plural(errors));
        Ok(ExitCode::FAILURE)
    }
}
