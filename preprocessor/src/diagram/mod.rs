//! Mermaid diagrams: ```` ```mermaid ```` blocks drawn by mermaid 11.
//!
//! When Chromium is available they are drawn at build time into static SVG
//! (a light and a dark variant, switched by CSS with mdBook's theme), so a
//! page loads no diagram script. Otherwise the page draws them in the browser
//! with mermaid loaded from the book itself, on pages that have a diagram.

mod cache;
mod html;
mod kind;
pub(crate) mod prerender;
mod safety;
mod text_size;
mod themes;

pub(crate) use html::{render_html, render_markdown, render_search_html};
pub(crate) use kind::DiagramKind;
pub(crate) use prerender::{Backend, Rendered};
pub(crate) use text_size::{MAX_TEXT_SIZE, text_size};

use crate::problem::Problem;

/// A diagram block, with its text alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diagram {
    /// The mermaid source, as mermaid receives it.
    pub source: String,
    /// From `accTitle:`.
    pub title: Option<String>,
    /// From `accDescr:` or `accDescr { … }`.
    pub description: Option<String>,
}

/// Reads a diagram block: its body and the rest of its fence's info
/// string (`title="…" description="…"`). Which diagram types there are is
/// mermaid's to say: it draws the diagram at build time (or in the reader's
/// browser) and its error is reported then. This checks the rest: a
/// diagram has something to draw, and a text alternative, which is an
/// error when `require_alternative` and a warning otherwise.
pub(crate) fn parse(body: &str, info: &str, require_alternative: bool) -> (Diagram, Vec<Problem>) {
    let source = body.replace("\r\n", "\n");
    let mut problems = Vec::new();
    let mut title = None;
    let mut description = None;
    let mut front_matter_title = None;
    let mut first_statement: Option<(usize, &str)> = None;
    let mut offset = 0;
    let mut lines = source.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // Front matter (`title:`, `config:`) before the diagram.
        if first_statement.is_none() && trimmed == "---" && front_matter_title.is_none() {
            for more in lines.by_ref() {
                offset += more.len();
                if more.trim() == "---" {
                    break;
                }
                if let Some(text) = more.trim().strip_prefix("title:") {
                    front_matter_title = Some(unquote(text.trim()).to_owned());
                }
            }
            front_matter_title.get_or_insert_with(String::new);
            continue;
        }
        // A directive, `%%{init: …}%%`, may span lines.
        if trimmed.starts_with("%%{") {
            let mut text = trimmed.to_owned();
            while !text.contains("}%%") {
                match lines.next() {
                    Some(more) => {
                        offset += more.len();
                        text.push_str(more);
                    }
                    None => break,
                }
            }
            continue;
        }
        if trimmed.starts_with("%%") {
            continue;
        }
        if first_statement.is_none() {
            first_statement = Some((start + line.len() - line.trim_start().len(), trimmed));
        }
        if let Some(rest) = trimmed.strip_prefix("accTitle") {
            title = rest.trim_start().strip_prefix(':').map(|t| t.trim().to_owned());
        } else if let Some(rest) = trimmed.strip_prefix("accDescr") {
            let rest = rest.trim_start();
            if let Some(text) = rest.strip_prefix(':') {
                description = Some(text.trim().to_owned());
            } else if let Some(text) = rest.strip_prefix('{') {
                let mut text = text.to_owned();
                while !text.contains('}') {
                    match lines.next() {
                        Some(more) => {
                            offset += more.len();
                            text.push(' ');
                            text.push_str(more.trim());
                        }
                        None => break,
                    }
                }
                let text = text.split('}').next().unwrap_or("");
                description = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }

    // The fence's own title and description: for every type, including
    // those with no accTitle syntax (sankey, block, mindmap…).
    for attribute in info_attributes(info) {
        match attribute {
            Ok((key, value)) if key == "title" => title = Some(value),
            Ok((key, value)) if key == "description" => description = Some(value),
            Ok((key, _)) => problems.push(
                Problem::new(0..0, format!("mermaid: unknown setting `{key}` after ```mermaid"))
                    .hint("the fence takes title=\"…\" and description=\"…\""),
            ),
            Err(text) => problems.push(
                Problem::new(0..0, format!("mermaid: cannot read `{text}` after ```mermaid"))
                    .hint("write settings as title=\"…\" description=\"…\""),
            ),
        }
    }
    let title = title.filter(|t| !t.is_empty()).or(front_matter_title.filter(|t| !t.is_empty()));
    let description = description.filter(|d| !d.is_empty());

    if !fits(&source) {
        problems.push(
            Problem::new(
                0..0,
                format!(
                    "this diagram is {} characters long, and mermaid draws none over {}",
                    crate::limits::quantity::format_number(text_size(&source) as f64),
                    crate::limits::quantity::format_number(MAX_TEXT_SIZE as f64)
                ),
            )
            .hint("split it into smaller diagrams (its front matter, directives and comments do not count)"),
        );
    }
    match first_statement {
        None => problems.push(Problem::new(0..0, "mermaid block is empty")),
        Some((at, statement)) if title.is_none() => {
            let at = at + statement.len();
            problems.push(
                Problem::new(at..at, "diagram has no text alternative")
                    .hint(
                        "add `accTitle: …` (shown as the caption) and `accDescr: …` lines after the diagram type, \
                         or title=\"…\" description=\"…\" after ```mermaid",
                    )
                    .warning_unless(require_alternative),
            );
        }
        Some(_) => {}
    }
    (Diagram { source, title, description }, problems)
}

/// Whether mermaid draws the diagram rather than a box saying it is too
/// long.
pub(crate) fn fits(source: &str) -> bool {
    text_size(source) <= MAX_TEXT_SIZE
}

/// `key="value"` pairs, separated by spaces; a value may hold `\"`. What
/// cannot be read is an `Err` with its text.
fn info_attributes(info: &str) -> Vec<Result<(String, String), String>> {
    let mut found = Vec::new();
    let mut rest = info.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else {
            found.push(Err(rest.to_owned()));
            break;
        };
        let key = key.trim();
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            found.push(Err(rest.to_owned()));
            break;
        };
        let mut value = String::new();
        let mut chars = after[1..].char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => value.extend(chars.next().map(|(_, c)| c)),
                c if c == quote => {
                    end = Some(1 + i + 1);
                    break;
                }
                c => value.push(c),
            }
        }
        let Some(end) = end else {
            found.push(Err(rest.to_owned()));
            break;
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            found.push(Err(rest[..rest.len() - after.len() + end].trim().to_owned()));
        } else {
            found.push(Ok((key.to_owned(), value)));
        }
        rest = after[end..].trim_start();
    }
    found
}

/// A YAML scalar without its quotes.
fn unquote(text: &str) -> &str {
    let quoted = |q: char| text.len() >= 2 && text.starts_with(q) && text.ends_with(q);
    if quoted('"') || quoted('\'') { &text[1..text.len() - 1] } else { text }
}

/// mermaid's error as a one-line message and a hint. Its "line N" counts
/// lines after mermaid's own preprocessing and does not match the block, so
/// the message quotes the text mermaid stopped at instead.
pub(crate) fn describe_error(message: &str) -> (String, Option<String>) {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("unknown error");
    let rest: Vec<&str> = lines.collect();
    if first.starts_with("Parse error on line ") {
        let near = rest.first().map(|l| l.trim_start_matches('.').trim()).filter(|l| !l.starts_with('-'));
        let expecting = rest.iter().find(|l| l.starts_with("Expecting"));
        let text = match near {
            Some(near) => format!("mermaid could not parse this diagram near `{near}`"),
            None => "mermaid could not parse this diagram".to_owned(),
        };
        return (text, expecting.map(|e| (*e).to_owned()));
    }
    if first.starts_with("Parsing failed:") {
        return (format!("mermaid could not parse this diagram: {}", first_parse_error(message)), None);
    }
    if first.starts_with("No diagram type detected") && first.contains("text: zenuml") {
        return (
            format!("mermaid could not draw this diagram: {first}"),
            Some("ZenUML diagrams need mermaid's separate ZenUML plugin, which the bundled mermaid does not have: write it as a sequenceDiagram".to_owned()),
        );
    }
    (format!("mermaid could not draw this diagram: {first}"), None)
}

/// The first error of a message from mermaid's newer parsers, on one line:
/// "Parse error on line 10, column 42: Expecting: one of these possible
/// Token sequences: 1. [A] 2. [B] but found: 'x'" becomes "… Expecting one
/// of A, B but found: 'x'". A first line that does not end with a colon is
/// the whole error.
fn first_parse_error(message: &str) -> String {
    let message = message.trim_start().trim_start_matches("Parsing failed:");
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("unknown error");
    if !first.ends_with(':') {
        return first.to_owned();
    }
    let mut tokens = Vec::new();
    let mut found = None;
    for line in lines {
        if line.starts_with("but found") {
            found = Some(line);
            break;
        }
        let token = line.split_once(". [").and_then(|(_, rest)| rest.strip_suffix(']'));
        tokens.push(token.unwrap_or(line));
    }
    let head = first.replace("Expecting: one of these possible Token sequences:", "Expecting one of");
    let mut out = format!("{} {}", head.trim_end_matches(':'), tokens.join(", "));
    if let Some(found) = found {
        out.push(' ');
        out.push_str(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> (Diagram, Vec<Problem>) {
        super::parse(body, "", true)
    }

    #[test]
    fn reads_the_text_alternative() {
        let (d, problems) =
            parse("graph TD\n  accTitle: ECS on Fargate\n  accDescr: Route53 to an ALB.\n  A --> B\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d.title.as_deref(), Some("ECS on Fargate"));
        assert_eq!(d.description.as_deref(), Some("Route53 to an ALB."));
    }

    #[test]
    fn reads_a_multi_line_description() {
        let (d, _) = parse("flowchart LR\naccTitle: T\naccDescr {\n  first line\n  second\n}\nA-->B\n");
        assert_eq!(d.description.as_deref(), Some("first line second"));
    }

    #[test]
    fn a_missing_title_is_an_error_when_required_and_a_warning_otherwise() {
        let (_, problems) = parse("graph TD\nA --> B\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no text alternative") && problems[0].is_error());
        let (_, problems) = super::parse("graph TD\nA --> B\n", "", false);
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
    }

    #[test]
    fn every_type_is_left_to_mermaid() {
        for body in
            ["wardley-beta\n", "venn-beta\n  set A\n", "treeView-beta\n", "ishikawa-beta\n", "grpah TD\n"]
        {
            let (_, problems) = super::parse(body, "title=\"t\"", true);
            assert!(problems.is_empty(), "{body}: {problems:?}");
        }
    }

    #[test]
    fn the_fence_can_give_the_text_alternative() {
        let (d, problems) =
            parse_info("sankey-beta\nA,B,10\n", r#"title="Energy flows" description="From \"A\" to B.""#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d.title.as_deref(), Some("Energy flows"));
        assert_eq!(d.description.as_deref(), Some("From \"A\" to B."));
        let (_, problems) = parse_info("pie\n\"a\": 1\n", "title='x' colour=\"red\"");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("unknown setting `colour`"), "{problems:?}");
        let (_, problems) = parse_info("pie\n", "title=\"never closed");
        assert!(problems[0].message.contains("cannot read"), "{problems:?}");
        let (_, problems) = parse_info("pie\n", "{.class}");
        assert!(problems.iter().any(|p| p.message.contains("cannot read")), "{problems:?}");
    }

    fn parse_info(body: &str, info: &str) -> (Diagram, Vec<Problem>) {
        super::parse(body, info, true)
    }

    #[test]
    fn front_matter_and_directives_come_before_the_type() {
        let (d, problems) =
            parse("---\ntitle: \"Order flow\"\nconfig:\n  theme: forest\n---\nflowchart TD\nA-->B\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d.title.as_deref(), Some("Order flow"), "the front matter's title is the caption");
        let body =
            "\n%%{\n  init: {\n    'theme': 'dark'\n  }\n}%%\nsequenceDiagram\naccTitle: t\nA->>B: hi\n";
        assert!(parse(body).1.is_empty(), "{:?}", parse(body).1);
        let (_, problems) = parse("%%{init: {'theme': 'forest'}}%%\ngraph LR\nA-->B\n");
        assert_eq!(problems.len(), 1, "only the missing alternative: {problems:?}");
    }

    #[test]
    fn mermaid_errors_quote_where_it_stopped() {
        let message = "Parse error on line 6:\n...  A --> B  B -->\n-------------------^\nExpecting 'AMP', 'COLON', got 'EOF'";
        assert_eq!(
            describe_error(message),
            (
                "mermaid could not parse this diagram near `A --> B  B -->`".to_owned(),
                Some("Expecting 'AMP', 'COLON', got 'EOF'".to_owned())
            )
        );
        let langium = "Parsing failed:  Parse error on line 10, column 42: Expecting: one of these possible Token sequences:\n  1. [NEWLINE]\n  2. [EOF]\nbut found: 'label'\nParse error on line 11, column 3: Expecting token of type 'INT'";
        assert_eq!(
            describe_error(langium),
            (
                "mermaid could not parse this diagram: Parse error on line 10, column 42: Expecting one of NEWLINE, EOF but found: 'label'".to_owned(),
                None
            )
        );
        let single = "Parsing failed:  Parse error on line 3, column 7: Expecting token of type 'INT' but found `width`.\nParse error on line 3, column 12: Expecting: one of these possible Token sequences:\n  1. [STRING]\nbut found: ','";
        assert_eq!(
            describe_error(single).0,
            "mermaid could not parse this diagram: Parse error on line 3, column 7: Expecting token of type 'INT' but found `width`."
        );
        let zenuml = describe_error(
            "No diagram type detected matching given configuration for text: zenuml\n  A->B: hi\n",
        );
        assert!(zenuml.1.as_ref().is_some_and(|hint| hint.contains("ZenUML plugin")), "{zenuml:?}");
        assert_eq!(
            describe_error("No diagram type detected matching given configuration for text: x").0,
            "mermaid could not draw this diagram: No diagram type detected matching given configuration for text: x"
        );
    }

    #[test]
    fn a_diagram_longer_than_mermaid_draws_is_a_problem_at_its_start() {
        let label = "x".repeat(MAX_TEXT_SIZE);
        let (_, problems) = parse(&format!("graph TD\naccTitle: Big\nA[\"{label}\"]\n"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].span, 0..0);
        assert_eq!(
            problems[0].message,
            "this diagram is 50,029 characters long, and mermaid draws none over 50,000"
        );
        // Its comments are not drawn, and not counted.
        let comment = format!("%% {}\n", "y".repeat(MAX_TEXT_SIZE));
        assert!(parse(&format!("graph TD\naccTitle: Small\n{comment}A-->B\n")).1.is_empty());
    }

    #[test]
    fn an_empty_block_is_one_problem() {
        let (_, problems) = parse("\n%% only a comment\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("empty"));
    }
}
