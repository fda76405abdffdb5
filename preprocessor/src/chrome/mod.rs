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

/// Where Linux distributions, macOS and Windows install Chromium or Chrome,
/// after the names looked for on `PATH` ([`ON_PATH`]).
const CANDIDATES: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files\Chromium\Application\chrome.exe",
];

/// The names Chromium and Chrome go by on `PATH`.
const ON_PATH: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

/// The first of `names` in a directory of `path` (a `PATH` value), as
/// `name` or, on Windows, `name.exe`.
fn on_path(path: &std::ffi::OsStr, names: &[&str]) -> Option<PathBuf> {
    std::env::split_paths(path).find_map(|dir| {
        names.iter().find_map(|name| {
            [dir.join(name), dir.join(format!("{name}.exe"))]
                .into_iter()
                .find(|candidate| candidate.is_file())
        })
    })
}

/// The flags Chromium needs to run headless in a container, offline, from
/// `flags.txt` (which the browser tests read too).
pub(crate) fn flags() -> impl Iterator<Item = &'static str> {
    include_str!("flags.txt").lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Finds Chromium: the configured path, then `$CHROMIUM`, then its usual
/// names on `PATH`, then the places it is usually installed.
pub fn find(configured: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = configured {
        return path.is_file().then(|| path.to_owned());
    }
    if let Some(path) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    std::env::var_os("PATH")
        .and_then(|path| on_path(&path, ON_PATH))
        .or_else(|| CANDIDATES.iter().map(PathBuf::from).find(|p| p.is_file()))
}

/// The message shown when a command needs Chromium and it is missing.
pub(crate) fn install_hint() -> &'static str {
    "Chromium was not found. Install it with `sudo apt-get install chromium` (Debian, Ubuntu), \
     or set CHROMIUM=/path/to/chromium, or `chromium = \"…\"` under [preprocessor.studyguide.diagrams] in book.toml"
}

#[cfg(test)]
mod tests {
    #[test]
    fn chromium_is_found_on_path_under_any_of_its_names() {
        let dir = std::env::temp_dir().join(format!("studyguide-path-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::write(dir.join("google-chrome"), "").unwrap();
        let path = std::env::join_paths([empty.clone(), dir.clone()]).unwrap();
        assert_eq!(super::on_path(&path, super::ON_PATH), Some(dir.join("google-chrome")));
        assert_eq!(super::on_path(&std::env::join_paths([empty]).unwrap(), super::ON_PATH), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_flags_are_flags() {
        let flags: Vec<&str> = super::flags().collect();
        assert!(flags.contains(&"--headless") && flags.contains(&"--no-sandbox"), "{flags:?}");
        assert!(flags.iter().all(|flag| flag.starts_with("--") && !flag.contains(' ')), "{flags:?}");
    }
}
