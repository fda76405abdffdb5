//! The exam a book prepares for: `[preprocessor.studyguide.blueprint]`.
//!
//! A blueprint names the exam's domains (key, title, weight) and each
//! domain's task statements (key, title), and the exam's shape (questions,
//! minutes, pass mark, and how the real exam states its pass mark). Questions
//! name a task (`task = "3.2"`, which gives its domain) or a domain; the
//! practice exam draws by the weights, `check` prints the coverage, and the
//! progress page estimates readiness by them. A book without a blueprint
//! has no domains: its exam draws by chapter, and no question is warned
//! about a missing domain.

use serde::{Deserialize, Serialize};

/// `[preprocessor.studyguide.blueprint]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Blueprint {
    /// The exam's name: "AWS Certified Solutions Architect – Associate (SAA-C03)".
    pub exam: Option<String>,
    /// How many questions a sitting has.
    pub questions: Option<u32>,
    /// How many minutes a sitting gives.
    pub minutes: Option<u32>,
    /// How many minutes more the real exam grants on request, if it does:
    /// the practice exam offers them too, scaled to a shorter sitting.
    pub extra_minutes: Option<u32>,
    /// The practice exam's pass mark, in percent of the questions.
    pub pass: Option<u32>,
    /// How the real exam states its pass mark, for learners ("a scaled score of 720 of 1,000").
    pub pass_note: Option<String>,
    /// A task statement with fewer questions than this is warned about in `check`.
    pub min_task_questions: Option<usize>,
    pub domains: Vec<BlueprintDomain>,
}

/// A domain of the blueprint.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BlueprintDomain {
    /// What a question writes in `domain`: "secure".
    pub key: String,
    pub title: String,
    /// Its share of the exam's scored questions, in percent.
    pub weight: u32,
    pub tasks: Vec<Task>,
}

/// A task statement of a domain.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Task {
    /// What a question writes in `task`: "3.2".
    pub key: String,
    pub title: String,
}

/// Below this many questions a task statement is warned about, unless the
/// blueprint sets `min-task-questions`.
pub(crate) const MIN_TASK_QUESTIONS: usize = 12;

impl Blueprint {
    /// The domain with this key.
    pub(crate) fn domain(&self, key: &str) -> Option<&BlueprintDomain> {
        self.domains.iter().find(|d| d.key == key)
    }

    /// The task with this key, and its domain.
    pub(crate) fn task(&self, key: &str) -> Option<(&BlueprintDomain, &Task)> {
        self.domains.iter().find_map(|d| d.tasks.iter().find(|t| t.key == key).map(|t| (d, t)))
    }

    /// Every task statement's key, in order.
    pub(crate) fn task_keys(&self) -> impl Iterator<Item = &str> {
        self.domains.iter().flat_map(|d| d.tasks.iter().map(|t| t.key.as_str()))
    }

    /// The warning threshold of `check`.
    pub(crate) fn min_task_questions(&self) -> usize {
        self.min_task_questions.unwrap_or(MIN_TASK_QUESTIONS)
    }

    /// What is wrong with the blueprint itself, in words.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut keys = std::collections::HashSet::new();
        for d in &self.domains {
            if d.key.trim().is_empty() || d.title.trim().is_empty() {
                problems.push("every blueprint domain needs a `key` and a `title`".to_owned());
            }
            if !keys.insert(d.key.as_str()) {
                problems.push(format!("the blueprint names domain `{}` twice", d.key));
            }
            for t in &d.tasks {
                if t.key.trim().is_empty() {
                    problems.push(format!("a task of domain `{}` has no `key`", d.key));
                }
                if !keys.insert(t.key.as_str()) {
                    problems.push(format!("the blueprint names `{}` twice", t.key));
                }
            }
        }
        let total: u32 = self.domains.iter().map(|d| d.weight).sum();
        if !self.domains.is_empty() && total != 100 {
            problems.push(format!("the blueprint's domain weights add up to {total}, not 100"));
        }
        if self.pass.is_some_and(|p| !(1..=100).contains(&p)) {
            problems.push("the blueprint's `pass` is a percentage: from 1 to 100".to_owned());
        }
        if self.questions.is_some_and(|q| !(1..=1000).contains(&q)) {
            problems.push("the blueprint's `questions` must be from 1 to 1000".to_owned());
        }
        if self.minutes.is_some_and(|m| !(1..=1440).contains(&m)) {
            problems.push("the blueprint's `minutes` must be from 1 to 1440".to_owned());
        }
        if self.extra_minutes.is_some_and(|m| !(1..=1440).contains(&m)) {
            problems.push("the blueprint's `extra-minutes` must be from 1 to 1440".to_owned());
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saa() -> Blueprint {
        toml::from_str(
            r#"
            exam = "SAA-C03"
            questions = 65
            [[domains]]
            key = "secure"
            title = "Design Secure Architectures"
            weight = 60
            tasks = [{ key = "1.1", title = "Access" }, { key = "1.2", title = "Workloads" }]
            [[domains]]
            key = "cost"
            title = "Design Cost-Optimized Architectures"
            weight = 40
            tasks = [{ key = "4.1", title = "Storage" }]
            "#,
        )
        .unwrap()
    }

    #[test]
    fn tasks_find_their_domain() {
        let b = saa();
        let (domain, task) = b.task("1.2").unwrap();
        assert_eq!((domain.key.as_str(), task.title.as_str()), ("secure", "Workloads"));
        assert!(b.task("9.9").is_none());
        assert_eq!(b.task_keys().collect::<Vec<_>>(), ["1.1", "1.2", "4.1"]);
        assert!(b.problems().is_empty(), "{:?}", b.problems());
        assert_eq!(b.min_task_questions(), MIN_TASK_QUESTIONS);
    }

    #[test]
    fn a_blueprint_that_does_not_add_up_is_reported() {
        let mut b = saa();
        b.domains[1].weight = 30;
        b.domains[1].tasks.push(Task { key: "1.1".into(), title: "again".into() });
        let problems = b.problems();
        assert!(
            problems.iter().any(|p| p == "the blueprint's domain weights add up to 90, not 100"),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p == "the blueprint names `1.1` twice"), "{problems:?}");
    }

    #[test]
    fn extra_minutes_are_read_and_held_to_a_day() {
        let b: Blueprint = toml::from_str("extra-minutes = 30").unwrap();
        assert_eq!(b.extra_minutes, Some(30));
        let b: Blueprint = toml::from_str("extra-minutes = 0").unwrap();
        assert_eq!(b.problems(), ["the blueprint's `extra-minutes` must be from 1 to 1440"]);
    }
}
