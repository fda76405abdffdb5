//! The driver: every block of the book through the life cycle of
//! [`crate::lifecycle`], then the chapters spliced with what the blocks render.
//!
//! It knows no kind of block. All of a stage runs over the whole book before
//! the next starts, because a `{{limit …}}` may point at a table in a later
//! chapter, ids must be unique across the book and diagrams are drawn in one
//! batch.

use crate::blocks::{self, ChapterScan, FencedBlock, RefContext, Syntax};
use crate::browser::PageFile;
use crate::config::OnFailure;
use crate::html::{Markup, html};
use crate::lifecycle::{self, BlockCx, Index, Kind, ResolveCx};
use crate::markdown::MarkdownStyle;
use crate::pages::{Pages, slug};
use crate::problem::{self, Problem, SourceMap, visible};
use mdbook_preprocessor::book::Book;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

pub(crate) use crate::lifecycle::Target;

/// Everything the pipeline needs to know about the build.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The book root, where `book.toml` is.
    pub root: PathBuf,
    /// The chapters' directory relative to the root (`src`).
    pub src: PathBuf,
    pub target: Target,
    pub on_failure: OnFailure,
    pub style: MarkdownStyle,
    /// The book's title (`Pages::title`: the progress page's export names it).
    pub title: String,
}

/// Counts of what the pipeline handled, for logs and the benchmark.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Stats {
    pub chapters: usize,
    /// Blocks by their fence: `quiz` → 3.
    pub blocks: BTreeMap<&'static str, usize>,
    pub references: usize,
    /// In HTML, the chapters (their paths in the book) with a block that
    /// leaves something out of the search index's HTML.
    pub withheld: BTreeSet<PathBuf>,
}

pub(crate) struct Outcome {
    pub book: Book,
    /// Every chapter in [`Stats::withheld`] as the search index gets it:
    /// its blocks rendered with what they leave out of it left out. Only
    /// when asked for ([`transform_keeping_search_pages`]).
    pub search_pages: BTreeMap<PathBuf, String>,
    /// Every problem, located and sorted.
    pub problems: Vec<Problem>,
    /// What the kinds have to say about the whole book (`check` prints it).
    pub summaries: Vec<String>,
    /// Every key a learner's browser may keep for this book's blocks.
    pub stored_keys: Vec<String>,
    /// The files the blocks and kinds made for the pages, for the build to
    /// write into `studyguide/` (the driver writes nothing).
    pub files: Vec<PageFile>,
    pub stats: Stats,
}

/// One chapter with blocks or references of ours.
struct ChapterSite {
    path: PathBuf,
    /// The path under `src/` as the author wrote it in SUMMARY.md.
    file: PathBuf,
    slug: String,
    source: SourceMap,
    content: String,
    scan: ChapterScan,
}

/// Where a block is: its chapter, its fence, and how many of its kind came
/// before it in the chapter.
struct Site {
    chapter: usize,
    /// Its kind's place in the kinds.
    kind: usize,
    fenced: FencedBlock,
    ordinal: usize,
}

/// How far a block got.
struct State {
    block: Option<Box<dyn lifecycle::Block>>,
    /// Located problems.
    problems: Vec<Problem>,
    /// Whether it got through parsing and indexing without problems and was
    /// resolved: the problems it has then are from resolving.
    resolved: bool,
    renders_itself: bool,
}

impl State {
    /// A block with problems from parsing or indexing is never rendered; one
    /// with problems from resolving is, unless the page shows error boxes
    /// instead (and the block does not show its problems itself).
    fn renderable(&self, error_boxes: bool) -> bool {
        self.resolved && (!self.has_errors() || self.renders_itself || !error_boxes)
    }

    fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

struct Entry {
    site: Site,
    state: State,
}

/// Runs the pipeline over a book with the given kinds of block.
pub(crate) fn transform(book: Book, settings: &Settings, kinds: &mut [Box<dyn Kind>]) -> Outcome {
    run(book, settings, kinds, false)
}

/// [`transform`], with each chapter that leaves something out of the search
/// index also rendered as the index gets it ([`Outcome::search_pages`]), so
/// that the site's build can index that without preprocessing the book again.
pub(crate) fn transform_keeping_search_pages(
    book: Book,
    settings: &Settings,
    kinds: &mut [Box<dyn Kind>],
) -> Outcome {
    run(book, settings, kinds, true)
}

fn run(mut book: Book, settings: &Settings, kinds: &mut [Box<dyn Kind>], search_pages: bool) -> Outcome {
    let fences: Vec<&'static str> = kinds.iter().map(|k| k.fence()).collect();
    let references: Vec<&'static str> = kinds.iter().filter_map(|k| k.reference()).collect();
    let syntax = Syntax { fences: &fences, references: &references };
    let mut stats = Stats::default();

    let chapters = scan_chapters(&book, settings, &syntax, &mut stats);
    let mut entries = parse_blocks(&chapters, settings, kinds, &fences, &mut stats);

    let pages = Pages::of_book(&book, &settings.title);
    let mut index = Index::default();
    for Entry { site, state } in &mut entries {
        let Some(block) = &state.block else { continue };
        let cx = block_cx(&chapters[site.chapter], site, settings);
        let mut found = Vec::new();
        block.index(&cx, &mut index, &mut found);
        state.problems.extend(found.into_iter().map(|p| cx.locate(p)));
    }

    for kind in kinds.iter_mut() {
        kind.prepare(&mut index, settings.target);
    }

    // Blocks that gather what others publish go last.
    for gathering in [false, true] {
        for Entry { site, state } in &mut entries {
            if kinds[site.kind].gathers() != gathering || state.has_errors() {
                continue;
            }
            let Some(block) = state.block.as_mut() else { continue };
            let cx = block_cx(&chapters[site.chapter], site, settings);
            let resolve_cx = ResolveCx {
                block: &cx,
                index: &index,
                pages: &pages,
                kinds: &*kinds,
                references: &references,
            };
            let mut found = Vec::new();
            block.resolve(&resolve_cx, &mut found);
            state.resolved = true;
            state.renders_itself = block.renders_own_problems();
            let clean = !found.iter().any(Problem::is_error);
            state.problems.extend(found.into_iter().map(|p| cx.locate(p)));
            if clean {
                block.publish(&cx, &mut index);
            }
        }
    }

    let mut files: Vec<PageFile> =
        entries.iter_mut().filter_map(|e| e.state.block.as_mut()).flat_map(|block| block.files()).collect();
    files.extend(kinds.iter_mut().flat_map(|kind| kind.files()));

    let kinds: &[Box<dyn Kind>] = kinds;
    let mut problems: Vec<Problem> = entries.iter().flat_map(|e| e.state.problems.iter().cloned()).collect();
    // A code block named one edit away from a kind is most likely meant as one.
    for chapter in &chapters {
        for (range, word, fence) in &chapter.scan.near_misses {
            let problem = Problem::new(
                range.clone(),
                format!("a code block named `{word}`: did you mean ```{fence}?"),
            )
            .hint(format!(
                "a ```{fence} block is one of this book's interactive blocks; as written it shows as code"
            ))
            .warning_unless(false);
            problems.push(chapter.source.locate(range.clone(), problem));
        }
    }
    // Each chapter's entries, gathered in one pass.
    let mut by_chapter: Vec<Vec<&Entry>> = chapters.iter().map(|_| Vec::new()).collect();
    for entry in &entries {
        by_chapter[entry.site.chapter].push(entry);
    }
    let mut rendered: HashMap<PathBuf, String> = HashMap::new();
    let mut searched = BTreeMap::new();
    let for_search = Settings { target: Target::SearchIndex, ..settings.clone() };
    for (chapter, chapter_entries) in chapters.iter().zip(by_chapter) {
        let withholds = settings.target.is_html()
            && chapter_entries
                .iter()
                .any(|e| e.state.block.is_some() && kinds[e.site.kind].leaves_out_of_search());
        if withholds {
            stats.withheld.insert(chapter.path.clone());
            if search_pages && settings.target == Target::Html {
                // Its problems are the page's, reported once below.
                let content = render_chapter(
                    chapter,
                    chapter_entries.clone(),
                    &for_search,
                    kinds,
                    &index,
                    &mut Vec::new(),
                );
                searched.insert(chapter.path.clone(), content);
            }
        }
        let content = render_chapter(chapter, chapter_entries, settings, kinds, &index, &mut problems);
        rendered.insert(chapter.path.clone(), content);
    }
    book.for_each_chapter_mut(|chapter| {
        if let Some(content) = chapter.path.as_ref().and_then(|p| rendered.remove(p)) {
            chapter.content = content;
        }
    });

    let summaries = kinds.iter().filter_map(|k| k.summary(&index)).collect();
    let stored_keys = kinds.iter().flat_map(|k| k.stored_keys(&index)).collect();
    Outcome {
        book,
        search_pages: searched,
        problems: problem::sorted(problems),
        summaries,
        stored_keys,
        files,
        stats,
    }
}

fn scan_chapters(book: &Book, settings: &Settings, syntax: &Syntax, stats: &mut Stats) -> Vec<ChapterSite> {
    let mut chapters = Vec::new();
    for chapter in book.chapters() {
        let Some(path) = &chapter.path else { continue };
        stats.chapters += 1;
        // A chapter of ours goes to mdBook with its lone carriage returns
        // as line feeds (see `with_line_feeds`); others stay as they are.
        let content = blocks::with_line_feeds(&chapter.content);
        let scan = blocks::scan(&content, syntax);
        if scan.blocks.is_empty() && scan.refs.is_empty() && scan.near_misses.is_empty() {
            // Where lone carriage returns let mdBook see a block or a
            // reference of ours that the line-fed text does not hold, the
            // chapter goes with line feeds all the same: what mdBook renders
            // is what was scanned.
            let differs = matches!(content, std::borrow::Cow::Owned(_));
            let raw = if differs { blocks::scan(&chapter.content, syntax) } else { Default::default() };
            if raw.blocks.is_empty() && raw.refs.is_empty() {
                continue;
            }
        }
        stats.references += scan.refs.len();
        let file = chapter.source_path.clone().unwrap_or_else(|| path.clone());
        let display_path = settings.src.join(&file);
        // The file on disk maps positions back when `{{#include}}` changed the text.
        let on_disk = std::fs::read_to_string(settings.root.join(&display_path)).ok();
        chapters.push(ChapterSite {
            path: path.clone(),
            slug: slug(&file.with_extension("")),
            file,
            source: SourceMap::new(
                display_path,
                &content,
                on_disk.map(|disk| blocks::with_line_feeds(&disk).into_owned()),
            )
            .reading_includes_from(&settings.root),
            content: content.into_owned(),
            scan,
        });
    }
    chapters
}

fn parse_blocks(
    chapters: &[ChapterSite],
    settings: &Settings,
    kinds: &[Box<dyn Kind>],
    fences: &[&'static str],
    stats: &mut Stats,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (number, chapter) in chapters.iter().enumerate() {
        let mut ordinals: HashMap<usize, usize> = HashMap::new();
        for fenced in &chapter.scan.blocks {
            let Some(kind) = fences.iter().position(|f| *f == fenced.fence) else { continue };
            *stats.blocks.entry(fenced.fence).or_default() += 1;
            let ordinal = ordinals.entry(kind).or_default();
            *ordinal += 1;
            let site = Site { chapter: number, kind, fenced: fenced.clone(), ordinal: *ordinal };
            let cx = block_cx(chapter, &site, settings);
            let mut problems = Vec::new();
            if !fenced.terminated {
                let problem = Problem::new(0..0, format!("```{} block has no closing fence", fenced.fence))
                    .hint(
                        "close it with ``` on a line of its own; until then it runs to the end of the file",
                    );
                // At the opening fence, not in the body.
                problems.push(
                    chapter
                        .source
                        .locate(fenced.range.clone(), Problem { span: fenced.range.clone(), ..problem }),
                );
            }
            let parsed = kinds[kind].parse(&fenced.body, &cx);
            if let Some(at) = fenced.left_open_before(&chapter.content) {
                // One cause, one problem: what the block swallowed is no
                // use to its parser's messages.
                let problem = Problem::new(0..0, format!("```{} block has no closing fence", fenced.fence)).hint(
                    "close it with ``` on a line of its own: it runs on to the end of the code block that opens below",
                );
                let inner = fenced.chapter_offset(at);
                let line = chapter
                    .source
                    .locate(fenced.range.clone(), Problem::new(inner..inner, String::new()))
                    .location
                    .map(|location| location.line);
                let problem = match line {
                    Some(line) => Problem {
                        message: format!("{} (another code block opens at line {line})", problem.message),
                        ..problem
                    },
                    None => problem,
                };
                problems.push(
                    chapter
                        .source
                        .locate(fenced.range.clone(), Problem { span: fenced.range.clone(), ..problem }),
                );
            } else {
                problems.extend(parsed.problems.into_iter().map(|p| cx.locate(p)));
            }
            entries.push(Entry {
                site,
                state: State { block: parsed.block, problems, resolved: false, renders_itself: false },
            });
        }
    }
    entries
}

fn block_cx<'a>(chapter: &'a ChapterSite, site: &'a Site, settings: &Settings) -> BlockCx<'a> {
    BlockCx {
        chapter: &chapter.file,
        slug: &chapter.slug,
        ordinal: site.ordinal,
        target: settings.target,
        style: settings.style,
        source: &chapter.source,
        block: &site.fenced,
    }
}

fn render_chapter(
    chapter: &ChapterSite,
    entries: Vec<&Entry>,
    settings: &Settings,
    kinds: &[Box<dyn Kind>],
    index: &Index,
    problems: &mut Vec<Problem>,
) -> String {
    let continue_in_html = settings.on_failure == OnFailure::Continue && settings.target.is_html();
    let mut edits = Vec::new();
    for Entry { site, state } in entries {
        let fenced = &site.fenced;
        let original = &chapter.content[fenced.range.clone()];
        let replacement = match (&state.block, state.renderable(continue_in_html)) {
            (Some(block), true) => {
                let cx = block_cx(chapter, site, settings);
                match settings.target {
                    Target::Html => fenced.html_replacement(&block.render_html(&cx).into_string()),
                    Target::SearchIndex => {
                        fenced.html_replacement(&block.render_search_html(&cx).into_string())
                    }
                    Target::Markdown => fenced.markdown_replacement(&block.render_markdown(&cx)),
                }
            }
            // The build fails, or another renderer: leave the block as written.
            _ if !continue_in_html => continue,
            _ => fenced.html_replacement(&error_box(fenced.fence, &state.problems, original).into_string()),
        };
        edits.push((fenced.range.clone(), replacement));
    }
    for site in &chapter.scan.refs {
        let written = &chapter.content[site.range.clone()];
        let expanded = match site.context {
            _ if site.escaped => Ok(written[1..].to_owned()),
            RefContext::Prose => lifecycle::expand_prose_reference(kinds, index, site, settings.target),
            RefContext::AltText => lifecycle::expand_reference(kinds, index, site)
                .map(|text| crate::markdown::escape_punctuation(&text)),
            RefContext::LinkTarget => Err(Problem::new(
                site.range.clone(),
                format!("`{written}` is in a link's address or title, where it cannot be expanded"),
            )
            .hint("write the value in the link's text, or write the address out")),
        };
        let replacement = match expanded {
            Ok(text) => text,
            Err(problem) => {
                let problem = chapter.source.locate(site.range.clone(), problem);
                // An error's markup only where markup is shown.
                let shown = if continue_in_html && site.context == RefContext::Prose {
                    crate::markdown::inline_error(&visible(written), &visible(&problem.message)).into_string()
                } else {
                    written.to_owned()
                };
                problems.push(problem);
                shown
            }
        };
        edits.push((site.range.clone(), replacement));
    }
    blocks::splice(&chapter.content, edits)
}

/// The in-page box that replaces a broken block under `on-failure = "continue"`.
fn error_box(fence: &str, problems: &[Problem], original: &str) -> Markup {
    html! {
        div.sg-error role="note" {
            p.sg-error-title { strong { "This " (fence) " block has problems and was not built" } }
            ul {
                @for p in problems {
                    li {
                        code { (visible(&p.location())) } " " (visible(&p.message))
                        @if let Some(hint) = &p.hint { " " em { "Hint: " (visible(hint)) } }
                    }
                }
            }
            pre { code.language-text { (original) } }
        }
    }
}

#[cfg(test)]
mod tests;
