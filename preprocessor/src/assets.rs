//! Our scripts and styles in a book: the build writes them from the copies
//! the binary carries (`crate::embedded`), so they are always this binary's.
//!
//! - Every page loads `studyguide/base.css`, `loader.js` and mdBook's fixes
//!   (`mdbook.css`, `mdbook.js`)
//!   (`additional-css` and `additional-js`, which `mdbook-studyguide install`
//!   writes into book.toml), under the book's root.
//! - What the blocks use goes into the book's sources, under `vendor/`,
//!   when the book has one of those blocks; mdBook copies it into the site,
//!   and the loader loads it on the pages that hold the block, from file://
//!   too.

use crate::embedded;
use std::path::{Path, PathBuf};

/// The folder under the book's root for what every page loads.
pub const BASE_DIR: &str = "studyguide";

/// The folder under the book's sources for what some pages load
/// (`theme/loader.js` and `theme/widgets.js` name it too).
pub const VENDOR_DIR: &str = "vendor";

/// The `additional-css` and `additional-js` entries a book needs.
pub fn base_entries() -> (Vec<String>, Vec<String>) {
    let entry = |ext: &str| {
        embedded::BASE
            .iter()
            .filter(|f| f.name.ends_with(ext))
            .map(|f| format!("{BASE_DIR}/{}", f.name))
            .collect()
    };
    (entry(".css"), entry(".js"))
}

/// Where our files go, for one book.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// `None` when nothing is written (tests, fuzzing, `check`).
    dirs: Option<Dirs>,
}

#[derive(Debug, Clone)]
struct Dirs {
    root: PathBuf,
    base: PathBuf,
    vendor: PathBuf,
}

impl Assets {
    /// The book at `root` with its sources in `src`.
    pub fn of_book(root: &Path, src: &Path) -> Assets {
        let vendor = root.join(src).join(VENDOR_DIR);
        Assets { dirs: Some(Dirs { root: root.to_owned(), base: root.join(BASE_DIR), vendor }) }
    }

    /// Writes nothing.
    pub fn none() -> Assets {
        Assets::default()
    }

    /// Writes what every page loads into `studyguide/`, which ignores itself
    /// in git (the build writes it again).
    pub fn write_base(&self) {
        let Some(dirs) = &self.dirs else { return };
        let gitignore: &[u8] = b"# Written by mdbook-studyguide at every build.\n*\n";
        for (name, bytes) in
            embedded::BASE.iter().map(|f| (f.name, f.bytes)).chain([(".gitignore", gitignore)])
        {
            write_into(&dirs.root, &dirs.base, name, bytes);
        }
    }

    /// Writes the embedded files with these names into `vendor/`.
    pub fn copy(&self, names: &[&str]) {
        for name in names {
            match embedded::vendor(name) {
                Some(file) => {
                    self.write(file.name, file.bytes);
                }
                None => tracing::error!("{name} is not one of the files mdbook-studyguide carries"),
            }
        }
    }

    /// Writes a file into `vendor/` as `name` (a page's question bank, or an
    /// embedded file). Unchanged files are not rewritten, so a watching
    /// `serve` sees no change. Whether it was written.
    pub fn write(&self, name: &str, bytes: &[u8]) -> bool {
        let Some(dirs) = &self.dirs else { return false };
        write_into(&dirs.root, &dirs.vendor, name, bytes)
    }
}

/// Writes `dir/name`, unless unchanged; a failure is logged. Nothing is
/// written where a symbolic link (or the book's own `src` setting) leads
/// out of the book at `root`.
fn write_into(root: &Path, dir: &Path, name: &str, bytes: &[u8]) -> bool {
    let path = dir.join(name);
    if !crate::outside::is_inside(root, &path) {
        tracing::warn!(
            "did not write {name} into {}: it leads out of the book, to {}",
            dir.display(),
            crate::outside::resolve(&path).display()
        );
        return false;
    }
    let written = std::fs::create_dir_all(dir).and_then(|()| write_if_changed(&dir.join(name), bytes));
    if let Err(err) = &written {
        tracing::warn!("could not write {name} into {}: {err}", dir.display());
    }
    written.is_ok()
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
    fn writes_embedded_files_and_leaves_unchanged_ones_alone() {
        let dir = tempfile::tempdir().unwrap();
        let assets = Assets::of_book(dir.path(), Path::new("src"));
        assets.copy(&["exam.js", "missing.js"]);
        let copied = dir.path().join("src/vendor/exam.js");
        assert_eq!(std::fs::read(&copied).unwrap(), embedded::vendor("exam.js").unwrap().bytes);
        let written = std::fs::metadata(&copied).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assets.copy(&["exam.js"]);
        assert_eq!(std::fs::metadata(&copied).unwrap().modified().unwrap(), written);
        assert!(!dir.path().join("src/vendor/missing.js").exists());
        Assets::none().copy(&["exam.js"]);
    }

    #[test]
    fn nothing_is_written_through_a_link_out_of_the_book() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join(BASE_DIR)).unwrap();
        let assets = Assets::of_book(&root, Path::new("src"));
        assets.write_base();
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        // The sources' own folder may be elsewhere, by mdBook's `src`.
        let assets = Assets::of_book(&root, Path::new("../elsewhere"));
        assert!(!assets.write("exam.js", b"x"));
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }

    #[test]
    fn what_every_page_loads_goes_under_the_root() {
        let dir = tempfile::tempdir().unwrap();
        Assets::of_book(dir.path(), Path::new("src")).write_base();
        let (css, js) = base_entries();
        assert_eq!(
            (css, js),
            (
                vec!["studyguide/base.css".to_owned(), "studyguide/mdbook.css".to_owned()],
                vec!["studyguide/loader.js".to_owned(), "studyguide/mdbook.js".to_owned()]
            )
        );
        assert!(dir.path().join("studyguide/loader.js").is_file());
        let ignore = std::fs::read_to_string(dir.path().join("studyguide/.gitignore")).unwrap();
        assert!(ignore.ends_with("\n*\n"), "{ignore}");
    }
}

#[cfg(test)]
mod loader_tests {
    use crate::embedded;

    fn text(file: embedded::File) -> String {
        String::from_utf8(file.bytes.to_vec()).unwrap()
    }

    /// The browser code names no kind: loader.js and base.css find blocks by
    /// `data-sg-module`, widgets.js loads what the manifest says, and every
    /// module's script defines the component of its name.
    #[test]
    fn the_browser_code_knows_modules_only_from_the_manifest() {
        let loader = text(embedded::BASE.iter().copied().find(|f| f.name == "loader.js").unwrap());
        let base = text(embedded::BASE.iter().copied().find(|f| f.name == "base.css").unwrap());
        let widgets = text(embedded::WIDGETS);
        assert!(loader.contains("'[data-sg-module]'") && loader.contains("['manifest.js', 'widgets.js']"));
        assert!(base.contains("[data-sg-module]"));
        assert!(widgets.contains(&format!("SG.vendor = '{}/';", super::VENDOR_DIR)));
        for module in crate::kinds::modules() {
            for text in [&loader, &base, &widgets] {
                assert!(
                    !text.contains(&format!("data-sg-{}", module.name)),
                    "{} is named outside its module",
                    module.name
                );
            }
            let own = module.scripts.last().expect("a module has a script");
            assert!(
                self::text(*own).contains(&format!("static moduleName = '{}';", module.name))
                    || self::text(*own).contains(&format!(".moduleName = '{}';", module.name)),
                "{} defines the component of module {}",
                own.name,
                module.name
            );
        }
    }
}
