//! The exam page's HTML: where `theme/exam.js` finds its bank (a file of
//! its own in `studyguide/`, which `theme/widgets.js` loads first, so the page
//! stays small and its print page holds no copy), and for a reader without
//! script, what the exam needs and where its questions are.

use super::ExamPage;
use crate::html::{Markup, html};
use crate::markdown::{MarkdownStyle, render_inline};
use std::fmt::Write;

pub(super) fn render_html(exam: &ExamPage, style: MarkdownStyle) -> Markup {
    html! {
        div.sg-exam data-sg-module="exam" data-sg-exam id={ "sg-exam-" (exam.id) } data-exam-id=(exam.id)
            data-questions=(exam.questions) data-minutes=(exam.minutes) data-pass=(exam.pass)
            data-bank=(exam.bank_file) {
            @if let Some(title) = &exam.title { p.sg-exam-title { (render_inline(title, style)) } }
            div.sg-nojs data-sg-nojs {
                p {
                    "This practice exam (" (exam.questions) " questions in " (exam.minutes)
                    " minutes) runs in your browser and needs JavaScript: it is off here, or the page's scripts could not be loaded. "
                    "Every one of its questions is in a chapter quiz, and those work without it:"
                }
                ul { @for quiz in &exam.quizzes { li { a href=(quiz.href) { (quiz.title) } } } }
            }
        }
    }
}

/// For renderers other than HTML: what the exam is and where its questions are.
pub(super) fn render_markdown(exam: &ExamPage) -> String {
    let mut out = format!(
        "**Practice exam:** {} questions in {} minutes, pass mark {} %. It runs in the HTML book; \
         its questions are in the chapter quizzes:\n\n",
        exam.questions, exam.minutes, exam.pass
    );
    for quiz in &exam.quizzes {
        let _ = writeln!(out, "- [{}]({})", quiz.title, quiz.markdown_href);
    }
    out
}
