//! Scripts and styles only some pages load: a kind copies its own from the
//! book's `theme/` (and `node_modules/`) into the book's sources, under
//! `vendor/`, when the book has one of its blocks; mdBook copies them into
//! the site, and `theme/loader.js` loads them on the pages that need them,
//! so a page without the block loads none of it, from file:// too.

use std::path::{Path, PathBuf};

/// Where a kind's files come from and go to, for one book.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// `None` when nothing is written (tests, fuzzing, `check`).
    dirs: Option<Dirs>,
}

#[derive(Debug, Clone)]
struct Dirs {
    root: PathBuf,
    vendor: PathBuf,
}

impl Assets {
    /// The book at `root` with its sources in `src`.
    pub fn of_book(root: &Path, src: &Path) -> Assets {
        let vendor = root.join(src).join(crate::diagram::prerender::VENDOR_DIR);
        Assets { dirs: Some(Dirs { root: root.to_owned(), vendor }) }
    }

    /// Writes nothing.
    pub fn none() -> Assets {
        Assets::default()
    }

    /// Copies each file (a path from the book's root: `theme/exam.js`) into
    /// `vendor/` under its file name.
    pub fn copy(&self, files: &[&str]) {
        for file in files {
            let name =
                Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            self.copy_as(file, &name);
        }
    }

    /// Copies `from` (a path from the book's root) into `vendor/` as `name`.
    /// A missing file is logged.
    pub fn copy_as(&self, from: &str, name: &str) {
        let Some(dirs) = &self.dirs else { return };
        match std::fs::read(dirs.root.join(from)) {
            Ok(bytes) => {
                self.write(name, &bytes);
            }
            Err(err) => tracing::warn!("could not copy {} into {}: {err}", from, dirs.vendor.display()),
        }
    }

    /// Writes a file into `vendor/` as `name` (a page's question bank, or a
    /// copied file). Unchanged files are not rewritten, so a watching
    /// `serve` sees no change. Whether it was written.
    pub fn write(&self, name: &str, bytes: &[u8]) -> bool {
        let Some(dirs) = &self.dirs else { return false };
        let written = std::fs::create_dir_all(&dirs.vendor)
            .and_then(|()| write_if_changed(&dirs.vendor.join(name), bytes));
        if let Err(err) = &written {
            tracing::warn!("could not write {} into {}: {err}", name, dirs.vendor.display());
        }
        written.is_ok()
    }
}

/// Writes `bytes` unless the file already holds them.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_into_vendor_and_leaves_unchanged_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("theme")).unwrap();
        std::fs::write(dir.path().join("theme/exam.js"), "exam").unwrap();
        let assets = Assets::of_book(dir.path(), Path::new("src"));
        assets.copy(&["theme/exam.js", "theme/missing.js"]);
        let copied = dir.path().join("src/vendor/exam.js");
        assert_eq!(std::fs::read_to_string(&copied).unwrap(), "exam");
        let written = std::fs::metadata(&copied).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assets.copy(&["theme/exam.js"]);
        assert_eq!(std::fs::metadata(&copied).unwrap().modified().unwrap(), written);
        assert!(!dir.path().join("src/vendor/missing.js").exists());
        Assets::none().copy(&["theme/exam.js"]);
    }
}

#[cfg(test)]
mod loader_tests {
    #[test]
    fn the_loader_loads_what_the_kinds_copy() {
        let loader = include_str!("../../theme/loader.js");
        let files = crate::exam::FILES.iter().chain(&crate::progress::FILES).chain(&crate::review::FILES);
        for file in files {
            let name = file.rsplit('/').next().unwrap();
            assert!(loader.contains(&format!("'{name}'")), "theme/loader.js should load {name}");
        }
        assert!(loader.contains(&format!("'{}'", crate::review::FSRS.1)));
    }
}
