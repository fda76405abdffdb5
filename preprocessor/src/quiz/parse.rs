//! TOML body → [`Quiz`], with every problem reported against its span.

use super::{Choice, Question, Quiz, Text, letter};
use crate::problem::Problem;
use crate::toml_body::{self, Schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;
use toml::Spanned;

#[derive(Deserialize)]
struct RawQuiz {
    title: Option<Spanned<String>>,
    domain: Option<Spanned<String>>,
    task: Option<Spanned<String>>,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
struct RawQuestion {
    id: Option<Spanned<String>>,
    prompt: Spanned<String>,
    choices: Spanned<Vec<Spanned<RawChoice>>>,
    answer: Spanned<RawAnswer>,
    explanation: Option<Spanned<String>>,
    cites: Option<Spanned<String>>,
    see: Option<Spanned<String>>,
    domain: Option<Spanned<String>>,
    task: Option<Spanned<String>>,
}

/// A choice: `"text"` or `{ text = "…", explanation = "…" }`.
struct RawChoice {
    text: Spanned<String>,
    explanation: Option<Spanned<String>>,
}

/// A choice written as a table.
#[derive(Deserialize)]
struct RawChoiceTable {
    text: Spanned<String>,
    explanation: Option<Spanned<String>>,
}

fn schema() -> Schema {
    Schema::of::<RawQuiz>()
        .with("question", Schema::of::<RawQuestion>().with("choices", Schema::of::<RawChoiceTable>()))
}

/// An answer: `"C"` or `["A", "C"]`.
struct RawAnswer(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for RawChoice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ChoiceVisitor;
        impl<'de> Visitor<'de> for ChoiceVisitor {
            type Value = RawChoice;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table with `text` and `explanation`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawChoice, E> {
                // The span of a bare string is filled in from the outer Spanned.
                Ok(RawChoice { text: Spanned::new(0..0, v.to_owned()), explanation: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawChoice, A::Error> {
                let table = RawChoiceTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawChoice { text: table.text, explanation: table.explanation })
            }
        }
        deserializer.deserialize_any(ChoiceVisitor)
    }
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl<'de> Visitor<'de> for AnswerVisitor {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a letter such as \"C\", or a list of letters such as [\"A\", \"C\"]")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer(vec![Spanned::new(0..0, v.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswer, A::Error> {
                let mut letters = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    letters.push(item);
                }
                Ok(RawAnswer(letters))
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

fn text(spanned: Spanned<String>) -> Text {
    let span = spanned.span();
    Text { value: spanned.into_inner(), span }
}

/// Gives a bare-string item the span of its outer `Spanned`.
fn text_in(inner: Spanned<String>, outer: std::ops::Range<usize>) -> Text {
    let mut t = text(inner);
    if t.span == (0..0) {
        t.span = outer;
    }
    t
}

/// Ids become part of HTML ids and storage keys: keep them simple.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Parses and validates a quiz body. Returns the quiz whenever the TOML
/// parses, and every problem found: only a quiz without problems is fit to
/// render, but the ids of one with problems are still checked for clashes.
pub(crate) fn parse(body: &str) -> (Option<Quiz>, Vec<Problem>) {
    let raw: RawQuiz = match toml_body::parse(body, "quiz", &schema()) {
        Ok(raw) => raw,
        Err(problems) => return (None, problems),
    };
    let mut problems = Vec::new();
    if raw.question.is_empty() {
        problems.push(
            Problem::new(0..body.len().min(1), "quiz block has no questions")
                .hint("add a [[question]] table with a prompt, choices, an answer and an explanation"),
        );
    }
    // The book's blueprint judges them (quiz/kind.rs): here they are text.
    let default_domain = raw.domain.map(text);
    let default_task = raw.task.map(text);
    let questions = raw
        .question
        .into_iter()
        .enumerate()
        .map(|(n, q)| {
            validate_question(n + 1, q, default_domain.as_ref(), default_task.as_ref(), &mut problems)
        })
        .collect();
    let quiz = Quiz { title: raw.title.map(text), questions };
    (Some(quiz), problems)
}

fn validate_question(
    number: usize,
    raw: Spanned<RawQuestion>,
    default_domain: Option<&Text>,
    default_task: Option<&Text>,
    problems: &mut Vec<Problem>,
) -> Question {
    let span = raw.span();
    let raw = raw.into_inner();
    let label = format!("question {number}");

    let id = raw.id.map(text);
    if let Some(id) = &id {
        // A repeated id is the index's to report, once, wherever the first is.
        if !is_valid_id(&id.value) {
            problems.push(
                Problem::new(id.span.clone(), format!("{label}: id `{}` is not a valid id", id.value))
                    .hint("use letters, digits, `-`, `_` and `.` only, e.g. \"lambda-max-timeout\""),
            );
        }
    }

    let prompt = text(raw.prompt);
    if prompt.value.trim().is_empty() {
        problems.push(Problem::new(prompt.span.clone(), format!("{label}: the prompt is empty")));
    }

    let choices_span = raw.choices.span();
    let choices: Vec<Choice> = raw
        .choices
        .into_inner()
        .into_iter()
        .map(|c| {
            let outer = c.span();
            let c = c.into_inner();
            Choice { text: text_in(c.text, outer), explanation: c.explanation.map(text) }
        })
        .collect();
    if choices.len() < 2 {
        problems.push(
            Problem::new(
                choices_span.clone(),
                format!("{label}: needs at least two choices, found {}", choices.len()),
            )
            .hint("choices = [\"first\", \"second\", …]"),
        );
    }
    if choices.len() > 26 {
        problems.push(Problem::new(choices_span, format!("{label}: has more than 26 choices")));
    }
    let mut seen = HashSet::new();
    for (i, choice) in choices.iter().enumerate() {
        let normalized = choice.text.value.trim().to_lowercase();
        if normalized.is_empty() {
            problems.push(Problem::new(
                choice.text.span.clone(),
                format!("{label}: choice {} is empty", letter(i)),
            ));
        } else if !seen.insert(normalized) {
            problems.push(Problem::new(
                choice.text.span.clone(),
                format!(
                    "{label}: choice {} repeats an earlier choice: \"{}\"",
                    letter(i),
                    choice.text.value.trim()
                ),
            ));
        }
        if let Some(why) = &choice.explanation
            && why.value.trim().is_empty()
        {
            problems.push(Problem::new(
                why.span.clone(),
                format!("{label}: the explanation of choice {} is empty", letter(i)),
            ));
        }
    }

    let answer_span = raw.answer.span();
    let letters = raw.answer.into_inner().0;
    let mut answer = Vec::new();
    if letters.is_empty() {
        problems.push(Problem::new(answer_span.clone(), format!("{label}: the answer is empty")));
    }
    for item in letters {
        let item = text_in(item, answer_span.clone());
        let value = item.value.trim();
        let index = match value.as_bytes() {
            [c] if c.is_ascii_alphabetic() => Some((c.to_ascii_uppercase() - b'A') as usize),
            _ => None,
        };
        match index {
            None => problems.push(
                Problem::new(item.span, format!("{label}: answer `{value}` is not a letter"))
                    .hint("answers are choice letters: \"C\", or [\"A\", \"C\"] when there are several"),
            ),
            Some(i) if i >= choices.len() => problems.push(
                Problem::new(
                    item.span,
                    format!(
                        "{label}: answer `{value}` is out of range: there are {} choices (A–{})",
                        choices.len(),
                        letter(choices.len().saturating_sub(1))
                    ),
                )
                .hint("answer letters count the choices from A"),
            ),
            Some(i) if answer.contains(&i) => {
                problems.push(Problem::new(item.span, format!("{label}: answer `{value}` is listed twice")))
            }
            Some(i) => answer.push(i),
        }
    }
    answer.sort_unstable();
    if choices.len() >= 2 && answer.len() >= choices.len() {
        problems.push(
            Problem::new(answer_span, format!("{label}: every choice is marked correct"))
                .hint("leave at least one wrong choice"),
        );
    }

    let explanation = match raw.explanation.map(text) {
        Some(e) if !e.value.trim().is_empty() => e,
        other => {
            let at = other.map_or(span.clone(), |e| e.span);
            problems.push(
                Problem::new(at.clone(), format!("{label}: the explanation is missing"))
                    .hint("add explanation = \"why the answer is right\": learners see it after checking"),
            );
            Text { value: String::new(), span: at }
        }
    };

    // A question's own task and domain, else the quiz's: a tag of its own
    // outranks both of the quiz's.
    let tags_from_quiz = raw.task.is_none() && raw.domain.is_none();
    let (task, domain) = if tags_from_quiz {
        (default_task.cloned(), default_domain.cloned())
    } else {
        (raw.task.map(text), raw.domain.map(text))
    };
    let see = raw.see.map(text);
    if let Some(see) = &see
        && see.value.trim().is_empty()
    {
        problems.push(Problem::new(see.span.clone(), format!("{label}: `see` is empty")));
    }
    Question {
        id,
        prompt,
        choices,
        answer,
        explanation,
        cites: raw.cites.map(text),
        see,
        domain,
        task,
        tags_from_quiz,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = "Lambda"

[[question]]
id = "lambda-timeout"
prompt = "What is the maximum execution time for AWS Lambda?"
choices = ["5 minutes", "10 minutes", "15 minutes", { text = "30 minutes", explanation = "Too long." }]
answer = "C"
explanation = "15 minutes."
cites = "lambda.timeout"

[[question]]
prompt = "Pick two."
choices = ["a", "b", "c"]
answer = ["c", "A"]
explanation = "Because."
"#;

    fn problems(body: &str) -> Vec<(String, String)> {
        let (_, problems) = parse(body);
        problems.into_iter().map(|p| (body.get(p.span.clone()).unwrap_or("").to_owned(), p.message)).collect()
    }

    #[test]
    fn a_good_quiz_parses() {
        let (quiz, problems) = parse(GOOD);
        assert!(problems.is_empty(), "{problems:?}");
        let quiz = quiz.unwrap();
        assert_eq!(quiz.title.unwrap().value, "Lambda");
        let q = &quiz.questions[0];
        assert_eq!(q.id.as_ref().unwrap().value, "lambda-timeout");
        assert_eq!(q.answer, [2]);
        assert_eq!(q.choices[3].explanation.as_ref().unwrap().value, "Too long.");
        assert_eq!(&GOOD[q.choices[1].text.span.clone()], "\"10 minutes\"");
        assert_eq!(q.cites.as_ref().unwrap().value, "lambda.timeout");
        assert_eq!(quiz.questions[1].answer, [0, 2]);
        assert!(quiz.questions[1].is_multi_answer());
    }

    #[test]
    fn out_of_range_answers_point_at_the_letter() {
        let body =
            "[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"E\"\nexplanation = \"e\"\n";
        let found = problems(body);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "\"E\"");
        assert!(found[0].1.contains("out of range: there are 2 choices (A–B)"), "{}", found[0].1);
    }

    #[test]
    fn a_question_takes_its_task_or_domain_or_the_quizs() {
        let q = |extra: &str| {
            format!(
                "[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n{extra}"
            )
        };
        let body =
            format!("domain = \"secure\"\n{}{}{}", q(""), q("task = \"1.3\"\n"), q("domain = \"cost\"\n"));
        let (quiz, found) = parse(&body);
        assert!(found.is_empty(), "{found:?}");
        let seen: Vec<(Option<String>, Option<String>)> = quiz
            .unwrap()
            .questions
            .iter()
            .map(|q| (q.domain.as_ref().map(|t| t.value.clone()), q.task.as_ref().map(|t| t.value.clone())))
            .collect();
        assert_eq!(
            seen,
            [
                (Some("secure".to_owned()), None),
                (None, Some("1.3".to_owned())),
                (Some("cost".to_owned()), None),
            ]
        );
    }

    #[test]
    fn a_missing_explanation_is_reported() {
        let body = "[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\n";
        let found = problems(body);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("explanation is missing"));
    }

    #[test]
    fn every_problem_in_a_block_is_reported() {
        let body = "[[question]]\nid = \"bad id\"\nprompt = \" \"\nchoices = [\"a\", \"A \"]\nanswer = [\"A\", \"A\", \"7\"]\nexplanation = \"\"\n";
        let messages: Vec<_> = problems(body).into_iter().map(|(_, m)| m).collect();
        let expected = [
            "not a valid id",
            "prompt is empty",
            "repeats an earlier choice",
            "listed twice",
            "`7` is not a letter",
            "explanation is missing",
        ];
        for want in expected {
            assert!(messages.iter().any(|m| m.contains(want)), "missing {want:?} in {messages:?}");
        }
    }

    #[test]
    fn too_few_choices_and_no_questions() {
        let found = problems(
            "[[question]]\nprompt = \"p\"\nchoices = [\"a\"]\nanswer = \"A\"\nexplanation = \"e\"\n",
        );
        assert!(found.iter().any(|(_, m)| m.contains("at least two choices, found 1")));
        let found = problems("title = \"x\"\n");
        assert!(found[0].1.contains("no questions"));
    }

    #[test]
    fn every_choice_correct_is_an_error() {
        let found = problems(
            "[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = [\"A\", \"B\"]\nexplanation = \"e\"\n",
        );
        assert!(found[0].1.contains("every choice is marked correct"));
    }

    #[test]
    fn broken_toml_and_wrong_shapes_are_single_problems() {
        let found = problems("[[question]\nprompt = \"p\"\n");
        assert_eq!(found.len(), 1);
        let found = problems(
            "[[question]]\nprompt = \"p\"\nchoices = \"a, b\"\nanswer = \"A\"\nexplanation = \"e\"\n",
        );
        assert!(found[0].1.contains("invalid type"), "{found:?}");
        let found = problems(
            "[[question]]\nprompt = \"p\"\nchoices = [{ txt = \"a\" }, \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n",
        );
        assert!(found[0].1.contains("unknown field `txt`"), "{found:?}");
        let found = problems(
            "[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = 1\nexplanation = \"e\"\n",
        );
        assert!(found[0].1.contains("invalid type"), "{found:?}");
    }
}
