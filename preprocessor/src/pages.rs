//! The book's pages and the headings on each, with the ids mdBook gives
//! them, so a block can link to a section and say what it is called.

use mdbook_markdown::new_cmark_parser;
use mdbook_markdown::pulldown_cmark::{Event, Tag, TagEnd};
use mdbook_preprocessor::book::Book;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A heading as a reader sees it and the anchor that reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub id: String,
    pub text: String,
}

/// Every chapter's headings, by the chapter's path under `src/`.
#[derive(Debug, Default)]
pub struct Pages {
    pages: HashMap<PathBuf, Vec<Heading>>,
}

impl Pages {
    pub fn of_book(book: &Book) -> Pages {
        let mut pages = HashMap::new();
        for chapter in book.chapters() {
            if let Some(path) = &chapter.path {
                pages.insert(path.clone(), headings(&chapter.content));
            }
        }
        Pages { pages }
    }

    /// The headings of a page, if the book has it.
    pub fn headings(&self, path: &Path) -> Option<&[Heading]> {
        self.pages.get(path).map(Vec::as_slice)
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

/// The headings of a chapter, with the ids mdBook 0.5 gives them: an
/// explicit `{#id}`, or the text lowercased with spaces as `-` and other
/// punctuation dropped, numbered `-1`, `-2`… when repeated.
pub fn headings(markdown: &str) -> Vec<Heading> {
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
}
