//! Drawing with mermaid in headless Chromium: one page loads mermaid, our
//! settings (`theme/diagrams.js`) and `render_page.js`, then draws each
//! source in the light and the dark theme. A large batch is shared among
//! several Chromiums, one a core: mermaid draws one diagram at a time in a
//! page, and pages of one Chromium may share its renderer process.

use super::client_bundle::DIAGRAMS_JS;
use crate::chrome;
use crate::diagram::cache::Entry;
use crate::diagram::safety::check_svg;
use crate::diagram::themes;
use anyhow::{Context, Result};
use std::path::Path;

/// Fewest diagrams worth starting another Chromium for (it takes about as
/// long as drawing this many).
const PER_BROWSER: usize = 8;

/// Draws each source in both themes, with the page written into `dir`;
/// `fonts_css`, if any, is the stylesheet of the fonts to measure labels
/// with. Every drawing uses `id` as its SVG id. The results are in the
/// order of `sources`.
pub(super) fn draw(
    chromium: &Path,
    mermaid: &Path,
    dir: &Path,
    fonts_css: Option<&Path>,
    sources: &[&str],
    id: &str,
) -> Result<Vec<Entry>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let browsers = cores.min(sources.len().div_ceil(PER_BROWSER)).max(1);
    let chunk = sources.len().div_ceil(browsers).max(1);
    let page = write_page(mermaid, dir, fonts_css)?;
    std::thread::scope(|scope| {
        let drawing: Vec<_> = sources
            .chunks(chunk)
            .map(|part| scope.spawn(|| draw_in_one(chromium, &page, part, id)))
            .collect();
        let mut entries = Vec::with_capacity(sources.len());
        for handle in drawing {
            entries.extend(handle.join().map_err(|_| anyhow::anyhow!("a drawing thread panicked"))??);
        }
        Ok(entries)
    })
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
            include_str!("render_page.js")
        ),
    )?;
    Ok(page_path)
}

/// Starts one Chromium on the drawing page and draws `sources` there.
fn draw_in_one(chromium: &Path, page_path: &Path, sources: &[&str], id: &str) -> Result<Vec<Entry>> {
    let mut browser = chrome::Browser::launch(chromium)?;
    let mut page = browser.new_page()?;
    page.navigate(&file_url(page_path))?;
    // Load every face of the book's font before measuring any label.
    page.evaluate("Promise.all(['400', '600', '700'].map(w => document.fonts.load(w + ' 16px \\\"Open Sans\\\"'))).then(() => document.fonts.ready).then(() => typeof mermaid)")
        .and_then(|v| if v == "object" { Ok(()) } else { anyhow::bail!("mermaid did not load") })
        .context("loading mermaid into Chromium")?;
    sources
        .iter()
        .map(|source| {
            let call = format!(
                "window.sgRender({}, {})",
                serde_json::to_string(source)?,
                serde_json::to_string(id)?
            );
            let value = page.evaluate(&call)?;
            if let Some(error) = value["error"].as_str() {
                return Ok(Entry::Rejected { error: error.to_owned() });
            }
            let light = value["light"].as_str().context("mermaid returned no drawing")?;
            let dark = value["dark"].as_str().context("mermaid returned no drawing")?;
            // A suspicious drawing is this diagram's failure, not the batch's.
            if let Err(error) = check_svg(light).and_then(|()| check_svg(dark)) {
                return Ok(Entry::Rejected { error });
            }
            Ok(match themes::combine(light, dark, id) {
                Some(svg) => Entry::Themed { svg },
                None => Entry::Drawn { light: light.to_owned(), dark: dark.to_owned() },
            })
        })
        .collect()
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
