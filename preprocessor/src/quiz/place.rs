//! Where a question sits in the book's blueprint: its `task` (which gives
//! its domain) or its `domain`, checked against the blueprint's keys.

use super::{ExamPlace, Question, Quiz, Text};
use crate::blueprint::Blueprint;
use crate::problem::Problem;

/// Every question's place; in a book without a blueprint, tags mean
/// nothing, and the quiz gets one warning saying so at its first tag.
pub(crate) fn places(
    quiz: &Quiz,
    blueprint: &Blueprint,
    problems: &mut Vec<Problem>,
) -> Vec<Option<ExamPlace>> {
    if blueprint.domains.is_empty() {
        let first =
            quiz.questions.iter().flat_map(|q| [&q.task, &q.domain]).flatten().min_by_key(|t| t.span.start);
        if let Some(tag) = first {
            problems.push(
                Problem::new(
                    tag.span.clone(),
                    "quiz: its questions name exam task statements or domains, but the book has no blueprint",
                )
                .hint(
                    "name the exam's domains and task statements in book.toml's [preprocessor.studyguide.blueprint] \
                     (see AUTHORING.md), or remove `task` and `domain`: without a blueprint they are ignored",
                )
                .warning_unless(false),
            );
        }
        return vec![None; quiz.questions.len()];
    }
    quiz.questions.iter().enumerate().map(|(n, q)| place(q, n, blueprint, problems)).collect()
}

/// Where question `n` (from 0) sits in the blueprint: its task statement
/// (which gives its domain) or its domain; what is wrong with either is
/// reported, once for a quiz's tag however many questions take it.
pub(crate) fn place(
    q: &Question,
    n: usize,
    blueprint: &Blueprint,
    problems: &mut Vec<Problem>,
) -> Option<ExamPlace> {
    let label = |_: &Text| if q.tags_from_quiz { "quiz".to_owned() } else { format!("question {}", n + 1) };
    let report = |_: &Text, problems: &mut Vec<Problem>, problem: Problem| {
        if !problems.iter().any(|p| p.span == problem.span && p.message == problem.message) {
            problems.push(problem);
        }
    };
    // Without a blueprint a tag means nothing: a warning, not a stopped build.
    let no_blueprint = "this book's book.toml has no [preprocessor.studyguide.blueprint] naming the exam's domains and task statements; without one, `task` and `domain` are ignored";
    if let Some(task) = &q.task {
        match blueprint.task(task.value.trim()) {
            Some((d, t)) => {
                if let Some(domain) = &q.domain
                    && domain.value.trim() != d.key
                {
                    report(
                        task,
                        problems,
                        Problem::new(
                            task.span.clone(),
                            format!(
                                "{}: task {} is in domain `{}`, not `{}`",
                                label(task),
                                t.key,
                                d.key,
                                domain.value.trim()
                            ),
                        ),
                    );
                }
                return Some(ExamPlace {
                    domain: d.key.clone(),
                    domain_title: d.title.clone(),
                    task: Some(t.key.clone()),
                    task_title: Some(t.title.clone()),
                });
            }
            None => {
                let keys: Vec<&str> = blueprint.task_keys().collect();
                let hint = if keys.is_empty() {
                    no_blueprint.to_owned()
                } else {
                    format!("the blueprint's task statements are: {}", keys.join(", "))
                };
                report(
                    task,
                    problems,
                    Problem::new(
                        task.span.clone(),
                        format!("{}: unknown task statement `{}`", label(task), task.value),
                    )
                    .hint(hint)
                    .warning_unless(!blueprint.domains.is_empty()),
                );
            }
        }
    }
    if let Some(domain) = &q.domain {
        match blueprint.domain(domain.value.trim()) {
            Some(d) => {
                return Some(ExamPlace {
                    domain: d.key.clone(),
                    domain_title: d.title.clone(),
                    task: None,
                    task_title: None,
                });
            }
            None => {
                let keys: Vec<&str> = blueprint.domains.iter().map(|d| d.key.as_str()).collect();
                let hint = if keys.is_empty() {
                    no_blueprint.to_owned()
                } else {
                    format!("the blueprint's domains are: {}", keys.join(", "))
                };
                report(
                    domain,
                    problems,
                    Problem::new(
                        domain.span.clone(),
                        format!("{}: unknown domain `{}`", label(domain), domain.value),
                    )
                    .hint(hint)
                    .warning_unless(!blueprint.domains.is_empty()),
                );
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blueprint() -> Blueprint {
        toml::from_str(
            "[[domains]]\nkey = \"plants\"\ntitle = \"Plants\"\nweight = 100\ntasks = [{ key = \"1.1\", title = \"Roots\" }]\n",
        )
        .unwrap()
    }

    fn question(body: &str) -> (Question, String) {
        let (quiz, problems) = super::super::parse(body);
        assert!(problems.is_empty(), "{problems:?}");
        (quiz.unwrap().questions.remove(0), body.to_owned())
    }

    const Q: &str =
        "[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n";

    #[test]
    fn a_task_gives_its_domain() {
        let (q, _) = question(&format!("{Q}task = \"1.1\"\n"));
        let mut problems = Vec::new();
        let place = place(&q, 0, &blueprint(), &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!((place.domain.as_str(), place.task.as_deref()), ("plants", Some("1.1")));
        assert_eq!(place.task_title.as_deref(), Some("Roots"));
    }

    #[test]
    fn unknown_keys_and_a_task_in_another_domain_are_reported_where_they_are() {
        let (q, body) = question(&format!("{Q}task = \"9.9\"\n"));
        let mut problems = Vec::new();
        assert!(place(&q, 0, &blueprint(), &mut problems).is_none());
        assert_eq!(problems[0].message, "question 1: unknown task statement `9.9`");
        assert_eq!(&body[problems[0].span.clone()], "\"9.9\"");
        assert_eq!(problems[0].hint.as_deref(), Some("the blueprint's task statements are: 1.1"));

        let (q, _) = question(&format!("{Q}task = \"1.1\"\ndomain = \"rocks\"\n"));
        let mut problems = Vec::new();
        assert!(place(&q, 0, &blueprint(), &mut problems).is_some());
        assert_eq!(problems[0].message, "question 1: task 1.1 is in domain `plants`, not `rocks`");
    }

    #[test]
    fn without_a_blueprint_tags_are_ignored_with_one_warning_a_quiz() {
        let body = format!("{Q}domain = \"secure\"\n{Q}task = \"1.1\"\n{Q}");
        let (quiz, _) = super::super::parse(&body);
        let mut problems = Vec::new();
        let places = places(&quiz.unwrap(), &Blueprint::default(), &mut problems);
        assert_eq!(places, vec![None, None, None]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(&body[problems[0].span.clone()], "\"secure\"");
        assert!(problems[0].hint.as_deref().unwrap().contains("[preprocessor.studyguide.blueprint]"));
        assert!(!problems[0].is_error());
    }
}
