//! A limit table as HTML: a complete, plain table without script or on
//! paper, with the data `theme/limits.js` needs for practice mode.

use super::practice::choices;
use super::{LimitTable, LimitValue, row_anchor};
use crate::markdown::{MarkdownStyle, escape_attr, escape_text, one_line, render_inline, to_plain_text};
use std::fmt::Write;

/// Renders a limit table to a single line of HTML. `table_key` identifies
/// the table in the reader's saved practice state.
pub fn render_html(table: &LimitTable, table_key: &str, style: MarkdownStyle) -> String {
    let mut out = String::new();
    let _ = write!(out, r#"<div class="sg-limits" data-sg-limits data-table="{}">"#, escape_attr(table_key));
    let _ = write!(
        out,
        r#"<div class="sg-limits-toolbar" data-sg-js hidden><button type="button" class="sg-button" data-sg-practice aria-pressed="false" aria-label="Practice: {caption}">Practice</button><span class="sg-practice-controls" data-sg-controls hidden><fieldset><legend>Answer by</legend><label><input type="radio" name="sg-mode-{key}" value="type" data-sg-mode> Typing</label><label><input type="radio" name="sg-mode-{key}" value="choose" data-sg-mode> Choosing</label></fieldset><button type="button" class="sg-button" data-sg-reveal>Reveal all</button><button type="button" class="sg-button" data-sg-reset>Reset</button><span class="sg-score" role="status" data-sg-score></span></span></div>"#,
        caption = escape_attr(&to_plain_text(&table.caption)),
        key = escape_attr(table_key),
    );
    out.push_str(r#"<div class="sg-table-scroll"><table class="sg-limits-table">"#);
    let _ = write!(out, "<caption>{}", render_inline(&table.caption, style));
    let _ = write!(out, r#" <span class="sg-service">({})</span>"#, escape_text(&table.service));
    if let Some(source) = &table.source {
        let _ = write!(out, r#" <a class="sg-source" href="{}">Source</a>"#, escape_attr(source));
    }
    out.push_str("</caption>");
    out.push_str(r#"<thead><tr><th scope="col">Resource</th><th scope="col">Limit</th><th scope="col">Quota</th><th scope="col">Notes</th></tr></thead><tbody>"#);
    for row in &table.rows {
        let seed = u64::from_str_radix(&crate::hash::short_hash(&[&row.id])[..8], 16).unwrap_or(0);
        let (options, answer) = choices(&row.value, seed);
        let _ = write!(
            out,
            r#"<tr id="{anchor}" data-sg-limit data-id="{id}" data-hash="{hash}" data-dim="{dim}" {values} data-choices="{choices}" data-choice-answer="{answer}">"#,
            anchor = row_anchor(&row.id),
            id = escape_attr(&row.id),
            hash = crate::hash::short_hash(&[&row.id, &row.value.display()]),
            dim = row.value.dimension().as_str(),
            values = value_attributes(&row.value),
            choices = escape_attr(&serde_json::to_string(&options).unwrap_or_default()),
        );
        let _ = write!(out, r#"<th scope="row">{}</th>"#, render_inline(&row.resource, style));
        let _ = write!(
            out,
            r#"<td class="sg-limit-cell"><span class="sg-limit-value" data-sg-value>{}</span></td>"#,
            escape_text(&row.value.display())
        );
        let (class, text) =
            if row.adjustable { ("sg-quota-adjustable", "Adjustable") } else { ("sg-quota-fixed", "Fixed") };
        let _ = write!(out, r#"<td><span class="sg-quota {class}">{text}</span></td>"#);
        out.push_str("<td>");
        if let Some(note) = &row.note {
            out.push_str(&render_inline(note, style));
        }
        if let Some(source) = &row.source {
            let _ = write!(out, r#" <a class="sg-source" href="{}">Source</a>"#, escape_attr(source));
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div></div>");
    one_line(&out).into_owned()
}

/// The true value in base units, for grading typed answers.
fn value_attributes(value: &LimitValue) -> String {
    match value {
        LimitValue::Single(q) => format!(r#"data-kind="single" data-value="{}""#, q.base()),
        LimitValue::Range { min, max, .. } => {
            format!(r#"data-kind="range" data-min="{}" data-max="{}""#, min.base(), max.base())
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

    fn html() -> String {
        let table = parse(TABLE).0.unwrap();
        render_html(&table, "lambda", MarkdownStyle::default())
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
