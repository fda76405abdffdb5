//! A limit table as a Markdown table, for renderers other than HTML.

use super::LimitTable;
use std::fmt::Write;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub(crate) fn render_markdown(table: &LimitTable) -> String {
    let mut out = String::new();
    let _ = write!(out, "**{}** ({})", cell(&table.caption), cell(&table.service));
    if let Some(source) = &table.source {
        let _ = write!(out, " — [Source]({source})");
    }
    out.push_str("\n\n| Resource | Limit | Quota | Notes |\n|---|---|---|---|\n");
    for row in &table.rows {
        let quota = if row.adjustable { "Adjustable" } else { "Fixed" };
        let mut notes = row.note.as_deref().map(cell).unwrap_or_default();
        if let Some(source) = &row.source {
            let _ = write!(notes, " [Source]({source})");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {quota} | {} |",
            cell(&row.resource),
            cell(&row.value.display()),
            notes.trim()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrades_to_a_markdown_table() {
        let table = crate::limits::parse(
            "caption = \"Lambda\"\nservice = \"AWS Lambda\"\n[[limit]]\nid = \"t\"\nresource = \"Timeout | max\"\nvalue = \"15 min\"\nadjustable = false\n",
        )
        .0
        .unwrap();
        assert_eq!(
            render_markdown(&table),
            "**Lambda** (AWS Lambda)\n\n| Resource | Limit | Quota | Notes |\n|---|---|---|---|\n| Timeout \\| max | 15 minutes (900 s) | Fixed |  |\n"
        );
    }
}
