//! Drawing with mermaid in headless Chromium: one page loads mermaid, our
//! settings (`theme/diagrams.js`) and `render_page.js`, then draws each
//! source once and takes its dark variant from that drawing where it can. A
//! large batch is shared among several Chromiums, one a core, each taking the
//! next diagram when it is done with one, so none waits while another has a
//! queue: mermaid draws one diagram at a time in a page, and pages of one
//! Chromium may share its renderer process.

use super::client_bundle::DIAGRAMS_JS;
use crate::chrome;
use crate::diagram::cache::Entry;
use crate::diagram::safety::check_svg;
use crate::diagram::themes;
use anyhow::{Context, Result};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The drawing page's script: what it changes changes every drawing.
pub(super) const RENDER_PAGE_JS: &str = include_str!("render_page.js");

/// Fewest diagrams worth starting another Chromium for (it takes about as
/// long as drawing this many).
const PER_BROWSER: usize = 8;

/// What became of one diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Drawing {
    /// mermaid drew it or rejected it: the same source always does.
    Done(Entry),
    /// The drawing page threw while drawing it. Its failure, but not
    /// mermaid's verdict on its source: not kept for the next build.
    Threw(String),
    /// Chromium stopped before drawing it: the reader's browser draws it.
    NotDrawn,
    /// It shows what the build could not reach (an image from the web):
    /// the reader's browser draws it. Why, as the browser said.
    Unreachable(String),
}

/// Draws each source in both themes, with the page written into `dir`;
/// `fonts_css`, if any, is the stylesheet of the fonts to measure labels
/// with. Every drawing uses `id` as its SVG id. The results are in the
/// order of `sources`; a diagram that fails is that diagram's, and a
/// Chromium that fails leaves only the diagram it was drawing undrawn: the
/// others take the rest.
pub(super) fn draw(
    chromium: &Path,
    mermaid: &Path,
    dir: &Path,
    fonts_css: Option<&Path>,
    sources: &[&str],
    id: &str,
) -> Result<Vec<Drawing>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let browsers = cores.min(sources.len().div_ceil(PER_BROWSER)).max(1);
    let page = write_page(mermaid, dir, fonts_css)?;
    let queue = Queue { sources, next: AtomicUsize::new(0) };
    let mut drawings = vec![Drawing::NotDrawn; sources.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            (0..browsers).map(|_| scope.spawn(|| draw_in_one(chromium, &page, &queue, id))).collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (i, drawing) in done {
                        drawings[i] = drawing;
                    }
                }
                Err(_) => tracing::warn!(
                    "a diagram drawing thread panicked; the diagrams it had taken will be drawn in the browser"
                ),
            }
        }
    });
    Ok(drawings)
}

/// The batch, handed out one diagram at a time.
struct Queue<'a> {
    sources: &'a [&'a str],
    next: AtomicUsize,
}

impl Queue<'_> {
    fn take(&self) -> Option<(usize, &str)> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.sources.get(i).map(|source| (i, *source))
    }
}

/// Writes the drawing page into `dir`; returns its path.
fn write_page(mermaid: &Path, dir: &Path, fonts_css: Option<&Path>) -> Result<std::path::PathBuf> {
    let fonts = match fonts_css {
        Some(css) => format!("<link rel=\"stylesheet\" href=\"{}\">", file_url(css)),
        None => String::new(),
    };
    let page_path = dir.join("render.html");
    let mermaid_url = file_url(&mermaid.canonicalize()?);
    std::fs::write(
        &page_path,
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\">{fonts}</head>\
             <body style=\"font-family: 'Open Sans', sans-serif\">\
             <script src=\"{mermaid_url}\"></script><script>{DIAGRAMS_JS}</script>\
             <script>{}</script></body></html>",
            RENDER_PAGE_JS
        ),
    )?;
    Ok(page_path)
}

/// Starts one Chromium on the drawing page and draws what it takes from
/// the queue, with each diagram's place in it. When Chromium fails, it
/// stops taking, with a warning: the diagram it was drawing is left to the
/// browser, the rest to the other Chromiums.
fn draw_in_one(chromium: &Path, page_path: &Path, queue: &Queue, id: &str) -> Vec<(usize, Drawing)> {
    let mut drawings = Vec::new();
    if let Err(err) = draw_each(chromium, page_path, queue, id, &mut drawings) {
        tracing::warn!(
            "a Chromium drawing diagrams failed ({err:#}); the diagram it was drawing, if any, will be drawn in the browser"
        );
    }
    drawings
}

/// Draws diagrams from the queue into `drawings` until it is empty; an
/// error is Chromium's, and stops this Chromium.
fn draw_each(
    chromium: &Path,
    page_path: &Path,
    queue: &Queue,
    id: &str,
    drawings: &mut Vec<(usize, Drawing)>,
) -> Result<()> {
    let mut browser = chrome::Browser::launch(chromium)?;
    let mut page = browser.new_page()?;
    load(&mut page, page_path)?;
    while let Some((i, source)) = queue.take() {
        let call =
            format!("window.sgRender({}, {})", serde_json::to_string(source)?, serde_json::to_string(id)?);
        let value = match page.evaluate(&call) {
            Ok(value) => value,
            Err(err) => match err.downcast::<chrome::ScriptError>() {
                Ok(thrown) => {
                    drawings.push((i, Drawing::Threw(thrown.0)));
                    // Whatever it left behind must not fail the next one.
                    load(&mut page, page_path)?;
                    continue;
                }
                Err(err) => return Err(err),
            },
        };
        drawings.push((i, drawing(&value, id)));
    }
    Ok(())
}

/// Opens the drawing page, with every face of the book's font loaded before
/// any label is measured.
fn load(page: &mut chrome::Page, page_path: &Path) -> Result<()> {
    page.navigate(&file_url(page_path))?;
    page.evaluate("Promise.all(['400', '600', '700'].map(w => document.fonts.load(w + ' 16px \\\"Open Sans\\\"'))).then(() => document.fonts.ready).then(() => typeof mermaid)")
        .and_then(|v| if v == "object" { Ok(()) } else { anyhow::bail!("mermaid did not load") })
        .context("loading mermaid into Chromium")
}

/// What `sgRender` returned for one diagram.
fn drawing(value: &serde_json::Value, id: &str) -> Drawing {
    if let Some(error) = value["error"].as_str() {
        return Drawing::Done(Entry::Rejected { error: error.to_owned() });
    }
    if let Some(why) = value["unreachable"].as_str() {
        return Drawing::Unreachable(why.to_owned());
    }
    let (Some(light), Some(dark)) = (value["light"].as_str(), value["dark"].as_str()) else {
        return Drawing::Threw("mermaid returned no drawing".to_owned());
    };
    // A suspicious drawing is this diagram's failure, not the batch's.
    if let Err(error) = check_svg(light).and_then(|()| check_svg(dark)) {
        return Drawing::Done(Entry::Rejected { error });
    }
    Drawing::Done(match themes::combine(light, dark, id) {
        Some(svg) => Entry::Themed { svg },
        None => Entry::Drawn { light: light.to_owned(), dark: dark.to_owned() },
    })
}

fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_they_must() {
        assert_eq!(file_url(Path::new("/tmp/a b/c.html")), "file:///tmp/a%20b/c.html");
    }
}
