//! Chromium, driven through the DevTools protocol: used to draw diagrams at
//! build time and to print the book to PDF.
//!
//! A small client of our own over `tungstenite` rather than a browser
//! automation crate: we need five protocol methods, and the automation crates
//! bring an async runtime or their own browser downloads.

mod cdp;

pub(crate) use cdp::ScriptError;
pub use cdp::{Browser, Page};

use std::path::{Path, PathBuf};

/// Where Debian and other distributions install Chromium.
const CANDIDATES: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
];

/// The flags Chromium needs to run headless in a container, offline, from
/// `flags.txt` (which the browser tests read too).
pub(crate) fn flags() -> impl Iterator<Item = &'static str> {
    include_str!("flags.txt").lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Finds Chromium: the configured path, then `$CHROMIUM`, then the usual places.
pub fn find(configured: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = configured {
        return path.is_file().then(|| path.to_owned());
    }
    if let Some(path) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    CANDIDATES.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// The message shown when a command needs Chromium and it is missing.
pub(crate) fn install_hint() -> &'static str {
    "Chromium was not found. Install it with `sudo apt-get install chromium` (Debian, Ubuntu), \
     or set CHROMIUM=/path/to/chromium, or `chromium = \"…\"` under [preprocessor.studyguide.diagrams] in book.toml"
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_flags_are_flags() {
        let flags: Vec<&str> = super::flags().collect();
        assert!(flags.contains(&"--headless") && flags.contains(&"--no-sandbox"), "{flags:?}");
        assert!(flags.iter().all(|flag| flag.starts_with("--") && !flag.contains(' ')), "{flags:?}");
    }
}
