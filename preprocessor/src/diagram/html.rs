//! A diagram as HTML: static SVG when it was drawn at build time, or its
//! source for the browser to draw; the source is always one click away.

use super::{Diagram, Rendered};
use crate::markdown::{escape_attr, escape_text, one_line};
use std::fmt::Write;

/// Renders a diagram to a single line of HTML.
pub fn render_html(diagram: &Diagram, rendered: &Rendered) -> String {
    let mut out = String::new();
    let label = alt_text(diagram);
    match rendered {
        Rendered::Static { light, dark } => {
            let _ = write!(
                out,
                r#"<figure class="sg-diagram" data-sg-diagram data-render="static"><div class="sg-diagram-svg sg-diagram-light" role="img" aria-label="{label}">{light}</div><div class="sg-diagram-svg sg-diagram-dark" role="img" aria-label="{label}">{dark}</div>"#,
                label = escape_attr(&label),
                light = svg_one_line(light),
                dark = svg_one_line(dark),
            );
        }
        Rendered::Themed(svg) => {
            let _ = write!(
                out,
                r#"<figure class="sg-diagram" data-sg-diagram data-render="static"><div class="sg-diagram-svg" role="img" aria-label="{label}">{svg}</div>"#,
                label = escape_attr(&label),
                svg = svg_one_line(svg),
            );
        }
        Rendered::Client => {
            let _ = write!(
                out,
                r#"<figure class="sg-diagram" data-sg-diagram data-render="client"><div class="sg-diagram-canvas" data-sg-canvas role="img" aria-label="{}"></div>"#,
                escape_attr(&label)
            );
        }
        Rendered::Failed(message) => {
            let (text, hint) = super::describe_error(message);
            let _ = write!(
                out,
                r#"<figure class="sg-diagram sg-diagram-failed" data-sg-diagram data-render="failed"><div class="sg-error" role="note"><p class="sg-error-title"><strong>This diagram could not be drawn</strong></p><p>{}</p>"#,
                escape_text(&text)
            );
            if let Some(hint) = hint {
                let _ = write!(out, "<p><em>{}</em></p>", escape_text(&hint));
            }
            out.push_str("</div>");
        }
    }
    if let Some(title) = &diagram.title {
        let _ = write!(out, "<figcaption>{}</figcaption>", escape_text(title));
    }
    // Open when the diagram is not drawn yet, so the source stands in for it
    // without script; the script closes it once the drawing is on the page.
    let drawn = matches!(rendered, Rendered::Static { .. } | Rendered::Themed(_));
    let open = if drawn { "" } else { " open" };
    let _ = write!(
        out,
        r#"<details class="sg-diagram-source"{open}><summary>Diagram source</summary><pre><code class="language-text" data-sg-source>{}</code></pre></details></figure>"#,
        escape_text(&diagram.source)
    );
    one_line(&out).into_owned()
}

/// What a screen reader announces for the diagram.
fn alt_text(diagram: &Diagram) -> String {
    match (&diagram.title, &diagram.description) {
        (Some(t), Some(d)) => format!("{t}: {d}"),
        (Some(t), None) => t.clone(),
        (None, Some(d)) => d.clone(),
        (None, None) => "Diagram".to_owned(),
    }
}

/// SVG from mermaid, on one line. Newlines in SVG are insignificant except
/// inside `<style>`, where a space serves as well.
fn svg_one_line(svg: &str) -> String {
    svg.replace("\r\n", " ").replace('\n', " ")
}

/// A diagram for renderers other than HTML: its description and source.
pub fn render_markdown(diagram: &Diagram) -> String {
    let mut out = String::new();
    if let Some(title) = &diagram.title {
        let _ = write!(out, "**Diagram: {}.**", title.trim());
    }
    if let Some(description) = &diagram.description {
        let _ = write!(out, " {}", description.trim());
    }
    let fence = if diagram.source.contains("```") { "````" } else { "```" };
    let _ = write!(out, "\n\n{fence}text\n{}\n{fence}\n", diagram.source.trim_end());
    out.trim_start().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagram() -> Diagram {
        Diagram {
            source: "graph TD\naccTitle: ECS <Fargate>\nA-->B\n".into(),
            title: Some("ECS <Fargate>".into()),
            description: Some("Load balancer to tasks.".into()),
        }
    }

    #[test]
    fn static_diagrams_carry_both_variants_and_the_source() {
        let html = render_html(
            &diagram(),
            &Rendered::Static { light: "<svg id=\"l\">\n</svg>".into(), dark: "<svg id=\"d\"></svg>".into() },
        );
        assert!(!html.contains('\n'));
        assert!(html.contains(r#"<div class="sg-diagram-svg sg-diagram-light" role="img" aria-label="ECS &lt;Fargate&gt;: Load balancer to tasks."><svg id="l"> </svg></div>"#), "{html}");
        assert!(html.contains(r#"<svg id="d"></svg>"#));
        assert!(html.contains("<figcaption>ECS &lt;Fargate&gt;</figcaption>"));
        assert!(html.contains(r#"<details class="sg-diagram-source"><summary>Diagram source</summary><pre><code class="language-text" data-sg-source>graph TD&#10;accTitle: ECS &lt;Fargate&gt;&#10;A--&gt;B&#10;</code></pre></details></figure>"#), "{html}");
    }

    #[test]
    fn client_diagrams_show_their_source_until_drawn() {
        let html = render_html(&diagram(), &Rendered::Client);
        assert!(html.contains(r#"data-render="client""#));
        assert!(html.contains(r#"<details class="sg-diagram-source" open>"#));
    }

    #[test]
    fn markdown_fallback_keeps_the_source() {
        let md = render_markdown(&diagram());
        assert!(
            md.starts_with("**Diagram: ECS <Fargate>.** Load balancer to tasks.\n\n```text\ngraph TD"),
            "{md}"
        );
    }
}
