//! `check`: every block in the book validated, every problem printed as
//! `path:line:col: message`, without writing the site.

use crate::problem::Problem;
use crate::preprocessor::{StudyGuide, run_pipeline};
use anyhow::Result;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// Runs the pipeline like a build would (after mdBook's `{{#include}}`
/// expansion) but only keeps its problems.
struct Collector {
    found: Arc<Mutex<Vec<Problem>>>,
}

impl Preprocessor for Collector {
    fn name(&self) -> &str {
        StudyGuide::NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let outcome = run_pipeline(ctx, book)?;
        self.found.lock().expect("collector lock").extend(outcome.problems);
        Ok(outcome.book)
    }
}

/// The problems in the book at `dir`.
pub fn problems(dir: &Path) -> Result<Vec<Problem>> {
    let mut book = mdbook_driver::MDBook::load(dir)?;
    let found = Arc::new(Mutex::new(Vec::new()));
    book.with_preprocessor(Collector { found: Arc::clone(&found) });
    book.preprocess_book(&mdbook_html::HtmlHandlebars::new())?;
    let found = found.lock().expect("collector lock").clone();
    Ok(found)
}

pub fn run(dir: &Path) -> Result<ExitCode> {
    let problems = problems(dir)?;
    for problem in &problems {
        println!("{problem}");
    }
    if problems.is_empty() {
        eprintln!("No problems found.");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{} problem{} found.", problems.len(), if problems.len() == 1 { "" } else { "s" });
        Ok(ExitCode::FAILURE)
    }
}
