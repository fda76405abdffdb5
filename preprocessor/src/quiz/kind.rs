//! The quiz's life cycle: parsed, its ids indexed for the whole book, its
//! text expanded and its citations checked, then rendered.

use super::{Quiz, RenderedQuestion, RenderedQuiz, Text};
use crate::html::Markup;
use crate::kind::{Block, BlockCx, Index, Kind, Parsed, ResolveCx};
use crate::limits::{self, LimitRef, Registry};
use crate::problem::Problem;
use std::collections::HashMap;

/// ```` ```quiz ```` blocks.
pub struct QuizKind;

impl Kind for QuizKind {
    fn fence(&self) -> &'static str {
        "quiz"
    }

    fn parse(&self, body: &str, cx: &BlockCx) -> Parsed {
        let (quiz, problems) = super::parse(body);
        let block = quiz.map(|quiz| {
            let keys = quiz
                .questions
                .iter()
                .enumerate()
                .map(|(n, q)| match &q.id {
                    Some(id) => id.value.clone(),
                    None => format!("{}-quiz{}-{}", cx.slug, cx.ordinal, n + 1),
                })
                .collect();
            Box::new(QuizBlock { quiz, keys, rendered: None }) as Box<dyn Block>
        });
        Parsed::new(block, problems)
    }
}

/// Every author-given question id of the book, with where it first appears.
#[derive(Default)]
pub struct QuestionIds(HashMap<String, String>);

struct QuizBlock {
    quiz: Quiz,
    /// Each question's key: its id, or one derived from the chapter.
    keys: Vec<String>,
    /// Filled in by `resolve`.
    rendered: Option<RenderedQuiz>,
}

impl Block for QuizBlock {
    fn index(&self, cx: &BlockCx, index: &mut Index, problems: &mut Vec<Problem>) {
        let ids = index.part::<QuestionIds>();
        for id in self.quiz.questions.iter().filter_map(|q| q.id.as_ref()) {
            match ids.0.get(&id.value) {
                Some(first) => problems.push(
                    Problem::new(id.span.clone(), format!("question id `{}` is already used at {first}", id.value))
                        .hint("ids must be unique across the book: they key each reader's saved answers"),
                ),
                None => {
                    ids.0.insert(id.value.clone(), cx.location_of(id.span.clone()));
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
        for (n, (q, key)) in self.quiz.questions.iter().zip(&self.keys).enumerate() {
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
            questions.push(RenderedQuestion::new(key.clone(), prompt, choices, q.answer.clone(), explanation));
        }
        self.rendered = Some(RenderedQuiz { title: self.quiz.title.as_ref().map(|t| t.value.clone()), questions });
    }

    fn render_html(&self, cx: &BlockCx) -> Markup {
        match &self.rendered {
            Some(quiz) => super::render_html(quiz, cx.style),
            None => Markup::default(),
        }
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        self.rendered.as_ref().map(super::render_markdown).unwrap_or_default()
    }
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
            problems.push(Problem::new(cites.span.clone(), format!("question {number}: {}", problem.message)));
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
