//! What a build writes into a book besides its chapters, all of it here:
//! our scripts and styles, from the copies the binary carries
//! (`crate::embedded`), so they are always this binary's, and the files the
//! blocks and kinds made, which they return instead of writing. A file that
//! cannot be written fails the build, naming it.
//!
//! - Every page loads `studyguide/base.css`, `loader.js` and mdBook's fixes
//!   (`mdbook.css`, `mdbook.js`)
//!   (`additional-css` and `additional-js`, which `mdbook-studyguide install`
//!   writes into book.toml), under the book's root.
//! - What the blocks use goes into the book's sources, under `studyguide/`
//!   (a folder named as ours, which ignores itself in git), when the book
//!   has one of those blocks (the used modules' files, the
//!   manifest, the banks of questions); mdBook copies it into the site, and
//!   the loader loads it on the pages that hold the block, from file://
//!   too.
//! - Our mdBook templates go into the book's theme folder (`install` writes
//!   the one a book gains from, a build brings copies of ours up to date).
//!
//! A build checks that `book.toml` lists what every page loads, and names the
//! command that fixes it when it does not.

use crate::browser::{BookEntry, BrowserModule, PageFile, manifest};
use crate::embedded;
use crate::problem::{Location, Problem};
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::config::Config;
use std::path::{Path, PathBuf};

/// The folder under the book's root for what every page loads.
pub(crate) const BASE_DIR: &str = "studyguide";

/// The folder under the book's sources for what some pages load
/// (`theme/loader.js` and `theme/widgets.js` name it too). Named as ours,
/// so that nothing of the author's is mixed with it.
pub(crate) const VENDOR_DIR: &str = "studyguide";

/// Where older versions wrote it, under the book's sources.
const OLD_VENDOR_DIR: &str = "vendor";

/// The first line of the manifest every version wrote there.
const MANIFEST_HEAD: &str = "// Which files each kind of block loads";

/// The `.gitignore` of a folder all of whose files the build writes.
pub(crate) const IGNORE_ALL: &[u8] = b"# Written by mdbook-studyguide at every build.\n*\n";

/// The `additional-css` and `additional-js` entries a book needs.
pub(crate) fn base_entries() -> (Vec<String>, Vec<String>) {
    let entry = |ext: &str| {
        embedded::BASE
            .iter()
            .filter(|f| f.name.ends_with(ext))
            .map(|f| format!("{BASE_DIR}/{}", f.name))
            .collect()
    };
    (entry(".css"), entry(".js"))
}

/// The command that puts our entries into a book's `book.toml`.
pub(crate) const INSTALL: &str = "mdbook-studyguide install";

/// What [`write_templates`] did.
#[derive(Debug, Default)]
pub(crate) struct Templates {
    /// Each template written, with what the book gains from it.
    pub written: Vec<(PathBuf, &'static str)>,
    /// Templates of the book's own by the names of those `install` writes:
    /// left as they are, with what the book goes without.
    pub own: Vec<(PathBuf, &'static str)>,
    /// Where the theme folder leads, when that is outside the book: nothing
    /// is written there (mdBook may read a theme from anywhere; we write
    /// only inside the book).
    pub outside: Option<PathBuf>,
}

/// Writes our mdBook templates (`embedded::TEMPLATES`) into the book's theme
/// folder over copies of ours that differ (they start with
/// `embedded::TEMPLATE_MARK`), and, for `install`, those it installs where
/// the book has no file of their name. The theme folder is made only for a
/// template written into it.
pub(crate) fn write_templates(root: &Path, config: &Config, install: bool) -> Result<Templates> {
    let theme = config.html_config().and_then(|html| html.theme).unwrap_or_else(|| "theme".into());
    let theme = root.join(theme);
    let mut done = Templates::default();
    let mut writing = Vec::new();
    for template in crate::embedded::TEMPLATES {
        let path = theme.join(template.file.name);
        let wanted = install && template.installed;
        match std::fs::read(&path) {
            Ok(bytes) if bytes == template.file.bytes => continue,
            Ok(bytes) if !bytes.starts_with(crate::embedded::TEMPLATE_MARK) => {
                if wanted {
                    done.own.push((path, template.gain));
                }
                continue;
            }
            Ok(_) => {}
            Err(_) if !wanted => continue,
            Err(_) => {}
        }
        writing.push((path, template));
    }
    if !writing.is_empty() && !crate::outside::is_inside(root, &theme) {
        done.outside = Some(crate::outside::resolve(&theme));
        return Ok(done);
    }
    for (path, template) in writing {
        std::fs::create_dir_all(&theme).with_context(|| format!("could not create {}", theme.display()))?;
        std::fs::write(&path, template.file.bytes)
            .with_context(|| format!("could not write {}", path.display()))?;
        done.written.push((path, template.gain));
    }
    Ok(done)
}

/// At build time: a problem when `book.toml` does not list what every page
/// loads (the pages then load it from a script in each chapter with a
/// block, see [`bootstrap`]), naming the command that fixes it.
pub(crate) fn check_book_toml(root: &Path, config: &Config) -> Option<Problem> {
    let missing = missing_entries(config);
    if missing.is_empty() {
        return None;
    }
    let names: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
    let mut problem = Problem::new(
        0..0,
        format!(
            "book.toml does not list {} in output.html's additional-css / additional-js; pages with blocks load it from a script in the chapter instead",
            listing(&names)
        ),
    )
    .hint(format!("run `{INSTALL}` to add them (it keeps the rest of book.toml)"))
    .warning_unless(false);
    problem.location = Some(Location { path: root.join("book.toml"), line: 1, column: 1 });
    Some(problem)
}

/// Our `additional-css` and `additional-js` entries that `book.toml` does
/// not list: none once `install` has run.
pub(crate) fn missing_entries(config: &Config) -> Vec<String> {
    let html = config.html_config().unwrap_or_default();
    let (css, js) = base_entries();
    let listed = |list: &[std::path::PathBuf], entry: &String| list.iter().any(|p| p == Path::new(entry));
    css.iter()
        .filter(|e| !listed(&html.additional_css, e))
        .chain(js.iter().filter(|e| !listed(&html.additional_js, e)))
        .cloned()
        .collect()
}

/// "a", "a and b", "a, b and c".
fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// For a book whose `book.toml` does not list our files yet (one written
/// for mdbook-mermaid, say): `theme/bootstrap.js`, put at the top of each
/// chapter with a block, loads them, once per page, from `studyguide/`, relative
/// to mdBook's `path_to_root` (the print page holds every chapter).
pub(crate) fn bootstrap() -> String {
    format!("<script>\n{}</script>\n\n", String::from_utf8_lossy(embedded::BOOTSTRAP.bytes))
}

/// The one writer of the files pages load, for one book: what every page
/// loads into `studyguide/`, and into the sources' `studyguide/` what the pages with a block
/// load and what the blocks and kinds made. No stage of the pipeline writes a
/// file; a file that cannot be written fails the build, naming it.
#[derive(Debug, Clone)]
pub(crate) struct Assets {
    root: PathBuf,
    base: PathBuf,
    vendor: PathBuf,
}

impl Assets {
    /// The book at `root` with its sources in `src`.
    pub(crate) fn of_book(root: &Path, src: &Path) -> Assets {
        Assets { root: root.to_owned(), base: root.join(BASE_DIR), vendor: root.join(src).join(VENDOR_DIR) }
    }

    /// Writes what every page loads into `studyguide/`, which ignores itself
    /// in git (the build writes it again).
    pub(crate) fn write_base(&self) -> Result<()> {
        for (name, bytes) in
            embedded::BASE.iter().map(|f| (f.name, f.bytes)).chain([(".gitignore", IGNORE_ALL)])
        {
            write_into(&self.root, &self.base, name, bytes)?;
        }
        Ok(())
    }

    /// Writes `files` into the sources' `studyguide/`, which ignores itself
    /// in git, and takes what an older version wrote out of `vendor/`.
    /// Unchanged files are not rewritten, so a watching `serve` sees no
    /// change.
    pub(crate) fn write_vendor(&self, files: &[PageFile]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        for file in files {
            write_into(&self.root, &self.vendor, &file.name, &file.bytes)?;
        }
        write_into(&self.root, &self.vendor, ".gitignore", IGNORE_ALL)?;
        self.retire_old_vendor(files);
        Ok(())
    }

    /// Removes from the sources' `vendor/` the files an older version wrote
    /// there (when its manifest says that version wrote there): those now
    /// written elsewhere, and banks; the folder too, once empty. The author's
    /// own files there stay. What cannot be removed is left.
    fn retire_old_vendor(&self, files: &[PageFile]) {
        let Some(old) = self.vendor.parent().map(|src| src.join(OLD_VENDOR_DIR)) else { return };
        let ours = std::fs::read_to_string(old.join(MANIFEST))
            .is_ok_and(|manifest| manifest.starts_with(MANIFEST_HEAD));
        if !ours || !crate::outside::is_inside(&self.root, &old) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&old) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let written_by_us = files.iter().any(|f| f.name == name)
                || [MANIFEST, embedded::MERMAID.name].contains(&name.as_str())
                || (name.starts_with("bank-") && name.ends_with(".js"));
            if written_by_us {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let _ = std::fs::remove_dir(&old);
    }
}

/// What the pages with a block of `modules` load besides what their blocks
/// made: the shared scripts, each module's files, the manifest that says
/// which module loads what, and the keys the book's blocks save (for
/// `storage.js` to take over older keys). Nothing without a module.
pub(crate) fn module_files(
    modules: &[&'static BrowserModule],
    book_id: &str,
    title: &str,
    stored_keys: &[String],
) -> Vec<PageFile> {
    if modules.is_empty() {
        return Vec::new();
    }
    let mut files: Vec<PageFile> = embedded::SHARED
        .iter()
        .copied()
        .chain(modules.iter().flat_map(|m| m.files()))
        .map(PageFile::from)
        .collect();
    let (keys_url, keys_js) = crate::book_identity::keys_file(stored_keys);
    files.push(PageFile::new(crate::book_identity::KEYS, keys_js.into_bytes()));
    let book = BookEntry { id: book_id, title, keys: &keys_url };
    files.push(PageFile::new(MANIFEST, manifest(&book, modules).into_bytes()));
    files
}

/// The manifest's name in `vendor/` (`theme/loader.js` names it too).
const MANIFEST: &str = "manifest.js";

/// Writes `dir/name`, unless unchanged. Nothing is written where a symbolic
/// link (or the book's own `src` setting) leads out of the book at `root`:
/// that is an error, as a failed write is.
fn write_into(root: &Path, dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    if !crate::outside::is_inside(root, &path) {
        bail!(
            "did not write {}: it leads out of the book, to {}",
            path.display(),
            crate::outside::resolve(&path).display()
        );
    }
    std::fs::create_dir_all(dir)
        .and_then(|()| write_if_changed(&path, bytes))
        .with_context(|| format!("could not write {}", path.display()))
}

/// Writes `bytes` unless the file already holds them.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
        assets.write_vendor(&[embedded::LOG.into()]).unwrap();
        let copied = dir.path().join("src/studyguide/log.js");
        assert_eq!(std::fs::read(&copied).unwrap(), embedded::LOG.bytes);
        let written = std::fs::metadata(&copied).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assets.write_vendor(&[embedded::LOG.into()]).unwrap();
        assert_eq!(std::fs::metadata(&copied).unwrap().modified().unwrap(), written);
        assert_eq!(std::fs::read_dir(dir.path().join("src/studyguide")).unwrap().count(), 2);
        let ignore = std::fs::read(dir.path().join("src/studyguide/.gitignore")).unwrap();
        assert_eq!(ignore, IGNORE_ALL);
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
        let err = assets.write_base().unwrap_err().to_string();
        assert!(err.contains("it leads out of the book"), "{err}");
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        // The sources' own folder may be elsewhere, by mdBook's `src`.
        let assets = Assets::of_book(&root, Path::new("../elsewhere"));
        assert!(assets.write_vendor(&[PageFile::new("exam.js", b"x".as_slice())]).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        // And so may `studyguide/`, by a link.
        std::fs::create_dir(root.join("src")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("src").join(VENDOR_DIR)).unwrap();
        let assets = Assets::of_book(&root, Path::new("src"));
        assert!(assets.write_vendor(&[embedded::MERMAID.into()]).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }

    #[test]
    fn a_file_that_cannot_be_written_fails_naming_its_path() {
        let dir = tempfile::tempdir().unwrap();
        // `studyguide` is a file, so nothing can be written under it.
        std::fs::create_dir(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src").join(VENDOR_DIR), "").unwrap();
        let assets = Assets::of_book(dir.path(), Path::new("src"));
        let bank = PageFile::new("bank-exam-exam1.js", b"bank".as_slice());
        let err = format!("{:#}", assets.write_vendor(&[bank]).unwrap_err());
        let path = dir.path().join("src/studyguide/bank-exam-exam1.js");
        assert!(err.starts_with(&format!("could not write {}: ", path.display())), "{err}");
    }

    #[test]
    fn what_an_older_version_wrote_into_vendor_is_taken_out_and_the_authors_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("src/vendor");
        std::fs::create_dir_all(&old).unwrap();
        let manifest = format!("{MANIFEST_HEAD}, …\nwindow.StudyGuide = {{}};\n");
        for (name, text) in [
            (MANIFEST, manifest.as_str()),
            ("log.js", "old"),
            ("bank-exam-old.js", "old"),
            ("mine.js", "the author's"),
        ] {
            std::fs::write(old.join(name), text).unwrap();
        }
        let assets = Assets::of_book(dir.path(), Path::new("src"));
        assets.write_vendor(&[embedded::LOG.into()]).unwrap();
        let left: Vec<String> = std::fs::read_dir(&old)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["mine.js"]);
        std::fs::remove_file(old.join("mine.js")).unwrap();
        // Without our manifest, a `vendor/` is the author's alone.
        std::fs::write(old.join("log.js"), "the author's").unwrap();
        assets.write_vendor(&[embedded::LOG.into()]).unwrap();
        assert!(old.join("log.js").is_file());
        // Emptied, it goes.
        std::fs::remove_file(old.join("log.js")).unwrap();
        std::fs::write(old.join(MANIFEST), &manifest).unwrap();
        assets.write_vendor(&[embedded::LOG.into()]).unwrap();
        assert!(!old.exists());
    }

    #[test]
    fn the_bootstrap_loads_what_every_page_loads_and_stays_one_html_block() {
        let script = bootstrap();
        let (css, js) = base_entries();
        let names = |entries: Vec<String>| {
            let quoted: Vec<String> =
                entries.iter().map(|e| format!("'{}'", e.strip_prefix("studyguide/").unwrap())).collect();
            format!("[{}]", quoted.join(", "))
        };
        assert!(script.contains(&format!("for (const name of {})", names(css))), "{script}");
        assert!(script.contains(&format!("for (const name of {})", names(js))), "{script}");
        assert!(script.contains(&format!("+ '{VENDOR_DIR}/'")), "{script}");
        // An HTML block of Markdown's that ends at its `</script>`.
        assert!(script.starts_with("<script>\n") && script.ends_with("</script>\n\n"));
        assert_eq!(script.matches("</script>").count(), 1);
    }

    #[test]
    fn pages_with_a_block_get_the_shared_scripts_their_modules_and_a_manifest() {
        static MODULE: BrowserModule =
            BrowserModule { name: "drawing", scripts: &[embedded::DOM], styles: &[], needs: &[] };
        assert!(module_files(&[], "id", "T", &[]).is_empty());
        let files = module_files(&[&MODULE], "id", "T", &["quiz:q1".to_owned()]);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        for name in ["widgets.js", "dom.js", "component.js", "studyguide.css", "book-keys.js", "manifest.js"]
        {
            assert!(names.contains(&name), "{name} in {names:?}");
        }
        let manifest = files.iter().find(|f| f.name == MANIFEST).unwrap();
        assert!(
            String::from_utf8_lossy(&manifest.bytes)
                .contains(r#""drawing":{"base":["dom.js","component.js"]"#)
        );
    }

    #[test]
    fn what_every_page_loads_goes_under_the_root() {
        let dir = tempfile::tempdir().unwrap();
        Assets::of_book(dir.path(), Path::new("src")).write_base().unwrap();
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

    #[test]
    fn a_book_without_our_entries_is_told_what_to_run() {
        let config: Config = "[book]\ntitle = \"x\"\n".parse().unwrap();
        let problem = check_book_toml(Path::new("/b"), &config).unwrap();
        assert!(!problem.is_error());
        let text = problem.to_string();
        assert!(text.starts_with("/b/book.toml:1:1: "), "{text}");
        assert!(text.contains("\"studyguide/loader.js\"") && text.contains(INSTALL), "{text}");
    }

    #[test]
    fn a_build_brings_an_old_copy_of_ours_up_to_date_and_writes_no_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let config: Config = "[book]\ntitle = \"x\"\n[output.html]\ntheme = \"looks\"\n".parse().unwrap();
        let done = write_templates(dir.path(), &config, false).unwrap();
        assert!(done.written.is_empty() && !dir.path().join("looks").exists());
        std::fs::create_dir(dir.path().join("looks")).unwrap();
        let old = [crate::embedded::TEMPLATE_MARK, b" an older one --}}"].concat();
        std::fs::write(dir.path().join("looks/head.hbs"), &old).unwrap();
        let done = write_templates(dir.path(), &config, false).unwrap();
        assert_eq!(done.written, [(dir.path().join("looks/head.hbs"), crate::embedded::TEMPLATES[0].gain)]);
        assert_eq!(
            std::fs::read(dir.path().join("looks/head.hbs")).unwrap(),
            crate::embedded::TEMPLATES[0].file.bytes
        );
        assert!(!dir.path().join("looks/toc.html.hbs").exists());
        assert!(write_templates(dir.path(), &config, false).unwrap().written.is_empty());
    }
}
