//! A limit table as HTML: a complete, plain table without script or on
//! paper, with the data `theme/limits.js` needs for practice mode.

use super::practice::{BookValues, choices};
use super::{LimitRow, LimitTable, LimitValue, row_anchor};
use crate::config::LimitsConfig;
use crate::html::{Markup, html};
use crate::markdown::{MarkdownStyle, render_inline, to_plain_text};

/// Renders a limit table. `table_key` identifies the table in the reader's
/// saved practice state; `book` holds the book's limits, which practice
/// offers as options; `words` are the book's headings. A table whose rows
/// do not say whether they are adjustable has no column for it.
pub(crate) fn render_html(
    table: &LimitTable,
    table_key: &str,
    style: MarkdownStyle,
    book: &BookValues,
    words: &LimitsConfig,
) -> Markup {
    let mode = format!("sg-mode-{table_key}");
    let adjustable = table.says_adjustable();
    html! {
        div.sg-limits data-sg-module="limits" data-sg-limits data-table=(table_key) {
            div.sg-limits-toolbar data-sg-js hidden {
                button type="button" class="sg-button" data-sg-practice aria-pressed="false"
                    aria-label={ "Practice: " (to_plain_text(&table.caption)) } { "Practice" }
                span.sg-practice-controls data-sg-controls hidden {
                    fieldset {
                        legend { "Answer by" }
                        label { input type="radio" name=(mode) value="type" data-sg-mode; " Typing" }
                        label { input type="radio" name=(mode) value="choose" data-sg-mode; " Choosing" }
                    }
                    button type="button" class="sg-button" data-sg-reveal { "Reveal all" }
                    button type="button" class="sg-button" data-sg-reset { "Reset" }
                    span.sg-score role="status" data-sg-score {}
                }
            }
            div.sg-table-scroll {
                table.sg-limits-table {
                    caption {
                        (render_inline(&table.caption, style))
                        @if let Some(service) = &table.service { " " span.sg-service { "(" (service) ")" } }
                        @if let Some(source) = &table.source { " " a.sg-source href=(source) { "Source" } }
                    }
                    thead {
                        tr {
                            th scope="col" { (words.resource_heading) }
                            th scope="col" { (words.value_heading) }
                            @if adjustable { th scope="col" { (words.adjustable_heading) } }
                            th scope="col" { (words.notes_heading) }
                        }
                    }
                    tbody { @for row in &table.rows { (render_row(row, style, book, words)) } }
                }
            }
        }
    }
}

/// A `{{limit …}}` in a chapter's prose: its value, marked with the limit's
/// id (unique in the book) for the practice script.
pub(super) fn render_reference(id: &str, text: &str) -> Markup {
    html! { span.sg-limit-ref data-sg-limit-ref data-limit=(id) { (text) } }
}

/// Changes when the row's value does: a learner's saved answer is then stale.
pub(super) fn row_hash(row: &LimitRow) -> String {
    crate::hash::short_hash(&[&row.id, &row.value.display()])
}

fn render_row(row: &LimitRow, style: MarkdownStyle, book: &BookValues, words: &LimitsConfig) -> Markup {
    let seed = u64::from_str_radix(&crate::hash::short_hash(&[&row.id])[..8], 16).unwrap_or(0);
    let (options, answer) = choices(&row.value, seed, book);
    let options = serde_json::to_string(&options).unwrap_or_default();
    let hash = row_hash(row);
    let adjustable = row.adjustable.map(|adjustable| {
        if adjustable {
            ("sg-quota sg-quota-adjustable", &words.adjustable_label)
        } else {
            ("sg-quota sg-quota-fixed", &words.fixed_label)
        }
    });
    // The true value in base units, for grading typed answers.
    let (kind, value, min, max) = match &row.value {
        LimitValue::Single(q) => ("single", Some(q.base()), None, None),
        LimitValue::Range { min, max, .. } => ("range", None, Some(min.base()), Some(max.base())),
    };
    html! {
        tr id=(row_anchor(&row.id)) data-sg-limit data-id=(row.id) data-hash=(hash)
            data-dim=(row.value.dimension().as_str()) data-kind=(kind)
            data-value=[value] data-min=[min] data-max=[max]
            data-choices=(options) data-choice-answer=(answer) {
            th scope="row" { (render_inline(&row.resource, style)) }
            td.sg-limit-cell { span.sg-limit-value data-sg-value { (row.value.display()) } }
            @if let Some((class, label)) = adjustable { td { span class=(class) { (label) } } }
            td {
                @if let Some(note) = &row.note { (render_inline(note, style)) }
                @if let Some(source) = &row.source { " " a.sg-source href=(source) { "Source" } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::parse;

    const TABLE: &str = r#"
caption = "Lambda *limits*"
service = "AWS Lambda"
source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"

[[limit]]
id = "lambda.timeout"
resource = "Max execution timeout"
value = "15 min"
adjustable = false
note = "Use `Step Functions` beyond this."

[[limit]]
id = "lambda.memory"
resource = "Memory"
min = "128 MB"
max = "10,240 MB"
adjustable = true
"#;

    /// The guide's words.
    fn aws_words() -> LimitsConfig {
        LimitsConfig {
            resource_heading: "Resource".into(),
            value_heading: "Limit".into(),
            adjustable_heading: "Quota".into(),
            adjustable_label: "Adjustable".into(),
            fixed_label: "Fixed".into(),
            notes_heading: "Notes".into(),
        }
    }

    fn html() -> String {
        let table = parse(TABLE).0.unwrap();
        render_html(&table, "lambda", MarkdownStyle::default(), &BookValues::default(), &aws_words())
            .into_string()
    }

    #[test]
    fn renders_an_accessible_plain_table() {
        let html = html();
        assert!(!html.contains('\n'));
        assert!(html.contains(r#"<caption>Lambda <em>limits</em> <span class="sg-service">(AWS Lambda)</span> <a class="sg-source" href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Source</a></caption>"#), "{html}");
        assert!(html.contains(r#"<th scope="row">Max execution timeout</th><td class="sg-limit-cell"><span class="sg-limit-value" data-sg-value>15 minutes (900 s)</span></td><td><span class="sg-quota sg-quota-fixed">Fixed</span></td><td>Use <code>Step Functions</code> beyond this.</td></tr>"#), "{html}");
        assert!(html.contains("128 MB – 10,240 MB (10 GB)"));
        assert!(html.contains(r#"<span class="sg-quota sg-quota-adjustable">Adjustable</span>"#));
    }

    #[test]
    fn the_headings_are_the_books_and_a_table_silent_on_adjusting_has_no_column_for_it() {
        let html = html();
        assert!(
            html.contains(r#"<thead><tr><th scope="col">Resource</th><th scope="col">Limit</th><th scope="col">Quota</th><th scope="col">Notes</th></tr></thead>"#),
            "{html}"
        );
        let body = "caption = \"Cooking times\"\n[[limit]]\nid = \"egg\"\nresource = \"Soft-boiled egg\"\nvalue = \"6 min\"\n";
        let (table, problems) = parse(body);
        assert!(problems.is_empty(), "{problems:?}");
        let html = render_html(
            &table.unwrap(),
            "cooking",
            MarkdownStyle::default(),
            &BookValues::default(),
            &LimitsConfig::default(),
        )
        .into_string();
        assert!(html.contains("<caption>Cooking times</caption>"), "{html}");
        assert!(
            html.contains(r#"<thead><tr><th scope="col">Item</th><th scope="col">Value</th><th scope="col">Notes</th></tr></thead>"#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<span class="sg-limit-value" data-sg-value>6 minutes (360 s)</span></td><td></td></tr>"#
            ),
            "{html}"
        );
        assert!(!html.contains("sg-quota") && !html.contains("sg-service"), "{html}");
    }

    #[test]
    fn rows_carry_what_practice_mode_grades_against() {
        let html = html();
        assert!(
            html.contains(r#"<tr id="limit-lambda-timeout" data-sg-limit data-id="lambda.timeout""#),
            "{html}"
        );
        assert!(html.contains(r#"data-dim="duration" data-kind="single" data-value="900000""#), "{html}");
        assert!(html.contains(r#"data-kind="range" data-min="134217728" data-max="10737418240""#), "{html}");
        assert!(html.contains("data-choices=\"[&quot;"), "{html}");
    }
}
