//! Author text to HTML: rendered through Markdown as mdBook renders the
//! chapter around it, then sanitised.
//!
//! Everything an author writes inside our blocks (prompts, choices,
//! explanations, captions, notes) passes through here and comes out as
//! [`SafeHtml`]; templates escape everything else. Raw HTML in author text is
//! cleaned by ammonia, so a chapter cannot run script in a reader's browser.

use crate::html::SafeHtml;
use mdbook_markdown::pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd, html};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use std::sync::OnceLock;

/// The book's Markdown settings (`[output.html]`), as mdBook reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownStyle {
    pub smart_punctuation: bool,
    pub definition_lists: bool,
    pub admonitions: bool,
}

impl Default for MarkdownStyle {
    fn default() -> Self {
        let mdbook = MarkdownOptions::default();
        MarkdownStyle {
            smart_punctuation: mdbook.smart_punctuation,
            definition_lists: mdbook.definition_lists,
            admonitions: mdbook.admonitions,
        }
    }
}

impl MarkdownStyle {
    /// mdBook's own parser options for these settings.
    pub fn options(self) -> MarkdownOptions {
        let mut options = MarkdownOptions::default();
        options.smart_punctuation = self.smart_punctuation;
        options.definition_lists = self.definition_lists;
        options.admonitions = self.admonitions;
        options
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Keep the language class on code so highlight.js can colour it.
        builder.add_allowed_classes("code", LANGUAGE_CLASSES);
        // Admonitions in mdBook's markup, so its styles apply.
        builder.add_allowed_classes("blockquote", ADMONITION_CLASSES);
        builder.add_allowed_classes("p", ["blockquote-tag-title"]);
        builder
    })
}

const LANGUAGE_CLASSES: &[&str] = &[
    "language-bash",
    "language-sh",
    "language-json",
    "language-toml",
    "language-yaml",
    "language-python",
    "language-javascript",
    "language-text",
    "language-rust",
];

const ADMONITION_CLASSES: &[&str] = &[
    "blockquote-tag",
    "blockquote-tag-note",
    "blockquote-tag-tip",
    "blockquote-tag-important",
    "blockquote-tag-warning",
    "blockquote-tag-caution",
];

/// An admonition's class and title, as mdBook 0.5 writes them.
fn admonition(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// mdBook's markup for what pulldown-cmark's HTML writer renders its own way.
fn as_mdbook_renders(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = admonition(kind);
            Event::Html(CowStr::from(format!(
                "<blockquote class=\"blockquote-tag blockquote-tag-{class}\"><p class=\"blockquote-tag-title\">{title}</p>"
            )))
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::Borrowed("</blockquote>")),
        other => other,
    }
}

/// Renders block-level author Markdown (paragraphs, lists, code) to safe HTML.
pub(crate) fn render_block(markdown: &str, style: MarkdownStyle) -> SafeHtml {
    let markdown = markdown.replace("\r\n", "\n");
    let options = style.options();
    let events: Vec<Event> = new_cmark_parser(markdown.trim(), &options).map(as_mdbook_renders).collect();
    let needs_cleaning = !events.iter().all(is_escaped_by_pulldown);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    if needs_cleaning {
        raw = sanitizer().clean(&raw).to_string();
    }
    raw.truncate(raw.trim_end().len());
    SafeHtml::trusted(raw)
}

/// Events that pulldown-cmark writes as fixed tags around escaped text, so
/// their HTML is safe as it is: most author text is only these, and skips
/// the sanitiser (the slowest step of a build). A heading's `{#id .class}`
/// is escaped too, and kept only here: ammonia drops ids, as it must for raw
/// HTML. Raw HTML, links, images and everything else go through ammonia.
fn is_escaped_by_pulldown(event: &Event) -> bool {
    use Tag::{Emphasis, Heading, Paragraph, Strikethrough, Strong};
    match event {
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => true,
        Event::Start(tag) => matches!(tag, Paragraph | Emphasis | Strong | Strikethrough | Heading { .. }),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Heading(_)
        ),
        _ => false,
    }
}

/// Renders a phrase of author Markdown (inline code, emphasis, links) to safe
/// HTML with no surrounding `<p>`.
pub(crate) fn render_inline(markdown: &str, style: MarkdownStyle) -> SafeHtml {
    let block = render_block(markdown, style).into_string();
    match block.strip_prefix("<p>").and_then(|rest| rest.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => SafeHtml::trusted(inner.to_owned()),
        _ => SafeHtml::trusted(block),
    }
}

/// Renders author Markdown to plain text (for `aria-label`s, titles and
/// the Markdown fallback), dropping all markup.
pub(crate) fn to_plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in new_cmark_parser(markdown, &MarkdownStyle::default().options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for an HTML element's content.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The note that stands in for a broken reference inside a paragraph, where
/// the text between tags is still read as Markdown: the text's punctuation
/// becomes character references, so `[x](javascript:…)` stays text.
/// Text made Markdown that reads as that text: every ASCII punctuation
/// character, which CommonMark lets a backslash escape, escaped.
pub(crate) fn escape_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(crate) fn inline_error(original: &str, message: &str) -> SafeHtml {
    SafeHtml::trusted(format!(
        r#"<span class="sg-error-inline" role="note"><code>{}</code> ({})</span>"#,
        escape_inline_text(original),
        escape_inline_text(message)
    ))
}

fn escape_inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_text(text).chars() {
        match c {
            '[' | ']' | '(' | ')' | '*' | '_' | '`' | '!' | '\\' | '~' | '{' | '}' | '|' => {
                out.push_str(&format!("&#{};", c as u32));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(md: &str) -> String {
        render_inline(md, MarkdownStyle::default()).into_string()
    }

    fn block(md: &str) -> String {
        render_block(md, MarkdownStyle::default()).into_string()
    }

    #[test]
    fn inline_markdown_renders_without_a_paragraph() {
        assert_eq!(inline("Use `aws s3 ls` **now**"), "Use <code>aws s3 ls</code> <strong>now</strong>");
    }

    #[test]
    fn smart_punctuation_matches_mdbook() {
        assert_eq!(inline("the function's output -- yes"), "the function’s output – yes");
        let plain =
            render_inline("it's", MarkdownStyle { smart_punctuation: false, ..MarkdownStyle::default() })
                .into_string();
        assert_eq!(plain, "it's");
    }

    #[test]
    fn links_are_kept_and_scripts_are_not() {
        let html = inline("[docs](https://docs.aws.amazon.com/) <script>alert(1)</script>");
        assert!(html.contains(r#"<a href="https://docs.aws.amazon.com/""#), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn text_without_raw_html_or_links_skips_the_sanitiser_and_stays_escaped() {
        let samples = [
            "Lambda's limit is **15 minutes** (900 s), not *30*.",
            "a < b && c > d: `<script>alert(1)</script>` ~~old~~",
            "First paragraph.\n\nSecond, with \"quotes\" and 'apostrophes'.",
            "&lt;script&gt; stays text; so does &amp;",
        ];
        for md in samples {
            let html = block(md);
            assert!(!html.contains("<script"), "{html}");
            // What ammonia would make of it is the same.
            assert_eq!(sanitizer().clean(&html).to_string(), html, "{md}");
        }
        assert_eq!(block("a < b `<i>`"), "<p>a &lt; b <code>&lt;i&gt;</code></p>");
    }

    #[test]
    fn hostile_html_is_sanitised() {
        for vector in [
            r#"<img src=x onerror="alert(1)">"#,
            "[x](javascript:alert(1))",
            r#"<a href="javascript:alert(1)">x</a>"#,
            "<svg><script>alert(1)</script></svg>",
            r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
            r#""><script>alert(1)</script>"#,
            "<iframe src=javascript:alert(1)>",
        ] {
            let html = block(vector);
            let lower = html.to_lowercase();
            assert!(!lower.contains("<script"), "{vector} -> {html}");
            assert!(!lower.contains("onerror"), "{vector} -> {html}");
            assert!(!lower.contains("javascript:"), "{vector} -> {html}");
            assert!(!lower.contains("<iframe"), "{vector} -> {html}");
        }
    }

    #[test]
    fn code_blocks_keep_their_language_for_highlighting() {
        let html = block("```bash\naws lambda list-functions\n```");
        assert!(html.contains(r#"<code class="language-bash">"#), "{html}");
    }

    #[test]
    fn markdown_renders_as_mdbook_renders_the_chapter() {
        let tip = block("> [!TIP]\n> Use **SnapStart**.");
        assert_eq!(
            tip,
            "<blockquote class=\"blockquote-tag blockquote-tag-tip\"><p class=\"blockquote-tag-title\">Tip</p>\n<p>Use <strong>SnapStart</strong>.</p>\n</blockquote>"
        );
        let terms = block("Cold start\n: The first invocation of a new execution environment.");
        assert!(terms.starts_with("<dl>\n<dt>Cold start</dt>\n<dd>The first invocation"), "{terms}");
        let heading = block("### Concurrency {#reserved-concurrency}");
        assert_eq!(heading, "<h3 id=\"reserved-concurrency\">Concurrency</h3>");
        // An id in raw HTML could clobber the page's own; it is dropped.
        assert_eq!(block("<h1 id=\"injected\">x</h1>"), "<h1>x</h1>");
        let plain = MarkdownStyle { admonitions: false, definition_lists: false, ..MarkdownStyle::default() };
        assert!(!render_block("> [!TIP]\n> x", plain).as_str().contains("blockquote-tag"));
    }

    #[test]
    fn inline_text_escapes_markdown_punctuation() {
        assert_eq!(
            inline_error("[x](javascript:y) *b* <i>", "bad").as_str(),
            "<span class=\"sg-error-inline\" role=\"note\"><code>&#91;x&#93;&#40;javascript:y&#41; &#42;b&#42; &lt;i&gt;</code> (bad)</span>"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(to_plain_text("Use `x` and **bold** [link](y)"), "Use x and bold link");
    }
}
