//! Mermaid diagrams: ```` ```mermaid ```` blocks drawn by mermaid 11.
//!
//! When Chromium is available they are drawn at build time into static SVG
//! (a light and a dark variant, switched by CSS with mdBook's theme), so a
//! page loads no diagram script. Otherwise the page draws them in the browser
//! with mermaid loaded from the book itself, on pages that have a diagram.

mod cache;
mod html;
mod kind;
pub mod prerender;
mod safety;
mod themes;

pub use html::{render_html, render_markdown};
pub use kind::{DiagramKind, Drawings};
pub use prerender::{Backend, Rendered};

use crate::problem::Problem;

/// A diagram block, with its text alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// The mermaid source, as mermaid receives it.
    pub source: String,
    /// From `accTitle:`.
    pub title: Option<String>,
    /// From `accDescr:` or `accDescr { … }`.
    pub description: Option<String>,
}

/// Diagram types mermaid 11 knows, as the first word of a diagram.
const DIAGRAM_TYPES: &[&str] = &[
    "graph",
    "flowchart",
    "flowchart-elk",
    "sequenceDiagram",
    "classDiagram",
    "classDiagram-v2",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "journey",
    "gantt",
    "pie",
    "quadrantChart",
    "requirementDiagram",
    "gitGraph",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "mindmap",
    "timeline",
    "zenuml",
    "sankey-beta",
    "sankey",
    "xychart-beta",
    "xychart",
    "block-beta",
    "block",
    "packet-beta",
    "packet",
    "kanban",
    "architecture-beta",
    "architecture",
    "radar-beta",
    "treemap-beta",
];

/// Reads a diagram block. Mermaid's own syntax check needs a browser and
/// happens when the diagram is drawn; this checks what can be checked here.
pub fn parse(body: &str) -> (Diagram, Vec<Problem>) {
    let source = body.replace("\r\n", "\n");
    let mut problems = Vec::new();
    let mut title = None;
    let mut description = None;
    let mut first_statement: Option<(usize, &str)> = None;
    let mut in_frontmatter = false;
    let mut offset = 0;
    let mut lines = source.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if start == 0 && trimmed == "---" {
            in_frontmatter = true;
            continue;
        }
        if in_frontmatter {
            in_frontmatter = trimmed != "---";
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("%%") {
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

    let empty = first_statement.is_none();
    match first_statement {
        None => problems.push(Problem::new(0..0, "mermaid block is empty")),
        Some((at, statement)) => {
            let keyword = statement.split([' ', '\t', ';']).next().unwrap_or("");
            if !DIAGRAM_TYPES.contains(&keyword) {
                let problem = Problem::new(
                    at..at + keyword.len(),
                    format!("mermaid: unknown diagram type `{keyword}`"),
                );
                problems.push(match crate::toml_body::closest(keyword, DIAGRAM_TYPES.iter().copied()) {
                    Some(best) => problem.hint(format!("did you mean `{best}`?")),
                    None => {
                        problem.hint("start the diagram with its type, e.g. `graph TD` or `sequenceDiagram`")
                    }
                });
            }
        }
    }
    if title.as_deref().is_none_or(str::is_empty) && !empty {
        let at = first_statement.map_or(0, |(at, s)| at + s.len());
        problems.push(
            Problem::new(at..at, "diagram has no text alternative").hint(
                "add `accTitle: …` (shown as the caption) and `accDescr: …` lines after the diagram type",
            ),
        );
    }
    (Diagram { source, title, description }, problems)
}

/// mermaid's error as a one-line message and a hint. Its "line N" counts
/// lines after mermaid's own preprocessing and does not match the block, so
/// the message quotes the text mermaid stopped at instead.
pub fn describe_error(message: &str) -> (String, Option<String>) {
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
    (format!("mermaid could not draw this diagram: {first}"), None)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_missing_title_is_a_problem() {
        let (_, problems) = parse("graph TD\nA --> B\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no text alternative"));
    }

    #[test]
    fn unknown_types_are_caught_with_a_suggestion() {
        let body = "%% comment\ngrpah TD\naccTitle: x\nA --> B\n";
        let (_, problems) = parse(body);
        assert_eq!(&body[problems[0].span.clone()], "grpah");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `graph`?"));
    }

    #[test]
    fn front_matter_is_skipped() {
        let (_, problems) = parse("---\ntitle: x\n---\nflowchart TD\naccTitle: t\nA-->B\n");
        assert!(problems.is_empty(), "{problems:?}");
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
        assert_eq!(
            describe_error("No diagram type detected matching given configuration for text: x").0,
            "mermaid could not draw this diagram: No diagram type detected matching given configuration for text: x"
        );
    }

    #[test]
    fn an_empty_block_is_one_problem() {
        let (_, problems) = parse("\n%% only a comment\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("empty"));
    }
}
