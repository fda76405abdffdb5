//! The book's questions as the pages that gather them carry them (the
//! practice exam, the review page): every quiz's questions, rendered once,
//! as JSON for the page's script.

use super::{RenderedQuestion, count_word};
use crate::blueprint::Blueprint;
use crate::markdown::{MarkdownStyle, render_block, render_inline};
use crate::pages::Pages;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A question a quiz published, and the page it is on.
#[derive(Debug, Clone)]
pub(crate) struct PublishedQuestion {
    /// The quiz's page under `src/`.
    pub page: PathBuf,
    pub question: RenderedQuestion,
}

/// Every question of the book's quizzes, in book order.
#[derive(Debug, Default)]
pub(crate) struct PublishedQuestions(pub Vec<PublishedQuestion>);

/// What a page's script gets: the chapters, the exam domains and the
/// questions, with links relative to that page. The HTML in it is author
/// Markdown rendered and sanitised.
#[derive(Debug, Serialize)]
pub(crate) struct Bank {
    pub chapters: Vec<BankChapter>,
    /// The blueprint's domains (none without one).
    pub domains: Vec<BankDomain>,
    /// The blueprint's task statements, each with its domain.
    pub tasks: Vec<BankTask>,
    /// The real exam, when the blueprint names it.
    pub exam: Option<BankExam>,
    pub questions: Vec<BankQuestion>,
}

/// The exam a book prepares for, as its blueprint names it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BankExam {
    pub name: Option<String>,
    /// How the real exam states its pass mark, for the results screen.
    pub pass_note: Option<String>,
    /// The minutes more the real exam grants on request, if it does.
    pub extra_minutes: Option<u32>,
}

#[derive(Debug, Serialize)]
pub(crate) struct BankChapter {
    pub id: String,
    pub title: String,
    /// Its (first) quiz page.
    pub quiz: String,
    /// How many of the bank's questions are from it.
    pub size: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct BankDomain {
    pub key: String,
    pub title: String,
    pub weight: u32,
}

#[derive(Debug, Serialize)]
pub(crate) struct BankTask {
    pub key: String,
    pub title: String,
    pub domain: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct BankQuestion {
    pub id: String,
    pub hash: String,
    pub chapter: String,
    pub domain: Option<String>,
    pub task: Option<String>,
    pub prompt: String,
    pub choose: Option<String>,
    pub choices: Vec<BankChoice>,
    pub answer: Vec<usize>,
    pub explanation: String,
    pub see: Option<BankSee>,
    /// The question in its chapter quiz.
    pub quiz: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct BankChoice {
    pub html: String,
    pub why: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct BankSee {
    pub title: String,
    pub href: String,
}

impl Bank {
    /// The bank for the page `from`, of the questions `keep` lets through.
    pub(crate) fn new(
        from: &Path,
        published: &[PublishedQuestion],
        pages: &Pages,
        style: MarkdownStyle,
        blueprint: &Blueprint,
        keep: impl Fn(&PublishedQuestion) -> bool,
    ) -> Bank {
        let mut chapters: Vec<BankChapter> = Vec::new();
        // A chapter's place in `chapters`, by its slug.
        let mut places: HashMap<&str, usize> = HashMap::new();
        let mut questions = Vec::new();
        for entry in published.iter().filter(|p| keep(p)) {
            let chapter_id = match pages.chapter_of(&entry.page) {
                Some(chapter) => {
                    let place = *places.entry(&chapter.slug).or_insert_with(|| {
                        chapters.push(BankChapter {
                            id: chapter.slug.clone(),
                            title: chapter.title.clone(),
                            quiz: Pages::href(from, &entry.page, ""),
                            size: 0,
                        });
                        chapters.len() - 1
                    });
                    chapters[place].size += 1;
                    chapter.slug.clone()
                }
                None => String::new(),
            };
            questions.push(bank_question(from, entry, chapter_id, style));
        }
        let domains = blueprint
            .domains
            .iter()
            .map(|d| BankDomain { key: d.key.clone(), title: d.title.clone(), weight: d.weight })
            .collect();
        let tasks = blueprint
            .domains
            .iter()
            .flat_map(|d| {
                d.tasks.iter().map(|t| BankTask {
                    key: t.key.clone(),
                    title: t.title.clone(),
                    domain: d.key.clone(),
                })
            })
            .collect();
        let exam =
            (blueprint.exam.is_some() || blueprint.pass_note.is_some() || blueprint.extra_minutes.is_some())
                .then(|| BankExam {
                    name: blueprint.exam.clone(),
                    pass_note: blueprint.pass_note.clone(),
                    extra_minutes: blueprint.extra_minutes,
                });
        Bank { chapters, domains, tasks, exam, questions }
    }
}

fn bank_question(
    from: &Path,
    entry: &PublishedQuestion,
    chapter: String,
    style: MarkdownStyle,
) -> BankQuestion {
    let q = &entry.question;
    BankQuestion {
        id: q.key.clone(),
        hash: q.content_hash.clone(),
        chapter,
        domain: q.exam.as_ref().map(|e| e.domain.clone()),
        task: q.exam.as_ref().and_then(|e| e.task.clone()),
        prompt: render_inline(&q.prompt, style).into_string(),
        choose: (q.answer.len() > 1).then(|| count_word(q.answer.len())),
        choices: q
            .choices
            .iter()
            .map(|(text, why)| BankChoice {
                html: render_inline(text, style).into_string(),
                why: why.as_ref().map(|w| render_block(w, style).into_string()),
            })
            .collect(),
        answer: q.answer.clone(),
        explanation: render_block(&q.explanation, style).into_string(),
        see: q
            .see
            .as_ref()
            .map(|see| BankSee { title: see.title.clone(), href: Pages::href(from, &see.page, &see.anchor) }),
        quiz: Pages::href(from, &entry.page, &format!("sg-q-{}", q.key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_gathering_page_and_html_is_rendered() {
        let mut question = RenderedQuestion::new(
            "q1".into(),
            "Pick *one* <img src=x onerror=alert(1)>".into(),
            vec![("a".into(), Some("Not **a**.".into())), ("b".into(), None)],
            vec![1],
            "B.".into(),
        );
        question.see = Some(super::super::See {
            title: "1.2 Limits".into(),
            markdown_href: "lambda.md#limits".into(),
            html_href: "lambda.html#limits".into(),
            page: "ch/lambda.md".into(),
            anchor: "limits".into(),
        });
        question.exam = Some(super::super::ExamPlace {
            domain: "cost".into(),
            domain_title: "Cost".into(),
            task: Some("4.1".into()),
            task_title: Some("Storage".into()),
        });
        let published = vec![PublishedQuestion { page: "ch/quiz.md".into(), question }];
        let blueprint: Blueprint = toml::from_str(
            "[[domains]]\nkey = \"secure\"\ntitle = \"S\"\nweight = 70\n[[domains]]\nkey = \"cost\"\ntitle = \"C\"\nweight = 30\ntasks = [{ key = \"4.1\", title = \"Storage\" }]\n",
        )
        .unwrap();
        let bank = Bank::new(
            Path::new("practice/exam.md"),
            &published,
            &Pages::default(),
            MarkdownStyle::default(),
            &blueprint,
            |_| true,
        );
        let q = &bank.questions[0];
        assert_eq!(q.prompt, "Pick <em>one</em> <img src=\"x\">");
        assert_eq!(q.choices[0].why.as_deref(), Some("<p>Not <strong>a</strong>.</p>"));
        assert_eq!(q.see.as_ref().unwrap().href, "../ch/lambda.html#limits");
        assert_eq!(q.quiz, "../ch/quiz.html#sg-q-q1");
        assert_eq!((q.domain.as_deref(), q.task.as_deref()), (Some("cost"), Some("4.1")));
        assert_eq!(q.choose, None);
        assert_eq!(bank.domains.iter().map(|d| d.weight).sum::<u32>(), 100);
        assert_eq!(bank.tasks[0].domain, "cost");
    }
}
