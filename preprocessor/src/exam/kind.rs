//! The exam's life cycle: parsed, its page indexed (for the progress page),
//! then, once every quiz has published its questions, its bank drawn from
//! them and rendered.

use super::ExamSpec;
use crate::blueprint::Blueprint;
use crate::browser::{BrowserModule, Need, PageFile};
use crate::embedded::{self, theme};
use crate::html::Markup;
use crate::lifecycle::{Block, BlockCx, Index, Kind, Parsed, ResolveCx};
use crate::pages::Pages;
use crate::problem::Problem;
use crate::quiz::{Bank, PublishedQuestions};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The exam's model, screens (its start, results and the rest), clocks,
/// stored attempts, the question asked before a timed attempt is left, and
/// component (`theme/exam*.js`); ts-fsrs and the readiness model order
/// "Weak spots"; sure.js asks how sure the learner is.
static BROWSER: BrowserModule = BrowserModule {
    name: "exam",
    scripts: &[
        embedded::FSRS,
        theme!("readiness-model.js"),
        theme!("sure.js"),
        theme!("exam-model.js"),
        theme!("exam-start.js"),
        theme!("exam-results.js"),
        theme!("exam-screens.js"),
        theme!("exam-time.js"),
        theme!("exam-store.js"),
        theme!("exam-leave.js"),
        theme!("exam.js"),
    ],
    styles: &[embedded::STYLES, theme!("exam.css"), theme!("mock-exam.css")],
    needs: &[Need::Storage, Need::Log],
};

/// ```` ```exam ```` blocks.
pub(crate) struct ExamKind {
    blueprint: Arc<Blueprint>,
    /// The seed of the mock exam printed after each exam, if the book prints one.
    mock: Option<u64>,
}

impl ExamKind {
    /// Exams drawn by `blueprint`'s weights, with its shape as their default;
    /// with `mock`, each page also carries a mock exam for print drawn with
    /// that seed.
    pub(crate) fn new(blueprint: Arc<Blueprint>, mock: Option<u64>) -> Self {
        ExamKind { blueprint, mock }
    }
}

/// Every exam of the book: its id and page.
#[derive(Debug, Default)]
pub(crate) struct ExamPages(pub Vec<(String, PathBuf)>);

impl Kind for ExamKind {
    fn fence(&self) -> &'static str {
        "exam"
    }

    fn parse(&self, body: &str, _cx: &BlockCx) -> Parsed {
        let (spec, problems) = super::parse(body);
        let block = spec.map(|spec| {
            Box::new(ExamBlock {
                spec,
                page: None,
                bank: None,
                blueprint: self.blueprint.clone(),
                mock_seed: self.mock,
                mock: None,
            }) as Box<dyn Block>
        });
        Parsed::new(block, problems)
    }

    fn gathers(&self) -> bool {
        true
    }

    /// The mock exam's answers, when the book prints one.
    fn leaves_out_of_search(&self) -> bool {
        self.mock.is_some()
    }

    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }

    /// Each exam's attempt in progress and its last finished one.
    fn stored_keys(&self, index: &Index) -> Vec<String> {
        let exams = index.get::<ExamPages>().map(|e| e.0.as_slice()).unwrap_or_default();
        exams.iter().flat_map(|(id, _)| [format!("exam:{id}"), format!("exam:{id}:last")]).collect()
    }
}

/// An exam ready to render.
#[derive(Debug)]
pub(crate) struct ExamPage {
    /// Keys the learner's attempts: the page and the block's place on it.
    pub id: String,
    pub title: Option<String>,
    pub questions: u32,
    pub minutes: u32,
    pub pass: u32,
    /// The file in `studyguide/` that holds its bank (`crate::quiz::Bank`).
    pub bank_file: String,
    /// The quizzes it draws from, for readers without script.
    pub quizzes: Vec<QuizLink>,
}

/// A quiz the exam draws from: its chapter's title, and the link to it from
/// the exam's page in the site and in the sources.
#[derive(Debug)]
pub(crate) struct QuizLink {
    pub title: String,
    pub href: String,
    pub markdown_href: String,
}

struct ExamBlock {
    spec: ExamSpec,
    page: Option<ExamPage>,
    /// Its bank's file, once resolved for the site.
    bank: Option<PageFile>,
    blueprint: Arc<Blueprint>,
    mock_seed: Option<u64>,
    /// The mock exam for print, rendered once the bank is drawn.
    mock: Option<Markup>,
}

fn exam_id(cx: &BlockCx) -> String {
    format!("{}-exam{}", cx.slug, cx.ordinal)
}

impl Block for ExamBlock {
    fn index(&self, cx: &BlockCx, index: &mut Index, _problems: &mut Vec<Problem>) {
        index.part::<ExamPages>().0.push((exam_id(cx), cx.chapter.to_owned()));
    }

    fn resolve(&mut self, cx: &ResolveCx, problems: &mut Vec<Problem>) {
        let pages = cx.pages;
        let here = cx.block.chapter;
        let mut chosen: HashSet<&str> = HashSet::new();
        for chapter in &self.spec.chapters {
            let target = Pages::resolve(here, chapter.value.trim());
            match pages.chapter_of(&target) {
                Some(found) => {
                    chosen.insert(found.slug.as_str());
                }
                None => problems.push(
                    Problem::new(
                        chapter.span.clone(),
                        format!(
                            "exam block: `chapters` names `{}`, which is not a page of the book",
                            target.display()
                        ),
                    )
                    .hint(chapter_hint(pages)),
                ),
            }
        }
        let none = PublishedQuestions::default();
        let published = cx.index.get::<PublishedQuestions>().unwrap_or(&none);
        let in_scope = |page: &Path| {
            chosen.is_empty() || pages.chapter_of(page).is_some_and(|c| chosen.contains(c.slug.as_str()))
        };
        let bank =
            Bank::new(here, &published.0, pages, cx.block.style, &self.blueprint, |q| in_scope(&q.page));
        let shape = self.spec.shape(&self.blueprint);
        let whole = 0..0;
        if bank.questions.is_empty() {
            let scope = if chosen.is_empty() {
                "the book has no quiz questions"
            } else {
                "its chapters have no quiz questions"
            };
            problems.push(
                Problem::new(whole, format!("exam block: there is nothing to draw from: {scope}"))
                    .hint("an exam is drawn from the ```quiz blocks of the book's chapters"),
            );
            return;
        }
        if bank.questions.len() < shape.questions as usize {
            problems.push(
                Problem::new(
                    whole,
                    format!(
                        "exam block: it asks for {} questions, but the quizzes it draws from have {}: it will draw {}",
                        shape.questions,
                        bank.questions.len(),
                        bank.questions.len()
                    ),
                )
                .hint("write more quiz questions, or set `questions` to what the book has")
                .warning_unless(false),
            );
        }
        let mut quizzes = Vec::new();
        let mut seen = HashSet::new();
        for q in published.0.iter().filter(|q| in_scope(&q.page)) {
            if seen.insert(q.page.clone()) {
                let title = pages
                    .chapter_of(&q.page)
                    .map_or_else(|| q.page.display().to_string(), |c| c.title.clone());
                quizzes.push(QuizLink {
                    title,
                    href: Pages::href(here, &q.page, ""),
                    markdown_href: relative_source(here, &q.page),
                });
            }
        }
        if let Some(seed) = self.mock_seed {
            let mock = super::mock::draw(&bank, shape.questions as usize, seed);
            self.mock = Some(super::mock::render(&mock, shape.minutes, shape.pass));
        }
        let id = exam_id(cx.block);
        let bank_file = format!("bank-{id}.js");
        if cx.block.target.writes_files() {
            let script = crate::html::bank_script(&bank_file, &bank);
            self.bank = Some(PageFile::new(bank_file.clone(), script.into_bytes()));
        }
        self.page = Some(ExamPage {
            id,
            title: self.spec.title.as_ref().map(|t| t.value.clone()),
            questions: shape.questions,
            minutes: shape.minutes,
            pass: shape.pass,
            bank_file,
            quizzes,
        });
    }

    fn files(&mut self) -> Vec<PageFile> {
        self.bank.take().into_iter().collect()
    }

    fn render_html(&self, cx: &BlockCx) -> Markup {
        let Some(page) = &self.page else { return Markup::default() };
        let exam = super::html::render_html(page, cx.style);
        match &self.mock {
            Some(mock) => crate::html::html! { (exam) (mock) },
            None => exam,
        }
    }

    /// The exam without the mock exam's answers.
    fn render_search_html(&self, cx: &BlockCx) -> Markup {
        self.page.as_ref().map(|page| super::html::render_html(page, cx.style)).unwrap_or_default()
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        self.page.as_ref().map(super::html::render_markdown).unwrap_or_default()
    }
}

/// The chapters an exam can name.
fn chapter_hint(pages: &Pages) -> String {
    let named: Vec<String> = pages
        .chapters()
        .iter()
        .filter_map(|c| c.path.as_ref())
        .map(|p| format!("\"{}\"", p.display()))
        .collect();
    format!("name a chapter's page, relative to this page: {}", named.join(", "))
}

/// The link to `to` from `from` as a Markdown source link (`../a/quiz.md`).
fn relative_source(from: &Path, to: &Path) -> String {
    let html = Pages::href(from, to, "");
    let md = to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match html.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{md}"),
        None => md,
    }
}
