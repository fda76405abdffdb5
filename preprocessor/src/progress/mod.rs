//! The progress page: a fenced ```` ```progress ```` block (its body takes
//! no keys). The page carries what the book has (chapters, their questions
//! and limit tables, the exams and the review page) and `theme/progress.js`
//! adds what the learner did, kept in their browser.

use crate::browser::{BrowserModule, Need};
use crate::embedded::{self, theme};
use crate::exam::ExamPages;
use crate::html::{Markup, html, json_for_script};
use crate::lifecycle::{Block, BlockCx, Kind, Parsed, ResolveCx};
use crate::limits::{LimitTables, row_anchor};
use crate::pages::Pages;
use crate::problem::Problem;
use crate::quiz::PublishedQuestions;
use crate::review::ReviewPages;
use crate::toml_body;
use serde::Serialize;
/// The standing's model and page (`theme/progress*.js`); review cards due come from the review's scheduler.
static BROWSER: BrowserModule = BrowserModule {
    name: "progress",
    scripts: &[embedded::FSRS, theme!("review-model.js"), theme!("progress-model.js"), theme!("progress.js")],
    styles: &[embedded::STYLES, theme!("progress.css")],
    needs: &[Need::Storage, Need::Log],
};

/// ```` ```progress ```` blocks.
pub(crate) struct ProgressKind;

/// Checks a progress block's body: it takes no keys (comments are fine).
pub(crate) fn parse(body: &str) -> Result<(), Vec<Problem>> {
    toml_body::parse_keyless(body, "progress")
}

impl Kind for ProgressKind {
    fn fence(&self) -> &'static str {
        "progress"
    }

    fn parse(&self, body: &str, _cx: &BlockCx) -> Parsed {
        match parse(body) {
            Ok(_) => Parsed::new(Some(Box::new(ProgressBlock { book: None })), Vec::new()),
            Err(problems) => Parsed::new(None, problems),
        }
    }

    fn gathers(&self) -> bool {
        true
    }

    /// It counts the review cards due with the review page's scheduler.
    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }
}

/// What the page's script gets (links relative to the page).
#[derive(Debug, Serialize)]
struct BookJson {
    title: String,
    chapters: Vec<ChapterJson>,
    exams: Vec<ExamJson>,
    review: Option<String>,
}

#[derive(Debug, Serialize)]
struct ChapterJson {
    id: String,
    title: String,
    quiz: Option<String>,
    questions: Vec<ItemJson>,
    limits: Vec<TableJson>,
}

#[derive(Debug, Serialize)]
struct ItemJson {
    id: String,
    hash: String,
}

#[derive(Debug, Serialize)]
struct TableJson {
    table: String,
    title: String,
    href: String,
    rows: Vec<ItemJson>,
}

#[derive(Debug, Serialize)]
struct ExamJson {
    id: String,
    href: String,
}

struct ProgressBlock {
    book: Option<BookJson>,
}

impl Block for ProgressBlock {
    fn resolve(&mut self, cx: &ResolveCx, _problems: &mut Vec<Problem>) {
        let here = cx.block.chapter;
        let pages = cx.pages;
        let mut chapters: Vec<ChapterJson> = pages
            .chapters()
            .iter()
            .map(|c| ChapterJson {
                id: c.slug.clone(),
                title: c.title.clone(),
                quiz: None,
                questions: Vec::new(),
                limits: Vec::new(),
            })
            .collect();
        // `chapters` is in the order of `pages.chapters()`.
        if let Some(published) = cx.index.get::<PublishedQuestions>() {
            for q in &published.0 {
                let Some(chapter) = pages.chapter_index(&q.page).map(|n| &mut chapters[n]) else { continue };
                chapter.quiz.get_or_insert_with(|| Pages::href(here, &q.page, ""));
                chapter
                    .questions
                    .push(ItemJson { id: q.question.key.clone(), hash: q.question.content_hash.clone() });
            }
        }
        if let Some(tables) = cx.index.get::<LimitTables>() {
            for table in &tables.0 {
                let Some(chapter) = pages.chapter_index(&table.page).map(|n| &mut chapters[n]) else {
                    continue;
                };
                let anchor = table.rows.first().map(|r| row_anchor(&r.id)).unwrap_or_default();
                chapter.limits.push(TableJson {
                    table: table.key.clone(),
                    title: table.caption.clone(),
                    href: Pages::href(here, &table.page, &anchor),
                    rows: table
                        .rows
                        .iter()
                        .map(|r| ItemJson { id: r.id.clone(), hash: r.hash.clone() })
                        .collect(),
                });
            }
        }
        chapters.retain(|c| !c.questions.is_empty() || !c.limits.is_empty());
        let exams = cx
            .index
            .get::<ExamPages>()
            .map(|e| {
                e.0.iter()
                    .map(|(id, page)| ExamJson { id: id.clone(), href: Pages::href(here, page, "") })
                    .collect()
            })
            .unwrap_or_default();
        let review =
            cx.index.get::<ReviewPages>().and_then(|r| r.0.first()).map(|page| Pages::href(here, page, ""));
        let title = pages.title().to_owned();
        self.book = Some(BookJson { title, chapters, exams, review });
    }

    fn render_html(&self, _cx: &BlockCx) -> Markup {
        let Some(book) = &self.book else { return Markup::default() };
        html! {
            div.sg-progress-page data-sg-module="progress" data-sg-progress-page {
                div.sg-nojs data-sg-nojs {
                    p {
                        "Your answers are kept in this browser, and this page needs JavaScript to add them up: "
                        "it is off here, or the page's scripts could not be loaded. "
                        "Each chapter quiz still shows its questions and answers without it."
                    }
                }
                script type="application/json" data-sg-book { (json_for_script(book)) }
            }
        }
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        "*Your progress is shown in the HTML book: it is kept in your browser.*\n".to_owned()
    }
}
