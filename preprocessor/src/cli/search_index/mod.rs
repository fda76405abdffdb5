//! A search index without the quizzes' answers.
//!
//! mdBook indexes every word of a chapter for its search box, a quiz's
//! answers, explanations and answer key included: they must be text in the
//! page, for readers without script and for paper. mdBook has no setting
//! finer than a whole chapter. So after the site is built, the book is
//! preprocessed once more with our blocks for [`Target::SearchIndex`]
//! (questions without answers). The chapters where that left something out
//! are rendered by mdBook's own renderer into a scratch folder, with a page
//! template that is only the chapter, and their sections replace theirs in
//! the site's index, which is then built again (`file.rs`). The index keeps
//! the site's file name, which every page names.
//!
//! A plain `mdbook build` cannot do this: it indexes the answers.
//!
//! [`Target::SearchIndex`]: crate::lifecycle::Target::SearchIndex

mod file;

use crate::preprocessor::{StudyGuide, Withheld};
use anyhow::{Context, Result, bail};
use file::{Document, IndexFile};
use mdbook_driver::MDBook;
use mdbook_html::HtmlHandlebars;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_renderer::{RenderContext, Renderer};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// Takes what searching must not reveal out of the search index that
/// mdBook's HTML renderer wrote for `book`, which `preprocessor` built.
/// Nothing happens when the site has no index or no block of the book
/// leaves anything out.
pub(super) fn leave_out_answers(book: &mut MDBook, preprocessor: &StudyGuide) -> Result<()> {
    let site = book.build_dir_for("html");
    let Some(path) = index_path(&site)? else { return Ok(()) };
    let withheld = Withheld::default();
    book.with_preprocessor(preprocessor.for_search_index(withheld.clone()));
    let preprocessed = book.preprocess_book(&HtmlHandlebars::new());
    book.with_preprocessor(preprocessor.clone());
    let (preprocessed, _) = preprocessed?;
    let chapters = match withheld.lock() {
        Ok(mut chapters) => std::mem::take(&mut *chapters),
        Err(_) => bail!("the search index's preprocessing stopped half-way"),
    };
    if chapters.is_empty() {
        return Ok(());
    }
    let sections = index_chapters(book, only_chapters(&preprocessed, &chapters))?;
    let index = IndexFile::read(&path)?;
    let script = index.script_with(&replace_pages(index.documents()?, sections))?;
    std::fs::write(&path, script).with_context(|| format!("could not write {}", path.display()))
}

/// A book of just these chapters (their paths), flattened. Their section
/// numbers go: mdBook's table of contents reads a number's depth ("1.2.3.")
/// as nesting, and a chapter whose parents are left out would descend two
/// levels at once, which it asserts never happens. The index does not use
/// them (its breadcrumbs are the chapters' names, which stay).
fn only_chapters(book: &Book, paths: &BTreeSet<PathBuf>) -> Book {
    let mut kept = Book::new();
    for item in book.iter() {
        if let BookItem::Chapter(chapter) = item
            && chapter.path.as_ref().is_some_and(|p| paths.contains(p))
        {
            let mut chapter = chapter.clone();
            chapter.sub_items.clear();
            chapter.number = None;
            kept.push_item(chapter);
        }
    }
    kept
}

/// The sections of a book's chapters as mdBook's renderer indexes them
/// (every chapter searchable: which ones the site's index leaves out is
/// [`replace_pages`]'s to keep).
fn index_chapters(book: &MDBook, chapters: Book) -> Result<Vec<Document>> {
    let scratch = crate::stopping::TempDir::new("studyguide-search-", None)
        .context("could not make a folder for the search index")?;
    let theme = scratch.path().join("theme");
    std::fs::create_dir(&theme)?;
    std::fs::write(theme.join("index.hbs"), "{{{ content }}}")?;
    let mut config = book.config.clone();
    config.set("output.html.theme", &theme)?;
    config.set("output.html.print.enable", false)?;
    config.set("output.html.search.enable", true)?;
    config.set("output.html.search.chapter", toml::Table::new())?;
    let out = scratch.path().join("site");
    let cx = RenderContext::new(book.root.clone(), chapters, config, &out);
    HtmlHandlebars::new().render(&cx).context("could not render the book for its search index")?;
    let Some(path) = index_path(&out)? else {
        bail!("mdBook wrote no search index in {}", out.display())
    };
    IndexFile::read(&path)?.documents()
}

/// The site's sections, with those of each page in `sections` replaced by
/// its sections there. A page the site's index leaves out stays out.
fn replace_pages(site: Vec<Document>, sections: Vec<Document>) -> Vec<Document> {
    let indexed: HashSet<&str> = site.iter().map(Document::page).collect();
    let replaced: HashSet<String> =
        sections.iter().map(|s| s.page().to_owned()).filter(|page| indexed.contains(page.as_str())).collect();
    let mut out = Vec::with_capacity(site.len());
    let mut done = HashSet::new();
    for doc in site {
        if !replaced.contains(doc.page()) {
            out.push(doc);
        } else if done.insert(doc.page().to_owned()) {
            out.extend(sections.iter().filter(|s| s.page() == doc.page()).cloned());
        }
    }
    out
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

    /// A book of three chapters, one with a quiz, built as `build` does.
    fn built(book_toml: &str) -> (tempfile::TempDir, MDBook) {
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
        let book = crate::cli::load(dir.path()).unwrap();
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
        let (_dir, book) = built(BOOK_TOML);
        let (script, docs) = index_of(&book);
        assert_eq!(IndexFile::parse(&script).unwrap().script_with(&docs).unwrap(), script);
    }

    #[test]
    fn the_quiz_is_found_by_its_question_and_not_by_its_answer() {
        let (_dir, mut book) = built(BOOK_TOML);
        let (_, before) = index_of(&book);
        leave_out_answers(&mut book, &StudyGuide::new()).unwrap();
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
            before.iter().map(|d| &d.url).collect::<Vec<_>>()
        );
        let crumbs = |docs: &[Document]| {
            docs.iter().map(|d| (d.title.clone(), d.breadcrumbs.clone())).collect::<Vec<_>>()
        };
        assert_eq!(crumbs(&after), crumbs(&before));
    }

    #[test]
    fn a_quiz_page_left_out_of_search_stays_out() {
        let toml = format!("{BOOK_TOML}[output.html.search.chapter]\n\"quiz.md\" = {{ enable = false }}\n");
        let (_dir, mut book) = built(&toml);
        leave_out_answers(&mut book, &StudyGuide::new()).unwrap();
        let (_, docs) = index_of(&book);
        assert!(docs.iter().all(|d| d.page() != "quiz.html"));
        assert!(docs.iter().any(|d| d.page() == "notes.html"));
    }

    #[test]
    fn without_search_nothing_is_done() {
        let (_dir, mut book) = built(&format!("{BOOK_TOML}[output.html.search]\nenable = false\n"));
        leave_out_answers(&mut book, &StudyGuide::new()).unwrap();
        assert!(index_path(&book.build_dir_for("html")).unwrap().is_none());
    }
}
