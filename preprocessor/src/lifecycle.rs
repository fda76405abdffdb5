//! The life cycle every kind of block goes through, and what the kinds share.
//!
//! A block kind is one folder (`quiz/`, `limits/`, `diagram/`) holding a
//! [`Kind`] and its [`Block`]s, registered once in [`crate::kinds`]. The
//! driver (`crate::transform`) takes every block of the book through the same
//! stages, in book order, without knowing what any kind is:
//!
//! 1. **parse** ([`Kind::parse`]): the block body into the kind's own block,
//!    with every problem found in it;
//! 2. **index** ([`Block::index`]): what the block defines goes into the
//!    book-wide [`Index`] (limits by id, question ids, diagrams to draw);
//! 3. **prepare** ([`Kind::prepare`]): once, with the whole book indexed
//!    (every diagram drawn in one batch);
//! 4. **resolve** ([`Block::resolve`]): references, citations and anything
//!    else checked against the index; a block resolved without problems then
//!    **publishes** ([`Block::publish`]) what it made (a quiz its rendered
//!    questions). Blocks of a kind that [`gathers`](Kind::gathers) resolve
//!    after every other block has published (an exam drawn from every quiz);
//! 5. **files** ([`Block::files`], [`Kind::files`]): what a block or kind
//!    made for the pages (a bank of questions, mermaid for the browser) is
//!    returned, and the build writes it; no stage writes a file;
//! 6. **render** ([`Block::render_html`], [`Block::render_markdown`]).
//!
//! Resolving also sees the book's pages and their headings
//! ([`crate::pages::Pages`], [`ResolveCx::pages`]), for blocks that link to
//! a section.
//!
//! A block with problems is shown as an error box (`on-failure =
//! "continue"`) or fails the build; the driver decides, the kinds only report.

use crate::blocks::FencedBlock;
use crate::browser::{BrowserModule, PageFile};
use crate::html::Markup;
use crate::markdown::MarkdownStyle;
use crate::pages::Pages;
use crate::problem::{Problem, SourceMap};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// What the chapters are rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// mdBook's HTML renderer: interactive widgets.
    Html,
    /// The same HTML for mdBook's search index alone, less what searching
    /// must not reveal (a quiz's answers). Nothing is written to disk.
    SearchIndex,
    /// Any other renderer: plain Markdown that reads well anywhere.
    Markdown,
}

impl Target {
    /// Whether chapters become HTML (for the site or its search index).
    pub fn is_html(self) -> bool {
        matches!(self, Target::Html | Target::SearchIndex)
    }

    /// Whether this run writes the files pages load: only the site's.
    pub fn writes_files(self) -> bool {
        self == Target::Html
    }
}

/// One kind of fenced block, alive for one run over the book.
pub trait Kind {
    /// The info string that opens its blocks: `quiz` for ```` ```quiz ````.
    fn fence(&self) -> &'static str;

    /// Parses a block body. A block comes back whenever there is one to index,
    /// even with problems (a broken quiz's ids still count for clashes).
    fn parse(&self, body: &str, cx: &BlockCx) -> Parsed;

    /// Whether its blocks are made from what other blocks publish, and so
    /// resolve after all of those (see [`Block::publish`]).
    fn gathers(&self) -> bool {
        false
    }

    /// Book-wide work once every block is indexed, before any is resolved.
    fn prepare(&mut self, _index: &mut Index, _target: Target) {}

    /// Whether its blocks leave something out of mdBook's search index (see
    /// [`Block::render_search_html`]).
    fn leaves_out_of_search(&self) -> bool {
        false
    }

    /// What its blocks run in the browser: the module their roots name in
    /// `data-sg-module` (`crate::browser`). None for a kind that needs none.
    fn browser(&self) -> Option<&'static BrowserModule> {
        None
    }

    /// The files the kind made for the pages, once every block is resolved:
    /// the diagram's mermaid, when a diagram is left to the browser. The
    /// build writes them (a block's own come from [`Block::files`]).
    fn files(&mut self) -> Vec<PageFile> {
        Vec::new()
    }

    /// What the kind has to say about the whole book, for `check`.
    fn summary(&self, _index: &Index) -> Option<String> {
        None
    }

    /// The keys under which a learner's browser keeps what this kind's
    /// blocks saved (`quiz:lambda-max-timeout`, without the book's prefix):
    /// what an older version kept under keys shared by every book is taken
    /// over by the book that lists them.
    fn stored_keys(&self, _index: &Index) -> Vec<String> {
        Vec::new()
    }

    /// The name of the `{{name …}}` references this kind expands, if any.
    fn reference(&self) -> Option<&'static str> {
        None
    }

    /// Expands a reference's argument (`lambda.timeout max`).
    fn expand(&self, argument: &str, _index: &Index) -> Result<String, Problem> {
        Err(Problem::new(0..argument.len(), format!("`{}` blocks define no references", self.fence())))
    }

    /// Expands a reference written in a chapter's prose, as the page shows
    /// it: for HTML it may be inline markup around the text (a limit's value
    /// in a span its table's practice mode can mask). Text in other blocks
    /// (a quiz's prompt) gets [`Kind::expand`].
    fn expand_in_prose(&self, argument: &str, index: &Index, _target: Target) -> Result<String, Problem> {
        self.expand(argument, index)
    }
}

/// What [`Kind::parse`] found.
pub struct Parsed {
    /// The block, when there is one to index.
    pub block: Option<Box<dyn Block>>,
    /// Spans are bytes of the block body.
    pub problems: Vec<Problem>,
}

impl Parsed {
    /// What parsing found: the block, if any, and its problems.
    pub fn new(block: Option<Box<dyn Block>>, problems: Vec<Problem>) -> Self {
        Parsed { block, problems }
    }
}

/// One parsed block. Problems it reports have spans in its body.
pub trait Block {
    /// Adds what the block defines to the book-wide index.
    fn index(&self, _cx: &BlockCx, _index: &mut Index, _problems: &mut Vec<Problem>) {}

    /// Checks the block against the whole book and gets it ready to render.
    fn resolve(&mut self, _cx: &ResolveCx, _problems: &mut Vec<Problem>) {}

    /// After resolving without problems: adds what the block made to the
    /// index, for the kinds that [gather](Kind::gathers) it.
    fn publish(&self, _cx: &BlockCx, _index: &mut Index) {}

    /// The files the block made for its page (a gathering page's bank of
    /// questions), taken once it is resolved. No block writes a file: the
    /// build writes what the blocks and kinds return, in one place.
    fn files(&mut self) -> Vec<PageFile> {
        Vec::new()
    }

    /// Whether problems found when resolving still leave the block to render
    /// itself (a diagram mermaid could not draw says so in its own figure).
    fn renders_own_problems(&self) -> bool {
        false
    }

    /// The block as HTML for mdBook's HTML renderer: a template whose
    /// values are escaped (its root carries `data-sg-module` when the kind
    /// has a [browser module](Kind::browser)).
    fn render_html(&self, cx: &BlockCx) -> Markup;

    /// What mdBook's search index gets instead of [`Block::render_html`],
    /// for kinds that [leave something out](Kind::leaves_out_of_search): a
    /// quiz leaves out its answers.
    fn render_search_html(&self, cx: &BlockCx) -> Markup {
        self.render_html(cx)
    }

    /// The block as plain Markdown, for any other renderer.
    fn render_markdown(&self, cx: &BlockCx) -> String;
}

/// Where a block is and how the book is built, for every stage.
pub struct BlockCx<'a> {
    /// The chapter's path under `src/`: `serverless-containers/quiz.md`.
    pub chapter: &'a Path,
    /// A stem for ids derived from the chapter: `serverless-containers-quiz`.
    pub slug: &'a str,
    /// 1 for the chapter's first block of this kind, 2 for the next…
    pub ordinal: usize,
    /// What the chapters are rendered for.
    pub target: Target,
    /// The book's Markdown options, for author text rendered in the block.
    pub style: MarkdownStyle,
    pub(crate) source: &'a SourceMap,
    pub(crate) block: &'a FencedBlock,
}

impl BlockCx<'_> {
    /// The fence's info string after the kind's name: `title="…"`.
    pub fn info(&self) -> &str {
        &self.block.info
    }

    /// Pins a problem with a span in the block body to its file and line.
    pub fn locate(&self, problem: Problem) -> Problem {
        let start = self.block.chapter_offset(problem.span.start);
        let end = self.block.chapter_offset(problem.span.end);
        self.source.locate(self.block.range.clone(), Problem { span: start..end, ..problem })
    }

    /// `path:line:col` of a span in the block body.
    pub fn location_of(&self, span: Range<usize>) -> String {
        self.locate(Problem::new(span, "")).location()
    }
}

/// What resolving a block can look at.
pub struct ResolveCx<'a> {
    /// Where the block is.
    pub block: &'a BlockCx<'a>,
    /// What every block of the book defined.
    pub index: &'a Index,
    /// The book's title and pages, and the headings on each.
    pub pages: &'a Pages,
    pub(crate) kinds: &'a [Box<dyn Kind>],
    /// The kinds' reference names, as the chapters were scanned for them.
    pub(crate) references: &'a [&'static str],
}

impl ResolveCx<'_> {
    /// The references in author text that is not expanded (a diagram's
    /// source), the escaped ones left out.
    pub fn references_in(&self, text: &str) -> Vec<crate::blocks::RefSite> {
        crate::blocks::find_refs(text, &[], self.references)
            .into_iter()
            .filter(|site| !site.escaped)
            .collect()
    }

    /// Expands every reference in author text; `report` gets each failure
    /// with a span in `text`.
    pub fn expand(&self, text: &str, mut report: impl FnMut(Problem)) -> String {
        let sites = crate::blocks::find_refs(text, &[], self.references);
        let mut edits = Vec::with_capacity(sites.len());
        for site in sites {
            let replacement = if site.escaped {
                text[site.range.start + 1..site.range.end].to_owned()
            } else {
                match expand_reference(self.kinds, self.index, &site) {
                    Ok(value) => value,
                    Err(problem) => {
                        report(problem);
                        text[site.range.clone()].to_owned()
                    }
                }
            };
            edits.push((site.range, replacement));
        }
        crate::blocks::splice(text, edits)
    }
}

/// Expands one reference through the kind that owns its name; a problem
/// spans the whole reference.
pub(crate) fn expand_reference(
    kinds: &[Box<dyn Kind>],
    index: &Index,
    site: &crate::blocks::RefSite,
) -> Result<String, Problem> {
    expand_site(kinds, site, |kind| kind.expand(&site.argument, index))
}

/// Expands one reference in a chapter's prose ([`Kind::expand_in_prose`]).
pub(crate) fn expand_prose_reference(
    kinds: &[Box<dyn Kind>],
    index: &Index,
    site: &crate::blocks::RefSite,
    target: Target,
) -> Result<String, Problem> {
    expand_site(kinds, site, |kind| kind.expand_in_prose(&site.argument, index, target))
}

fn expand_site(
    kinds: &[Box<dyn Kind>],
    site: &crate::blocks::RefSite,
    expand: impl FnOnce(&dyn Kind) -> Result<String, Problem>,
) -> Result<String, Problem> {
    let kind = kinds.iter().find(|k| k.reference() == Some(site.name));
    let result = match kind {
        Some(kind) => expand(kind.as_ref()),
        None => Err(Problem::new(0..0, format!("no block kind expands `{{{{{} …}}}}`", site.name))),
    };
    result.map_err(|p| Problem { span: site.range.clone(), ..p })
}

/// The book-wide index: one value of each type a kind keeps there (the
/// limit registry, the question ids, the diagrams to draw), made on first use.
#[derive(Default)]
pub struct Index {
    parts: HashMap<TypeId, Box<dyn Any>>,
}

impl Index {
    /// The part of type `T`, if any block has added to it.
    pub fn get<T: 'static>(&self) -> Option<&T> {
        self.parts.get(&TypeId::of::<T>()).and_then(|part| part.downcast_ref())
    }

    /// The part of type `T`, made empty the first time.
    pub fn part<T: Default + 'static>(&mut self) -> &mut T {
        self.parts
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()))
            .downcast_mut()
            .expect("an index part is stored under its own type")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_parts_are_kept_by_type() {
        let mut index = Index::default();
        assert!(index.get::<Vec<u8>>().is_none());
        index.part::<Vec<u8>>().push(1);
        index.part::<Vec<u8>>().push(2);
        *index.part::<String>() = "x".into();
        assert_eq!(index.get::<Vec<u8>>(), Some(&vec![1, 2]));
        assert_eq!(index.get::<String>().map(String::as_str), Some("x"));
    }
}
