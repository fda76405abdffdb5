//! The diagram's life cycle: parsed, queued for drawing, every diagram of
//! the book drawn in one batch, then rendered with its drawing.

use super::{Backend, Diagram, Rendered};
use crate::browser::{BrowserModule, PageFile};
use crate::embedded::{self, theme};
use crate::html::Markup;
use crate::lifecycle::{Block, BlockCx, Index, Kind, Parsed, ResolveCx, Target};
use crate::problem::Problem;
use std::collections::{HashMap, HashSet};
/// Wide drawings, and drawing in the browser (`theme/diagrams.js`).
static BROWSER: BrowserModule = BrowserModule {
    name: "diagram",
    scripts: &[theme!("diagrams.js")],
    styles: &[embedded::STYLES, theme!("diagrams.css")],
    needs: &[],
};

/// ```` ```mermaid ```` blocks, drawn by `backend`.
pub(crate) struct DiagramKind {
    backend: Backend,
    /// A diagram without a text alternative is an error, not a warning.
    require_alternative: bool,
}

impl DiagramKind {
    pub(crate) fn new(backend: Backend, require_alternative: bool) -> Self {
        DiagramKind { backend, require_alternative }
    }
}

/// Every diagram of the book by its source: queued when indexed, drawn in
/// [`Kind::prepare`].
#[derive(Default)]
pub(crate) struct Drawings {
    queued: Vec<Diagram>,
    sources: HashSet<String>,
    drawn: HashMap<String, Rendered>,
}

impl Drawings {
    /// The drawing of a diagram with this source; drawn in the browser when
    /// there is none.
    pub(crate) fn of(&self, source: &str) -> Rendered {
        self.drawn.get(source).cloned().unwrap_or(Rendered::Client)
    }
}

impl Kind for DiagramKind {
    fn fence(&self) -> &'static str {
        "mermaid"
    }

    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }

    /// mermaid, when a diagram is left to the reader's browser.
    fn files(&mut self) -> Vec<PageFile> {
        self.backend.client_bundle().into_iter().collect()
    }

    /// Its source and its drawing's labels: the search index gets its
    /// caption and description instead.
    fn leaves_out_of_search(&self) -> bool {
        true
    }

    fn parse(&self, body: &str, cx: &BlockCx) -> Parsed {
        let (diagram, problems) = super::parse(body, cx.info(), self.require_alternative);
        let block = DiagramBlock { diagram, body: body.to_owned(), drawing: Rendered::Client };
        Parsed::new(Some(Box::new(block)), problems)
    }

    /// Draws every diagram of the book in one batch: one browser start at most.
    fn prepare(&mut self, index: &mut Index, target: Target) {
        let drawings = index.part::<Drawings>();
        // The search index's HTML has no drawing.
        if target != Target::Html || drawings.queued.is_empty() {
            return;
        }
        let queued = std::mem::take(&mut drawings.queued);
        let results = self.backend.render_all(&queued.iter().collect::<Vec<_>>());
        for (diagram, drawing) in queued.into_iter().zip(results) {
            drawings.drawn.insert(diagram.source, drawing);
        }
    }
}

struct DiagramBlock {
    diagram: Diagram,
    /// As written, for where its references are.
    body: String,
    drawing: Rendered,
}

impl Block for DiagramBlock {
    fn index(&self, _cx: &BlockCx, index: &mut Index, _problems: &mut Vec<Problem>) {
        // mermaid would draw a box saying it is too long (parsing said so).
        if !super::fits(&self.diagram.source) {
            return;
        }
        let drawings = index.part::<Drawings>();
        if drawings.sources.insert(self.diagram.source.clone()) {
            drawings.queued.push(self.diagram.clone());
        }
    }

    fn resolve(&mut self, cx: &ResolveCx, problems: &mut Vec<Problem>) {
        // mermaid draws what is written; a reference stays one.
        for site in cx.references_in(&self.body) {
            let written = &self.body[site.range.clone()];
            problems.push(
                Problem::new(
                    site.range,
                    format!("`{written}` is not expanded in a diagram: it is drawn as written"),
                )
                .hint("write the value itself in the diagram")
                .warning_unless(false),
            );
        }
        self.drawing = cx.index.get::<Drawings>().map_or(Rendered::Client, |d| d.of(&self.diagram.source));
        if let Rendered::Unreachable(why) = &self.drawing {
            problems.push(
                Problem::new(0..0, format!("this diagram shows what the build could not reach ({}): the reader's browser draws it", why.trim_end_matches('.')))
                    .hint("the reader's browser fetches the image when the page is read; a build that can fetch it draws it")
                    .warning_unless(false),
            );
        }
        if let Rendered::Failed(message) = &self.drawing {
            let (text, hint) = super::describe_error(message);
            let problem = Problem::new(0..0, text);
            problems.push(match hint {
                Some(hint) => problem.hint(hint),
                None => problem,
            });
        }
    }

    fn renders_own_problems(&self) -> bool {
        true
    }

    fn render_html(&self, _cx: &BlockCx) -> Markup {
        super::render_html(&self.diagram, &self.drawing)
    }

    fn render_search_html(&self, _cx: &BlockCx) -> Markup {
        super::render_search_html(&self.diagram)
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        super::render_markdown(&self.diagram)
    }
}
