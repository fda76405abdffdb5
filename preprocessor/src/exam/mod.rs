//! Practice exams: a fenced ```` ```exam ```` block whose body (TOML, every
//! key optional) says how the exam is drawn from the book's quizzes:
//!
//! ```toml
//! title = "Practice exam"
//! questions = 65        # default: the blueprint's, else 50
//! minutes = 130         # default: the blueprint's, else 2 a question
//! pass = 72             # percent; default: the blueprint's, else 70
//! chapters = ["serverless-containers/index.md"]   # default: every chapter
//! ```
//!
//! The page carries the bank of questions (`quiz::Bank`) and
//! `theme/exam.js` runs the exam: start screen, one question a screen,
//! flags, a navigator, the countdown, the review screen and the results.

mod html;
mod kind;
mod mock;

pub(crate) use kind::{ExamKind, ExamPage, ExamPages};

use crate::blueprint::Blueprint;
use crate::problem::Problem;
use crate::quiz::Text;
use crate::toml_body::{self, Schema};
use serde::Deserialize;
use toml::Spanned;

/// An exam's length, time a question and pass mark when neither the block
/// nor the book's blueprint gives them.
pub(crate) const DEFAULT_QUESTIONS: u32 = 50;
pub(crate) const DEFAULT_MINUTES_A_QUESTION: u32 = 2;
pub(crate) const DEFAULT_PASS: u32 = 70;

/// An exam block as written: what it leaves out comes from the book's
/// blueprint, then from the defaults above (`ExamSpec::shape`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExamSpec {
    pub title: Option<Text>,
    pub questions: Option<u32>,
    pub minutes: Option<u32>,
    pub pass: Option<u32>,
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
    let mut number = |value: Option<Spanned<i64>>, name: &str, range: (i64, i64)| match value {
        None => None,
        Some(v) if (range.0..=range.1).contains(v.get_ref()) => Some(*v.get_ref() as u32),
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
            None
        }
    };
    let questions = number(raw.questions, "questions", (1, 1000));
    let minutes = number(raw.minutes, "minutes", (1, 1440));
    let pass = number(raw.pass, "pass", (1, 100));
    let text = |s: Spanned<String>| Text { span: s.span(), value: s.into_inner() };
    let title = raw.title.map(text).filter(|t| !t.value.trim().is_empty());
    let chapters = raw.chapters.unwrap_or_default().into_iter().map(text).collect();
    let spec = ExamSpec { title, questions, minutes, pass, chapters };
    (Some(spec), problems)
}

/// An exam's length, minutes and pass mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    pub questions: u32,
    pub minutes: u32,
    pub pass: u32,
}

impl ExamSpec {
    /// The block's numbers, else the blueprint's, else the defaults; an
    /// exam that sets its length but not its time gets the blueprint's
    /// pace (or two minutes a question).
    pub(crate) fn shape(&self, blueprint: &Blueprint) -> Shape {
        let questions = self.questions.or(blueprint.questions).unwrap_or(DEFAULT_QUESTIONS);
        let minutes =
            self.minutes.unwrap_or_else(|| match (self.questions, blueprint.questions, blueprint.minutes) {
                (None, _, Some(m)) => m,
                (Some(q), Some(bq), Some(bm)) if bq > 0 => {
                    let paced = (u64::from(q) * u64::from(bm)).div_ceil(u64::from(bq));
                    u32::try_from(paced).unwrap_or(u32::MAX).clamp(1, 1440)
                }
                _ => questions * DEFAULT_MINUTES_A_QUESTION,
            });
        let pass = self.pass.or(blueprint.pass).unwrap_or(DEFAULT_PASS);
        Shape { questions, minutes, pass }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let (spec, problems) = parse("");
        assert!(problems.is_empty());
        let spec = spec.unwrap();
        assert_eq!(spec.shape(&Blueprint::default()), Shape { questions: 50, minutes: 100, pass: 70 });
        assert!(spec.title.is_none() && spec.chapters.is_empty());
    }

    #[test]
    fn what_the_block_leaves_out_comes_from_the_blueprint() {
        let blueprint =
            Blueprint { questions: Some(65), minutes: Some(130), pass: Some(72), ..Blueprint::default() };
        let (spec, _) = parse("");
        assert_eq!(spec.unwrap().shape(&blueprint), Shape { questions: 65, minutes: 130, pass: 72 });
        // A shorter sitting keeps the real exam's pace.
        let (spec, _) = parse("questions = 20\n");
        assert_eq!(spec.unwrap().shape(&blueprint), Shape { questions: 20, minutes: 40, pass: 72 });
        let (spec, _) = parse("questions = 10\n");
        assert_eq!(spec.unwrap().shape(&Blueprint::default()).minutes, 20);
    }

    #[test]
    fn reads_every_key() {
        let (spec, problems) =
            parse("title = \"Mock\"\nquestions = 10\nminutes = 20\npass = 70\nchapters = [\"a/index.md\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        let spec = spec.unwrap();
        assert_eq!(spec.title.unwrap().value, "Mock");
        assert_eq!((spec.questions, spec.minutes, spec.pass), (Some(10), Some(20), Some(70)));
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
