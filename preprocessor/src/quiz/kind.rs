//! The quiz's life cycle: parsed, its ids indexed for the whole book, its
//! text expanded and its citations checked, then rendered.

use super::{PublishedQuestion, PublishedQuestions, Quiz, RenderedQuestion, RenderedQuiz, See, Text};
use crate::blueprint::Blueprint;
use crate::browser::{BrowserModule, Need};
use crate::config::QuizConfig;
use crate::embedded::{self, theme};
use crate::html::Markup;
use crate::lifecycle::{Block, BlockCx, Index, Kind, Parsed, ResolveCx};
use crate::limits::{self, LimitRef, Registry};
use crate::pages::Pages;
use crate::problem::Problem;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The quiz's script (`theme/quiz.js`).
static BROWSER: BrowserModule = BrowserModule {
    name: "quiz",
    scripts: &[theme!("sure.js"), theme!("quiz.js")],
    styles: &[embedded::STYLES],
    needs: &[Need::Storage, Need::Log],
};

/// ```` ```quiz ```` blocks.
pub(crate) struct QuizKind {
    config: QuizConfig,
    blueprint: Arc<Blueprint>,
}

impl QuizKind {
    /// Quizzes checked as `config` says, their questions placed in `blueprint`.
    pub(crate) fn new(config: QuizConfig, blueprint: Arc<Blueprint>) -> Self {
        QuizKind { config, blueprint }
    }
}

/// Every question of the book, in book order, with what an exam or a
/// dashboard needs to know of it.
#[derive(Debug, Default)]
pub(crate) struct QuestionBank {
    pub questions: Vec<BankEntry>,
}

#[derive(Debug, Clone)]
pub(crate) struct BankEntry {
    /// The chapter's path under `src/`.
    pub chapter: PathBuf,
    /// Its domain's and task statement's keys in the blueprint.
    pub domain: Option<String>,
    pub task: Option<String>,
}

impl Kind for QuizKind {
    fn fence(&self) -> &'static str {
        "quiz"
    }

    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }

    /// Its answers, explanations and answer key: searching must not reveal them.
    fn leaves_out_of_search(&self) -> bool {
        true
    }

    /// Each question's saved answer.
    fn stored_keys(&self, index: &Index) -> Vec<String> {
        let published = index.get::<PublishedQuestions>().map(|p| p.0.as_slice()).unwrap_or_default();
        published.iter().map(|q| format!("quiz:{}", q.question.key)).collect()
    }

    fn parse(&self, body: &str, _cx: &BlockCx) -> Parsed {
        let (quiz, problems) = super::parse(body);
        let block = quiz.map(|quiz| {
            Box::new(QuizBlock {
                quiz,
                config: self.config,
                blueprint: self.blueprint.clone(),
                rendered: None,
            }) as Box<dyn Block>
        });
        Parsed::new(block, problems)
    }

    /// With a blueprint: per chapter, how many questions each domain has,
    /// and the coverage of the blueprint: each domain's and task statement's
    /// questions, their share against its weight, and the task statements
    /// below the blueprint's minimum.
    fn summary(&self, index: &Index) -> Option<String> {
        let bank = index.get::<QuestionBank>()?;
        let blueprint = &self.blueprint;
        if blueprint.domains.is_empty() {
            return None;
        }
        let mut by_chapter: BTreeMap<&Path, Vec<&BankEntry>> = BTreeMap::new();
        for entry in &bank.questions {
            by_chapter.entry(&entry.chapter).or_default().push(entry);
        }
        let all: Vec<&BankEntry> = bank.questions.iter().collect();
        let mut out = String::from("Questions by exam domain:");
        for (chapter, entries) in &by_chapter {
            let _ = write!(out, "\n  {}: {}", chapter.display(), domain_counts(entries, blueprint));
        }
        let _ = write!(out, "\n  the whole book: {}", domain_counts(&all, blueprint));
        let _ = write!(out, "\n{}", coverage(&all, blueprint));
        Some(out)
    }
}

/// "41 questions: secure 9, resilient 16, performant 14, cost 2".
fn domain_counts(entries: &[&BankEntry], blueprint: &Blueprint) -> String {
    let mut parts: Vec<String> = blueprint
        .domains
        .iter()
        .map(|d| {
            format!("{} {}", d.key, entries.iter().filter(|e| e.domain.as_deref() == Some(&d.key)).count())
        })
        .collect();
    let untagged = entries.iter().filter(|e| e.domain.is_none()).count();
    if untagged > 0 {
        parts.push(format!("no domain {untagged}"));
    }
    let plural = if entries.len() == 1 { "" } else { "s" };
    format!("{} question{plural}: {}", entries.len(), parts.join(", "))
}

/// The blueprint's coverage, as `check` prints it: a row per domain and
/// per task statement (its questions and their share of the book's, beside
/// the domain's weight), then a warning for each task statement below the
/// blueprint's minimum or with none.
fn coverage(entries: &[&BankEntry], blueprint: &Blueprint) -> String {
    let total = entries.len();
    let share = |n: usize| {
        if total == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * n as f64 / total as f64) }
    };
    let min = blueprint.min_task_questions();
    let mut rows: Vec<[String; 4]> = vec![[
        "Domain / task statement".to_owned(),
        "Questions".to_owned(),
        "Share".to_owned(),
        "Weight".to_owned(),
    ]];
    let mut short = Vec::new();
    for d in &blueprint.domains {
        let n = entries.iter().filter(|e| e.domain.as_deref() == Some(&d.key)).count();
        rows.push([format!("{}: {}", d.key, d.title), n.to_string(), share(n), format!("{}%", d.weight)]);
        for t in &d.tasks {
            let k = entries.iter().filter(|e| e.task.as_deref() == Some(&t.key)).count();
            rows.push([format!("  {} {}", t.key, t.title), k.to_string(), share(k), String::new()]);
            if k < min || k == 0 {
                short.push(format!(
                    "warning: task statement {} ({}) has {k} question{}; the blueprint asks for at least {min}",
                    t.key,
                    t.title,
                    if k == 1 { "" } else { "s" }
                ));
            }
        }
    }
    let width = |c: usize| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2), width(3)];
    let mut out = String::from("Coverage of the exam's blueprint:");
    for row in &rows {
        let _ = write!(
            out,
            "\n  {:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
        out.truncate(out.trim_end().len());
    }
    for line in short {
        let _ = write!(out, "\n{line}");
    }
    out
}

/// Every question id of the book, given or made from the page, with where
/// it first appears.
#[derive(Default)]
pub(crate) struct QuestionIds(HashMap<String, String>);

struct QuizBlock {
    quiz: Quiz,
    config: QuizConfig,
    blueprint: Arc<Blueprint>,
    /// Filled in by `resolve`.
    rendered: Option<RenderedQuiz>,
}

impl Block for QuizBlock {
    fn index(&self, cx: &BlockCx, index: &mut Index, problems: &mut Vec<Problem>) {
        let bank = index.part::<QuestionBank>();
        let places = super::places(&self.quiz, &self.blueprint, problems);
        for place in places {
            bank.questions.push(BankEntry {
                chapter: cx.chapter.to_owned(),
                domain: place.as_ref().map(|p| p.domain.clone()),
                task: place.and_then(|p| p.task),
            });
        }
        // Ids an author gives and ids made from the page share one
        // namespace: a page can declare `c-quiz1-1` explicitly.
        let ids = index.part::<QuestionIds>();
        for (n, q) in self.quiz.questions.iter().enumerate() {
            let key = question_key(q, n, cx);
            let (span, made) = match &q.id {
                Some(id) => (id.span.clone(), false),
                None => (q.span.start..q.span.start, true),
            };
            match ids.0.get(&key) {
                Some(first) => {
                    let (message, hint) = if made {
                        (
                            format!(
                                "question {}'s id `{key}`, made from its page, is already used at {first}",
                                n + 1
                            ),
                            "give this question an `id` of its own: ids must be unique across the book, they key each reader's saved answers",
                        )
                    } else {
                        (
                            format!("question id `{key}` is already used at {first}"),
                            "ids must be unique across the book: they key each reader's saved answers",
                        )
                    };
                    problems.push(Problem::new(span, message).hint(hint));
                }
                None => {
                    let at = cx.location_of(span);
                    let first = if made { format!("{at}, made from that question's page") } else { at };
                    ids.0.insert(key, first);
                }
            }
        }
    }

    fn resolve(&mut self, cx: &ResolveCx, problems: &mut Vec<Problem>) {
        let no_limits = Registry::default();
        let registry = cx.index.get::<Registry>().unwrap_or(&no_limits);
        // Author strings are TOML strings: +1 steps over the opening quote.
        let expand = |text: &Text, problems: &mut Vec<Problem>| {
            cx.expand(&text.value, |p| problems.push(p.shifted(text.span.start + 1)))
        };
        let mut questions = Vec::with_capacity(self.quiz.questions.len());
        for (n, q) in self.quiz.questions.iter().enumerate() {
            let key = question_key(q, n, cx.block);
            let prompt = expand(&q.prompt, problems);
            let choices: Vec<(String, Option<String>)> = q
                .choices
                .iter()
                .map(|c| (expand(&c.text, problems), c.explanation.as_ref().map(|w| expand(w, problems))))
                .collect();
            let explanation = expand(&q.explanation, problems);
            if let Some(cites) = &q.cites {
                check_citation(n + 1, q, cites, &choices, registry, problems);
            }
            let mut rendered = RenderedQuestion::new(key, prompt, choices, q.answer.clone(), explanation);
            // Problems of the place were reported when it was indexed.
            rendered.exam = super::place(q, n, &self.blueprint, &mut Vec::new());
            if rendered.exam.is_none()
                && !self.blueprint.domains.is_empty()
                && q.task.is_none()
                && q.domain.is_none()
            {
                let at = q.span.start..q.span.start;
                problems.push(
                    Problem::new(at, format!("question {} has no exam task statement or domain", n + 1))
                        .hint("add task = \"…\" (a task statement of the book's blueprint), or one for the whole quiz")
                        .warning_unless(self.config.require_domain),
                );
            }
            rendered.see = match &q.see {
                Some(see) => resolve_see(n + 1, see, cx, problems),
                None => {
                    let at = q.span.start..q.span.start;
                    problems.push(
                        Problem::new(
                            at,
                            format!("question {} does not say where the book teaches it", n + 1),
                        )
                        .hint("add see = \"page.md#section\": learners get a link to read after answering")
                        .warning_unless(self.config.require_see),
                    );
                    None
                }
            };
            questions.push(rendered);
        }
        self.rendered =
            Some(RenderedQuiz { title: self.quiz.title.as_ref().map(|t| t.value.clone()), questions });
    }

    /// Its questions, for the exam and review pages.
    fn publish(&self, cx: &BlockCx, index: &mut Index) {
        let Some(quiz) = &self.rendered else { return };
        let published = index.part::<PublishedQuestions>();
        for question in &quiz.questions {
            published.0.push(PublishedQuestion { page: cx.chapter.to_owned(), question: question.clone() });
        }
    }

    fn render_html(&self, cx: &BlockCx) -> Markup {
        match &self.rendered {
            Some(quiz) => super::render_html(quiz, cx.style),
            None => Markup::default(),
        }
    }

    fn render_search_html(&self, cx: &BlockCx) -> Markup {
        self.rendered.as_ref().map(|quiz| super::render_search_html(quiz, cx.style)).unwrap_or_default()
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        self.rendered.as_ref().map(super::render_markdown).unwrap_or_default()
    }
}

/// Question `n`'s key (from 0): its id, or one derived from its place in
/// the chapter, stable across builds.
fn question_key(question: &super::Question, n: usize, cx: &BlockCx) -> String {
    match &question.id {
        Some(id) => id.value.clone(),
        None => format!("{}-quiz{}-{}", cx.slug, cx.ordinal, n + 1),
    }
}

/// `see = "lambda.md#concurrency"`: a page of the book, relative to the
/// quiz's page, and a heading on it.
fn resolve_see(number: usize, see: &Text, cx: &ResolveCx, problems: &mut Vec<Problem>) -> Option<See> {
    let link = see.value.trim();
    let (page, anchor) = link.split_once('#').unwrap_or((link, ""));
    let target =
        if page.is_empty() { cx.block.chapter.to_owned() } else { Pages::resolve(cx.block.chapter, page) };
    let pages = cx.pages;
    let problem = |message: String| Problem::new(see.span.clone(), format!("question {number}: {message}"));
    let Some(headings) = pages.headings(&target) else {
        problems.push(
            problem(format!("`see` points at `{}`, which is not a page of the book", target.display()))
                .hint("link a chapter listed in SUMMARY.md, relative to this page"),
        );
        return None;
    };
    let heading = if anchor.is_empty() { headings.first() } else { headings.iter().find(|h| h.id == anchor) };
    let Some(heading) = heading else {
        let hint = match crate::toml_body::closest(anchor, headings.iter().map(|h| h.id.as_str())) {
            Some(best) => format!("did you mean `#{best}`?"),
            None => {
                let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).take(12).collect();
                format!("the headings of {} have the ids: {}", target.display(), ids.join(", "))
            }
        };
        problems.push(
            problem(format!("`see` points at `#{anchor}`, which no heading of {} has", target.display()))
                .hint(hint),
        );
        return None;
    };
    let html_page = if page.is_empty() {
        String::new()
    } else {
        crate::pages::html_path(Path::new(page)).to_string_lossy().into_owned()
    };
    let html_href = if anchor.is_empty() { html_page } else { format!("{html_page}#{anchor}") };
    Some(See {
        title: heading.text.clone(),
        markdown_href: link.to_owned(),
        html_href,
        page: target,
        anchor: anchor.to_owned(),
    })
}

/// A question that says `cites = "lambda.timeout"` must give that limit's
/// value as its answer.
fn check_citation(
    number: usize,
    question: &super::Question,
    cites: &Text,
    choices: &[(String, Option<String>)],
    registry: &Registry,
    problems: &mut Vec<Problem>,
) {
    let cited = LimitRef::parse(&cites.value).and_then(|r| registry.cited_quantity(&r).map(|q| (r, q)));
    let (reference, quantity) = match cited {
        Ok(found) => found,
        Err(problem) => {
            let mut found =
                Problem::new(cites.span.clone(), format!("question {number}: {}", problem.message));
            found.severity = problem.severity;
            problems.push(found);
            return;
        }
    };
    let Some(&answer) = question.answer.first() else { return };
    let Some((text, _)) = choices.get(answer) else { return };
    if let Some(message) = limits::check_cited_answer(text, &quantity, &reference.id) {
        problems.push(
            Problem::new(
                question.choices[answer].text.span.clone(),
                format!("question {number} contradicts the limit it cites: {message}"),
            )
            .hint("the limit table is the single source: fix the answer (or the table)"),
        );
    }
}
