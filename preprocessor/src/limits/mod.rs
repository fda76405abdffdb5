//! Limit tables: numbers worth knowing by heart, written once, in a
//! ```` ```limits ```` block, shown as a table learners can drill, and
//! referenced from prose and quizzes with `{{limit id}}` so the numbers never
//! disagree.
//!
//! ```toml
//! caption = "Lambda limits"
//! service = "AWS Lambda"       # optional: shown after the caption
//! source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
//!
//! [[limit]]
//! id = "lambda.memory"
//! resource = "Memory"
//! min = "128 MB"
//! max = "10,240 MB"
//! adjustable = false           # optional, but in every row or in none
//! note = "CPU is allocated in proportion to memory."
//! ```
//!
//! The words of the table's headings, and of its column that says whether a
//! limit is adjustable, are the book's settings (`LimitsConfig`).

mod html;
mod kind;
mod markdown;
mod parse;
mod practice;
pub(crate) mod quantity;
mod refs;

pub(crate) use html::render_html;
pub(crate) use kind::LimitsKind;
pub(crate) use markdown::render_markdown;
pub(crate) use parse::parse;
pub(crate) use refs::{LimitRef, Registry, RegistryEntry, check_cited_answer};

use quantity::Quantity;
use std::ops::Range;
use std::path::PathBuf;

/// The name of its references: `{{limit id}}`.
const REFERENCE: &str = "limit";

/// A parsed ```` ```limits ```` block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LimitTable {
    pub caption: String,
    /// What the table is about, shown after its caption: "(AWS Lambda)".
    pub service: Option<String>,
    pub source: Option<String>,
    pub rows: Vec<LimitRow>,
    /// The ids of rows that could not be read (each reported at its row):
    /// a reference to one is not reported again.
    pub unreadable: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LimitRow {
    pub id: String,
    /// Where the id is written in the block body.
    pub id_span: Range<usize>,
    pub resource: String,
    pub value: LimitValue,
    /// Whether the limit can be raised on request (a quota) or is fixed;
    /// said by every row of a table or by none.
    pub adjustable: Option<bool>,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LimitValue {
    Single(Quantity),
    Range { min: Quantity, max: Quantity, default: Option<Quantity> },
}

impl LimitTable {
    /// Whether its rows say whether they are adjustable: the table then has
    /// a column for it.
    pub(crate) fn says_adjustable(&self) -> bool {
        self.rows.iter().any(|row| row.adjustable.is_some())
    }
}

impl LimitValue {
    /// The value as a reader sees it in the table and in prose:
    /// "15 minutes (900 s)", "128 MB – 10,240 MB (10 GB)".
    pub(crate) fn display(&self) -> String {
        match self {
            LimitValue::Single(q) => q.display_with_equivalent(),
            LimitValue::Range { min, max, default } => {
                let mut text =
                    format!("{} – {}", min.display_with_equivalent(), max.display_with_equivalent());
                if let Some(default) = default {
                    text.push_str(&format!(", default {}", default.display_with_equivalent()));
                }
                text
            }
        }
    }

    /// The value without equivalents, as a practice choice shows it.
    #[cfg(any(test, fuzzing))]
    pub(crate) fn display_short(&self) -> String {
        match self {
            LimitValue::Single(q) => q.display(),
            LimitValue::Range { min, max, .. } => format!("{} – {}", min.display(), max.display()),
        }
    }

    pub(crate) fn dimension(&self) -> quantity::Dimension {
        match self {
            LimitValue::Single(q) => q.dimension(),
            LimitValue::Range { max, .. } => max.dimension(),
        }
    }
}

/// A limit table as the pages that gather the book's progress see it.
#[derive(Debug, Clone)]
pub(crate) struct PublishedTable {
    /// Its key in a reader's saved practice state.
    pub key: String,
    /// Plain text.
    pub caption: String,
    /// The page it is on, under `src/`.
    pub page: PathBuf,
    pub rows: Vec<PublishedRow>,
}

#[derive(Debug, Clone)]
pub(crate) struct PublishedRow {
    pub id: String,
    pub hash: String,
    /// Plain text.
    pub name: String,
    pub value: String,
}

/// Every limit table of the book, in book order.
#[derive(Debug, Default)]
pub(crate) struct LimitTables(pub Vec<PublishedTable>);

/// HTML id of a limit's table row: `limit-lambda-timeout`.
pub(crate) fn row_anchor(id: &str) -> String {
    let slug: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("limit-{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_display_with_their_equivalents() {
        let single = LimitValue::Single(Quantity::parse("15 min").unwrap());
        assert_eq!(single.display(), "15 minutes (900 s)");
        let range = LimitValue::Range {
            min: Quantity::parse("0 s").unwrap(),
            max: Quantity::parse("3600 s").unwrap(),
            default: Some(Quantity::parse("300 s").unwrap()),
        };
        assert_eq!(range.display(), "0 seconds – 3,600 seconds (1 hour), default 300 seconds (5 minutes)");
        assert_eq!(range.display_short(), "0 seconds – 3,600 seconds");
    }

    #[test]
    fn anchors_are_safe_ids() {
        assert_eq!(row_anchor("lambda.timeout"), "limit-lambda-timeout");
        assert_eq!(row_anchor("a\"<b"), "limit-a--b");
    }
}
