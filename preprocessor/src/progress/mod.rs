//! The progress page: a fenced ```` ```progress ```` block (its body takes
//! no keys). The page carries what the book has (chapters, their questions
//! and limit tables, the exams and the review page) and `theme/progress.js`
//! adds what the learner did, kept in their browser.

use crate::blueprint::Blueprint;
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
use std::collections::HashMap;
use std::sync::Arc;

/// The standing's model and page (`theme/progress*.js`); review cards due come from the review's scheduler.
static BROWSER: BrowserModule = BrowserModule {
    name: "progress",
    scripts: &[
        embedded::FSRS,
        theme!("review-model.js"),
        theme!("progress-model.js"),
        theme!("readiness-model.js"),
        theme!("sure.js"),
        theme!("readiness.js"),
        theme!("progress.js"),
    ],
    styles: &[embedded::STYLES, theme!("progress.css")],
    needs: &[Need::Storage, Need::Log],
};

/// ```` ```progress ```` blocks.
pub(crate) struct ProgressKind {
    blueprint: Arc<Blueprint>,
}

impl ProgressKind {
    /// Progress pages that weigh the learner's recall by `blueprint`.
    pub(crate) fn new(blueprint: Arc<Blueprint>) -> Self {
        ProgressKind { blueprint }
    }
}

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
            Ok(_) => Parsed::new(
                Some(Box::new(ProgressBlock { book: None, blueprint: self.blueprint.clone() })),
                Vec::new(),
            ),
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
    /// The exam the book prepares for, for the readiness estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    blueprint: Option<BlueprintJson>,
    /// The sections questions send the learner to (`ItemJson::see` indexes them).
    sections: Vec<LinkJson>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct BlueprintJson {
    exam: Option<String>,
    /// The practice exam's pass mark, in percent.
    pass: u32,
    pass_note: Option<String>,
    domains: Vec<DomainJson>,
}

#[derive(Debug, Serialize)]
struct DomainJson {
    key: String,
    title: String,
    weight: u32,
    tasks: Vec<TaskJson>,
    /// The first exam's page, set to draw from this domain only.
    practice: Option<String>,
}

#[derive(Debug, Serialize)]
struct TaskJson {
    key: String,
    title: String,
    /// The section its questions send the learner to most.
    read: Option<LinkJson>,
    /// The first exam's page, set to draw from this task statement only.
    practice: Option<String>,
}

#[derive(Debug, Serialize)]
struct LinkJson {
    title: String,
    href: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    task: Option<String>,
    /// The section that teaches it, in `BookJson::sections`.
    #[serde(skip_serializing_if = "Option::is_none")]
    see: Option<usize>,
}

impl ItemJson {
    fn new(id: &str, hash: &str) -> Self {
        ItemJson { id: id.to_owned(), hash: hash.to_owned(), domain: None, task: None, see: None }
    }
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
    blueprint: Arc<Blueprint>,
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
        let mut sections: Vec<LinkJson> = Vec::new();
        let mut section_of: HashMap<String, usize> = HashMap::new();
        if let Some(published) = cx.index.get::<PublishedQuestions>() {
            for q in &published.0 {
                let Some(chapter) = pages.chapter_index(&q.page).map(|n| &mut chapters[n]) else { continue };
                chapter.quiz.get_or_insert_with(|| Pages::href(here, &q.page, ""));
                let mut item = ItemJson::new(&q.question.key, &q.question.content_hash);
                if let Some(place) = &q.question.exam {
                    item.domain = Some(place.domain.clone());
                    item.task = place.task.clone();
                }
                if let Some(see) = &q.question.see {
                    let href = Pages::href(here, &see.page, &see.anchor);
                    let next = sections.len();
                    let n = *section_of.entry(href.clone()).or_insert(next);
                    if n == next {
                        sections.push(LinkJson { title: see.title.clone(), href });
                    }
                    item.see = Some(n);
                }
                chapter.questions.push(item);
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
                    rows: table.rows.iter().map(|r| ItemJson::new(&r.id, &r.hash)).collect(),
                });
            }
        }
        chapters.retain(|c| !c.questions.is_empty() || !c.limits.is_empty());
        let exams: Vec<ExamJson> = cx
            .index
            .get::<ExamPages>()
            .map(|e| {
                e.0.iter()
                    .map(|(id, page)| ExamJson { id: id.clone(), href: Pages::href(here, page, "") })
                    .collect()
            })
            .unwrap_or_default();
        let blueprint = (!self.blueprint.domains.is_empty()).then(|| {
            let none = PublishedQuestions::default();
            let published = cx.index.get::<PublishedQuestions>().unwrap_or(&none);
            blueprint_json(&self.blueprint, published, here, exams.first().map(|e| e.href.as_str()))
        });
        let review =
            cx.index.get::<ReviewPages>().and_then(|r| r.0.first()).map(|page| Pages::href(here, page, ""));
        let title = pages.title().to_owned();
        self.book = Some(BookJson { title, chapters, exams, review, blueprint, sections });
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

/// The blueprint for the page: each task statement with the section its
/// questions cite most (the first, on a tie) and a link to practise it.
fn blueprint_json(
    blueprint: &Blueprint,
    published: &PublishedQuestions,
    here: &std::path::Path,
    exam: Option<&str>,
) -> BlueprintJson {
    let mut cited: HashMap<&str, Vec<(&crate::quiz::See, usize)>> = HashMap::new();
    for q in &published.0 {
        let (Some(place), Some(see)) = (&q.question.exam, &q.question.see) else { continue };
        let Some(task) = place.task.as_deref() else { continue };
        let sections = cited.entry(task).or_default();
        match sections.iter_mut().find(|(s, _)| s.page == see.page && s.anchor == see.anchor) {
            Some((_, n)) => *n += 1,
            None => sections.push((see, 1)),
        }
    }
    let practice = |what: &str, key: &str| exam.map(|href| format!("{href}#practise-{what}-{key}"));
    let domains = blueprint
        .domains
        .iter()
        .map(|d| DomainJson {
            key: d.key.clone(),
            title: d.title.clone(),
            weight: d.weight,
            practice: practice("domain", &d.key),
            tasks: d
                .tasks
                .iter()
                .map(|t| {
                    let most = cited.get(t.key.as_str()).and_then(|sections| {
                        let top = sections.iter().map(|(_, n)| *n).max()?;
                        sections.iter().find(|(_, n)| *n == top).map(|(s, _)| *s)
                    });
                    TaskJson {
                        key: t.key.clone(),
                        title: t.title.clone(),
                        read: most.map(|s| LinkJson {
                            title: s.title.clone(),
                            href: Pages::href(here, &s.page, &s.anchor),
                        }),
                        practice: practice("task", &t.key),
                    }
                })
                .collect(),
        })
        .collect();
    BlueprintJson {
        exam: blueprint.exam.clone(),
        pass: blueprint.pass.unwrap_or(crate::exam::DEFAULT_PASS),
        pass_note: blueprint.pass_note.clone(),
        domains,
    }
}
