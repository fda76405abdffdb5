//! A quiz as HTML that works without JavaScript and that `theme/quiz.js`
//! turns into a self-grading form.
//!
//! Without script every question, its choices and its answer (in a closed
//! `<details>`) are on the page; the buttons, the progress line, the score
//! and the status regions are `hidden` until the script shows them (and the
//! script hides each answer until its question is checked or the answer is
//! asked for). For paper, an answer key follows the questions (shown by the
//! print style sheet only).

use super::{RenderedQuestion, RenderedQuiz, count_word, letter};
use crate::html::{Markup, html};
use crate::markdown::{MarkdownStyle, render_block, render_inline, to_plain_text};

/// Renders a quiz. What the script needs is in data attributes: the answer
/// (`data-answer`, choice indices), how many to choose (`data-choose`, as
/// the legend words it) and each choice's letter (`data-letter`).
pub(crate) fn render_html(quiz: &RenderedQuiz, style: MarkdownStyle) -> Markup {
    let label = quiz.title.as_deref().map_or_else(|| "Quiz".to_owned(), to_plain_text);
    let count = quiz.questions.len();
    let questions = if count == 1 { "1 question".to_owned() } else { format!("{count} questions") };
    let clear =
        if count == 1 { "Clear your answer?".to_owned() } else { format!("Clear all {count} answers?") };
    html! {
        form.sg-quiz data-sg-module="quiz" data-sg-quiz aria-label=(label) novalidate {
            @if let Some(title) = &quiz.title { p.sg-quiz-title { (render_inline(title, style)) } }
            p.sg-quiz-help data-sg-js hidden {
                (questions) ". Pick an answer and press " strong { "Check" } ". Your answers stay in this browser."
            }
            p.sg-print-only {
                (questions) ". Circle the letter of each answer (two or three where a question says so)."
                span.sg-answer-key-note { " The answer key is on the pages after the last question." }
            }
            p.sg-progress data-sg-js hidden aria-live="polite" data-sg-progress {
                "Answered 0 of " (count) " · 0 correct"
            }
            ol.sg-questions {
                @for (n, question) in quiz.questions.iter().enumerate() { (render_question(n + 1, question, style)) }
            }
            div.sg-quiz-footer data-sg-js hidden {
                // Progress is announced by the line at the top only.
                p.sg-score role="status" aria-live="off" { "Score: " span data-sg-score { "0" } " / " (count) }
                button type="button" class="sg-button" data-sg-reset aria-expanded="false" { "Try again" }
                div.sg-confirm data-sg-confirm hidden role="group" aria-label=(clear) {
                    p.sg-confirm-text { (clear) }
                    button type="button" class="sg-button" data-sg-clear-all { "Clear all" }
                    button type="button" class="sg-button" data-sg-cancel { "Cancel" }
                }
            }
            (render_answer_key(quiz, style))
        }
    }
}

/// A quiz for mdBook's search index: its title, questions and choices, so
/// that a question can be found, and nothing that gives its answer away (no
/// answer, explanation or answer key).
pub(crate) fn render_search_html(quiz: &RenderedQuiz, style: MarkdownStyle) -> Markup {
    html! {
        div.sg-quiz {
            @if let Some(title) = &quiz.title { p { (render_inline(title, style)) } }
            ol {
                @for (n, q) in quiz.questions.iter().enumerate() {
                    li {
                        p {
                            "Question " (n + 1) ". " (render_inline(&q.prompt, style))
                            @if q.answer.len() > 1 { " (Choose " (count_word(q.answer.len())) ".)" }
                        }
                        ol { @for (i, (text, _)) in q.choices.iter().enumerate() { li { (letter(i)) ") " (render_inline(text, style)) } } }
                    }
                }
            }
        }
    }
}

fn render_question(number: usize, q: &RenderedQuestion, style: MarkdownStyle) -> Markup {
    let multi = q.answer.len() > 1;
    let input_type = if multi { "checkbox" } else { "radio" };
    let answer: Vec<String> = q.answer.iter().map(usize::to_string).collect();
    let choose = multi.then(|| count_word(q.answer.len()));
    let name = format!("sg-{}", q.key);
    html! {
        li.sg-question id={ "sg-q-" (q.key) } data-sg-question data-id=(q.key) data-hash=(q.content_hash)
            data-answer=(answer.join(",")) data-choose=[choose.as_deref()] {
            fieldset {
                legend {
                    span.sg-q-number { "Question " (number) "." } " " span.sg-prompt { (render_inline(&q.prompt, style)) }
                    @if let Some(word) = &choose { " " strong.sg-choose { "(Choose " (word) ".)" } }
                }
                ol.sg-choices {
                    // Each choice's explanation is written once, in the
                    // answer below; the script shows it under its choice
                    // too, and adds the buttons (theme/quiz.js).
                    @for (i, (text, _)) in q.choices.iter().enumerate() {
                        li.sg-choice {
                            label {
                                input type=(input_type) name=(name) value=(i) data-letter=(letter(i));
                                span.sg-letter { (letter(i)) ")" } " " span.sg-choice-text { (render_inline(text, style)) }
                            }
                            span.sg-mark data-sg-mark {}
                        }
                    }
                }
                details.sg-answer data-sg-answer {
                    summary { "Answer" }
                    div.sg-answer-body {
                        p.sg-answer-letters { strong { "Answer: " (answer_letters(q)) } }
                        (render_block(&q.explanation, style))
                        (render_choice_explanations(q, style))
                        @if let Some(see) = &q.see {
                            p.sg-see { "Read: " a href=(see.html_href) { (see.title) } }
                        }
                        @if let Some(place) = &q.exam {
                            p.sg-domain {
                                "Exam domain: " (place.domain_title)
                                @if let (Some(task), Some(title)) = (&place.task, &place.task_title) {
                                    " · task statement " (task) ": " (title)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn answer_letters(q: &RenderedQuestion) -> String {
    let letters: Vec<String> = q.answer.iter().map(|&i| letter(i).to_string()).collect();
    letters.join(", ")
}

fn render_choice_explanations(q: &RenderedQuestion, style: MarkdownStyle) -> Markup {
    let whys: Vec<_> =
        q.choices.iter().enumerate().filter_map(|(i, (_, why))| why.as_ref().map(|why| (i, why))).collect();
    html! {
        @if !whys.is_empty() {
            ul.sg-whys { @for (i, why) in whys { li { strong { (letter(i)) ")" } " " (render_inline(why, style)) } } }
        }
    }
}

/// The worksheet's answer key, for paper.
fn render_answer_key(quiz: &RenderedQuiz, style: MarkdownStyle) -> Markup {
    html! {
        section.sg-answer-key aria-label="Answer key" {
            p.sg-answer-key-title { "Answer key" }
            ol {
                @for q in &quiz.questions {
                    li {
                        strong { (answer_letters(q)) } " — " (render_inline(&q.explanation, style))
                        (render_choice_explanations(q, style))
                        @if let Some(see) = &q.see {
                            p.sg-see { "Read: " a href=(see.html_href) { (see.title) } }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(quiz: &RenderedQuiz) -> String {
        crate::html::one_line(&render_html(quiz, MarkdownStyle::default()).into_string()).into_owned()
    }

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
        let html = render(&sample());
        assert!(!html.contains('\n'));
        assert!(
            html.starts_with(
                r#"<form class="sg-quiz" data-sg-module="quiz" data-sg-quiz aria-label="Chapter quiz""#
            ),
            "{html}"
        );
        assert!(html.contains(r#"<legend><span class="sg-q-number">Question 1.</span> <span class="sg-prompt">Max <code>timeout</code>?</span></legend>"#), "{html}");
        assert!(html.contains(r#"<label><input type="radio" name="sg-lambda-timeout" value="1" data-letter="B"><span class="sg-letter">B)</span> <span class="sg-choice-text">15 min</span></label>"#), "{html}");
        assert!(html.contains(r#"<input type="checkbox" name="sg-two" value="2" data-letter="C">"#));
        assert!(html.contains("(Choose TWO.)"));
        assert!(html.contains(r#"data-answer="0,2" data-choose="TWO""#));
    }

    #[test]
    fn the_answer_is_in_a_closed_details_without_script() {
        let html = render(&sample());
        assert!(html.contains(r#"<details class="sg-answer" data-sg-answer><summary>Answer</summary><div class="sg-answer-body"><p class="sg-answer-letters"><strong>Answer: B</strong></p><p>It is <strong>15</strong> minutes.</p><ul class="sg-whys"><li><strong>B)</strong> Right.</li></ul>"#), "{html}");
        assert!(html.contains("<strong>Answer: A, C</strong>"));
        assert!(!html.contains("<details class=\"sg-answer\" data-sg-answer open"));
    }

    #[test]
    fn script_only_controls_start_hidden() {
        let html = render(&sample());
        // A question's buttons and the explanation under each choice are
        // the script's to add: the explanations are in the answer.
        assert!(!html.contains("sg-actions") && !html.contains("data-sg-check"), "{html}");
        assert!(!html.contains("sg-why\""), "{html}");
        assert!(html.contains(
            r#"<p class="sg-score" role="status" aria-live="off">Score: <span data-sg-score>0</span> / 2</p>"#
        ));
        assert!(html.contains(r#"<p class="sg-progress" data-sg-js hidden aria-live="polite" data-sg-progress>Answered 0 of 2 · 0 correct</p>"#), "{html}");
        assert!(html.contains(r#"<div class="sg-confirm" data-sg-confirm hidden role="group" aria-label="Clear all 2 answers?"><p class="sg-confirm-text">Clear all 2 answers?</p>"#), "{html}");
    }

    #[test]
    fn a_quiz_of_one_question_says_so_in_the_singular() {
        let mut quiz = sample();
        quiz.questions.truncate(1);
        let html = render(&quiz);
        assert!(html.contains("1 question. Pick an answer") && html.contains("1 question. Circle"), "{html}");
        assert!(html.contains(r#"aria-label="Clear your answer?""#), "{html}");
        assert!(!html.contains("1 questions") && !html.contains("1 answers"), "{html}");
    }

    #[test]
    fn multi_line_explanations_stay_on_one_line() {
        let mut quiz = sample();
        quiz.questions[0].explanation = "- a list\n- of two\n\n```bash\necho 1\n\necho 2\n```".into();
        let html = render(&quiz);
        assert!(!html.contains('\n'), "{html}");
        assert!(html.contains("echo 1&#10;&#10;echo 2"), "{html}");
    }

    #[test]
    fn raw_html_in_author_text_is_cleaned() {
        let mut quiz = sample();
        quiz.questions[0].prompt = "<img src=x onerror=alert(1)>".into();
        quiz.questions[0].key = "\"><script>".into();
        let html = render(&quiz);
        assert!(!html.contains("onerror"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn the_search_index_gets_questions_and_choices_but_no_answer() {
        let mut quiz = sample();
        quiz.questions[0].choices[0].1 = Some("Too short.".into());
        let html = crate::html::one_line(&render_search_html(&quiz, MarkdownStyle::default()).into_string())
            .into_owned();
        assert_eq!(
            html,
            r#"<div class="sg-quiz"><p>Chapter <em>quiz</em></p><ol><li><p>Question 1. Max <code>timeout</code>?</p><ol><li>A) 5 min</li><li>B) 15 min</li></ol></li><li><p>Question 2. Pick <b>two</b> (Choose TWO.)</p><ol><li>A) a</li><li>B) b</li><li>C) c</li></ol></li></ol></div>"#
        );
    }

    #[test]
    fn an_answer_key_follows_for_print_with_each_choice_explained_and_where_to_read() {
        let mut quiz = sample();
        quiz.questions[0].choices[0].1 = Some("Too short.".into());
        quiz.questions[1].see = Some(crate::quiz::See {
            title: "1.6 Concurrency".into(),
            markdown_href: "lambda.md#concurrency".into(),
            html_href: "lambda.html#concurrency".into(),
            page: "lambda.md".into(),
            anchor: "concurrency".into(),
        });
        let html = render(&quiz);
        assert!(html.contains(r#"<section class="sg-answer-key" aria-label="Answer key"><p class="sg-answer-key-title">Answer key</p><ol><li><strong>B</strong> — It is <strong>15</strong> minutes.<ul class="sg-whys"><li><strong>A)</strong> Too short.</li><li><strong>B)</strong> Right.</li></ul></li><li><strong>A, C</strong> — A and C.<p class="sg-see">Read: <a href="lambda.html#concurrency">1.6 Concurrency</a></p></li></ol></section>"#), "{html}");
    }

    #[test]
    fn the_answer_says_where_to_read_and_which_domain() {
        let mut quiz = sample();
        quiz.questions[0].see = Some(crate::quiz::See {
            title: "1.6 Concurrency".into(),
            markdown_href: "lambda.md#concurrency".into(),
            html_href: "lambda.html#concurrency".into(),
            page: "lambda.md".into(),
            anchor: "concurrency".into(),
        });
        quiz.questions[0].exam = Some(crate::quiz::ExamPlace {
            domain: "resilient".into(),
            domain_title: "Design Resilient Architectures".into(),
            task: Some("2.1".into()),
            task_title: Some("Design scalable and loosely coupled architectures".into()),
        });
        let html = render(&quiz);
        assert!(html.contains(r#"<p class="sg-see">Read: <a href="lambda.html#concurrency">1.6 Concurrency</a></p><p class="sg-domain">Exam domain: Design Resilient Architectures · task statement 2.1: Design scalable and loosely coupled architectures</p></div></details>"#), "{html}");
    }
}
