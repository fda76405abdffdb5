//! A search index without the quizzes' answers.
//!
//! mdBook indexes every word of a chapter for its search box, a quiz's
//! answers, explanations and answer key included: they must be text in the
//! page, for readers without script and for paper. mdBook has no setting
//! finer than a whole chapter. So the site is rendered by [`SiteRenderer`],
//! mdBook's HTML renderer with the chapters that leave something out of the
//! index (our preprocessor hands them over, rendered as the index gets them,
//! from the same run) turned off in its `[output.html.search.chapter]`
//! settings. Those chapters are then rendered by mdBook's own renderer into
//! a scratch folder, with a page template that is only the chapter, and
//! their sections take their places in the site's index, whose word lists
//! are built again (`file.rs`). The index keeps the site's file name, which
//! every page names.
//!
//! A plain `mdbook build` cannot do this: it indexes the answers.

mod file;

use crate::preprocessor::Withheld;
use anyhow::{Context, Result, bail};
use file::{Document, IndexFile};
use mdbook_driver::MDBook;
use mdbook_html::HtmlHandlebars;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Search;
use mdbook_renderer::{RenderContext, Renderer};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// mdBook's HTML renderer, whose search index leaves out what our blocks
/// withhold from it, and whose not-found page loads its files from wherever
/// it is opened (`not_found.rs`). It takes the place of mdBook's own `html` renderer in
/// a book our preprocessor runs in-process for ([`use_for`]).
pub(super) struct SiteRenderer {
    withheld: Withheld,
}

impl SiteRenderer {
    /// A renderer that indexes the chapters `withheld` holds when it runs,
    /// as they are there.
    pub(super) fn new(withheld: Withheld) -> Self {
        SiteRenderer { withheld }
    }
}

/// Renders `book`'s site with [`SiteRenderer`] when mdBook would render HTML
/// (an `[output.html]` table, or no output table at all).
pub(super) fn use_for(book: &mut MDBook, withheld: Withheld) -> Result<()> {
    let outputs = book.config.outputs::<toml::Value>()?;
    if outputs.is_empty() || outputs.contains_key("html") {
        book.with_renderer(SiteRenderer::new(withheld));
    }
    Ok(())
}

impl Renderer for SiteRenderer {
    fn name(&self) -> &str {
        "html"
    }

    fn render(&self, ctx: &RenderContext) -> Result<()> {
        self.render_site(ctx)?;
        // A book that has not installed us builds as plain mdBook builds it.
        if crate::assets::missing_entries(&ctx.config).is_empty() {
            super::not_found::make_portable(&ctx.destination)?;
        }
        Ok(())
    }
}

impl SiteRenderer {
    /// mdBook's site, with the search index described above.
    fn render_site(&self, ctx: &RenderContext) -> Result<()> {
        let mut pages = match self.withheld.lock() {
            Ok(mut pages) => std::mem::take(&mut *pages),
            Err(_) => bail!("the search index's chapters were left half-written"),
        };
        let search = ctx.config.html_config().unwrap_or_default().search.unwrap_or_default();
        if pages.is_empty() || !search.enable {
            return HtmlHandlebars::new().render(ctx);
        }
        // The chapters mdBook would index, as the index gets them; mdBook
        // indexes none of them itself.
        let chapters = chapters_of(&ctx.book, &pages);
        let settings = chapter_settings(&search);
        let mut config = ctx.config.clone();
        let mut table: toml::Table = config.get("output.html.search.chapter")?.unwrap_or_default();
        let mut indexed = BTreeMap::new();
        for chapter in &chapters {
            let key = settings_path(chapter);
            if is_indexed(&settings, key)
                && let Some(path) = &chapter.path
                && let Some(content) = pages.remove(path)
            {
                indexed.insert(path.clone(), content);
            }
            let mut off = toml::Table::new();
            off.insert("enable".into(), false.into());
            table.insert(key.to_string_lossy().into_owned(), off.into());
        }
        config.set("output.html.search.chapter", table)?;
        let mut site = RenderContext::new(ctx.root.clone(), ctx.book.clone(), config, &ctx.destination);
        site.chapter_titles.clone_from(&ctx.chapter_titles);
        HtmlHandlebars::new().render(&site)?;
        if indexed.is_empty() {
            return Ok(());
        }
        let Some(path) = index_path(&ctx.destination)? else { return Ok(()) };
        let sections = index_chapters(ctx, only_chapters(&ctx.book, &indexed))?;
        let index = IndexFile::read(&path)?;
        let documents = in_book_order(&ctx.book, index.documents()?, sections);
        let script = index.script_with(&documents)?;
        write_index(&ctx.destination, &path, &script)
    }
}

/// Writes the index over the one mdBook wrote at `path`. A name mdBook
/// hashed (`hash-files`, `searchindex-1a2b3c4d.js`) is hashed again from
/// what it now holds, as mdBook hashes it, so that a browser that kept the
/// old one asks for this one; the pages and the search script that name it
/// are changed to name the new one.
fn write_index(site: &Path, path: &Path, script: &str) -> Result<()> {
    let write =
        |to: &Path| std::fs::write(to, script).with_context(|| format!("could not write {}", to.display()));
    let old = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let hashed = old.strip_prefix("searchindex-").and_then(|rest| rest.strip_suffix(".js"));
    if !hashed.is_some_and(|hash| hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())) {
        return write(path);
    }
    let new = format!("searchindex-{}.js", content_hash(script.as_bytes()));
    if new == old {
        return write(path);
    }
    write(&site.join(&new))?;
    std::fs::remove_file(path).with_context(|| format!("could not remove {}", path.display()))?;
    rename_in(site, &old, &new)
}

/// mdBook's hash of a file it names by its content: the first four bytes
/// of its SHA-256, in hex.
fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces `old` with `new` in the site's pages and in the search script
/// (`searcher-….js`, which names the index for pages that do not).
fn rename_in(dir: &Path, old: &str, new: &str) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            rename_in(&path, old, new)?;
        } else if name.ends_with(".html") || (name.starts_with("searcher") && name.ends_with(".js")) {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("could not read {}", path.display()))?;
            if text.contains(old) {
                std::fs::write(&path, text.replace(old, new))
                    .with_context(|| format!("could not write {}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// The chapters of `book` that `pages` has, in book order.
fn chapters_of<'a>(book: &'a Book, pages: &BTreeMap<PathBuf, String>) -> Vec<&'a Chapter> {
    book.chapters().filter(|c| c.path.as_ref().is_some_and(|p| pages.contains_key(p))).collect()
}

/// The path mdBook matches `[output.html.search.chapter]` keys against.
fn settings_path(chapter: &Chapter) -> &Path {
    chapter.source_path.as_deref().or(chapter.path.as_deref()).unwrap_or(Path::new(""))
}

/// `[output.html.search.chapter]`, sorted by path as mdBook sorts it.
fn chapter_settings(search: &Search) -> Vec<(PathBuf, Option<bool>)> {
    let mut settings: Vec<_> = search.chapter.iter().map(|(k, v)| (PathBuf::from(k), v.enable)).collect();
    settings.sort_by(|a, b| a.0.cmp(&b.0));
    settings
}

/// Whether mdBook indexes the chapter at `path`: the setting of the longest
/// key it starts with, as mdBook's `get_chapter_settings` decides.
fn is_indexed(settings: &[(PathBuf, Option<bool>)], path: &Path) -> bool {
    let mut enable = None;
    for (key, setting) in settings {
        if path.starts_with(key) {
            enable = setting.or(enable);
        }
    }
    enable.unwrap_or(true)
}

/// The site's sections with each indexed page's sections in its place in
/// the book: the site's index has every other page, in the book's order.
fn in_book_order(book: &Book, site: Vec<Document>, mut sections: Vec<Document>) -> Vec<Document> {
    let mut by_page: HashMap<String, Vec<Document>> = HashMap::new();
    for doc in site.into_iter().chain(sections.drain(..)) {
        by_page.entry(doc.page().to_owned()).or_default().push(doc);
    }
    let mut out = Vec::new();
    for chapter in book.chapters() {
        let Some(path) = &chapter.path else { continue };
        if let Some(docs) = by_page.remove(&page_url(path)) {
            out.extend(docs);
        }
    }
    out
}

/// The address mdBook gives a chapter's page in its index: `a/b.html`.
fn page_url(path: &Path) -> String {
    let html = path.with_extension("html");
    html.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A book of just these chapters (their paths), flattened, each with the
/// content given. Their section numbers go: mdBook's table of contents
/// reads a number's depth ("1.2.3.") as nesting, and a chapter whose
/// parents are left out would descend two levels at once, which it asserts
/// never happens. The index does not use them (its breadcrumbs are the
/// chapters' names, which stay).
fn only_chapters(book: &Book, contents: &BTreeMap<PathBuf, String>) -> Book {
    let mut kept = Book::new();
    for item in book.iter() {
        if let BookItem::Chapter(chapter) = item
            && let Some(content) = chapter.path.as_ref().and_then(|p| contents.get(p))
        {
            let mut chapter = Chapter { sub_items: Vec::new(), number: None, ..chapter.clone() };
            chapter.content.clone_from(content);
            kept.push_item(chapter);
        }
    }
    kept
}

/// The sections of a book's chapters as mdBook's renderer indexes them
/// (every chapter searchable: which ones the site's index leaves out is
/// [`replace_pages`]'s to keep).
fn index_chapters(site: &RenderContext, chapters: Book) -> Result<Vec<Document>> {
    let scratch = crate::stopping::TempDir::new("studyguide-search-", None)
        .context("could not make a folder for the search index")?;
    let theme = scratch.path().join("theme");
    std::fs::create_dir(&theme)?;
    std::fs::write(theme.join("index.hbs"), "{{{ content }}}")?;
    let mut config = site.config.clone();
    config.set("output.html.theme", &theme)?;
    config.set("output.html.print.enable", false)?;
    config.set("output.html.search.enable", true)?;
    config.set("output.html.search.chapter", toml::Table::new())?;
    let out = scratch.path().join("site");
    let cx = RenderContext::new(site.root.clone(), chapters, config, &out);
    // This second render is ours, not the reader's: what it would log (where
    // it wrote, a temporary folder; the book's own warnings again) is not.
    tracing::subscriber::with_default(tracing::subscriber::NoSubscriber::default(), || {
        HtmlHandlebars::new().render(&cx)
    })
    .context("could not render the book for its search index")?;
    let Some(path) = index_path(&out)? else {
        bail!("mdBook wrote no search index in {}", out.display())
    };
    IndexFile::read(&path)?.documents()
}

/// `searchindex-<hash>.js` (or `searchindex.js`) in a site, if mdBook wrote
/// one.
fn index_path(site: &Path) -> Result<Option<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(site) else { return Ok(None) };
    let mut found = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("searchindex") && name.ends_with(".js") {
            found.push(site.join(&*name));
        }
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => bail!("{} holds more than one search index: {found:?}", site.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIZ: &str = "# Quiz\n\nCheck what you know.\n\n```quiz\n[[question]]\nprompt = \"Which service runs containers without servers?\"\nchoices = [\"Fargate\", \"Glacier\"]\nanswer = \"A\"\nexplanation = \"Serverlessly orchestrated compute.\"\n```\n";

    /// A book of three chapters, one with a quiz, built as `build` does, or
    /// (`plain`) with our preprocessor and mdBook's own renderer.
    fn built(book_toml: &str, plain: bool) -> (tempfile::TempDir, MDBook) {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir(&src).unwrap();
        std::fs::write(dir.path().join("book.toml"), book_toml).unwrap();
        std::fs::write(
            src.join("SUMMARY.md"),
            "- [Part](intro.md)\n  - [Quiz](quiz.md)\n    - [Notes](notes.md)\n",
        )
        .unwrap();
        std::fs::write(
            src.join("intro.md"),
            "# Intro\n\nFargate runs containers.\n\n## More\n\nGlacier keeps archives.\n",
        )
        .unwrap();
        std::fs::write(src.join("quiz.md"), QUIZ).unwrap();
        std::fs::write(src.join("notes.md"), "# Notes\n\nA note under the quiz.\n").unwrap();
        let book = if plain {
            let mut book = MDBook::load(dir.path()).unwrap();
            book.with_preprocessor(crate::StudyGuide::default());
            book
        } else {
            crate::cli::load(dir.path()).unwrap()
        };
        book.build().unwrap();
        (dir, book)
    }

    fn index_of(book: &MDBook) -> (String, Vec<Document>) {
        let path = index_path(&book.build_dir_for("html")).unwrap().unwrap();
        let script = std::fs::read_to_string(path).unwrap();
        let docs = IndexFile::parse(&script).unwrap().documents().unwrap();
        (script, docs)
    }

    const BOOK_TOML: &str = "[book]\ntitle = \"T\"\n[preprocessor.studyguide]\n";

    #[test]
    fn built_again_from_its_documents_the_index_is_mdbooks_to_the_byte() {
        let (_dir, book) = built(BOOK_TOML, true);
        let (script, docs) = index_of(&book);
        assert_eq!(IndexFile::parse(&script).unwrap().script_with(&docs).unwrap(), script);
    }

    #[test]
    fn the_quiz_is_found_by_its_question_and_not_by_its_answer() {
        let (_plain_dir, plain) = built(BOOK_TOML, true);
        let (_, before) = index_of(&plain);
        let (_dir, book) = built(BOOK_TOML, false);
        let (script, after) = index_of(&book);
        let quiz = |docs: &[Document]| docs.iter().find(|d| d.page() == "quiz.html").unwrap().body.clone();
        assert!(quiz(&before).contains("Serverlessly"), "{}", quiz(&before));
        let body = quiz(&after);
        assert!(
            body.contains("Which service runs containers without servers? A) Fargate B) Glacier"),
            "{body}"
        );
        assert!(body.contains("Check what you know."), "{body}");
        assert!(!body.contains("Serverlessly") && !body.contains("Answer"), "{body}");
        assert!(!script.contains("serverless"), "the word list holds the explanation's word");
        let others =
            |docs: &[Document]| docs.iter().filter(|d| d.page() != "quiz.html").cloned().collect::<Vec<_>>();
        assert_eq!(others(&after), others(&before));
        assert_eq!(
            after.iter().map(|d| &d.url).collect::<Vec<_>>(),
            before.iter().map(|d| &d.url).collect::<Vec<_>>(),
            "every section in the book's order"
        );
        let crumbs = |docs: &[Document]| {
            docs.iter().map(|d| (d.title.clone(), d.breadcrumbs.clone())).collect::<Vec<_>>()
        };
        assert_eq!(crumbs(&after), crumbs(&before));
    }

    #[test]
    fn a_quiz_page_left_out_of_search_stays_out() {
        for settings in [
            "\"quiz.md\" = { enable = false }",
            "\"\" = { enable = false }\n\"notes.md\" = { enable = true }",
        ] {
            let toml = format!("{BOOK_TOML}[output.html.search.chapter]\n{settings}\n");
            let (_dir, book) = built(&toml, false);
            let (_, docs) = index_of(&book);
            assert!(docs.iter().all(|d| d.page() != "quiz.html"), "{settings}");
            assert!(docs.iter().any(|d| d.page() == "notes.html"), "{settings}");
        }
    }

    #[test]
    fn chapter_settings_are_read_as_mdbook_reads_them() {
        let search: Search = toml::from_str(
            "[chapter]\n\"cli/watch.md\" = { enable = true }\n\"cli\" = { enable = false }\n\"cli/inner/foo.md\" = { enable = false }\n\"\" = { enable = true }\n",
        )
        .unwrap();
        let settings = chapter_settings(&search);
        for (path, indexed) in [
            ("index.md", true),
            ("cli/watch.md", true),
            ("cli/index.md", false),
            ("cli/inner/index.md", false),
            ("cli/inner/foo/index.md", false),
            ("cli/inner/foo.md", false),
        ] {
            assert_eq!(is_indexed(&settings, Path::new(path)), indexed, "{path}");
        }
        assert!(is_indexed(&[], Path::new("a.md")));
    }

    #[test]
    fn the_index_is_named_by_what_it_holds_and_every_page_names_it() {
        let (_dir, book) = built(BOOK_TOML, false);
        let site = book.build_dir_for("html");
        let path = index_path(&site).unwrap().unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let script = std::fs::read(&path).unwrap();
        assert_eq!(name, format!("searchindex-{}.js", content_hash(&script)));
        for page in ["index.html", "intro.html", "quiz.html", "notes.html", "print.html"] {
            let html = std::fs::read_to_string(site.join(page)).unwrap();
            assert!(html.contains(&name), "{page} names {name}");
        }
        let (_plain_dir, plain) = built(BOOK_TOML, true);
        let plain_path = index_path(&plain.build_dir_for("html")).unwrap().unwrap();
        let plain_script = std::fs::read(&plain_path).unwrap();
        assert_eq!(
            plain_path.file_name().unwrap().to_string_lossy(),
            format!("searchindex-{}.js", content_hash(&plain_script)),
            "mdBook names its index so"
        );
    }

    #[test]
    fn without_search_nothing_is_indexed() {
        let (_dir, book) = built(&format!("{BOOK_TOML}[output.html.search]\nenable = false\n"), false);
        assert!(index_path(&book.build_dir_for("html")).unwrap().is_none());
    }
}
