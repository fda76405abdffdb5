//! A diagram as HTML: static SVG when it was drawn at build time, or its
//! source for the browser to draw; the source is always one click away.

use super::{Diagram, Rendered};
use crate::html::{Markup, SafeHtml, html};
use std::fmt::Write;

/// Renders a diagram: its drawing, or the source for the browser to draw.
pub(crate) fn render_html(diagram: &Diagram, rendered: &Rendered) -> Markup {
    let label = alt_text(diagram);
    // Open when the diagram is not drawn yet, so the source stands in for it
    // without script; the script closes it once the drawing is on the page.
    let drawn = matches!(rendered, Rendered::Static { .. } | Rendered::Themed(_));
    html! {
        figure.sg-diagram.sg-diagram-failed[matches!(rendered, Rendered::Failed(_))] data-sg-module="diagram" data-sg-diagram
            data-render=(render_mode(rendered)) {
            @match rendered {
                Rendered::Static { light, dark } => {
                    div.sg-diagram-svg.sg-diagram-light role="img" aria-label=(label) style=[natural_width(light)] { (drawing(light)) }
                    div.sg-diagram-svg.sg-diagram-dark role="img" aria-label=(label) style=[natural_width(dark)] { (drawing(dark)) }
                }
                Rendered::Themed(svg) => {
                    div.sg-diagram-svg role="img" aria-label=(label) style=[natural_width(svg)] { (drawing(svg)) }
                }
                Rendered::Client | Rendered::Unreachable(_) => {
                    div.sg-diagram-canvas data-sg-canvas role="img" aria-label=(label) {}
                }
                Rendered::Failed(message) => {
                    @let (text, hint) = super::describe_error(message);
                    div.sg-error role="note" {
                        p.sg-error-title { strong { "This diagram could not be drawn" } }
                        p { (text) }
                        @if let Some(hint) = hint { p { em { (hint) } } }
                    }
                }
            }
            @if let Some(title) = &diagram.title { figcaption { (title) } }
            details.sg-diagram-source open[!drawn] {
                summary { "Diagram source" }
                pre { code.language-text data-sg-source { (diagram.source) } }
            }
        }
    }
}

/// A diagram for mdBook's search index: its caption and description, the
/// words a reader would search for. Not its source (mermaid's syntax would
/// show in the results), nor the drawing's labels twice over (one per
/// theme). A diagram with neither keeps its source, its only words.
pub(crate) fn render_search_html(diagram: &Diagram) -> Markup {
    html! {
        figure.sg-diagram {
            @if let Some(title) = &diagram.title { figcaption { (title) } }
            @if let Some(description) = &diagram.description { p { (description) } }
            @if diagram.title.is_none() && diagram.description.is_none() { pre { (diagram.source) } }
        }
    }
}

fn render_mode(rendered: &Rendered) -> &'static str {
    match rendered {
        Rendered::Static { .. } | Rendered::Themed(_) => "static",
        Rendered::Client | Rendered::Unreachable(_) => "client",
        Rendered::Failed(_) => "failed",
    }
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

/// The width mermaid drew at, from the drawing's `viewBox`, for the style
/// sheet: on a narrow screen a drawing shrinks to fit as long as its labels
/// stay legible, and scrolls sideways beyond that.
fn natural_width(svg: &str) -> Option<String> {
    let start = svg.find("viewBox=\"").or_else(|| svg.find("viewbox=\""))? + "viewBox=\"".len();
    let view_box = &svg[start..start + svg[start..].find('"')?];
    let width: f64 = view_box.split_whitespace().nth(2)?.parse().ok()?;
    (width.is_finite() && width > 0.0).then(|| format!("--sg-diagram-width: {}px", width.round()))
}

/// A drawing from mermaid, which `diagram::safety` checked before it was
/// cached or handed back, on one line: newlines in SVG are insignificant
/// except inside `<style>`, where a space serves as well.
fn drawing(svg: &str) -> SafeHtml {
    SafeHtml::trusted(svg.replace("\r\n", " ").replace('\n', " "))
}

/// A diagram for renderers other than HTML: its description and source.
pub(crate) fn render_markdown(diagram: &Diagram) -> String {
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

    fn render(diagram: &Diagram, rendered: &Rendered) -> String {
        crate::html::one_line(&render_html(diagram, rendered).into_string()).into_owned()
    }

    fn diagram() -> Diagram {
        Diagram {
            source: "graph TD\naccTitle: ECS <Fargate>\nA-->B\n".into(),
            title: Some("ECS <Fargate>".into()),
            description: Some("Load balancer to tasks.".into()),
        }
    }

    #[test]
    fn the_search_index_gets_the_caption_and_description_not_the_source() {
        let search = |d: &Diagram| render_search_html(d).into_string();
        assert_eq!(
            search(&diagram()),
            r#"<figure class="sg-diagram"><figcaption>ECS &lt;Fargate&gt;</figcaption><p>Load balancer to tasks.</p></figure>"#
        );
        let bare = Diagram { title: None, description: None, ..diagram() };
        assert!(search(&bare).contains("<pre>graph TD"), "{}", search(&bare));
    }

    #[test]
    fn a_drawing_says_the_width_it_was_drawn_at() {
        assert_eq!(
            natural_width(r#"<svg viewBox="0 0 949.28 174">"#).as_deref(),
            Some("--sg-diagram-width: 949px")
        );
        assert_eq!(
            natural_width(r#"<svg viewbox="-8 -8 400 900">"#).as_deref(),
            Some("--sg-diagram-width: 400px")
        );
        assert_eq!(natural_width("<svg>"), None);
        assert_eq!(natural_width(r#"<svg viewBox="0 0 x 1">"#), None);
    }

    #[test]
    fn static_diagrams_carry_both_variants_and_the_source() {
        let html = render(
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
        let html = render(&diagram(), &Rendered::Client);
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
