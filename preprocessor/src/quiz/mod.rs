//! Quiz blocks: a fenced ```` ```quiz ```` block whose body is TOML.
//!
//! ```toml
//! title = "Chapter quiz"          # optional
//!
//! [[question]]
//! id = "lambda-max-timeout"       # optional, stable across edits
//! prompt = "What is the maximum execution time for AWS Lambda?"
//! choices = ["5 minutes", "10 minutes", "15 minutes", "30 minutes"]
//! answer = "C"                    # or ["A", "C"] for "choose two"
//! explanation = "Lambda's maximum timeout is 15 minutes (900 seconds)."
//! cites = "lambda.timeout"        # optional: the limit this question tests
//! ```
//!
//! A choice may also be a table, `{ text = "…", explanation = "why" }`, to say
//! why a distractor is wrong.

mod bank;
mod html;
mod kind;
mod markdown;
mod parse;
mod place;

pub(crate) use bank::{Bank, BankQuestion, PublishedQuestion, PublishedQuestions};
pub(crate) use html::{render_html, render_search_html};
pub(crate) use kind::QuizKind;
pub(crate) use markdown::render_markdown;
pub(crate) use parse::{is_valid_id, parse};
pub(crate) use place::{place, places};

use std::ops::Range;

/// A piece of author text and where it sits in the block body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub value: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quiz {
    pub title: Option<Text>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Question {
    /// The author's id, if given; see [`Question::key`].
    pub id: Option<Text>,
    pub prompt: Text,
    pub choices: Vec<Choice>,
    /// Indices of the correct choices, in order.
    pub answer: Vec<usize>,
    pub explanation: Text,
    /// A limit id (and optional selector) whose value the answer states.
    pub cites: Option<Text>,
    /// Where the book teaches it: a link to a page and heading anchor.
    pub see: Option<Text>,
    /// Its exam domain and task statement, as the author (or the quiz) wrote
    /// them; the book's blueprint judges them (`kind.rs`).
    pub domain: Option<Text>,
    pub task: Option<Text>,
    /// Whether `domain` and `task` are the quiz's, not the question's own.
    pub tags_from_quiz: bool,
    /// The whole `[[question]]` table.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub text: Text,
    pub explanation: Option<Text>,
}

impl Question {
    #[cfg(test)]
    pub(crate) fn is_multi_answer(&self) -> bool {
        self.answer.len() > 1
    }
}

/// The letter shown for choice `index`: A, B, C…
pub(crate) fn letter(index: usize) -> char {
    (b'A' + (index % 26) as u8) as char
}

/// "TWO", "THREE"…, as the exam writes it.
pub(crate) fn count_word(n: usize) -> String {
    const WORDS: [&str; 9] = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
    WORDS.get(n.wrapping_sub(1)).map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// A question ready to render: author text with references expanded, a
/// stable key and a hash of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RenderedQuestion {
    /// Unique across the book: the author's id, or one derived from the chapter.
    pub key: String,
    /// Changes whenever what the learner sees or the answer changes.
    pub content_hash: String,
    pub prompt: String,
    pub choices: Vec<(String, Option<String>)>,
    pub answer: Vec<usize>,
    pub explanation: String,
    /// Where the book teaches it; not part of the hash, as it changes no answer.
    pub see: Option<See>,
    /// Its place in the exam's blueprint, if the book has one.
    pub exam: Option<ExamPlace>,
}

/// Where a question sits in the book's blueprint: its domain and, when it
/// names one, its task statement (keys and titles).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ExamPlace {
    pub domain: String,
    pub domain_title: String,
    pub task: Option<String>,
    pub task_title: Option<String>,
}

/// The section a question sends the learner to: "Read: 1.6 Concurrency".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct See {
    /// The heading's text.
    pub title: String,
    /// The link as the author wrote it, for Markdown renderers.
    pub markdown_href: String,
    /// The same link to the built page.
    pub html_href: String,
    /// The page it points at, under `src/`, and the heading's id, for links
    /// from other pages (the exam's).
    pub page: std::path::PathBuf,
    pub anchor: String,
}

/// A quiz ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RenderedQuiz {
    pub title: Option<String>,
    pub questions: Vec<RenderedQuestion>,
}

impl RenderedQuestion {
    /// Builds a question from expanded author text, computing its hash.
    pub(crate) fn new(
        key: String,
        prompt: String,
        choices: Vec<(String, Option<String>)>,
        answer: Vec<usize>,
        explanation: String,
    ) -> Self {
        let content_hash = crate::hash::short_hash(&[
            &prompt,
            &serde_json::to_string(&choices).unwrap_or_default(),
            &serde_json::to_string(&answer).unwrap_or_default(),
            &explanation,
        ]);
        RenderedQuestion { key, content_hash, prompt, choices, answer, explanation, see: None, exam: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_counts() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(3), 'D');
        assert_eq!(count_word(2), "TWO");
        assert_eq!(count_word(12), "12");
    }

    #[test]
    fn the_hash_changes_with_content_only() {
        let q = |prompt: &str, answer: usize| {
            RenderedQuestion::new(
                "k".into(),
                prompt.into(),
                vec![("a".into(), None), ("b".into(), None)],
                vec![answer],
                "e".into(),
            )
        };
        assert_eq!(q("p", 0).content_hash, q("p", 0).content_hash);
        assert_ne!(q("p", 0).content_hash, q("p2", 0).content_hash);
        assert_ne!(q("p", 0).content_hash, q("p", 1).content_hash);
    }
}
