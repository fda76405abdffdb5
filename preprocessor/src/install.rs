//! Putting the preprocessor into a book: `install` edits its `book.toml`
//! (with `toml_edit`, so comments, order and other preprocessors stay as
//! they are), `init` makes a new book with an example of every block, and
//! every build checks that `book.toml` still loads what this binary writes.

use crate::assets::{Assets, BASE_DIR, base_entries};
use crate::problem::{Location, Problem};
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::config::Config;
use std::path::{Path, PathBuf};
use toml_edit::{Array, DocumentMut, Item, Table, Value};

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
    let changed = edited != text;
    if changed {
        std::fs::write(&path, &edited).with_context(|| format!("could not write {}", path.display()))?;
    }
    let config: Config = edited.parse().with_context(|| format!("mdBook cannot read {}", path.display()))?;
    Assets::of_book(dir, &config.book.src).write_base();
    let mut notes = notes;
    for own in write_templates(dir, &config, true)?.own {
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
}

/// Writes our mdBook templates (`embedded::TEMPLATES`) into the book's theme
/// folder over copies of ours that differ (they start with
/// `embedded::TEMPLATE_MARK`), and, with `missing`, where the book has none.
pub fn write_templates(root: &Path, config: &Config, missing: bool) -> Result<Templates> {
    let theme = config.html_config().and_then(|html| html.theme).unwrap_or_else(|| "theme".into());
    let theme = root.join(theme);
    let mut done = Templates::default();
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
        std::fs::create_dir_all(&theme).with_context(|| format!("could not create {}", theme.display()))?;
        std::fs::write(&path, file.bytes).with_context(|| format!("could not write {}", path.display()))?;
        done.written.push(path);
    }
    Ok(done)
}

/// `book.toml` with our table and entries; what else it holds is kept
/// byte for byte.
pub fn edit_book_toml(text: &str) -> Result<(String, Vec<String>)> {
    let mut doc: DocumentMut = text.parse()?;
    let mut notes = Vec::new();

    let preprocessors = table(doc.as_table_mut(), "preprocessor")?;
    if !preprocessors.contains_key(crate::preprocessor::StudyGuide::NAME) {
        preprocessors.insert(crate::preprocessor::StudyGuide::NAME, Item::Table(Table::new()));
    }
    if preprocessors.contains_key("mermaid") {
        notes.push(
            "book.toml also runs [preprocessor.mermaid], which turns ```mermaid blocks into its own markup \
             before studyguide sees them: remove that table to have studyguide draw them"
                .to_owned(),
        );
    }

    let output = table(doc.as_table_mut(), "output")?;
    let html = table(output, "html")?;
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
    Ok((doc.to_string(), notes))
}

/// The table `key` of `parent`, created (as a parent of tables only) when
/// missing.
fn table<'a>(parent: &'a mut Table, key: &str) -> Result<&'a mut Table> {
    let item = parent.entry(key).or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    if let Item::Value(Value::InlineTable(inline)) = item {
        *item = Item::Table(std::mem::take(inline).into_table());
    }
    item.as_table_mut().with_context(|| format!("`{key}` in book.toml is not a table"))
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
/// makes it, with one example of each of our blocks, installed.
pub fn init(dir: &Path, title: &str) -> Result<()> {
    if dir.join("book.toml").exists() {
        bail!(
            "{} already holds a book; to add studyguide to it run `{INSTALL} {}`",
            dir.display(),
            dir.display()
        );
    }
    let files = example_book(title);
    for (path, _) in &files {
        let path = dir.join(path);
        if path.exists() {
            bail!("{} already exists; init writes a new book into an empty folder", path.display());
        }
    }
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .with_context(|| format!("could not create {}", dir.display()))?;
        std::fs::write(&path, text).with_context(|| format!("could not write {}", path.display()))?;
    }
    install(dir).map(|_| ())
}

/// The files of a new book, by path.
fn example_book(title: &str) -> Vec<(&'static str, String)> {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    vec![
        ("book.toml", include_str!("install/book.toml").replace("{title}", &title)),
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
