//! Practice exams: a fenced ```` ```exam ```` block whose body (TOML, every
//! key optional) says how the exam is drawn from the book's quizzes:
//!
//! ```toml
//! title = "Practice exam"
//! questions = 65        # as SAA-C03
//! minutes = 130
//! pass = 72             # percent
//! chapters = ["serverless-containers/index.md"]   # default: every chapter
//! ```
//!
//! The page carries the bank of questions (`quiz::Bank`) and
//! `theme/exam.js` runs the exam: start screen, one question a screen,
//! flags, a navigator, the countdown, the review screen and the results.

mod html;
mod kind;

pub(crate) use kind::{ExamKind, ExamPage, ExamPages};

use crate::problem::Problem;
use crate::quiz::Text;
use crate::toml_body::{self, Schema};
use serde::Deserialize;
use toml::Spanned;

/// SAA-C03's length, time and pass mark (720 of 1,000 is a scaled score;
/// 72 % is the nearest plain reading of it, which the page says it is not).
pub(crate) const DEFAULT_QUESTIONS: u32 = 65;
pub(crate) const DEFAULT_MINUTES: u32 = 130;
pub(crate) const DEFAULT_PASS: u32 = 72;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExamSpec {
    pub title: Option<Text>,
    pub questions: u32,
    pub minutes: u32,
    pub pass: u32,
    /// Chapter pages, relative to the exam's page; empty for every chapter.
    pub chapters: Vec<Text>,
}

#[derive(Deserialize)]
struct RawExam {
    title: Option<Spanned<String>>,
    questions: Option<Spanned<i64>>,
    minutes: Option<Spanned<i64>>,
    pass: Option<Spanned<i64>>,
    chapters: Option<Vec<Spanned<String>>>,
}

/// Parses an exam block's body.
pub(crate) fn parse(body: &str) -> (Option<ExamSpec>, Vec<Problem>) {
    let raw: RawExam = match toml_body::parse(body, "exam", &Schema::of::<RawExam>()) {
        Ok(raw) => raw,
        Err(problems) => return (None, problems),
    };
    let mut problems = Vec::new();
    let mut number = |value: Option<Spanned<i64>>, name: &str, default: u32, range: (i64, i64)| match value {
        None => default,
        Some(v) if (range.0..=range.1).contains(v.get_ref()) => *v.get_ref() as u32,
        Some(v) => {
            problems.push(Problem::new(
                v.span(),
                format!(
                    "exam block: `{name}` is {}; it must be from {} to {}",
                    v.get_ref(),
                    range.0,
                    range.1
                ),
            ));
            default
        }
    };
    let questions = number(raw.questions, "questions", DEFAULT_QUESTIONS, (1, 1000));
    let minutes = number(raw.minutes, "minutes", DEFAULT_MINUTES, (1, 1440));
    let pass = number(raw.pass, "pass", DEFAULT_PASS, (1, 100));
    let text = |s: Spanned<String>| Text { span: s.span(), value: s.into_inner() };
    let title = raw.title.map(text).filter(|t| !t.value.trim().is_empty());
    let chapters = raw.chapters.unwrap_or_default().into_iter().map(text).collect();
    let spec = ExamSpec { title, questions, minutes, pass, chapters };
    (Some(spec), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let (spec, problems) = parse("");
        assert!(problems.is_empty());
        let spec = spec.unwrap();
        assert_eq!((spec.questions, spec.minutes, spec.pass), (65, 130, 72));
        assert!(spec.title.is_none() && spec.chapters.is_empty());
    }

    #[test]
    fn reads_every_key() {
        let (spec, problems) =
            parse("title = \"Mock\"\nquestions = 10\nminutes = 20\npass = 70\nchapters = [\"a/index.md\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        let spec = spec.unwrap();
        assert_eq!(spec.title.unwrap().value, "Mock");
        assert_eq!((spec.questions, spec.minutes, spec.pass), (10, 20, 70));
        assert_eq!(spec.chapters[0].value, "a/index.md");
    }

    #[test]
    fn out_of_range_numbers_and_unknown_keys_are_reported_where_they_are() {
        let body = "questions = 0\npass = 101\n";
        let (_, problems) = parse(body);
        assert_eq!(problems.len(), 2);
        assert_eq!(&body[problems[0].span.clone()], "0");
        assert!(problems[0].message.contains("`questions` is 0; it must be from 1 to 1000"));
        assert!(problems[1].message.contains("`pass` is 101"));
        let (spec, problems) = parse("minuts = 5\n");
        assert!(spec.is_none());
        assert!(problems[0].message.contains("unknown field `minuts`"), "{problems:?}");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `minutes`?"));
        let (_, problems) = parse("questions = \"ten\"\n");
        assert!(problems[0].message.starts_with("exam block:"), "{problems:?}");
    }
}
