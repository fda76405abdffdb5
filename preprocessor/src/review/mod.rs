//! The review page: a fenced ```` ```review ```` block (its body takes no
//! keys). Its bank (every question of the book and every limit, in a file of
//! its own in `studyguide/`, as the exam's) is loaded before
//! `theme/review.js`, which makes cards of what the learner missed and schedules
//! them with FSRS (ts-fsrs, which the binary carries, as it carries mermaid).

use crate::blueprint::Blueprint;
use crate::browser::{BrowserModule, Need, PageFile};
use crate::embedded::{self, theme};
use crate::html::{Markup, html};
use crate::lifecycle::{Block, BlockCx, Index, Kind, Parsed, ResolveCx};
use crate::limits::{LimitTables, row_anchor};
use crate::pages::Pages;
use crate::problem::Problem;
use crate::quiz::{Bank, PublishedQuestions};
use crate::toml_body;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// The scheduler (ts-fsrs), the cards' model, the worksheet on paper and the
/// page (`theme/review*.js`, `theme/worksheet.js`).
static BROWSER: BrowserModule = BrowserModule {
    name: "review",
    scripts: &[
        embedded::FSRS,
        theme!("sure.js"),
        theme!("review-model.js"),
        theme!("worksheet.js"),
        theme!("review.js"),
    ],
    styles: &[embedded::STYLES, theme!("review.css"), theme!("worksheet.css")],
    needs: &[Need::Storage, Need::Log],
};

/// Every review page of the book (the progress page links the first).
#[derive(Debug, Default)]
pub(crate) struct ReviewPages(pub Vec<PathBuf>);

/// ```` ```review ```` blocks.
pub(crate) struct ReviewKind {
    blueprint: Arc<Blueprint>,
}

impl ReviewKind {
    /// Review pages whose cards are placed in `blueprint`.
    pub(crate) fn new(blueprint: Arc<Blueprint>) -> Self {
        ReviewKind { blueprint }
    }
}

/// Checks a review block's body: it takes no keys (comments are fine).
pub(crate) fn parse(body: &str) -> Result<(), Vec<Problem>> {
    toml_body::parse_keyless(body, "review")
}

impl Kind for ReviewKind {
    fn fence(&self) -> &'static str {
        "review"
    }

    fn parse(&self, body: &str, _cx: &BlockCx) -> Parsed {
        match parse(body) {
            Ok(_) => Parsed::new(
                Some(Box::new(ReviewBlock {
                    bank_file: None,
                    bank: None,
                    blueprint: self.blueprint.clone(),
                })),
                Vec::new(),
            ),
            Err(problems) => Parsed::new(None, problems),
        }
    }

    fn gathers(&self) -> bool {
        true
    }

    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }

    /// The review's settings (the exam date).
    fn stored_keys(&self, index: &Index) -> Vec<String> {
        let pages = index.get::<ReviewPages>().map_or(0, |p| p.0.len());
        if pages > 0 { vec!["review:settings".to_owned()] } else { Vec::new() }
    }
}

/// The exam's bank of every question, and every limit.
#[derive(Debug, Serialize)]
struct ReviewBank {
    #[serde(flatten)]
    bank: Bank,
    limits: Vec<LimitJson>,
}

#[derive(Debug, Serialize)]
struct LimitJson {
    id: String,
    hash: String,
    chapter: String,
    name: String,
    table: String,
    value: String,
    href: String,
}

struct ReviewBlock {
    /// The name of its bank's file in `studyguide/`, once resolved.
    bank_file: Option<String>,
    /// Its bank's file, once resolved for the site.
    bank: Option<PageFile>,
    blueprint: Arc<Blueprint>,
}

impl Block for ReviewBlock {
    fn index(&self, cx: &BlockCx, index: &mut Index, _problems: &mut Vec<Problem>) {
        index.part::<ReviewPages>().0.push(cx.chapter.to_owned());
    }

    fn resolve(&mut self, cx: &ResolveCx, _problems: &mut Vec<Problem>) {
        let here = cx.block.chapter;
        let pages = cx.pages;
        let none = PublishedQuestions::default();
        let published = cx.index.get::<PublishedQuestions>().unwrap_or(&none);
        let bank = Bank::new(here, &published.0, pages, cx.block.style, &self.blueprint, |_| true);
        let mut limits = Vec::new();
        for table in cx.index.get::<LimitTables>().map(|t| t.0.as_slice()).unwrap_or_default() {
            let chapter = pages.chapter_of(&table.page).map(|c| c.slug.clone()).unwrap_or_default();
            for row in &table.rows {
                limits.push(LimitJson {
                    id: row.id.clone(),
                    hash: row.hash.clone(),
                    chapter: chapter.clone(),
                    name: row.name.clone(),
                    table: table.caption.clone(),
                    value: row.value.clone(),
                    href: Pages::href(here, &table.page, &row_anchor(&row.id)),
                });
            }
        }
        let file = format!("bank-{}-review{}.js", cx.block.slug, cx.block.ordinal);
        if cx.block.target.writes_files() {
            let script = crate::html::bank_script(&file, &ReviewBank { bank, limits });
            self.bank = Some(PageFile::new(file.clone(), script.into_bytes()));
        }
        self.bank_file = Some(file);
    }

    fn files(&mut self) -> Vec<PageFile> {
        self.bank.take().into_iter().collect()
    }

    fn render_html(&self, _cx: &BlockCx) -> Markup {
        let Some(bank_file) = &self.bank_file else { return Markup::default() };
        html! {
            div.sg-review data-sg-module="review" data-sg-review data-bank=(bank_file) {
                div.sg-nojs data-sg-nojs {
                    p {
                        "Review brings back the questions and limits you missed, spaced out over the days "
                        "so they stay with you. It runs in your browser and needs JavaScript: it is off here, "
                        "or the page's scripts could not be loaded."
                    }
                }
            }
        }
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        "*Spaced review of what you missed runs in the HTML book.*\n".to_owned()
    }
}
