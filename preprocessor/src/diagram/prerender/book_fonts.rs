//! The book's own fonts, for drawing diagrams at build time.
//!
//! mermaid measures every label as it draws and sizes its box to fit; the
//! drawing is then shown in the book's pages, in the book's fonts. Measured
//! in any other font (other builds of Open Sans differ in width by several
//! percent), a label overflows its box or leaves it half empty. So the page
//! that draws loads the very fonts the reader's page loads.
//!
//! Those are mdBook's bundled Open Sans, or those of the book's theme
//! folder (`theme/fonts/`) if it has any. mdBook keeps its font files to
//! itself (`mdbook_html::theme` is private) and decides which to write while
//! rendering, so we render an empty book with the book's configuration into
//! a temporary directory and use the `fonts/fonts.css` it writes.

use anyhow::Result;
use mdbook_preprocessor::config::Config;
use mdbook_renderer::{RenderContext, Renderer};
use std::path::{Path, PathBuf};

/// Writes the book's fonts (`fonts/fonts.css` and the files it names) under
/// `dir` and returns the stylesheet's path, or `None` when mdBook wrote none.
pub(super) fn write(root: &Path, config: &Config, dir: &Path) -> Result<Option<PathBuf>> {
    let mut config = config.clone();
    let empty_src = dir.join("src");
    std::fs::create_dir_all(&empty_src)?;
    config.book.src = empty_src;
    config.set("output.html.print.enable", false)?;
    config.set("output.html.search.enable", false)?;
    config.set("output.html.hash-files", false)?;
    let out = dir.join("site");
    let ctx = RenderContext::new(root, mdbook_preprocessor::book::Book::new(), config, &out);
    // Quietly: this book is a means, not part of the build's output.
    let quiet = tracing::subscriber::NoSubscriber::default();
    tracing::subscriber::with_default(quiet, || mdbook_html::HtmlHandlebars::new().render(&ctx))?;
    let css = out.join("fonts").join("fonts.css");
    Ok(css.is_file().then_some(css))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_book_brings_mdbooks_fonts() {
        let book = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let css = write(book.path(), &Config::default(), dir.path()).unwrap().expect("fonts.css");
        let text = std::fs::read_to_string(&css).unwrap();
        assert!(text.contains("Open Sans"), "{text}");
        assert!(css.with_file_name("open-sans-v17-all-charsets-regular.woff2").is_file());
    }
}
