//! Putting the preprocessor into a book: `install` edits its `book.toml`
//! (with `toml_edit`, so comments, order and other preprocessors stay as
//! they are), `init` makes a new book with an example of every block, and
//! every build checks that `book.toml` still loads what this binary writes.

use crate::assets::{Assets, BASE_DIR, base_entries};
use crate::problem::{Location, Problem};
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::config::Config;
use std::path::{Path, PathBuf};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// The command that puts our entries into a book's `book.toml`.
pub const INSTALL: &str = "mdbook-studyguide install";

/// What `install` did to a book.
#[derive(Debug, PartialEq, Eq)]
pub struct Installed {
    /// Whether book.toml changed.
    pub changed: bool,
    /// Things the author should know (another preprocessor taking our blocks).
    pub notes: Vec<String>,
}

/// Adds `[preprocessor.studyguide]` and our `additional-css` and
/// `additional-js` entries to the book at `dir`, and writes what every page
/// loads. Running it again changes nothing.
pub fn install(dir: &Path) -> Result<Installed> {
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
    Assets::of_book(dir, &config.book.src).write_base();
    let mut notes = notes;
    let templates = write_templates(dir, &config, true)?;
    if let Some(theme) = &templates.outside {
        notes.push(format!(
            "the theme folder leads out of the book, to {}, so our templates were not written there",
            theme.display()
        ));
    }
    for own in templates.own {
        notes.push(format!(
            "{} is the book's own, so it stays; {}",
            own.display(),
            if own.ends_with("head.hbs") {
                "the not-found page opened from disk will not find the book's files"
            } else {
                "the contents page for readers without script lacks a title, a main landmark and a heading"
            }
        ));
    }
    Ok(Installed { changed, notes })
}

/// What [`write_templates`] did.
#[derive(Debug, Default)]
pub struct Templates {
    pub written: Vec<PathBuf>,
    /// Templates of the book's own by the names of ours: left as they are.
    pub own: Vec<PathBuf>,
    /// Where the theme folder leads, when that is outside the book: nothing
    /// is written there (mdBook may read a theme from anywhere; we write
    /// only inside the book).
    pub outside: Option<PathBuf>,
}

/// Writes our mdBook templates (`embedded::TEMPLATES`) into the book's theme
/// folder over copies of ours that differ (they start with
/// `embedded::TEMPLATE_MARK`), and, with `missing`, where the book has none.
pub fn write_templates(root: &Path, config: &Config, missing: bool) -> Result<Templates> {
    let theme = config.html_config().and_then(|html| html.theme).unwrap_or_else(|| "theme".into());
    let theme = root.join(theme);
    let mut done = Templates::default();
    let mut writing = Vec::new();
    for file in crate::embedded::TEMPLATES {
        let path = theme.join(file.name);
        match std::fs::read(&path) {
            Ok(bytes) if bytes == file.bytes => continue,
            Ok(bytes) if !bytes.starts_with(crate::embedded::TEMPLATE_MARK) => {
                done.own.push(path);
                continue;
            }
            Ok(_) => {}
            Err(_) if !missing => continue,
            Err(_) => {}
        }
        writing.push((path, file.bytes));
    }
    if !writing.is_empty() && !crate::outside::is_inside(root, &theme) {
        done.outside = Some(crate::outside::resolve(&theme));
        return Ok(done);
    }
    for (path, bytes) in writing {
        std::fs::create_dir_all(&theme).with_context(|| format!("could not create {}", theme.display()))?;
        std::fs::write(&path, bytes).with_context(|| format!("could not write {}", path.display()))?;
        done.written.push(path);
    }
    Ok(done)
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
pub fn edit_book_toml(text: &str) -> Result<(String, Vec<String>)> {
    let bom = text.starts_with('\u{feff}');
    let crlf = text.matches("\r\n").count() * 2 > text.matches('\n').count();
    let mut doc: DocumentMut = text.trim_start_matches('\u{feff}').parse()?;
    let mut notes = Vec::new();
    let book_title =
        doc.get("book").and_then(|b| b.get("title")).and_then(|t| t.as_str()).unwrap_or_default().to_owned();

    let (preprocessors, inline) = table(doc.as_table_mut(), false, "preprocessor")?;
    if !preprocessors.contains_key(crate::preprocessor::StudyGuide::NAME) {
        let last_before = inline.then(|| last_key(preprocessors)).flatten();
        let ours = if inline {
            Item::Value(Value::InlineTable(InlineTable::new()))
        } else {
            Item::Table(Table::new())
        };
        preprocessors.insert(crate::preprocessor::StudyGuide::NAME, ours);
        keep_closing_space(preprocessors, last_before);
    }
    // The name learners' progress is kept under: pinned to what the book has
    // now (its title's), so that a new title later keeps their progress.
    match preprocessors.get_mut(crate::preprocessor::StudyGuide::NAME) {
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

/// At build time: a problem when `book.toml` does not list what every page
/// loads (the pages then load it from a script in each chapter with a
/// block, see [`bootstrap`]), naming the command that fixes it.
pub fn check_book_toml(root: &Path, config: &Config) -> Option<Problem> {
    let html = config.html_config().unwrap_or_default();
    let (css, js) = base_entries();
    let listed = |list: &[std::path::PathBuf], entry: &String| list.iter().any(|p| p == Path::new(entry));
    let missing: Vec<&String> = css
        .iter()
        .filter(|e| !listed(&html.additional_css, e))
        .chain(js.iter().filter(|e| !listed(&html.additional_js, e)))
        .collect();
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

/// "a", "a and b", "a, b and c".
fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// For a book whose `book.toml` does not list our files yet (one written
/// for mdbook-mermaid, say): a script put at the top of each chapter with a
/// block loads them, once per page, relative to mdBook's `path_to_root`.
pub fn bootstrap() -> String {
    let (css, js) = base_entries();
    let names = |entries: Vec<String>| {
        let names: Vec<String> =
            entries.iter().map(|e| format!("'{}'", e.rsplit('/').next().unwrap_or(e))).collect();
        names.join(", ")
    };
    format!(
        "<script>(function (d) {{ if (window.StudyGuideBoot) return; window.StudyGuideBoot = true; \
         var root = (typeof path_to_root === 'string' ? path_to_root : '') + 'vendor/'; \
         [{css}].forEach(function (f) {{ var l = d.createElement('link'); l.rel = 'stylesheet'; l.href = root + f; d.head.appendChild(l); }}); \
         d.addEventListener('DOMContentLoaded', function () {{ [{js}].forEach(function (f) {{ var s = d.createElement('script'); s.async = false; s.src = root + f; d.head.appendChild(s); }}); }}); \
         }})(document);</script>\n\n",
        css = names(css),
        js = names(js),
    )
}

/// `init`: a new book in `dir` (which must not hold one), as `mdbook init`
/// makes it, with one example of each of our blocks, installed. All of it
/// or nothing: the book is made and installed in a folder beside `dir`,
/// then moved in. Returns what [`install`] had to say.
pub fn init(dir: &Path, title: &str) -> Result<Vec<String>> {
    if dir.join("book.toml").exists() {
        bail!(
            "{} already holds a book; to add studyguide to it run `{INSTALL} {}`",
            dir.display(),
            dir.display()
        );
    }
    let dir = std::path::absolute(dir).with_context(|| format!("no folder {}", dir.display()))?;
    let files = example_book(title);
    for (path, _) in &files {
        let path = dir.join(path);
        if path.exists() {
            bail!("{} already exists; init writes a new book into an empty folder", path.display());
        }
    }
    let parent =
        dir.parent().with_context(|| format!("init needs a folder for the book, not {}", dir.display()))?;
    std::fs::create_dir_all(parent).with_context(|| format!("could not create {}", parent.display()))?;
    let staging = crate::stopping::TempDir::new(".studyguide-init-", Some(parent))
        .with_context(|| format!("could not make a folder in {}", parent.display()))?;
    for (path, text) in files {
        let path = staging.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(staging.path()))
            .with_context(|| format!("could not create {}", staging.path().display()))?;
        std::fs::write(&path, text).with_context(|| format!("could not write {}", path.display()))?;
    }
    let installed = install(staging.path()).context("the new book could not be made")?;
    if !dir.exists() {
        std::fs::rename(staging.path(), &dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
        // Its folder has a new name: nothing is left to remove.
        let _ = staging.keep();
        return Ok(installed.notes);
    }
    let mut notes = installed.notes;
    move_into(staging.path(), &dir, &mut notes)?;
    Ok(notes)
}

/// Moves every file under `from` to the same place under `to`: none if one
/// is in the way (a template of the book's own stays, and is named in
/// `notes`), and back if a move fails.
fn move_into(from: &Path, to: &Path, notes: &mut Vec<String>) -> Result<()> {
    let mut files = Vec::new();
    let mut folders = vec![from.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("could not read {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path.strip_prefix(from).expect("under the folder read").to_owned());
            }
        }
    }
    files.sort();
    let theme = Path::new("theme");
    let mut moving = Vec::new();
    for file in files {
        let target = to.join(&file);
        if !target.exists() {
            moving.push(file);
        } else if file.starts_with(theme) {
            notes.push(format!("{} is the folder's own, so it stays", target.display()));
        } else {
            bail!("{} already exists; init writes a new book into an empty folder", target.display());
        }
    }
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    for file in &moving {
        let target = to.join(file);
        let result = (|| -> std::io::Result<()> {
            let mut missing = Vec::new();
            let mut folder = target.parent();
            while let Some(f) = folder.filter(|f| !f.exists()) {
                missing.push(f.to_owned());
                folder = f.parent();
            }
            std::fs::create_dir_all(target.parent().unwrap_or(to))?;
            made.extend(missing.into_iter().rev());
            std::fs::rename(from.join(file), &target)
        })();
        if let Err(err) = result {
            for back in moved.iter().rev() {
                let _ = std::fs::rename(to.join(back), from.join(back));
            }
            for folder in made.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            return Err(err).with_context(|| format!("could not move the new book into {}", to.display()));
        }
        moved.push(file.clone());
    }
    Ok(())
}

/// The files of a new book, by path.
/// A name for a new book's learners' progress that no other book has: two
/// books made with the same title still keep apart in one browser.
fn new_book_id(title: &str) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let seed = format!("{title}\0{}\0{}", now.as_nanos(), std::process::id());
    crate::book_identity::from_title(&seed)
}

fn example_book(title: &str) -> Vec<(&'static str, String)> {
    // A TOML string, escaped as TOML escapes (a line break as `\n`).
    let title = Value::from(title).to_string();
    vec![
        (
            "book.toml",
            include_str!("install/book.toml")
                .replace("\"{title}\"", &title)
                .replace("{book-id}", &new_book_id(&title)),
        ),
        (".gitignore", "book\n.studyguide-cache\n".to_owned()),
        ("src/SUMMARY.md", include_str!("install/SUMMARY.md").to_owned()),
        ("src/chapter_1.md", include_str!("install/chapter_1.md").to_owned()),
        ("src/quiz.md", include_str!("install/quiz.md").to_owned()),
        ("src/exam.md", include_str!("install/exam.md").to_owned()),
        ("src/progress.md", include_str!("install/progress.md").to_owned()),
        ("src/review.md", include_str!("install/review.md").to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_book_without_our_entries_is_told_what_to_run() {
        let config: Config = "[book]\ntitle = \"x\"\n".parse().unwrap();
        let problem = check_book_toml(Path::new("/b"), &config).unwrap();
        assert!(!problem.is_error());
        let text = problem.to_string();
        assert!(text.starts_with("/b/book.toml:1:1: "), "{text}");
        assert!(text.contains("\"studyguide/loader.js\"") && text.contains(INSTALL), "{text}");
    }

    #[test]
    fn a_table_that_is_not_a_table_is_an_error() {
        assert!(edit_book_toml("output = 3\n").is_err());
        assert!(edit_book_toml("[output.html]\nadditional-js = \"x.js\"\n").is_err());
        let (inline, _) = edit_book_toml("output = { html = { default-theme = \"rust\" } }\n").unwrap();
        assert!(inline.parse::<Config>().is_ok(), "{inline}");
    }

    #[test]
    fn init_writes_a_book_and_refuses_to_overwrite_one() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), "A \"quoted\" book").unwrap();
        let toml = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
        let config: Config = toml.parse().unwrap();
        assert_eq!(config.book.title.as_deref(), Some("A \"quoted\" book"));
        assert!(check_book_toml(dir.path(), &config).is_none());
        assert!(dir.path().join("studyguide/loader.js").is_file());
        let err = init(dir.path(), "again").unwrap_err().to_string();
        assert!(err.contains("already holds a book") && err.contains(INSTALL), "{err}");
    }

    #[test]
    fn init_takes_any_title() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        init(&book, "a\nb \"c\" \\ \u{7}").unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&book), mode(&book.join("src")), "the book's folder is made as its own folders are");
        let config: Config = std::fs::read_to_string(book.join("book.toml")).unwrap().parse().unwrap();
        assert_eq!(config.book.title.as_deref(), Some("a\nb \"c\" \\ \u{7}"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no folder is left beside it");
    }

    #[test]
    fn init_writes_all_of_the_book_or_nothing() {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("book");
        // Only installing writes this: found in the way after the book is made.
        std::fs::create_dir_all(dir.join("studyguide")).unwrap();
        std::fs::write(dir.join("studyguide/loader.js"), "mine").unwrap();
        let err = init(&dir, "Book").unwrap_err().to_string();
        assert!(err.contains("studyguide/loader.js already exists"), "{err}");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["studyguide"], "nothing of the book is written");
        assert_eq!(std::fs::read_dir(dir.join("studyguide")).unwrap().count(), 1);
        let beside: Vec<_> =
            std::fs::read_dir(outer.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(beside, ["book"], "the folder it was made in is gone");
    }

    #[test]
    fn install_writes_our_templates_where_the_book_has_none_and_leaves_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"x\"\n").unwrap();
        std::fs::create_dir(dir.path().join("theme")).unwrap();
        std::fs::write(dir.path().join("theme/head.hbs"), "<meta name=\"mine\">").unwrap();
        let installed = install(dir.path()).unwrap();
        let toc = std::fs::read(dir.path().join("theme/toc.html.hbs")).unwrap();
        assert!(toc.starts_with(crate::embedded::TEMPLATE_MARK));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("theme/head.hbs")).unwrap(),
            "<meta name=\"mine\">"
        );
        assert!(
            installed.notes.iter().any(|n| n.contains("head.hbs is the book's own")),
            "{:?}",
            installed.notes
        );
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
        assert_eq!(done.written, [dir.path().join("looks/head.hbs")]);
        assert_eq!(
            std::fs::read(dir.path().join("looks/head.hbs")).unwrap(),
            crate::embedded::TEMPLATES[0].bytes
        );
        assert!(!dir.path().join("looks/toc.html.hbs").exists());
        assert!(write_templates(dir.path(), &config, false).unwrap().written.is_empty());
    }
}
