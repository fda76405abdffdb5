//! A quiz as HTML that works without JavaScript and that `theme/quiz.js`
//! turns into a self-grading form.
//!
//! Without script every question, its choices and its answer (in a closed
//! `<details>`) are on the page; the buttons, the score and the status
//! regions are `hidden` until the script shows them. For paper, an answer
//! key follows the questions (shown by the print style sheet only).

use super::{RenderedQuestion, RenderedQuiz, count_word, letter};
use crate::markdown::{
    MarkdownStyle, escape_attr, escape_text, one_line, render_block, render_inline, to_plain_text,
};
use std::fmt::Write;

/// Renders a quiz to a single line of HTML.
pub fn render_html(quiz: &RenderedQuiz, style: MarkdownStyle) -> String {
    let mut out = String::new();
    let label = quiz.title.as_deref().map_or_else(|| "Quiz".to_owned(), to_plain_text);
    let _ =
        write!(out, r#"<form class="sg-quiz" data-sg-quiz aria-label="{}" novalidate>"#, escape_attr(&label));
    if let Some(title) = &quiz.title {
        let _ = write!(out, r#"<p class="sg-quiz-title">{}</p>"#, render_inline(title, style));
    }
    let _ = write!(
        out,
        r#"<p class="sg-quiz-help" data-sg-js hidden>{} questions. Pick an answer and press <strong>Check</strong>. Your answers stay in this browser.</p>"#,
        quiz.questions.len()
    );
    out.push_str(r#"<ol class="sg-questions">"#);
    for (n, question) in quiz.questions.iter().enumerate() {
        render_question(&mut out, n + 1, question, style);
    }
    out.push_str("</ol>");
    let _ = write!(
        out,
        r#"<div class="sg-quiz-footer" data-sg-js hidden><p class="sg-score" role="status">Score: <span data-sg-score>0</span> / {}</p><button type="button" class="sg-button" data-sg-reset>Try again</button></div>"#,
        quiz.questions.len()
    );
    render_answer_key(&mut out, quiz, style);
    out.push_str("</form>");
    one_line(&out).into_owned()
}

fn render_question(out: &mut String, number: usize, q: &RenderedQuestion, style: MarkdownStyle) {
    let multi = q.answer.len() > 1;
    let input_type = if multi { "checkbox" } else { "radio" };
    let answer_attr: Vec<String> = q.answer.iter().map(usize::to_string).collect();
    let _ = write!(
        out,
        r#"<li class="sg-question" id="sg-q-{key}" data-sg-question data-id="{key}" data-hash="{hash}" data-answer="{answer}"{choose}>"#,
        key = escape_attr(&q.key),
        hash = escape_attr(&q.content_hash),
        answer = answer_attr.join(","),
        choose =
            if multi { format!(r#" data-choose="{}""#, count_word(q.answer.len())) } else { String::new() },
    );
    let _ = write!(
        out,
        r#"<fieldset><legend><span class="sg-q-number">Question {number}.</span> <span class="sg-prompt">{}</span>"#,
        render_inline(&q.prompt, style)
    );
    if multi {
        let _ =
            write!(out, r#" <strong class="sg-choose">(Choose {}.)</strong>"#, count_word(q.answer.len()));
    }
    out.push_str(r#"</legend><ol class="sg-choices">"#);
    for (i, (text, why)) in q.choices.iter().enumerate() {
        let _ = write!(
            out,
            r#"<li class="sg-choice"><label><input type="{input_type}" name="sg-{key}" value="{i}" data-letter="{letter}"><span class="sg-letter">{letter})</span> <span class="sg-choice-text">{text}</span></label><span class="sg-mark" data-sg-mark></span>"#,
            key = escape_attr(&q.key),
            letter = letter(i),
            text = render_inline(text, style),
        );
        if let Some(why) = why {
            let _ =
                write!(out, r#"<div class="sg-why" data-sg-why hidden>{}</div>"#, render_block(why, style));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out.push_str(r#"<div class="sg-actions" data-sg-js hidden><button type="button" class="sg-button" data-sg-check>Check</button><p class="sg-result" role="status" data-sg-result></p></div>"#);
    let _ = write!(
        out,
        r#"<details class="sg-answer" data-sg-answer><summary>Answer</summary><div class="sg-answer-body"><p class="sg-answer-letters"><strong>Answer: {}</strong></p>{}"#,
        answer_letters(q),
        render_block(&q.explanation, style)
    );
    render_choice_explanations(out, q, style);
    out.push_str("</div></details></fieldset></li>");
}

fn answer_letters(q: &RenderedQuestion) -> String {
    let letters: Vec<String> = q.answer.iter().map(|&i| letter(i).to_string()).collect();
    letters.join(", ")
}

fn render_choice_explanations(out: &mut String, q: &RenderedQuestion, style: MarkdownStyle) {
    let whys: Vec<_> =
        q.choices.iter().enumerate().filter_map(|(i, (_, why))| why.as_ref().map(|why| (i, why))).collect();
    if whys.is_empty() {
        return;
    }
    out.push_str(r#"<ul class="sg-whys">"#);
    for (i, why) in whys {
        let _ = write!(out, "<li><strong>{})</strong> {}</li>", letter(i), render_inline(why, style));
    }
    out.push_str("</ul>");
}

/// The worksheet's answer key, for paper.
fn render_answer_key(out: &mut String, quiz: &RenderedQuiz, style: MarkdownStyle) {
    out.push_str(r#"<section class="sg-answer-key" aria-label="Answer key"><p class="sg-answer-key-title">Answer key</p><ol>"#);
    for q in &quiz.questions {
        let _ = write!(
            out,
            r#"<li><strong>{}</strong> — {}</li>"#,
            escape_text(&answer_letters(q)),
            render_inline(&q.explanation, style)
        );
    }
    out.push_str("</ol></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RenderedQuiz {
        RenderedQuiz {
            title: Some("Chapter *quiz*".into()),
            questions: vec![
                RenderedQuestion::new(
                    "lambda-timeout".into(),
                    "Max `timeout`?".into(),
                    vec![("5 min".into(), None), ("15 min".into(), Some("Right.".into()))],
                    vec![1],
                    "It is **15** minutes.".into(),
                ),
                RenderedQuestion::new(
                    "two".into(),
                    "Pick <b>two</b>".into(),
                    vec![("a".into(), None), ("b".into(), None), ("c".into(), None)],
                    vec![0, 2],
                    "A and C.".into(),
                ),
            ],
        }
    }

    #[test]
    fn renders_a_single_line_form_with_native_controls() {
        let html = render_html(&sample(), MarkdownStyle::default());
        assert!(!html.contains('\n'));
        assert!(
            html.starts_with(r#"<form class="sg-quiz" data-sg-quiz aria-label="Chapter quiz""#),
            "{html}"
        );
        assert!(html.contains(r#"<legend><span class="sg-q-number">Question 1.</span> <span class="sg-prompt">Max <code>timeout</code>?</span></legend>"#), "{html}");
        assert!(html.contains(r#"<label><input type="radio" name="sg-lambda-timeout" value="1" data-letter="B"><span class="sg-letter">B)</span> <span class="sg-choice-text">15 min</span></label>"#), "{html}");
        assert!(html.contains(r#"<input type="checkbox" name="sg-two" value="2" data-letter="C">"#));
        assert!(html.contains("(Choose TWO.)"));
        assert!(html.contains(r#"data-answer="0,2""#));
    }

    #[test]
    fn the_script_reads_counts_and_letters_from_attributes() {
        let html = render_html(&sample(), MarkdownStyle::default());
        assert!(html.contains(r#"data-id="two" data-hash=""#), "{html}");
        assert!(html.contains(r#"data-answer="0,2" data-choose="TWO">"#), "{html}");
        assert!(html.contains(r#"data-answer="1">"#), "a single-answer question has no count: {html}");
        assert_eq!(html.matches("data-choose=").count(), 1);
        assert_eq!(html.matches("data-letter=").count(), 5);
    }

    #[test]
    fn the_answer_is_in_a_closed_details_without_script() {
        let html = render_html(&sample(), MarkdownStyle::default());
        assert!(html.contains(r#"<details class="sg-answer" data-sg-answer><summary>Answer</summary><div class="sg-answer-body"><p class="sg-answer-letters"><strong>Answer: B</strong></p><p>It is <strong>15</strong> minutes.</p><ul class="sg-whys"><li><strong>B)</strong> Right.</li></ul>"#), "{html}");
        assert!(html.contains("<strong>Answer: A, C</strong>"));
        assert!(!html.contains("<details class=\"sg-answer\" data-sg-answer open"));
    }

    #[test]
    fn script_only_controls_start_hidden() {
        let html = render_html(&sample(), MarkdownStyle::default());
        assert!(html.contains(r#"<div class="sg-actions" data-sg-js hidden><button type="button" class="sg-button" data-sg-check>Check</button><p class="sg-result" role="status" data-sg-result></p></div>"#));
        assert!(
            html.contains(r#"<p class="sg-score" role="status">Score: <span data-sg-score>0</span> / 2</p>"#)
        );
    }

    #[test]
    fn multi_line_explanations_stay_on_one_line() {
        let mut quiz = sample();
        quiz.questions[0].explanation = "- a list\n- of two\n\n```bash\necho 1\n\necho 2\n```".into();
        let html = render_html(&quiz, MarkdownStyle::default());
        assert!(!html.contains('\n'), "{html}");
        assert!(html.contains("echo 1&#10;&#10;echo 2"), "{html}");
    }

    #[test]
    fn raw_html_in_author_text_is_cleaned() {
        let mut quiz = sample();
        quiz.questions[0].prompt = "<img src=x onerror=alert(1)>".into();
        quiz.questions[0].key = "\"><script>".into();
        let html = render_html(&quiz, MarkdownStyle::default());
        assert!(!html.contains("onerror"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn an_answer_key_follows_for_print() {
        let html = render_html(&sample(), MarkdownStyle::default());
        assert!(html.contains(r#"<section class="sg-answer-key" aria-label="Answer key"><p class="sg-answer-key-title">Answer key</p><ol><li><strong>B</strong> — It is <strong>15</strong> minutes.</li><li><strong>A, C</strong> — A and C.</li></ol></section>"#), "{html}");
    }
}
