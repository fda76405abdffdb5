//! The book: its title, its pages and the headings on each, with the ids
//! mdBook gives them, so a block can link to a section and say what it is
//! called, and the slugs that name chapters in ids.

use mdbook_markdown::new_cmark_parser;
use mdbook_markdown::pulldown_cmark::{Event, Tag, TagEnd};
use mdbook_preprocessor::book::{Book, BookItem};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A heading as a reader sees it and the anchor that reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub id: String,
    pub text: String,
}

/// A chapter as SUMMARY.md lists it at the top level, with every page
/// under it: what a learner's progress is counted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Stable across builds: from its path (`serverless-containers`), or its
    /// name for a draft chapter.
    pub slug: String,
    pub title: String,
    /// Its own page, unless it is a draft.
    pub path: Option<PathBuf>,
}

/// The book's title, every chapter's headings, by the chapter's path under
/// `src/`, and the top-level chapter each page belongs to.
#[derive(Debug, Default)]
pub struct Pages {
    title: String,
    pages: HashMap<PathBuf, Vec<Heading>>,
    chapters: Vec<Chapter>,
    chapter_of: HashMap<PathBuf, usize>,
}

impl Pages {
    /// The pages of `book`, whose title is `title`.
    pub fn of_book(book: &Book, title: &str) -> Pages {
        let mut out = Pages { title: title.to_owned(), ..Pages::default() };
        for item in &book.items {
            let BookItem::Chapter(top) = item else { continue };
            let slug = match &top.path {
                Some(path) => {
                    let dir = path.parent().filter(|d| !d.as_os_str().is_empty() && is_index(path));
                    slug(dir.unwrap_or(&path.with_extension("")))
                }
                None => slug(Path::new(&top.name)),
            };
            out.chapters.push(Chapter { slug, title: top.name.clone(), path: top.path.clone() });
            out.add(item, out.chapters.len() - 1);
        }
        out
    }

    fn add(&mut self, item: &BookItem, chapter: usize) {
        let BookItem::Chapter(page) = item else { return };
        if let Some(path) = &page.path {
            self.pages.insert(path.clone(), headings(&page.content));
            self.chapter_of.insert(path.clone(), chapter);
        }
        for sub in &page.sub_items {
            self.add(sub, chapter);
        }
    }

    /// The book's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The headings of a page, if the book has it.
    pub fn headings(&self, path: &Path) -> Option<&[Heading]> {
        self.pages.get(path).map(Vec::as_slice)
    }

    /// The top-level chapters, in book order.
    pub fn chapters(&self) -> &[Chapter] {
        &self.chapters
    }

    /// The top-level chapter a page is in (itself, for a top-level page).
    pub fn chapter_of(&self, page: &Path) -> Option<&Chapter> {
        self.chapter_index(page).map(|n| &self.chapters[n])
    }

    /// The place in [`Pages::chapters`] of the chapter a page is in.
    pub fn chapter_index(&self, page: &Path) -> Option<usize> {
        self.chapter_of.get(page).copied()
    }

    /// The link from page `from` to page `to` (both `.md` under `src/`) and
    /// an anchor on it, as the built site needs it: `../iam.html#roles`.
    pub fn href(from: &Path, to: &Path, anchor: &str) -> String {
        let from_dir: Vec<_> = from.parent().map(|d| d.components().collect()).unwrap_or_default();
        let target = html_path(to);
        let to_parts: Vec<_> = target.components().collect();
        let shared = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
        let mut out = String::new();
        for _ in shared..from_dir.len() {
            out.push_str("../");
        }
        let rest: Vec<String> =
            to_parts[shared..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        out.push_str(&rest.join("/"));
        if !anchor.is_empty() {
            out.push('#');
            out.push_str(anchor);
        }
        out
    }

    /// The page a link written in `from` points at: `lambda.md#x` in
    /// `serverless-containers/quiz.md` is `serverless-containers/lambda.md`.
    pub fn resolve(from: &Path, link: &str) -> PathBuf {
        let base = from.parent().unwrap_or(Path::new(""));
        let mut out = PathBuf::new();
        for part in base.join(link).components() {
            match part {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(name) => out.push(name),
                _ => {}
            }
        }
        out
    }
}

/// `serverless-containers/quiz` → `serverless-containers-quiz`.
pub(crate) fn slug(path: &Path) -> String {
    let text = path.to_string_lossy().to_lowercase();
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// `lambda.md` → `lambda.html`; a `README.md` is written as `index.html`.
pub(crate) fn html_path(page: &Path) -> PathBuf {
    let stem = page.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = if stem.eq_ignore_ascii_case("readme") { "index".to_owned() } else { stem };
    page.with_file_name(format!("{stem}.html"))
}

fn is_index(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("index") || s.eq_ignore_ascii_case("readme"))
}

/// The headings of a chapter, with the ids mdBook 0.5 gives them: an
/// explicit `{#id}`, or the text lowercased with spaces as `-` and other
/// punctuation dropped, numbered `-1`, `-2`… when repeated.
pub(crate) fn headings(markdown: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut used = HashSet::new();
    let mut open: Option<(Option<String>, String)> = None;
    for event in new_cmark_parser(markdown, &Default::default()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => open = Some((id.map(|i| i.to_string()), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = open.take() {
                    let id = id.unwrap_or_else(|| id_from_text(&text));
                    found.push(Heading { id: unique(id, &mut used), text: text.trim().to_owned() });
                }
            }
            _ => {}
        }
    }
    found
}

fn id_from_text(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
            c if c.is_whitespace() => Some('-'),
            _ => None,
        })
        .collect()
}

fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    (1..).map(|n| format!("{id}-{n}")).find(|candidate| used.insert(candidate.clone())).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_ones_mdbook_writes() {
        let found = headings(
            "# AWS Lambda\n\n## 1.6 Concurrency: reserved & provisioned\n\n### Deploying `code` {#deploying}\n\n## 1.6 Concurrency: reserved & provisioned\n",
        );
        let ids: Vec<&str> = found.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "aws-lambda",
                "16-concurrency-reserved--provisioned",
                "deploying",
                "16-concurrency-reserved--provisioned-1"
            ]
        );
        assert_eq!(found[2].text, "Deploying code");
    }

    #[test]
    fn links_resolve_against_the_page_they_are_on() {
        let from = Path::new("serverless-containers/quiz.md");
        assert_eq!(Pages::resolve(from, "lambda.md"), Path::new("serverless-containers/lambda.md"));
        assert_eq!(
            Pages::resolve(from, "../security-compliance/iam.md"),
            Path::new("security-compliance/iam.md")
        );
        assert_eq!(Pages::resolve(Path::new("intro.md"), "./a/b.md"), Path::new("a/b.md"));
    }

    #[test]
    fn hrefs_between_pages_are_relative_to_the_page_they_are_on() {
        let href = |from: &str, to: &str, anchor| Pages::href(Path::new(from), Path::new(to), anchor);
        assert_eq!(
            href("exam.md", "serverless-containers/lambda.md", "timeout"),
            "serverless-containers/lambda.html#timeout"
        );
        assert_eq!(href("practice/exam.md", "a/quiz.md", ""), "../a/quiz.html");
        assert_eq!(href("a/quiz.md", "a/README.md", ""), "index.html");
        assert_eq!(href("a/b/c.md", "a/d.md", "x"), "../d.html#x");
    }

    #[test]
    fn every_page_belongs_to_its_top_level_chapter() {
        use mdbook_preprocessor::book::Chapter as BookChapter;
        let mut top = BookChapter::new(
            "Serverless & Containers",
            "# S".into(),
            "serverless-containers/index.md",
            vec![],
        );
        top.sub_items.push(BookItem::Chapter(BookChapter::new(
            "Quiz",
            "# Q".into(),
            "serverless-containers/quiz.md",
            vec![],
        )));
        let intro = BookChapter::new("Introduction", "# I".into(), "introduction.md", vec![]);
        let mut book = Book::new();
        book.items = vec![BookItem::Chapter(intro), BookItem::Chapter(top)];
        let pages = Pages::of_book(&book, "Guide");
        let chapter = pages.chapter_of(Path::new("serverless-containers/quiz.md")).unwrap();
        assert_eq!(
            (chapter.slug.as_str(), chapter.title.as_str()),
            ("serverless-containers", "Serverless & Containers")
        );
        assert_eq!(pages.chapter_of(Path::new("introduction.md")).unwrap().slug, "introduction");
        assert_eq!(pages.chapters().len(), 2);
        assert_eq!(pages.title(), "Guide");
    }
}
