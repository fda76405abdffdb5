//! The limit table's life cycle: parsed, its rows put in the book's
//! registry, rendered; and the `{{limit …}}` references it answers.

use super::practice::BookValues;
use super::{LimitRef, LimitTable, LimitTables, PublishedRow, PublishedTable, Registry, RegistryEntry};
use crate::browser::{BrowserModule, Need};
use crate::config::LimitsConfig;
use crate::embedded::{self, theme};
use crate::html::Markup;
use crate::lifecycle::{Block, BlockCx, Index, Kind, Parsed, ResolveCx, Target};
use crate::problem::Problem;
use std::path::Path;
use std::sync::Arc;
/// Practice mode (`theme/limits.js`) and the answers' grammar (`theme/quantity.js`).
static BROWSER: BrowserModule = BrowserModule {
    name: "limits",
    scripts: &[theme!("quantity.js"), theme!("limits.js")],
    styles: &[embedded::STYLES],
    needs: &[Need::Storage, Need::Log],
};

/// ```` ```limits ```` blocks and `{{limit id}}` references, with the words
/// the book's tables show.
pub(crate) struct LimitsKind {
    words: Arc<LimitsConfig>,
}

impl LimitsKind {
    pub(crate) fn new(words: LimitsConfig) -> Self {
        LimitsKind { words: Arc::new(words) }
    }
}

impl Kind for LimitsKind {
    fn fence(&self) -> &'static str {
        "limits"
    }

    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }

    fn parse(&self, body: &str, _cx: &BlockCx) -> Parsed {
        let (table, problems) = super::parse(body);
        let block = table.map(|table| {
            Box::new(LimitsBlock { table, book: Arc::default(), words: Arc::clone(&self.words) })
                as Box<dyn Block>
        });
        Parsed::new(block, problems)
    }

    /// With every table indexed: the values practice draws its options from.
    fn prepare(&mut self, index: &mut Index, _target: Target) {
        let values = index.get::<Registry>().map(BookValues::of).unwrap_or_default();
        *index.part::<Arc<BookValues>>() = Arc::new(values);
    }

    fn reference(&self) -> Option<&'static str> {
        Some(super::REFERENCE)
    }

    /// Each row's practice result, and each table's practice settings.
    fn stored_keys(&self, index: &Index) -> Vec<String> {
        let tables = index.get::<LimitTables>().map(|t| t.0.as_slice()).unwrap_or_default();
        tables
            .iter()
            .flat_map(|t| {
                std::iter::once(format!("limits:{}", t.key))
                    .chain(t.rows.iter().map(|r| format!("limit:{}", r.id)))
            })
            .collect()
    }

    fn expand(&self, argument: &str, index: &Index) -> Result<String, Problem> {
        let no_limits = Registry::default();
        let registry = index.get::<Registry>().unwrap_or(&no_limits);
        LimitRef::parse(argument).and_then(|reference| registry.expand(&reference))
    }

    /// In a page, the value is a span naming its limit, so that while the
    /// limit's table is practised on the same page `theme/limits.js` can
    /// mask it.
    fn expand_in_prose(&self, argument: &str, index: &Index, target: Target) -> Result<String, Problem> {
        let text = self.expand(argument, index)?;
        Ok(match (target, LimitRef::parse(argument)) {
            (target, Ok(reference)) if target.is_html() => {
                super::html::render_reference(&reference.id, &text).into_string()
            }
            _ => text,
        })
    }
}

/// The table's key in a reader's saved state: its page and caption.
fn table_key(cx: &BlockCx, table: &LimitTable) -> String {
    format!("{}-{}", cx.slug, crate::pages::slug(Path::new(&table.caption)))
}

struct LimitsBlock {
    table: LimitTable,
    /// Every limit of the book, for practice's options.
    book: Arc<BookValues>,
    /// The book's headings.
    words: Arc<LimitsConfig>,
}

impl Block for LimitsBlock {
    fn index(&self, cx: &BlockCx, index: &mut Index, problems: &mut Vec<Problem>) {
        index.part::<LimitTables>().0.push(PublishedTable {
            key: table_key(cx, &self.table),
            caption: crate::markdown::to_plain_text(&self.table.caption),
            page: cx.chapter.to_owned(),
            rows: self
                .table
                .rows
                .iter()
                .map(|row| PublishedRow {
                    id: row.id.clone(),
                    hash: super::html::row_hash(row),
                    name: crate::markdown::to_plain_text(&row.resource),
                    value: row.value.display(),
                })
                .collect(),
        });
        let registry = index.part::<Registry>();
        for id in &self.table.unreadable {
            registry.mark_unreadable(id, cx.chapter);
        }
        for row in &self.table.rows {
            let entry = RegistryEntry {
                row: row.clone(),
                service: self.table.service.clone(),
                chapter: cx.chapter.to_owned(),
            };
            if let Err(earlier) = registry.insert(entry) {
                let message =
                    format!("limit `{}` is already defined in {}", row.id, earlier.chapter.display());
                problems.push(Problem::new(row.id_span.clone(), message));
            }
        }
    }

    fn resolve(&mut self, cx: &ResolveCx, _problems: &mut Vec<Problem>) {
        if let Some(book) = cx.index.get::<Arc<BookValues>>() {
            self.book = Arc::clone(book);
        }
    }

    fn render_html(&self, cx: &BlockCx) -> Markup {
        super::render_html(&self.table, &table_key(cx, &self.table), cx.style, &self.book, &self.words)
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        super::render_markdown(&self.table, &self.words)
    }
}
