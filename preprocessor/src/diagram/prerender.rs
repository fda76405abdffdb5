//! Drawing diagrams at build time with mermaid in headless Chromium.
//!
//! All diagrams of a build go through [`Backend::render_all`] in one batch:
//! cached drawings are reused, and Chromium starts at most once, for the
//! diagrams that changed. Without Chromium (or with `prerender = "never"`)
//! diagrams are left for the reader's browser to draw.
//!
//! The batch is here; its three jobs have a file each in `prerender/`:
//! `chromium_drawing.rs` draws with mermaid in Chromium, `book_fonts.rs`
//! gives that drawing the fonts of the book's pages, and `client_bundle.rs`
//! is mermaid as the build writes it into the book for the diagrams left to
//! the browser, so that works offline too.

mod book_fonts;
mod chromium_drawing;
mod client_bundle;

use super::Diagram;
use super::cache::{Cache, Entry};
use crate::browser::PageFile;
use crate::chrome;
use crate::config::{DiagramConfig, Prerender};
use crate::hash::short_hash;
use anyhow::Result;
use chromium_drawing::Drawing;
use mdbook_preprocessor::config::Config;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Changes whenever the way we draw changes, so old cache entries miss. The
/// drawing page's scripts are in the key too: a change to them misses by
/// itself; this names what the Rust side does (themes.rs combines).
const RENDER_SETTINGS: &str = "v8 themed restyled book-fonts light=default dark=dark font=Open Sans strict";

/// The token the drawing uses as its SVG id, replaced per occurrence.
const ID_TOKEN: &str = "sgdiagramid";

/// How one diagram reaches the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rendered {
    /// Drawn at build time: one SVG styled for light and dark themes.
    Themed(String),
    /// Drawn at build time: an SVG for light themes and one for dark themes.
    Static { light: String, dark: String },
    /// To be drawn in the reader's browser.
    Client,
    /// To be drawn in the reader's browser, as it shows what the build could
    /// not reach (an image from the web); the message says what.
    Unreachable(String),
    /// mermaid rejected the source; the message says why.
    Failed(String),
}

/// What the last batch did, for logs and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RenderStats {
    pub cached: usize,
    pub drawn: usize,
    pub client: usize,
    pub browser_ms: u128,
}

/// Draws diagrams, in one batch per build.
pub(crate) struct Backend {
    prerender: bool,
    chromium: Option<PathBuf>,
    /// `None` for a backend that never draws.
    mermaid: Option<Bundle>,
    cache: Cache,
    /// The book's root and configuration, for its theme's fonts.
    book: Option<(PathBuf, Config)>,
    pub stats: RenderStats,
}

impl Backend {
    pub(crate) fn from_config(root: &Path, book: &Config, config: &DiagramConfig) -> Self {
        let mermaid = match &config.mermaid {
            None => Bundle::Embedded,
            Some(path) => Bundle::of_file(&root.join(path)),
        };
        Backend {
            prerender: config.prerender == Prerender::Auto,
            chromium: chrome::find(config.chromium.as_deref().map(|p| root.join(p)).as_deref()),
            mermaid: Some(mermaid),
            cache: Cache::new(root.join(&config.cache_dir).join("diagrams")),
            book: Some((root.to_owned(), book.clone())),
            stats: RenderStats::default(),
        }
    }

    /// A backend that never starts a browser (tests, fuzzing).
    #[cfg(any(test, fuzzing))]
    pub(crate) fn client_only() -> Self {
        Backend {
            prerender: false,
            chromium: None,
            mermaid: None,
            cache: Cache::new(std::env::temp_dir().join("studyguide-unused-cache")),
            book: None,
            stats: RenderStats::default(),
        }
    }

    fn cache_key(&self, source: &str) -> String {
        let version = self.mermaid.as_ref().map(Bundle::version).unwrap_or_default();
        short_hash(&[
            source,
            &version,
            RENDER_SETTINGS,
            chromium_drawing::RENDER_PAGE_JS,
            client_bundle::DIAGRAMS_JS,
        ])
    }

    /// Draws every diagram, or leaves it to the browser. Results are in the
    /// order of `diagrams`; each static SVG gets ids unique to its occurrence.
    pub(crate) fn render_all(&mut self, diagrams: &[&Diagram]) -> Vec<Rendered> {
        self.stats = RenderStats::default();
        let Some(mermaid) = self.mermaid.clone() else {
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
        let mut unreachable: Vec<Option<String>> = vec![None; diagrams.len()];
        if self.prerender && !misses.is_empty() {
            match &self.chromium {
                Some(chromium) => {
                    let started = Instant::now();
                    let sources: Vec<&str> = misses.iter().map(|&i| diagrams[i].source.as_str()).collect();
                    match self.draw(chromium, &mermaid, &sources) {
                        Ok(drawn) => {
                            for (&i, drawing) in misses.iter().zip(drawn) {
                                match drawing {
                                    Drawing::Done(entry) => {
                                        self.cache.put(&keys[i], &entry);
                                        entries[i] = Some(entry);
                                        self.stats.drawn += 1;
                                    }
                                    Drawing::Threw(error) => entries[i] = Some(Entry::Rejected { error }),
                                    Drawing::Unreachable(why) => unreachable[i] = Some(why),
                                    Drawing::NotDrawn => {}
                                }
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
                None => match unreachable[i].take() {
                    Some(why) => Rendered::Unreachable(why),
                    None => Rendered::Client,
                },
            })
            .collect();
        self.stats.client =
            results.iter().filter(|r| matches!(r, Rendered::Client | Rendered::Unreachable(_))).count();
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

    /// mermaid, for the book's pages to draw what the last batch left to the
    /// browser; none when it left nothing, or for a backend of no book.
    pub(crate) fn client_bundle(&self) -> Option<PageFile> {
        let mermaid = self.mermaid.as_ref()?;
        (self.stats.client > 0 && self.book.is_some()).then(|| client_bundle::file(mermaid.bytes_owned()))
    }

    /// Draws `sources` in Chromium, with the book's fonts when it has any.
    fn draw(&self, chromium: &Path, mermaid: &Bundle, sources: &[&str]) -> Result<Vec<Drawing>> {
        let dir = crate::stopping::TempDir::new("studyguide-diagrams-", None)?;
        let bundle = dir.path().join(crate::embedded::MERMAID.name);
        std::fs::write(&bundle, mermaid.bytes())?;
        let fonts = self.book.as_ref().and_then(|(root, config)| {
            book_fonts::write(root, config, dir.path())
                .inspect_err(|err| {
                    tracing::warn!("could not load the book's fonts for drawing diagrams: {err:#}")
                })
                .ok()
                .flatten()
        });
        chromium_drawing::draw(chromium, &bundle, dir.path(), fonts.as_deref(), sources, ID_TOKEN)
    }
}

/// mermaid's browser bundle: the one the binary carries, or a book's own
/// (`diagrams.mermaid`).
#[derive(Debug, Clone)]
enum Bundle {
    Embedded,
    File { bytes: Vec<u8>, version: String },
}

impl Bundle {
    /// The bundle at `path`; the embedded one, with a warning, when it cannot
    /// be read.
    fn of_file(path: &Path) -> Bundle {
        match std::fs::read(path) {
            Ok(bytes) => {
                // Its package.json names its version; else its contents do.
                let version = mermaid_version(path)
                    .unwrap_or_else(|| crate::hash::short_hash(&[&String::from_utf8_lossy(&bytes)]));
                Bundle::File { bytes, version }
            }
            Err(err) => {
                tracing::warn!(
                    "diagrams.mermaid: could not read {} ({err}); using the mermaid {} that mdbook-studyguide carries",
                    path.display(),
                    crate::embedded::MERMAID_VERSION
                );
                Bundle::Embedded
            }
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Bundle::Embedded => crate::embedded::MERMAID.bytes,
            Bundle::File { bytes, .. } => bytes,
        }
    }

    /// Its bytes, for the book's `studyguide/`.
    fn bytes_owned(&self) -> std::borrow::Cow<'static, [u8]> {
        match self {
            Bundle::Embedded => crate::embedded::MERMAID.bytes.into(),
            Bundle::File { bytes, .. } => bytes.clone().into(),
        }
    }

    fn version(&self) -> String {
        match self {
            Bundle::Embedded => crate::embedded::MERMAID_VERSION.to_owned(),
            Bundle::File { version, .. } => version.clone(),
        }
    }
}

/// mermaid's version, from the package.json beside its bundle.
fn mermaid_version(bundle: &Path) -> Option<String> {
    let package = bundle.parent()?.parent()?.join("package.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(package).ok()?).ok()?;
    json["version"].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_mermaid_everything_is_left_to_the_browser() {
        let diagram = Diagram { source: "graph TD\nA-->B".into(), title: None, description: None };
        let mut backend = Backend::client_only();
        assert_eq!(backend.render_all(&[&diagram, &diagram]), vec![Rendered::Client, Rendered::Client]);
        assert_eq!(backend.stats.client, 2);
        assert_eq!(backend.client_bundle(), None, "a backend of no book");
    }

    #[test]
    fn diagrams_left_to_the_browser_bring_mermaid_into_the_book() {
        let diagram = Diagram { source: "graph TD\nA-->B".into(), title: None, description: None };
        let config = DiagramConfig { prerender: Prerender::Never, ..DiagramConfig::default() };
        let mut backend = Backend::from_config(Path::new("/book"), &Config::default(), &config);
        assert_eq!(backend.render_all(&[]), vec![]);
        assert_eq!(backend.client_bundle(), None, "nothing was left to the browser");
        assert_eq!(backend.render_all(&[&diagram]), vec![Rendered::Client]);
        let bundle = backend.client_bundle().expect("mermaid for the browser");
        assert_eq!(bundle.name, crate::embedded::MERMAID.name);
        assert!(bundle.bytes == crate::embedded::MERMAID.bytes);
    }
}
