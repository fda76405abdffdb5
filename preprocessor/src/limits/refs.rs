//! The book's limits by id, and `{{limit id [min|max|default]}}` references to them.

use super::quantity::{self, Quantity};
use super::{LimitRow, LimitValue};
use crate::problem::Problem;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Which part of a limit a reference means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Selector {
    /// The whole value, as the table shows it.
    Whole,
    Min,
    Max,
    Default,
}

/// A parsed reference: `lambda.memory max`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LimitRef {
    pub id: String,
    pub selector: Selector,
}

impl LimitRef {
    /// Parses the text inside `{{limit …}}` (or a quiz's `cites`).
    pub(crate) fn parse(argument: &str) -> Result<LimitRef, Problem> {
        let whole = 0..argument.len();
        let mut words = argument.split_whitespace();
        let id = words.next().ok_or_else(|| {
            Problem::new(whole.clone(), "a limit reference needs an id, e.g. {{limit lambda.timeout}}")
        })?;
        let selector = match words.next() {
            None => Selector::Whole,
            Some("min") => Selector::Min,
            Some("max") => Selector::Max,
            Some("default") => Selector::Default,
            Some(other) => {
                return Err(Problem::new(
                    whole,
                    format!("unknown part `{other}` of limit `{id}`: use min, max or default"),
                ));
            }
        };
        if let Some(extra) = words.next() {
            return Err(Problem::new(
                whole,
                format!("unexpected `{extra}` in the reference to limit `{id}`"),
            ));
        }
        Ok(LimitRef { id: id.to_owned(), selector })
    }
}

/// A limit and the page that shows its table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RegistryEntry {
    pub row: LimitRow,
    pub service: Option<String>,
    /// The chapter's source path, relative to `src/`.
    pub chapter: PathBuf,
}

/// Every limit in the book, by id.
#[derive(Debug, Default, Clone)]
pub(crate) struct Registry {
    entries: BTreeMap<String, RegistryEntry>,
    /// Ids of rows that could not be read, with their chapters.
    unreadable: BTreeMap<String, PathBuf>,
}

impl Registry {
    /// Adds a limit; returns the earlier entry if the id is taken.
    pub(crate) fn insert(&mut self, entry: RegistryEntry) -> Result<(), &RegistryEntry> {
        let id = entry.row.id.clone();
        if self.entries.contains_key(&id) {
            return Err(&self.entries[&id]);
        }
        self.entries.insert(id, entry);
        Ok(())
    }

    /// Notes that the row `id` of a table in `chapter` could not be read.
    pub(crate) fn mark_unreadable(&mut self, id: &str, chapter: &std::path::Path) {
        self.unreadable.entry(id.to_owned()).or_insert_with(|| chapter.to_owned());
    }

    pub(crate) fn get(&self, id: &str) -> Option<&RegistryEntry> {
        self.entries.get(id)
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }

    /// The text a reference expands to, or why it cannot be expanded.
    pub(crate) fn expand(&self, reference: &LimitRef) -> Result<String, Problem> {
        let entry = self.lookup(&reference.id)?;
        match (reference.selector, &entry.row.value) {
            (Selector::Whole, value) => Ok(value.display()),
            (selector, value) => select(value, selector)
                .map(Quantity::display_with_equivalent)
                .ok_or_else(|| selector_error(&reference.id, selector, value)),
        }
    }

    /// The quantity a quiz answer must state for `cites = "…"`.
    pub(crate) fn cited_quantity(&self, reference: &LimitRef) -> Result<Quantity, Problem> {
        let entry = self.lookup(&reference.id)?;
        let selector = match reference.selector {
            // A range cited whole means its maximum: questions ask for limits.
            Selector::Whole => Selector::Max,
            other => other,
        };
        select(&entry.row.value, selector)
            .cloned()
            .ok_or_else(|| selector_error(&reference.id, selector, &entry.row.value))
    }

    fn lookup(&self, id: &str) -> Result<&RegistryEntry, Problem> {
        if let Some(entry) = self.entries.get(id) {
            return Ok(entry);
        }
        if let Some(chapter) = self.unreadable.get(id) {
            // Its row's problem is reported there: one cause, one problem.
            let message = format!("limit `{id}` could not be read: see its row in {}", chapter.display());
            return Err(Problem::new(0..0, message).as_consequence());
        }
        let message = match crate::toml_body::closest(id, self.entries.keys().map(String::as_str)) {
            Some(best) => format!("unknown limit `{id}` (did you mean `{best}`?)"),
            None => format!("unknown limit `{id}`"),
        };
        Err(Problem::new(0..0, message).hint(self.known_ids_hint()))
    }

    /// Which ids an author could have meant.
    fn known_ids_hint(&self) -> String {
        let ids: Vec<&str> = self.entries.keys().map(String::as_str).take(12).collect();
        if ids.is_empty() {
            "no ```limits block in the book defines any limit yet".to_owned()
        } else {
            format!("limits defined in the book include: {}", ids.join(", "))
        }
    }
}

fn select(value: &LimitValue, selector: Selector) -> Option<&Quantity> {
    match (value, selector) {
        (LimitValue::Single(q), Selector::Whole | Selector::Max) => Some(q),
        (LimitValue::Single(_), _) => None,
        (LimitValue::Range { min, .. }, Selector::Min) => Some(min),
        (LimitValue::Range { max, .. }, Selector::Max | Selector::Whole) => Some(max),
        (LimitValue::Range { default, .. }, Selector::Default) => default.as_ref(),
    }
}

fn selector_error(id: &str, selector: Selector, value: &LimitValue) -> Problem {
    let message = match value {
        LimitValue::Single(_) => format!("limit `{id}` is a single value: it has no {}", selector.name()),
        LimitValue::Range { .. } => format!("limit `{id}` has no default value"),
    };
    Problem::new(0..0, message)
}

impl Selector {
    fn name(self) -> &'static str {
        match self {
            Selector::Whole => "value",
            Selector::Min => "min",
            Selector::Max => "max",
            Selector::Default => "default",
        }
    }
}

/// Checks that the text of a quiz's correct choice states the cited limit.
/// Returns a message describing the contradiction, if any.
pub(crate) fn check_cited_answer(answer_text: &str, cited: &Quantity, id: &str) -> Option<String> {
    match quantity::find_in_text(answer_text) {
        None => Some(format!(
            "the answer \"{}\" states no quantity to compare with limit `{id}` ({})",
            answer_text.trim(),
            cited.display_with_equivalent()
        )),
        Some(stated) if !stated.same_as(cited) => Some(format!(
            "the answer says {} but limit `{id}` is {}",
            stated.display(),
            cited.display_with_equivalent()
        )),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let mut registry = Registry::default();
        let rows = [
            ("lambda.timeout", LimitValue::Single(Quantity::parse("15 min").unwrap())),
            (
                "lambda.memory",
                LimitValue::Range {
                    min: Quantity::parse("128 MB").unwrap(),
                    max: Quantity::parse("10,240 MB").unwrap(),
                    default: None,
                },
            ),
            ("lambda.package.zip", LimitValue::Single(Quantity::parse("50 MB").unwrap())),
        ];
        for (id, value) in rows {
            registry
                .insert(RegistryEntry {
                    row: LimitRow {
                        id: id.into(),
                        id_span: 0..0,
                        resource: "r".into(),
                        value,
                        adjustable: Some(false),
                        note: None,
                        source: None,
                    },
                    service: Some("AWS Lambda".into()),
                    chapter: "lambda.md".into(),
                })
                .unwrap();
        }
        registry
    }

    fn expand(arg: &str) -> Result<String, String> {
        LimitRef::parse(arg).and_then(|r| registry().expand(&r)).map_err(|p| p.message)
    }

    #[test]
    fn references_expand_to_formatted_values() {
        assert_eq!(expand("lambda.timeout").unwrap(), "15 minutes (900 s)");
        assert_eq!(expand("lambda.memory").unwrap(), "128 MB – 10,240 MB (10 GB)");
        assert_eq!(expand("lambda.memory max").unwrap(), "10,240 MB (10 GB)");
        assert_eq!(expand("lambda.memory min").unwrap(), "128 MB");
    }

    #[test]
    fn bad_references_say_why() {
        assert_eq!(
            expand("lambda.timout").unwrap_err(),
            "unknown limit `lambda.timout` (did you mean `lambda.timeout`?)"
        );
        assert_eq!(expand("nothing.like.it").unwrap_err(), "unknown limit `nothing.like.it`");
        assert!(expand("lambda.memory default").unwrap_err().contains("no default"));
        assert!(expand("lambda.timeout min").unwrap_err().contains("single value: it has no min"));
        assert!(expand("lambda.memory biggest").unwrap_err().contains("unknown part `biggest`"));
        assert!(expand("").unwrap_err().contains("needs an id"));
    }

    #[test]
    fn the_seeds_contradiction_is_caught() {
        let registry = registry();
        let cited = registry.cited_quantity(&LimitRef::parse("lambda.package.zip").unwrap()).unwrap();
        assert_eq!(
            check_cited_answer("3 MB", &cited, "lambda.package.zip").unwrap(),
            "the answer says 3 MB but limit `lambda.package.zip` is 50 MB"
        );
        assert_eq!(check_cited_answer("50 MB", &cited, "lambda.package.zip"), None);
    }

    #[test]
    fn equivalent_units_are_not_contradictions() {
        let registry = registry();
        let timeout = registry.cited_quantity(&LimitRef::parse("lambda.timeout").unwrap()).unwrap();
        assert_eq!(check_cited_answer("900 seconds", &timeout, "t"), None);
        let memory = registry.cited_quantity(&LimitRef::parse("lambda.memory").unwrap()).unwrap();
        assert_eq!(check_cited_answer("10 GB", &memory, "m"), None);
        assert!(check_cited_answer("EFS", &memory, "m").unwrap().contains("states no quantity"));
    }
}
