//! `install`: puts the preprocessor into a book by editing its `book.toml`
//! (with `toml_edit`, so comments, order and other preprocessors stay as
//! they are), and writes what every page loads, and the mdBook template the
//! book gains from (`embedded::TEMPLATES`) where it has none of its own.

use crate::assets::{Assets, BASE_DIR, base_entries, write_templates};
use crate::config::NAME;
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::config::Config;
use std::path::Path;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// What `install` did to a book.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Installed {
    /// Whether book.toml changed.
    pub changed: bool,
    /// Things the author should know (another preprocessor taking our blocks).
    pub notes: Vec<String>,
    /// Each template written into the book's theme folder, with what the
    /// book gains from it.
    pub written: Vec<String>,
}

/// Adds `[preprocessor.studyguide]` and our `additional-css` and
/// `additional-js` entries to the book at `dir`, and writes what every page
/// loads. Running it again changes nothing.
pub(super) fn install(dir: &Path) -> Result<Installed> {
    let path = dir.join("book.toml");
    if !path.is_file() {
        bail!(
            "{} has no book.toml; for a new book run `mdbook-studyguide init {}`",
            dir.display(),
            dir.display()
        );
    }
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("could not read {}", path.display()))?;
    let (edited, notes) =
        edit_book_toml(&text).with_context(|| format!("{} is not valid TOML", path.display()))?;
    // Read as mdBook reads it before anything is written.
    let config: Config = edited.parse().with_context(|| {
        format!("mdBook would not read {} with our entries, so it was left as it was", path.display())
    })?;
    let changed = edited != text;
    if changed {
        write_atomically(&path, &edited)?;
    }
    Assets::of_book(dir, &config.book.src).write_base()?;
    let mut notes = notes;
    let templates = write_templates(dir, &config, true)?;
    if let Some(theme) = &templates.outside {
        notes.push(format!(
            "the theme folder leads out of the book, to {}, so our templates were not written there",
            theme.display()
        ));
    }
    for (own, gain) in templates.own {
        notes.push(format!("{} is the book's own, so it stays; with ours, {gain}", own.display()));
    }
    let written =
        templates.written.iter().map(|(path, gain)| format!("{}: {gain}", path.display())).collect();
    Ok(Installed { changed, notes, written })
}

/// Writes `text` to `path` whole or not at all: into a file beside it,
/// which then takes its place (and its permissions). Through a symbolic
/// link, the file it names is replaced.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let context = || format!("could not write {}", path.display());
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new().prefix(".book.toml.").tempfile_in(dir).with_context(context)?;
    let _listed = crate::stopping::temporary(file.path());
    file.write_all(text.as_bytes()).with_context(context)?;
    if let Ok(metadata) = std::fs::metadata(&target) {
        file.as_file().set_permissions(metadata.permissions()).with_context(context)?;
    }
    file.persist(&target).map_err(|err| err.error).with_context(context)?;
    Ok(())
}

/// `book.toml` with our table and entries; what else it holds is kept
/// byte for byte: its byte order mark, its line ends (CRLF when most of
/// its lines end so), and inline tables stay inline, with their comments.
pub(super) fn edit_book_toml(text: &str) -> Result<(String, Vec<String>)> {
    let bom = text.starts_with('\u{feff}');
    let crlf = text.matches("\r\n").count() * 2 > text.matches('\n').count();
    let mut doc: DocumentMut = text.trim_start_matches('\u{feff}').parse()?;
    let mut notes = Vec::new();
    let book_title =
        doc.get("book").and_then(|b| b.get("title")).and_then(|t| t.as_str()).unwrap_or_default().to_owned();

    let (preprocessors, inline) = table(doc.as_table_mut(), false, "preprocessor")?;
    if !preprocessors.contains_key(NAME) {
        let last_before = inline.then(|| last_key(preprocessors)).flatten();
        let ours = if inline {
            Item::Value(Value::InlineTable(InlineTable::new()))
        } else {
            Item::Table(Table::new())
        };
        preprocessors.insert(NAME, ours);
        keep_closing_space(preprocessors, last_before);
    }
    // The name learners' progress is kept under: pinned to what the book has
    // now (its title's), so that a new title later keeps their progress.
    match preprocessors.get_mut(NAME) {
        Some(Item::Table(ours)) if !ours.contains_key("book-id") => {
            ours.insert("book-id", toml_edit::value(crate::book_identity::from_title(&book_title)));
            if let Some(mut key) = ours.key_mut("book-id") {
                key.leaf_decor_mut().set_prefix(
                    "# The name learners' progress is kept under in their browsers: keep it if the title changes.\n",
                );
            }
        }
        Some(Item::Value(Value::InlineTable(ours))) if !ours.contains_key("book-id") => {
            let last_before = last_key(ours);
            ours.insert("book-id", Value::from(crate::book_identity::from_title(&book_title)));
            keep_closing_space(ours, last_before);
        }
        _ => {}
    }
    if preprocessors.contains_key("mermaid") {
        notes.push(
            "book.toml also runs [preprocessor.mermaid], which turns ```mermaid blocks into its own markup \
             before studyguide sees them: remove that table to have studyguide draw them"
                .to_owned(),
        );
    }

    let (output, inline) = table(doc.as_table_mut(), false, "output")?;
    let (html, inline) = table(output, inline, "html")?;
    let last_before = inline.then(|| last_key(html)).flatten();
    let (css, js) = base_entries();
    for (key, entries) in [("additional-css", css), ("additional-js", js)] {
        let list = html.entry(key).or_insert_with(|| Item::Value(Value::Array(Array::new())));
        let Some(list) = list.as_array_mut() else { bail!("output.html.{key} is not a list") };
        // Entries of ours this binary no longer writes go.
        let ours = |v: &Value| v.as_str().is_some_and(|s| s.starts_with(&format!("{BASE_DIR}/")));
        let before = list.len();
        list.retain(|v| !ours(v) || entries.iter().any(|e| v.as_str() == Some(e.as_str())));
        if list.len() < before
            && let Some(first) = list.iter_mut().next()
        {
            first.decor_mut().set_prefix("");
        }
        for entry in entries {
            if !list.iter().any(|v| v.as_str() == Some(entry.as_str())) {
                list.push(entry);
            }
        }
    }
    keep_closing_space(html, last_before);
    let mut edited = doc.to_string();
    if crlf {
        edited = edited.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if bom {
        edited.insert(0, '\u{feff}');
    }
    Ok((edited, notes))
}

fn last_key(table: &dyn TableLike) -> Option<String> {
    table.iter().last().map(|(key, _)| key.to_owned())
}

/// In an inline table whose last value was `last_before` until ours were
/// added, the space the author left before its `}` moves after ours.
fn keep_closing_space(table: &mut dyn TableLike, last_before: Option<String>) {
    let Some(before) = last_before else { return };
    let Some(last) = last_key(table).filter(|last| *last != before) else { return };
    let Some(Item::Value(old)) = table.get_mut(&before) else { return };
    let space = old.decor().suffix().and_then(|s| s.as_str()).unwrap_or("").to_owned();
    old.decor_mut().set_suffix("");
    if let Some(Item::Value(new)) = table.get_mut(&last) {
        new.decor_mut().set_suffix(space);
    }
}

/// The table `key` of `parent` (itself inline when `inline`), and whether it
/// is inline. Made when missing: inline inside an inline table, else a
/// parent of tables only. An inline table stays inline, where the author
/// wrote it.
fn table<'a>(
    parent: &'a mut dyn TableLike,
    inline: bool,
    key: &str,
) -> Result<(&'a mut dyn TableLike, bool)> {
    let item = parent.entry(key).or_insert_with(|| {
        if inline {
            return Item::Value(Value::InlineTable(InlineTable::new()));
        }
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let inline = item.is_inline_table();
    let table = item.as_table_like_mut().with_context(|| format!("`{key}` in book.toml is not a table"))?;
    Ok((table, inline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::check_book_toml;

    const COMMENTED: &str = "# My book\n[book]\ntitle = \"Mine\" # the title\n\n# Keeps links honest.\n[preprocessor.links-check]\ncommand = \"links\"\n\n[output.html]\n# Ours.\nadditional-css = [\"custom.css\"] # styled\n";

    #[test]
    fn install_keeps_comments_order_and_other_preprocessors() {
        let (edited, notes) = edit_book_toml(COMMENTED).unwrap();
        assert!(notes.is_empty());
        assert!(edited.starts_with("# My book\n[book]\ntitle = \"Mine\" # the title\n\n# Keeps links honest.\n[preprocessor.links-check]\ncommand = \"links\"\n"), "{edited}");
        assert!(
            edited.contains(
                "# Ours.\nadditional-css = [\"custom.css\", \"studyguide/base.css\", \"studyguide/mdbook.css\"] # styled\n"
            ),
            "{edited}"
        );
        assert!(
            edited.contains("additional-js = [\"studyguide/loader.js\", \"studyguide/mdbook.js\"]"),
            "{edited}"
        );
        assert!(edited.contains("\n[preprocessor.studyguide]\n"), "{edited}");
        let config: Config = edited.parse().unwrap();
        assert!(check_book_toml(Path::new("."), &config).is_none());
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_ends_are_kept() {
        let windows = COMMENTED.replace('\n', "\r\n");
        let (edited, _) = edit_book_toml(&format!("\u{feff}{windows}")).unwrap();
        assert!(
            edited.starts_with(&format!("\u{feff}{}", &windows[..windows.find("[output.html]").unwrap()]))
        );
        assert_eq!(edited.matches('\n').count(), edited.matches("\r\n").count(), "{edited:?}");
        assert!(edited.contains("\r\n[preprocessor.studyguide]\r\n"), "{edited:?}");
        assert_eq!(edit_book_toml(&edited).unwrap().0, edited, "installed twice");
        // A file of LF lines stays so.
        assert!(!edit_book_toml(COMMENTED).unwrap().0.contains('\r'));
    }

    #[test]
    fn an_inline_table_stays_inline_with_its_comment() {
        let text = "[book]\ntitle = \"x\"\n\n[output]\nhtml = { default-theme = \"rust\" } # keep\n";
        let (edited, _) = edit_book_toml(text).unwrap();
        assert!(edited.starts_with("[book]\ntitle = \"x\"\n\n[output]\nhtml = { default-theme = \"rust\", additional-css = [\"studyguide/base.css\", \"studyguide/mdbook.css\"], additional-js = [\"studyguide/loader.js\", \"studyguide/mdbook.js\"] } # keep\n"), "{edited}");
        assert!(!edited.contains("[output.html"), "{edited}");
        let config: Config = edited.parse().unwrap();
        assert!(check_book_toml(Path::new("."), &config).is_none());
        let (edited, _) = edit_book_toml("preprocessor = { links = { command = \"l\" } }\n").unwrap();
        assert!(
            edited.starts_with(
                "preprocessor = { links = { command = \"l\" }, studyguide = { book-id = \"t8113607d\" } }\n"
            ),
            "{edited}"
        );
    }

    #[test]
    fn a_book_toml_mdbook_would_reject_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.toml");
        // TOML, but a title mdBook reads as a string only.
        let text = "[book]\ntitle = 5\n";
        std::fs::write(&path, text).unwrap();
        let err = format!("{:#}", install(dir.path()).unwrap_err());
        assert!(err.contains("mdBook would not read") && err.contains("left as it was"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else is written");
    }

    #[test]
    fn install_replaces_book_toml_whole_keeping_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.toml");
        std::fs::write(&path, "[book]\ntitle = \"x\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert!(install(dir.path()).unwrap().changed);
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn install_pins_the_name_progress_is_kept_under_and_keeps_one_there() {
        let (edited, _) = edit_book_toml(
            "[book]\ntitle = \"Guide\"\n\n[preprocessor.studyguide]\ncommand = \"x\" # ours\n",
        )
        .unwrap();
        let id = crate::book_identity::from_title("Guide");
        assert!(
            edited.contains(&format!("command = \"x\" # ours\n# The name learners' progress is kept under in their browsers: keep it if the title changes.\nbook-id = \"{id}\"\n")),
            "{edited}"
        );
        let (again, _) = edit_book_toml("[preprocessor.studyguide]\nbook-id = \"mine\"\n").unwrap();
        assert!(again.starts_with("[preprocessor.studyguide]\nbook-id = \"mine\"\n"), "{again}");
    }

    #[test]
    fn installing_twice_changes_nothing() {
        let (once, _) = edit_book_toml(COMMENTED).unwrap();
        let (twice, _) = edit_book_toml(&once).unwrap();
        assert_eq!(once, twice);
        let (empty, _) = edit_book_toml("").unwrap();
        assert_eq!(edit_book_toml(&empty).unwrap().0, empty);
    }

    #[test]
    fn entries_of_ours_this_version_does_not_write_go() {
        let old =
            "[output.html]\nadditional-js = [\"studyguide/old.js\", \"mine.js\", \"studyguide/loader.js\"]\n";
        let (edited, _) = edit_book_toml(old).unwrap();
        assert!(
            edited.contains(
                "additional-js = [\"mine.js\", \"studyguide/loader.js\", \"studyguide/mdbook.js\"]"
            ),
            "{edited}"
        );
    }

    #[test]
    fn a_mermaid_preprocessor_is_named() {
        let (_, notes) = edit_book_toml("[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n").unwrap();
        assert!(notes[0].contains("[preprocessor.mermaid]"), "{notes:?}");
    }

    #[test]
    fn a_table_that_is_not_a_table_is_an_error() {
        assert!(edit_book_toml("output = 3\n").is_err());
        assert!(edit_book_toml("[output.html]\nadditional-js = \"x.js\"\n").is_err());
        let (inline, _) = edit_book_toml("output = { html = { default-theme = \"rust\" } }\n").unwrap();
        assert!(inline.parse::<Config>().is_ok(), "{inline}");
    }

    #[test]
    fn install_writes_the_contents_template_where_the_book_has_none_and_leaves_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"x\"\n").unwrap();
        std::fs::create_dir(dir.path().join("theme")).unwrap();
        // A head of the book's own (analytics, say): not ours to replace or to name.
        std::fs::write(dir.path().join("theme/head.hbs"), "<meta name=\"mine\">").unwrap();
        let installed = install(dir.path()).unwrap();
        let toc = std::fs::read(dir.path().join("theme/toc.html.hbs")).unwrap();
        assert!(toc.starts_with(crate::embedded::TEMPLATE_MARK));
        assert_eq!(installed.written.len(), 1, "{:?}", installed.written);
        assert!(installed.written[0].contains("theme/toc.html.hbs: "), "{:?}", installed.written);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("theme/head.hbs")).unwrap(),
            "<meta name=\"mine\">"
        );
        assert!(installed.notes.is_empty(), "{:?}", installed.notes);

        std::fs::write(dir.path().join("theme/toc.html.hbs"), "mine").unwrap();
        let again = install(dir.path()).unwrap();
        assert!(again.written.is_empty());
        assert_eq!(std::fs::read_to_string(dir.path().join("theme/toc.html.hbs")).unwrap(), "mine");
        assert!(
            again
                .notes
                .iter()
                .any(|n| n.contains("toc.html.hbs is the book's own, so it stays; with ours, ")),
            "{:?}",
            again.notes
        );
        assert!(!again.notes.iter().any(|n| n.contains("head.hbs")), "{:?}", again.notes);
    }

    #[test]
    fn a_theme_folder_that_leads_out_of_the_book_gets_nothing_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        let shared = dir.path().join("shared-theme");
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::create_dir(&root).unwrap();
        std::os::unix::fs::symlink(&shared, root.join("theme")).unwrap();
        std::fs::write(root.join("book.toml"), "[book]\ntitle = \"x\"\n").unwrap();
        let installed = install(&root).unwrap();
        assert!(
            installed.notes.iter().any(|n| n.contains("the theme folder leads out of the book")),
            "{:?}",
            installed.notes
        );
        assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 0);
    }
}
