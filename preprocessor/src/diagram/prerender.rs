//! Drawing diagrams at build time with mermaid in headless Chromium.
//!
//! All diagrams of a build go through [`Backend::render_all`] in one batch:
//! cached drawings are reused, and Chromium starts at most once, for the
//! diagrams that changed. Without Chromium (or with `prerender = "never"`)
//! diagrams are left for the reader's browser to draw, and mermaid's bundle
//! is copied into the book so that works offline too.

use super::Diagram;
use super::cache::{Cache, Entry};
use super::safety::check_svg;
use crate::chrome;
use crate::config::{DiagramConfig, Prerender};
use crate::hash::short_hash;
use anyhow::{Context, Result};
use mdbook_preprocessor::config::Config;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Changes whenever the way we draw changes, so old cache entries miss.
const RENDER_SETTINGS: &str = "v5 themed book-fonts light=default dark=dark font=Open Sans strict";

/// Where what draws diagrams in the reader's browser is copied, relative to
/// the book's source directory (mdBook copies it into the site): mermaid's
/// bundle and our script that runs it (loaded by theme/loader.js).
pub const VENDOR_DIR: &str = "vendor";

/// Our script that draws diagrams in the browser; its mermaid settings are
/// the build's too.
const DIAGRAMS_JS: &str = include_str!("../../../theme/diagrams.js");

/// The token the drawing uses as its SVG id, replaced per occurrence.
const ID_TOKEN: &str = "sgdiagramid";

/// How one diagram reaches the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// Drawn at build time: one SVG styled for light and dark themes.
    Themed(String),
    /// Drawn at build time: an SVG for light themes and one for dark themes.
    Static { light: String, dark: String },
    /// To be drawn in the reader's browser.
    Client,
    /// mermaid rejected the source; the message says why.
    Failed(String),
}

/// What the last batch did, for logs and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RenderStats {
    pub cached: usize,
    pub drawn: usize,
    pub client: usize,
    pub browser_ms: u128,
}

/// Draws diagrams, in one batch per build.
pub struct Backend {
    prerender: bool,
    chromium: Option<PathBuf>,
    mermaid: Option<PathBuf>,
    cache: Cache,
    /// `src/vendor/` in the book.
    vendor_dir: PathBuf,
    /// The book's root and configuration, for its theme's fonts.
    book: Option<(PathBuf, Config)>,
    pub stats: RenderStats,
}

impl Backend {
    pub fn from_config(root: &Path, book: &Config, config: &DiagramConfig) -> Self {
        let mermaid = root.join(&config.mermaid);
        let src = &book.book.src;
        Backend {
            prerender: config.prerender == Prerender::Auto,
            chromium: chrome::find(config.chromium.as_deref().map(|p| root.join(p)).as_deref()),
            mermaid: mermaid.is_file().then_some(mermaid),
            cache: Cache::new(root.join(&config.cache_dir).join("diagrams")),
            vendor_dir: root.join(src).join(VENDOR_DIR),
            book: Some((root.to_owned(), book.clone())),
            stats: RenderStats::default(),
        }
    }

    /// A backend that never starts a browser (tests, fuzzing).
    pub fn client_only() -> Self {
        Backend {
            prerender: false,
            chromium: None,
            mermaid: None,
            cache: Cache::new(std::env::temp_dir().join("studyguide-unused-cache")),
            vendor_dir: PathBuf::new(),
            book: None,
            stats: RenderStats::default(),
        }
    }

    fn cache_key(&self, source: &str) -> String {
        let version = self.mermaid.as_deref().and_then(mermaid_version).unwrap_or_default();
        short_hash(&[source, &version, RENDER_SETTINGS])
    }

    /// Draws every diagram, or leaves it to the browser. Results are in the
    /// order of `diagrams`; each static SVG gets ids unique to its occurrence.
    pub fn render_all(&mut self, diagrams: &[&Diagram]) -> Vec<Rendered> {
        self.stats = RenderStats::default();
        let Some(mermaid) = self.mermaid.clone() else {
            if !diagrams.is_empty() && self.prerender {
                tracing::warn!("mermaid is not installed (run `npm ci`): diagrams are shown as their source");
            }
            self.stats.client = diagrams.len();
            return vec![Rendered::Client; diagrams.len()];
        };

        let keys: Vec<String> = diagrams.iter().map(|d| self.cache_key(&d.source)).collect();
        let mut entries: Vec<Option<Entry>> = if self.prerender {
            keys.iter().map(|k| self.cache.get(k)).collect()
        } else {
            vec![None; diagrams.len()]
        };
        self.stats.cached = entries.iter().filter(|e| e.is_some()).count();

        let misses: Vec<usize> = (0..diagrams.len()).filter(|&i| entries[i].is_none()).collect();
        if self.prerender && !misses.is_empty() {
            match &self.chromium {
                Some(chromium) => {
                    let started = Instant::now();
                    let sources: Vec<&str> = misses.iter().map(|&i| diagrams[i].source.as_str()).collect();
                    match draw(chromium, &mermaid, self.book.as_ref(), &sources) {
                        Ok(drawn) => {
                            for (&i, entry) in misses.iter().zip(drawn) {
                                self.cache.put(&keys[i], &entry);
                                entries[i] = Some(entry);
                                self.stats.drawn += 1;
                            }
                        }
                        Err(err) => tracing::warn!(
                            "could not draw diagrams with Chromium ({err:#}); they will be drawn in the browser"
                        ),
                    }
                    self.stats.browser_ms = started.elapsed().as_millis();
                }
                None => tracing::info!("Chromium not found: diagrams will be drawn in the reader's browser"),
            }
        }

        let results: Vec<Rendered> = entries
            .into_iter()
            .enumerate()
            .map(|(i, entry)| match entry {
                Some(Entry::Themed { svg }) => {
                    Rendered::Themed(svg.replace(ID_TOKEN, &format!("sg-diagram-{}-{i}", &keys[i])))
                }
                Some(Entry::Drawn { light, dark }) => {
                    let id = format!("sg-diagram-{}-{i}", &keys[i]);
                    Rendered::Static {
                        light: light.replace(ID_TOKEN, &format!("{id}-l")),
                        dark: dark.replace(ID_TOKEN, &format!("{id}-d")),
                    }
                }
                Some(Entry::Rejected { error }) => Rendered::Failed(error),
                None => Rendered::Client,
            })
            .collect();
        self.stats.client = results.iter().filter(|r| **r == Rendered::Client).count();
        if self.stats.client > 0 {
            self.vendor_bundle(&mermaid);
        }
        if !diagrams.is_empty() {
            tracing::info!(
                "diagrams: {} drawn, {} from the cache, {} left to the browser",
                self.stats.drawn,
                self.stats.cached,
                self.stats.client
            );
        }
        results
    }

    /// Copies mermaid and our drawing script into the book's sources, where
    /// mdBook picks them up. Unchanged files are not rewritten, so a watching
    /// `serve` sees no change.
    fn vendor_bundle(&self, mermaid: &Path) {
        let copy = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.vendor_dir)?;
            write_if_changed(&self.vendor_dir.join("mermaid.min.js"), &std::fs::read(mermaid)?)?;
            write_if_changed(&self.vendor_dir.join("diagrams.js"), DIAGRAMS_JS.as_bytes())
        };
        if let Err(err) = copy() {
            tracing::warn!("could not copy mermaid into {}: {err}", self.vendor_dir.display());
        }
    }
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes)
}

/// mermaid's version, from the package.json beside its bundle.
fn mermaid_version(bundle: &Path) -> Option<String> {
    let package = bundle.parent()?.parent()?.join("package.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(package).ok()?).ok()?;
    json["version"].as_str().map(str::to_owned)
}

/// Writes the book's theme fonts (`fonts/fonts.css` and the font files)
/// into `dir`, by rendering an empty book with the book's configuration.
///
/// Labels are measured when drawn: with the very fonts the reader's page
/// uses, a label fits its box there too. (Other builds of Open Sans differ
/// in width by several percent.)
fn write_book_fonts(root: &Path, config: &Config, dir: &Path) -> Result<PathBuf> {
    use mdbook_renderer::{RenderContext, Renderer};
    let mut config = config.clone();
    let empty_src = dir.join("src");
    std::fs::create_dir_all(&empty_src)?;
    config.book.src = empty_src;
    config.set("output.html.print.enable", false)?;
    config.set("output.html.search.enable", false)?;
    config.set("output.html.hash-files", false)?;
    let out = dir.join("site");
    let ctx = RenderContext::new(root, mdbook_preprocessor::book::Book::new(), config, &out);
    // Quietly: this page is a means, not part of the build's output.
    let quiet = tracing::subscriber::NoSubscriber::default();
    tracing::subscriber::with_default(quiet, || mdbook_html::HtmlHandlebars::new().render(&ctx))?;
    Ok(out.join("fonts").join("fonts.css"))
}

/// Starts Chromium once and draws each source in both themes.
fn draw(
    chromium: &Path,
    mermaid: &Path,
    book: Option<&(PathBuf, Config)>,
    sources: &[&str],
) -> Result<Vec<Entry>> {
    let dir = tempfile::Builder::new().prefix("studyguide-diagrams-").tempdir()?;
    let fonts = match book {
        Some((root, config)) => match write_book_fonts(root, config, dir.path()) {
            Ok(css) if css.is_file() => {
                format!("<link rel=\"stylesheet\" href=\"{}\">", file_url(&css))
            }
            Ok(_) => String::new(),
            Err(err) => {
                tracing::warn!("could not load the book's fonts for drawing diagrams: {err:#}");
                String::new()
            }
        },
        None => String::new(),
    };
    let page_path = dir.path().join("render.html");
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
    let mut browser = chrome::Browser::launch(chromium)?;
    let mut page = browser.new_page()?;
    page.navigate(&file_url(&page_path))?;
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
                serde_json::to_string(ID_TOKEN)?
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
            Ok(match super::themes::combine(light, dark, ID_TOKEN) {
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

    #[test]
    fn without_mermaid_everything_is_left_to_the_browser() {
        let diagram = Diagram { source: "graph TD\nA-->B".into(), title: None, description: None };
        let mut backend = Backend::client_only();
        assert_eq!(backend.render_all(&[&diagram, &diagram]), vec![Rendered::Client, Rendered::Client]);
        assert_eq!(backend.stats.client, 2);
    }
}
