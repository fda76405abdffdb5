//! A limit table as a Markdown table, for renderers other than HTML.

use super::LimitTable;
use crate::config::LimitsConfig;
use std::fmt::Write;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The table, with the book's headings; a column for whether a limit is
/// adjustable only when its rows say it.
pub(crate) fn render_markdown(table: &LimitTable, words: &LimitsConfig) -> String {
    let mut out = String::new();
    let _ = write!(out, "**{}**", cell(&table.caption));
    if let Some(service) = &table.service {
        let _ = write!(out, " ({})", cell(service));
    }
    if let Some(source) = &table.source {
        let _ = write!(out, " — [Source]({source})");
    }
    let adjustable = table.says_adjustable();
    let mut headings = vec![&words.resource_heading, &words.value_heading];
    if adjustable {
        headings.push(&words.adjustable_heading);
    }
    headings.push(&words.notes_heading);
    out.push_str("\n\n|");
    for heading in &headings {
        let _ = write!(out, " {} |", cell(heading));
    }
    out.push_str(&format!("\n|{}\n", "---|".repeat(headings.len())));
    for row in &table.rows {
        let mut notes = row.note.as_deref().map(cell).unwrap_or_default();
        if let Some(source) = &row.source {
            let _ = write!(notes, " [Source]({source})");
        }
        let _ = write!(out, "| {} | {} |", cell(&row.resource), cell(&row.value.display()));
        if let Some(adjustable) = row.adjustable {
            let label = if adjustable { &words.adjustable_label } else { &words.fixed_label };
            let _ = write!(out, " {} |", cell(label));
        }
        let _ = writeln!(out, " {} |", notes.trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(body: &str) -> LimitTable {
        let (table, problems) = crate::limits::parse(body);
        assert!(problems.is_empty(), "{problems:?}");
        table.unwrap()
    }

    #[test]
    fn degrades_to_a_markdown_table() {
        let table = table(
            "caption = \"Lambda\"\nservice = \"AWS Lambda\"\n[[limit]]\nid = \"t\"\nresource = \"Timeout | max\"\nvalue = \"15 min\"\nadjustable = false\n",
        );
        let words = LimitsConfig {
            resource_heading: "Resource".into(),
            value_heading: "Limit".into(),
            adjustable_heading: "Quota".into(),
            fixed_label: "Fixed".into(),
            ..LimitsConfig::default()
        };
        assert_eq!(
            render_markdown(&table, &words),
            "**Lambda** (AWS Lambda)\n\n| Resource | Limit | Quota | Notes |\n|---|---|---|---|\n| Timeout \\| max | 15 minutes (900 s) | Fixed |  |\n"
        );
    }

    #[test]
    fn a_table_that_says_nothing_of_adjusting_has_no_column_for_it() {
        let table = table(
            "caption = \"The periodic table\"\n[[limit]]\nid = \"e\"\nresource = \"Known elements\"\nvalue = \"118 elements\"\nnote = \"As of 2016.\"\n",
        );
        assert_eq!(
            render_markdown(&table, &LimitsConfig::default()),
            "**The periodic table**\n\n| Item | Value | Notes |\n|---|---|---|\n| Known elements | 118 elements | As of 2016. |\n"
        );
    }
}
