//! A quiz as plain Markdown, for renderers other than HTML (the book's
//! Markdown output, e-book converters): a numbered worksheet, then the key.

use super::{RenderedQuiz, count_word, letter};
use std::fmt::Write;

pub(crate) fn render_markdown(quiz: &RenderedQuiz) -> String {
    let mut out = String::new();
    if let Some(title) = &quiz.title {
        let _ = writeln!(out, "**{}**\n", title.trim());
    }
    for (n, q) in quiz.questions.iter().enumerate() {
        let _ = write!(out, "**Question {}.** {}", n + 1, q.prompt.trim());
        if q.answer.len() > 1 {
            let _ = write!(out, " **(Choose {}.)**", count_word(q.answer.len()));
        }
        out.push_str("\n\n");
        for (i, (text, _)) in q.choices.iter().enumerate() {
            let _ = writeln!(out, "- {}) {}", letter(i), text.trim());
        }
        out.push('\n');
    }
    out.push_str("**Answer key**\n\n");
    for (n, q) in quiz.questions.iter().enumerate() {
        let letters: Vec<String> = q.answer.iter().map(|&i| letter(i).to_string()).collect();
        let _ = writeln!(out, "{}. **{}** — {}", n + 1, letters.join(", "), q.explanation.trim());
        for (i, (_, why)) in q.choices.iter().enumerate() {
            if let Some(why) = why {
                let _ = writeln!(out, "   - {}) {}", letter(i), why.trim());
            }
        }
        if let Some(see) = &q.see {
            let _ = writeln!(out, "   - Read: [{}]({})", see.title, see.markdown_href);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::RenderedQuestion;

    #[test]
    fn degrades_to_a_worksheet_and_key() {
        let quiz = RenderedQuiz {
            title: None,
            questions: vec![RenderedQuestion::new(
                "k".into(),
                "Max timeout?".into(),
                vec![("5 min".into(), Some("Too short.".into())), ("15 min".into(), None)],
                vec![1],
                "15 minutes.".into(),
            )],
        };
        assert_eq!(
            render_markdown(&quiz),
            "**Question 1.** Max timeout?\n\n- A) 5 min\n- B) 15 min\n\n**Answer key**\n\n1. **B** — 15 minutes.\n   - A) Too short.\n"
        );
    }
}
