//! TOML body → [`LimitTable`], every problem reported against its span.

use super::quantity::{Quantity, known_units};
use super::{LimitRow, LimitTable, LimitValue};
use crate::problem::Problem;
use crate::quiz::is_valid_id;
use crate::toml_body::{self, Schema};
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

#[derive(Deserialize)]
struct RawTable {
    caption: Option<Spanned<String>>,
    service: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
    #[serde(default)]
    limit: Vec<Spanned<RawRow>>,
}

#[derive(Deserialize)]
struct RawRow {
    id: Spanned<String>,
    resource: Spanned<String>,
    value: Option<Spanned<String>>,
    min: Option<Spanned<String>>,
    max: Option<Spanned<String>>,
    default: Option<Spanned<String>>,
    adjustable: Option<Spanned<bool>>,
    note: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
}

/// Parses and validates a limits body. The table is returned whenever the
/// TOML parses, holding the rows that have no problems: those can still be
/// referenced while the author fixes the others. Only a table without
/// problems is fit to render.
pub(crate) fn parse(body: &str) -> (Option<LimitTable>, Vec<Problem>) {
    let schema = Schema::of::<RawTable>().with("limit", Schema::of::<RawRow>());
    let raw: RawTable = match toml_body::parse(body, "limits", &schema) {
        Ok(raw) => raw,
        Err(problems) => return (None, problems),
    };
    let mut problems = Vec::new();
    for (text, what) in [(&raw.caption, "caption"), (&raw.service, "service")] {
        if let Some(text) = text {
            unexpanded_references(text, what, &mut problems);
        }
    }
    let whole = 0..body.len().min(1);
    let caption =
        required_text(raw.caption, "caption", "caption = \"Upload limits\"", whole.clone(), &mut problems);
    let service = optional_text(raw.service, "service", &mut problems);
    let source = raw.source.and_then(|s| checked_url(s, &mut problems));
    if raw.limit.is_empty() {
        problems.push(
            Problem::new(whole, "limits block has no rows")
                .hint("add [[limit]] tables, each with an id, a resource and a value"),
        );
    }
    // A row that says whether it is adjustable makes the table's rows say so.
    let says_adjustable = raw.limit.iter().any(|row| row.get_ref().adjustable.is_some());
    let mut ids = HashSet::new();
    let mut unreadable = Vec::new();
    let rows = raw
        .limit
        .into_iter()
        .enumerate()
        .filter_map(|(n, row)| {
            let id = row.get_ref().id.get_ref().trim().to_owned();
            let parsed = parse_row(n + 1, row, says_adjustable, &mut ids, &mut problems);
            if parsed.is_none() && is_valid_id(&id) {
                unreadable.push(id);
            }
            parsed
        })
        .collect();
    let table = LimitTable { caption, service, source, rows, unreadable };
    (Some(table), problems)
}

fn required_text(
    value: Option<Spanned<String>>,
    name: &str,
    example: &str,
    whole: std::ops::Range<usize>,
    problems: &mut Vec<Problem>,
) -> String {
    match value {
        Some(v) if !v.get_ref().trim().is_empty() => v.into_inner(),
        Some(v) => {
            problems.push(Problem::new(v.span(), format!("limits block: `{name}` is empty")));
            String::new()
        }
        None => {
            problems.push(Problem::new(whole, format!("limits block: `{name}` is missing")).hint(example));
            String::new()
        }
    }
}

/// A text that may be left out, but not given empty.
fn optional_text(value: Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let value = value?;
    if value.get_ref().trim().is_empty() {
        problems.push(
            Problem::new(value.span(), format!("limits block: `{name}` is empty"))
                .hint(format!("leave `{name}` out, or say what it is")),
        );
        return None;
    }
    Some(value.into_inner())
}

fn checked_url(url: Spanned<String>, problems: &mut Vec<Problem>) -> Option<String> {
    let text = url.get_ref().trim();
    if text.starts_with("https://") || text.starts_with("http://") {
        Some(text.to_owned())
    } else {
        problems.push(
            Problem::new(url.span(), format!("source `{text}` is not an http(s) link"))
                .hint("link the page the numbers come from, e.g. \"https://example.org/limits\""),
        );
        None
    }
}

fn quantity(value: Spanned<String>, label: &str, problems: &mut Vec<Problem>) -> Option<Quantity> {
    let quantity = Quantity::parse(value.get_ref())
        .map_err(|err| {
            let problem = Problem { span: value.span(), ..err.within(label) };
            problems.push(problem.hint(format!("write a number and a unit: {}", known_units())));
        })
        .ok()?;
    if !quantity.shows_exactly() {
        problems.push(
            Problem::new(
                value.span(),
                format!(
                    "{label}: `{}` has more decimal places than a table shows ({})",
                    value.get_ref().trim(),
                    super::quantity::DECIMAL_PLACES
                ),
            )
            .hint("round it, or write it in a smaller unit (0.5 ms rather than 0.0005 s)"),
        );
        return None;
    }
    Some(quantity)
}

/// A `{{limit …}}` in a table's own text is not expanded: said at each,
/// unless it is escaped (`\\{{limit …}}`) to show as written.
fn unexpanded_references(text: &Spanned<String>, what: &str, problems: &mut Vec<Problem>) {
    let span = text.span();
    // +1 steps over the opening quote.
    let at = |offset: usize| (span.start + 1 + offset).min(span.end);
    for site in crate::blocks::find_refs(text.get_ref(), &[], &[super::REFERENCE]) {
        if site.escaped {
            continue;
        }
        let written = &text.get_ref()[site.range.clone()];
        problems.push(
            Problem::new(
                at(site.range.start)..at(site.range.end),
                format!("`{written}` is not expanded in a limit table's {what}"),
            )
            .hint("write the value itself: a table's caption, service, resources and notes show as written"),
        );
    }
}

fn parse_row(
    number: usize,
    raw: Spanned<RawRow>,
    says_adjustable: bool,
    ids: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<LimitRow> {
    let span = raw.span();
    let raw = raw.into_inner();
    let id = raw.id.get_ref().trim().to_owned();
    let label = format!("limit `{id}`");
    let before = problems.len();
    unexpanded_references(&raw.resource, "resource", problems);
    if let Some(note) = &raw.note {
        unexpanded_references(note, "note", problems);
    }

    if !is_valid_id(&id) {
        problems.push(
            Problem::new(raw.id.span(), format!("limit {number}: id `{id}` is not a valid id"))
                .hint("use letters, digits, `-`, `_` and `.`, e.g. \"lambda.timeout\""),
        );
    } else if !ids.insert(id.clone()) {
        problems.push(Problem::new(raw.id.span(), format!("{label} is defined twice in this table")));
    }
    if raw.resource.get_ref().trim().is_empty() {
        problems.push(Problem::new(raw.resource.span(), format!("{label}: the resource name is empty")));
    }
    let adjustable = raw.adjustable.map(Spanned::into_inner);
    if says_adjustable && adjustable.is_none() {
        problems.push(
            Problem::new(
                span.clone(),
                format!("{label}: say whether it is adjustable, as other rows of its table do"),
            )
            .hint("adjustable = true for a limit that can be raised on request, false for a fixed one; or leave it out of every row, and the table has no such column"),
        );
    }

    let value = match (raw.value, raw.min, raw.max) {
        (Some(value), None, None) => {
            if let Some(default) = raw.default {
                problems.push(
                    Problem::new(default.span(), format!("{label}: `default` needs a range"))
                        .hint("give min and max instead of value"),
                );
            }
            quantity(value, &label, problems).map(LimitValue::Single)
        }
        (None, Some(min), Some(max)) => {
            let (min_span, max_span) = (min.span(), max.span());
            let min = quantity(min, &label, problems);
            let max = quantity(max, &label, problems);
            let default = raw.default.and_then(|d| {
                let span = d.span();
                quantity(d, &label, problems).map(|q| (q, span))
            });
            match (min, max) {
                (Some(min), Some(max)) => {
                    check_range(&label, min, max, default, min_span, max_span, problems)
                }
                _ => None,
            }
        }
        (Some(value), _, _) => {
            problems.push(Problem::new(
                value.span(),
                format!("{label}: give either `value` or `min` and `max`, not both"),
            ));
            None
        }
        (None, min, max) => {
            let at = min.or(max).map_or(span.clone(), |s| s.span());
            problems.push(
                Problem::new(at, format!("{label}: needs a `value`, or both `min` and `max`"))
                    .hint("value = \"15 min\", or min = \"128 MB\" and max = \"10,240 MB\""),
            );
            None
        }
    };

    let source = raw.source.and_then(|s| checked_url(s, problems));
    let note = raw.note.map(Spanned::into_inner).filter(|n| !n.trim().is_empty());
    let value = value?;
    (problems.len() == before).then(|| LimitRow {
        id,
        id_span: raw.id.span(),
        resource: raw.resource.into_inner(),
        value,
        adjustable,
        note,
        source,
    })
}

fn check_range(
    label: &str,
    min: Quantity,
    max: Quantity,
    default: Option<(Quantity, std::ops::Range<usize>)>,
    min_span: std::ops::Range<usize>,
    max_span: std::ops::Range<usize>,
    problems: &mut Vec<Problem>,
) -> Option<LimitValue> {
    if min.dimension() != max.dimension() {
        problems.push(Problem::new(
            max_span,
            format!(
                "{label}: min is a {} but max is a {}",
                min.dimension().as_str(),
                max.dimension().as_str()
            ),
        ));
        return None;
    }
    if min.base() >= max.base() {
        problems.push(Problem::new(
            min_span,
            format!("{label}: min ({}) is not below max ({})", min.display(), max.display()),
        ));
        return None;
    }
    let default = match default {
        Some((d, span))
            if d.dimension() != min.dimension() || d.base() < min.base() || d.base() > max.base() =>
        {
            problems.push(Problem::new(
                span,
                format!(
                    "{label}: default ({}) is outside {} – {}",
                    d.display(),
                    min.display(),
                    max.display()
                ),
            ));
            return None;
        }
        other => other.map(|(d, _)| d),
    };
    Some(LimitValue::Range { min, max, default })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
caption = "Lambda limits"
service = "AWS Lambda"
source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"

[[limit]]
id = "lambda.memory"
resource = "Memory"
min = "128 MB"
max = "10,240 MB"
adjustable = false

[[limit]]
id = "lambda.timeout"
resource = "Timeout"
value = "15 min"
adjustable = false
note = "Use Step Functions for longer work."

[[limit]]
id = "lambda.concurrency"
resource = "Concurrent executions"
value = "1,000"
adjustable = true
"#;

    fn messages(body: &str) -> Vec<(String, String)> {
        let (_, problems) = parse(body);
        problems.into_iter().map(|p| (body.get(p.span.clone()).unwrap_or("").to_owned(), p.message)).collect()
    }

    #[test]
    fn a_good_table_parses() {
        let (table, problems) = parse(GOOD);
        assert!(problems.is_empty(), "{problems:?}");
        let table = table.unwrap();
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[0].value.display(), "128 MB – 10,240 MB (10 GB)");
        assert_eq!(table.rows[1].note.as_deref(), Some("Use Step Functions for longer work."));
        assert_eq!(table.rows[2].adjustable, Some(true));
        assert_eq!(table.service.as_deref(), Some("AWS Lambda"));
        assert_eq!(&GOOD[table.rows[1].id_span.clone()], "\"lambda.timeout\"");
    }

    #[test]
    fn unknown_units_point_at_the_value() {
        let body = "caption = \"c\"\nservice = \"s\"\n[[limit]]\nid = \"a.b\"\nresource = \"r\"\nvalue = \"15 minz\"\nadjustable = false\n";
        let found = messages(body);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "\"15 minz\"");
        assert_eq!(found[0].1, "limit `a.b`: unknown unit `minz` in `15 minz` (did you mean `min`?)");
    }

    #[test]
    fn shape_problems_are_each_reported() {
        let body = r#"
[[limit]]
id = "x y"
resource = ""
min = "10 MB"
max = "1 MB"

[[limit]]
id = "ok"
resource = "r"
value = "1 s"
min = "1 s"
adjustable = true

[[limit]]
id = "mixed"
resource = "r"
min = "1 s"
max = "1 MB"
adjustable = true

[[limit]]
id = "dflt"
resource = "r"
min = "1 s"
max = "5 s"
default = "9 s"
adjustable = true

[[limit]]
id = "none"
resource = "r"
adjustable = true

[[limit]]
id = "url"
resource = "r"
value = "1"
adjustable = true
source = "javascript:alert(1)"
"#;
        let found: Vec<String> = messages(body).into_iter().map(|(_, m)| m).collect();
        for want in [
            "`caption` is missing",
            "not a valid id",
            "resource name is empty",
            "say whether it is adjustable, as other rows of its table do",
            "is not below max",
            "not both",
            "min is a duration but max is a bytes",
            "is outside 1 s",
            "needs a `value`",
            "not an http(s) link",
        ] {
            assert!(found.iter().any(|m| m.contains(want)), "missing {want:?} in {found:#?}");
        }
    }

    #[test]
    fn a_table_on_any_subject_needs_no_service_and_no_adjustable() {
        let body = "caption = \"The periodic table\"\n\n[[limit]]\nid = \"elements\"\nresource = \"Known elements\"\nvalue = \"118 elements\"\n\n[[limit]]\nid = \"groups\"\nresource = \"Groups\"\nvalue = \"18\"\n";
        let (table, problems) = parse(body);
        assert!(problems.is_empty(), "{problems:?}");
        let table = table.unwrap();
        assert_eq!(table.service, None);
        assert!(!table.says_adjustable());
        assert_eq!(table.rows[0].value.display(), "118 elements");
    }

    #[test]
    fn rows_say_whether_they_are_adjustable_all_or_none() {
        let body = "caption = \"c\"\n[[limit]]\nid = \"a\"\nresource = \"r\"\nvalue = \"1\"\nadjustable = true\n[[limit]]\nid = \"b\"\nresource = \"r\"\nvalue = \"2\"\n";
        let (_, problems) = parse(body);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "limit `b`: say whether it is adjustable, as other rows of its table do"
        );
        assert_eq!(problems[0].span.start, body.rfind("[[limit]]").unwrap(), "at the second row");
        assert!(!problems[0].hint.as_deref().unwrap_or("").contains("AWS"));
        let (_, problems) = parse(
            "caption = \"c\"\nservice = \" \"\n[[limit]]\nid = \"a\"\nresource = \"r\"\nvalue = \"1\"\n",
        );
        assert_eq!(problems[0].message, "limits block: `service` is empty");
    }

    #[test]
    fn duplicate_ids_in_a_table() {
        let row = "[[limit]]\nid = \"a\"\nresource = \"r\"\nvalue = \"1\"\nadjustable = true\n";
        let found = messages(&format!("caption = \"c\"\nservice = \"s\"\n{row}{row}"));
        assert!(found[0].1.contains("defined twice"));
    }

    #[test]
    fn references_in_the_tables_own_text_are_reported_where_they_are() {
        let body = "caption = \"Up to {{limit a}}\"\nservice = \"s\"\n[[limit]]\nid = \"a\"\nresource = \"R {{limit a max}}\"\nvalue = \"1\"\nadjustable = true\nnote = 'Shown as \\{{limit a}}'\n";
        assert_eq!(
            messages(body),
            [
                (
                    "{{limit a}}".to_owned(),
                    "`{{limit a}}` is not expanded in a limit table's caption".to_owned()
                ),
                (
                    "{{limit a max}}".to_owned(),
                    "`{{limit a max}}` is not expanded in a limit table's resource".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_value_finer_than_a_table_shows_is_reported() {
        let row = |value: &str| {
            format!(
                "caption = \"c\"\nservice = \"s\"\n[[limit]]\nid = \"a\"\nresource = \"r\"\nvalue = \"{value}\"\nadjustable = true\n"
            )
        };
        assert_eq!(
            messages(&row("0.0000000001 ms")),
            [(
                "\"0.0000000001 ms\"".to_owned(),
                "limit `a`: `0.0000000001 ms` has more decimal places than a table shows (3)".to_owned()
            )]
        );
        assert!(messages(&row("0.0005 s"))[0].1.contains("more decimal places"));
        for fine in ["0.125 s", "1.5 GB", "10,240.250 MB", "0 ms"] {
            assert_eq!(messages(&row(fine)), [], "{fine}");
        }
    }

    #[test]
    fn misspelt_keys_get_a_suggestion() {
        let (_, problems) = parse(
            "caption = \"c\"\nservice = \"s\"\n[[limit]]\nid = \"a\"\nresource = \"r\"\nvalu = \"1\"\nadjustable = true\n",
        );
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `value`?"));
    }
}
