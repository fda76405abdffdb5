//! The files the binary carries: our scripts and styles (`theme/`) and the
//! two libraries the pages use (`vendor/`: mermaid and ts-fsrs, copied from
//! the npm registry through `package-lock.json`; `npm run vendor` updates
//! them). A build writes them into the book, so a book needs neither npm nor
//! a copy of our `theme/`, and they are always the ones this binary was
//! built with: they cannot drift from it.

/// One embedded file, by the name pages load it under.
#[derive(Debug, Clone, Copy)]
pub struct File {
    /// Its name in `studyguide/`, as pages load it.
    pub name: &'static str,
    /// What it holds.
    pub bytes: &'static [u8],
}

/// A file of `theme/`, embedded: `theme!("quiz.js")`. A kind names its own
/// files with it, beside its Rust (`crate::browser`).
macro_rules! theme {
    ($name:literal) => {
        $crate::embedded::File {
            name: $name,
            bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/theme/", $name)),
        }
    };
}
pub(crate) use theme;

/// mermaid's browser bundle, as pages and the build-time drawing load it.
pub(crate) const MERMAID: File =
    File { name: "mermaid.min.js", bytes: include_bytes!("../vendor/mermaid.min.js") };
/// The npm version of [`MERMAID`] (a test checks it against the lock file).
pub(crate) const MERMAID_VERSION: &str = "11.17.2";

/// ts-fsrs's browser build: the review page's scheduler.
pub(crate) const FSRS: File = File { name: "ts-fsrs.js", bytes: include_bytes!("../vendor/ts-fsrs.js") };

/// The shared scripts of the pages with a block: the element builder and
/// words (`dom.js`), the component base (`component.js`), the learner's
/// saved state (`storage.js`) and history (`log.js`); `widgets.js`, which
/// loads a page's modules; the styles and theme colours they share.
pub(crate) const DOM: File = theme!("dom.js");
pub(crate) const COMPONENT: File = theme!("component.js");
pub(crate) const STORAGE: File = theme!("storage.js");
pub(crate) const LOG: File = theme!("log.js");
pub(crate) const WIDGETS: File = theme!("widgets.js");
pub(crate) const STYLES: File = theme!("studyguide.css");

/// What every page with a block loads, whatever its modules.
pub(crate) const SHARED: &[File] = &[WIDGETS, DOM, COMPONENT, STORAGE, LOG, STYLES];

/// What every page loads (`additional-css` and `additional-js`): the loader,
/// which loads the rest only on pages that use it, the style that keeps a
/// widget hidden until its own style applies, and what makes mdBook's own
/// parts of the page accessible.
pub(crate) const BASE: &[File] =
    &[theme!("base.css"), theme!("mdbook.css"), theme!("loader.js"), theme!("mdbook.js")];

/// For a book whose `book.toml` does not list [`BASE`] yet: put at the top of
/// each chapter with a block, it loads them from `studyguide/`.
pub(crate) const BOOTSTRAP: File = theme!("bootstrap.js");

/// One of our mdBook templates, for a book's theme folder. Each starts with
/// [`TEMPLATE_MARK`].
#[derive(Debug)]
pub(crate) struct Template {
    pub file: File,
    /// Whether `install` writes it into a book that has no file of its
    /// name: only where the book gains something its readers meet.
    pub installed: bool,
    /// What a book gains from it, as `install` says it.
    pub gain: &'static str,
}

/// Our mdBook templates. The contents page for readers without script
/// (`toc.html`, which mdBook's sidebar shows in a frame when script is off)
/// gets a title, a main landmark and a heading, with any renderer. The
/// not-found page's head finds the book's files when `404.html` is opened
/// from disk; `mdbook-studyguide build` and `serve` rewrite that page so
/// that it does without it (`cli/not_found.rs`), and no link of a book
/// opened from disk leads to it, so `install` no longer writes it: a build
/// only keeps a copy an older version wrote up to date.
pub(crate) const TEMPLATES: &[Template] = &[
    Template {
        file: theme!("head.hbs"),
        installed: false,
        gain: "the not-found page of a plain `mdbook build`, opened from disk, finds the book's files",
    },
    Template {
        file: theme!("toc.html.hbs"),
        installed: true,
        gain: "the contents page readers without script see has a title, a main landmark and a heading",
    },
];

/// How a template of ours begins, in a book's theme folder too: a file that
/// does not is the book's own.
pub(crate) const TEMPLATE_MARK: &[u8] = b"{{!-- mdbook-studyguide writes this file";

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn repo() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
    }

    /// The version the lock file pins for an npm package.
    fn locked(package: &str) -> String {
        let lock = std::fs::read_to_string(repo().join("package-lock.json")).expect("package-lock.json");
        let lock: serde_json::Value = serde_json::from_str(&lock).unwrap();
        lock["packages"][format!("node_modules/{package}")]["version"].as_str().unwrap().to_owned()
    }

    /// The installed package's file, which `npm ci` takes from the lock file.
    fn installed(package: &str, file: &str) -> Vec<u8> {
        let path = repo().join("node_modules").join(package).join(file);
        std::fs::read(&path).unwrap_or_else(|_| panic!("{} is missing: run `npm ci`", path.display()))
    }

    /// The npm version of [`FSRS`].
    const FSRS_VERSION: &str = "5.4.2";

    #[test]
    fn the_embedded_libraries_are_the_locked_versions() {
        assert_eq!(MERMAID_VERSION, locked("mermaid"));
        assert_eq!(FSRS_VERSION, locked("ts-fsrs"));
        let mermaid = installed("mermaid", "dist/mermaid.min.js");
        assert!(
            MERMAID.bytes == mermaid.as_slice(),
            "vendor/mermaid.min.js differs from npm's: run `npm run vendor`"
        );
        let fsrs = installed("ts-fsrs", "dist/index.umd.js");
        assert!(FSRS.bytes == fsrs.as_slice(), "vendor/ts-fsrs.js differs from npm's: run `npm run vendor`");
        let version = format!("version:\"{MERMAID_VERSION}\"");
        assert!(String::from_utf8_lossy(MERMAID.bytes).contains(&version));
    }
}
